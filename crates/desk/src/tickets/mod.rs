//! Tickets: filed from the widget (`POST /v1/tickets`, idempotent), read and answered by their filer with the
//! ticket's access token, worked by agents through the agent API and the CLI. A ticket filed with a verified
//! identity (`X-Signpost-Identity`, see `crate::identity`) carries the user, who can list their tickets on any
//! device (`GET /v1/me/tickets`).

mod store;

use crate::app::AppState;
use crate::auth::Agent;
use crate::clock::{now_stamp, now_unix, stamp};
use crate::error::AppError;
use crate::identity::{TicketIdentity, Verified};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use signpost_core::check::{Check, Text};
use signpost_core::identity::UserTicket;
use signpost_core::tickets::{
    self, Author, DEFAULT_TOPICS, Message, NewMessage, NewTicket, Priority, Queue, TicketContext,
    TicketCreated, TicketStatus, TicketView,
};
use signpost_core::wire::Problem;
use std::net::SocketAddr;
use std::time::Duration;
use store::{NewTicketRow, Settable, TicketRow};

/// How often a ticket stream looks for new messages.
const STREAM_POLL: Duration = Duration::from_millis(500);

/// Ticket routes for the widget and for agents.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/tickets", post(create))
        .route("/v1/tickets/{id}", get(read))
        .route("/v1/tickets/{id}/messages", post(reply))
        .route("/v1/tickets/{id}/stream", get(stream))
        .route("/v1/me/tickets", get(my_tickets))
        .route("/v1/agent/tickets", get(agent_list))
        .route("/v1/agent/tickets/{id}", get(agent_read))
        .route("/v1/agent/tickets/{id}/reply", post(agent_reply))
        .route("/v1/agent/tickets/{id}/status", post(agent_status))
        .route("/v1/agent/tickets/{id}/assign", post(agent_assign))
}

fn json_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn from_json_text<T: for<'de> Deserialize<'de> + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

fn wire<T: for<'de> Deserialize<'de>>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::from(name)).ok()
}

/// `POST /v1/tickets`. The 201 goes out only once the ticket is committed.
async fn create(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim();
    let mut check = Check::new();
    if let Some(key) = check.text("Idempotency-Key", key, Text::line(128).required()) {
        check.expect(
            key.chars().count() >= 8,
            "Idempotency-Key",
            Problem::TooShort { min: 8 },
        );
    }
    check.finish()?;
    // A bad identity token files anonymously (the body must then carry an email), as if there were none.
    let identity = crate::identity::optional(&state, &headers).map(|verified| verified.identity);
    let request_hash = request_hash(identity.as_ref(), &body);
    if let Some(existing) = store::by_idempotency_key(&state.db, key).await? {
        return replay(existing, &request_hash);
    }
    let ticket: NewTicket = crate::error::parse_json(&body)?;
    let topics: Vec<&str> = DEFAULT_TOPICS.iter().map(|(id, _)| *id).collect();
    let problems = tickets::validate(&ticket, &topics, identity.is_some());
    if !problems.is_empty() {
        return Err(problems.into());
    }
    // The marketplace vouched for the identity's email; one typed into the form does not replace it.
    let email = match &identity {
        Some(identity) => Some(identity.email.as_str()),
        None => ticket.email.as_deref().map(str::trim),
    };
    let client_ip = peer.ip().to_string();
    let hour_ago = stamp(now_unix() - 3_600);
    let by_email = match email {
        Some(email) => store::count_by_email(&state.db, email, &hour_ago).await?,
        None => 0,
    };
    let limits = state.ticket_limits;
    if by_email >= limits.per_email_per_hour
        || store::count_from(&state.db, &client_ip, &hour_ago).await? >= limits.per_address_per_hour
    {
        return Err(AppError::TooManyRequests {
            retry_after_seconds: 3_600,
        });
    }

    let (subject, masked_subject) = tickets::mask_card_numbers(ticket.subject.trim());
    let (message, masked_message) = tickets::mask_card_numbers(ticket.message.trim());
    // Triage believes the verified role over the page's (a page may not know, or may be wrong); the context is
    // stored as the user agreed to send it.
    let triage = match &identity {
        Some(identity) => tickets::triage(&NewTicket {
            context: TicketContext {
                role: Some(identity.role),
                ..ticket.context.clone()
            },
            ..ticket.clone()
        }),
        None => tickets::triage(&ticket),
    };
    let due = stamp(tickets::first_response_due(
        state.content.current().response_targets(),
        triage.queue,
        triage.priority,
        now_unix(),
    ));
    let access_token = new_token();
    let now = now_stamp();
    let row = NewTicketRow {
        access_token: &access_token,
        idempotency_key: key,
        request_hash: &request_hash,
        topic: &ticket.topic,
        subject: &subject,
        email,
        identity: identity.as_ref(),
        queue: triage.queue.as_str(),
        priority: triage.priority.as_str(),
        first_response_due: &due,
        triage_reasons: &json_text(&triage.reasons),
        context: &json_text(&ticket.context),
        masked_card_numbers: masked_subject || masked_message,
        client_ip: &client_ip,
        message: &message,
        now: &now,
    };
    match store::insert(&state.db, &row, state.webhook.is_some()).await? {
        Some(number) => {
            tracing::info!(ticket = %tickets::ticket_id(number), queue = %row.queue, priority = %row.priority, "ticket filed");
            let created = store::by_number(&state.db, number)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((StatusCode::CREATED, Json(created_body(&created))).into_response())
        }
        // A concurrent retry with the same key won the race: answer as it was answered.
        None => {
            let existing = store::by_idempotency_key(&state.db, key)
                .await?
                .ok_or(AppError::NotFound)?;
            replay(existing, &request_hash)
        }
    }
}

/// The fingerprint a retry must match: the body, and for an identified request also the user, so the same body
/// filed by two users under one key is a conflict, never the other's ticket. Anonymous requests hash the body
/// alone, as before identity existed.
fn request_hash(identity: Option<&signpost_core::identity::Identity>, body: &[u8]) -> String {
    match identity {
        None => crate::digest::sha256_hex(body),
        Some(identity) => {
            let mut input = format!("user:{}\0", identity.user_id).into_bytes();
            input.extend_from_slice(body);
            crate::digest::sha256_hex(&input)
        }
    }
}

/// The answer to a retried request: the same ticket, or 409 when the key was used for another body.
fn replay(existing: TicketRow, request_hash: &str) -> Result<Response, AppError> {
    if existing.request_hash != request_hash {
        return Err(AppError::Conflict(
            "this Idempotency-Key was already used with a different request",
        ));
    }
    Ok((StatusCode::CREATED, Json(created_body(&existing))).into_response())
}

fn created_body(row: &TicketRow) -> TicketCreated {
    TicketCreated {
        id: tickets::ticket_id(row.number),
        access_token: row.access_token.clone(),
        queue: wire(&row.queue).unwrap_or(Queue::General),
        priority: wire(&row.priority).unwrap_or(Priority::Normal),
        first_response_due: row.first_response_due.clone(),
        reasons: from_json_text(&row.triage_reasons),
        masked_card_numbers: row.masked_card_numbers,
    }
}

/// 128 bits from the operating system's generator, hex-encoded.
fn new_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

#[derive(Deserialize)]
struct TokenQuery {
    access_token: Option<String>,
}

/// The ticket `id` if the request carries its access token (header, or query for event streams); else 404,
/// which says nothing about whether the ticket exists.
async fn authorised(
    state: &AppState,
    id: &str,
    headers: &HeaderMap,
    query: Option<String>,
) -> Result<TicketRow, AppError> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned)
        .or(query)
        .unwrap_or_default();
    let number = tickets::parse_ticket_id(id).ok_or(AppError::NotFound)?;
    let row = store::by_number(&state.db, number)
        .await?
        .ok_or(AppError::NotFound)?;
    if crate::auth::constant_time_eq(presented.as_bytes(), row.access_token.as_bytes()) {
        Ok(row)
    } else if presented.is_empty() {
        Err(AppError::Unauthorized)
    } else {
        Err(AppError::NotFound)
    }
}

async fn view(state: &AppState, row: &TicketRow) -> Result<TicketView, AppError> {
    let messages = store::messages(&state.db, row.number)
        .await?
        .into_iter()
        .map(|m| Message {
            author: if m.author == "agent" {
                Author::Agent
            } else {
                Author::User
            },
            body: m.body,
            created_at: m.created_at,
        })
        .collect();
    Ok(TicketView {
        id: tickets::ticket_id(row.number),
        status: wire(&row.status).unwrap_or(TicketStatus::Open),
        topic: row.topic.clone(),
        subject: row.subject.clone(),
        queue: wire(&row.queue).unwrap_or(Queue::General),
        priority: wire(&row.priority).unwrap_or(Priority::Normal),
        first_response_due: row.first_response_due.clone(),
        created_at: row.created_at.clone(),
        messages,
    })
}

async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<TokenQuery>,
    headers: HeaderMap,
) -> Result<Json<TicketView>, AppError> {
    let row = authorised(&state, &id, &headers, query.access_token).await?;
    Ok(Json(view(&state, &row).await?))
}

async fn reply(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(message): Json<NewMessage>,
) -> Result<(StatusCode, Json<TicketView>), AppError> {
    let row = authorised(&state, &id, &headers, None).await?;
    let problems = tickets::validate_message(&message);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let (body, _) = tickets::mask_card_numbers(message.body.trim());
    store::add_message(
        &state.db,
        row.number,
        "user",
        &body,
        &now_stamp(),
        state.webhook.is_some(),
    )
    .await?;
    let row = store::by_number(&state.db, row.number)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(view(&state, &row).await?)))
}

/// `GET /v1/tickets/{id}/stream`: the thread now, then again whenever it changes (from any desk process).
async fn stream(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<TokenQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let row = authorised(&state, &id, &headers, query.access_token).await?;
    let events = futures_util::stream::unfold(
        (state, row.number, None::<String>),
        |(state, number, seen)| async move {
            loop {
                let current = store::updated_at(&state.db, number).await.ok().flatten();
                if current.is_some() && current != seen {
                    let row = store::by_number(&state.db, number).await.ok().flatten()?;
                    let thread = view(&state, &row).await.ok()?;
                    let event = Event::default().event("ticket").data(json_text(&thread));
                    return Some((
                        Ok::<_, std::convert::Infallible>(event),
                        (state, number, current),
                    ));
                }
                tokio::time::sleep(STREAM_POLL).await;
            }
        },
    );
    Ok(Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

/// Most tickets `GET /v1/me/tickets` lists.
const MY_TICKETS_MAX: i64 = 100;

/// `GET /v1/me/tickets`: the identified user's tickets, newest first, each with the access token that opens its
/// thread, so the user finds them on any device.
async fn my_tickets(user: Verified, State(state): State<AppState>) -> Result<Response, AppError> {
    let rows = store::by_user(&state.db, &user.identity.user_id, MY_TICKETS_MAX).await?;
    let list: Vec<UserTicket> = rows
        .into_iter()
        .map(|row| UserTicket {
            id: tickets::ticket_id(row.number),
            status: wire(&row.status).unwrap_or(TicketStatus::Open),
            queue: wire(&row.queue).unwrap_or(Queue::General),
            priority: wire(&row.priority).unwrap_or(Priority::Normal),
            access_token: row.access_token,
            subject: row.subject,
            first_response_due: row.first_response_due,
            created_at: row.created_at,
        })
        .collect();
    // Access tokens: no cache may keep them.
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(list)).into_response())
}

/// The agents' list: `?queue=&status=&priority=` filter, `limit` (1–200, default 50) and `after` (the
/// previous page's `next`) page.
#[derive(Deserialize)]
struct ListQuery {
    queue: Option<Queue>,
    status: Option<TicketStatus>,
    priority: Option<Priority>,
    after: Option<String>,
    limit: Option<i64>,
}

const LIST_PAGE: i64 = 50;
const LIST_PAGE_MAX: i64 = 200;

/// One page of the agents' list.
#[derive(Serialize)]
struct ListPage {
    tickets: Vec<Listed>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// One line of the agents' list.
#[derive(Serialize)]
struct Listed {
    id: String,
    status: String,
    queue: String,
    priority: String,
    subject: String,
    email: Option<String>,
    first_response_due: String,
    created_at: String,
}

/// A cursor is `{rank}.{number}` of the last ticket on the page: opaque to clients, stable across replicas.
fn parse_cursor(text: &str) -> Option<store::ListCursor> {
    let (rank, number) = text.split_once('.')?;
    Some(store::ListCursor {
        rank: rank.parse().ok()?,
        number: number.parse().ok()?,
    })
}

async fn agent_list(
    _agent: Agent,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<ListPage>, AppError> {
    let mut check = Check::new();
    let limit = query.limit.unwrap_or(LIST_PAGE);
    check.in_range("limit", limit, 1, LIST_PAGE_MAX);
    let after = query.after.as_deref().map(parse_cursor);
    check.expect(after != Some(None), "after", Problem::NotACursor);
    check.finish()?;
    // One more than asked tells whether another page follows.
    let mut rows = store::list(
        &state.db,
        query.queue.map(Queue::as_str),
        query.status.map(TicketStatus::as_str),
        query.priority.map(Priority::as_str),
        after.flatten(),
        limit + 1,
    )
    .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = more
        .then(|| {
            rows.last()
                .map(|last| format!("{}.{}", last.rank, last.ticket.number))
        })
        .flatten();
    let tickets = rows
        .into_iter()
        .map(|ranked| {
            let row = ranked.ticket;
            Listed {
                id: tickets::ticket_id(row.number),
                status: row.status,
                queue: row.queue,
                priority: row.priority,
                subject: row.subject,
                email: row.email,
                first_response_due: row.first_response_due,
                created_at: row.created_at,
            }
        })
        .collect();
    Ok(Json(ListPage { tickets, next }))
}

/// What an agent sees: the thread, plus who filed it, the context they agreed to send and the triage.
#[derive(Serialize)]
struct AgentView {
    #[serde(flatten)]
    ticket: TicketView,
    email: Option<String>,
    /// Who the marketplace vouched for, or `null` for an anonymous ticket.
    identity: Option<TicketIdentity>,
    context: TicketContext,
    triage_reasons: Vec<String>,
    masked_card_numbers: bool,
}

async fn agent_row(state: &AppState, id: &str) -> Result<TicketRow, AppError> {
    let number = tickets::parse_ticket_id(id).ok_or(AppError::NotFound)?;
    store::by_number(&state.db, number)
        .await?
        .ok_or(AppError::NotFound)
}

async fn agent_read(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<AgentView>, AppError> {
    let row = agent_row(&state, &id).await?;
    Ok(Json(AgentView {
        ticket: view(&state, &row).await?,
        email: row.email.clone(),
        identity: row.identity().map(|identity| TicketIdentity {
            identity,
            verified: true,
        }),
        context: from_json_text(&row.context),
        triage_reasons: from_json_text(&row.triage_reasons),
        masked_card_numbers: row.masked_card_numbers,
    }))
}

async fn agent_reply(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(message): Json<NewMessage>,
) -> Result<(StatusCode, Json<TicketView>), AppError> {
    let row = agent_row(&state, &id).await?;
    let problems = tickets::validate_message(&message);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    store::add_message(
        &state.db,
        row.number,
        "agent",
        message.body.trim(),
        &now_stamp(),
        state.webhook.is_some(),
    )
    .await?;
    let row = agent_row(&state, &id).await?;
    Ok((StatusCode::CREATED, Json(view(&state, &row).await?)))
}

#[derive(Deserialize)]
struct StatusChange {
    status: TicketStatus,
}

async fn agent_status(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(change): Json<StatusChange>,
) -> Result<Json<TicketView>, AppError> {
    let row = agent_row(&state, &id).await?;
    store::set(
        &state.db,
        row.number,
        Settable::Status,
        change.status.as_str(),
        &now_stamp(),
    )
    .await?;
    let row = agent_row(&state, &id).await?;
    Ok(Json(view(&state, &row).await?))
}

#[derive(Deserialize)]
struct Assignment {
    queue: Queue,
}

async fn agent_assign(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(assignment): Json<Assignment>,
) -> Result<Json<TicketView>, AppError> {
    let row = agent_row(&state, &id).await?;
    store::set(
        &state.db,
        row.number,
        Settable::Queue,
        assignment.queue.as_str(),
        &now_stamp(),
    )
    .await?;
    let row = agent_row(&state, &id).await?;
    Ok(Json(view(&state, &row).await?))
}
