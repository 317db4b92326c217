//! The site's webhook: every new ticket and message is POSTed to a configured URL, signed with HMAC-SHA256 over
//! the time of sending and the body, so a delivery cannot be replayed later (`docs/webhooks.md` shows receivers
//! how to check it). Each event is a typed [`WebhookEvent`], written to `webhook_outbox` by [`enqueue`] inside
//! the transaction of the change it reports; any desk process delivers it ([`deliver_forever`]): retried with
//! exponential backoff, dead-lettered after the last attempt. Redirects are not followed, and the URL (which may
//! hold a key) never reaches a log or `last_error` but redacted.

use crate::clock::{now_millis, now_unix, stamp_millis};
use crate::config::Secret;
use crate::db::Db;
use crate::identity::TicketIdentity;
use crate::with_pool;
use serde::Serialize;
use signpost_core::check::Check;
use signpost_core::tickets::{Author, Priority, Queue, TicketContext};
use signpost_core::wire::FieldError;
use std::time::Duration;

/// Where and how to deliver.
#[derive(Clone, Debug)]
pub struct WebhookSettings {
    pub url: String,
    pub secret: Secret,
    /// Attempts before an event is dead-lettered.
    pub max_attempts: i64,
}

/// The signature header: `t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<body>" with the shared secret>`.
pub const SIGNATURE_HEADER: &str = "x-signpost-signature";
/// The event name header, e.g. `ticket.created`.
pub const EVENT_HEADER: &str = "x-signpost-event";

const IDLE: Duration = Duration::from_secs(1);
const LEASE_MILLIS: i64 = 30_000;
const FIRST_BACKOFF_SECONDS: i64 = 5;
const MAX_BACKOFF_SECONDS: i64 = 3_600;

/// What the site is told, as the JSON body of one POST: `{"event": "ticket.created", "ticket": {…}}`.
#[derive(Debug, Serialize)]
#[serde(tag = "event")]
pub enum WebhookEvent<'a> {
    /// A ticket was filed.
    #[serde(rename = "ticket.created")]
    TicketCreated { ticket: FiledTicket<'a> },
    /// The user or an agent wrote in a ticket's thread.
    #[serde(rename = "ticket.message")]
    TicketMessage { message: PostedMessage<'a> },
}

impl WebhookEvent<'_> {
    /// The event's name, also sent as the [`EVENT_HEADER`].
    pub fn name(&self) -> &'static str {
        match self {
            WebhookEvent::TicketCreated { .. } => "ticket.created",
            WebhookEvent::TicketMessage { .. } => "ticket.message",
        }
    }
}

/// A filed ticket, as the site's webhook sees it.
#[derive(Debug, Serialize)]
pub struct FiledTicket<'a> {
    /// e.g. `SP-1042`.
    pub id: String,
    pub topic: &'a str,
    pub subject: &'a str,
    pub email: Option<&'a str>,
    /// Who the marketplace vouched for, or `null` for an anonymous ticket.
    pub identity: Option<TicketIdentity>,
    pub queue: Queue,
    pub priority: Priority,
    pub first_response_due: &'a str,
    /// The first message.
    pub message: &'a str,
    pub context: &'a TicketContext,
    pub created_at: &'a str,
}

/// A message written in a ticket's thread.
#[derive(Debug, Serialize)]
pub struct PostedMessage<'a> {
    /// The ticket's id, e.g. `SP-1042`.
    pub ticket: String,
    pub author: Author,
    pub body: &'a str,
    pub created_at: &'a str,
}

/// Queues `event` inside `tx`, the transaction of the change it reports, so the site hears of a change exactly
/// when it is committed.
#[tracing::instrument(level = "debug", skip_all, fields(event = event.name()))]
pub async fn enqueue<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    event: &WebhookEvent<'_>,
    now: &str,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'e> &'e mut DB::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> DB::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let payload = serde_json::to_string(event).map_err(|err| sqlx::Error::Encode(Box::new(err)))?;
    sqlx::query(
        "INSERT INTO webhook_outbox (event, payload, next_attempt_at, created_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(event.name().to_owned())
    .bind(payload)
    .bind(now.to_owned())
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// `hex(HMAC-SHA256(secret, "<timestamp>." + body))`: the signature of `body` sent at `timestamp` (seconds
/// since 1970).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut signed = format!("{timestamp}.").into_bytes();
    signed.extend_from_slice(body);
    crate::digest::hex(&crate::digest::hmac_sha256(secret.as_bytes(), &signed))
}

/// The [`SIGNATURE_HEADER`] of `body` sent at `timestamp`.
pub fn signature_header(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},sha256={}", sign(secret, timestamp, body))
}

/// An event taken for delivery.
#[derive(Debug, sqlx::FromRow)]
pub struct Due {
    pub id: i64,
    pub event: String,
    pub payload: String,
    pub attempts: i64,
}

/// Delivers due events for as long as the desk runs.
pub async fn deliver_forever(db: Db, settings: WebhookSettings) {
    // A redirect would send the signed event where the site did not say; the site configures its final URL.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client without custom TLS or proxies builds");
    loop {
        match claim(&db, now_millis()).await {
            Ok(Some(due)) => deliver(&db, &client, &settings, due).await,
            Ok(None) => tokio::time::sleep(IDLE).await,
            Err(err) => {
                tracing::warn!(error = %err, "webhook outbox unreadable");
                tokio::time::sleep(IDLE).await;
            }
        }
    }
}

/// Takes the oldest event due at `now_millis` under a lease, so no other process sends it meanwhile; an
/// expired lease (its holder died) makes the event due again.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn claim(db: &Db, now_millis: i64) -> Result<Option<Due>, sqlx::Error> {
    let now = stamp_millis(now_millis);
    let lease = stamp_millis(now_millis + LEASE_MILLIS);
    let sql = "UPDATE webhook_outbox SET lease_until = $2 WHERE id = (SELECT id FROM webhook_outbox \
               WHERE delivered_at IS NULL AND NOT dead AND next_attempt_at <= $1 \
               AND (lease_until IS NULL OR lease_until < $1) ORDER BY id LIMIT 1) \
               RETURNING id, event, payload, attempts";
    with_pool!(db, pool => sqlx::query_as::<_, Due>(sql).bind(&now).bind(&lease).fetch_optional(pool).await)
}

async fn deliver(db: &Db, client: &reqwest::Client, settings: &WebhookSettings, due: Due) {
    let signature = signature_header(settings.secret.expose(), now_unix(), due.payload.as_bytes());
    let outcome = client
        .post(&settings.url)
        .header("content-type", "application/json")
        .header(EVENT_HEADER, &due.event)
        .header(SIGNATURE_HEADER, signature)
        .body(due.payload.clone())
        .send()
        .await
        .map_err(crate::redact::http_error)
        .and_then(|r| match r.status() {
            status if status.is_success() => Ok(()),
            status if status.is_redirection() => Err(format!(
                "answered {status}; redirects are not followed: configure the final URL"
            )),
            status => Err(format!("answered {status}")),
        });
    let attempts = due.attempts + 1;
    let recorded = match outcome {
        Ok(()) => delivered(db, due.id, attempts).await,
        Err(error) => {
            let dead = attempts >= settings.max_attempts;
            let url = crate::redact::url(&settings.url);
            tracing::warn!(event = %due.event, id = due.id, attempts, dead, %url, %error, "webhook delivery failed");
            failed(db, due.id, attempts, &error, dead).await
        }
    };
    if let Err(err) = recorded {
        tracing::warn!(error = %err, "webhook outbox not updated; the event will be sent again");
    }
}

/// Records a delivery.
#[tracing::instrument(level = "debug", skip(db))]
async fn delivered(db: &Db, id: i64, attempts: i64) -> Result<(), sqlx::Error> {
    let sql = "UPDATE webhook_outbox SET delivered_at = $2, attempts = $3, lease_until = NULL WHERE id = $1";
    let now = stamp_millis(now_millis());
    with_pool!(db, pool => sqlx::query(sql).bind(id).bind(&now).bind(attempts).execute(pool).await.map(drop))
}

/// Records a failed attempt: the next one after an exponential backoff, or none (`dead`).
#[tracing::instrument(level = "debug", skip(db))]
async fn failed(
    db: &Db,
    id: i64,
    attempts: i64,
    error: &str,
    dead: bool,
) -> Result<(), sqlx::Error> {
    let backoff = (FIRST_BACKOFF_SECONDS << (attempts - 1).clamp(0, 20)).min(MAX_BACKOFF_SECONDS);
    let next = stamp_millis(now_millis() + backoff * 1_000);
    let sql = "UPDATE webhook_outbox SET attempts = $2, last_error = $3, next_attempt_at = $4, dead = $5, \
               lease_until = NULL WHERE id = $1";
    with_pool!(db, pool => sqlx::query(sql)
        .bind(id)
        .bind(attempts)
        .bind(error)
        .bind(&next)
        .bind(dead)
        .execute(pool)
        .await
        .map(drop))
}

/// Which events of the outbox an operator asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutboxState {
    Pending,
    Delivered,
    Dead,
}

impl OutboxState {
    /// The state named `name` (`pending`, `delivered` or `dead`), else the problem with the field `state`.
    pub fn parse(name: &str) -> Result<OutboxState, Vec<FieldError>> {
        let state = match name {
            "pending" => OutboxState::Pending,
            "delivered" => OutboxState::Delivered,
            "dead" => OutboxState::Dead,
            _ => {
                let mut check = Check::new();
                check.one_of("state", name, &["pending", "delivered", "dead"]);
                return Err(check.into_problems());
            }
        };
        Ok(state)
    }
}

/// One event of the outbox, as operators see it.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
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

/// The newest 200 events in `state`.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn outbox(db: &Db, state: OutboxState) -> Result<Vec<OutboxEntry>, sqlx::Error> {
    let filter = match state {
        OutboxState::Pending => "delivered_at IS NULL AND NOT dead",
        OutboxState::Delivered => "delivered_at IS NOT NULL",
        OutboxState::Dead => "dead",
    };
    let sql = format!(
        "SELECT id, event, attempts, next_attempt_at, last_error, delivered_at, dead, created_at \
         FROM webhook_outbox WHERE {filter} ORDER BY id DESC LIMIT 200"
    );
    with_pool!(db, pool => sqlx::query_as::<_, OutboxEntry>(&sql).fetch_all(pool).await)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_are_named_and_shaped_for_the_site() {
        let context = TicketContext {
            order_id: Some("A-1043".into()),
            ..TicketContext::default()
        };
        let created = WebhookEvent::TicketCreated {
            ticket: FiledTicket {
                id: "SP-1001".into(),
                topic: "refund",
                subject: "Refund",
                email: Some("ada@example.com"),
                identity: None,
                queue: Queue::Orders,
                priority: Priority::Normal,
                first_response_due: "2026-03-06T18:30:00.000Z",
                message: "Where is my money?",
                context: &context,
                created_at: "2026-03-06T17:30:00.000Z",
            },
        };
        assert_eq!(created.name(), "ticket.created");
        assert_eq!(
            serde_json::to_value(&created).unwrap(),
            json!({"event": "ticket.created", "ticket": {
                "id": "SP-1001", "topic": "refund", "subject": "Refund", "email": "ada@example.com",
                "identity": null, "queue": "orders", "priority": "normal",
                "first_response_due": "2026-03-06T18:30:00.000Z", "message": "Where is my money?",
                "context": {"order_id": "A-1043"}, "created_at": "2026-03-06T17:30:00.000Z"}})
        );
        let message = WebhookEvent::TicketMessage {
            message: PostedMessage {
                ticket: "SP-1001".into(),
                author: Author::Agent,
                body: "Refunded.",
                created_at: "2026-03-06T17:31:00.000Z",
            },
        };
        assert_eq!(message.name(), "ticket.message");
        assert_eq!(
            serde_json::to_value(&message).unwrap(),
            json!({"event": "ticket.message", "message": {"ticket": "SP-1001", "author": "agent",
                   "body": "Refunded.", "created_at": "2026-03-06T17:31:00.000Z"}})
        );
    }

    #[test]
    fn the_secret_never_prints() {
        let settings = WebhookSettings {
            url: "https://example.com/hook".into(),
            secret: "webhook-secret-value".into(),
            max_attempts: 8,
        };
        assert!(!format!("{settings:?}").contains("webhook-secret-value"));
    }

    #[test]
    fn outbox_states_are_named() {
        assert_eq!(OutboxState::parse("dead"), Ok(OutboxState::Dead));
        let problems = OutboxState::parse("alive").unwrap_err();
        assert_eq!(problems[0].field, "state");
    }

    #[test]
    fn signatures_cover_the_time_and_the_body() {
        // HMAC-SHA256("Jefe", "1772818200.{}"), computed with Python's hmac module.
        assert_eq!(
            sign("Jefe", 1_772_818_200, b"{}"),
            "3a7948badbe1fd77d7ed9d4eba9167c9d51c240d413ca2b1c4fb35d2db7a0ffa"
        );
        assert_ne!(
            sign("Jefe", 1_772_818_201, b"{}"),
            sign("Jefe", 1_772_818_200, b"{}")
        );
        assert_eq!(
            signature_header("Jefe", 1_772_818_200, b"{}"),
            format!("t=1772818200,sha256={}", sign("Jefe", 1_772_818_200, b"{}"))
        );
    }
}
