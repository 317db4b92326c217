//! `/console/`: the agents' console, a Leptos app. Its files are public (only its API calls need a session);
//! the page itself is never cached, so a new build reaches agents at their next load.

use crate::console_files::ConsoleFiles;
use crate::error::AppError;
use crate::routes::widget::respond;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::sync::Arc;

/// `/console/…` routes.
pub fn router(files: Arc<ConsoleFiles>) -> Router {
    Router::new()
        .route(
            "/console",
            get(|| async { Redirect::permanent("/console/") }),
        )
        .route("/console/", get(page))
        .route("/console/{file}", get(file))
        .with_state(files)
}

async fn page(State(files): State<Arc<ConsoleFiles>>, headers: HeaderMap) -> Response {
    let Some(page) = files.page() else {
        return AppError::NotFound.into_response();
    };
    let mut response = respond(page, &headers, "no-cache");
    let policy = HeaderValue::from_str(files.policy()).expect("the policy is ASCII");
    let set = response.headers_mut();
    set.insert(header::CONTENT_SECURITY_POLICY, policy);
    set.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    set.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

async fn file(
    State(files): State<Arc<ConsoleFiles>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    match files.file(&name) {
        // Trunk names each build's files by their hash.
        Some(asset) => respond(asset, &headers, "public, max-age=31536000, immutable"),
        None => AppError::NotFound.into_response(),
    }
}
