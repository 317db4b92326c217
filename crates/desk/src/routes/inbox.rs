//! The console's inbox routes: the filtered list and its counts, the team, the live stream of inbox changes,
//! internal notes, assignment to an agent, and presence (who else has a ticket open).

use crate::address::AddressKey;
use crate::agents::{self, Actor};
use crate::error::AppError;
use crate::routes::extract::{Agent, AppJson, ClientAddress, SESSION_COOKIE, bearer, cookie};
use crate::state::AppState;
use crate::tickets;
use crate::tickets::agent::{self, AgentView, NewAssignee};
use crate::tickets::inbox::{self, Counts, ListPage, ListQuery, Teammate};
use crate::tickets::presence::{self, Here, Viewers};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use signpost_core::tickets::NewMessage;
use signpost_core::wire::ErrorBody;
use std::time::Duration;

/// The inbox routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/agent/tickets", get(list))
        .route("/v1/agent/inbox", get(counts))
        .route("/v1/agent/team", get(team))
        .route("/v1/agent/stream", get(stream))
        .route("/v1/agent/tickets/{id}/notes", post(note))
        .route("/v1/agent/tickets/{id}/assignee", post(assignee))
        .route("/v1/agent/tickets/{id}/presence", post(here).delete(gone))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(list, counts, team, stream, note, assignee, here, gone))]
pub struct Api;

const ID: &str = "The ticket's id, e.g. `SP-1042`.";

#[utoipa::path(get, path = "/v1/agent/tickets", operation_id = "agent_list", tag = "agent", params(ListQuery),
    responses(
        (status = 200, description = "One page of tickets, soonest first-response target first.", body = ListPage),
        (status = 400, description = "`bad_request`: a filter that is not one of its choices.", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `limit` out of range, `after` not a cursor, `language` not a language subtag.", body = ErrorBody),
    ))]
async fn list(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<ListPage>, AppError> {
    Ok(Json(
        inbox::list(&state.db, &query, actor.agent_id()).await?,
    ))
}

#[utoipa::path(get, path = "/v1/agent/inbox", tag = "agent",
    responses((status = 200, description = "Open tickets per queue and per view (mine, unassigned, overdue, due within the hour).", body = Counts)))]
async fn counts(
    Agent(actor): Agent,
    State(state): State<AppState>,
) -> Result<Json<Counts>, AppError> {
    Ok(Json(inbox::counts(&state.db, actor.agent_id()).await?))
}

#[utoipa::path(get, path = "/v1/agent/team", tag = "agent",
    responses((status = 200, description = "Every active agent, by name: whom a ticket can be assigned to.", body = Vec<Teammate>)))]
async fn team(
    _agent: Agent,
    State(state): State<AppState>,
) -> Result<Json<Vec<Teammate>>, AppError> {
    Ok(Json(inbox::team(&state.db).await?))
}

/// How often a stream checks that its agent may still listen, when nothing else happens.
const RECHECK: Duration = Duration::from_secs(15);

#[utoipa::path(get, path = "/v1/agent/stream", tag = "agent",
    responses(
        (status = 200, description = "Server-sent events: `inbox` (data `{\"at\": RFC 3339}`) whenever a ticket or anyone's presence changes, on any replica: fetch what you show again. Ends when the session ends or the agent is disabled.", content_type = "text/event-stream"),
        (status = 429, description = "`rate_limited`: too many streams open from this address.", body = ErrorBody),
    ))]
async fn stream(
    Agent(actor): Agent,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let slot = state.streams.open(AddressKey::of(address), None)?;
    let changes = state.inbox.listen();
    let events = futures_util::stream::unfold(
        (changes, slot, state, headers, actor),
        |(mut changes, slot, state, headers, actor)| async move {
            loop {
                let changed = tokio::time::timeout(RECHECK, changes.changed()).await;
                if matches!(changed, Ok(Err(_))) {
                    return None;
                }
                // A disabled agent or an ended session stops hearing at once; the console then finds it out.
                if !still_signed_in(&state, &headers, &actor).await {
                    return None;
                }
                if changed.is_ok() {
                    let at = crate::clock::now_stamp();
                    let event = Event::default()
                        .event("inbox")
                        .data(json!({ "at": at }).to_string());
                    return Some((
                        Ok::<_, std::convert::Infallible>(event),
                        (changes, slot, state, headers, actor),
                    ));
                }
            }
        },
    );
    Ok(Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

/// Whether the credentials of a stream's request still name an active agent. A database that does not answer
/// ends no stream: the poller reports it, and the stream goes on once it answers.
async fn still_signed_in(state: &AppState, headers: &HeaderMap, actor: &Actor) -> bool {
    let found = match (actor, bearer(headers), cookie(headers, SESSION_COOKIE)) {
        (Actor::Service, _, _) => return true,
        (_, Some(token), _) => agents::tokens::agent(&state.db, token).await,
        (_, None, Some(session)) => {
            agents::sessions::agent(&state.db, session, state.console.sessions).await
        }
        (_, None, None) => return false,
    };
    !matches!(found, Ok(None))
}

#[utoipa::path(post, path = "/v1/agent/tickets/{id}/notes", tag = "agent", params(("id" = String, Path, description = ID)), request_body = NewMessage,
    responses(
        (status = 201, description = "The ticket with the note: agents see it, the user never does.", body = AgentView),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 422, description = "`validation_failed`: an empty or too long note.", body = ErrorBody),
    ))]
async fn note(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(note): AppJson<NewMessage>,
) -> Result<(StatusCode, Json<AgentView>), AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    let view = agent::add_note(&state.db, &row, actor.agent_id(), &note).await?;
    agents::record(&state.db, &actor, "note", Some(&id), json!({})).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(post, path = "/v1/agent/tickets/{id}/assignee", tag = "agent", params(("id" = String, Path, description = ID)), request_body = NewAssignee,
    responses(
        (status = 200, description = "The ticket with its new assignee.", body = AgentView),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 422, description = "`validation_failed`: no active agent has this id.", body = ErrorBody),
    ))]
async fn assignee(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(assignee): AppJson<NewAssignee>,
) -> Result<Json<AgentView>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    let view = agent::set_assignee(&state.db, &row, &assignee).await?;
    let detail = json!({ "from": row.assignee_id, "to": assignee.agent_id });
    agents::record(&state.db, &actor, "assignee", Some(&id), detail).await?;
    Ok(Json(view))
}

#[utoipa::path(post, path = "/v1/agent/tickets/{id}/presence", tag = "agent", params(("id" = String, Path, description = ID)), request_body = Here,
    responses(
        (status = 200, description = "The other agents with the ticket open in the last 30 seconds, and whether each is typing a reply. Send every 10 seconds while the ticket is open, and when typing starts or stops.", body = Viewers),
        (status = 404, description = "`not_found`.", body = ErrorBody),
    ))]
async fn here(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(here): AppJson<Here>,
) -> Result<Json<Viewers>, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    let now = crate::clock::now_unix();
    let viewers = presence::here(&state.db, row.number, actor.agent_id(), &here, now).await?;
    Ok(Json(viewers))
}

#[utoipa::path(delete, path = "/v1/agent/tickets/{id}/presence", tag = "agent", params(("id" = String, Path, description = ID)),
    responses(
        (status = 204, description = "The agent no longer has the ticket open."),
        (status = 404, description = "`not_found`.", body = ErrorBody),
    ))]
async fn gone(
    Agent(actor): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let row = tickets::by_id(&state.db, &id).await?;
    if let Some(agent_id) = actor.agent_id() {
        presence::gone(&state.db, row.number, agent_id).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
