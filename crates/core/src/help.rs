//! Help-center wire types: article summaries and bodies, search results, feedback.

use crate::embed::Surface;
use serde::{Deserialize, Serialize};

/// Who an article is written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Audience {
    Buyer,
    Seller,
    /// Everyone (default).
    #[default]
    All,
}

/// What the widget needs to list an article without its body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    /// One sentence; empty when the article has none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default)]
    pub audience: Audience,
    /// Pages the article is written for; empty means any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub surfaces: Vec<Surface>,
    /// BCP 47 language of the article.
    pub locale: String,
    /// `YYYY-MM-DD` of the last edit, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// `GET /v1/articles/{id}`: one article with its sanitised HTML body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// Rendered from Markdown and sanitised on the desk: safe to insert as HTML.
    pub html: String,
    /// Set when the requested locale had no translation and this is the fallback language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_locale: Option<String>,
    /// The experiment varying this article's text, when one may: the widget asks for the user's variant
    /// (`POST /v1/experiments/assignment`) before showing it, and fetches the variant's text with `variant`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experiment: Option<String>,
}

/// The longest search query, in characters (`GET /v1/search` refuses longer ones).
pub const QUERY_MAX_CHARS: usize = 200;

/// `GET /v1/search`: best first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResponse {
    pub results: Vec<SearchHit>,
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    /// A passage with the matched terms wrapped in `<mark>`; everything else is HTML-escaped.
    pub snippet: String,
    pub score: f32,
    /// The query terms (or their corrections) that matched, for the "why" of search-based suggestions.
    pub matched_terms: Vec<String>,
}

/// `POST /v1/articles/{id}/feedback`: "Was this helpful?".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackRequest {
    pub helpful: bool,
    pub surface: Surface,
    /// Anonymous per-browser id, 8–64 characters of `[A-Za-z0-9_-]`.
    pub session_id: String,
}

/// `GET /v1/site`: what the widget needs at start to suggest help without a round trip per context change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteConfig {
    /// The content folder's rules file as JSON (see `RuleSet::from_json`); `null` when it has none.
    pub rules: serde_json::Value,
    /// Every article a rule can suggest, and the ones written for each surface, most useful first.
    pub articles: Vec<ArticleSummary>,
    /// Which status-page components concern which surfaces.
    #[serde(default = "crate::feed::ComponentMap::default_marketplace")]
    pub status_components: crate::feed::ComponentMap,
    /// How soon support promises a first reply, per priority.
    #[serde(default)]
    pub response_targets: crate::tickets::ResponseTargets,
    /// Whether the widget reports its use, and which context fields reports are cut by.
    #[serde(default)]
    pub insights: crate::insights::InsightsSettings,
    /// The rules whose article or reason a running experiment varies: the widget asks for its variants before
    /// listing those rules' suggestions (`POST /v1/experiments/assignment`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiment_rules: Vec<String>,
    /// Whether an experiment varies the contact view's status during an incident: the contact view asks for the
    /// user's variant when an incident shows there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub experiment_status_first: bool,
    /// Whether an experiment varies the large-order criterion: the contact view asks for the user's variant, and
    /// a ticket filed in it carries the widget's unit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub experiment_large_order: bool,
    /// The guided flows the rules can suggest, titled in the requested language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<crate::flows::FlowSummary>,
}
