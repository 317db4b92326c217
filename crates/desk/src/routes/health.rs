//! `GET /healthz`: the desk is up and its database answers.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use signpost_core::wire::Health;

/// `/healthz`.
pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz))
}

/// This route's part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(healthz))]
pub struct Api;

#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, description = "The desk is up and its database answers.", body = Health)))]
async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state.db.ping().await?;
    Ok(Json(Health {
        status: "ok".to_owned(),
        database: state.db.backend().to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        widget: state.widget.version().to_owned(),
        status_upstream: state.status.upstream_health(),
    }))
}
