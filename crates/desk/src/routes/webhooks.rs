//! `GET /v1/agent/webhooks?state=pending|delivered|dead`: the webhook outbox, for operators.

use crate::error::AppError;
use crate::routes::extract::Agent;
use crate::state::AppState;
use crate::webhooks::{self, OutboxEntry, OutboxState};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use signpost_core::wire::ErrorBody;

/// The outbox route.
pub fn router() -> Router<AppState> {
    Router::new().route("/v1/agent/webhooks", get(list))
}

/// This route's part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(list))]
pub struct Api;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// `pending` (default), `delivered` or `dead`.
    state: Option<String>,
}

#[utoipa::path(get, path = "/v1/agent/webhooks", operation_id = "webhook_outbox", tag = "agent", params(ListQuery),
    responses(
        (status = 200, description = "The newest 200 events in that state.", body = Vec<OutboxEntry>),
        (status = 422, description = "`validation_failed`: an unknown `state`.", body = ErrorBody),
    ))]
async fn list(
    _agent: Agent,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<OutboxEntry>>, AppError> {
    let wanted = OutboxState::parse(query.state.as_deref().unwrap_or("pending"))?;
    Ok(Json(webhooks::outbox(&state.db, wanted).await?))
}
