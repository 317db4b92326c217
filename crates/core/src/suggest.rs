//! The suggestions the widget shows, computed the same way in the browser and on the desk: the rules first,
//! and when they choose nothing, articles written for the user's surface and audience.

use crate::context::{Context, Role};
use crate::embed::Surface;
use crate::flows::FlowSummary;
use crate::help::{ArticleSummary, Audience};
use crate::rules::{
    Clock, FactUsed, FlowSuggestion, Formatter, Reason, ReasonSource, RuleSet, SuggestedItem,
    Suggestion,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Articles shown when neither a rule nor a `[[fallback]]` applies.
const AUTOMATIC_FALLBACK: usize = 3;

/// `POST /v1/suggestions`: what the widget would show for this context at this moment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuggestionsRequest {
    /// Read as leniently as the widget reads `setContext`: a bad known key is dropped with a warning.
    pub context: Map<String, Value>,
    /// Defaults to the desk's clock, in UTC.
    #[serde(default)]
    pub clock: Option<Clock>,
    /// Facts from outside the page, e.g. `incidents.active`.
    #[serde(default)]
    pub extra_facts: Map<String, Value>,
}

/// The answer to [`SuggestionsRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuggestionsResponse {
    pub suggestions: Vec<Suggestion>,
    /// The guided flows the rules offer beside the suggestions, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<FlowSuggestion>,
    /// Context keys that were ignored, and why (the widget logs the same to the console).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The audience a context speaks for: its role, else the one its surface implies.
pub fn audience_of(context: &Context) -> Audience {
    match (context.role, context.surface) {
        (Some(Role::Seller), _) | (None, Some(Surface::Onboarding)) => Audience::Seller,
        (Some(Role::Buyer), _) | (None, Some(Surface::Checkout | Surface::Order)) => {
            Audience::Buyer
        }
        (None, _) => Audience::All,
    }
}

/// The help items and guided flows for one context, best first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggested {
    pub items: Vec<Suggestion>,
    pub flows: Vec<FlowSuggestion>,
}

/// What the widget shows for `context`: the help items (see [`suggestions`]) and the guided flows the firing
/// rules name, of those in `flows` (the ones that passed their checks).
pub fn suggested(
    rules: Option<&RuleSet>,
    articles: &[ArticleSummary],
    flows: &[FlowSummary],
    context: &Context,
    extra_facts: &Map<String, Value>,
    clock: Clock,
    fmt: &dyn Formatter,
) -> Suggested {
    let flow = |id: &str| flows.iter().find(|flow| flow.id == id).cloned();
    Suggested {
        items: suggestions(rules, articles, context, extra_facts, clock, fmt),
        flows: rules
            .filter(|_| !flows.is_empty())
            .map(|rules| rules.suggest_flows(context, extra_facts, &flow, clock, fmt))
            .unwrap_or_default(),
    }
}

/// The help items for `context`, best first. `articles` is the catalog, most useful first within a surface.
pub fn suggestions(
    rules: Option<&RuleSet>,
    articles: &[ArticleSummary],
    context: &Context,
    extra_facts: &Map<String, Value>,
    clock: Clock,
    fmt: &dyn Formatter,
) -> Vec<Suggestion> {
    let catalog = |id: &str| articles.iter().find(|a| a.id == id).cloned();
    let chosen = rules
        .map(|rules| rules.suggest(context, extra_facts, &catalog, clock, fmt))
        .unwrap_or_default();
    if !chosen.is_empty() {
        return chosen;
    }
    written_for(articles, context)
}

/// Articles whose front matter names the user's surface and audience, with that as the reason.
fn written_for(articles: &[ArticleSummary], context: &Context) -> Vec<Suggestion> {
    let Some(surface) = context.surface else {
        return vec![];
    };
    let audience = audience_of(context);
    let (readers, audience_name) = match audience {
        Audience::Buyer => ("buyers", "buyer"),
        Audience::Seller => ("sellers", "seller"),
        Audience::All => ("everyone", "all"),
    };
    let page = match surface {
        Surface::Checkout => "at checkout",
        Surface::Order => "on order pages",
        Surface::Onboarding => "during onboarding",
        Surface::Other => "on this kind of page",
    };
    let reason = Reason {
        source: ReasonSource::Fallback,
        rule_id: None,
        text: format!("Written for {readers} {page}."),
        facts: vec![
            FactUsed {
                path: "surface".into(),
                value: Value::from(surface.as_str()),
                shown: surface.to_string(),
            },
            FactUsed {
                path: "audience".into(),
                value: Value::from(audience_name),
                shown: audience_name.to_owned(),
            },
        ],
    };
    articles
        .iter()
        .filter(|a| a.surfaces.contains(&surface))
        .filter(|a| {
            a.audience == audience || a.audience == Audience::All || audience == Audience::All
        })
        .take(AUTOMATIC_FALLBACK)
        .map(|article| Suggestion {
            item: SuggestedItem::Article(article.clone()),
            reasons: vec![reason.clone()],
            priority: 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::PlainFormatter;

    fn article(id: &str, audience: Audience, surfaces: &[Surface]) -> ArticleSummary {
        ArticleSummary {
            id: id.into(),
            title: id.into(),
            summary: String::new(),
            audience,
            surfaces: surfaces.to_vec(),
            locale: "en".into(),
            updated: None,
        }
    }

    const CLOCK: Clock = Clock {
        now_unix_seconds: 1_795_000_000,
        utc_offset_minutes: 0,
    };

    #[test]
    fn without_rules_it_offers_articles_written_for_the_surface_and_audience() {
        let articles = [
            article("seller-fees", Audience::Seller, &[Surface::Onboarding]),
            article("checkout-fees", Audience::Buyer, &[Surface::Checkout]),
            article(
                "contact",
                Audience::All,
                &[Surface::Checkout, Surface::Onboarding],
            ),
        ];
        let context = Context {
            surface: Some(Surface::Checkout),
            ..Default::default()
        };
        let shown = suggestions(
            None,
            &articles,
            &context,
            &Map::new(),
            CLOCK,
            &PlainFormatter,
        );
        let ids: Vec<_> = shown
            .iter()
            .map(|s| match &s.item {
                SuggestedItem::Article(a) => a.id.as_str(),
                SuggestedItem::Action(_) => "action",
            })
            .collect();
        assert_eq!(ids, ["checkout-fees", "contact"]);
        assert_eq!(shown[0].reasons[0].text, "Written for buyers at checkout.");
        assert_eq!(shown[0].reasons[0].source, ReasonSource::Fallback);
    }

    #[test]
    fn no_surface_means_no_guess() {
        let articles = [article("a", Audience::All, &[Surface::Checkout])];
        let shown = suggestions(
            None,
            &articles,
            &Context::default(),
            &Map::new(),
            CLOCK,
            &PlainFormatter,
        );
        assert!(shown.is_empty());
    }

    #[test]
    fn audience_follows_role_then_surface() {
        let seller_at_order = Context {
            role: Some(Role::Seller),
            surface: Some(Surface::Order),
            ..Default::default()
        };
        assert_eq!(audience_of(&seller_at_order), Audience::Seller);
        let onboarding = Context {
            surface: Some(Surface::Onboarding),
            ..Default::default()
        };
        assert_eq!(audience_of(&onboarding), Audience::Seller);
        assert_eq!(audience_of(&Context::default()), Audience::All);
    }
}
