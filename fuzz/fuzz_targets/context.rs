//! The context a host page sets (`Signpost('setContext', {...})`): any JSON. Reading it must never panic; a
//! wrong value is dropped with a warning naming a known field; what was read, written back, reads the same
//! with no warning; a `setContext` patch sets and removes keys as documented; and the shipped rules run on it
//! keep every promise of a suggestion list.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use signpost_core::context::{Context, merge_patch};
use signpost_core::rules::RuleSet;
use signpost_fuzz::check_suggestions;
use std::sync::LazyLock;

/// The fields a warning may name.
const FIELDS: [&str; 18] = [
    "surface",
    "page",
    "page.url",
    "page.title",
    "locale",
    "role",
    "order",
    "order.id",
    "order.status",
    "order.placed_at",
    "order.promised_by",
    "order.shipped_at",
    "order.delivered_at",
    "order.payment_status",
    "order.amount",
    "order.currency",
    "onboarding",
    "custom",
];
const ONBOARDING_FIELDS: [&str; 3] = [
    "onboarding.step",
    "onboarding.completed",
    "onboarding.blockers",
];

static SHIPPED_RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    RuleSet::from_toml(include_str!("../../content/rules.toml")).expect("the shipped rules load")
});

fuzz_target!(|data: &[u8]| {
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let (context, warnings) = Context::from_json(&object);
    for warning in &warnings {
        let field = warning.field.as_str();
        assert!(
            FIELDS.contains(&field) || ONBOARDING_FIELDS.contains(&field),
            "{warning}"
        );
        assert!(warning.message.starts_with("expected "), "{warning}");
    }

    let Value::Object(written) = serde_json::to_value(&context).expect("a context serialises")
    else {
        panic!("a context is written as an object");
    };
    assert_eq!(Context::from_json(&written), (context.clone(), Vec::new()));

    // The input as a patch on a stored context.
    let mut stored: Map<String, Value> = written;
    merge_patch(&mut stored, object.clone());
    for (key, value) in &object {
        match value {
            Value::Null => assert!(!stored.contains_key(key)),
            value => assert_eq!(stored.get(key), Some(value)),
        }
    }

    check_suggestions(&SHIPPED_RULES, &context, &[]);
    check_suggestions(&SHIPPED_RULES, &context, &["payments", "orders"]);
});
