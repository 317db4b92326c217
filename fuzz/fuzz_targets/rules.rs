//! A content folder's `rules.toml`: any text, read as the desk reads it. Checking must never panic; a refusal
//! says why; a rules file that loads reads the same from the JSON the widget receives, names no unknown
//! article when every article is known, and run on a few real situations keeps every promise of a suggestion
//! list.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use signpost_core::context::Context;
use signpost_core::rules::RuleSet;
use signpost_fuzz::{check_suggestions, explained};
use std::sync::LazyLock;

/// Situations the shipped rules cover: a failed payment at checkout, a late order, a blocked seller, and a
/// page that says nothing.
static SITUATIONS: LazyLock<Vec<Context>> = LazyLock::new(|| {
    [
        r#"{"surface": "checkout", "role": "buyer", "locale": "es-MX",
            "order": {"id": "A-1043", "payment_status": "failed", "amount": 649, "currency": "EUR"}}"#,
        r#"{"surface": "order", "role": "buyer", "locale": "en-GB",
            "order": {"id": "A-1043", "status": "shipped", "placed_at": "2026-11-01",
                      "promised_by": "2026-11-09T18:00:00+01:00", "shipped_at": "2026-11-03"}}"#,
        r#"{"surface": "onboarding", "role": "seller", "locale": "ar",
            "onboarding": {"step": "identity_verification", "completed": ["account"],
                           "blockers": ["payouts_blocked", "document_rejected"]},
            "custom": {"plan": "pro", "cohort": 3}}"#,
        "{}",
    ]
    .iter()
    .map(|json| {
        let object = serde_json::from_str::<Value>(json).expect("JSON");
        Context::from_json(object.as_object().expect("an object")).0
    })
    .collect()
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = match RuleSet::from_toml(text) {
        Ok(rules) => rules,
        Err(problem) => return explained(&problem),
    };
    // The widget receives the rules as JSON text.
    let json = RuleSet::toml_to_json(text).expect("the TOML was read");
    let sent = serde_json::to_string(&json).expect("JSON serialises");
    let received: Value = serde_json::from_str(&sent).expect("JSON reads back");
    assert_eq!(RuleSet::from_json(&received).as_ref(), Ok(&rules), "{sent}");
    assert_eq!(rules.validate(&|_| true), Vec::<String>::new());
    assert_eq!(
        rules.validate(&|_| false).is_empty(),
        rules.article_ids().is_empty()
    );
    for context in SITUATIONS.iter() {
        check_suggestions(&rules, context, &[]);
        check_suggestions(&rules, context, &["payments"]);
    }
});
