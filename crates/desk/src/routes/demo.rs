//! The demo host pages: a marketplace's checkout, order and onboarding pages with the widget embedded by its
//! script tag, served under the strict Content-Security-Policy we tell marketplaces the widget works with.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::AppError;

/// The strictest policy the widget supports when served from the page's own origin: no HTML assigned as text
/// either (Trusted Types with no policy), so every end-to-end test on a demo page shows the widget needs none.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                              img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; \
                              require-trusted-types-for 'script'; trusted-types 'none'";

const PAGES: [&str; 3] = ["checkout", "order", "onboarding"];

/// `/demo/…` routes, reading files from `dir` on each request so edits show at once.
pub fn router(dir: PathBuf) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::temporary("/demo/checkout") }))
        .route("/demo/{page}", get(page))
        .route("/demo/assets/{file}", get(asset))
        .with_state(Arc::new(dir))
}

async fn page(
    State(dir): State<Arc<PathBuf>>,
    Path(page): Path<String>,
) -> Result<Response, AppError> {
    if !PAGES.contains(&page.as_str()) {
        return Err(AppError::NotFound);
    }
    let html = read(&dir.join(format!("{page}.html"))).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(STRICT_CSP),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        html,
    )
        .into_response())
}

async fn asset(
    State(dir): State<Arc<PathBuf>>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    // Only plain file names: no separators, no dot files, so nothing outside the folder is reachable.
    let content_type = match file.rsplit_once('.').map(|(_, ext)| ext) {
        _ if file.contains(['/', '\\']) || file.starts_with('.') => return Err(AppError::NotFound),
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => return Err(AppError::NotFound),
    };
    let body = read(&dir.join("assets").join(&file)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response())
}

async fn read(path: &std::path::Path) -> Result<Vec<u8>, AppError> {
    match tokio::fs::read(path).await {
        Ok(bytes) => Ok(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(AppError::NotFound),
        Err(err) => Err(anyhow::Error::new(err)
            .context(format!("reading {}", path.display()))
            .into()),
    }
}
