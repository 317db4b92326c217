//! Nudge routes: the loader's `POST /v1/notices` (what a page with a context shows before anyone opens the
//! widget, nudge included) and the marketplace backend's `POST /v1/agent/nudges`.

use crate::agents;
use crate::clock::{now_millis, now_stamp, now_unix};
use crate::error::AppError;
use crate::identity::believed;
use crate::nudges::pushed::{self, PushNudge, Pushed};
use crate::nudges::{self, Ask, Visitor};
use crate::routes::extract::{Admin, AppJson, BeaconJson};
use crate::routes::status_page::NoticesQuery;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use signpost_core::feed::incident_facts;
use signpost_core::notices::{Notices, NoticesRequest};
use signpost_core::wire::ErrorBody;

/// Longest stored value the loader passes on (the browser's tickets list is the long one).
const STORED_MAX_BYTES: usize = 32 * 1024;

/// The marketplace backend's route.
pub fn router() -> Router<AppState> {
    Router::new().route("/v1/agent/nudges", post(push))
}

/// The loader's route: any page may ask, like `GET /v1/notices` (it carries no cookie, and a pushed message
/// needs the user's identity token, which the page has anyway).
pub fn public_router() -> Router<AppState> {
    Router::new().route("/v1/notices", post(notices))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(notices, push))]
pub struct Api;

#[utoipa::path(post, path = "/v1/notices", operation_id = "notices_for_page", tag = "status", params(NoticesQuery), request_body(content = NoticesRequest, content_type = "text/plain"),
    responses(
        (status = 200, description = "What the page shows now: the surface's status, and the nudge for this page \
                                      view if one fires and no cap silences it (counted as shown).", body = Notices),
        (status = 400, description = "`bad_request`: no `surface`, or not one of the four; a body that is not JSON, \
                                      or not this shape.", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: a stored value over 32 KB.", body = ErrorBody),
    ))]
async fn notices(
    State(state): State<AppState>,
    Query(query): Query<NoticesQuery>,
    headers: HeaderMap,
    BeaconJson(request): BeaconJson<NoticesRequest>,
) -> Result<impl IntoResponse, AppError> {
    let stored = [&request.install, &request.nudges, &request.tickets];
    if stored
        .iter()
        .any(|value| value.as_ref().is_some_and(|v| v.len() > STORED_MAX_BYTES))
    {
        return Err(AppError::PayloadTooLarge);
    }
    let snapshot = state.status.current();
    let content = state.content.current();
    let mut answer = signpost_core::notices::notices(
        snapshot.summary(),
        content.status_components(),
        query.surface,
        now_unix(),
    );
    let verified = believed(request.identity.as_deref(), state.identity_secret.as_ref());
    let visitor = Visitor {
        private: headers.get("sec-gpc").is_some_and(|value| value == "1"),
        role: verified.as_ref().map(|v| v.identity.role),
        user: verified.map(|v| {
            let key = state.token_key.user_key(&v.identity.user_id);
            (v.identity.user_id, key)
        }),
    };
    let ask = Ask {
        surface: query.surface,
        request: &request,
        visitor: &visitor,
        help: &content,
        extra_facts: &incident_facts(snapshot.summary(), str::to_lowercase),
        per_day: state.nudges_per_day,
        now_ms: now_millis(),
    };
    answer.nudge = nudges::choose(&state.db, &state.events, &state.token_key, &ask).await?;
    answer.show |= answer.nudge.is_some();
    let any_origin = [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")];
    Ok((any_origin, Json(answer)))
}

#[utoipa::path(post, path = "/v1/agent/nudges", tag = "agent", request_body = PushNudge, security(("agent" = []), ("session" = [])),
    responses(
        (status = 201, description = "Stored: shown once, on the user's next page view before it expires.", body = Pushed),
        (status = 403, description = "`forbidden`: an admin's token or session is needed.", body = ErrorBody),
        (status = 422, description = "`validation_failed`: each problem with its field (`user_id`, `rule`, \
                                      `message`, `message.<language>`, `expires_at`).", body = ErrorBody),
    ))]
async fn push(
    Admin(actor): Admin,
    State(state): State<AppState>,
    AppJson(request): AppJson<PushNudge>,
) -> Result<(StatusCode, Json<Pushed>), AppError> {
    let content = state.content.current();
    let checked = pushed::check(&request, content.rules(), now_unix())?;
    let user_key = state.token_key.user_key(&checked.user_id);
    let id = pushed::store(&state.db, &checked, &user_key, &now_stamp()).await?;
    let id = format!("push:{id}");
    let detail = json!({ "rule": checked.rule, "expires_at": request.expires_at });
    agents::record(&state.db, &actor, "nudge_push", Some(&id), detail).await?;
    let expires_at = crate::clock::stamp(checked.expires_unix);
    Ok((StatusCode::CREATED, Json(Pushed { id, expires_at })))
}
