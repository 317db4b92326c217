//! Status routes: the Statuspage v2 feed at the origin's root, where Statuspage clients look (public,
//! CDN-cacheable, any origin may read it), its Server-Sent Events stream, and the agent API operators write
//! incidents and maintenance through.

use crate::address::AddressKey;
use crate::error::AppError;
use crate::routes::extract::{Agent, AppJson, ClientAddress};
use crate::state::AppState;
use crate::status_page::Document;
use crate::status_page::agent::{
    self, Changed, OpenIncident, Opened, ScheduleMaintenance, UpdateIncident,
};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::time::Duration;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

/// The public feed and the agent API.
pub fn router() -> Router<AppState> {
    let document = |document: Document| {
        move |State(state): State<AppState>, headers: HeaderMap| async move {
            let snapshot = state.status.current();
            public_json(snapshot.document(document), &headers)
        }
    };
    Router::new()
        .route("/api/v2/summary.json", get(document(Document::Summary)))
        .route("/api/v2/status.json", get(document(Document::Status)))
        .route(
            "/api/v2/components.json",
            get(document(Document::Components)),
        )
        .route("/api/v2/incidents.json", get(document(Document::Incidents)))
        .route(
            "/api/v2/incidents/unresolved.json",
            get(document(Document::Unresolved)),
        )
        .route(
            "/api/v2/scheduled-maintenances.json",
            get(document(Document::Maintenances)),
        )
        .route(
            "/api/v2/scheduled-maintenances/upcoming.json",
            get(document(Document::Upcoming)),
        )
        .route(
            "/api/v2/scheduled-maintenances/active.json",
            get(document(Document::Active)),
        )
        .route("/v1/status/stream", get(stream))
        .route("/v1/agent/incidents", post(open_incident))
        .route("/v1/agent/incidents/{id}/updates", post(update_incident))
        .route("/v1/agent/incidents/{id}/resolve", post(resolve_incident))
        .route("/v1/agent/maintenances", post(schedule_maintenance))
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

async fn open_incident(
    _agent: Agent,
    State(state): State<AppState>,
    AppJson(request): AppJson<OpenIncident>,
) -> Result<(StatusCode, Json<Opened>), AppError> {
    let opened = agent::open_incident(&state.status, &request).await?;
    Ok((StatusCode::CREATED, Json(opened)))
}

async fn update_incident(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(request): AppJson<UpdateIncident>,
) -> Result<Json<Changed>, AppError> {
    Ok(Json(
        agent::change(&state.status, &id, &request, None).await?,
    ))
}

async fn resolve_incident(
    _agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    AppJson(request): AppJson<UpdateIncident>,
) -> Result<Json<Changed>, AppError> {
    let changed = agent::change(&state.status, &id, &request, Some("resolved")).await?;
    Ok(Json(changed))
}

async fn schedule_maintenance(
    _agent: Agent,
    State(state): State<AppState>,
    AppJson(request): AppJson<ScheduleMaintenance>,
) -> Result<(StatusCode, Json<Opened>), AppError> {
    let opened = agent::schedule_maintenance(&state.status, &request).await?;
    Ok((StatusCode::CREATED, Json(opened)))
}
