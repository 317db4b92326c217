//! Agents' sign-in and accounts: `/v1/console/session` signs in (a session cookie), tells who is signed in and
//! signs out; `/v1/console/password` sets a password by a one-time link; `/v1/agent/agents` lets an admin list,
//! add and disable agents; `/v1/agent/actions` tells who did what to a ticket or incident.

use crate::agents::{self, Account, Action, Actor, Role};
use crate::error::AppError;
use crate::limits;
use crate::routes::extract::{
    Admin, Agent, AppJson, ClientAddress, SESSION_COOKIE, console_write, cookie, failures_key,
};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use signpost_core::check::{Check, Text};
use signpost_core::wire::ErrorBody;

/// The console's account routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/v1/console/session",
            get(whoami).post(sign_in).delete(sign_out),
        )
        .route("/v1/console/password", post(set_password))
        .route("/v1/agent/agents", get(list).post(add))
        .route("/v1/agent/agents/{id}/disable", post(disable))
        .route("/v1/agent/actions", get(actions))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(sign_in, whoami, sign_out, set_password, list, add, disable, actions))]
pub struct Api;

/// `POST /v1/console/session`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

/// Who is signed in.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Session {
    pub agent: Account,
}

const PASSWORD_MAX_BYTES: usize = 1_024;

#[utoipa::path(post, path = "/v1/console/session", operation_id = "sign_in", tag = "console", request_body = SignIn,
    params(("X-Signpost-Console" = String, Header, description = "Any value: proves the console sent it.")),
    responses(
        (status = 200, description = "Signed in: the session cookie is set (`HttpOnly`, `SameSite=Strict`, `Secure` when the desk's public URL is https).", body = Session),
        (status = 401, description = "`unauthorized`: wrong email or password, or the account is disabled.", body = ErrorBody),
        (status = 403, description = "`forbidden`: no `X-Signpost-Console` header (a cross-site form).", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many wrong passwords from this address or for this account lately.", body = ErrorBody),
    ))]
async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    AppJson(request): AppJson<SignIn>,
) -> Result<Response, AppError> {
    console_write(&headers)?;
    let mut check = Check::new();
    check.email("email", &request.email, Text::line(254).required());
    check.expect(
        !request.password.is_empty(),
        "password",
        signpost_core::wire::Problem::Required,
    );
    check.expect(
        request.password.len() <= PASSWORD_MAX_BYTES,
        "password",
        signpost_core::wire::Problem::TooLong {
            max: PASSWORD_MAX_BYTES,
        },
    );
    check.finish()?;
    let by_address = failures_key(address);
    let by_account = limits::key(
        "sign-in-failures/email",
        agents::normal_email(&request.email),
    );
    let (address_limit, account_limit) =
        (state.limits.agent_failures, state.console.sign_in_failures);
    limits::check(&state.db, &by_address, address_limit).await??;
    limits::check(&state.db, &by_account, account_limit).await??;
    let Some(account) = agents::verify(&state.db, &request.email, &request.password).await? else {
        limits::count(&state.db, &by_address, address_limit).await?;
        limits::count(&state.db, &by_account, account_limit).await?;
        tracing::warn!(%address, "wrong console sign-in");
        return Err(AppError::NotSignedIn("wrong email or password"));
    };
    // A new secret at every sign-in: a session id planted before sign-in is never the one signed in.
    if let Some(old) = cookie(&headers, SESSION_COOKIE) {
        agents::sessions::end(&state.db, old).await?;
    }
    let token = agents::sessions::start(&state.db, account.id).await?;
    let actor = Actor::Agent(account.clone());
    agents::record(
        &state.db,
        &actor,
        "sign_in",
        Some(&account.email),
        json!({}),
    )
    .await?;
    let secure = if state.console.secure_cookie {
        "; Secure"
    } else {
        ""
    };
    let set_cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
    Ok((
        [
            (header::SET_COOKIE, set_cookie),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Json(Session { agent: account }),
    )
        .into_response())
}

#[utoipa::path(get, path = "/v1/console/session", tag = "console",
    responses(
        (status = 200, description = "The signed-in agent.", body = Session),
        (status = 401, description = "`unauthorized`: not signed in, or the session ended (idle, signed out, agent disabled).", body = ErrorBody),
        (status = 403, description = "`forbidden`: the service token is no one's session.", body = ErrorBody),
    ))]
async fn whoami(Agent(actor): Agent) -> Result<Json<Session>, AppError> {
    match actor {
        Actor::Agent(agent) => Ok(Json(Session { agent })),
        Actor::Service => Err(AppError::Forbidden(
            "the service token is not an agent: sign in, or use an agent's token",
        )),
    }
}

#[utoipa::path(delete, path = "/v1/console/session", tag = "console",
    params(("X-Signpost-Console" = String, Header, description = "Any value: proves the console sent it.")),
    responses(
        (status = 204, description = "Signed out: the session is ended on every replica and the cookie cleared."),
        (status = 403, description = "`forbidden`: no `X-Signpost-Console` header.", body = ErrorBody),
    ))]
async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    console_write(&headers)?;
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        agents::sessions::end(&state.db, token).await?;
    }
    let clear = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

/// `POST /v1/console/password`: the token from a set-password link and the new password.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewPassword {
    pub token: String,
    /// 12–256 characters, not the email address.
    pub password: String,
}

#[utoipa::path(post, path = "/v1/console/password", tag = "console", request_body = NewPassword,
    responses(
        (status = 200, description = "The password is set and the link spent; every session of the agent has ended. Sign in with it.", body = Session),
        (status = 404, description = "`not_found`: the link is unknown, used, expired, or its agent disabled: ask an admin for a new one.", body = ErrorBody),
        (status = 422, description = "`validation_failed`: the password is too short, too long, or the email address.", body = ErrorBody),
    ))]
async fn set_password(
    State(state): State<AppState>,
    AppJson(request): AppJson<NewPassword>,
) -> Result<Json<Session>, AppError> {
    let agent = agents::set_password(&state.db, &request.token, &request.password).await?;
    let actor = Actor::Agent(agent.clone());
    agents::record(
        &state.db,
        &actor,
        "set_password",
        Some(&agent.email),
        json!({}),
    )
    .await?;
    Ok(Json(Session { agent }))
}

#[utoipa::path(get, path = "/v1/agent/agents", operation_id = "list_agents", tag = "agent",
    responses(
        (status = 200, description = "Every agent, by name.", body = Vec<Account>),
        (status = 403, description = "`forbidden`: only an admin may list agents.", body = ErrorBody),
    ))]
async fn list(
    _admin: Admin,
    State(state): State<AppState>,
) -> Result<Json<Vec<Account>>, AppError> {
    Ok(Json(agents::list(&state.db).await?))
}

/// `POST /v1/agent/agents`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewAgent {
    pub name: String,
    pub email: String,
    pub role: Role,
}

/// A new agent and the link that sets their password (shown once).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AddedAgent {
    pub agent: Account,
    /// `/console/#set-password=…`, good for 72 hours and once: send it to the agent.
    pub password_link: String,
}

#[utoipa::path(post, path = "/v1/agent/agents", operation_id = "add_agent", tag = "agent", request_body = NewAgent,
    responses(
        (status = 201, description = "The agent, and their one-time set-password link.", body = AddedAgent),
        (status = 403, description = "`forbidden`: only an admin may add agents.", body = ErrorBody),
        (status = 409, description = "`conflict`: an agent with this email exists.", body = ErrorBody),
        (status = 422, description = "`validation_failed`: a name or email missing, too long or malformed.", body = ErrorBody),
    ))]
async fn add(
    Admin(actor): Admin,
    State(state): State<AppState>,
    AppJson(request): AppJson<NewAgent>,
) -> Result<(StatusCode, Json<AddedAgent>), AppError> {
    let added = agents::add(&state.db, &request.name, &request.email, request.role).await?;
    let detail = json!({ "role": added.account.role });
    agents::record(
        &state.db,
        &actor,
        "agent_add",
        Some(&added.account.email),
        detail,
    )
    .await?;
    let answer = AddedAgent {
        password_link: agents::password_link_url("", &added.password_link),
        agent: added.account,
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

#[utoipa::path(post, path = "/v1/agent/agents/{id}/disable", operation_id = "disable_agent", tag = "agent",
    params(("id" = i64, Path, description = "The agent's id.")),
    responses(
        (status = 200, description = "The agent, disabled: signed out everywhere, their tokens dead.", body = Account),
        (status = 400, description = "`bad_request`: the id is not a whole number.", body = ErrorBody),
        (status = 403, description = "`forbidden`: only an admin may disable agents.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
    ))]
async fn disable(
    Admin(actor): Admin,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Account>, AppError> {
    let agent = agents::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let disabled = agents::disable(&state.db, &agent.email).await?;
    agents::record(
        &state.db,
        &actor,
        "agent_disable",
        Some(&agent.email),
        json!({}),
    )
    .await?;
    Ok(Json(disabled))
}

/// `GET /v1/agent/actions?subject=SP-1042`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionsQuery {
    /// A ticket id, an incident id or an agent's email.
    pub subject: String,
}

#[utoipa::path(get, path = "/v1/agent/actions", operation_id = "agent_actions", tag = "agent", params(ActionsQuery),
    responses(
        (status = 200, description = "What agents did to the subject, oldest first, each with the agent's name (none for the service token).", body = Vec<Action>),
    ))]
async fn actions(
    _agent: Agent,
    State(state): State<AppState>,
    Query(query): Query<ActionsQuery>,
) -> Result<Json<Vec<Action>>, AppError> {
    Ok(Json(agents::actions_on(&state.db, &query.subject).await?))
}
