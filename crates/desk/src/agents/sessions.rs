//! Console sign-in sessions, in the database so that whichever replica serves a request knows them. The browser
//! holds the session's secret in an `HttpOnly` cookie; the database holds its digest.

use super::secret::{self, Kind};
use super::{ACCOUNT_COLUMNS, Account, AccountRow};
use crate::clock::now_unix;
use crate::db::Db;
use crate::error::AppError;
use crate::with_pool;

/// How long sessions last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionRules {
    /// A session unused this long ends.
    pub idle_seconds: i64,
    /// A session ends this long after sign-in, however busy.
    pub max_seconds: i64,
}

/// Seen-at is written at most this often, so a busy console does not write on every request.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// A new session for agent `agent_id`: the secret for its cookie.
pub async fn start(db: &Db, agent_id: i64) -> Result<String, AppError> {
    let token = secret::new_secret(Kind::Session);
    let now = now_unix();
    let sql = "INSERT INTO agent_sessions (digest, agent_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)";
    with_pool!(db, pool => sqlx::query(sql)
        .bind(secret::digest(&token)).bind(agent_id).bind(now).execute(pool).await.map(drop))?;
    Ok(token)
}

/// The agent whose live session `token` is; `None` for a session that is unknown, ended, idle too long, too
/// old, or whose agent is disabled.
pub async fn agent(db: &Db, token: &str, rules: SessionRules) -> Result<Option<Account>, AppError> {
    if !token.starts_with(Kind::Session.prefix()) {
        return Ok(None);
    }
    let now = now_unix();
    let digest = secret::digest(token);
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS}, s.last_seen_at FROM agent_sessions s JOIN agents a ON a.id = s.agent_id \
         WHERE s.digest = $1 AND s.last_seen_at > $2 AND s.created_at > $3 AND a.disabled_at IS NULL"
    );
    #[derive(sqlx::FromRow)]
    struct SessionRow {
        #[sqlx(flatten)]
        account: AccountRow,
        last_seen_at: i64,
    }
    let row: Option<SessionRow> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(&digest).bind(now - rules.idle_seconds).bind(now - rules.max_seconds)
        .fetch_optional(pool).await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    if now - row.last_seen_at >= TOUCH_EVERY_SECONDS {
        let sql = "UPDATE agent_sessions SET last_seen_at = $2 WHERE digest = $1";
        with_pool!(db, pool => sqlx::query(sql).bind(&digest).bind(now).execute(pool).await.map(drop))?;
    }
    Ok(Some(Account::try_from(row.account)?))
}

/// Ends the session `token` (sign-out); nothing when there is none.
pub async fn end(db: &Db, token: &str) -> Result<(), AppError> {
    let sql = "DELETE FROM agent_sessions WHERE digest = $1";
    with_pool!(db, pool => sqlx::query(sql).bind(secret::digest(token)).execute(pool).await.map(drop))?;
    Ok(())
}

/// Deletes sessions that can no longer be used.
pub async fn forget_ended(db: &Db, rules: SessionRules) -> Result<u64, sqlx::Error> {
    let now = now_unix();
    let sql = "DELETE FROM agent_sessions WHERE last_seen_at <= $1 OR created_at <= $2";
    with_pool!(db, pool => sqlx::query(sql)
        .bind(now - rules.idle_seconds).bind(now - rules.max_seconds)
        .execute(pool).await.map(|done| done.rows_affected()))
}

/// Deletes ended sessions every ten minutes, on every replica (the delete is the same whoever runs it).
pub async fn forget_ended_forever(db: Db, rules: SessionRules) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        if let Err(err) = forget_ended(&db, rules).await {
            tracing::warn!(error = %err, "cannot delete ended console sessions");
        }
    }
}
