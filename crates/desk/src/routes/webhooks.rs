//! `GET /v1/agent/webhooks?state=pending|delivered|dead`: the webhook outbox, for operators.

use crate::error::AppError;
use crate::routes::extract::Agent;
use crate::state::AppState;
use crate::webhooks::{self, OutboxEntry, OutboxState};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

/// The outbox route.
pub fn router() -> Router<AppState> {
    Router::new().route("/v1/agent/webhooks", get(list))
}

#[derive(Deserialize)]
struct ListQuery {
    /// `pending` (default), `delivered` or `dead`.
    state: Option<String>,
}

async fn list(
    _agent: Agent,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<OutboxEntry>>, AppError> {
    let wanted = OutboxState::parse(query.state.as_deref().unwrap_or("pending"))?;
    Ok(Json(webhooks::outbox(&state.db, wanted).await?))
}
