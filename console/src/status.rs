//! The status page as an admin is about to change it: what a draft (a new incident, an update, a resolve, a
//! maintenance) would make of the feed, and which banner the widget then shows on each demo surface. The banner
//! is chosen by `signpost-core`'s `surface_status`, the code the widget and the desk's `/v1/notices` run, so the
//! preview cannot disagree with them; component statuses come from core's `component_status`, as on the desk,
//! and what else the desk derives when it stores a write (the maintenance phase, default messages) is mirrored
//! here.

use signpost_core::embed::Surface;
use signpost_core::feed::{
    Component, ComponentMap, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate,
    Severity, Summary, Timestamp, component_status, surface_status,
};

/// The surfaces of the demo pages, in the order they are previewed.
pub const PREVIEW_SURFACES: [Surface; 3] = [Surface::Checkout, Surface::Order, Surface::Onboarding];

/// The impacts an incident can be opened with, mildest first.
pub const IMPACTS: [Impact; 4] = [Impact::None, Impact::Minor, Impact::Major, Impact::Critical];

/// The statuses an incident can be opened with.
pub const OPEN_STATUSES: [IncidentStatus; 3] = [
    IncidentStatus::Investigating,
    IncidentStatus::Identified,
    IncidentStatus::Monitoring,
];

/// The statuses an update can set; `Resolved` goes through the desk's resolve.
pub const UPDATE_STATUSES: [IncidentStatus; 4] = [
    IncidentStatus::Investigating,
    IncidentStatus::Identified,
    IncidentStatus::Monitoring,
    IncidentStatus::Resolved,
];

/// What the desk writes when an incident is resolved without a message.
const RESOLVED_MESSAGE: &str = "This incident has been resolved.";

/// The id a draft incident or maintenance has in the previewed feed.
const DRAFT_ID: &str = "draft";

/// Something an admin is about to publish.
#[derive(Clone, Debug, PartialEq)]
pub enum Draft {
    /// A new incident.
    Incident {
        name: String,
        impact: Impact,
        status: IncidentStatus,
        /// Component names, as the desk takes them.
        components: Vec<String>,
        /// Empty: the desk uses the name.
        message: String,
    },
    /// A new maintenance, from `from` to `until` (Unix seconds; none while not a date and time).
    Maintenance {
        name: String,
        from: Option<i64>,
        until: Option<i64>,
        components: Vec<String>,
        /// Empty: the desk uses the name.
        message: String,
    },
    /// An update of incident `id`; `Resolved` resolves it (an empty message then gets the desk's default).
    Update {
        id: String,
        status: IncidentStatus,
        message: String,
    },
}

impl Draft {
    /// `summary` as the desk would publish it once this draft is sent at `now` (Unix seconds).
    pub fn apply(&self, summary: &Summary, now: i64) -> Summary {
        let mut next = summary.clone();
        let at = Timestamp::from_unix(now);
        match self {
            Draft::Incident {
                name,
                impact,
                status,
                components,
                message,
            } => {
                let components = ensure_components(&mut next, components);
                let incident = Incident {
                    id: DRAFT_ID.to_owned(),
                    name: name.trim().to_owned(),
                    status: status.clone(),
                    impact: impact.clone(),
                    created_at: Some(at.clone()),
                    updated_at: Some(at.clone()),
                    incident_updates: vec![update(status, or_name(message, name), &at)],
                    components,
                    ..Incident::default()
                };
                next.incidents.insert(0, incident);
            }
            Draft::Maintenance {
                name,
                from,
                until,
                components,
                message,
            } => {
                let status = maintenance_phase(*from, *until, now);
                let components = ensure_components(&mut next, components);
                let maintenance = Incident {
                    id: DRAFT_ID.to_owned(),
                    name: name.trim().to_owned(),
                    status: status.clone(),
                    impact: Impact::Maintenance,
                    created_at: Some(at.clone()),
                    updated_at: Some(at.clone()),
                    scheduled_for: from.map(Timestamp::from_unix),
                    scheduled_until: until.map(Timestamp::from_unix),
                    incident_updates: vec![update(
                        &IncidentStatus::Scheduled,
                        or_name(message, name),
                        &at,
                    )],
                    components,
                    ..Incident::default()
                };
                next.scheduled_maintenances.insert(0, maintenance);
            }
            Draft::Update {
                id,
                status,
                message,
            } => {
                let message = match (status, message.trim()) {
                    (IncidentStatus::Resolved, "") => RESOLVED_MESSAGE,
                    (_, message) => message,
                };
                for item in next
                    .incidents
                    .iter_mut()
                    .chain(next.scheduled_maintenances.iter_mut())
                    .filter(|item| item.id == *id)
                {
                    // Newer than what is there even when this browser's clock is behind the desk's.
                    let latest = item
                        .latest_update()
                        .and_then(|update| {
                            update.display_at.as_ref().or(update.created_at.as_ref())
                        })
                        .and_then(Timestamp::unix_seconds);
                    let at = Timestamp::from_unix(latest.map_or(now, |latest| now.max(latest + 1)));
                    item.status = status.clone();
                    item.updated_at = Some(at.clone());
                    item.incident_updates
                        .insert(0, update(status, message, &at));
                }
                // The summary lists what is still open.
                next.incidents.retain(Incident::is_unresolved);
                next.scheduled_maintenances.retain(Incident::is_unresolved);
            }
        }
        settle_components(&mut next);
        next
    }
}

/// The message, or the name when it is blank (as the desk does).
fn or_name<'a>(message: &'a str, name: &'a str) -> &'a str {
    if message.trim().is_empty() {
        name.trim()
    } else {
        message.trim()
    }
}

fn update(status: &IncidentStatus, body: &str, at: &Timestamp) -> IncidentUpdate {
    IncidentUpdate {
        id: format!("{DRAFT_ID}-{}", at.as_str()),
        status: status.clone(),
        body: body.to_owned(),
        created_at: Some(at.clone()),
        display_at: Some(at.clone()),
        ..IncidentUpdate::default()
    }
}

/// The components named, as the item will list them: the feed's by exact name, new ones added to the feed.
fn ensure_components(summary: &mut Summary, names: &[String]) -> Vec<Component> {
    names
        .iter()
        .map(|name| {
            if let Some(known) = summary.components.iter().find(|c| c.name == *name) {
                return Component {
                    id: known.id.clone(),
                    name: known.name.clone(),
                    ..Component::default()
                };
            }
            let added = Component {
                id: format!("{DRAFT_ID}-{name}"),
                name: name.clone(),
                status: ComponentStatus::Operational,
                ..Component::default()
            };
            summary.components.push(added.clone());
            added
        })
        .collect()
}

/// Where a maintenance stands at `now`, as the desk derives it from its window.
pub fn maintenance_phase(from: Option<i64>, until: Option<i64>, now: i64) -> IncidentStatus {
    match (from, until) {
        (_, Some(until)) if now >= until => IncidentStatus::Completed,
        (Some(from), _) if now >= from => IncidentStatus::InProgress,
        _ => IncidentStatus::Scheduled,
    }
}

/// Sets each component's status from the open items that name it, as the desk does: the worst of their
/// impacts, maintenance in progress below any outage.
fn settle_components(summary: &mut Summary) {
    let items: Vec<(&Incident, bool)> = summary
        .incidents
        .iter()
        .map(|item| (item, false))
        .chain(
            summary
                .scheduled_maintenances
                .iter()
                .map(|item| (item, true)),
        )
        .filter(|(item, _)| item.is_unresolved())
        .collect();
    let statuses: Vec<ComponentStatus> = summary
        .components
        .iter()
        .map(|component| {
            component_status(
                items
                    .iter()
                    .filter(|(item, _)| item.components.iter().any(|c| c.id == component.id))
                    .map(|(item, maintenance)| (*item, *maintenance)),
            )
        })
        .collect();
    for (component, status) in summary.components.iter_mut().zip(statuses) {
        component.status = status;
    }
}

/// What the widget's banner shows on a surface.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    /// How bad things are there (`Maintenance` for an upcoming maintenance).
    pub severity: Severity,
    /// A maintenance that has not started yet.
    pub upcoming: bool,
    pub title: String,
    /// The latest update's text.
    pub body: String,
}

/// The banner `surface` shows for `summary` at `now`, if any: the item it leads with (its worst open incident,
/// else a maintenance in progress, else one starting within a day), as the widget picks it.
pub fn banner(summary: &Summary, map: &ComponentMap, surface: Surface, now: i64) -> Option<Banner> {
    let status = surface_status(summary, map, surface, now);
    let lead = status.headline()?;
    Some(Banner {
        severity: if lead.upcoming {
            Severity::Maintenance
        } else {
            status.severity
        },
        upcoming: lead.upcoming,
        title: lead.item.name.clone(),
        body: lead
            .item
            .latest_update()
            .map(|update| update.body.clone())
            .unwrap_or_default(),
    })
}

/// A component an item can name, with the surfaces it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Choice {
    pub name: String,
    pub surfaces: Vec<Surface>,
}

/// The components to choose from: the feed's, then those the site's map names that the feed does not have yet
/// (the desk creates a component the first time an item names it).
pub fn component_choices(summary: Option<&Summary>, map: &ComponentMap) -> Vec<Choice> {
    let mut choices: Vec<Choice> = summary
        .map(|summary| summary.components.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|component| !component.group && !component.name.trim().is_empty())
        .map(|component| Choice {
            name: component.name.clone(),
            surfaces: map.surfaces(&component.id, &component.name),
        })
        .collect();
    for rule in &map.rules {
        if let signpost_core::feed::ComponentMatch::Name(name) = &rule.component {
            let name = name.trim();
            if !name.is_empty() && !choices.iter().any(|c| c.name.eq_ignore_ascii_case(name)) {
                choices.push(Choice {
                    name: name.to_owned(),
                    surfaces: map.surfaces("", name),
                });
            }
        }
    }
    choices
}

/// The open items of the feed: incidents (false), then maintenances (true).
pub fn open_items(summary: &Summary) -> Vec<(&Incident, bool)> {
    summary
        .incidents
        .iter()
        .filter(|item| item.is_unresolved())
        .map(|item| (item, false))
        .chain(
            summary
                .scheduled_maintenances
                .iter()
                .filter(|item| item.is_unresolved())
                .map(|item| (item, true)),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn map() -> ComponentMap {
        ComponentMap::new()
            .name("Payments", &[Surface::Checkout, Surface::Order])
            .name("Payouts", &[Surface::Onboarding])
    }

    fn feed() -> Summary {
        Summary {
            components: vec![Component {
                id: "cmp_pay".into(),
                name: "Payments".into(),
                status: ComponentStatus::Operational,
                ..Component::default()
            }],
            ..Summary::default()
        }
    }

    fn incident(name: &str, impact: Impact, components: &[&str]) -> Draft {
        Draft::Incident {
            name: name.into(),
            impact,
            status: IncidentStatus::Investigating,
            components: components.iter().map(|c| (*c).to_owned()).collect(),
            message: String::new(),
        }
    }

    #[test]
    fn a_new_incident_shows_on_the_surfaces_of_its_components_only() {
        let next =
            incident("Card payments failing", Impact::Major, &["Payments"]).apply(&feed(), NOW);
        let checkout = banner(&next, &map(), Surface::Checkout, NOW).unwrap();
        assert_eq!(checkout.title, "Card payments failing");
        assert_eq!(checkout.severity, Severity::Major);
        // No message: the desk shows the name.
        assert_eq!(checkout.body, "Card payments failing");
        assert!(banner(&next, &map(), Surface::Order, NOW).is_some());
        assert_eq!(banner(&next, &map(), Surface::Onboarding, NOW), None);
        assert_eq!(next.components[0].status, ComponentStatus::PartialOutage);
    }

    #[test]
    fn an_incident_naming_no_component_concerns_every_page() {
        let next = incident("Everything is slow", Impact::Minor, &[]).apply(&feed(), NOW);
        for surface in PREVIEW_SURFACES {
            assert!(banner(&next, &map(), surface, NOW).is_some());
        }
    }

    #[test]
    fn a_new_component_is_added_and_mapped_by_name() {
        let next = incident("Payouts late", Impact::Critical, &["Payouts"]).apply(&feed(), NOW);
        assert_eq!(next.components.len(), 2);
        let onboarding = banner(&next, &map(), Surface::Onboarding, NOW).unwrap();
        assert_eq!(onboarding.severity, Severity::Critical);
        assert_eq!(banner(&next, &map(), Surface::Checkout, NOW), None);
    }

    #[test]
    fn resolving_removes_the_banner_and_settles_the_components() {
        let open =
            incident("Card payments failing", Impact::Major, &["Payments"]).apply(&feed(), NOW);
        let resolved = Draft::Update {
            id: DRAFT_ID.into(),
            status: IncidentStatus::Resolved,
            message: String::new(),
        }
        .apply(&open, NOW + 60);
        assert!(resolved.incidents.is_empty());
        assert_eq!(banner(&resolved, &map(), Surface::Checkout, NOW), None);
        assert_eq!(resolved.components[0].status, ComponentStatus::Operational);
    }

    #[test]
    fn an_update_becomes_the_banner_text() {
        let open =
            incident("Card payments failing", Impact::Major, &["Payments"]).apply(&feed(), NOW);
        let updated = Draft::Update {
            id: DRAFT_ID.into(),
            status: IncidentStatus::Monitoring,
            message: "A fix is out.".into(),
        }
        .apply(&open, NOW + 60);
        let checkout = banner(&updated, &map(), Surface::Checkout, NOW + 60).unwrap();
        assert_eq!(checkout.body, "A fix is out.");
    }

    #[test]
    fn a_maintenance_shows_within_a_day_of_its_start_and_while_it_runs() {
        let maintenance = |from: i64| Draft::Maintenance {
            name: "Payouts upgrade".into(),
            from: Some(from),
            until: Some(from + 3600),
            components: vec!["Payouts".into()],
            message: String::new(),
        };
        let soon = maintenance(NOW + 3600).apply(&feed(), NOW);
        let shown = banner(&soon, &map(), Surface::Onboarding, NOW).unwrap();
        assert!(shown.upcoming);
        assert_eq!(shown.severity, Severity::Maintenance);
        let later = maintenance(NOW + 3 * 86_400).apply(&feed(), NOW);
        assert_eq!(banner(&later, &map(), Surface::Onboarding, NOW), None);
        let running = maintenance(NOW - 60).apply(&feed(), NOW);
        assert!(
            !banner(&running, &map(), Surface::Onboarding, NOW)
                .unwrap()
                .upcoming
        );
        assert_eq!(
            running.components[1].status,
            ComponentStatus::UnderMaintenance
        );
    }

    #[test]
    fn choices_are_the_feeds_components_then_the_maps_names() {
        let choices = component_choices(Some(&feed()), &map());
        let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Payments", "Payouts"]);
        assert_eq!(choices[0].surfaces, [Surface::Checkout, Surface::Order]);
    }
}
