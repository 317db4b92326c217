//! Status routes: the Statuspage v2 feed at the origin's root, where Statuspage clients look (public,
//! CDN-cacheable, any origin may read it), its Server-Sent Events stream, and the agent API operators write
//! incidents and maintenance through.

use crate::address::AddressKey;
use crate::agents;
use crate::error::AppError;
use crate::routes::extract::{Admin, AppJson, ClientAddress};
use crate::state::AppState;
use crate::status_page::Document;
use crate::status_page::agent::{
    self, Changed, OpenIncident, Opened, ScheduleMaintenance, UpdateIncident,
};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use signpost_core::embed::Surface;
use signpost_core::feed::{Feed, Summary};
use signpost_core::notices::Notices;
use signpost_core::wire::ErrorBody;
use std::time::Duration;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

/// The public feed and the agent API.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v2/summary.json", get(summary))
        .route("/api/v2/status.json", get(status))
        .route("/api/v2/components.json", get(components))
        .route("/api/v2/incidents.json", get(incidents))
        .route("/api/v2/incidents/unresolved.json", get(unresolved))
        .route("/api/v2/scheduled-maintenances.json", get(maintenances))
        .route(
            "/api/v2/scheduled-maintenances/upcoming.json",
            get(upcoming),
        )
        .route("/api/v2/scheduled-maintenances/active.json", get(active))
        .route("/v1/status/stream", get(stream))
        .route("/v1/notices", get(notices))
        .route("/v1/agent/incidents", post(open_incident))
        .route("/v1/agent/incidents/{id}/updates", post(update_incident))
        .route("/v1/agent/incidents/{id}/resolve", post(resolve_incident))
        .route("/v1/agent/maintenances", post(schedule_maintenance))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    summary,
    status,
    components,
    incidents,
    unresolved,
    maintenances,
    upcoming,
    active,
    stream,
    notices,
    open_incident,
    update_incident,
    resolve_incident,
    schedule_maintenance
))]
pub struct Api;

#[utoipa::path(get, path = "/api/v2/summary.json", tag = "status", params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has.")),
    responses((status = 200, description = "Everything at once: page, status, components, incidents and maintenances.", body = Summary), (status = 304, description = "Not modified.")))]
async fn summary(State(state): State<AppState>, headers: HeaderMap) -> Response {
    public_json(state.status.current().document(Document::Summary), &headers)
}

#[utoipa::path(get, path = "/api/v2/status.json", operation_id = "status_json", tag = "status", params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has.")),
    responses((status = 200, description = "The page and its overall indicator.", body = Feed), (status = 304, description = "Not modified.")))]
async fn status(State(state): State<AppState>, headers: HeaderMap) -> Response {
    public_json(state.status.current().document(Document::Status), &headers)
}

#[utoipa::path(get, path = "/api/v2/components.json", tag = "status", params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has.")),
    responses((status = 200, description = "The page and its components.", body = Feed), (status = 304, description = "Not modified.")))]
async fn components(State(state): State<AppState>, headers: HeaderMap) -> Response {
    public_json(
        state.status.current().document(Document::Components),
        &headers,
    )
}

#[utoipa::path(get, path = "/api/v2/incidents.json", tag = "status", params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has.")),
    responses((status = 200, description = "The page and its latest 50 incidents.", body = Feed), (status = 304, description = "Not modified.")))]
async fn incidents(State(state): State<AppState>, headers: HeaderMap) -> Response {
    public_json(
        state.status.current().document(Document::Incidents),
        &headers,
    )
}

#[utoipa::path(get, path = "/api/v2/incidents/unresolved.json", tag = "status", params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has.")),
    responses((status = 200, description = "The page and its open incidents.", body = Feed), (status = 304, description = "Not modified.")))]
async fn unresolved(State(state): State<AppState>, headers: HeaderMap) -> Response {
    public_json(
        state.status.current().document(Document::Unresolved),
        &headers,
    )
}

#[utoipa::path(get, path = "/api/v2/scheduled-maintenances.json", tag = "status", params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has.")),
    responses((status = 200, description = "The page and every scheduled maintenance.", body = Feed), (status = 304, description = "Not modified.")))]
async fn maintenances(State(state): State<AppState>, headers: HeaderMap) -> Response {
    public_json(
        state.status.current().document(Document::Maintenances),
        &headers,
    )
}

#[utoipa::path(get, path = "/api/v2/scheduled-maintenances/upcoming.json", tag = "status", params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has.")),
    responses((status = 200, description = "The page and its upcoming maintenances.", body = Feed), (status = 304, description = "Not modified.")))]
async fn upcoming(State(state): State<AppState>, headers: HeaderMap) -> Response {
    public_json(
        state.status.current().document(Document::Upcoming),
        &headers,
    )
}

#[utoipa::path(get, path = "/api/v2/scheduled-maintenances/active.json", tag = "status", params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has.")),
    responses((status = 200, description = "The page and its maintenances in progress.", body = Feed), (status = 304, description = "Not modified.")))]
async fn active(State(state): State<AppState>, headers: HeaderMap) -> Response {
    public_json(state.status.current().document(Document::Active), &headers)
}

/// The query of `GET` and `POST /v1/notices`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct NoticesQuery {
    /// The kind of page: `checkout`, `order`, `onboarding` or `other`.
    pub surface: Surface,
}

/// `GET /v1/notices?surface=…`: whether a page of that surface has something to show before anyone opens the
/// widget (the loader asks this instead of loading the widget on every page view). Public and cacheable like
/// the feed it is read from.
#[utoipa::path(get, path = "/v1/notices", tag = "status", params(NoticesQuery),
    responses(
        (status = 200, description = "What the surface shows now.", body = Notices),
        (status = 400, description = "`bad_request`: no `surface`, or not one of the four.", body = ErrorBody),
    ))]
async fn notices(
    State(state): State<AppState>,
    Query(query): Query<NoticesQuery>,
    headers: HeaderMap,
) -> Response {
    let snapshot = state.status.current();
    let content = state.content.current();
    let notices = signpost_core::notices::notices(
        snapshot.summary(),
        content.status_components(),
        query.surface,
        crate::clock::now_unix(),
    );
    let body = serde_json::to_string(&notices).expect("notices serialise");
    public_json(&body, &headers)
}

/// A public, CDN-cacheable JSON document with an ETag.
fn public_json(body: &str, request: &HeaderMap) -> Response {
    let etag = crate::digest::etag(body.as_bytes());
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=5, stale-while-revalidate=30"),
    );
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("hex is a valid header value"),
    );
    if request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (headers, body.to_owned()).into_response()
}

/// `GET /v1/status/stream`: the summary now, then again on every change; 429 or 503 past the stream caps.
#[utoipa::path(get, path = "/v1/status/stream", operation_id = "status_stream", tag = "status",
    responses(
        (status = 200, description = "Server-sent events `summary`, each a `summary.json`.", content_type = "text/event-stream", body = String),
        (status = 429, description = "`too_many_streams`: this address holds as many streams as it may.", body = ErrorBody),
    ))]
async fn stream(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
) -> Result<Response, AppError> {
    let slot = state.streams.open(AddressKey::of(address), None)?;
    let updates = BroadcastStream::new(state.status.subscribe()).filter_map(|next| next.ok());
    let first = tokio_stream::once(state.status.current());
    let events = first.chain(updates).map(move |snapshot| {
        // The stream owns its slot: the slot is freed when the client leaves and the stream is dropped.
        let _slot = &slot;
        Ok::<_, std::convert::Infallible>(
            Event::default()
                .event("summary")
                .data(snapshot.document(Document::Summary)),
        )
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    // Public like the feed itself: a status page on another origin may listen too.
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    Ok(response)
}

#[utoipa::path(post, path = "/v1/agent/incidents", tag = "agent", request_body = OpenIncident,
    responses(
        (status = 201, description = "The incident is open on the status page.", body = Opened),
        (status = 409, description = "`conflict`: the status page mirrors another; change it there.", body = ErrorBody),
    ))]
async fn open_incident(
    Admin(actor): Admin,
    State(state): State<AppState>,
    AppJson(request): AppJson<OpenIncident>,
) -> Result<(StatusCode, Json<Opened>), AppError> {
    let opened = agent::open_incident(&state.status, &request).await?;
    let detail = json!({ "name": request.name, "impact": request.impact });
    agents::record(&state.db, &actor, "incident_open", Some(&opened.id), detail).await?;
    Ok((StatusCode::CREATED, Json(opened)))
}

#[utoipa::path(post, path = "/v1/agent/incidents/{id}/updates", tag = "agent", params(("id" = String, Path, description = "The incident's id.")),
    request_body = UpdateIncident,
    responses(
        (status = 200, description = "The update is posted.", body = Changed),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`conflict`: the status page mirrors another; change it there.", body = ErrorBody),
    ))]
async fn update_incident(
    Admin(actor): Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(request): AppJson<UpdateIncident>,
) -> Result<Json<Changed>, AppError> {
    let changed = agent::change(&state.status, &id, &request, None).await?;
    let detail = json!({ "status": request.status, "impact": request.impact });
    agents::record(&state.db, &actor, "incident_update", Some(&id), detail).await?;
    Ok(Json(changed))
}

#[utoipa::path(post, path = "/v1/agent/incidents/{id}/resolve", tag = "agent", params(("id" = String, Path, description = "The incident's id.")),
    request_body = UpdateIncident,
    responses(
        (status = 200, description = "The incident is resolved.", body = Changed),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`conflict`: the status page mirrors another; change it there.", body = ErrorBody),
    ))]
async fn resolve_incident(
    Admin(actor): Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(request): AppJson<UpdateIncident>,
) -> Result<Json<Changed>, AppError> {
    let changed = agent::change(&state.status, &id, &request, Some("resolved")).await?;
    agents::record(&state.db, &actor, "incident_resolve", Some(&id), json!({})).await?;
    Ok(Json(changed))
}

#[utoipa::path(post, path = "/v1/agent/maintenances", tag = "agent", request_body = ScheduleMaintenance,
    responses(
        (status = 201, description = "The maintenance is on the status page.", body = Opened),
        (status = 409, description = "`conflict`: the status page mirrors another; change it there.", body = ErrorBody),
    ))]
async fn schedule_maintenance(
    Admin(actor): Admin,
    State(state): State<AppState>,
    AppJson(request): AppJson<ScheduleMaintenance>,
) -> Result<(StatusCode, Json<Opened>), AppError> {
    let opened = agent::schedule_maintenance(&state.status, &request).await?;
    let detail = json!({ "name": request.name });
    agents::record(
        &state.db,
        &actor,
        "maintenance_schedule",
        Some(&opened.id),
        detail,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(opened)))
}
