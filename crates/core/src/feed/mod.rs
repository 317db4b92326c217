//! The status feed: the Statuspage public API v2 (`summary.json`, `status.json`, `components.json`,
//! `incidents.json`, `incidents/unresolved.json`, `scheduled-maintenances.json` and its `/upcoming` and
//! `/active` variants), read tolerantly and written back in the same shape, and what it means for one surface.
//!
//! Real feeds vary, "Statuspage-compatible" ones more so, so reading forgives what it can: unknown fields are
//! ignored, unknown enum values are kept as `Unknown`, missing keys and `null` are empty or `None`, ids may be
//! numbers, scalars of the wrong type count as missing. Only a feed whose shape is wrong fails ([`FeedError`]):
//! not JSON, not an object, none of the v2 keys, or a list or object where the v2 shape has one holding
//! something else. Writing ([`Serialize`]) always produces the v2 field names, so the desk can serve its own feed.
//!
//! [`surface_status`] turns a [`Summary`] into what one [`Surface`](crate::embed::Surface) should show.

mod read;
mod surface;
#[cfg(test)]
mod tests;

pub use surface::{
    ComponentMap, ComponentMatch, ComponentRule, Headline, Severity, SurfaceStatus, surface_status,
};

use crate::rules::date::{Moment, civil_from_days, parse_iso, parse_time};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::fmt;

const SECONDS_PER_DAY: i64 = 86_400;

/// The instants [`Timestamp::from_unix`] writes as text that [`Timestamp::parse`] reads back: 0000-01-01T00:00:00Z
/// to 9999-12-31T23:59:59Z. A feed's number outside them is no time (a 5-digit year would not read back).
const WRITABLE_UNIX_SECONDS: std::ops::RangeInclusive<i64> = -62_167_219_200..=253_402_300_799;

/// Why a status feed could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    /// The text is not JSON at all (an HTML error page, an empty body, a truncated response).
    #[error("status feed is not valid JSON: {0}")]
    NotJson(String),
    /// The JSON is not an object.
    #[error("status feed must be a JSON object, found {found}")]
    NotAnObject {
        /// What was found instead, e.g. `an array`.
        found: &'static str,
    },
    /// The object has none of the keys a v2 endpoint returns.
    #[error(
        "status feed has none of the Statuspage v2 keys (page, status, components, incidents, scheduled_maintenances)"
    )]
    NotAFeed,
    /// A list or object of the v2 shape holds something else.
    #[error("status feed field `{path}` must be {expected}, found {found}")]
    WrongType {
        /// Where, e.g. `incidents[0].incident_updates`.
        path: String,
        /// What the v2 shape has there, e.g. `an array`.
        expected: &'static str,
        /// What the feed has there, e.g. `a string`.
        found: &'static str,
    },
}

/// Any v2 endpoint's response, with only the keys it had: `summary.json` has them all, `status.json` has
/// `page` and `status`, `incidents.json` has `page` and `incidents`, and so on.
///
/// Serialising writes back only the keys that are `Some`, so a `Feed` reproduces each endpoint's shape.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feed {
    /// The page the feed describes (`None`: no `page` key, or `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<Page>,
    /// The page-wide indicator (`None`: no `status` key, or `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<PageStatus>,
    /// Components (`None`: no `components` key; `null` reads as empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<Component>>,
    /// Incidents (`None`: no `incidents` key; `null` reads as empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incidents: Option<Vec<Incident>>,
    /// Scheduled maintenances (`None`: no `scheduled_maintenances` key; `null` reads as empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_maintenances: Option<Vec<Incident>>,
}

impl Feed {
    /// Reads the response of any v2 endpoint.
    pub fn parse(json: &str) -> Result<Feed, FeedError> {
        let value: Value =
            serde_json::from_str(json).map_err(|error| FeedError::NotJson(error.to_string()))?;
        Feed::from_value(&value)
    }

    /// Reads a response already parsed as JSON.
    pub fn from_value(value: &Value) -> Result<Feed, FeedError> {
        read::feed(value)
    }

    /// The feed as a summary: what is missing is empty, and a missing `status` is [`PageStatus::default`].
    pub fn into_summary(self) -> Summary {
        Summary {
            page: self.page.unwrap_or_default(),
            status: self.status.unwrap_or_default(),
            components: self.components.unwrap_or_default(),
            incidents: self.incidents.unwrap_or_default(),
            scheduled_maintenances: self.scheduled_maintenances.unwrap_or_default(),
        }
    }
}

impl From<Feed> for Summary {
    fn from(feed: Feed) -> Summary {
        feed.into_summary()
    }
}

impl From<Summary> for Feed {
    fn from(summary: Summary) -> Feed {
        Feed {
            page: Some(summary.page),
            status: Some(summary.status),
            components: Some(summary.components),
            incidents: Some(summary.incidents),
            scheduled_maintenances: Some(summary.scheduled_maintenances),
        }
    }
}

/// `summary.json`: everything on the page at once.
///
/// In Statuspage's own `summary.json`, `incidents` holds the unresolved incidents and `scheduled_maintenances`
/// the upcoming and active ones; a summary built from `incidents.json` also holds resolved ones, which
/// [`surface_status`] skips.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    /// The page the feed describes.
    pub page: Page,
    /// The page-wide indicator as the feed states it. Often stale or milder than the incidents: see [`Severity`].
    pub status: PageStatus,
    /// Every component, groups included.
    pub components: Vec<Component>,
    /// Incidents.
    pub incidents: Vec<Incident>,
    /// Scheduled maintenances.
    pub scheduled_maintenances: Vec<Incident>,
}

impl Summary {
    /// Reads `summary.json`, or any other v2 endpoint's response (what it lacks is empty, see [`Feed::into_summary`]).
    pub fn parse(json: &str) -> Result<Summary, FeedError> {
        Feed::parse(json).map(Feed::into_summary)
    }

    /// Reads a response already parsed as JSON.
    pub fn from_value(value: &Value) -> Result<Summary, FeedError> {
        Feed::from_value(value).map(Feed::into_summary)
    }
}

/// The page a feed describes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page {
    /// Page id (numbers are kept as their decimal text; missing: empty).
    pub id: String,
    /// Display name (missing: empty).
    pub name: String,
    /// The public status page's URL (missing: empty).
    pub url: String,
    /// IANA time zone the page displays times in, e.g. `America/Tijuana`.
    pub time_zone: Option<String>,
    /// When anything on the page last changed.
    pub updated_at: Option<Timestamp>,
}

/// The page-wide `status`: `{indicator, description}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageStatus {
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    pub indicator: Impact,
    /// The sentence shown with it, e.g. `All Systems Operational`.
    pub description: String,
}

impl Default for PageStatus {
    /// Indicator `none` and an empty description: what a feed without `status` reads as.
    fn default() -> PageStatus {
        PageStatus {
            indicator: Impact::None,
            description: String::new(),
        }
    }
}

/// One component of the page, or a group of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Component {
    /// Component id (numbers are kept as their decimal text; missing: empty).
    pub id: String,
    /// Display name, e.g. `API` (missing: empty).
    pub name: String,
    /// Current status (missing: `Unknown("")`).
    pub status: ComponentStatus,
    /// When the component was created.
    pub created_at: Option<Timestamp>,
    /// When the component last changed.
    pub updated_at: Option<Timestamp>,
    /// Display order.
    pub position: Option<i64>,
    /// Longer description.
    pub description: Option<String>,
    /// Whether the page shows its uptime (missing: `false`).
    pub showcase: bool,
    /// The date uptime is counted from, as the feed wrote it (`YYYY-MM-DD`).
    pub start_date: Option<String>,
    /// The id of the group this component belongs to.
    pub group_id: Option<String>,
    /// The id of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_id: Option<String>,
    /// Whether this is a group of components (missing: `false`).
    pub group: bool,
    /// Whether the page hides it while operational (missing: `false`).
    pub only_show_if_degraded: bool,
    /// For a group, the ids of its components (v2 key `components`).
    #[serde(rename = "components", skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<String>,
}

/// An incident or a scheduled maintenance: the v2 feed uses one shape for both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Incident {
    /// Incident id (numbers are kept as their decimal text; missing: empty).
    pub id: String,
    /// Title, e.g. `Messaging issues` (missing: empty).
    pub name: String,
    /// Current status (missing: `Unknown("")`).
    pub status: IncidentStatus,
    /// How bad it is, as the operator set it (missing: `Unknown("")`).
    pub impact: Impact,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    pub updated_at: Option<Timestamp>,
    /// When it went to `monitoring`.
    pub monitoring_at: Option<Timestamp>,
    /// When it was resolved or completed.
    pub resolved_at: Option<Timestamp>,
    /// When the problem started, if backdated.
    pub started_at: Option<Timestamp>,
    /// Maintenance window start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_for: Option<Timestamp>,
    /// Maintenance window end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_until: Option<Timestamp>,
    /// Short public link to the incident page.
    pub shortlink: Option<String>,
    /// The id of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_id: Option<String>,
    /// Updates, in the feed's order (Statuspage: newest first). Use [`Incident::latest_update`].
    pub incident_updates: Vec<IncidentUpdate>,
    /// The components it affects; empty when the feed lists none.
    pub components: Vec<Component>,
}

impl Incident {
    /// The newest update: by `display_at`, else `created_at`; among updates with equal or unreadable times,
    /// the one listed first (Statuspage lists newest first).
    pub fn latest_update(&self) -> Option<&IncidentUpdate> {
        newest(self.incident_updates.iter())
    }

    /// The `affected_components` of the newest update that lists any (updates that change no component list
    /// none); empty when no update does.
    pub fn latest_affected_components(&self) -> &[AffectedComponent] {
        newest(
            self.incident_updates
                .iter()
                .filter(|update| !update.affected_components.is_empty()),
        )
        .map_or(&[], |update| &update.affected_components)
    }

    /// Whether it is still open: its status is not `resolved`, `postmortem` or `completed`. An unknown status
    /// counts as open unless `resolved_at` is set.
    pub fn is_unresolved(&self) -> bool {
        match self.status {
            IncidentStatus::Resolved | IncidentStatus::Postmortem | IncidentStatus::Completed => {
                false
            }
            IncidentStatus::Unknown(_) => self.resolved_at.is_none(),
            _ => true,
        }
    }

    /// Whether it is a scheduled maintenance rather than an incident: a maintenance status
    /// (`scheduled`, `in_progress`, `verifying`, `completed`), impact `maintenance`, or a `scheduled_for` time.
    pub fn is_maintenance(&self) -> bool {
        matches!(
            self.status,
            IncidentStatus::Scheduled
                | IncidentStatus::InProgress
                | IncidentStatus::Verifying
                | IncidentStatus::Completed
        ) || self.impact == Impact::Maintenance
            || self.scheduled_for.is_some()
    }
}

/// The newest of `updates` (see [`Incident::latest_update`]).
fn newest<'a>(updates: impl Iterator<Item = &'a IncidentUpdate>) -> Option<&'a IncidentUpdate> {
    updates
        .enumerate()
        .max_by_key(|(index, update)| (update.shown_at(), Reverse(*index)))
        .map(|(_, update)| update)
}

/// One update posted on an incident.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncidentUpdate {
    /// Update id (numbers are kept as their decimal text; missing: empty).
    pub id: String,
    /// The incident's status as of this update (missing: `Unknown("")`).
    pub status: IncidentStatus,
    /// The message (missing: empty).
    pub body: String,
    /// The incident it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incident_id: Option<String>,
    /// When it was posted.
    pub created_at: Option<Timestamp>,
    /// When it was last edited.
    pub updated_at: Option<Timestamp>,
    /// The time the page shows for it, which the operator may backdate.
    pub display_at: Option<Timestamp>,
    /// The components whose status this update set (`null` reads as empty).
    pub affected_components: Vec<AffectedComponent>,
}

impl IncidentUpdate {
    /// Unix seconds of `display_at`, else of `created_at`.
    fn shown_at(&self) -> Option<i64> {
        [&self.display_at, &self.created_at]
            .into_iter()
            .find_map(|time| time.as_ref()?.unix_seconds())
    }
}

/// A component whose status an incident update set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AffectedComponent {
    /// The component's id (v2 calls it `code`; missing: empty).
    pub code: String,
    /// The component's name (missing: empty).
    pub name: String,
    /// Its status before the update (missing: `Unknown("")`).
    pub old_status: ComponentStatus,
    /// Its status after the update (missing: `Unknown("")`).
    pub new_status: ComponentStatus,
}

/// A feed timestamp: the text as the feed wrote it, and the instant when it can be read.
///
/// Reads ISO 8601 / RFC 3339 (`2022-02-15T13:14:17.744-08:00`): a `T` or space between date and time,
/// optional seconds and fractions (dropped), and `Z`, `±hh`, `±hhmm` or `±hh:mm`. A time without a zone, or
/// a bare date (midnight), is taken as **UTC**, since feeds that omit the zone are nearly always in UTC. A
/// number in the feed is taken as Unix seconds (within the years 0000–9999; beyond, as missing). Serialises as
/// its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: String,
    unix_seconds: Option<i64>,
}

impl Timestamp {
    /// Keeps `text` and reads the instant from it, if it is one.
    pub fn parse(text: impl Into<String>) -> Timestamp {
        let text = text.into();
        let unix_seconds = iso_unix_seconds(&text);
        Timestamp { text, unix_seconds }
    }

    /// The instant `unix_seconds`, written `YYYY-MM-DDThh:mm:ssZ`: read back the same in the years 0000–9999.
    pub fn from_unix(unix_seconds: i64) -> Timestamp {
        let (year, month, day) = civil_from_days(unix_seconds.div_euclid(SECONDS_PER_DAY));
        let second_of_day = unix_seconds.rem_euclid(SECONDS_PER_DAY);
        let (hour, minute, second) = (
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
        );
        Timestamp {
            text: format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z"),
            unix_seconds: Some(unix_seconds),
        }
    }

    /// The text as the feed wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Seconds since 1970-01-01T00:00:00Z; `None` when the text is not a date this reader knows.
    pub fn unix_seconds(&self) -> Option<i64> {
        self.unix_seconds
    }
}

/// Unix seconds of an ISO 8601 date or datetime, reading one without a zone as UTC.
fn iso_unix_seconds(text: &str) -> Option<i64> {
    match parse_iso(text)? {
        Moment::Instant { unix_seconds } => Some(unix_seconds),
        Moment::Floating { day } => {
            // `parse_iso` accepted it, so after the 10-byte date comes nothing or a separator and a zoneless time.
            let second_of_day = match text.trim().as_bytes().get(11..) {
                None => 0,
                Some(time) => parse_time(time)?.0,
            };
            Some(day * SECONDS_PER_DAY + second_of_day)
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read::timestamp(&value)
            .ok_or_else(|| serde::de::Error::custom("a timestamp must be a string or a number"))
    }
}

/// An enum of feed values with an `Unknown` catch-all, read forgivingly and written as the feed's text.
macro_rules! feed_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $text:literal,)+ }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
            /// A value this reader does not know, as the feed spelled it (empty when the key was missing).
            Unknown(String),
        }

        impl $name {
            /// The v2 name, or the unknown text as it came.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown(text) => text,
                }
            }

            /// Reads a feed value, ignoring case and taking spaces and hyphens for underscores.
            pub fn from_feed(text: &str) -> $name {
                let normal = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                match normal.as_str() {
                    $($text => $name::$variant,)+
                    _ => $name::Unknown(text.to_owned()),
                }
            }
        }

        impl Default for $name {
            /// `Unknown("")`: what a missing key reads as.
            fn default() -> $name {
                $name::Unknown(String::new())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// Its v2 name, or any other text a feed used.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                crate::openapi::text()
            }
        }
        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                String::deserialize(deserializer).map(|text| $name::from_feed(&text))
            }
        }
    };
}

feed_enum! {
    /// A component's status.
    ComponentStatus {
        /// Working normally.
        Operational = "operational",
        /// Slow or flaky.
        DegradedPerformance = "degraded_performance",
        /// Down for some users or some of its functions.
        PartialOutage = "partial_outage",
        /// Down.
        MajorOutage = "major_outage",
        /// Down or limited for planned maintenance.
        UnderMaintenance = "under_maintenance",
    }
}

feed_enum! {
    /// The status of an incident (first five) or of a scheduled maintenance (last four).
    IncidentStatus {
        /// The cause is being looked for.
        Investigating = "investigating",
        /// The cause is known and being fixed.
        Identified = "identified",
        /// A fix is in place and being watched.
        Monitoring = "monitoring",
        /// Over.
        Resolved = "resolved",
        /// Over, and a postmortem was published.
        Postmortem = "postmortem",
        /// Maintenance announced, not started.
        Scheduled = "scheduled",
        /// Maintenance under way.
        InProgress = "in_progress",
        /// Maintenance work done, being checked.
        Verifying = "verifying",
        /// Maintenance over.
        Completed = "completed",
    }
}

feed_enum! {
    /// How bad an incident is, or the page-wide `status.indicator`.
    Impact {
        /// No impact.
        None = "none",
        /// Minor impact.
        Minor = "minor",
        /// Major impact.
        Major = "major",
        /// Critical impact.
        Critical = "critical",
        /// Planned maintenance.
        Maintenance = "maintenance",
    }
}

/// `Deserialize` through the tolerant reader, so `serde_json::from_str` reads the same as `parse`.
macro_rules! deserialize_with_reader {
    ($($type:ty => $read:expr,)+) => {
        $(
            impl<'de> Deserialize<'de> for $type {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$type, D::Error> {
                    let value = Value::deserialize(deserializer)?;
                    $read(&value).map_err(serde::de::Error::custom)
                }
            }
        )+
    };
}

deserialize_with_reader! {
    Feed => Feed::from_value,
    Summary => Summary::from_value,
    Page => read::root(read::page),
    PageStatus => read::root(read::page_status),
    Component => read::root(read::component),
    Incident => read::root(read::incident),
    IncidentUpdate => read::root(read::incident_update),
    AffectedComponent => read::root(read::affected_component),
}

/// A component's status from the unresolved incidents and maintenances (`true`) that name it, as the desk derives
/// it when it serves its own status page: the worst wins, by Statuspage's precedence (an outage outranks
/// maintenance, which outranks normal operation).
pub fn component_status<'a>(
    affecting: impl IntoIterator<Item = (&'a Incident, bool)>,
) -> ComponentStatus {
    let status_from = |item: &Incident, maintenance: bool| {
        if maintenance {
            return match item.status {
                IncidentStatus::InProgress | IncidentStatus::Verifying => {
                    ComponentStatus::UnderMaintenance
                }
                _ => ComponentStatus::Operational,
            };
        }
        match item.impact {
            Impact::Critical => ComponentStatus::MajorOutage,
            Impact::Major => ComponentStatus::PartialOutage,
            Impact::Minor => ComponentStatus::DegradedPerformance,
            _ => ComponentStatus::Operational,
        }
    };
    let rank = |status: &ComponentStatus| match status {
        ComponentStatus::MajorOutage => 4,
        ComponentStatus::PartialOutage => 3,
        ComponentStatus::DegradedPerformance => 2,
        ComponentStatus::UnderMaintenance => 1,
        _ => 0,
    };
    affecting
        .into_iter()
        .map(|(item, maintenance)| status_from(item, maintenance))
        .max_by_key(rank)
        .unwrap_or(ComponentStatus::Operational)
}

/// The rules' `incidents.active` fact: the id of every unresolved incident and the name of each component it
/// affects, as `lowercase` writes it (`payments`), whatever the surface. The widget lowercases with the
/// browser's own Unicode tables rather than carry Rust's.
pub fn incident_facts(summary: &Summary, lowercase: impl Fn(&str) -> String) -> Map<String, Value> {
    let mut active: Vec<Value> = vec![];
    for incident in summary.incidents.iter().filter(|i| i.is_unresolved()) {
        active.push(Value::from(incident.id.clone()));
        active.extend(
            incident
                .components
                .iter()
                .map(|c| Value::from(lowercase(&c.name))),
        );
    }
    let mut facts = Map::new();
    facts.insert("incidents".into(), serde_json::json!({ "active": active }));
    facts
}
