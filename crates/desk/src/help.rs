//! The help-center API: search, articles, "Was this helpful?" votes, and content reloads.

use crate::app::AppState;
use crate::auth::Agent;
use crate::content::HelpCenter;
use crate::db::Db;
use crate::error::AppError;
use crate::search::SearchRequest;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use signpost_core::check::{Check, Text};
use signpost_core::help::{Article, Audience, FeedbackRequest, SearchResponse, SiteConfig};
use signpost_core::rules::Clock;
use signpost_core::suggest::{SuggestionsRequest, SuggestionsResponse};
use signpost_core::wire::Problem;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// The help center being served, swapped whole on reload.
#[derive(Clone, Debug)]
pub struct Content {
    dir: PathBuf,
    current: Arc<RwLock<Arc<HelpCenter>>>,
}

impl Content {
    /// Loads `dir`. Fails only when the folder cannot be read at all.
    pub fn load(dir: PathBuf) -> anyhow::Result<Content> {
        let help = HelpCenter::load(&dir)?;
        Ok(Content {
            dir,
            current: Arc::new(RwLock::new(Arc::new(help))),
        })
    }

    /// The help center as of now; a reload does not disturb a request holding it.
    pub fn current(&self) -> Arc<HelpCenter> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Reads the folder again and swaps it in; on failure the old content stays.
    pub async fn reload(&self) -> anyhow::Result<usize> {
        let dir = self.dir.clone();
        let help = tokio::task::spawn_blocking(move || HelpCenter::load(&dir)).await??;
        let count = help.len();
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(help);
        Ok(count)
    }
}

/// `/v1/search`, `/v1/articles/…` and the agent's reload.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/search", get(search))
        .route("/v1/articles/{id}", get(article))
        .route("/v1/articles/{id}/feedback", post(feedback))
        .route("/v1/site", get(site))
        .route("/v1/suggestions", post(suggest))
        .route("/v1/agent/content/reload", post(reload))
}

const MAX_QUERY_CHARS: usize = 200;
const MAX_LIMIT: i64 = 20;

#[derive(Deserialize)]
struct SearchParams {
    #[serde(default)]
    q: String,
    locale: Option<String>,
    audience: Option<Audience>,
    limit: Option<i64>,
}

async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchResponse>, AppError> {
    let mut check = Check::new();
    check.text("q", &params.q, Text::line(MAX_QUERY_CHARS));
    let limit = params.limit.unwrap_or(10);
    check.in_range("limit", limit, 1, MAX_LIMIT);
    check.finish()?;
    let help = state.content.current();
    let results = tokio::task::spawn_blocking(move || {
        help.search(&SearchRequest {
            query: &params.q,
            language: params.locale.as_deref(),
            audience: params.audience,
            limit: limit as usize,
        })
    })
    .await
    .map_err(anyhow::Error::from)??;
    Ok(Json(SearchResponse { results }))
}

#[derive(Deserialize)]
struct ArticleParams {
    locale: Option<String>,
}

async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<ArticleParams>,
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
    Query(params): Query<ArticleParams>,
) -> Json<SiteConfig> {
    Json(
        state
            .content
            .current()
            .site_config(params.locale.as_deref().unwrap_or("en")),
    )
}

async fn suggest(
    State(state): State<AppState>,
    Json(request): Json<SuggestionsRequest>,
) -> Json<SuggestionsResponse> {
    let now = Clock {
        now_unix_seconds: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() as i64),
        utc_offset_minutes: 0,
    };
    Json(state.content.current().suggestions(&request, now))
}

async fn feedback(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(vote): Json<FeedbackRequest>,
) -> Result<StatusCode, AppError> {
    let mut check = Check::new();
    let session = &vote.session_id;
    if check.expect(
        session
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "session_id",
        Problem::NotUrlSafe,
    ) {
        check.expect(
            session.len() >= 8,
            "session_id",
            Problem::TooShort { min: 8 },
        );
        check.text("session_id", session, Text::line(64));
    }
    check.finish()?;
    if state.content.current().summary(&id, "en").is_none() {
        return Err(AppError::NotFound);
    }
    record_feedback(&state.db, &id, &vote).await?;
    Ok(StatusCode::CREATED)
}

async fn record_feedback(
    db: &Db,
    article: &str,
    vote: &FeedbackRequest,
) -> Result<(), sqlx::Error> {
    let insert = "INSERT INTO article_feedback (article_id, helpful, surface, session_id) VALUES ($1, $2, $3, $4)";
    crate::with_pool!(db, pool => sqlx::query(insert)
        .bind(article)
        .bind(vote.helpful)
        .bind(vote.surface.as_str())
        .bind(&vote.session_id)
        .execute(pool)
        .await
        .map(drop))
}

#[derive(Serialize)]
struct Reloaded {
    articles: usize,
}

async fn reload(_agent: Agent, State(state): State<AppState>) -> Result<Json<Reloaded>, AppError> {
    let articles = state.content.reload().await?;
    Ok(Json(Reloaded { articles }))
}
