//! What operators write to the status page through the agent API: open, update and resolve incidents, and
//! schedule maintenance. Each request is checked with the shared collector, stored with a bump of the status
//! revision, and the snapshot refreshed at once (other replicas follow within a second).

use super::StatusHub;
use super::store::{self, NewIncident, NewUpdate};
use crate::clock::{now_stamp, stamp};
use crate::error::AppError;
use serde::{Deserialize, Serialize};
use signpost_core::check::{Check, Text};
use signpost_core::feed::Timestamp;
use signpost_core::wire::Problem;

const IMPACTS: [&str; 4] = ["none", "minor", "major", "critical"];
const INCIDENT_STATUSES: [&str; 5] = [
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "postmortem",
];
const MAINTENANCE_STATUSES: [&str; 4] = ["scheduled", "in_progress", "verifying", "completed"];
/// An incident's or maintenance's name.
const NAME: Text = Text::line(200);
/// An update's text.
const MESSAGE: Text = Text::lines(5_000);
/// A component's name.
const COMPONENT: Text = Text::line(100).required();
const MAX_COMPONENTS: usize = 20;

/// `POST /v1/agent/incidents`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
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
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct UpdateIncident {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub impact: Option<String>,
}

/// `POST /v1/agent/maintenances`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ScheduleMaintenance {
    pub name: String,
    #[serde(default)]
    pub components: Vec<String>,
    pub scheduled_for: String,
    pub scheduled_until: String,
    #[serde(default)]
    pub message: Option<String>,
}

/// The answer to opening an incident or scheduling maintenance.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Opened {
    pub id: String,
}

/// The answer to updating or resolving an incident.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Changed {
    pub id: String,
    pub status: String,
}

/// 409 on a mirror: its incidents are the upstream's.
fn writable(hub: &StatusHub) -> Result<(), AppError> {
    if hub.is_mirror() {
        return Err(AppError::Conflict(
            "the status page mirrors --status-upstream; change it there",
        ));
    }
    Ok(())
}

/// Checks the components an incident or maintenance names.
fn check_components(check: &mut Check, names: &[String]) {
    check.list("components", names, MAX_COMPONENTS, |check, field, name| {
        check.text(field, name, COMPONENT);
    });
}

/// Opens an incident (creating the components it names).
pub async fn open_incident(hub: &StatusHub, request: &OpenIncident) -> Result<Opened, AppError> {
    writable(hub)?;
    let status = request.status.as_deref().unwrap_or("investigating");
    let message = request.message.as_deref().unwrap_or(&request.name);
    let mut check = Check::new();
    check.text("name", &request.name, NAME.required());
    check.text("message", message, MESSAGE);
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
    let id = store::open(&hub.db, &incident, &now_stamp()).await?;
    hub.refresh().await?;
    Ok(Opened { id })
}

/// Posts an update to incident `id`; `forced_status` for a resolve, which needs no status in the request.
pub async fn change(
    hub: &StatusHub,
    id: &str,
    request: &UpdateIncident,
    forced_status: Option<&str>,
) -> Result<Changed, AppError> {
    writable(hub)?;
    let status = forced_status
        .or(request.status.as_deref())
        .unwrap_or("identified");
    let message = request
        .message
        .as_deref()
        .unwrap_or(if status == "resolved" {
            super::news::RESOLVED_TEXT
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
    check.text("message", message, MESSAGE.required());
    if let Some(impact) = &request.impact {
        check.one_of("impact", impact, &IMPACTS);
    }
    check.finish()?;
    let update = NewUpdate {
        status,
        message: message.trim(),
        impact: request.impact.as_deref(),
    };
    if !store::update(&hub.db, id, &update, &now_stamp()).await? {
        return Err(AppError::NotFound);
    }
    // The update is news for the tickets that name the incident: post it now rather than at the next poll.
    hub.news.notify_one();
    hub.refresh().await?;
    Ok(Changed {
        id: id.to_owned(),
        status: status.to_owned(),
    })
}

/// Schedules maintenance; its phase then follows the clock.
pub async fn schedule_maintenance(
    hub: &StatusHub,
    request: &ScheduleMaintenance,
) -> Result<Opened, AppError> {
    writable(hub)?;
    let from = Timestamp::parse(request.scheduled_for.clone()).unix_seconds();
    let until = Timestamp::parse(request.scheduled_until.clone()).unix_seconds();
    let message = request.message.as_deref().unwrap_or(&request.name);
    let mut check = Check::new();
    check.text("name", &request.name, NAME.required());
    check.text("message", message, MESSAGE);
    check_components(&mut check, &request.components);
    check.expect(from.is_some(), "scheduled_for", Problem::NotADateTime);
    check.expect(until.is_some(), "scheduled_until", Problem::NotADateTime);
    if let (Some(from), Some(until)) = (from, until) {
        check.expect(
            until > from,
            "scheduled_until",
            Problem::NotAfter {
                other: "scheduled_for".into(),
            },
        );
    }
    check.finish()?;
    // Stored in the desk's one format, so maintenance windows compare as text and as time alike.
    let (from, until) = (
        stamp(from.unwrap_or_default()),
        stamp(until.unwrap_or_default()),
    );
    let maintenance = NewIncident {
        kind: "maintenance",
        name: request.name.trim(),
        status: "scheduled",
        impact: "maintenance",
        components: &request.components,
        message: message.trim(),
        scheduled_for: Some(&from),
        scheduled_until: Some(&until),
    };
    let id = store::open(&hub.db, &maintenance, &now_stamp()).await?;
    hub.refresh().await?;
    Ok(Opened { id })
}
