//! The status page's state: every desk process keeps a snapshot of the Statuspage v2 documents, rebuilt when
//! the database's status revision changes (checked twice a second), so an incident opened through one replica
//! reaches the stream clients of every replica within 1 s. Or, with an upstream, the snapshot mirrors another
//! Statuspage's feed ([`mirror`]). What operators write is in [`agent`]; the public feed, the stream and the
//! agent API's HTTP side are in `routes::status_page`. Updates on incidents become [`news`] for the tickets that
//! name them, and the hub wakes this process's poster (`tickets::nudges`) when there is some.

pub mod agent;
pub mod mirror;
pub mod news;
mod store;
mod summary;

use crate::clock::now_stamp;
use crate::db::Db;
use mirror::{PollError, Polled, Upstream};
use serde_json::{Value, json};
use signpost_core::feed::{Incident, IncidentStatus, Summary};
use signpost_core::wire::{UpstreamHealth, UpstreamState};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use summary::Built;
pub use summary::PageInfo;
use tokio::sync::{Notify, broadcast};

/// How often each process looks for changes made through other processes.
const POLL: Duration = Duration::from_millis(400);
/// Maintenance windows open and close with the clock, not only with writes.
const CLOCK_TICK: Duration = Duration::from_secs(15);

/// One consistent view of the status page, serialised once for every reader.
#[derive(Debug)]
pub struct Snapshot {
    pub revision: i64,
    documents: Documents,
    /// The page's unresolved incidents, which triage trusts (a ticket's context it does not).
    open_incidents: Vec<Incident>,
    /// The summary document, read: what each surface shows before the widget loads (`/v1/notices`).
    summary: Summary,
}

impl Snapshot {
    /// The page's unresolved incidents (its own, or the mirrored page's).
    pub fn open_incidents(&self) -> &[Incident] {
        &self.open_incidents
    }

    /// The summary document, read.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

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
    /// How polling the upstream goes, when mirroring.
    upstream_health: Arc<RwLock<Option<UpstreamHealth>>>,
    /// Rung when this process wrote incident news, so it is posted to tickets at once.
    news: Arc<Notify>,
}

impl StatusHub {
    /// Builds the first snapshot and starts watching for changes; with an `upstream` (a status page's address
    /// or its `summary.json`), reads it first and fails when it is not a Statuspage summary.
    pub async fn start(
        db: Db,
        page: PageInfo,
        upstream: Option<String>,
    ) -> anyhow::Result<StatusHub> {
        let upstream = upstream
            .map(|given| {
                Upstream::new(&given).map_err(|err| anyhow::anyhow!("--status-upstream: {err}"))
            })
            .transpose()?;
        let snapshot = snapshot(&db, &page).await?;
        let (changes, _) = broadcast::channel(16);
        let hub = StatusHub {
            db,
            page,
            current: Arc::new(RwLock::new(Arc::new(snapshot))),
            changes,
            mirrored: upstream.is_some(),
            upstream_health: Arc::new(RwLock::new(upstream.as_ref().map(Upstream::unpolled))),
            news: Arc::default(),
        };
        match upstream {
            Some(upstream) => {
                hub.first_poll(&upstream).await?;
                tokio::spawn(hub.clone().mirror(upstream));
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
    /// Whether the page is an upstream's mirror, which operators cannot write to.
    pub fn is_mirror(&self) -> bool {
        self.mirrored
    }

    /// What rings when this process wrote incident news (other replicas' news is found by polling).
    pub fn news(&self) -> Arc<Notify> {
        self.news.clone()
    }

    /// How mirroring the upstream goes; `None` for the desk's own status page.
    pub fn upstream_health(&self) -> Option<UpstreamHealth> {
        self.upstream_health
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

impl StatusHub {
    /// Reads the upstream once, before the desk starts: its summary becomes the page. A wrong URL stops the
    /// start; an upstream that does not answer yet leaves the page empty and says so in `/healthz`.
    async fn first_poll(&self, upstream: &Upstream) -> anyhow::Result<()> {
        match upstream.poll(None, None).await {
            Ok(Polled::Summary { summary, .. }) => {
                // Not written now, written at the next poll (which then reads the whole summary again).
                if let Err(err) = self.record_news(upstream, &summary).await {
                    tracing::warn!(error = %err, "status: cannot write the upstream's incident news yet");
                }
                self.adopt(*summary)?;
                self.record(upstream, Ok(()));
                Ok(())
            }
            Ok(Polled::NotModified) => Ok(()),
            Err(err @ PollError::NotASummary(_)) => {
                anyhow::bail!("--status-upstream {}: {err}", upstream.shown())
            }
            Err(err) => {
                tracing::warn!(url = %upstream.shown(), error = %err, "status upstream does not answer yet");
                self.record(upstream, Err(&err));
                Ok(())
            }
        }
    }

    /// Polls the upstream for as long as the desk runs.
    async fn mirror(self, upstream: Upstream) {
        let (mut etag, mut modified) = (None::<String>, None::<String>);
        let mut wait = mirror::POLL;
        loop {
            tokio::time::sleep(wait).await;
            let outcome = match upstream.poll(etag.as_deref(), modified.as_deref()).await {
                Ok(Polled::NotModified) => Ok(()),
                Ok(Polled::Summary {
                    summary,
                    etag: next_etag,
                    modified: next_modified,
                }) => {
                    let news = self.record_news(&upstream, &summary).await;
                    let adopted = self
                        .adopt(*summary)
                        .map_err(|err| PollError::NotASummary(err.to_string()));
                    if adopted.is_ok() {
                        match news {
                            Ok(()) => (etag, modified) = (next_etag, next_modified),
                            // Left unacknowledged: the next poll reads the whole summary and writes its news.
                            Err(err) => {
                                tracing::warn!(error = %err, "status: cannot write the upstream's incident news; retrying");
                                (etag, modified) = (None, None);
                            }
                        }
                    }
                    adopted
                }
                Err(err) => Err(err),
            };
            wait = match &outcome {
                Ok(()) => mirror::POLL,
                Err(err) => {
                    tracing::warn!(url = %upstream.shown(), error = %err, "status upstream failed; keeping the last good state");
                    (wait * 2).min(mirror::MAX_BACKOFF)
                }
            };
            self.record(&upstream, outcome.as_ref().map(|_| ()));
        }
    }

    /// Notes how a poll went, for `/healthz`.
    fn record(&self, upstream: &Upstream, outcome: Result<(), &PollError>) {
        let mut health = self
            .upstream_health
            .write()
            .unwrap_or_else(|p| p.into_inner());
        let last_success = health.as_ref().and_then(|h| h.last_success.clone());
        *health = Some(match outcome {
            Ok(()) => UpstreamHealth {
                url: upstream.shown(),
                state: UpstreamState::Ok,
                last_success: Some(now_stamp()),
                message: None,
            },
            Err(err) => UpstreamHealth {
                url: upstream.shown(),
                state: err.state(),
                last_success,
                message: Some(err.to_string()),
            },
        });
    }

    /// Writes the incident news in an upstream `summary` (every replica does; the first write counts) and wakes
    /// the poster when some was new.
    async fn record_news(&self, upstream: &Upstream, summary: &Summary) -> Result<(), sqlx::Error> {
        let written =
            news::record_mirrored(&self.db, &upstream.shown(), summary, &now_stamp()).await?;
        if written > 0 {
            self.news.notify_one();
        }
        Ok(())
    }

    /// Takes an upstream summary as the page's state.
    fn adopt(&self, summary: Summary) -> anyhow::Result<()> {
        let built = Built {
            all_incidents: summary.incidents.clone(),
            all_maintenances: summary.scheduled_maintenances.clone(),
            summary,
        };
        let next = Snapshot {
            revision: self.current().revision + 1,
            documents: documents(&built)?,
            open_incidents: open_incidents(&built),
            summary: built.summary,
        };
        if next.documents.summary != self.current().documents.summary {
            let next = Arc::new(next);
            *self.current.write().unwrap_or_else(|p| p.into_inner()) = next.clone();
            let _ = self.changes.send(next);
        }
        Ok(())
    }
}

async fn snapshot(db: &Db, page: &PageInfo) -> anyhow::Result<Snapshot> {
    let rows = store::load(db).await?;
    let built = summary::build(&rows, page, crate::clock::now_unix());
    Ok(Snapshot {
        revision: rows.revision,
        documents: documents(&built)?,
        open_incidents: open_incidents(&built),
        summary: built.summary,
    })
}

/// The unresolved incidents of one state of the page.
fn open_incidents(built: &Built) -> Vec<Incident> {
    built
        .summary
        .incidents
        .iter()
        .filter(|incident| incident.is_unresolved())
        .cloned()
        .collect()
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
