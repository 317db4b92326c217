//! Properties of the rules engine over generated rule sets and situations: every generated rule set loads and
//! runs without panicking; a rule fires only when all its conditions hold, and one whose reason cites no fact
//! fires whenever they do; rules fire best priority first, file order on ties; the list holds each item once
//! with each reason once, best first, at most [`MAX_SUGGESTIONS`], and fallback items only alone; a copy of a
//! rule added at the end changes no item, only adds its reason where the rule's is; the file order of rules of
//! different priorities changes nothing; and no JSON at all makes the loader panic.

use super::date::{LocalCalendar, days_from_civil};
use super::facts::Facts;
use super::*;
use crate::help::Audience;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::json;

/// 2026-11-15 12:00 UTC.
fn now() -> i64 {
    days_from_civil(2026, 11, 15) * 86_400 + 12 * 3_600
}

fn catalog(id: &str) -> Option<ArticleSummary> {
    Some(ArticleSummary {
        id: id.to_owned(),
        title: id.to_owned(),
        summary: String::new(),
        audience: Audience::All,
        surfaces: Vec::new(),
        locale: "en".to_owned(),
        updated: None,
    })
}

/// A value a condition may compare with, or a fact may hold.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        select(
            &[
                "placed",
                "shipped",
                "delivered",
                "failed",
                "paid",
                "pro",
                ""
            ][..]
        )
        .prop_map(Value::from),
        (-2i64..1_000).prop_map(Value::from),
        select(&[0.5, 499.99, 500.0, 1e12][..]).prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
    ]
}

/// A `when` entry that loads: each operator on facts it suits, and on some it does not.
fn condition() -> impl Strategy<Value = Value> {
    let text_facts = &[
        "order.status",
        "order.payment_status",
        "locale",
        "custom.plan",
        "order.id",
    ][..];
    let any_facts = &[
        "order",
        "order.id",
        "order.amount",
        "page.url",
        "onboarding.step",
        "custom.plan",
        "incidents.active",
    ][..];
    let dates = &[
        "order.promised_by",
        "order.placed_at",
        "order.delivered_at",
        "custom.plan",
    ][..];
    let lists = &[
        "onboarding.blockers",
        "onboarding.completed",
        "incidents.active",
        "order.status",
    ][..];
    let bounds = &["gt", "gte", "lt", "lte"][..];
    let comparisons = &["gt", "gte", "lt", "lte", "equals"][..];
    prop_oneof![
        select(&["checkout", "order", "onboarding", "other"][..])
            .prop_map(|surface| json!({"fact": "surface", "equals": surface})),
        vec(select(&["buyer", "seller"][..]), 1..3)
            .prop_map(|roles| json!({"fact": "role", "in": roles})),
        (select(text_facts), scalar())
            .prop_map(|(fact, value)| json!({"fact": fact, "equals": value})),
        (select(text_facts), vec(scalar(), 1..4))
            .prop_map(|(fact, list)| json!({"fact": fact, "in": list})),
        (select(any_facts), any::<bool>())
            .prop_map(|(fact, exists)| json!({"fact": fact, "exists": exists})),
        (select(bounds), -10i64..1_000)
            .prop_map(|(bound, number)| json!({"fact": "order.amount", bound: number})),
        (select(dates), any::<bool>(), select(comparisons), -4i64..5).prop_map(
            |(fact, since, comparison, days)| {
                let operator = if since { "days_since" } else { "days_until" };
                json!({"fact": fact, operator: {comparison: days}})
            }
        ),
        (
            select(lists),
            select(
                &[
                    "payouts_blocked",
                    "document_rejected",
                    "payments",
                    "account"
                ][..]
            )
        )
            .prop_map(|(fact, value)| json!({"fact": fact, "contains": value})),
    ]
}

/// A `suggest` entry from a small pool, so rules share items.
fn item() -> impl Strategy<Value = Value> {
    prop_oneof![
        select(&["a1", "a2", "a3", "a4"][..]).prop_map(|id| json!({"article": id})),
        select(&["f1", "f2"][..]).prop_map(|id| json!({"flow": id})),
        (select(&["t1", "t2"][..]), any::<bool>()).prop_map(|(topic, labelled)| match labelled {
            true => json!({"action": "contact", "topic": topic, "label": {"en": "Ask", "es": "Preguntar"}}),
            false => json!({"action": "contact", "topic": topic}),
        }),
        Just(json!({"action": "status", "label": "Status"})),
        Just(json!({"action": "onboarding_step", "step": "payout_account", "label": "Go on"})),
    ]
}

/// Reason templates: without placeholders, and citing facts that may be missing or unreadable.
const REASONS: [&str; 5] = [
    "Plain words, {{in braces}}.",
    "Order {order.id} is {order.status}.",
    "Due on {order.promised_by|date}, {order.promised_by|days_since} days ago.",
    "On plan {custom.plan}, for {order.amount|amount}.",
    "Stuck at {onboarding.step|words}.",
];

fn reason() -> impl Strategy<Value = Value> {
    (0..REASONS.len(), any::<bool>()).prop_map(|(index, translated)| match translated {
        true => json!({"en": REASONS[index], "es": format!("ES {}", REASONS[index])}),
        false => json!(REASONS[index]),
    })
}

/// A rule without its id: priority, conditions, items and reason. Priorities are few, so they tie.
fn rule_body() -> impl Strategy<Value = (i32, Value, Value, Value)> {
    (
        -2i32..3,
        vec(condition(), 1..4),
        vec(item(), 1..4),
        reason(),
    )
        .prop_map(|(priority, when, suggest, reason)| {
            (priority, json!(when), json!(suggest), reason)
        })
}

fn rule_json(id: &str, (priority, when, suggest, reason): &(i32, Value, Value, Value)) -> Value {
    json!({"id": id, "priority": priority, "when": when, "suggest": suggest, "reason": reason})
}

fn fallback() -> impl Strategy<Value = Value> {
    (
        select(&["checkout", "order", "onboarding", "other"][..]),
        option::of(select(&["buyer", "seller"][..])),
        vec(select(&["a1", "a5", "a6"][..]), 1..3),
        reason(),
    )
        .prop_map(|(surface, role, articles, reason)| {
            let mut fallback = json!({"surface": surface, "articles": articles, "reason": reason});
            if let Some(role) = role {
                fallback["role"] = json!(role);
            }
            fallback
        })
}

/// A rules file that loads: up to 6 rules and 3 fallbacks.
fn rules_file() -> impl Strategy<Value = Value> {
    (vec(rule_body(), 0..7), vec(fallback(), 0..4)).prop_map(|(rules, fallbacks)| {
        let rules: Vec<Value> = rules
            .iter()
            .enumerate()
            .map(|(index, body)| rule_json(&format!("r{index}"), body))
            .collect();
        json!({"rule": rules, "fallback": fallbacks})
    })
}

/// A situation: the context as a page sets it, and the active incidents.
fn situation() -> impl Strategy<Value = (Context, Map<String, Value>, i32)> {
    let order = (
        option::of(select(&["A-1043", ""][..])),
        option::of(select(&["placed", "shipped", "delivered"][..])),
        option::of(select(
            &["2026-11-10", "2026-11-15", "2026-11-16T01:30:00+02:00", "2026-11-18", "soon", "2026-02-30"][..],
        )),
        option::of(select(&["failed", "paid"][..])),
        option::of(select(&[-1.0, 0.0, 99.5, 500.0, 1e9][..])),
        option::of(select(&["EUR", "MXN", " "][..])),
    )
        .prop_map(|(id, status, promised_by, payment_status, amount, currency)| {
            json!({"id": id, "status": status, "promised_by": promised_by, "placed_at": promised_by,
                   "payment_status": payment_status, "amount": amount, "currency": currency})
        });
    let onboarding = (
        option::of(select(&["identity_verification", "payout_account"][..])),
        vec(select(&["payouts_blocked", "document_rejected"][..]), 0..3),
    )
        .prop_map(|(step, blockers)| json!({"step": step, "blockers": blockers, "completed": ["account"]}));
    (
        option::of(select(&["checkout", "order", "onboarding", "other"][..])),
        option::of(select(&["buyer", "seller"][..])),
        option::of(select(&["en", "es-MX", "ar", "de"][..])),
        option::of(order),
        option::of(onboarding),
        option::of(scalar()),
        vec(select(&["payments", "orders"][..]), 0..3),
        select(&[0, 60, -300, 840][..]),
    )
        .prop_map(|(surface, role, locale, order, onboarding, plan, active, offset)| {
            let page = json!({"surface": surface, "role": role, "locale": locale, "order": order,
                              "onboarding": onboarding, "custom": {"plan": plan}});
            let (context, warnings) = Context::from_json(page.as_object().expect("an object"));
            assert!(warnings.is_empty(), "{warnings:?}");
            let mut extra = Map::new();
            extra.insert("incidents.active".to_owned(), json!(active));
            (context, extra, offset)
        })
}

fn clock(offset: i32) -> Clock {
    Clock {
        now_unix_seconds: now(),
        utc_offset_minutes: offset,
    }
}

fn load(file: &Value) -> RuleSet {
    RuleSet::from_json(file).unwrap_or_else(|error| panic!("{error}\n{file:#}"))
}

/// Whether a listed item is the same as another (see [`is_same`]).
fn same_item(a: &SuggestedItem, b: &SuggestedItem) -> bool {
    match (a, b) {
        (SuggestedItem::Article(a), SuggestedItem::Article(b)) => a.id == b.id,
        (SuggestedItem::Action(a), SuggestedItem::Action(b)) => {
            (a.kind, &a.topic, &a.step) == (b.kind, &b.topic, &b.step)
        }
        _ => false,
    }
}

/// Arbitrary JSON, with the keys a rules file uses so some of it gets far into the checks.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        select(
            &[
                "rule",
                "fallback",
                "id",
                "priority",
                "when",
                "suggest",
                "reason",
                "fact",
                "equals",
                "in",
                "exists",
                "contains",
                "gt",
                "days_since",
                "article",
                "flow",
                "action",
                "topic",
                "label",
                "step",
                "surface",
                "role",
                "articles",
                "en",
                "es",
            ][..]
        )
        .prop_map(str::to_owned),
        "[a-z.]{1,4}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        select(
            &[
                "order.status",
                "surface",
                "checkout",
                "buyer",
                "contact",
                "status",
                "{order.id}",
                "{order.promised_by|date+99999999999}",
                "{x|days_since-3}",
                "{",
                "}}",
                "",
                "2026-11-12",
            ][..]
        )
        .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..5).prop_map(Value::Array),
            vec((key.clone(), inner), 0..5)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_list_keeps_its_promises(file in rules_file(), (context, extra, offset) in situation()) {
        let set = load(&file);
        let list = set.suggest(&context, &extra, &catalog, clock(offset), &PlainFormatter);
        prop_assert!(list.len() <= MAX_SUGGESTIONS);
        for (index, suggestion) in list.iter().enumerate() {
            prop_assert!(!suggestion.reasons.is_empty());
            for (k, reason) in suggestion.reasons.iter().enumerate() {
                prop_assert!(!suggestion.reasons[..k].contains(reason), "a reason twice");
            }
            prop_assert!(list[..index].iter().all(|earlier| !same_item(&earlier.item, &suggestion.item)));
            if index > 0 {
                prop_assert!(list[index - 1].priority >= suggestion.priority);
            }
        }
        let fallback = |s: &Suggestion| s.reasons.iter().any(|r| r.source == ReasonSource::Fallback);
        prop_assert!(list.iter().all(fallback) || !list.iter().any(fallback));
        let flows = set.suggest_flows(&context, &extra, &|id| Some(crate::flows::FlowSummary {
            id: id.to_owned(), version: 1, title: id.to_owned(),
        }), clock(offset), &PlainFormatter);
        for (index, flow) in flows.iter().enumerate() {
            prop_assert!(flows[..index].iter().all(|earlier| earlier.flow.id != flow.flow.id));
        }
    }

    #[test]
    fn a_rule_fires_only_when_its_conditions_hold(
        file in rules_file(),
        (context, extra, offset) in situation(),
    ) {
        let set = load(&file);
        let facts = Facts::new(&context, &extra);
        let calendar = LocalCalendar::new(clock(offset));
        let fired = set.fired(&facts, &calendar, &PlainFormatter, context.locale.as_deref());
        for rule in &set.rules {
            let holds = rule.when.iter().all(|c| c.holds(facts.get(&c.fact), &calendar));
            let fires = fired.iter().any(|(fired, _)| fired.id == rule.id);
            prop_assert!(!fires || holds, "{} fired though a condition fails", rule.id);
            if rule.reason.en.uses().next().is_none() {
                prop_assert_eq!(fires, holds, "{} cites no fact", &rule.id);
            }
        }
        // Best priority first; file order on ties.
        let position = |id: &str| set.rules.iter().position(|rule| rule.id == id);
        for pair in fired.windows(2) {
            let ((a, _), (b, _)) = (&pair[0], &pair[1]);
            prop_assert!(a.priority > b.priority || (a.priority == b.priority && position(&a.id) < position(&b.id)));
        }
        for (rule, reason) in &fired {
            prop_assert_eq!(reason.rule_id.as_deref(), Some(rule.id.as_str()));
            prop_assert_eq!(reason.source, ReasonSource::Rule);
        }
    }

    #[test]
    fn a_copy_of_a_rule_at_the_end_only_adds_its_reason(
        file in rules_file(),
        copied in 0usize..6,
        (context, extra, offset) in situation(),
    ) {
        let rules = file["rule"].as_array().expect("rules");
        prop_assume!(!rules.is_empty());
        let mut copy = rules[copied % rules.len()].clone();
        let original = copy["id"].as_str().expect("an id").to_owned();
        copy["id"] = json!("copy");
        let mut with_copy = file.clone();
        with_copy["rule"].as_array_mut().expect("rules").push(copy);
        let run = |file: &Value| load(file).suggest(&context, &extra, &catalog, clock(offset), &PlainFormatter);
        let (before, after) = (run(&file), run(&with_copy));
        prop_assert_eq!(before.len(), after.len());
        for (old, new) in before.iter().zip(&after) {
            prop_assert!(same_item(&old.item, &new.item));
            prop_assert_eq!(&old.item, &new.item);
            prop_assert_eq!(old.priority, new.priority);
            let (copies, others): (Vec<&Reason>, Vec<&Reason>) =
                new.reasons.iter().partition(|reason| reason.rule_id.as_deref() == Some("copy"));
            prop_assert_eq!(others, old.reasons.iter().collect::<Vec<_>>());
            let had_original = old.reasons.iter().any(|r| r.rule_id.as_deref() == Some(original.as_str()));
            prop_assert_eq!(copies.len(), usize::from(had_original));
        }
    }

    #[test]
    fn the_file_order_of_rules_of_different_priorities_changes_nothing(
        bodies in vec(rule_body(), 1..7),
        fallbacks in vec(fallback(), 0..3),
        order in Just((0..6usize).collect::<Vec<_>>()).prop_shuffle(),
        (context, extra, offset) in situation(),
    ) {
        // Distinct priorities: the rule's index, a little spread.
        let rules: Vec<Value> = bodies
            .iter()
            .enumerate()
            .map(|(index, body)| {
                let priority = index as i32 * 3 - 7;
                rule_json(&format!("r{index}"), &(priority, body.1.clone(), body.2.clone(), body.3.clone()))
            })
            .collect();
        let shuffled: Vec<Value> = order.iter().filter(|&&i| i < rules.len()).map(|&i| rules[i].clone()).collect();
        let run = |rules: Vec<Value>| {
            load(&json!({"rule": rules, "fallback": fallbacks}))
                .suggest(&context, &extra, &catalog, clock(offset), &PlainFormatter)
        };
        prop_assert_eq!(run(rules), run(shuffled));
    }

    #[test]
    fn no_json_makes_the_loader_panic_and_a_refusal_says_why(file in arbitrary_json()) {
        if let Err(error) = RuleSet::from_json(&file) {
            prop_assert!(!error.to_string().trim().is_empty());
        }
        let wrapped = json!({"rule": [file.clone()], "fallback": [file]});
        if let Err(error) = RuleSet::from_json(&wrapped) {
            prop_assert!(!error.to_string().trim().is_empty());
        }
    }
}
