//! `GET /v1/notices`: the one small request a page makes before anyone opens the widget. The loader fetches the
//! widget's module only when the user reaches for help or when this answer has something to show, so a page
//! where nobody opens the widget pays for the loader and this answer alone.

use crate::embed::Surface;
use crate::feed::{ComponentMap, Severity, Summary, surface_status};
use serde::{Deserialize, Serialize};

/// What a page of one surface should show before anyone opens the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notices {
    /// Whether the loader should load the widget now, to show what follows.
    pub show: bool,
    /// The incident or maintenance the surface leads with (the widget's banner and launcher badge).
    pub status: Option<StatusNotice>,
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
