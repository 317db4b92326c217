//! Help-center routes: search, articles, votes, the site's rules and catalog, guided flows, suggestions, and
//! the agent's content reload.

use crate::address::AddressKey;
use crate::agents;
use crate::error::AppError;
use crate::experiments;
use crate::help::{self, SearchParams};
use crate::limits;
use crate::routes::extract::{Admin, AppJson, ClientAddress};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use signpost_core::check::Check;
use signpost_core::flows::FlowDocument;
use signpost_core::help::{Article, FeedbackRequest, SearchResponse, SiteConfig};
use signpost_core::suggest::{SuggestionsRequest, SuggestionsResponse};
use signpost_core::wire::ErrorBody;

/// `/v1/search`, `/v1/articles/…`, `/v1/site`, `/v1/flows/…`, `/v1/suggestions` and the agent's reload.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/search", get(search))
        .route("/v1/articles/{id}", get(article))
        .route("/v1/articles/{id}/feedback", post(feedback))
        .route("/v1/site", get(site))
        .route("/v1/flows/{id}", get(flow))
        .route("/v1/suggestions", post(suggest))
        .route("/v1/agent/content/reload", post(reload))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(search, article, feedback, site, flow, suggest, reload))]
pub struct Api;

#[utoipa::path(get, path = "/v1/search", tag = "help", params(SearchParams),
    responses(
        (status = 200, description = "The best matches, best first.", body = SearchResponse),
        (status = 422, description = "`validation_failed`: `q` too long, or `limit` out of range.", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many searches from this address.", body = ErrorBody),
    ))]
async fn search(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchResponse>, AppError> {
    state.limits.searches.hit(AddressKey::of(address))?;
    Ok(Json(help::search(&state.content, params).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LocaleParams {
    /// A language tag such as `en` or `pt-BR` (default `en`).
    locale: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ArticleParams {
    /// A language tag such as `en` or `pt-BR` (default `en`).
    locale: Option<String>,
    /// The user's variant in the experiment on the article's text (`experiment` in the answer without it):
    /// its title and text under the article's id. 0, the default, is the article's own.
    variant: Option<i64>,
}

/// More variants than any split has: a variant beyond its experiment's gets the article's own text.
const MAX_VARIANT: i64 = 99;

#[utoipa::path(get, path = "/v1/articles/{id}", tag = "help", params(("id" = String, Path, description = "The article's id."), ArticleParams),
    responses(
        (status = 200, description = "The article in the locale asked for, or the nearest one.", body = Article),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `variant` out of range.", body = ErrorBody),
    ))]
async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<ArticleParams>,
) -> Result<Json<Article>, AppError> {
    let locale = params.locale.as_deref().unwrap_or("en");
    let variant = params.variant.unwrap_or(0);
    let mut check = Check::new();
    check.in_range("variant", variant, 0, MAX_VARIANT);
    check.finish()?;
    let content = state.content.current();
    let article = if variant == 0 {
        content.article(&id, locale)
    } else {
        let stopped = experiments::state::stopped(&state.db).await?;
        content.article_variant(&id, locale, variant as u32, &stopped)
    };
    article.map(Json).ok_or(AppError::NotFound)
}

#[utoipa::path(get, path = "/v1/site", tag = "help", params(LocaleParams),
    responses((status = 200, description = "The site's rules, articles, status components and response targets.", body = SiteConfig)))]
async fn site(
    State(state): State<AppState>,
    Query(params): Query<LocaleParams>,
) -> Json<SiteConfig> {
    let locale = params.locale.as_deref().unwrap_or("en");
    Json(state.content.current().site_config(locale))
}

#[utoipa::path(get, path = "/v1/flows/{id}", tag = "help", params(("id" = String, Path, description = "The flow's id: its file name in the content folder's `flows/` without `.toml`.")),
    responses(
        (status = 200, description = "The flow file as JSON, `{\"id\", \"file\"}`, every language in it: the widget checks and runs it.", body = Object),
        (status = 404, description = "`not_found`: no such flow, or its file was refused at load.", body = ErrorBody),
    ))]
async fn flow(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<FlowDocument>, AppError> {
    let content = state.content.current();
    content
        .flow(&id)
        .cloned()
        .map(Json)
        .ok_or(AppError::NotFound)
}

#[utoipa::path(post, path = "/v1/suggestions", tag = "help", request_body = SuggestionsRequest,
    responses((status = 200, description = "What to suggest for this context.", body = SuggestionsResponse)))]
async fn suggest(
    State(state): State<AppState>,
    AppJson(request): AppJson<SuggestionsRequest>,
) -> Json<SuggestionsResponse> {
    Json(help::suggestions(&state.content, &request))
}

#[utoipa::path(post, path = "/v1/articles/{id}/feedback", tag = "help", params(("id" = String, Path, description = "The article's id.")),
    request_body = FeedbackRequest,
    responses(
        (status = 201, description = "The vote is recorded."),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many votes from this address.", body = ErrorBody),
    ))]
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

#[derive(Serialize, utoipa::ToSchema)]
struct Reloaded {
    /// How many articles the help center has now.
    articles: usize,
}

#[utoipa::path(post, path = "/v1/agent/content/reload", tag = "agent",
    responses((status = 200, description = "The help center is read again from its folder.", body = Reloaded)))]
async fn reload(
    Admin(actor): Admin,
    State(state): State<AppState>,
) -> Result<Json<Reloaded>, AppError> {
    let articles = state.content.reload().await?;
    let detail = serde_json::json!({ "articles": articles });
    agents::record(&state.db, &actor, "content_reload", None, detail).await?;
    Ok(Json(Reloaded { articles }))
}
