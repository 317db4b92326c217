//! Ticket storage. Every statement is written once for both backends (see `crate::db`). A change the site's
//! webhook hears of queues its event in the same transaction (see `crate::webhooks`).

use crate::db::{BeginWrite, Db};
use crate::identity::TicketIdentity;
use crate::limits::{self, Limited, RateLimit};
use crate::webhooks::{self, FiledTicket, PostedMessage, WebhookEvent};
use crate::with_pool;
use signpost_core::context::Role;
use signpost_core::identity::Identity;
use signpost_core::tickets::{
    Author, Priority, Queue, Satisfaction, TicketContext, TicketStatus, TriageReason, ticket_id,
};

/// A stored ticket, without its messages.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TicketRow {
    pub number: i64,
    pub request_hash: String,
    pub topic: String,
    pub subject: String,
    pub email: Option<String>,
    pub status: String,
    pub queue: String,
    pub priority: String,
    pub first_response_due: String,
    pub triage_reasons: String,
    pub context: String,
    pub masked_card_numbers: bool,
    /// The triage model version that routed it, when one did.
    pub triage_model: Option<i64>,
    /// Triage was unsure of the queue: an agent should check it.
    pub needs_look: bool,
    pub created_at: String,
    /// The verified user who filed it (`None` when filed anonymously).
    pub user_id: Option<String>,
    pub user_name: Option<String>,
    pub user_role: Option<String>,
    /// The agent working it, if any.
    pub assignee_id: Option<i64>,
    /// When an agent first replied (`None` while the first-response target runs).
    pub first_response_at: Option<String>,
    pub updated_at: String,
}

/// A stored message.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MessageRow {
    pub author: String,
    pub body: String,
    pub created_at: String,
}

/// A ticket to store; everything already validated, masked and triaged.
#[derive(Debug)]
pub struct NewTicketRow<'a> {
    /// The key's SHA-256, not the key.
    pub idempotency_key: &'a str,
    pub request_hash: &'a str,
    pub topic: &'a str,
    pub subject: &'a str,
    pub email: Option<&'a str>,
    /// The verified user filing it; `email` is then theirs.
    pub identity: Option<&'a Identity>,
    pub queue: Queue,
    pub priority: Priority,
    pub first_response_due: &'a str,
    pub triage_reasons: &'a [TriageReason],
    pub context: &'a TicketContext,
    pub masked_card_numbers: bool,
    /// The triage model version that routed it.
    pub triage_model: Option<i64>,
    pub needs_look: bool,
    pub client_ip: &'a str,
    pub message: &'a str,
    pub now: &'a str,
}

impl NewTicketRow<'_> {
    /// Buyer or seller: the verified role, else the one the page declared.
    fn audience(&self) -> Option<&'static str> {
        let role = self.identity.map(|identity| identity.role);
        role.or(self.context.role).map(Role::as_str)
    }

    /// The primary subtag of the user's locale, lower-cased: what the inbox filters on.
    fn language(&self) -> Option<String> {
        let locale = self.context.locale.as_deref()?;
        let primary = locale.split(['-', '_']).next().unwrap_or_default();
        (!primary.is_empty()).then(|| primary.to_ascii_lowercase())
    }

    /// What the site's webhook hears once the ticket is stored as `number`.
    fn created_event(&self, number: i64) -> WebhookEvent<'_> {
        WebhookEvent::TicketCreated {
            ticket: FiledTicket {
                id: ticket_id(number),
                topic: self.topic,
                subject: self.subject,
                email: self.email,
                identity: self.identity.map(|identity| TicketIdentity {
                    identity: identity.clone(),
                    verified: true,
                }),
                queue: self.queue,
                priority: self.priority,
                first_response_due: self.first_response_due,
                message: self.message,
                context: self.context,
                created_at: self.now,
            },
        }
    }
}

/// `value` as the JSON text a column holds.
fn json_column<T: serde::Serialize>(value: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|err| sqlx::Error::Encode(Box::new(err)))
}

const COLUMNS: &str = "number, request_hash, topic, subject, email, status, queue, priority, \
                       first_response_due, triage_reasons, context, masked_card_numbers, triage_model, \
                       needs_look, created_at, user_id, user_name, user_role, assignee_id, first_response_at, \
                       updated_at";

/// The ticket filed with the idempotency key of this digest, if any.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_idempotency_key(db: &Db, key: &str) -> Result<Option<TicketRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM tickets WHERE idempotency_key = $1");
    with_pool!(db, pool => sqlx::query_as::<_, TicketRow>(&sql).bind(key).fetch_optional(pool).await)
}

/// One ticket by number.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn by_number(db: &Db, number: i64) -> Result<Option<TicketRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM tickets WHERE number = $1");
    with_pool!(db, pool => sqlx::query_as::<_, TicketRow>(&sql).bind(number).fetch_optional(pool).await)
}

/// What became of an [`insert`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// Stored as this number.
    Filed(i64),
    /// The idempotency key was taken meanwhile (a concurrent retry won): read that ticket instead.
    KeyTaken,
    /// One of the limits was reached; nothing was stored.
    Limited(Limited),
}

/// Stores the ticket, its first message and the incidents its context names in one transaction, with its webhook
/// event when `notify`, counting it against each of `limits` (key and limit) in the same transaction: past one,
/// nothing is stored.
#[tracing::instrument(level = "debug", skip_all, fields(queue = %ticket.queue, priority = %ticket.priority))]
pub async fn insert(
    db: &Db,
    ticket: &NewTicketRow<'_>,
    limits: &[(String, RateLimit)],
    notify: bool,
) -> Result<Inserted, sqlx::Error> {
    let triage_reasons = json_column(&ticket.triage_reasons)?;
    let context = json_column(ticket.context)?;
    let result = with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        for (key, limit) in limits {
            if let Err(limited) = limits::count_in(&mut tx, key, *limit).await? {
                tx.rollback().await?;
                return Ok(Inserted::Limited(limited));
            }
        }
        let number: i64 = sqlx::query_scalar(
            "INSERT INTO tickets (idempotency_key, request_hash, topic, subject, email, queue, \
             priority, first_response_due, triage_reasons, context, masked_card_numbers, client_ip, created_at, \
             updated_at, user_id, user_name, user_role, triage_model, needs_look, surface, audience, language) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $16, $17, $18, $19, \
             $20, $21) \
             RETURNING number",
        )
        .bind(ticket.idempotency_key)
        .bind(ticket.request_hash)
        .bind(ticket.topic)
        .bind(ticket.subject)
        .bind(ticket.email)
        .bind(ticket.queue.as_str())
        .bind(ticket.priority.as_str())
        .bind(ticket.first_response_due)
        .bind(&triage_reasons)
        .bind(&context)
        .bind(ticket.masked_card_numbers)
        .bind(ticket.client_ip)
        .bind(ticket.now)
        .bind(ticket.identity.map(|identity| identity.user_id.as_str()))
        .bind(ticket.identity.and_then(|identity| identity.name.as_deref()))
        .bind(ticket.identity.map(|identity| identity.role.as_str()))
        .bind(ticket.triage_model)
        .bind(ticket.needs_look)
        .bind(ticket.context.surface.map(|surface| surface.as_str()))
        .bind(ticket.audience())
        .bind(ticket.language())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO ticket_messages (ticket_number, author, body, created_at) VALUES ($1, 'user', $2, $3)")
            .bind(number)
            .bind(ticket.message)
            .bind(ticket.now)
            .execute(&mut *tx)
            .await?;
        // The incidents it names, by index: what an incident's updates are posted to (`super::nudges`).
        for incident in ticket.context.active_incidents.iter().filter(|i| !i.id.is_empty()) {
            sqlx::query("INSERT INTO ticket_incidents (incident_id, ticket_number) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(&incident.id)
                .bind(number)
                .execute(&mut *tx)
                .await?;
        }
        if notify {
            webhooks::enqueue(&mut tx, &ticket.created_event(number), ticket.now).await?;
        }
        tx.commit().await?;
        Ok::<Inserted, sqlx::Error>(Inserted::Filed(number))
    });
    match result {
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => Ok(Inserted::KeyTaken),
        other => other,
    }
}

/// Up to `limit` tickets filed by the verified user `user_id`, newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_user(db: &Db, user_id: &str, limit: i64) -> Result<Vec<TicketRow>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} FROM tickets WHERE user_id = $1 ORDER BY number DESC LIMIT $2");
    with_pool!(db, pool => sqlx::query_as::<_, TicketRow>(&sql).bind(user_id).bind(limit).fetch_all(pool).await)
}

/// Messages of a ticket the user sees (no internal notes), oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn messages(db: &Db, number: i64) -> Result<Vec<MessageRow>, sqlx::Error> {
    let sql = "SELECT author, body, created_at FROM ticket_messages \
               WHERE ticket_number = $1 AND internal = FALSE ORDER BY id";
    with_pool!(db, pool => sqlx::query_as::<_, MessageRow>(sql).bind(number).fetch_all(pool).await)
}

/// Who writes a message to a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    /// The person who filed the ticket.
    User,
    /// An agent, by id; none for the service token.
    Agent(Option<i64>),
}

impl Writer {
    pub fn author(self) -> Author {
        match self {
            Writer::User => Author::User,
            Writer::Agent(_) => Author::Agent,
        }
    }
}

/// Adds a message (and its webhook event when `notify`), counting it against `limit` (key and limit) in the same
/// transaction when there is one: past it, nothing is stored. A user's message reopens the ticket, an agent's
/// makes it pending the user's answer, and the first one stops the first-response target.
#[tracing::instrument(level = "debug", skip(db, body))]
pub async fn add_message(
    db: &Db,
    number: i64,
    writer: Writer,
    body: &str,
    now: &str,
    notify: bool,
    limit: Option<&(String, RateLimit)>,
) -> Result<Result<(), Limited>, sqlx::Error> {
    let (author_name, agent_id, status) = match writer {
        Writer::Agent(agent_id) => ("agent", agent_id, TicketStatus::Pending),
        Writer::User => ("user", None, TicketStatus::Open),
    };
    let event = WebhookEvent::TicketMessage {
        message: PostedMessage {
            ticket: ticket_id(number),
            author: writer.author(),
            body,
            created_at: now,
        },
    };
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if let Some((key, limit)) = limit
            && let Err(limited) = limits::count_in(&mut tx, key, *limit).await?
        {
            tx.rollback().await?;
            return Ok(Err(limited));
        }
        sqlx::query("INSERT INTO ticket_messages (ticket_number, author, agent_id, body, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(number)
            .bind(author_name)
            .bind(agent_id)
            .bind(body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE tickets SET status = $2, updated_at = $3, first_response_at = \
             CASE WHEN $4 THEN COALESCE(first_response_at, $3) ELSE first_response_at END WHERE number = $1",
        )
        .bind(number)
        .bind(status.as_str())
        .bind(now)
        .bind(writer != Writer::User)
        .execute(&mut *tx)
        .await?;
        if notify {
            webhooks::enqueue(&mut tx, &event, now).await?;
        }
        tx.commit().await.map(Ok)
    })
}

/// Sets the status an agent chose; `Ok(false)` when there is no such ticket.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn set_status(
    db: &Db,
    number: i64,
    status: TicketStatus,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE tickets SET status = $2, updated_at = $3 WHERE number = $1";
    set(db, sql, number, status.as_str(), now).await
}

/// Moves the ticket to the queue an agent chose; `Ok(false)` when there is no such ticket.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn set_queue(db: &Db, number: i64, queue: Queue, now: &str) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE tickets SET queue = $2, updated_at = $3 WHERE number = $1";
    set(db, sql, number, queue.as_str(), now).await
}

/// An agent's correction of a ticket's triage.
#[derive(Debug)]
pub struct Correction<'a> {
    pub number: i64,
    pub from_queue: &'a str,
    pub from_priority: &'a str,
    pub to: (Queue, Priority),
    /// From the console's short list (`other` for free text).
    pub reason_code: &'a str,
    pub reason: &'a str,
    /// The reasons triage gave, as stored.
    pub triage_reasons: &'a str,
    pub model_version: Option<i64>,
}

/// Records the correction and moves the ticket, in one transaction; the ticket no longer needs a look.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn reroute(db: &Db, correction: &Correction<'_>, now: &str) -> Result<(), sqlx::Error> {
    let (queue, priority) = correction.to;
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO triage_corrections (ticket_number, from_queue, from_priority, to_queue, to_priority, \
             reason, triage_reasons, model_version, created_at, reason_code) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(correction.number)
        .bind(correction.from_queue)
        .bind(correction.from_priority)
        .bind(queue.as_str())
        .bind(priority.as_str())
        .bind(correction.reason)
        .bind(correction.triage_reasons)
        .bind(correction.model_version)
        .bind(now)
        .bind(correction.reason_code)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE tickets SET queue = $2, priority = $3, needs_look = FALSE, updated_at = $4 WHERE number = $1",
        )
        .bind(correction.number)
        .bind(queue.as_str())
        .bind(priority.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })
}

async fn set(db: &Db, sql: &str, number: i64, value: &str, now: &str) -> Result<bool, sqlx::Error> {
    with_pool!(db, pool => sqlx::query(sql)
        .bind(number)
        .bind(value)
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1))
}

/// When each of `numbers` last changed (those that exist), for the thread watcher to poll in one query.
#[tracing::instrument(level = "trace", skip_all, fields(tickets = numbers.len()))]
pub async fn updated_at(db: &Db, numbers: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if numbers.is_empty() {
        return Ok(vec![]);
    }
    let placeholders: Vec<String> = (1..=numbers.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT number, updated_at FROM tickets WHERE number IN ({})",
        placeholders.join(", ")
    );
    with_pool!(db, pool => {
        let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
        for number in numbers {
            query = query.bind(*number);
        }
        query.fetch_all(pool).await
    })
}

/// Stores a stream ticket by its `digest` until `expires_at`, and forgets the ones expired by `now`.
#[tracing::instrument(level = "debug", skip(db, digest))]
pub async fn add_stream_ticket(
    db: &Db,
    digest: &str,
    number: i64,
    expires_at: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => {
        sqlx::query("DELETE FROM stream_tickets WHERE expires_at <= $1")
            .bind(now)
            .execute(pool)
            .await?;
        sqlx::query("INSERT INTO stream_tickets (digest, ticket_number, expires_at) VALUES ($1, $2, $3)")
            .bind(digest)
            .bind(number)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(drop)
    })
}

/// Spends the stream ticket of this `digest` for ticket `number` if it is still good at `now`; whether it was.
/// One statement, so two replicas never both spend it.
#[tracing::instrument(level = "debug", skip(db, digest))]
pub async fn spend_stream_ticket(
    db: &Db,
    digest: &str,
    number: i64,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let sql =
        "DELETE FROM stream_tickets WHERE digest = $1 AND ticket_number = $2 AND expires_at > $3";
    with_pool!(db, pool => sqlx::query(sql).bind(digest).bind(number).bind(now).execute(pool).await
        .map(|done| done.rows_affected() == 1))
}

/// Ticket `number`'s answer, if the user gave one.
pub async fn satisfaction(db: &Db, number: i64) -> Result<Option<Satisfaction>, sqlx::Error> {
    let row: Option<(i64, Option<String>)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT rating, comment FROM ticket_satisfaction WHERE ticket_number = $1")
        .bind(number).fetch_optional(pool).await)?;
    Ok(row.map(|(rating, comment)| Satisfaction {
        rating: u8::try_from(rating).unwrap_or_default(),
        comment,
    }))
}
