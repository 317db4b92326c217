//! How a host page configures the widget: the `data-` attributes of the script tag, as the loader hands them on.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kind of host page the widget is embedded in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Surface {
    /// A buyer's checkout page.
    Checkout,
    /// A buyer's order detail page.
    Order,
    /// A seller's onboarding flow.
    Onboarding,
    /// Any other page.
    #[default]
    Other,
}

impl Surface {
    /// Every surface, in the order operators see them listed.
    pub const ALL: [Surface; 4] = [
        Surface::Checkout,
        Surface::Order,
        Surface::Onboarding,
        Surface::Other,
    ];

    /// The name used on the wire and in `data-surface`.
    pub fn as_str(self) -> &'static str {
        match self {
            Surface::Checkout => "checkout",
            Surface::Order => "order",
            Surface::Onboarding => "onboarding",
            Surface::Other => "other",
        }
    }
}

impl fmt::Display for Surface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value that is not one of the names an enum accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}` (expected one of: {expected})")]
pub struct UnknownName {
    kind: &'static str,
    value: String,
    expected: &'static str,
}

impl FromStr for Surface {
    type Err = UnknownName;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Surface::ALL
            .into_iter()
            .find(|surface| surface.as_str() == value)
            .ok_or_else(|| UnknownName {
                kind: "surface",
                value: value.to_owned(),
                expected: "checkout, order, onboarding, other",
            })
    }
}

/// Which bottom corner the launcher sits in (default: the end of the reading direction, so right for
/// English and left for Arabic).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Bottom right.
    Right,
    /// Bottom left.
    Left,
}

/// Light or dark panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorScheme {
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// As the user's system prefers (default).
    Auto,
}

/// What the widget may keep in the browser.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoragePolicy {
    /// Drafts, filed requests and the unsent outbox, in `localStorage`, once the user starts typing, votes or
    /// files a request (default). Nothing is stored before.
    #[default]
    AfterInteraction,
    /// Nothing at all: for sites without consent to storage. Drafts, the request list and unsent requests
    /// then last only as long as the page.
    None,
}

/// How a site wants the widget on its pages (`content/embed.toml`). The desk writes it into the loader under
/// the names of the script tag's `data-` attributes (`offsetX` for `data-offset-x`), which override each setting
/// on one page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all(serialize = "camelCase"))]
pub struct SiteEmbed {
    /// Brand colour of the launcher and the panel's header, `#rrggbb`. Darkened (with a console warning) when
    /// white text on it would fall below a 4.5:1 contrast.
    #[serde(rename(serialize = "color"), skip_serializing_if = "Option::is_none")]
    pub primary_color: Option<String>,
    /// Launcher corner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Distance from the side of the window, in CSS pixels (0–400; default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset_x: Option<u32>,
    /// Distance from the bottom of the window, in CSS pixels (0–400; default 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset_y: Option<u32>,
    /// The launcher's text instead of the translated "Help".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launcher_label: Option<String>,
    /// A z-index for the widget. Without one it sits in the browser's top layer, above everything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub z_index: Option<i32>,
    /// Light, dark, or as the system prefers.
    #[serde(rename(serialize = "scheme"), skip_serializing_if = "Option::is_none")]
    pub color_scheme: Option<ColorScheme>,
    /// No launcher: the page opens the widget from its own button with `Signpost('open')`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hide_launcher: bool,
    /// What the widget may keep in the browser.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<StoragePolicy>,
    /// The most nudges one user sees in a day (default 2; 0: none). Counted by the desk for verified users,
    /// by the browser where the widget may store anything, and not at all otherwise (one per page view still).
    #[serde(skip_serializing)]
    pub nudges_per_day: Option<u32>,
}

impl SiteEmbed {
    /// Nudges per user and day when the site sets none.
    pub const DEFAULT_NUDGES_PER_DAY: u32 = 2;

    /// The most nudges one user sees in a day.
    pub fn nudges_per_day(&self) -> u32 {
        self.nudges_per_day.unwrap_or(Self::DEFAULT_NUDGES_PER_DAY)
    }

    /// Longest launcher label: it has to fit in a button.
    pub const LABEL_MAX_CHARS: usize = 40;
    /// Largest offset from the window's edge.
    pub const OFFSET_MAX: u32 = 400;

    /// What is wrong with the settings, one sentence per problem.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = vec![];
        if let Some(color) = &self.primary_color {
            let hex = color.strip_prefix('#').unwrap_or_default();
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                problems.push(format!("primary_color `{color}` must be #rrggbb"));
            }
        }
        for (name, offset) in [("offset_x", self.offset_x), ("offset_y", self.offset_y)] {
            if offset.is_some_and(|o| o > Self::OFFSET_MAX) {
                problems.push(format!("{name} must be 0 to {}", Self::OFFSET_MAX));
            }
        }
        if let Some(label) = &self.launcher_label
            && (label.trim().is_empty() || label.chars().count() > Self::LABEL_MAX_CHARS)
        {
            problems.push(format!(
                "launcher_label must be 1 to {} characters",
                Self::LABEL_MAX_CHARS
            ));
        }
        problems
    }
}

/// The configuration the loader reads from its script tag and passes to the widget at start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmbedConfig {
    /// Base URL of the desk, without a trailing slash (default: the loader script's own origin).
    pub desk: String,
    /// The host page's surface (default: `other`).
    #[serde(default)]
    pub surface: Surface,
    /// BCP 47 locale (default: the document's `lang`, else the browser's language).
    #[serde(default = "default_locale")]
    pub locale: String,
    /// A Statuspage-compatible `summary.json` (default: the desk's own feed).
    #[serde(default)]
    pub status_url: Option<String>,
    /// The site's own launcher text, instead of the translated "Help".
    #[serde(default)]
    pub launcher_label: Option<String>,
    /// The launcher corner the site chose; without one it follows the reading direction.
    #[serde(default)]
    pub position: Option<Position>,
    /// The page opens the widget from its own button.
    #[serde(default)]
    pub hide_launcher: bool,
    /// What the widget may keep in the browser.
    #[serde(default)]
    pub storage: StoragePolicy,
    /// The URL of the build's folder (`…/widget/<version>/`), which holds the messages of every language but
    /// English (`messages-<tag>.json`), fetched when a page needs them.
    #[serde(default)]
    pub assets: Option<String>,
    /// What to say first beside the launcher, as the desk's notices chose it for this page view: a
    /// [`crate::notices::Nudge`], read only by the part of the widget that shows it.
    #[serde(default)]
    pub nudge: Option<serde_json::Value>,
}

fn default_locale() -> String {
    "en".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surfaces_round_trip_through_their_names() {
        for surface in Surface::ALL {
            assert_eq!(surface.as_str().parse::<Surface>(), Ok(surface));
            assert_eq!(
                serde_json::to_string(&surface).unwrap(),
                format!("\"{surface}\"")
            );
        }
    }

    #[test]
    fn an_unknown_surface_names_the_choices() {
        let err = "cart".parse::<Surface>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown surface `cart` (expected one of: checkout, order, onboarding, other)"
        );
    }

    #[test]
    fn site_settings_name_each_problem() {
        let settings = SiteEmbed {
            primary_color: Some("blue".into()),
            offset_y: Some(401),
            launcher_label: Some(" ".into()),
            ..SiteEmbed::default()
        };
        assert_eq!(
            settings.problems(),
            [
                "primary_color `blue` must be #rrggbb",
                "offset_y must be 0 to 400",
                "launcher_label must be 1 to 40 characters"
            ]
        );
        let good = SiteEmbed {
            primary_color: Some("#FFCC00".into()),
            ..SiteEmbed::default()
        };
        assert!(good.problems().is_empty());
        assert_eq!(serde_json::to_string(&SiteEmbed::default()).unwrap(), "{}");
    }

    #[test]
    fn embed_config_fills_defaults() {
        let config: EmbedConfig =
            serde_json::from_str(r#"{"desk":"https://desk.example"}"#).unwrap();
        assert_eq!(config.surface, Surface::Other);
        assert_eq!(config.locale, "en");
        assert_eq!(config.status_url, None);
        assert_eq!(config.storage, StoragePolicy::AfterInteraction);
        assert!(!config.hide_launcher);
    }
}
