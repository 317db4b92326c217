//! Insights: what the widget reports of its use (`events`), how a site configures it (`InsightsSettings`, part of
//! `GET /v1/site`), and the reports the desk computes from it (`reports`).

pub mod events;
pub mod reports;

use serde::{Deserialize, Serialize};

/// The site's insights settings (`content/insights.toml`), as the widget gets them in `GET /v1/site`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct InsightsSettings {
    /// Whether the widget reports its use at all (`false`: it sends nothing).
    pub enabled: bool,
    /// Fields of the page context's `custom` object that reports may be cut by (a plan, a country), at most
    /// [`MAX_DIMENSIONS`]. Only these are sent, and only short text, number or yes/no values.
    pub dimensions: Vec<String>,
}

impl Default for InsightsSettings {
    fn default() -> Self {
        InsightsSettings {
            enabled: true,
            dimensions: vec![],
        }
    }
}

/// Most context fields a site may mark as dimensions.
pub const MAX_DIMENSIONS: usize = 5;
/// Longest dimension name or value, in characters.
pub const DIMENSION_MAX_CHARS: usize = 64;
