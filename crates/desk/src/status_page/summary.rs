//! Turns the stored status page into Statuspage v2 documents. Component statuses and maintenance phases are
//! derived here from the incidents and the clock, so they can never disagree with what is stored.

use super::store::{IncidentRow, StatusRows};
use signpost_core::feed::{
    Component, Impact, Incident, IncidentStatus, IncidentUpdate, Page, PageStatus, Summary,
    Timestamp, component_status,
};

/// Who the status page belongs to.
#[derive(Clone, Debug)]
pub struct PageInfo {
    pub name: String,
    pub url: String,
}

/// The whole page as `summary.json` has it, plus every incident (for `incidents.json`).
pub struct Built {
    pub summary: Summary,
    /// Every incident, resolved or not, newest first.
    pub all_incidents: Vec<Incident>,
    /// Every maintenance, past, present or upcoming, newest first.
    pub all_maintenances: Vec<Incident>,
}

/// Builds the v2 documents from `rows` as of `now` (unix seconds).
pub fn build(rows: &StatusRows, page: &PageInfo, now: i64) -> Built {
    let incidents: Vec<(Incident, bool)> = rows
        .incidents
        .iter()
        .map(|row| (incident(rows, row, now), row.kind == "maintenance"))
        .collect();
    let components: Vec<Component> = rows
        .components
        .iter()
        .map(|row| {
            let affecting = incidents.iter().filter(|(incident, _)| {
                incident.is_unresolved() && incident.components.iter().any(|c| c.id == row.id)
            });
            let status =
                component_status(affecting.map(|(incident, maintenance)| (incident, *maintenance)));
            Component {
                id: row.id.clone(),
                name: row.name.clone(),
                status,
                created_at: Some(Timestamp::parse(row.created_at.clone())),
                updated_at: Some(Timestamp::parse(row.updated_at.clone())),
                position: Some(row.position),
                ..Component::default()
            }
        })
        .collect();
    // Incidents list the components they name with their current status.
    let incidents: Vec<(Incident, bool)> = incidents
        .into_iter()
        .map(|(mut incident, maintenance)| {
            for named in &mut incident.components {
                if let Some(current) = components.iter().find(|c| c.id == named.id) {
                    *named = current.clone();
                }
            }
            (incident, maintenance)
        })
        .collect();
    let worst = incidents
        .iter()
        .filter(|(incident, maintenance)| !maintenance && incident.is_unresolved())
        .map(|(incident, _)| incident.impact.clone())
        .max_by_key(impact_rank)
        .unwrap_or(Impact::None);
    let in_maintenance = incidents.iter().any(|(incident, maintenance)| {
        *maintenance && incident.status == IncidentStatus::InProgress
    });
    let (indicator, description) = match (&worst, in_maintenance) {
        (Impact::Critical, _) => (Impact::Critical, "Major System Outage"),
        (Impact::Major, _) => (Impact::Major, "Partial System Outage"),
        (Impact::Minor, _) => (Impact::Minor, "Minor Service Outage"),
        (_, true) => (Impact::Maintenance, "Service Under Maintenance"),
        _ => (Impact::None, "All Systems Operational"),
    };
    let updated_at = rows
        .incidents
        .iter()
        .map(|row| row.updated_at.as_str())
        .chain(rows.components.iter().map(|row| row.updated_at.as_str()))
        .max()
        .map(|latest| Timestamp::parse(latest.to_owned()));
    let summary = Summary {
        page: Page {
            id: "signpost".to_owned(),
            name: page.name.clone(),
            url: page.url.clone(),
            time_zone: Some("Etc/UTC".to_owned()),
            updated_at,
        },
        status: PageStatus {
            indicator,
            description: description.to_owned(),
        },
        components,
        incidents: incidents
            .iter()
            .filter(|(incident, maintenance)| !maintenance && incident.is_unresolved())
            .map(|(incident, _)| incident.clone())
            .collect(),
        scheduled_maintenances: incidents
            .iter()
            .filter(|(incident, maintenance)| *maintenance && incident.is_unresolved())
            .map(|(incident, _)| incident.clone())
            .collect(),
    };
    let (maintenances, incidents): (Vec<_>, Vec<_>) = incidents.into_iter().partition(|(_, m)| *m);
    Built {
        summary,
        all_incidents: incidents
            .into_iter()
            .map(|(incident, _)| incident)
            .collect(),
        all_maintenances: maintenances
            .into_iter()
            .map(|(incident, _)| incident)
            .collect(),
    }
}

fn incident(rows: &StatusRows, row: &IncidentRow, now: i64) -> Incident {
    let stamp = |text: &Option<String>| text.clone().map(Timestamp::parse);
    let status = match row.kind.as_str() {
        "maintenance" => maintenance_phase(row, now),
        _ => IncidentStatus::from_feed(&row.status),
    };
    let components = rows
        .links
        .iter()
        .filter(|(incident, _)| *incident == row.id)
        .filter_map(|(_, component)| rows.components.iter().find(|c| c.id == *component))
        .map(|c| Component {
            id: c.id.clone(),
            name: c.name.clone(),
            ..Component::default()
        })
        .collect();
    let incident_updates = rows
        .updates
        .iter()
        .filter(|update| update.incident_id == row.id)
        .map(|update| IncidentUpdate {
            id: update.id.clone(),
            status: IncidentStatus::from_feed(&update.status),
            body: update.body.clone(),
            incident_id: Some(row.id.clone()),
            created_at: Some(Timestamp::parse(update.created_at.clone())),
            updated_at: Some(Timestamp::parse(update.created_at.clone())),
            display_at: Some(Timestamp::parse(update.created_at.clone())),
            affected_components: vec![],
        })
        .collect();
    Incident {
        id: row.id.clone(),
        name: row.name.clone(),
        status,
        impact: Impact::from_feed(&row.impact),
        created_at: Some(Timestamp::parse(row.created_at.clone())),
        updated_at: Some(Timestamp::parse(row.updated_at.clone())),
        resolved_at: stamp(&row.resolved_at),
        scheduled_for: stamp(&row.scheduled_for),
        scheduled_until: stamp(&row.scheduled_until),
        incident_updates,
        components,
        ..Incident::default()
    }
}

/// A maintenance's phase follows the clock unless an operator finished it.
fn maintenance_phase(row: &IncidentRow, now: i64) -> IncidentStatus {
    let stored = IncidentStatus::from_feed(&row.status);
    if matches!(
        stored,
        IncidentStatus::Completed | IncidentStatus::Verifying
    ) {
        return stored;
    }
    let at = |text: &Option<String>| {
        text.clone()
            .and_then(|t| Timestamp::parse(t).unix_seconds())
    };
    match (at(&row.scheduled_for), at(&row.scheduled_until)) {
        (_, Some(until)) if now >= until => IncidentStatus::Completed,
        (Some(from), _) if now >= from => IncidentStatus::InProgress,
        _ => IncidentStatus::Scheduled,
    }
}

fn impact_rank(impact: &Impact) -> u8 {
    match impact {
        Impact::Critical => 3,
        Impact::Major => 2,
        Impact::Minor => 1,
        _ => 0,
    }
}
