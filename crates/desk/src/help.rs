//! The help center as served: the content folder (swapped whole on reload), search with its limits, "Was this
//! helpful?" votes and suggestions. The HTTP side is `routes::help`.

use crate::content::HelpCenter;
use crate::db::{BeginWrite, Db};
use crate::error::AppError;
use crate::limits::{self, Limited, RateLimit};
use crate::search::SearchRequest;
use serde::Deserialize;
use signpost_core::check::{Check, Text};
use signpost_core::help::{Audience, FeedbackRequest, QUERY_MAX_CHARS, SearchResponse};
use signpost_core::rules::Clock;
use signpost_core::suggest::{SuggestionsRequest, SuggestionsResponse};
use signpost_core::wire::{FieldError, Problem};
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

/// The most results one search returns.
const MAX_LIMIT: i64 = 20;

/// `GET /v1/search?q=&locale=&audience=&limit=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub locale: Option<String>,
    pub audience: Option<Audience>,
    /// 1–20, default 10.
    pub limit: Option<i64>,
}

/// The articles that best match `params`, best first.
pub async fn search(content: &Content, params: SearchParams) -> Result<SearchResponse, AppError> {
    let mut check = Check::new();
    check.text("q", &params.q, Text::line(QUERY_MAX_CHARS));
    let limit = params.limit.unwrap_or(10);
    check.in_range("limit", limit, 1, MAX_LIMIT);
    check.finish()?;
    let help = content.current();
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
    Ok(SearchResponse { results })
}

/// The suggestions for `request`, by the site's rules as of now.
pub fn suggestions(content: &Content, request: &SuggestionsRequest) -> SuggestionsResponse {
    let now = Clock {
        now_unix_seconds: crate::clock::now_unix(),
        utc_offset_minutes: 0,
    };
    content.current().suggestions(request, now)
}

/// Every problem with a vote: its session id is 8–64 characters of `A–Z a–z 0–9 - _`.
pub fn check_vote(vote: &FeedbackRequest) -> Result<(), Vec<FieldError>> {
    let mut check = Check::new();
    let session = &vote.session_id;
    let url_safe = session
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if check.expect(url_safe, "session_id", Problem::NotUrlSafe) {
        check.expect(
            session.len() >= 8,
            "session_id",
            Problem::TooShort { min: 8 },
        );
        check.text("session_id", session, Text::line(64));
    }
    check.finish()
}

/// Stores a vote on `article`, counted against `limit` (key and limit) in the same transaction: past it,
/// nothing is stored.
#[tracing::instrument(level = "debug", skip(db, vote))]
pub async fn record_feedback(
    db: &Db,
    article: &str,
    vote: &FeedbackRequest,
    limit: &(String, RateLimit),
) -> Result<Result<(), Limited>, sqlx::Error> {
    let insert = "INSERT INTO article_feedback (article_id, helpful, surface, session_id) VALUES ($1, $2, $3, $4)";
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if let Err(limited) = limits::count_in(&mut tx, &limit.0, limit.1).await? {
            tx.rollback().await?;
            return Ok(Err(limited));
        }
        sqlx::query(insert)
            .bind(article)
            .bind(vote.helpful)
            .bind(vote.surface.as_str())
            .bind(&vote.session_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await.map(Ok)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::embed::Surface;

    fn vote(session_id: &str) -> FeedbackRequest {
        FeedbackRequest {
            helpful: true,
            surface: Surface::Order,
            session_id: session_id.into(),
        }
    }

    #[test]
    fn session_ids_are_8_to_64_url_safe_characters() {
        assert_eq!(check_vote(&vote("tab-1234_abcd")), Ok(()));
        assert_eq!(check_vote(&vote(&"a".repeat(64))), Ok(()));
        let problem = |id: &str| check_vote(&vote(id)).unwrap_err()[0].problem.clone();
        assert_eq!(problem("short"), Problem::TooShort { min: 8 });
        assert_eq!(problem(""), Problem::TooShort { min: 8 });
        assert_eq!(problem(&"a".repeat(65)), Problem::TooLong { max: 64 });
        assert_eq!(problem("tab 1234 abcd"), Problem::NotUrlSafe);
        assert_eq!(problem("tab-1234\nabcd"), Problem::NotUrlSafe);
    }
}
