//! The status page: the Statuspage v2 API at the origin's root (public, cacheable, any origin may read it), a
//! Server-Sent Events stream of changes, and the agent API operators use to open, update and resolve incidents
//! and schedule maintenance.
//!
//! Every desk process rebuilds its snapshot when the database's status revision changes (checked twice a
//! second), so an incident opened through one replica reaches the stream clients of every replica within 1 s.

mod store;
mod summary;

use crate::app::AppState;
use crate::auth::Agent;
use crate::db::Db;
use crate::error::AppError;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use signpost_core::check::{Check, Text};
use signpost_core::status::{Incident, IncidentStatus, Timestamp};
use signpost_core::wire::Problem;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use store::{NewIncident, NewUpdate};
use summary::Built;
pub use summary::PageInfo;
use tokio::sync::broadcast;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

/// How often a mirror polls its upstream while it answers, and the longest wait while it does not.
const MIRROR_POLL: Duration = Duration::from_secs(15);
const MIRROR_MAX_BACKOFF: Duration = Duration::from_secs(300);
/// How often each process looks for changes made through other processes.
const POLL: Duration = Duration::from_millis(400);
/// Maintenance windows open and close with the clock, not only with writes.
const CLOCK_TICK: Duration = Duration::from_secs(15);

/// One consistent view of the status page, serialised once for every reader.
#[derive(Debug)]
pub struct Snapshot {
    pub revision: i64,
    documents: Documents,
}

/// The v2 documents, each ready to send.
#[derive(Debug, Default)]
struct Documents {
    summary: String,
    status: String,
    components: String,
    incidents: String,
    unresolved: String,
    maintenances: String,
    upcoming: String,
    active: String,
}

/// The current snapshot and the channel that announces new ones.
#[derive(Clone, Debug)]
pub struct StatusHub {
    db: Db,
    page: PageInfo,
    current: Arc<RwLock<Arc<Snapshot>>>,
    changes: broadcast::Sender<Arc<Snapshot>>,
    /// Serving an upstream's feed rather than our own.
    mirrored: bool,
}

impl StatusHub {
    /// Builds the first snapshot and starts watching for changes.
    pub async fn start(
        db: Db,
        page: PageInfo,
        upstream: Option<String>,
    ) -> anyhow::Result<StatusHub> {
        let snapshot = snapshot(&db, &page).await?;
        let (changes, _) = broadcast::channel(16);
        let hub = StatusHub {
            db,
            page,
            current: Arc::new(RwLock::new(Arc::new(snapshot))),
            changes,
            mirrored: upstream.is_some(),
        };
        match upstream {
            Some(url) => {
                tokio::spawn(hub.clone().mirror(url));
            }
            None => {
                tokio::spawn(hub.clone().watch());
            }
        }
        Ok(hub)
    }

    /// The latest snapshot.
    pub fn current(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Rebuilds the snapshot and tells stream clients, if anything a reader would see changed.
    pub async fn refresh(&self) -> anyhow::Result<()> {
        let next = Arc::new(snapshot(&self.db, &self.page).await?);
        let changed = {
            let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
            // Refreshes overlap (a write's, the watcher's): one that read the database earlier must not
            // replace a newer state.
            if next.revision < current.revision {
                return Ok(());
            }
            let changed = current.documents.summary != next.documents.summary;
            *current = next.clone();
            changed
        };
        if changed {
            let _ = self.changes.send(next);
        }
        Ok(())
    }

    async fn watch(self) {
        let mut poll = tokio::time::interval(POLL);
        let mut clock = tokio::time::interval(CLOCK_TICK);
        loop {
            let due_to_clock = tokio::select! {
                _ = poll.tick() => false,
                _ = clock.tick() => true,
            };
            let stale = match store::revision(&self.db).await {
                Ok(revision) => revision != self.current().revision,
                Err(err) => {
                    tracing::warn!(error = %err, "status: cannot read the revision");
                    false
                }
            };
            if (stale || due_to_clock)
                && let Err(err) = self.refresh().await
            {
                tracing::warn!(error = %err, "status: cannot rebuild the snapshot; serving the last one");
            }
        }
    }
}

impl StatusHub {
    /// Serves an upstream Statuspage's feed instead of our own: polled with ETag and If-Modified-Since,
    /// backing off while it fails, keeping the last good state.
    async fn mirror(self, url: String) {
        let client = reqwest::Client::new();
        let (mut etag, mut modified) = (None::<String>, None::<String>);
        let mut wait = MIRROR_POLL;
        loop {
            let mut request = client.get(&url).timeout(Duration::from_secs(10));
            if let Some(tag) = &etag {
                request = request.header(header::IF_NONE_MATCH, tag);
            }
            if let Some(since) = &modified {
                request = request.header(header::IF_MODIFIED_SINCE, since);
            }
            let outcome = match request.send().await {
                Ok(response) if response.status() == StatusCode::NOT_MODIFIED => Ok(()),
                Ok(response) if response.status().is_success() => {
                    let header_text = |name| {
                        response
                            .headers()
                            .get(name)
                            .and_then(|v: &HeaderValue| v.to_str().ok())
                            .map(str::to_owned)
                    };
                    let (next_etag, next_modified) = (
                        header_text(header::ETAG),
                        header_text(header::LAST_MODIFIED),
                    );
                    match response
                        .text()
                        .await
                        .map_err(anyhow::Error::from)
                        .and_then(|text| self.adopt(&text))
                    {
                        Ok(()) => {
                            (etag, modified) = (next_etag, next_modified);
                            Ok(())
                        }
                        Err(err) => Err(err),
                    }
                }
                Ok(response) => Err(anyhow::anyhow!("upstream answered {}", response.status())),
                Err(err) => Err(err.into()),
            };
            wait = match outcome {
                Ok(()) => MIRROR_POLL,
                Err(err) => {
                    tracing::warn!(%url, error = %err, "status upstream failed; keeping the last good state");
                    (wait * 2).min(MIRROR_MAX_BACKOFF)
                }
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// Takes an upstream `summary.json` as the page's state.
    fn adopt(&self, text: &str) -> anyhow::Result<()> {
        let summary = signpost_core::status::Summary::parse(text)?;
        let built = Built {
            all_incidents: summary.incidents.clone(),
            all_maintenances: summary.scheduled_maintenances.clone(),
            summary,
        };
        let next = Snapshot {
            revision: self.current().revision + 1,
            documents: documents(&built)?,
        };
        if next.documents.summary != self.current().documents.summary {
            let next = Arc::new(next);
            *self.current.write().unwrap_or_else(|p| p.into_inner()) = next.clone();
            let _ = self.changes.send(next);
        }
        Ok(())
    }

    /// Whether the page is an upstream's mirror, which operators cannot write to.
    fn is_mirror(&self) -> bool {
        self.mirrored
    }
}

async fn snapshot(db: &Db, page: &PageInfo) -> anyhow::Result<Snapshot> {
    let rows = store::load(db).await?;
    let built = summary::build(&rows, page, crate::clock::now_unix());
    Ok(Snapshot {
        revision: rows.revision,
        documents: documents(&built)?,
    })
}

/// Every v2 document of one state of the page.
fn documents(built: &Built) -> serde_json::Result<Documents> {
    let summary = &built.summary;
    let page_json = serde_json::to_value(&summary.page)?;
    let with_page = |key: &str, value: Value| json!({ "page": page_json, key: value }).to_string();
    let maintenances_where = |keep: fn(&IncidentStatus) -> bool| -> Vec<&Incident> {
        built
            .all_maintenances
            .iter()
            .filter(|m| keep(&m.status))
            .collect()
    };
    let documents = Documents {
        summary: serde_json::to_string(summary)?,
        status: with_page("status", serde_json::to_value(&summary.status)?),
        components: with_page("components", serde_json::to_value(&summary.components)?),
        incidents: with_page(
            "incidents",
            serde_json::to_value(built.all_incidents.iter().take(50).collect::<Vec<_>>())?,
        ),
        unresolved: with_page("incidents", serde_json::to_value(&summary.incidents)?),
        maintenances: with_page(
            "scheduled_maintenances",
            serde_json::to_value(&built.all_maintenances)?,
        ),
        upcoming: with_page(
            "scheduled_maintenances",
            serde_json::to_value(maintenances_where(|s| *s == IncidentStatus::Scheduled))?,
        ),
        active: with_page(
            "scheduled_maintenances",
            serde_json::to_value(maintenances_where(|s| {
                matches!(s, IncidentStatus::InProgress | IncidentStatus::Verifying)
            }))?,
        ),
    };
    Ok(documents)
}

/// The public feed (at the origin's root, where Statuspage clients look) and the agent API.
pub fn router() -> Router<AppState> {
    let document = |pick: fn(&Documents) -> &String| {
        move |State(state): State<AppState>, headers: HeaderMap| async move {
            let snapshot = state.status.current();
            public_json(pick(&snapshot.documents), &headers)
        }
    };
    Router::new()
        .route("/api/v2/summary.json", get(document(|d| &d.summary)))
        .route("/api/v2/status.json", get(document(|d| &d.status)))
        .route("/api/v2/components.json", get(document(|d| &d.components)))
        .route("/api/v2/incidents.json", get(document(|d| &d.incidents)))
        .route(
            "/api/v2/incidents/unresolved.json",
            get(document(|d| &d.unresolved)),
        )
        .route(
            "/api/v2/scheduled-maintenances.json",
            get(document(|d| &d.maintenances)),
        )
        .route(
            "/api/v2/scheduled-maintenances/upcoming.json",
            get(document(|d| &d.upcoming)),
        )
        .route(
            "/api/v2/scheduled-maintenances/active.json",
            get(document(|d| &d.active)),
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

/// `GET /v1/status/stream`: the summary now, then again on every change.
async fn stream(State(state): State<AppState>) -> impl IntoResponse {
    let updates =
        BroadcastStream::new(state.status.changes.subscribe()).filter_map(|next| next.ok());
    let first = tokio_stream::once(state.status.current());
    let events = first.chain(updates).map(|snapshot| {
        Ok::<_, std::convert::Infallible>(
            Event::default()
                .event("summary")
                .data(snapshot.documents.summary.clone()),
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
    response
}

const IMPACTS: [&str; 4] = ["none", "minor", "major", "critical"];
const INCIDENT_STATUSES: [&str; 5] = [
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "postmortem",
];
const MAINTENANCE_STATUSES: [&str; 4] = ["scheduled", "in_progress", "verifying", "completed"];
const MAX_NAME: usize = 200;
const MAX_MESSAGE: usize = 5_000;
const MAX_COMPONENTS: usize = 20;

/// `POST /v1/agent/incidents`.
#[derive(Debug, Deserialize)]
pub struct OpenIncident {
    pub name: String,
    pub impact: String,
    #[serde(default)]
    pub components: Vec<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// `POST /v1/agent/incidents/{id}/updates` and `…/resolve`.
#[derive(Debug, Deserialize)]
pub struct UpdateIncident {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub impact: Option<String>,
}

/// `POST /v1/agent/maintenances`.
#[derive(Debug, Deserialize)]
pub struct ScheduleMaintenance {
    pub name: String,
    #[serde(default)]
    pub components: Vec<String>,
    pub scheduled_for: String,
    pub scheduled_until: String,
    #[serde(default)]
    pub message: Option<String>,
}

/// A component name.
const COMPONENT: Text = Text::line(100).required();

/// Checks the components an incident or maintenance names.
fn check_components(check: &mut Check, names: &[String]) {
    check.list("components", names, MAX_COMPONENTS, |check, field, name| {
        check.text(field, name, COMPONENT);
    });
}

async fn open_incident(
    _agent: Agent,
    State(state): State<AppState>,
    Json(request): Json<OpenIncident>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    if state.status.is_mirror() {
        return Err(AppError::Conflict(
            "the status page mirrors --status-upstream; change it there",
        ));
    }
    let status = request.status.as_deref().unwrap_or("investigating");
    let message = request.message.as_deref().unwrap_or(&request.name);
    let mut check = Check::new();
    check.text("name", &request.name, Text::line(MAX_NAME).required());
    check.text("message", message, Text::lines(MAX_MESSAGE));
    check.one_of("impact", &request.impact, &IMPACTS);
    check.one_of("status", status, &INCIDENT_STATUSES[..3]);
    check_components(&mut check, &request.components);
    check.finish()?;
    let incident = NewIncident {
        kind: "incident",
        name: request.name.trim(),
        status,
        impact: &request.impact,
        components: &request.components,
        message: message.trim(),
        scheduled_for: None,
        scheduled_until: None,
    };
    let id = store::open(&state.db, &incident, &crate::clock::now_stamp()).await?;
    state.status.refresh().await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

async fn update_incident(
    agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(request): Json<UpdateIncident>,
) -> Result<Json<Value>, AppError> {
    change(agent, &state, &id, request, None).await
}

async fn resolve_incident(
    agent: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(request): Json<UpdateIncident>,
) -> Result<Json<Value>, AppError> {
    change(agent, &state, &id, request, Some("resolved")).await
}

async fn change(
    _agent: Agent,
    state: &AppState,
    id: &str,
    request: UpdateIncident,
    forced_status: Option<&str>,
) -> Result<Json<Value>, AppError> {
    if state.status.is_mirror() {
        return Err(AppError::Conflict(
            "the status page mirrors --status-upstream; change it there",
        ));
    }
    let status = forced_status
        .or(request.status.as_deref())
        .unwrap_or("identified");
    let message = request
        .message
        .as_deref()
        .unwrap_or(if status == "resolved" {
            "This incident has been resolved."
        } else {
            ""
        });
    let mut check = Check::new();
    let allowed: Vec<&str> = INCIDENT_STATUSES
        .iter()
        .chain(MAINTENANCE_STATUSES.iter())
        .copied()
        .collect();
    check.one_of("status", status, &allowed);
    check.text("message", message, Text::lines(MAX_MESSAGE).required());
    if let Some(impact) = &request.impact {
        check.one_of("impact", impact, &IMPACTS);
    }
    check.finish()?;
    let update = NewUpdate {
        status,
        message: message.trim(),
        impact: request.impact.as_deref(),
    };
    if !store::update(&state.db, id, &update, &crate::clock::now_stamp()).await? {
        return Err(AppError::NotFound);
    }
    state.status.refresh().await?;
    Ok(Json(json!({ "id": id, "status": status })))
}

async fn schedule_maintenance(
    _agent: Agent,
    State(state): State<AppState>,
    Json(request): Json<ScheduleMaintenance>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    if state.status.is_mirror() {
        return Err(AppError::Conflict(
            "the status page mirrors --status-upstream; change it there",
        ));
    }
    let from = Timestamp::parse(request.scheduled_for.clone());
    let until = Timestamp::parse(request.scheduled_until.clone());
    let message = request.message.as_deref().unwrap_or(&request.name);
    let mut check = Check::new();
    check.text("name", &request.name, Text::line(MAX_NAME).required());
    check.text("message", message, Text::lines(MAX_MESSAGE));
    check_components(&mut check, &request.components);
    check.expect(
        from.unix_seconds().is_some(),
        "scheduled_for",
        Problem::NotADateTime,
    );
    check.expect(
        until.unix_seconds().is_some(),
        "scheduled_until",
        Problem::NotADateTime,
    );
    if let (Some(from), Some(until)) = (from.unix_seconds(), until.unix_seconds()) {
        check.expect(
            until > from,
            "scheduled_until",
            Problem::NotAfter {
                other: "scheduled_for".into(),
            },
        );
    }
    check.finish()?;
    // Stored in one normal form, so maintenance windows compare as text and as time alike.
    let (from, until) = (
        Timestamp::from_unix(from.unix_seconds().unwrap_or_default()),
        Timestamp::from_unix(until.unix_seconds().unwrap_or_default()),
    );
    let maintenance = NewIncident {
        kind: "maintenance",
        name: request.name.trim(),
        status: "scheduled",
        impact: "maintenance",
        components: &request.components,
        message: message.trim(),
        scheduled_for: Some(from.as_str()),
        scheduled_until: Some(until.as_str()),
    };
    let id = store::open(&state.db, &maintenance, &crate::clock::now_stamp()).await?;
    state.status.refresh().await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}
