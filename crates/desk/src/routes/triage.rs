//! The triage model, for operators: `POST /v1/agent/triage/models` trains a new version from the seed and every
//! correction, `GET /v1/agent/triage/models` lists the stored versions.

use crate::error::AppError;
use crate::routes::extract::Agent;
use crate::state::AppState;
use crate::triage::{self, ModelVersion, Trained};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

/// The model routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/v1/agent/triage/models", get(versions).post(train))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(train, versions))]
pub struct Api;

#[utoipa::path(post, path = "/v1/agent/triage/models", operation_id = "train_triage_model", tag = "agent",
    responses(
        (status = 200, description = "What training did: the new version and its accuracy on held-back examples, or the current version kept when the new one scored clearly worse.", body = Trained),
    ))]
async fn train(_agent: Agent, State(state): State<AppState>) -> Result<Json<Trained>, AppError> {
    let content = state.content.current();
    let trained = triage::train(&state.db, &state.triage_models, content.triage_seed()).await?;
    tracing::info!(
        version = trained.version,
        stored = trained.stored,
        accuracy = trained.accuracy,
        "triage model trained"
    );
    Ok(Json(trained))
}

#[utoipa::path(get, path = "/v1/agent/triage/models", operation_id = "triage_models", tag = "agent",
    responses(
        (status = 200, description = "Every stored model version, newest first.", body = Vec<ModelVersion>),
    ))]
async fn versions(
    _agent: Agent,
    State(state): State<AppState>,
) -> Result<Json<Vec<ModelVersion>>, AppError> {
    Ok(Json(triage::versions(&state.db).await?))
}
