//! Ticket routes: `POST /v1/tickets` (idempotent), the filer's thread (`/v1/tickets/{id}`, its replies and its
//! event stream), the identified user's list (`/v1/me/tickets`) and the agent API (`/v1/agent/tickets…`).

use crate::address::AddressKey;
use crate::error::AppError;
use crate::identity::Verified;
use crate::limits;
use crate::routes::extract::{Agent, AppJson, ClientAddress, JsonBody, bearer};
use crate::routes::identity::MaybeVerified;
use crate::state::AppState;
use crate::tickets::agent::{self, AgentView, Assignment, ListPage, ListQuery, StatusChange};
use crate::tickets::{self, Filing, TicketRow};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use signpost_core::tickets::{Author, NewMessage, NewTicket, TicketView};
use std::time::Duration;

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

/// The request's `Idempotency-Key` header: 8 to 128 characters, else 422 naming the header.
#[derive(Debug)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<IdempotencyKey, AppError> {
        let header = parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        Ok(IdempotencyKey(tickets::idempotency_key(header)?.to_owned()))
    }
}

/// `POST /v1/tickets`. A retry with the same key gets the first answer; the 201 goes out only once the ticket
/// (and its webhook event) is committed.
async fn create(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    IdempotencyKey(key): IdempotencyKey,
    MaybeVerified(verified): MaybeVerified,
    body: JsonBody,
) -> Result<Response, AppError> {
    // A bad identity token files anonymously (the body must then carry an email), as if there were none.
    let identity = verified.map(|verified| verified.identity);
    let fingerprint = tickets::fingerprint(identity.as_ref(), &body.0);
    if let Some(created) = tickets::earlier(&state.db, &key, &fingerprint).await? {
        return Ok((StatusCode::CREATED, Json(created)).into_response());
    }
    let ticket: NewTicket = body.parse()?;
    tickets::check(&ticket, identity.is_some())?;
    let limits = tickets::limits(state.ticket_limits, address, &ticket, identity.as_ref());
    let triage = tickets::triage(&ticket, identity.as_ref());
    let filing = Filing {
        key: &key,
        fingerprint: &fingerprint,
        ticket: &ticket,
        identity: identity.as_ref(),
        triage: &triage,
        address,
        limits: &limits,
    };
    let content = state.content.current();
    let created = tickets::file(
        &state.db,
        &filing,
        content.response_targets(),
        state.webhook.is_some(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

#[derive(Deserialize)]
struct TokenQuery {
    access_token: Option<String>,
}

/// The ticket `id` if the request carries its access token (header, or query for event streams).
async fn held(
    state: &AppState,
    id: &str,
    headers: &HeaderMap,
    query: Option<String>,
) -> Result<TicketRow, AppError> {
    let presented = bearer(headers).map(str::to_owned).or(query);
    tickets::held(&state.db, id, presented.as_deref().unwrap_or_default()).await
}

async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<TokenQuery>,
    headers: HeaderMap,
) -> Result<Json<TicketView>, AppError> {
    let row = held(&state, &id, &headers, query.access_token).await?;
    Ok(Json(tickets::thread(&state.db, &row).await?))
}

async fn reply(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    AppJson(message): AppJson<NewMessage>,
) -> Result<(StatusCode, Json<TicketView>), AppError> {
    let row = held(&state, &id, &headers, None).await?;
    let notify = state.webhook.is_some();
    let limit = (
        limits::key("replies/address", AddressKey::of(address)),
        state.limits.replies,
    );
    let thread = tickets::reply(
        &state.db,
        &row,
        Author::User,
        &message,
        notify,
        Some(&limit),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(thread)))
}

/// `GET /v1/tickets/{id}/stream`: the thread now, then again whenever it changes (from any desk process), served
/// by the process's one [`ThreadWatcher`](crate::tickets::watch::ThreadWatcher); 429 or 503 past the stream caps.
async fn stream(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ClientAddress(address): ClientAddress,
    Query(query): Query<TokenQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let row = held(&state, &id, &headers, query.access_token).await?;
    let slot = state
        .streams
        .open(AddressKey::of(address), Some(row.number))?;
    let following = state.threads.follow(row.number);
    let events =
        futures_util::stream::unfold((following, slot), |(mut following, slot)| async move {
            let thread = following.next().await?;
            let event = Event::default().event("ticket").data(&*thread);
            Some((Ok::<_, std::convert::Infallible>(event), (following, slot)))
        });
    Ok(Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

/// `GET /v1/me/tickets`: the identified user's tickets, newest first, each with the access token that opens its
/// thread, so the user finds them on any device.
async fn my_tickets(user: Verified, State(state): State<AppState>) -> Result<Response, AppError> {
    let list = tickets::of_user(&state.db, &user.identity.user_id).await?;
    // Access tokens: no cache may keep them.
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(list)).into_response())
}

async fn agent_list(
    _agent: Agent,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<ListPage>, AppError> {
    Ok(Json(agent::list(&state.db, &query).await?))
}

async fn agent_read(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<AgentView>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    Ok(Json(agent::view(&state.db, &row).await?))
}

async fn agent_reply(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(message): AppJson<NewMessage>,
) -> Result<(StatusCode, Json<TicketView>), AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    let notify = state.webhook.is_some();
    let thread = tickets::reply(&state.db, &row, Author::Agent, &message, notify, None).await?;
    Ok((StatusCode::CREATED, Json(thread)))
}

async fn agent_status(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(change): AppJson<StatusChange>,
) -> Result<Json<TicketView>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    Ok(Json(agent::set_status(&state.db, &row, &change).await?))
}

async fn agent_assign(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(assignment): AppJson<Assignment>,
) -> Result<Json<TicketView>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    Ok(Json(agent::assign(&state.db, &row, &assignment).await?))
}
