//! The desk's suggestions (`POST /v1/suggestions`), asked for while the rules engine's chunk loads. The answer
//! is read from JSON by hand: serde's derived readers of its types would add about 6 KB to the main module,
//! which is what moving the engine out of it is for.

use crate::api::Api;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde_json::{Map, Value, json};
use signpost_core::flows::FlowSummary;
use signpost_core::help::{ArticleSummary, Audience};
use signpost_core::rules::{
    Action, Clock, FactUsed, FlowSuggestion, Reason, SuggestedItem, Suggestion,
};
use signpost_core::suggest::Suggested;

/// Asks the desk for the help items and flows of `context` (as `Context::from_json` reads it), with the facts
/// from beyond the page and the user's clock.
pub async fn ask(
    api: &Api,
    context: Map<String, Value>,
    extra_facts: Map<String, Value>,
    clock: Clock,
) -> Result<Suggested, String> {
    let request = json!({
        "context": context,
        "extra_facts": extra_facts,
        "clock": {
            "now_unix_seconds": clock.now_unix_seconds,
            "utc_offset_minutes": clock.utc_offset_minutes,
        },
    });
    let answer = api
        .post_json("/v1/suggestions", &request)
        .await
        .map_err(|err| err.to_string())?;
    read(&answer).ok_or_else(|| "the desk's suggestions are not readable".to_owned())
}

/// A `SuggestionsResponse`; `None` if anything in it is not as the desk writes it.
fn read(answer: &Value) -> Option<Suggested> {
    Some(Suggested {
        items: list(answer.get("suggestions")?, suggestion)?,
        flows: match answer.get("flows") {
            Some(flows) => list(flows, flow)?,
            None => vec![],
        },
    })
}

fn list<T>(value: &Value, each: fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    value.as_array()?.iter().map(each).collect()
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_owned)
}

/// An optional text field: absent or null is `None`, anything but text is unreadable.
fn optional_text(value: &Value, key: &str) -> Option<Option<String>> {
    match value.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(other) => other.as_str().map(|s| Some(s.to_owned())),
    }
}

/// A unit enum by its wire name (`"rule"`, `"buyer"`, `"contact"`), read by its own serde code through serde's
/// smallest deserializer, a string's.
fn name<T: DeserializeOwned>(value: &Value) -> Option<T> {
    let name: &str = value.as_str()?;
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(name)).ok()
}

fn named<T: DeserializeOwned>(value: &Value, key: &str) -> Option<T> {
    name(value.get(key)?)
}

fn priority(value: &Value) -> Option<i32> {
    i32::try_from(value.get("priority")?.as_i64()?).ok()
}

fn suggestion(value: &Value) -> Option<Suggestion> {
    let fields = value.get("item")?;
    let item = match fields.get("kind")?.as_str()? {
        "article" => SuggestedItem::Article(ArticleSummary {
            id: text(fields, "id")?,
            title: text(fields, "title")?,
            summary: optional_text(fields, "summary")?.unwrap_or_default(),
            audience: match fields.get("audience") {
                Some(_) => named(fields, "audience")?,
                None => Audience::default(),
            },
            surfaces: match fields.get("surfaces") {
                Some(surfaces) => list(surfaces, name)?,
                None => vec![],
            },
            locale: text(fields, "locale")?,
            updated: optional_text(fields, "updated")?,
        }),
        "action" => SuggestedItem::Action(Action {
            kind: named(fields, "action")?,
            label: text(fields, "label")?,
            topic: optional_text(fields, "topic")?,
            step: optional_text(fields, "step")?,
        }),
        _ => return None,
    };
    Some(Suggestion {
        item,
        reasons: list(value.get("reasons")?, reason)?,
        priority: priority(value)?,
    })
}

fn flow(value: &Value) -> Option<FlowSuggestion> {
    let fields = value.get("flow")?;
    Some(FlowSuggestion {
        flow: FlowSummary {
            id: text(fields, "id")?,
            version: u32::try_from(fields.get("version")?.as_u64()?).ok()?,
            title: text(fields, "title")?,
        },
        reasons: list(value.get("reasons")?, reason)?,
        priority: priority(value)?,
    })
}

fn reason(value: &Value) -> Option<Reason> {
    Some(Reason {
        source: named(value, "source")?,
        rule_id: optional_text(value, "rule_id")?,
        text: text(value, "text")?,
        facts: list(value.get("facts")?, |fact| {
            Some(FactUsed {
                path: text(fact, "path")?,
                value: fact.get("value")?.clone(),
                shown: text(fact, "shown")?,
            })
        })?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::embed::Surface;
    use signpost_core::rules::{ActionKind, ReasonSource};
    use signpost_core::suggest::SuggestionsResponse;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn reason(source: ReasonSource, rule: Option<&str>) -> Reason {
        Reason {
            source,
            rule_id: rule.map(Into::into),
            text: "Order A-1043 was due on 12 Nov 2026.".into(),
            facts: vec![FactUsed {
                path: "order.promised_by".into(),
                value: json!("2026-11-12"),
                shown: "12 Nov 2026".into(),
            }],
        }
    }

    /// Every field the desk can write, each kind of item, with and without the optional ones.
    fn answer() -> SuggestionsResponse {
        let article = |updated: Option<&str>, surfaces: Vec<Surface>| ArticleSummary {
            id: "late-delivery".into(),
            title: "My order is late".into(),
            summary: if surfaces.is_empty() {
                String::new()
            } else {
                "What to do.".into()
            },
            audience: if surfaces.is_empty() {
                Audience::All
            } else {
                Audience::Buyer
            },
            surfaces,
            locale: "es".into(),
            updated: updated.map(Into::into),
        };
        let action = |kind, topic: Option<&str>, step: Option<&str>| Action {
            kind,
            label: "Report a late order".into(),
            topic: topic.map(Into::into),
            step: step.map(Into::into),
        };
        let items = [
            SuggestedItem::Article(article(
                Some("2026-11-01"),
                vec![Surface::Order, Surface::Checkout],
            )),
            SuggestedItem::Article(article(None, vec![])),
            SuggestedItem::Action(action(ActionKind::Contact, Some("order-not-arrived"), None)),
            SuggestedItem::Action(action(
                ActionKind::OnboardingStep,
                None,
                Some("payout_account"),
            )),
            SuggestedItem::Action(action(ActionKind::Status, None, None)),
        ];
        SuggestionsResponse {
            suggestions: items
                .into_iter()
                .enumerate()
                .map(|(i, item)| Suggestion {
                    item,
                    reasons: vec![
                        reason(ReasonSource::Rule, Some("late-delivery")),
                        reason(ReasonSource::Fallback, None),
                    ],
                    priority: 90 - i as i32,
                })
                .collect(),
            flows: vec![FlowSuggestion {
                flow: FlowSummary {
                    id: "where-is-my-order".into(),
                    version: 3,
                    title: "¿Dónde está mi pedido?".into(),
                },
                reasons: vec![reason(ReasonSource::Incident, None)],
                priority: 90,
            }],
            warnings: vec!["order.amount: not a number".into()],
        }
    }

    #[test]
    fn reads_everything_the_desk_writes() {
        let sent = answer();
        let read = read(&serde_json::to_value(&sent).unwrap()).expect("readable");
        assert_eq!(read.items, sent.suggestions);
        assert_eq!(read.flows, sent.flows);
    }

    #[test]
    fn an_answer_without_flows_has_none() {
        let mut sent = answer();
        sent.flows.clear();
        let wire = serde_json::to_value(&sent).unwrap();
        assert!(
            wire.get("flows").is_none(),
            "the desk leaves an empty list out"
        );
        assert_eq!(read(&wire).expect("readable").flows, vec![]);
    }

    #[test]
    fn anything_not_as_the_desk_writes_it_is_unreadable() {
        let wire = serde_json::to_value(answer()).unwrap();
        let spoiled = |path: &str, value: Value| {
            let mut wire = wire.clone();
            *wire.pointer_mut(path).unwrap() = value;
            read(&wire)
        };
        assert!(spoiled("/suggestions/0/item/kind", json!("video")).is_none());
        assert!(spoiled("/suggestions/2/item/action", json!("dance")).is_none());
        assert!(spoiled("/suggestions/0/reasons/0/source", json!(7)).is_none());
        assert!(spoiled("/suggestions/0/priority", json!("high")).is_none());
        assert!(spoiled("/flows/0/flow/version", json!(-1)).is_none());
        assert!(spoiled("/suggestions", json!({})).is_none());
    }
}
