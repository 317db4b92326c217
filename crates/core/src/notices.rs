//! `GET /v1/notices`: the one small request a page makes before anyone opens the widget. The loader fetches the
//! widget's module only when the user reaches for help or when this answer has something to show, so a page
//! where nobody opens the widget pays for the loader and this answer alone.
//!
//! A page that set a context or an identity asks `POST /v1/notices?surface=…` ([`NoticesRequest`]) instead, so the desk
//! can also pick a [`Nudge`]: a proactive rule that fires on the page, or a message the marketplace pushed for
//! the user, within the caps the browser's [`NudgeMemory`] and the user's open tickets set.

use crate::embed::Surface;
use crate::feed::{ComponentMap, Severity, Summary, surface_status};
use crate::rules::Reason;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What a page of one surface should show before anyone opens the widget.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notices {
    /// Whether the loader should load the widget now, to show what follows.
    pub show: bool,
    /// The incident or maintenance the surface leads with (the widget's banner and launcher badge).
    pub status: Option<StatusNotice>,
    /// What the widget says first, beside the launcher (only in answer to `POST /v1/notices`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nudge: Option<Nudge>,
}

/// `POST /v1/notices?surface=…`: the page's situation. The loader sends it as `text/plain` (no CORS preflight
/// before the page's one request), with the widget's stored values as it found them: the desk reads them
/// leniently.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoticesRequest {
    /// The interface's locale, for the message when the context names none.
    #[serde(default)]
    pub locale: Option<String>,
    /// The page's context, as `setContext` gave it (read like `POST /v1/suggestions` reads it).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub context: Option<Map<String, Value>>,
    /// The token `identify` was given: a verified user's pushed nudges and open tickets.
    #[serde(default)]
    pub identity: Option<String>,
    /// The widget's stored install id (`localStorage["signpost.install"]`), as stored.
    #[serde(default)]
    pub install: Option<String>,
    /// What the browser remembers of nudges (`localStorage["signpost.nudges"]`, a [`NudgeMemory`]), as stored.
    #[serde(default)]
    pub nudges: Option<String>,
    /// The tickets this browser filed (`localStorage["signpost.tickets"]`), as stored.
    #[serde(default)]
    pub tickets: Option<String>,
}

/// A short message beside the launcher: a proactive rule firing on the page, or one pushed for the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Nudge {
    /// What dismissing silences: `rule:<id>`, or `push:<n>` for a pushed message.
    pub id: String,
    /// The message, in the user's language.
    pub text: String,
    /// "Why am I seeing this?"
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub reason: Reason,
}

/// What a browser remembers of nudges, where the site lets the widget store anything: how many it showed on
/// `day` (days since 1970-01-01, UTC) and which the user dismissed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NudgeMemory {
    #[serde(default)]
    pub day: i64,
    #[serde(default)]
    pub shown: u32,
    #[serde(default)]
    pub dismissed: Vec<String>,
}

/// Dismissals remembered at most; the oldest go first.
const DISMISSALS_KEPT: usize = 50;

impl NudgeMemory {
    /// Nudges shown on `today`.
    pub fn shown_on(&self, today: i64) -> u32 {
        if self.day == today { self.shown } else { 0 }
    }

    /// Counts one more nudge shown on `today`.
    pub fn record_shown(&mut self, today: i64) {
        self.shown = self.shown_on(today) + 1;
        self.day = today;
    }

    /// Remembers that the user dismissed nudge `id`.
    pub fn dismiss(&mut self, id: &str) {
        if !self.dismissed.iter().any(|d| d == id) {
            self.dismissed.push(id.to_owned());
        }
        let excess = self.dismissed.len().saturating_sub(DISMISSALS_KEPT);
        self.dismissed.drain(..excess);
    }

    /// Whether the user dismissed nudge `id`.
    pub fn is_dismissed(&self, id: &str) -> bool {
        self.dismissed.iter().any(|d| d == id)
    }
}

/// The incident or maintenance a surface leads with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusNotice {
    /// The incident's id in the feed.
    pub id: String,
    /// Its title.
    pub name: String,
    /// How bad things are on the surface (`maintenance` for an upcoming one).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "major"))]
    pub severity: Severity,
}

/// The notices for `surface` at `now_unix`, from the page's status `summary` and the site's component mapping.
pub fn notices(
    summary: &Summary,
    mapping: &ComponentMap,
    surface: Surface,
    now_unix: i64,
) -> Notices {
    let status = surface_status(summary, mapping, surface, now_unix);
    let notice = status.headline().map(|lead| StatusNotice {
        id: lead.item.id.clone(),
        name: lead.item.name.clone(),
        severity: if lead.upcoming {
            Severity::Maintenance
        } else {
            status.severity
        },
    });
    Notices {
        show: notice.is_some(),
        status: notice,
        nudge: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn summary(incidents: serde_json::Value) -> Summary {
        Summary::from_value(&json!({
            "page": { "id": "p", "name": "Marketly" },
            "components": [
                { "id": "pay", "name": "Payments", "status": "partial_outage" },
                { "id": "ship", "name": "Shipping labels", "status": "operational" }
            ],
            "incidents": incidents,
            "scheduled_maintenances": []
        }))
        .unwrap()
    }

    fn incident(id: &str, status: &str, component: &str) -> serde_json::Value {
        json!({
            "id": id, "name": format!("Trouble with {component}"), "status": status, "impact": "major",
            "components": [{ "id": component, "name": component, "status": "partial_outage" }],
            "incident_updates": []
        })
    }

    #[test]
    fn an_open_incident_on_the_surface_is_shown() {
        let mapping = ComponentMap::new().id("pay", &[Surface::Checkout]);
        let notices = notices(
            &summary(json!([incident("i1", "investigating", "pay")])),
            &mapping,
            Surface::Checkout,
            0,
        );
        assert!(notices.show);
        let status = notices.status.unwrap();
        assert_eq!(
            (status.id.as_str(), status.severity),
            ("i1", Severity::Major)
        );
    }

    #[test]
    fn the_memory_counts_per_day_and_keeps_the_latest_dismissals() {
        let mut memory = NudgeMemory::default();
        memory.record_shown(10);
        memory.record_shown(10);
        assert_eq!((memory.shown_on(10), memory.shown_on(11)), (2, 0));
        memory.record_shown(11);
        assert_eq!(memory.shown_on(11), 1);
        for n in 0..=DISMISSALS_KEPT {
            memory.dismiss(&format!("rule:r{n}"));
        }
        memory.dismiss("rule:r3");
        assert!(!memory.is_dismissed("rule:r0"));
        assert!(memory.is_dismissed("rule:r3") && memory.is_dismissed("rule:r50"));
        assert_eq!(memory.dismissed.len(), DISMISSALS_KEPT);
    }

    #[test]
    fn another_surfaces_incident_and_resolved_ones_show_nothing() {
        let mapping = ComponentMap::new()
            .id("pay", &[Surface::Checkout])
            .id("ship", &[Surface::Onboarding]);
        let feed = summary(json!([
            incident("i1", "investigating", "pay"),
            incident("i2", "resolved", "ship")
        ]));
        assert_eq!(
            notices(&feed, &mapping, Surface::Onboarding, 0),
            Notices::default()
        );
    }
}
