//! The status page's state: every desk process keeps a snapshot of the Statuspage v2 documents, rebuilt when
//! the database's status revision changes (checked twice a second), so an incident opened through one replica
//! reaches the stream clients of every replica within 1 s. Or, with an upstream, the snapshot mirrors another
//! Statuspage's feed. What operators write is in [`agent`]; the public feed, the stream and the agent API's
//! HTTP side are in `routes::status`.

pub mod agent;
mod store;
mod summary;

use crate::db::Db;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderValue};
use serde_json::{Value, json};
use signpost_core::status::{Incident, IncidentStatus};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use summary::Built;
pub use summary::PageInfo;
use tokio::sync::broadcast;

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

impl Snapshot {
    /// One v2 document, ready to send.
    pub fn document(&self, document: Document) -> &str {
        let documents = &self.documents;
        match document {
            Document::Summary => &documents.summary,
            Document::Status => &documents.status,
            Document::Components => &documents.components,
            Document::Incidents => &documents.incidents,
            Document::Unresolved => &documents.unresolved,
            Document::Maintenances => &documents.maintenances,
            Document::Upcoming => &documents.upcoming,
            Document::Active => &documents.active,
        }
    }
}

/// The v2 documents, by the path each is served at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// `summary.json`: everything at once.
    Summary,
    /// `status.json`: the page-wide indicator.
    Status,
    /// `components.json`.
    Components,
    /// `incidents.json`: the latest 50, resolved or not.
    Incidents,
    /// `incidents/unresolved.json`.
    Unresolved,
    /// `scheduled-maintenances.json`: every maintenance.
    Maintenances,
    /// `scheduled-maintenances/upcoming.json`.
    Upcoming,
    /// `scheduled-maintenances/active.json`.
    Active,
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

    /// Every snapshot from now on that a reader would see differ (a slow receiver misses some, never the last).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Snapshot>> {
        self.changes.subscribe()
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
    pub fn is_mirror(&self) -> bool {
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
