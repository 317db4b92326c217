//! The status feed as the widget follows it, as one context: the latest good [`Summary`] from a
//! Statuspage-compatible feed (the desk's event stream when the feed is the desk's own, else, or when the stream
//! is blocked, polling `summary.json`, revalidated by ETag), and what it means for the page's surface.
//!
//! Most page views see a quiet feed: nothing open, nothing planned, every component operational. Reading a feed
//! and working out what it means for a page is code in the `status` chunk, fetched the first time the feed is
//! not quiet; until then the summary stays `None`, which shows (and suggests) what a quiet one would.

use crate::components::chunk::{load_with_retry, status_reader};
use crate::hooks::{EventStream, Polling, use_stream_or_poll};
use crate::host::{Host, warn};
use leptos::prelude::*;
use serde_json::Value;
use signpost_core::embed::Surface;
use signpost_core::feed::{
    self, ComponentMap, FeedError, IncidentStatus, Severity, Summary, surface_status,
};

/// Polling while the feed answers, and the longest wait while it does not.
const POLLING: Polling = Polling {
    every_ms: 10_000.0,
    max_wait_ms: 120_000.0,
};

/// The status feed's latest good state and which of its components concern which surfaces.
#[derive(Clone, Copy)]
pub struct StatusFeed {
    summary: RwSignal<Option<Summary>>,
    /// The site's map once loaded, else the defaults.
    components: RwSignal<ComponentMap>,
    /// The feed's reader, once fetched.
    reader: RwSignal<Option<Reader>>,
    /// The feed's latest text while there is no reader, for the reader to read when it arrives.
    latest: StoredValue<Option<String>>,
    fetching_reader: StoredValue<bool>,
}

/// What reads a feed and works out what it means for a page: in the `status` chunk.
#[derive(Clone, Copy)]
pub struct Reader {
    parse: fn(&str) -> Result<Summary, FeedError>,
    headline: fn(&Summary, &ComponentMap, Surface, i64) -> Option<Headline>,
}

impl Reader {
    /// The reader; only the `status` chunk calls this, so the code it names stays in that chunk.
    pub fn new() -> Self {
        Reader {
            parse: read_summary,
            headline,
        }
    }
}

/// Reads a feed's text with the browser's parser, then tolerantly as `Summary::parse` does.
fn read_summary(text: &str) -> Result<Summary, FeedError> {
    let value =
        crate::json::from_str::<Value>(text).map_err(|err| FeedError::NotJson(err.to_string()))?;
    Summary::from_value(&value)
}

/// What the banner shows for the current surface.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    /// The latest update's text.
    pub body: String,
    pub updated_unix: Option<i64>,
    /// A maintenance that has not started yet.
    pub upcoming: bool,
}

impl StatusFeed {
    /// No state yet, and the default marketplace components.
    pub fn new() -> Self {
        StatusFeed {
            summary: RwSignal::new(None),
            components: RwSignal::new(ComponentMap::default_marketplace()),
            reader: RwSignal::new(None),
            latest: StoredValue::new(None),
            fetching_reader: StoredValue::new(false),
        }
    }

    /// Follows the feed at `status_url`, or the desk's own, for as long as the widget is mounted, and tells the
    /// page's `status:changed` listeners whenever what is open changes.
    pub fn follow(self, desk: &str, status_url: Option<String>, host: Host) {
        self.announce_changes(host);
        let (stream, url) = match status_url {
            Some(url) => (None, url),
            None => (
                Some(EventStream {
                    url: format!("{desk}/v1/status/stream"),
                    event: "summary",
                }),
                format!("{desk}/api/v2/summary.json"),
            ),
        };
        use_stream_or_poll(
            stream,
            move || {
                let url = url.clone();
                async move { crate::api::status_summary(&url).await.ok() }
            },
            POLLING,
            |text| Some(text.to_owned()),
            move |text: String| self.receive(text),
        );
    }

    /// Reads `text` with the reader, fetching it first if the feed has something to say.
    fn receive(self, text: String) {
        if let Some(reader) = self.reader.get_untracked() {
            self.read(reader, &text);
            return;
        }
        let quiet = is_quiet(&text);
        self.latest.set_value(Some(text));
        if !quiet && !self.fetching_reader.get_value() {
            self.fetching_reader.set_value(true);
            leptos::task::spawn_local(async move {
                // A feed that went quiet while the fetch kept failing needs no reader.
                let wanted = move || {
                    self.latest.try_with_value(|latest| {
                        latest.as_deref().is_some_and(|text| !is_quiet(text))
                    }) == Some(true)
                };
                let first_retry_ms = POLLING.every_ms / 5.0;
                let Some(reader) =
                    load_with_retry(status_reader, first_retry_ms, POLLING.max_wait_ms, wanted)
                        .await
                else {
                    self.fetching_reader.try_set_value(false);
                    return;
                };
                if self.reader.try_set(Some(reader)).is_none()
                    && let Some(text) = self.latest.try_get_value().flatten()
                {
                    self.read(reader, &text);
                }
            });
        }
    }

    fn read(self, reader: Reader, text: &str) {
        match (reader.parse)(text) {
            Ok(summary) => {
                let _ = self.summary.try_set(Some(summary));
            }
            // Keep showing the last good state.
            Err(err) => warn(&format!("status feed ignored: {err}")),
        }
    }

    /// Replaces the component map with the site's.
    pub fn set_components(&self, components: ComponentMap) {
        self.components.set(components);
    }

    /// Reads the latest state (tracked).
    pub fn with<R>(&self, read: impl FnOnce(Option<&Summary>) -> R) -> R {
        self.summary.with(|summary| read(summary.as_ref()))
    }

    /// Reads the latest state now, for an event handler.
    pub fn with_untracked<R>(&self, read: impl FnOnce(Option<&Summary>) -> R) -> R {
        self.summary
            .with_untracked(|summary| read(summary.as_ref()))
    }

    /// The incident or maintenance that matters most for `surface` at `now`, if any (tracked).
    pub fn headline(&self, surface: Surface, now: i64) -> Option<Headline> {
        let reader = self.reader.get()?;
        self.components.with(|components| {
            self.with(|summary| (reader.headline)(summary?, components, surface, now))
        })
    }

    /// Fires `status:changed` with `{ indicator, incidents: [{ id, name, status, impact }] }` (open incidents
    /// and maintenance in progress) when they change; a first reading with nothing open is no change.
    fn announce_changes(self, host: Host) {
        Effect::new(move |previous: Option<serde_json::Value>| {
            let now = self.with(|summary| {
                let Some(summary) = summary else {
                    return serde_json::Value::Null;
                };
                let open: Vec<serde_json::Value> = summary
                    .incidents
                    .iter()
                    .chain(&summary.scheduled_maintenances)
                    .filter(|i| i.is_unresolved() && i.status != IncidentStatus::Scheduled)
                    .map(|i| {
                        serde_json::json!({
                            "id": i.id, "name": i.name, "status": i.status, "impact": i.impact,
                        })
                    })
                    .collect();
                serde_json::json!({ "indicator": summary.status.indicator, "incidents": open })
            });
            let first_and_quiet = previous.as_ref().is_none_or(serde_json::Value::is_null)
                && now["incidents"].as_array().is_none_or(Vec::is_empty);
            if !now.is_null() && previous.as_ref() != Some(&now) && !first_and_quiet {
                host.emit("status:changed", &now);
            }
            now
        });
    }
}

impl Default for StatusFeed {
    fn default() -> Self {
        StatusFeed::new()
    }
}

/// Whether a feed's text says nothing is open or planned and every component is operational, as Statuspage
/// words it. Anything else, a feed that cannot be read included, is for the reader to make sense of.
fn is_quiet(text: &str) -> bool {
    let Ok(feed) = crate::json::from_str::<Value>(text) else {
        return false;
    };
    let all_are = |list: &str, fine: &[&str]| {
        feed.get(list).is_none_or(|items| {
            items.as_array().is_some_and(|items| {
                items
                    .iter()
                    .all(|item| item["status"].as_str().is_some_and(|s| fine.contains(&s)))
            })
        })
    };
    all_are("incidents", &["resolved", "postmortem"])
        && all_are("scheduled_maintenances", &["completed"])
        && all_are("components", &["operational"])
}

/// The incident or maintenance that matters most for `surface` now, if any.
fn headline(
    summary: &Summary,
    components: &ComponentMap,
    surface: Surface,
    now: i64,
) -> Option<Headline> {
    let status = surface_status(summary, components, surface, now);
    let feed::Headline {
        item: incident,
        upcoming,
    } = status.headline()?;
    let latest = incident.latest_update();
    let severity = if upcoming {
        Severity::Maintenance
    } else {
        status.severity
    };
    Some(Headline {
        id: incident.id.clone(),
        title: incident.name.clone(),
        severity,
        body: latest.map(|u| u.body.clone()).unwrap_or_default(),
        updated_unix: latest
            .and_then(|u| u.created_at.as_ref())
            .or(incident.updated_at.as_ref())
            .and_then(|t| t.unix_seconds()),
        upcoming,
    })
}
