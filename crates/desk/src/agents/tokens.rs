//! Per-agent API tokens for the CLI and automations: shown once when made, stored as a digest, revocable.

use super::secret::{self, Kind};
use super::{ACCOUNT_COLUMNS, Account, AccountRow};
use crate::clock::now_stamp;
use crate::db::Db;
use crate::error::AppError;
use crate::with_pool;
use serde::Serialize;
use signpost_core::check::{Check, Text};

/// One token as listed (never the token itself).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct TokenInfo {
    pub id: i64,
    pub label: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

const LABEL_MAX_CHARS: usize = 80;

/// A new token for agent `agent_id`, labelled (`cli`, `zapier`): its id and the token, which is never shown
/// again.
pub async fn issue(db: &Db, agent_id: i64, label: &str) -> Result<(i64, String), AppError> {
    let mut check = Check::new();
    let label = check.text("label", label, Text::line(LABEL_MAX_CHARS).required());
    check.finish()?;
    let label = label.unwrap_or_default();
    let token = secret::new_secret(Kind::ApiToken);
    let sql = "INSERT INTO agent_tokens (agent_id, label, digest, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
    let id: i64 = with_pool!(db, pool => sqlx::query_scalar(sql)
        .bind(agent_id).bind(label).bind(secret::digest(&token)).bind(now_stamp())
        .fetch_one(pool).await)?;
    Ok((id, token))
}

/// Agent `agent_id`'s tokens, newest first.
pub async fn of_agent(db: &Db, agent_id: i64) -> Result<Vec<TokenInfo>, AppError> {
    let sql = "SELECT id, label, created_at, last_used_at, revoked_at FROM agent_tokens WHERE agent_id = $1 ORDER BY id DESC";
    let tokens: Vec<TokenInfo> =
        with_pool!(db, pool => sqlx::query_as(sql).bind(agent_id).fetch_all(pool).await)?;
    Ok(tokens)
}

/// Revokes token `id`; false when there is no such token or it was already revoked.
pub async fn revoke(db: &Db, id: i64) -> Result<bool, AppError> {
    let sql = "UPDATE agent_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
    let changed = with_pool!(db, pool => sqlx::query(sql).bind(id).bind(now_stamp()).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(changed == 1)
}

/// The agent whose live token `token` is (not revoked, agent not disabled); notes when it was last used.
pub async fn agent(db: &Db, token: &str) -> Result<Option<Account>, AppError> {
    if !token.starts_with(Kind::ApiToken.prefix()) {
        return Ok(None);
    }
    let digest = secret::digest(token);
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS} FROM agent_tokens t JOIN agents a ON a.id = t.agent_id \
         WHERE t.digest = $1 AND t.revoked_at IS NULL AND a.disabled_at IS NULL"
    );
    let row: Option<AccountRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(&digest).fetch_optional(pool).await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let sql = "UPDATE agent_tokens SET last_used_at = $2 WHERE digest = $1";
    with_pool!(db, pool => sqlx::query(sql).bind(&digest).bind(now_stamp()).execute(pool).await.map(drop))?;
    Ok(Some(Account::try_from(row)?))
}
