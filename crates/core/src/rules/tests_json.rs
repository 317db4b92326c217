//! Tests of [`RuleSet::from_json`], the form the widget reads; they need no TOML, so they run without the
//! `toml` feature. The TOML tests (`tests.rs`) check that both forms load the same rules.

use super::date::days_from_civil;
use super::*;
use crate::help::Audience;
use serde_json::json;

fn catalog(id: &str) -> Option<ArticleSummary> {
    Some(ArticleSummary {
        id: id.to_owned(),
        title: format!("Title of {id}"),
        summary: String::new(),
        audience: Audience::All,
        surfaces: Vec::new(),
        locale: "en".to_owned(),
        updated: None,
    })
}

fn run(set: &RuleSet, facts: Value) -> Vec<Suggestion> {
    let (context, warnings) = Context::from_json(facts.as_object().expect("an object"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let clock = Clock {
        // 2026-11-15 12:00 UTC.
        now_unix_seconds: days_from_civil(2026, 11, 15) * 86_400 + 12 * 3_600,
        utc_offset_minutes: 0,
    };
    set.suggest(&context, &Map::new(), &catalog, clock, &PlainFormatter)
}

fn rule(when: Value) -> Value {
    json!({"id": "x", "when": [when], "suggest": [{"article": "a"}], "reason": "r"})
}

fn error(file: Value) -> String {
    RuleSet::from_json(&file)
        .expect_err("the rules should not load")
        .to_string()
}

#[test]
fn from_json_reads_rules_and_fallbacks() {
    let set = RuleSet::from_json(&json!({
        "rule": [{
            "id": "late-delivery",
            "priority": 90,
            "when": [
                {"fact": "order.status", "in": ["placed", "shipped"]},
                {"fact": "order.promised_by", "days_since": {"gt": 0, "lte": 30}},
                {"fact": "order.amount", "gte": 100},
            ],
            "suggest": [
                {"article": "late-delivery"},
                {"action": "contact", "topic": "order-not-arrived"},
            ],
            "reason": "Order {order.id} was due on {order.promised_by|date}, {order.promised_by|days_since} days ago.",
        }],
        "fallback": [{"surface": "order", "role": "buyer", "articles": ["track-order"], "reason": "On your order."}],
    }))
    .unwrap_or_else(|error| panic!("{error}"));

    let late = json!({"surface": "order", "role": "buyer", "order": {
        "id": "A-1043", "status": "shipped", "promised_by": "2026-11-12", "amount": 129.5}});
    let list = run(&set, late);
    assert_eq!(list.len(), 2);
    assert!(
        matches!(&list[0].item, SuggestedItem::Article(article) if article.id == "late-delivery")
    );
    assert_eq!(
        list[1].item,
        SuggestedItem::Action(Action {
            kind: ActionKind::Contact,
            label: "Contact support".to_owned(),
            topic: Some("order-not-arrived".to_owned()),
            step: None,
        })
    );
    assert_eq!(list[0].priority, 90);
    assert_eq!(
        list[0].reasons[0].text,
        "Order A-1043 was due on 12 Nov 2026, 3 days ago."
    );

    let on_time = json!({"surface": "order", "role": "buyer", "order": {
        "id": "A-1043", "status": "shipped", "promised_by": "2026-11-20", "amount": 129.5}});
    let list = run(&set, on_time);
    assert!(
        matches!(&list[0].item, SuggestedItem::Article(article) if article.id == "track-order")
    );
    assert_eq!(list[0].reasons[0].source, ReasonSource::Fallback);
}

#[test]
fn an_empty_object_is_an_empty_rule_set() {
    for file in [json!({}), json!({"rule": [], "fallback": []})] {
        let set = RuleSet::from_json(&file).unwrap_or_else(|error| panic!("{error}"));
        assert!(set.article_ids().is_empty());
        assert!(run(&set, json!({"surface": "order"})).is_empty());
    }
}

#[test]
fn from_json_errors_name_the_rule_and_the_problem() {
    let ok = rule(json!({"fact": "surface", "equals": "order"}));
    let cases = [
        (
            json!([]),
            "rules file: expected a table (a JSON object) with optional `rule` and `fallback` lists",
        ),
        (
            json!({"rules": []}),
            "rules file: unknown key `rules` (expected rule, fallback)",
        ),
        (
            json!({"rule": {}}),
            "rules file: `rule` must be a list of tables (`[[rule]]`)",
        ),
        (
            json!({"fallback": "order"}),
            "rules file: `fallback` must be a list of tables (`[[fallback]]`)",
        ),
        (json!({"rule": [ok, 3]}), "rule #2: must be a table"),
        (json!({"fallback": [null]}), "fallback #1: must be a table"),
        (
            json!({"rule": [{"when": [], "priority": 1}]}),
            "rule #1: needs a non-empty string `id`",
        ),
        (
            json!({"rule": [ok, ok]}),
            "rule x: duplicate id: an earlier rule already uses it",
        ),
        (
            json!({"rule": [{"id": "x", "priority": 1.5, "when": [], "suggest": [], "reason": "r"}]}),
            "rule x: `priority` must be a whole number",
        ),
        // As in TOML, where `3.0` is a float: a priority is written as an integer.
        (
            json!({"rule": [{"id": "x", "priority": 3.0, "when": [], "suggest": [], "reason": "r"}]}),
            "rule x: `priority` must be a whole number",
        ),
        (
            json!({"rule": [{"id": "x", "when": [], "suggest": [{"article": "a"}], "reason": "r"}]}),
            "rule x: `when` must be a non-empty list",
        ),
        (
            json!({"rule": [{"id": "x", "when": [null], "suggest": [{"article": "a"}], "reason": "r"}]}),
            "rule x: each `when` entry must be a table",
        ),
        (
            json!({"rule": [rule(json!({"fact": "order.status", "equals": null}))]}),
            "rule x: `equals` on `order.status` expects a string, number or boolean",
        ),
        (
            json!({"rule": [rule(json!({"fact": "order.status", "in": ["shipped", {}]}))]}),
            "rule x: `in` on `order.status` expects a list of strings, numbers or booleans",
        ),
        (
            json!({"rule": [rule(json!({"fact": "order.amount", "gt": "500"}))]}),
            "rule x: `gt` on `order.amount` expects a number",
        ),
        (
            json!({"rule": [rule(json!({"fact": "order.promised_by", "days_since": 3}))]}),
            "rule x: `days_since` on `order.promised_by` expects a table like `{ gt = 0 }`",
        ),
        (
            json!({"rule": [rule(json!({"fact": "order.promised_by", "days_until": {"gt": 1.5}}))]}),
            "rule x: `days_until` on `order.promised_by` expects whole numbers of days",
        ),
        (
            json!({"rule": [rule(json!({"fact": "order.promised_by", "days_since": {"over": 1}}))]}),
            "rule x: `days_since` on `order.promised_by` has unknown comparison `over`",
        ),
        (
            json!({"rule": [rule(json!({"fact": "order.amount", "between": [1, 2]}))]}),
            "rule x: unknown operator `between` on `order.amount`",
        ),
        (
            json!({"rule": [{"id": "x", "when": [{"fact": "surface", "exists": true}],
                              "suggest": [{"action": "contact", "topic": 7}], "reason": "r"}]}),
            "rule x: `topic` must be a non-empty string",
        ),
        (
            json!({"fallback": [{"surface": "order", "role": "admin", "articles": ["a"], "reason": "r"}]}),
            "fallback #1: `role` must be `buyer` or `seller`",
        ),
    ];
    for (file, expected) in cases {
        let message = error(file);
        assert!(
            message.starts_with(expected),
            "expected `{expected}…`, got `{message}`"
        );
    }
}

/// A rule and a fallback with Spanish texts, in the JSON form.
fn localized() -> Value {
    json!({
        "rule": [{
            "id": "late",
            "when": [{"fact": "order.promised_by", "days_since": {"gt": 0}}],
            "suggest": [
                {"article": "late-delivery"},
                {"action": "contact", "topic": "late",
                 "label": {"en": "Report a late order", "es": "Avisar de un retraso"}},
            ],
            "reason": {
                "en": "Order {order.id} is {order.promised_by|days_since} days late.",
                "es": "El pedido {order.id} lleva {order.promised_by|days_since} días de retraso.",
            },
        }],
        "fallback": [{"surface": "order", "articles": ["track-order"],
                      "reason": {"en": "On order pages.", "es": "En las páginas de pedidos."}}],
    })
}

/// The texts `suggest::suggestions` gives for `facts` (the widget and the desk call it through `suggested`).
fn texts(set: &RuleSet, facts: Value) -> Vec<String> {
    let (context, warnings) = Context::from_json(facts.as_object().expect("an object"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let articles: Vec<ArticleSummary> = ["late-delivery", "track-order"]
        .into_iter()
        .filter_map(catalog)
        .collect();
    let clock = Clock {
        now_unix_seconds: days_from_civil(2026, 11, 15) * 86_400,
        utc_offset_minutes: 0,
    };
    let list = crate::suggest::suggestions(
        Some(set),
        &articles,
        &context,
        &Map::new(),
        clock,
        &PlainFormatter,
    );
    list.iter()
        .map(|suggestion| match &suggestion.item {
            SuggestedItem::Action(action) => action.label.clone(),
            SuggestedItem::Article(_) => suggestion.reasons[0].text.clone(),
        })
        .collect()
}

#[test]
fn from_json_reads_translations_and_picks_the_users_language() {
    let set = RuleSet::from_json(&localized()).unwrap_or_else(|error| panic!("{error}"));
    let late = |locale: &str| json!({"surface": "order", "locale": locale, "order": {"id": "A-1", "promised_by": "2026-11-12"}});
    assert_eq!(
        texts(&set, late("es-MX")),
        [
            "El pedido A-1 lleva 3 días de retraso.",
            "Avisar de un retraso"
        ]
    );
    for unknown in ["fr", "zh-Hant-TW", "en-US"] {
        assert_eq!(
            texts(&set, late(unknown)),
            ["Order A-1 is 3 days late.", "Report a late order"],
            "{unknown}"
        );
    }
    assert_eq!(
        texts(&set, json!({"surface": "order", "locale": "es"})),
        ["En las páginas de pedidos."]
    );
    assert_eq!(
        texts(&set, json!({"surface": "order"})),
        ["On order pages."]
    );
}

#[test]
fn a_reworded_rule_gives_its_new_reason_in_the_users_language() {
    let mut set = RuleSet::from_json(&localized()).unwrap_or_else(|error| panic!("{error}"));
    let late = |locale: &str| json!({"surface": "order", "locale": locale, "order": {"id": "A-1", "promised_by": "2026-11-12"}});
    let wording = json!({
        "en": "{order.id} should have arrived {order.promised_by|days_since} days ago.",
        "es": "{order.id} debió llegar hace {order.promised_by|days_since} días.",
    });
    assert_eq!(set.reason_wording_problem("late", &wording), None);
    assert!(set.reword("late", &wording));
    assert_eq!(
        texts(&set, late("en"))[0],
        "A-1 should have arrived 3 days ago."
    );
    assert_eq!(texts(&set, late("es"))[0], "A-1 debió llegar hace 3 días.");

    let unsound = json!("Late.");
    assert_eq!(
        set.reason_wording_problem("late", &unsound).as_deref(),
        Some(
            "`reason.en` must use the same placeholders as the rule's own `reason.en`: missing `{order.id}`, `{order.promised_by|days_since}`"
        )
    );
    assert!(
        !set.reword("late", &unsound),
        "refused, the reason unchanged"
    );
    assert!(!set.reword("nope", &wording));
    assert_eq!(
        texts(&set, late("en"))[0],
        "A-1 should have arrived 3 days ago."
    );
}

#[test]
fn from_json_rejects_translations_that_change_placeholders_or_lack_english() {
    let with = |pointer: &str, value: Value| {
        let mut file = localized();
        *file.pointer_mut(pointer).expect("a path in the fixture") = value;
        error(file)
    };
    assert_eq!(
        with(
            "/rule/0/reason/es",
            json!("El pedido {order.id} va con retraso.")
        ),
        "rule late: `reason.es` must use the same placeholders as `reason.en`: missing `{order.promised_by|days_since}`"
    );
    assert_eq!(
        with(
            "/rule/0/reason/es",
            json!(
                "El pedido {order.id} ({order.amount|amount}) lleva {order.promised_by|days_since} días."
            )
        ),
        "rule late: `reason.es` must use the same placeholders as `reason.en`: extra `{order.amount|amount}`"
    );
    assert_eq!(
        with("/rule/0/reason", json!({"es": "El pedido {order.id}."})),
        "rule late: `reason` has no `en`: the English text is required, for users whose language it lacks"
    );
    assert_eq!(
        with("/rule/0/suggest/1/label", json!({"es": "Avisar"})),
        "rule late: `label` has no `en`: the English text is required, for users whose language it lacks"
    );
    assert_eq!(
        with("/fallback/0/reason/es", json!("En el pedido {order.id}.")),
        "fallback #1: `reason.es` must use the same placeholders as `reason.en`: extra `{order.id}`"
    );
    let mut region = localized();
    region["rule"][0]["reason"]["pt-BR"] = json!("r");
    assert_eq!(
        error(region),
        "rule late: `reason` has a text for `pt-BR`: translations are keyed by lowercase language (`es`, `pt`), without a region"
    );
}

// ── Flows ──────────────────────────────────────────────────────────────────

/// Two rules suggesting flows beside an article; `gone` is a flow the content lacks.
fn with_flows() -> Value {
    json!({
        "rule": [
            {
                "id": "late",
                "priority": 90,
                "when": [{"fact": "order.promised_by", "days_since": {"gt": 0}}],
                "suggest": [{"flow": "where-is-my-order"}, {"article": "late-delivery"}, {"flow": "gone"}],
                "reason": {"en": "Order {order.id} is late.", "es": "El pedido {order.id} va con retraso."},
            },
            {
                "id": "shipped",
                "priority": 30,
                "when": [{"fact": "order.status", "equals": "shipped"}],
                "suggest": [{"flow": "return-or-refund"}, {"flow": "where-is-my-order"}],
                "reason": "Order {order.id} is on its way.",
            },
        ],
    })
}

fn flow_catalog(id: &str) -> Option<crate::flows::FlowSummary> {
    (id != "gone").then(|| crate::flows::FlowSummary {
        id: id.to_owned(),
        version: 2,
        title: format!("Title of {id}"),
    })
}

fn flows_for(set: &RuleSet, facts: Value) -> Vec<FlowSuggestion> {
    let (context, warnings) = Context::from_json(facts.as_object().expect("an object"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let clock = Clock {
        now_unix_seconds: days_from_civil(2026, 11, 15) * 86_400,
        utc_offset_minutes: 0,
    };
    set.suggest_flows(&context, &Map::new(), &flow_catalog, clock, &PlainFormatter)
}

#[test]
fn rules_suggest_flows_with_the_reasons_of_every_rule_that_chose_them() {
    let set = RuleSet::from_json(&with_flows()).unwrap_or_else(|error| panic!("{error}"));
    let late_and_shipped = json!({"locale": "es", "order": {"id": "A-1", "status": "shipped", "promised_by": "2026-11-12"}});
    let flows = flows_for(&set, late_and_shipped.clone());
    let summary: Vec<(&str, i32, Vec<&str>)> = flows
        .iter()
        .map(|suggestion| {
            let reasons = suggestion.reasons.iter().map(|r| r.text.as_str()).collect();
            (suggestion.flow.id.as_str(), suggestion.priority, reasons)
        })
        .collect();
    // Best rule first; a flow two rules chose appears once with both reasons; the unknown flow is skipped.
    assert_eq!(
        summary,
        [
            (
                "where-is-my-order",
                90,
                vec!["El pedido A-1 va con retraso.", "Order A-1 is on its way."]
            ),
            ("return-or-refund", 30, vec!["Order A-1 is on its way."]),
        ]
    );
    assert_eq!(flows[0].flow.title, "Title of where-is-my-order");
    assert_eq!(flows[0].reasons[0].rule_id.as_deref(), Some("late"));
    assert_eq!(flows[0].reasons[0].facts[0].path, "order.promised_by");

    // Flows are not items of the suggestion list: the article is, alone.
    let list = run(&set, late_and_shipped);
    assert_eq!(list.len(), 1);
    assert!(matches!(&list[0].item, SuggestedItem::Article(a) if a.id == "late-delivery"));

    assert!(flows_for(&set, json!({"order": {"status": "delivered"}})).is_empty());
}

#[test]
fn the_desk_can_list_and_check_the_flows_rules_suggest() {
    let set = RuleSet::from_json(&with_flows()).unwrap_or_else(|error| panic!("{error}"));
    let ids: Vec<String> = set.flow_ids().into_iter().collect();
    assert_eq!(ids, ["gone", "return-or-refund", "where-is-my-order"]);
    assert_eq!(
        set.unknown_flows(&|id| flow_catalog(id).is_some()),
        [UnknownFlow {
            rule: "late".into(),
            flow: "gone".into()
        }]
    );
    assert_eq!(
        set.unknown_flows(&|id| flow_catalog(id).is_some())[0].to_string(),
        "rule late suggests unknown flow `gone`"
    );
    let articles: Vec<String> = set.article_ids().into_iter().collect();
    assert_eq!(articles, ["late-delivery"]);
}

#[test]
fn a_flow_entry_is_checked_like_an_article_entry() {
    let with_item = |item: Value| json!({"rule": [{"id": "x", "when": [{"fact": "surface", "exists": true}], "suggest": [item], "reason": "r"}]});
    assert_eq!(
        error(with_item(json!({"flow": ""}))),
        "rule x: `flow` must be a non-empty string"
    );
    assert_eq!(
        error(with_item(json!({"flow": "a", "label": "A"}))),
        "rule x: unknown key `label` (expected flow)"
    );
    assert_eq!(
        error(with_item(json!({"topic": "a"}))),
        "rule x: a `suggest` entry needs `article`, `flow` or `action`"
    );
}

#[test]
fn a_flow_suggestion_travels_as_json() {
    let set = RuleSet::from_json(&with_flows()).unwrap_or_else(|error| panic!("{error}"));
    let flows = flows_for(&set, json!({"order": {"id": "A-1", "status": "shipped"}}));
    let wire = serde_json::to_value(&flows[0]).unwrap();
    assert_eq!(
        wire["flow"],
        json!({"id": "return-or-refund", "version": 2, "title": "Title of return-or-refund"})
    );
    assert_eq!(wire["priority"], json!(30));
    assert_eq!(wire["reasons"][0]["source"], json!("rule"));
    let back: FlowSuggestion = serde_json::from_value(wire).unwrap();
    assert_eq!(back, flows[0]);
}
