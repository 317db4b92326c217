//! Help-center routes: search, articles, votes, the site's rules and catalog, suggestions, and the agent's
//! content reload.

use crate::address::AddressKey;
use crate::error::AppError;
use crate::help::{self, SearchParams};
use crate::limits;
use crate::routes::extract::{Agent, AppJson, ClientAddress};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use signpost_core::help::{Article, FeedbackRequest, SearchResponse, SiteConfig};
use signpost_core::suggest::{SuggestionsRequest, SuggestionsResponse};

/// `/v1/search`, `/v1/articles/…`, `/v1/site`, `/v1/suggestions` and the agent's reload.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/search", get(search))
        .route("/v1/articles/{id}", get(article))
        .route("/v1/articles/{id}/feedback", post(feedback))
        .route("/v1/site", get(site))
        .route("/v1/suggestions", post(suggest))
        .route("/v1/agent/content/reload", post(reload))
}

async fn search(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchResponse>, AppError> {
    state.limits.searches.hit(AddressKey::of(address))?;
    Ok(Json(help::search(&state.content, params).await?))
}

#[derive(Deserialize)]
struct LocaleParams {
    locale: Option<String>,
}

async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<LocaleParams>,
) -> Result<Json<Article>, AppError> {
    let locale = params.locale.as_deref().unwrap_or("en");
    state
        .content
        .current()
        .article(&id, locale)
        .map(Json)
        .ok_or(AppError::NotFound)
}

async fn site(
    State(state): State<AppState>,
    Query(params): Query<LocaleParams>,
) -> Json<SiteConfig> {
    let locale = params.locale.as_deref().unwrap_or("en");
    Json(state.content.current().site_config(locale))
}

async fn suggest(
    State(state): State<AppState>,
    AppJson(request): AppJson<SuggestionsRequest>,
) -> Json<SuggestionsResponse> {
    Json(help::suggestions(&state.content, &request))
}

async fn feedback(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ClientAddress(address): ClientAddress,
    AppJson(vote): AppJson<FeedbackRequest>,
) -> Result<StatusCode, AppError> {
    help::check_vote(&vote)?;
    if state.content.current().summary(&id, "en").is_none() {
        return Err(AppError::NotFound);
    }
    let limit = (
        limits::key("votes/address", AddressKey::of(address)),
        state.limits.votes,
    );
    help::record_feedback(&state.db, &id, &vote, &limit).await??;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize)]
struct Reloaded {
    articles: usize,
}

async fn reload(_agent: Agent, State(state): State<AppState>) -> Result<Json<Reloaded>, AppError> {
    let articles = state.content.reload().await?;
    Ok(Json(Reloaded { articles }))
}
