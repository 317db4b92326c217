//! How a host page configures the widget: the `data-` attributes of the script tag, as the loader hands them on.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kind of host page the widget is embedded in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// Which bottom corner the launcher sits in, on the reading direction's terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Bottom right (default).
    #[default]
    Right,
    /// Bottom left.
    Left,
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
    /// Launcher corner (default: `right`).
    #[serde(default)]
    pub position: Position,
    /// A Statuspage-compatible `summary.json` (default: the desk's own feed).
    #[serde(default)]
    pub status_url: Option<String>,
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
    fn embed_config_fills_defaults() {
        let config: EmbedConfig =
            serde_json::from_str(r#"{"desk":"https://desk.example"}"#).unwrap();
        assert_eq!(config.surface, Surface::Other);
        assert_eq!(config.locale, "en");
        assert_eq!(config.position, Position::Right);
        assert_eq!(config.status_url, None);
    }
}
