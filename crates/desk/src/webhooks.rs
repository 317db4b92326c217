//! The site's webhook: every new ticket and message is POSTed to a configured URL, signed with HMAC-SHA256.
//! Events are written to `webhook_outbox` in the same transaction as the change (see `tickets::store`), and any
//! desk process delivers them: retried with exponential backoff, dead-lettered after the last attempt.

use crate::app::AppState;
use crate::auth::Agent;
use crate::clock::{now_stamp, now_unix, stamp};
use crate::db::Db;
use crate::error::AppError;
use crate::with_pool;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use signpost_core::check::Check;
use std::time::Duration;

/// Where and how to deliver.
#[derive(Clone, Debug)]
pub struct WebhookConfig {
    pub url: String,
    pub secret: String,
    /// Attempts before an event is dead-lettered.
    pub max_attempts: i64,
}

/// The signature header: `sha256=<hex HMAC of the body with the shared secret>`.
pub const SIGNATURE_HEADER: &str = "x-signpost-signature";
/// The event name header, e.g. `ticket.created`.
pub const EVENT_HEADER: &str = "x-signpost-event";

const IDLE: Duration = Duration::from_secs(1);
const LEASE_SECONDS: i64 = 30;
const FIRST_BACKOFF_SECONDS: i64 = 5;
const MAX_BACKOFF_SECONDS: i64 = 3_600;

/// `hex(HMAC-SHA256(secret, body))`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Debug, sqlx::FromRow)]
struct Due {
    id: i64,
    event: String,
    payload: String,
    attempts: i64,
}

/// Delivers due events for as long as the desk runs.
pub async fn deliver_forever(db: Db, config: WebhookConfig) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_default();
    loop {
        match claim(&db).await {
            Ok(Some(due)) => deliver(&db, &client, &config, due).await,
            Ok(None) => tokio::time::sleep(IDLE).await,
            Err(err) => {
                tracing::warn!(error = %err, "webhook outbox unreadable");
                tokio::time::sleep(IDLE).await;
            }
        }
    }
}

/// Takes one due event under a lease, so no other process sends it meanwhile.
async fn claim(db: &Db) -> Result<Option<Due>, sqlx::Error> {
    let now = now_stamp();
    let lease = stamp(now_unix() + LEASE_SECONDS);
    let sql = "UPDATE webhook_outbox SET lease_until = $2 WHERE id = (SELECT id FROM webhook_outbox \
               WHERE delivered_at IS NULL AND NOT dead AND next_attempt_at <= $1 \
               AND (lease_until IS NULL OR lease_until < $1) ORDER BY id LIMIT 1) \
               RETURNING id, event, payload, attempts";
    with_pool!(db, pool => sqlx::query_as::<_, Due>(sql).bind(&now).bind(&lease).fetch_optional(pool).await)
}

async fn deliver(db: &Db, client: &reqwest::Client, config: &WebhookConfig, due: Due) {
    let outcome = client
        .post(&config.url)
        .header("content-type", "application/json")
        .header(EVENT_HEADER, &due.event)
        .header(
            SIGNATURE_HEADER,
            format!("sha256={}", sign(&config.secret, due.payload.as_bytes())),
        )
        .body(due.payload.clone())
        .send()
        .await
        .map_err(|err| err.to_string())
        .and_then(|r| {
            if r.status().is_success() {
                Ok(())
            } else {
                Err(format!("answered {}", r.status()))
            }
        });
    let attempts = due.attempts + 1;
    let result = match outcome {
        Ok(()) => {
            let sql = "UPDATE webhook_outbox SET delivered_at = $2, attempts = $3, lease_until = NULL WHERE id = $1";
            with_pool!(db, pool => sqlx::query(sql).bind(due.id).bind(now_stamp()).bind(attempts).execute(pool).await.map(drop))
        }
        Err(error) => {
            let dead = attempts >= config.max_attempts;
            let backoff =
                (FIRST_BACKOFF_SECONDS << (attempts - 1).clamp(0, 20)).min(MAX_BACKOFF_SECONDS);
            tracing::warn!(event = %due.event, id = due.id, attempts, dead, %error, "webhook delivery failed");
            let sql = "UPDATE webhook_outbox SET attempts = $2, last_error = $3, next_attempt_at = $4, dead = $5, \
                       lease_until = NULL WHERE id = $1";
            with_pool!(db, pool => sqlx::query(sql)
                .bind(due.id)
                .bind(attempts)
                .bind(&error)
                .bind(stamp(now_unix() + backoff))
                .bind(dead)
                .execute(pool)
                .await
                .map(drop))
        }
    };
    if let Err(err) = result {
        tracing::warn!(error = %err, "webhook outbox not updated; the event will be sent again");
    }
}

/// `/v1/agent/webhooks`: the outbox, for operators.
pub fn router() -> Router<AppState> {
    Router::new().route("/v1/agent/webhooks", get(list))
}

#[derive(Deserialize)]
struct ListQuery {
    /// `pending` (default), `delivered` or `dead`.
    state: Option<String>,
}

/// One event of the outbox.
#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct OutboxEntry {
    pub id: i64,
    pub event: String,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub delivered_at: Option<String>,
    pub dead: bool,
    pub created_at: String,
}

async fn list(
    _agent: Agent,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<OutboxEntry>>, AppError> {
    let state_name = query.state.as_deref().unwrap_or("pending");
    let mut check = Check::new();
    check.one_of("state", state_name, &["pending", "delivered", "dead"]);
    check.finish()?;
    let filter = match state_name {
        "pending" => "delivered_at IS NULL AND NOT dead",
        "delivered" => "delivered_at IS NOT NULL",
        _ => "dead",
    };
    let sql = format!(
        "SELECT id, event, attempts, next_attempt_at, last_error, delivered_at, dead, created_at \
         FROM webhook_outbox WHERE {filter} ORDER BY id DESC LIMIT 200"
    );
    let rows = with_pool!(&state.db, pool => sqlx::query_as::<_, OutboxEntry>(&sql).fetch_all(pool).await)?;
    Ok(Json(rows))
}
