//! Ticket routes: `POST /v1/tickets` (idempotent), the filer's thread (`/v1/tickets/{id}`, its replies, and its
//! event stream opened with a one-time stream ticket), the identified user's list (`/v1/me/tickets`) and the
//! agent API (`/v1/agent/tickets…`).

use crate::address::AddressKey;
use crate::agents;
use crate::clock::{now_millis, now_unix};
use crate::error::AppError;
use crate::experiments::{self, Experiments, large_order::Trial};
use crate::identity::Verified;
use crate::limits;
use crate::routes::extract::{Agent, AppJson, ClientAddress, JsonBody, bearer};
use crate::routes::identity::MaybeVerified;
use crate::state::AppState;
use crate::tickets::access::{self, RESUME_SECONDS};
use crate::tickets::agent::{self, AgentView, Assignment, Reroute, StatusChange};
use crate::tickets::{self, Filing, TicketRow, Writer, satisfaction};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use signpost_core::identity::{Identity, UserTicket};
use signpost_core::rules::Clock;
use signpost_core::tickets::{
    NewMessage, NewTicket, Satisfaction, StreamTicket, TicketCreated, TicketView, TriageSetup,
};
use signpost_core::wire::ErrorBody;
use std::time::Duration;

/// Ticket routes for the widget and for agents.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/tickets", post(create))
        .route("/v1/tickets/{id}", get(read))
        .route("/v1/tickets/{id}/messages", post(reply))
        .route("/v1/tickets/{id}/satisfaction", post(rate_help))
        .route("/v1/tickets/{id}/stream-ticket", post(stream_ticket))
        .route("/v1/tickets/{id}/stream", get(stream))
        .route("/v1/me/tickets", get(my_tickets))
        .route("/v1/agent/tickets/{id}", get(agent_read))
        .route("/v1/agent/tickets/{id}/reply", post(agent_reply))
        .route("/v1/agent/tickets/{id}/status", post(agent_status))
        .route("/v1/agent/tickets/{id}/assign", post(agent_assign))
        .route("/v1/agent/tickets/{id}/reroute", post(agent_reroute))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    create,
    read,
    reply,
    rate_help,
    stream_ticket,
    stream,
    my_tickets,
    agent_read,
    agent_reply,
    agent_status,
    agent_assign,
    agent_reroute
))]
pub struct Api;

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
#[utoipa::path(post, path = "/v1/tickets", operation_id = "create_ticket", tag = "tickets", request_body = NewTicket,
    params(
        ("Idempotency-Key" = String, Header, min_length = 8, max_length = 128, description = "8 to 128 characters; a retry with the same key and body gets the first answer."),
        ("X-Signpost-Identity" = Option<String>, Header, description = "The site's identity token for a signed-in user."),
    ),
    responses(
        (status = 201, description = "Filed (or the first answer to this key).", body = TicketCreated),
        (status = 409, description = "`conflict`: the key was used for another request.", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many tickets from this address or email.", body = ErrorBody),
    ))]
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
    if let Some(created) =
        tickets::earlier(&state.lookup_db, &state.token_key, &key, &fingerprint).await?
    {
        return Ok((StatusCode::CREATED, Json(created)).into_response());
    }
    let ticket: NewTicket = body.parse()?;
    tickets::check(&ticket, identity.is_some())?;
    let limits = tickets::limits(state.ticket_limits, address, &ticket, identity.as_ref());
    let status = state.status.current();
    let content = state.content.current();
    let model = state.triage_models.current(&state.lookup_db).await?;
    let setup = TriageSetup {
        model: model.as_ref().map(|(_, model)| &**model),
        settings: content.triage_settings(),
        open_incidents: status.open_incidents(),
    };
    let trial =
        large_order_trial(&state, content.experiments(), &ticket, identity.as_ref()).await?;
    let (triage, exposed) = match &trial {
        Some(trial) => trial.triage(&ticket, identity.as_ref(), &setup),
        None => (tickets::triage(&ticket, identity.as_ref(), &setup), false),
    };
    let filing = Filing {
        key: &key,
        fingerprint: &fingerprint,
        ticket: &ticket,
        identity: identity.as_ref(),
        triage: &triage,
        triage_model: model.map(|(version, _)| version),
        address,
        limits: &limits,
    };
    let created = tickets::file(
        &state.db,
        &state.token_key,
        &filing,
        content.response_targets(),
        state.webhook.is_some(),
    )
    .await?;
    if let Some(trial) = trial.filter(|_| exposed) {
        state
            .events
            .offer(vec![trial.exposure(identity.is_some(), now_millis())]);
    }
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// The ticket's part in an experiment on the large-order criterion, if it carries the widget's unit and one
/// runs for it.
async fn large_order_trial(
    state: &AppState,
    experiments: &Experiments,
    ticket: &NewTicket,
    identity: Option<&Identity>,
) -> Result<Option<Trial>, AppError> {
    if ticket.experiment_unit.is_none() || !experiments.varies_large_order() {
        return Ok(None);
    }
    let stopped = experiments::state::stopped(&state.db).await?;
    let verified = identity.map(|i| (i.role, state.token_key.user_key(&i.user_id)));
    let clock = Clock {
        now_unix_seconds: now_unix(),
        utc_offset_minutes: 0,
    };
    Ok(Trial::of(experiments, ticket, verified, &stopped, clock))
}

/// The ticket `id` if the request carries its access token (`Authorization: Bearer …`; never in the URL).
async fn held(state: &AppState, id: &str, headers: &HeaderMap) -> Result<TicketRow, AppError> {
    tickets::held(&state.db, &state.token_key, id, bearer(headers)).await
}

#[utoipa::path(get, path = "/v1/tickets/{id}", operation_id = "read_ticket", tag = "tickets", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")),
    security(("ticket_token" = [])),
    responses(
        (status = 200, description = "The thread.", body = TicketView),
        (status = 401, description = "`unauthorized`: no access token.", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket, or not this token's.", body = ErrorBody),
    ))]
async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<TicketView>, AppError> {
    let row = held(&state, &id, &headers).await?;
    Ok(Json(tickets::thread(&state.db, &row).await?))
}

#[utoipa::path(post, path = "/v1/tickets/{id}/messages", operation_id = "reply_to_ticket", tag = "tickets", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")),
    request_body = NewMessage, security(("ticket_token" = [])),
    responses(
        (status = 201, description = "The thread with the reply.", body = TicketView),
        (status = 401, description = "`unauthorized`: no access token.", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket, or not this token's.", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many replies from this address.", body = ErrorBody),
    ))]
async fn reply(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    AppJson(message): AppJson<NewMessage>,
) -> Result<(StatusCode, Json<TicketView>), AppError> {
    let row = held(&state, &id, &headers).await?;
    let notify = state.webhook.is_some();
    let limit = (
        limits::key("replies/address", AddressKey::of(address)),
        state.limits.replies,
    );
    let thread = tickets::reply(
        &state.db,
        &row,
        Writer::User,
        &message,
        notify,
        Some(&limit),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(thread)))
}

#[utoipa::path(post, path = "/v1/tickets/{id}/satisfaction", tag = "tickets", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")),
    request_body = Satisfaction, security(("ticket_token" = [])),
    responses(
        (status = 200, description = "The thread with the answer (a new answer replaces an earlier one).", body = TicketView),
        (status = 401, description = "`unauthorized`: no access token.", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket, or not this token's.", body = ErrorBody),
        (status = 409, description = "`conflict`: the ticket is not solved yet; the question is asked once it is.", body = ErrorBody),
        (status = 422, description = "`rating` outside 1–5, or a comment over 1,000 characters.", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many answers and replies from this address.", body = ErrorBody),
    ))]
async fn rate_help(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    AppJson(answer): AppJson<Satisfaction>,
) -> Result<Json<TicketView>, AppError> {
    let row = held(&state, &id, &headers).await?;
    let limit = (
        limits::key("replies/address", AddressKey::of(address)),
        state.limits.replies,
    );
    Ok(Json(
        satisfaction::answer(&state.db, &row, &answer, &limit).await?,
    ))
}

/// `POST /v1/tickets/{id}/stream-ticket`: a one-time ticket for the thread's event stream, for the access
/// token in the header.
#[utoipa::path(post, path = "/v1/tickets/{id}/stream-ticket", tag = "tickets", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")),
    security(("ticket_token" = [])),
    responses(
        (status = 201, description = "A one-time ticket for the thread's stream, valid about a minute.", body = StreamTicket),
        (status = 401, description = "`unauthorized`: no access token.", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket, or not this token's.", body = ErrorBody),
    ))]
async fn stream_ticket(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let number = access::number_held(&state.token_key, &id, bearer(&headers))?;
    tickets::by_number(&state.db, number).await?;
    let ticket: StreamTicket = access::issue_stream_ticket(&state.db, number).await?;
    Ok((
        StatusCode::CREATED,
        [(header::CACHE_CONTROL, "no-store")],
        Json(ticket),
    )
        .into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct StreamQuery {
    /// A stream ticket from `POST …/stream-ticket`.
    ticket: Option<String>,
}

/// `GET /v1/tickets/{id}/stream?ticket=…`: the thread now, then again whenever it changes (from any desk
/// process), served by the process's one [`ThreadWatcher`](crate::tickets::watch::ThreadWatcher); 429 or 503
/// past the stream caps. Each event's `id` is a resume id, which the browser sends back as `Last-Event-ID` to
/// reconnect without a new stream ticket.
#[utoipa::path(get, path = "/v1/tickets/{id}/stream", operation_id = "ticket_stream", tag = "tickets", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`."), StreamQuery,
        ("Last-Event-ID" = Option<String>, Header, description = "An event's id, to reconnect without a new stream ticket."),
    ),
    responses(
        (status = 200, description = "Server-sent events `ticket`, each a `TicketView` as JSON.", content_type = "text/event-stream", body = String),
        (status = 401, description = "`unauthorized`: neither a stream ticket nor a resume id.", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket, or a stream ticket or resume id for another.", body = ErrorBody),
        (status = 429, description = "`too_many_streams`: this address or ticket holds as many streams as it may.", body = ErrorBody),
    ))]
async fn stream(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ClientAddress(address): ClientAddress,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let resume = headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok());
    // Both a stream ticket and a resume id name a ticket that exists.
    let number = access::open_stream(
        &state.db,
        &state.token_key,
        &id,
        query.ticket.as_deref(),
        resume,
    )
    .await?;
    let slot = state.streams.open(AddressKey::of(address), Some(number))?;
    let following = state.threads.follow(number);
    let events = futures_util::stream::unfold(
        (following, slot, state.token_key),
        move |(mut following, slot, key)| async move {
            let thread = following.next().await?;
            let resume_until = crate::clock::now_unix() + RESUME_SECONDS;
            let event = Event::default()
                .event("ticket")
                .id(key.resume_id(number, resume_until))
                .data(&*thread);
            Some((
                Ok::<_, std::convert::Infallible>(event),
                (following, slot, key),
            ))
        },
    );
    Ok(Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

/// `GET /v1/me/tickets`: the identified user's tickets, newest first, each with the access token that opens its
/// thread, so the user finds them on any device.
#[utoipa::path(get, path = "/v1/me/tickets", tag = "tickets", security(("identity" = [])),
    responses(
        (status = 200, description = "The user's tickets, newest first, each with its access token.", body = Vec<UserTicket>),
        (status = 401, description = "`invalid_identity`: no identity token, or one not believed.", body = ErrorBody),
        (status = 403, description = "`forbidden`: verified identity is off on this desk.", body = ErrorBody),
    ))]
async fn my_tickets(user: Verified, State(state): State<AppState>) -> Result<Response, AppError> {
    let list = tickets::of_user(&state.db, &state.token_key, &user.identity.user_id).await?;
    // Access tokens: no cache may keep them.
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(list)).into_response())
}

#[utoipa::path(get, path = "/v1/agent/tickets/{id}", tag = "agent", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")),
    responses(
        (status = 200, description = "The ticket as an agent sees it.", body = AgentView),
        (status = 404, description = "`not_found`.", body = ErrorBody),
    ))]
async fn agent_read(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<AgentView>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    Ok(Json(agent::view(&state.db, &row).await?))
}

#[utoipa::path(post, path = "/v1/agent/tickets/{id}/reply", tag = "agent", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")), request_body = NewMessage,
    responses(
        (status = 201, description = "The thread with the reply.", body = TicketView),
        (status = 404, description = "`not_found`.", body = ErrorBody),
    ))]
async fn agent_reply(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(message): AppJson<NewMessage>,
) -> Result<(StatusCode, Json<TicketView>), AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    let notify = state.webhook.is_some();
    let author = Writer::Agent(actor.agent_id());
    let thread = tickets::reply(&state.db, &row, author, &message, notify, None).await?;
    agents::record(&state.db, &actor, "reply", Some(&id), json!({})).await?;
    Ok((StatusCode::CREATED, Json(thread)))
}

#[utoipa::path(post, path = "/v1/agent/tickets/{id}/status", tag = "agent", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")), request_body = StatusChange,
    responses(
        (status = 200, description = "The thread with its new status.", body = TicketView),
        (status = 404, description = "`not_found`.", body = ErrorBody),
    ))]
async fn agent_status(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(change): AppJson<StatusChange>,
) -> Result<Json<TicketView>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    let thread = agent::set_status(&state.db, &row, &change).await?;
    let detail = json!({ "from": row.status, "to": change.status });
    agents::record(&state.db, &actor, "status", Some(&id), detail).await?;
    Ok(Json(thread))
}

#[utoipa::path(post, path = "/v1/agent/tickets/{id}/assign", tag = "agent", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")), request_body = Assignment,
    responses(
        (status = 200, description = "The thread in its new queue.", body = TicketView),
        (status = 404, description = "`not_found`.", body = ErrorBody),
    ))]
async fn agent_assign(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(assignment): AppJson<Assignment>,
) -> Result<Json<TicketView>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    let thread = agent::assign(&state.db, &row, &assignment).await?;
    let detail = json!({ "from": row.queue, "to": assignment.queue });
    agents::record(&state.db, &actor, "assign", Some(&id), detail).await?;
    Ok(Json(thread))
}

#[utoipa::path(post, path = "/v1/agent/tickets/{id}/reroute", tag = "agent", params(("id" = String, Path, description = "The ticket's id, e.g. `SP-1042`.")), request_body = Reroute,
    responses(
        (status = 200, description = "The thread in its new queue and priority; the correction is recorded for the next training.", body = TicketView),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 422, description = "`validation_failed`: the reason is missing or too long.", body = ErrorBody),
    ))]
async fn agent_reroute(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(reroute): AppJson<Reroute>,
) -> Result<Json<TicketView>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    let thread = agent::reroute(&state.db, &row, &reroute).await?;
    let detail = json!({
        "from": { "queue": row.queue, "priority": row.priority },
        "to": { "queue": reroute.queue, "priority": reroute.priority },
        "reason_code": reroute.reason_code.as_str(),
        "reason": reroute.reason,
    });
    agents::record(&state.db, &actor, "reroute", Some(&id), detail).await?;
    Ok(Json(thread))
}
