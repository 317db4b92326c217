//! What the fuzz targets share: a fixed clock, refusals that must say why, the invariants of any suggestion
//! list, and walking a flow that passed its checks with replies taken from the input.

use serde_json::{Map, Value};
use signpost_core::context::Context;
use signpost_core::flows::{Flow, FlowSummary, Reply, Situation, WalkState};
use signpost_core::help::{ArticleSummary, Audience};
use signpost_core::rules::{
    Clock, MAX_SUGGESTIONS, PlainFormatter, ReasonSource, RuleSet, SuggestedItem,
};

/// The moment every target evaluates at: 2026-11-12T12:00:00Z, as in the core's status tests.
pub const NOW: i64 = 1_794_484_800;

/// [`NOW`] for the rules, in Berlin's winter offset.
pub const CLOCK: Clock = Clock {
    now_unix_seconds: NOW,
    utc_offset_minutes: 60,
};

/// A refusal must say what is wrong: its message is not blank.
pub fn explained(error: &impl std::fmt::Display) {
    let message = error.to_string();
    assert!(!message.trim().is_empty(), "a refusal without a message");
}

/// Walks `flow` with replies read from the bytes of `data`, in a few situations, and checks what any walk
/// promises: replies used one at a time, and progress within its bound.
pub fn walk_every_way(flow: &Flow, data: &[u8]) {
    let replies: Vec<Reply> = data
        .iter()
        .map(|byte| match byte % 8 {
            0 => Reply::NotSolved,
            1 => Reply::Solved,
            2 => Reply::TalkToPerson,
            3 => Reply::Leave,
            choice => Reply::Choose {
                choice: usize::from(choice - 4),
            },
        })
        .collect();
    let context = Context::default();
    let extra = Map::new();
    let situation = Situation {
        context: &context,
        extra_facts: &extra,
        clock: Clock {
            now_unix_seconds: 1_800_000_000,
            utc_offset_minutes: 0,
        },
    };
    for end in 0..=replies.len().min(16) {
        let walk = flow.walk(&situation, &replies[..end], &PlainFormatter);
        assert!(walk.replies_used <= end);
        if let WalkState::At(step) = &walk.state {
            assert!(1 <= step.number && step.number <= step.of_up_to);
            assert!(step.of_up_to <= flow.longest_path());
        }
    }
}

/// Runs `rules` on `context` (with the extra fact `incidents.active` as given) against a catalog that has every
/// article and one that has none, and checks what any suggestion list promises: at most [`MAX_SUGGESTIONS`]
/// items, each listed once with at least one reason and no reason twice; the best priority first; a rule's
/// reason names its rule, a fallback's none, and fallback items only when no rule's item is listed; articles
/// only ones the rules name and the catalog has. Flows likewise: each once, with a rule's reasons.
pub fn check_suggestions(rules: &RuleSet, context: &Context, active_incidents: &[&str]) {
    let mut extra = Map::new();
    let active = active_incidents.iter().map(|id| Value::from(*id)).collect();
    extra.insert("incidents.active".into(), Value::Array(active));
    let named = rules.article_ids();
    let every = |id: &str| {
        Some(ArticleSummary {
            id: id.to_owned(),
            title: id.to_owned(),
            summary: String::new(),
            audience: Audience::default(),
            surfaces: Vec::new(),
            locale: "en".into(),
            updated: None,
        })
    };
    let none = |_: &str| -> Option<ArticleSummary> { None };
    for (catalog, has_articles) in [
        (&every as &dyn Fn(&str) -> Option<ArticleSummary>, true),
        (&none, false),
    ] {
        let list = rules.suggest(context, &extra, catalog, CLOCK, &PlainFormatter);
        assert!(list.len() <= MAX_SUGGESTIONS, "{} items", list.len());
        for (index, suggestion) in list.iter().enumerate() {
            assert!(!suggestion.reasons.is_empty(), "an item without a reason");
            for (other, reason) in suggestion.reasons.iter().enumerate() {
                assert!(
                    !suggestion.reasons[..other].contains(reason),
                    "a reason twice"
                );
                match reason.source {
                    ReasonSource::Rule => assert!(reason.rule_id.is_some()),
                    ReasonSource::Fallback => {
                        assert!(reason.rule_id.is_none());
                        assert_eq!(suggestion.priority, 0);
                    }
                    other => panic!("a {other:?} reason from the rules"),
                }
            }
            let same = |listed: &SuggestedItem| match (listed, &suggestion.item) {
                (SuggestedItem::Article(a), SuggestedItem::Article(b)) => a.id == b.id,
                (SuggestedItem::Action(a), SuggestedItem::Action(b)) => {
                    (a.kind, &a.topic, &a.step) == (b.kind, &b.topic, &b.step)
                }
                _ => false,
            };
            assert!(
                !list[..index].iter().any(|earlier| same(&earlier.item)),
                "an item twice"
            );
            if index > 0 {
                assert!(
                    list[index - 1].priority >= suggestion.priority,
                    "not best first"
                );
            }
            if let SuggestedItem::Article(article) = &suggestion.item {
                assert!(
                    has_articles && named.contains(&article.id),
                    "{}",
                    article.id
                );
            }
        }
        let from_fallback = |suggestion: &signpost_core::rules::Suggestion| {
            suggestion.reasons[0].source == ReasonSource::Fallback
        };
        assert!(
            list.iter().all(from_fallback) || !list.iter().any(from_fallback),
            "fallback items beside rule items"
        );
    }
    let flow = |id: &str| {
        Some(FlowSummary {
            id: id.to_owned(),
            version: 1,
            title: id.to_owned(),
        })
    };
    let flows = rules.suggest_flows(context, &extra, &flow, CLOCK, &PlainFormatter);
    for (index, suggestion) in flows.iter().enumerate() {
        assert!(!suggestion.reasons.is_empty());
        assert!(
            flows[..index]
                .iter()
                .all(|earlier| earlier.flow.id != suggestion.flow.id)
        );
        assert!(
            suggestion
                .reasons
                .iter()
                .all(|reason| reason.source == ReasonSource::Rule)
        );
    }
}
