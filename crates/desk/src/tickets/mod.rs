//! Tickets: filed from the widget (idempotent), read and answered by their filer with the ticket's access
//! token (derived, never stored: see [`access`]), worked by agents through the agent API and the CLI. A ticket
//! filed with a verified identity carries the user, who can list their tickets on any device. The HTTP side is
//! `routes::tickets`; filing reads there as its steps: [`idempotency_key`], [`earlier`], [`check`],
//! [`limits`], [`triage`], [`file`]. The status page's updates on an incident a ticket names are written into its
//! thread by the desk itself ([`nudges`]).

pub mod access;
pub mod agent;
mod agent_store;
pub mod inbox;
pub mod live;
pub mod nudges;
pub mod presence;
pub mod satisfaction;
mod store;
pub mod watch;

use crate::address::AddressKey;
use crate::clock::{now_stamp, now_unix, stamp};
use crate::db::Db;
use crate::error::AppError;
use crate::limits::{self, RateLimit};
use access::TokenKey;
use anyhow::Context as _;
use serde::de::DeserializeOwned;
use signpost_core::check::{Check, Text};
use signpost_core::identity::{Identity, UserTicket};
use signpost_core::tickets::{
    self, DEFAULT_TOPICS, Message, NewMessage, NewTicket, ResponseTargets, TicketContext,
    TicketCreated, TicketView, TriageReason,
};
use signpost_core::wire::{FieldError, Problem};
use std::net::IpAddr;
use store::{Inserted, MessageRow, NewTicketRow};
pub use store::{TicketRow, Writer};

/// Abuse limits on filing tickets, counted in the database so every replica applies the same.
#[derive(Clone, Copy, Debug)]
pub struct TicketLimits {
    pub per_address_per_hour: i64,
    pub per_email_per_hour: i64,
}

/// The `Idempotency-Key` header's value, if it is 8 to 128 characters.
pub fn idempotency_key(header: &str) -> Result<&str, Vec<FieldError>> {
    let mut check = Check::new();
    let key = check.text("Idempotency-Key", header, Text::line(128).required());
    if let Some(key) = key {
        check.expect(
            key.chars().count() >= 8,
            "Idempotency-Key",
            Problem::TooShort { min: 8 },
        );
    }
    check.finish()?;
    Ok(key.unwrap_or_default())
}

/// The fingerprint a retry must match: the body, and for an identified request also the user, so the same body
/// filed by two users under one key is a conflict, never the other's ticket. Anonymous requests hash the body
/// alone, as before identity existed.
pub fn fingerprint(identity: Option<&Identity>, body: &[u8]) -> String {
    match identity {
        None => crate::digest::sha256_hex(body),
        Some(identity) => {
            let mut input = format!("user:{}\0", identity.user_id).into_bytes();
            input.extend_from_slice(body);
            crate::digest::sha256_hex(&input)
        }
    }
}

/// How an idempotency key is stored: its SHA-256, because the key and the request would get the ticket's access
/// token back from the replay.
fn key_digest(key: &str) -> String {
    crate::digest::sha256_hex(key.as_bytes())
}

/// The answer given when this key was first used, if it was: the same ticket (its access token derived with
/// `token_key`), or 409 when the key came with another request.
pub async fn earlier(
    db: &Db,
    token_key: &TokenKey,
    key: &str,
    fingerprint: &str,
) -> Result<Option<TicketCreated>, AppError> {
    let Some(existing) = store::by_idempotency_key(db, &key_digest(key)).await? else {
        return Ok(None);
    };
    if existing.request_hash != fingerprint {
        return Err(AppError::Conflict(
            "this Idempotency-Key was already used with a different request",
        ));
    }
    Ok(Some(existing.created(token_key)?))
}

/// Every problem with `ticket`; an `identified` user may leave the email out (the desk knows it).
pub fn check(ticket: &NewTicket, identified: bool) -> Result<(), Vec<FieldError>> {
    let topics: Vec<&str> = DEFAULT_TOPICS.iter().map(|(id, _)| *id).collect();
    let problems = tickets::validate(ticket, &topics, identified);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Where replies go: the marketplace vouched for the identity's email, and one typed into the form does not
/// replace it.
pub fn reply_address<'a>(ticket: &'a NewTicket, identity: Option<&'a Identity>) -> Option<&'a str> {
    match identity {
        Some(identity) => Some(identity.email.as_str()),
        None => ticket.email.as_deref().map(str::trim),
    }
}

/// The limits a ticket counts against, as (key, limit): its address's, and its filer's. A verified user is
/// counted by their user id, an anonymous filer by the email they typed; the two never mix, so tickets that
/// merely name someone's address cannot use up the limit of that person signed in.
pub fn limits(
    limits: TicketLimits,
    address: IpAddr,
    ticket: &NewTicket,
    identity: Option<&Identity>,
) -> Vec<(String, RateLimit)> {
    let mut keys = vec![(
        limits::key("tickets/address", AddressKey::of(address)),
        RateLimit::per_hour(limits.per_address_per_hour),
    )];
    let person = match identity {
        Some(identity) => Some(limits::key("tickets/user", &identity.user_id)),
        None => ticket
            .email
            .as_deref()
            .map(|email| limits::key("tickets/email", email.trim().to_lowercase())),
    };
    if let Some(person) = person {
        keys.push((person, RateLimit::per_hour(limits.per_email_per_hour)));
    }
    // One order for every request, so two transactions never wait on each other's rows (PostgreSQL).
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    keys
}

/// Which team gets the ticket and how urgent it is. Triage believes the verified role over the page's (a page
/// may not know, or may be wrong), and only the desk's own open incidents (its status page's, or the page it
/// mirrors) make a ticket urgent, never incidents the context names; the context is stored as the user agreed
/// to send it.
pub fn triage(
    ticket: &NewTicket,
    identity: Option<&Identity>,
    setup: &tickets::TriageSetup,
) -> tickets::Triage {
    match identity {
        Some(identity) => {
            let verified = NewTicket {
                context: TicketContext {
                    role: Some(identity.role),
                    ..ticket.context.clone()
                },
                ..ticket.clone()
            };
            tickets::triage(&verified, setup)
        }
        None => tickets::triage(ticket, setup),
    }
}

/// A checked ticket, ready to file.
#[derive(Debug)]
pub struct Filing<'a> {
    pub key: &'a str,
    pub fingerprint: &'a str,
    pub ticket: &'a NewTicket,
    pub identity: Option<&'a Identity>,
    pub triage: &'a tickets::Triage,
    /// The triage model version that routed it, when one did.
    pub triage_model: Option<i64>,
    pub address: IpAddr,
    /// What the ticket counts against (see [`limits`]).
    pub limits: &'a [(String, RateLimit)],
}

/// Stores the ticket with its first message (card numbers masked, in the searches of its context too; first
/// reply due by `targets`) and, in the same transaction, its count against each limit and, when `notify`, the
/// site's webhook event; 429 past a limit. The answer is the one every retry with the same key gets.
pub async fn file(
    db: &Db,
    token_key: &TokenKey,
    filing: &Filing<'_>,
    targets: &ResponseTargets,
    notify: bool,
) -> Result<TicketCreated, AppError> {
    let ticket = filing.ticket;
    let (subject, masked_subject) = tickets::mask_card_numbers(ticket.subject.trim());
    let (message, masked_message) = tickets::mask_card_numbers(ticket.message.trim());
    let mut context = ticket.context.clone();
    let masked_searches = context.mask_card_numbers_in_searches();
    let masked_card_numbers = masked_subject || masked_message || masked_searches;
    let due = stamp(tickets::first_response_due(
        targets,
        filing.triage.queue,
        filing.triage.priority,
        now_unix(),
    ));
    let idempotency_key = key_digest(filing.key);
    let row = NewTicketRow {
        idempotency_key: &idempotency_key,
        request_hash: filing.fingerprint,
        topic: &ticket.topic,
        subject: &subject,
        email: reply_address(ticket, filing.identity),
        identity: filing.identity,
        queue: filing.triage.queue,
        priority: filing.triage.priority,
        first_response_due: &due,
        triage_reasons: &filing.triage.reasons,
        context: &context,
        masked_card_numbers,
        triage_model: filing.triage_model,
        needs_look: filing.triage.needs_look,
        client_ip: &filing.address.to_string(),
        message: &message,
        now: &now_stamp(),
    };
    match store::insert(db, &row, filing.limits, notify).await? {
        Inserted::Filed(number) => {
            tracing::info!(ticket = %tickets::ticket_id(number), queue = %row.queue, priority = %row.priority, "ticket filed");
            // The answer a retry reads back from the row, made from what was just stored (no second query).
            Ok(TicketCreated {
                id: tickets::ticket_id(number),
                access_token: token_key.access_token(number),
                queue: filing.triage.queue,
                priority: filing.triage.priority,
                first_response_due: due,
                reasons: filing.triage.reasons.clone(),
                masked_card_numbers,
            })
        }
        // A concurrent retry with the same key won the race: answer as it was answered.
        Inserted::KeyTaken => earlier(db, token_key, filing.key, filing.fingerprint)
            .await?
            .ok_or(AppError::NotFound),
        Inserted::Limited(limited) => Err(limited.into()),
    }
}

/// The ticket `id` when `presented` is its access token. The answer says nothing about whether a ticket
/// exists: 401 without a token, 404 for a wrong one, whatever the id ([`access::number_held`]).
pub async fn held(
    db: &Db,
    token_key: &TokenKey,
    id: &str,
    presented: Option<&str>,
) -> Result<TicketRow, AppError> {
    let number = access::number_held(token_key, id, presented)?;
    store::by_number(db, number)
        .await?
        .ok_or(AppError::NotFound)
}

/// The ticket `number`, or 404.
pub async fn by_number(db: &Db, number: i64) -> Result<TicketRow, AppError> {
    store::by_number(db, number)
        .await?
        .ok_or(AppError::NotFound)
}

/// The ticket `id` (e.g. `SP-1042`), or 404.
pub async fn by_id(db: &Db, id: &str) -> Result<TicketRow, AppError> {
    let number = tickets::parse_ticket_id(id).ok_or(AppError::NotFound)?;
    store::by_number(db, number)
        .await?
        .ok_or(AppError::NotFound)
}

/// The ticket with its thread, as its filer sees it.
pub async fn thread(db: &Db, row: &TicketRow) -> Result<TicketView, AppError> {
    let messages = store::messages(db, row.number).await?;
    let mut view = view(row, messages)?;
    view.satisfaction = store::satisfaction(db, row.number).await?;
    Ok(view)
}

/// Adds `message` by `author` to the ticket (card numbers masked, an agent's too: a reply quoting the user's
/// card would store it; counted against `limit` when given: 429 past it) and answers with the thread.
pub async fn reply(
    db: &Db,
    row: &TicketRow,
    writer: Writer,
    message: &NewMessage,
    notify: bool,
    limit: Option<&(String, RateLimit)>,
) -> Result<TicketView, AppError> {
    let problems = tickets::validate_message(message);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let body = tickets::mask_card_numbers(message.body.trim()).0;
    store::add_message(db, row.number, writer, &body, &now_stamp(), notify, limit).await??;
    current_thread(db, row.number).await
}

/// Ticket `number` as it is now (another request or replica may have changed it).
async fn current_row(db: &Db, number: i64) -> Result<TicketRow, AppError> {
    store::by_number(db, number)
        .await?
        .ok_or(AppError::NotFound)
}

/// Ticket `number`'s thread as it is now.
pub async fn current_thread(db: &Db, number: i64) -> Result<TicketView, AppError> {
    thread(db, &current_row(db, number).await?).await
}

/// Most tickets [`of_user`] lists.
const MY_TICKETS_MAX: i64 = 100;

/// The verified user's tickets, newest first, each with the access token that opens its thread.
pub async fn of_user(
    db: &Db,
    token_key: &TokenKey,
    user_id: &str,
) -> Result<Vec<UserTicket>, AppError> {
    let rows = store::by_user(db, user_id, MY_TICKETS_MAX).await?;
    let list: anyhow::Result<Vec<UserTicket>> = rows
        .into_iter()
        .map(|row| row.into_user_ticket(token_key))
        .collect();
    Ok(list?)
}

/// A value stored by its wire name (a queue, status, priority or author), read back; an unknown one is a fault
/// to report, never a default to show.
fn stored<T: DeserializeOwned>(column: &str, value: &str) -> anyhow::Result<T> {
    serde_json::from_value(serde_json::Value::from(value))
        .with_context(|| format!("unknown {column} `{value}` in the database"))
}

/// The triage reasons stored with a ticket (sentences, for tickets filed before reasons became codes).
pub(crate) fn stored_reasons(text: &str) -> anyhow::Result<Vec<TriageReason>> {
    tickets::read_reasons(&mut serde_json::Deserializer::from_str(text))
        .context("unreadable triage_reasons in the database")
}

/// JSON text stored in a column, read back.
fn stored_json<T: DeserializeOwned>(column: &str, text: &str) -> anyhow::Result<T> {
    serde_json::from_str(text).with_context(|| format!("unreadable {column} in the database"))
}

impl TicketRow {
    /// The answer to the request that filed it, its access token derived with `token_key`.
    pub fn created(&self, token_key: &TokenKey) -> anyhow::Result<TicketCreated> {
        Ok(TicketCreated {
            id: tickets::ticket_id(self.number),
            access_token: token_key.access_token(self.number),
            queue: stored("queue", &self.queue)?,
            priority: stored("priority", &self.priority)?,
            first_response_due: self.first_response_due.clone(),
            reasons: stored_reasons(&self.triage_reasons)?,
            masked_card_numbers: self.masked_card_numbers,
        })
    }

    /// The line of the filer's "Your requests", with the access token that opens it.
    pub fn into_user_ticket(self, token_key: &TokenKey) -> anyhow::Result<UserTicket> {
        Ok(UserTicket {
            id: tickets::ticket_id(self.number),
            status: stored("status", &self.status)?,
            queue: stored("queue", &self.queue)?,
            priority: stored("priority", &self.priority)?,
            access_token: token_key.access_token(self.number),
            subject: self.subject,
            first_response_due: self.first_response_due,
            created_at: self.created_at,
        })
    }
}

impl TryFrom<MessageRow> for Message {
    type Error = anyhow::Error;

    fn try_from(row: MessageRow) -> anyhow::Result<Message> {
        Ok(Message {
            author: stored("author", &row.author)?,
            body: row.body,
            created_at: row.created_at,
        })
    }
}

/// The ticket `row` with its `messages`, as its filer sees it.
fn view(row: &TicketRow, messages: Vec<MessageRow>) -> anyhow::Result<TicketView> {
    Ok(TicketView {
        id: tickets::ticket_id(row.number),
        status: stored("status", &row.status)?,
        topic: row.topic.clone(),
        subject: row.subject.clone(),
        queue: stored("queue", &row.queue)?,
        priority: stored("priority", &row.priority)?,
        first_response_due: row.first_response_due.clone(),
        created_at: row.created_at.clone(),
        messages: messages
            .into_iter()
            .map(Message::try_from)
            .collect::<anyhow::Result<_>>()?,
        satisfaction: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::tickets::{Author, Priority, Queue, TicketStatus};

    fn row() -> TicketRow {
        TicketRow {
            number: 1042,
            request_hash: "h".into(),
            topic: "refund".into(),
            subject: "Refund".into(),
            email: None,
            status: "open".into(),
            queue: "orders".into(),
            priority: "high".into(),
            first_response_due: "2026-03-06T18:30:00.000Z".into(),
            triage_reasons: r#"["a reason"]"#.into(),
            context: "{}".into(),
            masked_card_numbers: false,
            triage_model: None,
            needs_look: false,
            created_at: "2026-03-06T17:30:00.000Z".into(),
            user_id: None,
            user_name: None,
            user_role: None,
            assignee_id: None,
            first_response_at: None,
            updated_at: "2026-03-06T17:30:00.000Z".into(),
        }
    }

    #[test]
    fn rows_become_views() {
        let key = TokenKey::new("k".repeat(32)).unwrap();
        let created = row().created(&key).unwrap();
        assert_eq!(
            (created.id.as_str(), created.queue, created.priority),
            ("SP-1042", Queue::Orders, Priority::High)
        );
        let recorded = TriageReason::Recorded {
            text: "a reason".into(),
        };
        assert_eq!(created.reasons, [recorded]);
        let mut coded = row();
        coded.triage_reasons = r#"[{"code":"nothing_urgent"}]"#.into();
        assert_eq!(
            coded.created(&key).unwrap().reasons,
            [TriageReason::NothingUrgent]
        );
        let mine = row().into_user_ticket(&key).unwrap();
        assert_eq!(mine.status, TicketStatus::Open);
        assert_eq!(created.access_token, key.access_token(1042));
        assert_eq!(mine.access_token, created.access_token);
        let message = MessageRow {
            author: "agent".into(),
            body: "Hi".into(),
            created_at: "2026-03-06T17:31:00.000Z".into(),
        };
        assert_eq!(
            view(&row(), vec![message]).unwrap().messages[0].author,
            Author::Agent
        );
    }

    #[test]
    fn unknown_stored_values_fail_loudly() {
        let mut odd = row();
        odd.queue = "billing".into();
        let key = TokenKey::new("k".repeat(32)).unwrap();
        let err = odd.created(&key).unwrap_err();
        assert_eq!(err.to_string(), "unknown queue `billing` in the database");
        let mut odd = row();
        odd.status = "archived".into();
        assert!(odd.clone().into_user_ticket(&key).is_err());
        assert!(view(&odd, vec![]).is_err());
        let message = MessageRow {
            author: "bot".into(),
            body: "Hi".into(),
            created_at: "2026-03-06T17:31:00.000Z".into(),
        };
        assert!(view(&row(), vec![message]).is_err());
    }

    #[test]
    fn idempotency_keys_are_8_to_128_characters() {
        assert_eq!(idempotency_key(" key-0001 "), Ok("key-0001"));
        assert_eq!(idempotency_key(&"k".repeat(128)).map(str::len), Ok(128));
        let problem = |key: &str| idempotency_key(key).unwrap_err()[0].problem.clone();
        assert_eq!(problem(""), Problem::Required);
        assert_eq!(problem("short"), Problem::TooShort { min: 8 });
        assert_eq!(problem(&"k".repeat(129)), Problem::TooLong { max: 128 });
    }
}
