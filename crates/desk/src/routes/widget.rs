//! Widget routes: `/widget/loader.js` (short cache, names the build) and the build's files under
//! `/widget/<version>/` (cached forever), each precompressed, with ETags.

use crate::error::AppError;
use crate::widget::{Asset, WidgetAssets};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

/// `/widget/…` routes.
pub fn router(assets: Arc<WidgetAssets>) -> Router {
    Router::new()
        .route("/widget/loader.js", get(loader))
        .route("/widget/{version}/{file}", get(file))
        .with_state(assets)
}

async fn loader(State(assets): State<Arc<WidgetAssets>>, headers: HeaderMap) -> Response {
    // Short-lived: a new build reaches every page within five minutes.
    respond(assets.loader(), &headers, "public, max-age=300")
}

async fn file(
    State(assets): State<Arc<WidgetAssets>>,
    Path((version, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match assets.file(&version, &file) {
        Some(asset) => respond(asset, &headers, "public, max-age=31536000, immutable"),
        None => AppError::NotFound.into_response(),
    }
}

/// The response for a request with these headers: 304 when the client has it, else the best encoding.
pub(crate) fn respond(asset: &Asset, request: &HeaderMap, cache_control: &'static str) -> Response {
    let etag =
        HeaderValue::from_str(&asset.etag).expect("a quoted hex ETag is a valid header value");
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers.insert(header::ETAG, etag.clone());
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    // Public files: any page may load the widget, including cross-origin module and wasm fetches.
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    if request.get(header::IF_NONE_MATCH) == Some(&etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    let accept_encoding = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let (encoding, body) = asset.encoded(accept_encoding);
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    (headers, body).into_response()
}
