//! What the feed means for one surface: which components concern it, how bad things are there, and which
//! incidents and maintenances to show.

use super::{Component, ComponentStatus, Impact, Incident, IncidentStatus, Summary, Timestamp};
use crate::embed::Surface;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::HashSet;

/// How far ahead an upcoming maintenance is announced on a surface.
const UPCOMING_WINDOW_SECONDS: i64 = 24 * 3600;

/// How bad things are for a surface, from least to most severe.
///
/// Planned maintenance ranks below every outage level, so an outage during a maintenance window is not shown
/// as "just maintenance".
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Nothing wrong.
    #[default]
    None,
    /// Planned maintenance in progress.
    Maintenance,
    /// Degraded performance, or a minor incident.
    Minor,
    /// Partial outage, or a major incident.
    Major,
    /// Major outage, or a critical incident.
    Critical,
}

impl Impact {
    /// The severity an open incident of this impact gives. An unknown impact counts as `Minor`: an open
    /// incident is not nothing.
    pub fn severity(&self) -> Severity {
        match self {
            Impact::None => Severity::None,
            Impact::Minor | Impact::Unknown(_) => Severity::Minor,
            Impact::Major => Severity::Major,
            Impact::Critical => Severity::Critical,
            Impact::Maintenance => Severity::Maintenance,
        }
    }
}

impl ComponentStatus {
    /// The severity a component in this status gives. An unknown status counts as `Minor` (something other
    /// than operational was reported), a missing one as `None`.
    pub fn severity(&self) -> Severity {
        match self {
            ComponentStatus::Operational => Severity::None,
            ComponentStatus::DegradedPerformance => Severity::Minor,
            ComponentStatus::PartialOutage => Severity::Major,
            ComponentStatus::MajorOutage => Severity::Critical,
            ComponentStatus::UnderMaintenance => Severity::Maintenance,
            ComponentStatus::Unknown(text) if text.trim().is_empty() => Severity::None,
            ComponentStatus::Unknown(_) => Severity::Minor,
        }
    }
}

/// Which components of a status page a rule picks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ComponentMatch {
    /// The component with this id (`code` in affected components), exactly.
    Id(String),
    /// The component with this name, ignoring case and surrounding spaces.
    Name(String),
    /// Components with this word in their name, ignoring case, singular or plural: `payment` matches
    /// `Payments API` and `Card payment`, not `Prepayments`; `delivery` matches `Deliveries`.
    Keyword(String),
}

impl ComponentMatch {
    /// Whether the component with `id` and `name` is picked. Empty ids and names never match.
    pub fn matches(&self, id: &str, name: &str) -> bool {
        match self {
            ComponentMatch::Id(wanted) => !id.is_empty() && id == wanted,
            ComponentMatch::Name(wanted) => {
                let name = name.trim();
                !name.is_empty() && name.eq_ignore_ascii_case(wanted.trim())
            }
            ComponentMatch::Keyword(word) => {
                let word = word.trim().to_ascii_lowercase();
                !word.is_empty()
                    && name
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|part| is_word_or_plural(&part.to_ascii_lowercase(), &word))
            }
        }
    }
}

fn is_word_or_plural(part: &str, word: &str) -> bool {
    let Some(suffix) = part.strip_prefix(word) else {
        // `delivery` → `deliveries`.
        return word.strip_suffix('y').is_some_and(|stem| {
            part.strip_prefix(stem)
                .is_some_and(|suffix| suffix == "ies")
        });
    };
    matches!(suffix, "" | "s" | "es")
}

/// One rule of a [`ComponentMap`]: the components it picks and the surfaces they concern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentRule {
    /// Which components.
    pub component: ComponentMatch,
    /// The surfaces they concern.
    pub surfaces: Vec<Surface>,
}

/// Which status-page components concern which surfaces. A component concerns the union of the surfaces of
/// every rule that picks it, or of its group; a component no rule picks concerns no surface.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentMap {
    /// The rules, all applied.
    pub rules: Vec<ComponentRule>,
}

impl ComponentMap {
    /// A map with no rules.
    pub fn new() -> ComponentMap {
        ComponentMap::default()
    }

    /// Adds a rule.
    pub fn with(mut self, component: ComponentMatch, surfaces: &[Surface]) -> ComponentMap {
        self.rules.push(ComponentRule {
            component,
            surfaces: surfaces.to_vec(),
        });
        self
    }

    /// Adds a rule for the component with this id.
    pub fn id(self, id: &str, surfaces: &[Surface]) -> ComponentMap {
        self.with(ComponentMatch::Id(id.to_owned()), surfaces)
    }

    /// Adds a rule for the component with this name (case-insensitive).
    pub fn name(self, name: &str, surfaces: &[Surface]) -> ComponentMap {
        self.with(ComponentMatch::Name(name.to_owned()), surfaces)
    }

    /// Adds a rule for components with this word in their name (see [`ComponentMatch::Keyword`]).
    pub fn keyword(self, word: &str, surfaces: &[Surface]) -> ComponentMap {
        self.with(ComponentMatch::Keyword(word.to_owned()), surfaces)
    }

    /// Guesses for a typical marketplace, by words in component names: `payment`, `checkout` → checkout and
    /// order; `order`, `shipping`, `delivery`, `tracking` → order; `payout`, `identity`, `verification`,
    /// `onboarding`, `seller` → onboarding; `api`, `website`, `web`, `app` → every surface.
    pub fn default_marketplace() -> ComponentMap {
        use Surface::{Checkout, Onboarding, Order};
        let groups: [(&[&str], &[Surface]); 4] = [
            (&["payment", "checkout"], &[Checkout, Order]),
            (&["order", "shipping", "delivery", "tracking"], &[Order]),
            (
                &["payout", "identity", "verification", "onboarding", "seller"],
                &[Onboarding],
            ),
            (&["api", "website", "web", "app"], &Surface::ALL),
        ];
        groups
            .into_iter()
            .flat_map(|(words, surfaces)| words.iter().map(move |word| (*word, surfaces)))
            .fold(ComponentMap::new(), |map, (word, surfaces)| {
                map.keyword(word, surfaces)
            })
    }

    /// The surfaces the component with `id` and `name` concerns by itself (its group aside), in
    /// [`Surface::ALL`] order.
    pub fn surfaces(&self, id: &str, name: &str) -> Vec<Surface> {
        Surface::ALL
            .into_iter()
            .filter(|surface| self.maps(id, name, *surface))
            .collect()
    }

    /// Whether the component with `id` and `name` concerns `surface` by itself (its group aside).
    pub fn maps(&self, id: &str, name: &str, surface: Surface) -> bool {
        self.rules
            .iter()
            .any(|rule| rule.surfaces.contains(&surface) && rule.component.matches(id, name))
    }
}

/// What one surface should show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SurfaceStatus<'a> {
    /// The surface.
    pub surface: Surface,
    /// The worst of: the open incidents' impacts, `Maintenance` for a maintenance in progress, and the
    /// statuses of its components. Never read from `status.indicator`, which real feeds leave milder than
    /// their incidents.
    pub severity: Severity,
    /// Open incidents concerning it, worst impact first, then newest first.
    pub incidents: Vec<&'a Incident>,
    /// Maintenances in progress concerning it.
    pub maintenances_in_progress: Vec<&'a Incident>,
    /// Maintenances concerning it that start within 24 hours, soonest first. They do not raise the severity.
    pub upcoming_maintenances: Vec<&'a Incident>,
    /// Its components that are not operational (groups only when none of their components is listed).
    pub degraded_components: Vec<&'a Component>,
}

impl<'a> SurfaceStatus<'a> {
    /// The one item the surface should lead with: its worst open incident, else a maintenance in progress,
    /// else the soonest upcoming maintenance (`upcoming` is then true).
    pub fn headline(&self) -> Option<Headline<'a>> {
        let now = self
            .incidents
            .first()
            .or(self.maintenances_in_progress.first())
            .map(|item| (*item, false));
        let (item, upcoming) =
            now.or_else(|| self.upcoming_maintenances.first().map(|item| (*item, true)))?;
        Some(Headline { item, upcoming })
    }
}

/// What a surface leads with: see [`SurfaceStatus::headline`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Headline<'a> {
    /// The incident or maintenance.
    pub item: &'a Incident,
    /// A maintenance that has not started yet.
    pub upcoming: bool,
}

/// Where a maintenance stands at a moment.
enum Phase {
    Upcoming,
    InProgress,
}

/// What `summary` means for `surface` at `now_unix` (Unix seconds).
///
/// An incident or maintenance concerns the surface when one of its `components`, or of the
/// [latest affected components](Incident::latest_affected_components), maps to it through `mapping`, directly
/// or through its group; one that lists no component at all is page-wide and concerns every surface.
/// Items of `incidents` that are maintenances ([`Incident::is_maintenance`]) count as maintenances; resolved
/// and completed items are skipped. A maintenance is in progress when its status is `in_progress` or
/// `verifying`, or when `now_unix` falls inside its window; it is upcoming when its `scheduled_for` is
/// within the next 24 hours. A maintenance without a readable `scheduled_for` is shown only when in progress.
pub fn surface_status<'a>(
    summary: &'a Summary,
    mapping: &ComponentMap,
    surface: Surface,
    now_unix: i64,
) -> SurfaceStatus<'a> {
    let scope = Scope {
        summary,
        mapping,
        surface,
    };
    let mut status = SurfaceStatus {
        surface,
        severity: Severity::None,
        incidents: Vec::new(),
        maintenances_in_progress: Vec::new(),
        upcoming_maintenances: Vec::new(),
        degraded_components: Vec::new(),
    };

    // A feed may list a maintenance in both lists; count it once, as a maintenance.
    let maintenance_ids: HashSet<&str> = summary
        .scheduled_maintenances
        .iter()
        .map(|maintenance| maintenance.id.as_str())
        .filter(|id| !id.is_empty())
        .collect();
    let incidents = summary
        .incidents
        .iter()
        .filter(|incident| !maintenance_ids.contains(incident.id.as_str()))
        .map(|incident| (incident, incident.is_maintenance()));
    let maintenances = summary
        .scheduled_maintenances
        .iter()
        .map(|maintenance| (maintenance, true));

    for (item, is_maintenance) in incidents.chain(maintenances) {
        if !item.is_unresolved() || !scope.concerns(item) {
            continue;
        }
        if !is_maintenance {
            status.severity = status.severity.max(item.impact.severity());
            status.incidents.push(item);
            continue;
        }
        match phase(item, now_unix) {
            Some(Phase::InProgress) => {
                status.severity = status.severity.max(Severity::Maintenance);
                status.maintenances_in_progress.push(item);
            }
            Some(Phase::Upcoming) => status.upcoming_maintenances.push(item),
            None => {}
        }
    }

    for component in &summary.components {
        let severity = component.status.severity();
        let has_children = component.group
            && summary
                .components
                .iter()
                .any(|child| child.group_id.as_deref() == Some(component.id.as_str()));
        if severity == Severity::None
            || has_children
            || !scope.component(
                &component.id,
                &component.name,
                component.group_id.as_deref(),
            )
        {
            continue;
        }
        status.severity = status.severity.max(severity);
        status.degraded_components.push(component);
    }

    let unix = |time: &Option<Timestamp>| time.as_ref().and_then(|time| time.unix_seconds());
    status.incidents.sort_by_key(|incident| {
        Reverse((
            incident.impact.severity(),
            unix(&incident.started_at).or(unix(&incident.created_at)),
        ))
    });
    status
        .upcoming_maintenances
        .sort_by_key(|maintenance| unix(&maintenance.scheduled_for));
    status
}

/// Whether `maintenance` is in progress or upcoming at `now`; `None` when neither.
fn phase(maintenance: &Incident, now: i64) -> Option<Phase> {
    if matches!(
        maintenance.status,
        IncidentStatus::InProgress | IncidentStatus::Verifying
    ) {
        return Some(Phase::InProgress);
    }
    let start = maintenance.scheduled_for.as_ref()?.unix_seconds()?;
    let end = maintenance
        .scheduled_until
        .as_ref()
        .and_then(|end| end.unix_seconds());
    if start > now {
        (start - now <= UPCOMING_WINDOW_SECONDS).then_some(Phase::Upcoming)
    } else {
        // Started but not marked in progress: feeds lag, so the window decides.
        end.is_some_and(|end| now < end)
            .then_some(Phase::InProgress)
    }
}

/// Which components concern one surface.
struct Scope<'a> {
    summary: &'a Summary,
    mapping: &'a ComponentMap,
    surface: Surface,
}

impl Scope<'_> {
    /// Whether an incident concerns the surface; one that lists no components is page-wide.
    fn concerns(&self, incident: &Incident) -> bool {
        let affected = incident.latest_affected_components();
        if incident.components.is_empty() && affected.is_empty() {
            return true;
        }
        incident.components.iter().any(|component| {
            self.component(
                &component.id,
                &component.name,
                component.group_id.as_deref(),
            )
        }) || affected
            .iter()
            .any(|component| self.component(&component.code, &component.name, None))
    }

    /// Whether a component concerns the surface, by itself or through its group (from `group_id`, else from
    /// the summary's entry for `id`).
    fn component(&self, id: &str, name: &str, group_id: Option<&str>) -> bool {
        if self.mapping.maps(id, name, self.surface) {
            return true;
        }
        let group_id = group_id
            .filter(|group_id| !group_id.is_empty())
            .or_else(|| self.find(id)?.group_id.as_deref());
        let Some(group_id) = group_id else {
            return false;
        };
        match self.find(group_id) {
            Some(group) => self.mapping.maps(&group.id, &group.name, self.surface),
            None => self.mapping.maps(group_id, "", self.surface),
        }
    }

    fn find(&self, id: &str) -> Option<&Component> {
        if id.is_empty() {
            return None;
        }
        self.summary
            .components
            .iter()
            .find(|component| component.id == id)
    }
}
