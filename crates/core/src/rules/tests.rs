//! Tests of the rules engine as callers use it: rules text in, suggestions out.

use super::date::days_from_civil;
use super::*;
use crate::help::Audience;
use serde_json::json;

/// 2026-11-15 12:00 UTC.
fn noon_utc() -> i64 {
    days_from_civil(2026, 11, 15) * 86_400 + 12 * 3_600
}

fn clock(utc_offset_minutes: i32) -> Clock {
    Clock {
        now_unix_seconds: noon_utc(),
        utc_offset_minutes,
    }
}

/// Knows every article except those whose id starts with `gone`.
fn catalog(id: &str) -> Option<ArticleSummary> {
    (!id.starts_with("gone")).then(|| ArticleSummary {
        id: id.to_owned(),
        title: format!("Title of {id}"),
        summary: String::new(),
        audience: Audience::All,
        surfaces: Vec::new(),
        locale: "en".to_owned(),
        updated: None,
    })
}

fn context(value: Value) -> Context {
    let (context, warnings) = Context::from_json(value.as_object().expect("an object"));
    assert!(warnings.is_empty(), "{warnings:?}");
    context
}

fn run_with(set: &RuleSet, facts: Value, extra: Value, clock: Clock) -> Vec<Suggestion> {
    let extra = extra.as_object().cloned().unwrap_or_default();
    set.suggest(&context(facts), &extra, &catalog, clock, &PlainFormatter)
}

fn run(set: &RuleSet, facts: Value) -> Vec<Suggestion> {
    run_with(set, facts, json!({}), clock(0))
}

/// Articles by id, actions as `kind:topic-or-step`.
fn ids(suggestions: &[Suggestion]) -> Vec<String> {
    suggestions
        .iter()
        .map(|suggestion| match &suggestion.item {
            SuggestedItem::Article(article) => article.id.clone(),
            SuggestedItem::Action(action) => {
                let target = action.topic.as_ref().or(action.step.as_ref());
                format!(
                    "{}:{}",
                    serde_json::to_value(action.kind).unwrap().as_str().unwrap(),
                    target.map_or("", String::as_str)
                )
            }
        })
        .collect()
}

fn rules(text: &str) -> RuleSet {
    RuleSet::from_toml(text).unwrap_or_else(|error| panic!("{error}"))
}

/// A one-rule set with these conditions.
fn single_rule(when: &str) -> RuleSet {
    rules(&format!(
        "[[rule]]\nid = \"r\"\nwhen = [{when}]\nsuggest = [{{ article = \"a\" }}]\nreason = \"because\"\n"
    ))
}

fn fires_with(when: &str, facts: Value, extra: Value, clock: Clock) -> bool {
    !run_with(&single_rule(when), facts, extra, clock).is_empty()
}

fn fires(when: &str, facts: Value) -> bool {
    fires_with(when, facts, json!({}), clock(0))
}

fn error(text: &str) -> String {
    RuleSet::from_toml(text)
        .expect_err("the rules should not load")
        .to_string()
}

// ── Operators ──────────────────────────────────────────────────────────────

#[test]
fn equals_compares_strings_numbers_and_booleans_by_type() {
    let facts = json!({"order": {"status": "shipped", "amount": 129.5}, "custom": {"vip": true, "tier": 3}});
    assert!(fires(
        r#"{ fact = "order.status", equals = "shipped" }"#,
        facts.clone()
    ));
    assert!(!fires(
        r#"{ fact = "order.status", equals = "delivered" }"#,
        facts.clone()
    ));
    assert!(fires(
        r#"{ fact = "order.amount", equals = 129.5 }"#,
        facts.clone()
    ));
    assert!(!fires(
        r#"{ fact = "order.amount", equals = 129 }"#,
        facts.clone()
    ));
    assert!(fires(
        r#"{ fact = "custom.tier", equals = 3.0 }"#,
        facts.clone()
    ));
    assert!(fires(
        r#"{ fact = "custom.vip", equals = true }"#,
        facts.clone()
    ));
    assert!(!fires(
        r#"{ fact = "custom.vip", equals = false }"#,
        facts.clone()
    ));
    // Same text, different type: no match.
    assert!(!fires(
        r#"{ fact = "custom.vip", equals = "true" }"#,
        facts.clone()
    ));
    assert!(!fires(r#"{ fact = "custom.tier", equals = "3" }"#, facts));
}

#[test]
fn in_matches_any_listed_value() {
    let facts = json!({"surface": "order", "role": "buyer"});
    assert!(fires(
        r#"{ fact = "surface", in = ["checkout", "order"] }"#,
        facts.clone()
    ));
    assert!(!fires(
        r#"{ fact = "surface", in = ["checkout", "onboarding"] }"#,
        facts.clone()
    ));
    assert!(!fires(r#"{ fact = "role", in = ["seller"] }"#, facts));
}

#[test]
fn exists_tests_presence() {
    let facts = json!({"order": {"id": "A-1"}});
    assert!(fires(
        r#"{ fact = "order.id", exists = true }"#,
        facts.clone()
    ));
    assert!(!fires(
        r#"{ fact = "order.id", exists = false }"#,
        facts.clone()
    ));
    assert!(fires(
        r#"{ fact = "order.delivered_at", exists = false }"#,
        facts.clone()
    ));
    assert!(!fires(
        r#"{ fact = "order.delivered_at", exists = true }"#,
        facts
    ));
}

#[test]
fn contains_looks_inside_arrays_only() {
    let facts = json!({"onboarding": {"blockers": ["document_rejected"]}, "custom": {"note": "document_rejected"}});
    assert!(fires(
        r#"{ fact = "onboarding.blockers", contains = "document_rejected" }"#,
        facts.clone()
    ));
    assert!(!fires(
        r#"{ fact = "onboarding.blockers", contains = "payout_account_failed" }"#,
        facts.clone()
    ));
    // A string is not an array, even when it holds the text.
    assert!(!fires(
        r#"{ fact = "custom.note", contains = "document_rejected" }"#,
        facts
    ));
}

#[test]
fn numeric_comparisons_respect_their_bounds() {
    let facts = json!({"order": {"amount": 500}});
    let holds = |when: &str| fires(when, facts.clone());
    assert!(holds(r#"{ fact = "order.amount", gte = 500 }"#));
    assert!(!holds(r#"{ fact = "order.amount", gt = 500 }"#));
    assert!(holds(r#"{ fact = "order.amount", gt = 499.99 }"#));
    assert!(holds(r#"{ fact = "order.amount", lte = 500 }"#));
    assert!(!holds(r#"{ fact = "order.amount", lt = 500 }"#));
    assert!(holds(r#"{ fact = "order.amount", lt = 500.5 }"#));
    // Several operators on one fact must all hold: a range.
    assert!(holds(r#"{ fact = "order.amount", gte = 100, lt = 1000 }"#));
    assert!(!holds(r#"{ fact = "order.amount", gte = 100, lt = 500 }"#));
}

#[test]
fn days_since_and_days_until_count_calendar_days() {
    // Today is 2026-11-15.
    let facts = json!({"order": {"promised_by": "2026-11-12", "delivered_at": "2026-11-18"}});
    let holds = |when: &str| fires(when, facts.clone());
    assert!(holds(
        r#"{ fact = "order.promised_by", days_since = { equals = 3 } }"#
    ));
    assert!(holds(
        r#"{ fact = "order.promised_by", days_since = { gt = 2, lt = 4 } }"#
    ));
    assert!(holds(
        r#"{ fact = "order.promised_by", days_since = { gte = 3, lte = 3 } }"#
    ));
    assert!(!holds(
        r#"{ fact = "order.promised_by", days_since = { gt = 3 } }"#
    ));
    assert!(!holds(
        r#"{ fact = "order.promised_by", days_since = { lt = 3 } }"#
    ));
    assert!(holds(
        r#"{ fact = "order.promised_by", days_until = { equals = -3 } }"#
    ));
    assert!(holds(
        r#"{ fact = "order.delivered_at", days_until = { equals = 3 } }"#
    ));
    assert!(holds(
        r#"{ fact = "order.delivered_at", days_until = { gte = 3 } }"#
    ));
    assert!(!holds(
        r#"{ fact = "order.delivered_at", days_until = { lte = 2 } }"#
    ));
    assert!(!holds(
        r#"{ fact = "order.delivered_at", days_since = { gte = 0 } }"#
    ));
}

#[test]
fn a_missing_fact_fails_every_operator_except_exists_false() {
    let facts = json!({"surface": "order"});
    for when in [
        r#"{ fact = "order.status", equals = "shipped" }"#,
        r#"{ fact = "order.status", in = ["shipped"] }"#,
        r#"{ fact = "order.status", exists = true }"#,
        r#"{ fact = "onboarding.blockers", contains = "document_rejected" }"#,
        r#"{ fact = "order.amount", gt = 0 }"#,
        r#"{ fact = "order.amount", lte = 0 }"#,
        r#"{ fact = "order.promised_by", days_since = { gte = 0 } }"#,
        r#"{ fact = "order.promised_by", days_until = { lte = 0 } }"#,
        r#"{ fact = "custom.plan", equals = "pro" }"#,
    ] {
        assert!(!fires(when, facts.clone()), "{when}");
    }
    assert!(fires(r#"{ fact = "order.status", exists = false }"#, facts));
    // `null` from the caller counts as missing too.
    assert!(fires_with(
        r#"{ fact = "custom.plan", exists = false }"#,
        json!({}),
        json!({"custom.plan": null}),
        clock(0)
    ));
}

#[test]
fn a_fact_of_the_wrong_type_does_not_match() {
    let facts = json!({"custom": {"total": "lots", "when": 20_769, "tags": "vip", "flag": "yes"}});
    for when in [
        r#"{ fact = "custom.total", gt = 5 }"#,
        r#"{ fact = "custom.total", lte = 5 }"#,
        r#"{ fact = "custom.when", days_since = { gte = 0 } }"#,
        r#"{ fact = "custom.tags", contains = "vip" }"#,
        r#"{ fact = "custom.flag", equals = true }"#,
        r#"{ fact = "custom.total", in = [1, 2, 3] }"#,
    ] {
        assert!(!fires(when, facts.clone()), "{when}");
    }
}

#[test]
fn an_unparsable_date_does_not_match() {
    for date in [
        "soon",
        "2026-02-30",
        "15/11/2026",
        "2026-11-15T25:00:00Z",
        "",
    ] {
        let facts = json!({"order": {"promised_by": date}});
        for when in [
            r#"{ fact = "order.promised_by", days_since = { gte = -100000 } }"#,
            r#"{ fact = "order.promised_by", days_until = { gte = -100000 } }"#,
        ] {
            assert!(!fires(when, facts.clone()), "{date:?} {when}");
        }
    }
}

// ── Time zones ─────────────────────────────────────────────────────────────

/// Days since `date` for a user at `utc_offset_minutes`, read through `days_since = { equals = n }`.
fn days_since(date: &str, now_unix_seconds: i64, utc_offset_minutes: i32) -> Option<i64> {
    let clock = Clock {
        now_unix_seconds,
        utc_offset_minutes,
    };
    let facts = json!({"order": {"promised_by": date}});
    (-3..=3).find(|days| {
        fires_with(
            &format!(r#"{{ fact = "order.promised_by", days_since = {{ equals = {days} }} }}"#),
            facts.clone(),
            json!({}),
            clock,
        )
    })
}

#[test]
fn datetimes_count_from_the_users_local_midnight_east_of_utc() {
    // Berlin (UTC+1), now 13:00 on 15 Nov. 22:59Z on 14 Nov is 23:59 local; 23:00Z is 00:00 on the 15th.
    assert_eq!(days_since("2026-11-14T22:59:00Z", noon_utc(), 60), Some(1));
    assert_eq!(days_since("2026-11-14T23:00:00Z", noon_utc(), 60), Some(0));
    // The fact's own offset is honoured: 23:30 in New York is 05:30 the next morning in Berlin.
    assert_eq!(
        days_since("2026-11-14T23:30:00-05:00", noon_utc(), 60),
        Some(0)
    );
}

#[test]
fn datetimes_count_from_the_users_local_midnight_west_of_utc() {
    // New York (UTC−5), now 07:00 on 15 Nov. 04:59Z on the 15th is 23:59 on the 14th locally.
    assert_eq!(
        days_since("2026-11-15T04:59:00Z", noon_utc(), -300),
        Some(1)
    );
    assert_eq!(
        days_since("2026-11-15T05:00:00Z", noon_utc(), -300),
        Some(0)
    );
    assert_eq!(
        days_since("2026-11-14T23:30:00-05:00", noon_utc(), -300),
        Some(1)
    );
    // Due yesterday at 23:00 local time is one day ago, though less than 24 hours have passed.
    assert_eq!(
        days_since("2026-11-15T04:00:00Z", noon_utc() - 6 * 3_600, -300),
        Some(1)
    );
}

#[test]
fn date_only_facts_are_the_users_calendar_days() {
    // 23:30Z on 15 Nov is already the 16th in Berlin but still the 15th in New York.
    let late_evening_utc = noon_utc() + 11 * 3_600 + 30 * 60;
    assert_eq!(days_since("2026-11-14", late_evening_utc, 60), Some(2));
    assert_eq!(days_since("2026-11-14", late_evening_utc, -300), Some(1));
    assert_eq!(days_since("2026-11-14", late_evening_utc, 0), Some(1));
    // A zoneless datetime is local time: it is the date that counts.
    assert_eq!(
        days_since("2026-11-14T23:59:59", late_evening_utc, 60),
        Some(2)
    );
    assert_eq!(
        days_since("2026-11-16T00:00:00", late_evening_utc, 60),
        Some(0)
    );
}

// ── Ordering, merging, capping ─────────────────────────────────────────────

const ORDERING_RULES: &str = r#"
[[rule]]
id = "first"
priority = 10
when = [{ fact = "surface", equals = "order" }]
suggest = [{ article = "one" }, { article = "shared" }]
reason = "First."

[[rule]]
id = "second"
priority = 10
when = [{ fact = "surface", equals = "order" }]
suggest = [{ article = "two" }]
reason = "Second."

[[rule]]
id = "urgent"
priority = 50
when = [{ fact = "surface", equals = "order" }, { fact = "order.status", equals = "shipped" }]
suggest = [{ article = "urgent" }, { article = "shared" }, { action = "contact", topic = "late" }]
reason = "Urgent."
"#;

#[test]
fn equal_priorities_keep_file_order_and_higher_priorities_come_first() {
    let set = rules(ORDERING_RULES);
    assert_eq!(
        ids(&run(&set, json!({"surface": "order"}))),
        ["one", "shared", "two"]
    );
    let all = run(
        &set,
        json!({"surface": "order", "order": {"status": "shipped"}}),
    );
    assert_eq!(
        ids(&all),
        ["urgent", "shared", "contact:late", "one", "two"]
    );
    let priorities: Vec<i32> = all.iter().map(|s| s.priority).collect();
    assert_eq!(priorities, [50, 50, 50, 10, 10]);
}

#[test]
fn an_item_from_several_rules_appears_once_with_every_reason() {
    let set = rules(ORDERING_RULES);
    let all = run(
        &set,
        json!({"surface": "order", "order": {"status": "shipped"}}),
    );
    let shared = &all[1];
    assert_eq!(shared.priority, 50, "the better rule's priority");
    let from: Vec<_> = shared
        .reasons
        .iter()
        .map(|r| r.rule_id.as_deref())
        .collect();
    assert_eq!(from, [Some("urgent"), Some("first")]);
    assert_eq!(shared.reasons[1].text, "First.");
    // The contact action defaults its label.
    let SuggestedItem::Action(contact) = &all[2].item else {
        panic!("expected an action");
    };
    assert_eq!(contact.label, "Contact support");
}

#[test]
fn at_most_five_items_and_articles_missing_from_the_catalog_are_skipped() {
    let set = rules(
        r#"
        [[rule]]
        id = "many"
        priority = 5
        when = [{ fact = "surface", equals = "order" }]
        suggest = [
          { article = "a" }, { article = "gone-1" }, { article = "b" }, { article = "c" },
          { action = "status", label = "Status" }, { article = "d" }, { article = "e" }, { article = "f" },
        ]
        reason = "Many."

        [[rule]]
        id = "more"
        priority = 1
        when = [{ fact = "surface", equals = "order" }]
        suggest = [{ article = "g" }, { article = "a" }]
        reason = "More."
        "#,
    );
    let list = run(&set, json!({"surface": "order"}));
    assert_eq!(ids(&list), ["a", "b", "c", "status:", "d"]);
    // A rule below the cap still adds its reason to items already listed.
    assert_eq!(list[0].reasons.len(), 2);
}

// ── Reason templates ───────────────────────────────────────────────────────

fn reason_text(template: &str, facts: Value) -> Option<String> {
    let set = rules(&format!(
        "[[rule]]\nid = \"t\"\nwhen = [{{ fact = \"surface\", exists = true }}]\nsuggest = [{{ article = \"a\" }}]\nreason = '''{template}'''\n"
    ));
    let list = run(&set, facts);
    list.first().map(|s| s.reasons[0].text.clone())
}

fn order_facts() -> Value {
    json!({
        "surface": "order",
        "role": "buyer",
        "order": {"id": "A-1043", "status": "shipped", "promised_by": "2026-11-12",
                  "shipped_at": "2026-11-14T09:00:00Z", "delivered_at": "2026-11-18",
                  "payment_status": "paid", "amount": 1234.5, "currency": "EUR"},
        "onboarding": {"step": "identity_verification", "blockers": ["document_rejected"]},
        "custom": {"items": 3}
    })
}

#[test]
fn templates_render_every_filter() {
    let cases = [
        ("Order {order.id}", "Order A-1043"),
        ("{custom.items} items", "3 items"),
        ("Due {order.promised_by|date}", "Due 12 Nov 2026"),
        ("{order.promised_by|days_since} days ago", "3 days ago"),
        ("in {order.delivered_at|days_until} days", "in 3 days"),
        (
            "Return by {order.promised_by|date+30}",
            "Return by 12 Dec 2026",
        ),
        (
            "{order.promised_by|days_until+30} days left",
            "27 days left",
        ),
        ("Total {order.amount|amount}", "Total 1,234.50 EUR"),
        ("At {onboarding.step|words}", "At identity verification"),
        (
            "Blocked by {onboarding.blockers}",
            "Blocked by document_rejected",
        ),
        ("{{literal}} {order.id}", "{literal} A-1043"),
    ];
    for (template, expected) in cases {
        assert_eq!(
            reason_text(template, order_facts()).as_deref(),
            Some(expected),
            "{template}"
        );
    }
}

#[test]
fn a_count_of_one_reads_singular() {
    let facts = json!({"surface": "order", "order": {"promised_by": "2026-11-14"}});
    assert_eq!(
        reason_text(
            "Due {order.promised_by|days_since} days ago.",
            facts.clone()
        )
        .as_deref(),
        Some("Due 1 day ago.")
    );
    assert_eq!(
        reason_text("{order.promised_by|days_since} days", facts).as_deref(),
        Some("1 day")
    );
}

#[test]
fn an_amount_without_a_currency_is_just_a_number() {
    let facts = json!({"surface": "order", "order": {"amount": 129.5}});
    assert_eq!(
        reason_text("Total {order.amount|amount}", facts).as_deref(),
        Some("Total 129.5")
    );
}

#[test]
fn a_template_citing_a_missing_or_unfit_fact_keeps_the_rule_from_firing() {
    let facts = order_facts();
    for template in [
        "Order {order.placed_at|date}",
        "Plan {custom.plan}",
        "Order {page.title}",
        // Wrong types for the filter.
        "{order.id|date}",
        "{order.id|amount}",
        // A negative count would read "-3 days ago".
        "{order.delivered_at|days_since} days ago",
        "{order.promised_by|days_until} days left",
    ] {
        assert_eq!(reason_text(template, facts.clone()), None, "{template}");
    }
    // Empty text would leave a hole as surely as a missing fact.
    let blank = json!({"surface": "order", "order": {"id": " "}});
    assert_eq!(reason_text("Order {order.id}.", blank), None);
}

#[test]
fn a_rule_whose_template_cannot_render_gives_way_to_others() {
    let set = rules(
        r#"
        [[rule]]
        id = "needs-id"
        priority = 9
        when = [{ fact = "surface", equals = "order" }]
        suggest = [{ article = "specific" }]
        reason = "Order {order.id} needs attention."

        [[fallback]]
        surface = "order"
        articles = ["general"]
        reason = "Often read on order pages."
        "#,
    );
    let list = run(&set, json!({"surface": "order"}));
    assert_eq!(ids(&list), ["general"]);
    assert_eq!(list[0].reasons[0].source, ReasonSource::Fallback);
}

#[test]
fn reasons_list_the_facts_tested_and_cited_as_the_user_reads_them() {
    let set = rules(
        r#"
        [[rule]]
        id = "late"
        priority = 1
        when = [
          { fact = "order.status", in = ["shipped"] },
          { fact = "order.delivered_at", exists = false },
          { fact = "order.promised_by", days_since = { gt = 0 } },
        ]
        suggest = [{ article = "late-delivery" }]
        reason = "Order {order.id} was due on {order.promised_by|date} ({order.amount|amount})."
        "#,
    );
    let list = run(
        &set,
        json!({"order": {"id": "A-1043", "status": "shipped", "promised_by": "2026-11-12T10:00:00Z",
                         "amount": 129.5, "currency": "EUR"}}),
    );
    let reason = &list[0].reasons[0];
    assert_eq!(reason.rule_id.as_deref(), Some("late"));
    assert_eq!(
        reason.text,
        "Order A-1043 was due on 12 Nov 2026 (129.50 EUR)."
    );
    let shown: Vec<(&str, &str)> = reason
        .facts
        .iter()
        .map(|fact| (fact.path.as_str(), fact.shown.as_str()))
        .collect();
    // `order.delivered_at` was tested but is absent: nothing to show.
    assert_eq!(
        shown,
        [
            ("order.status", "shipped"),
            ("order.promised_by", "12 Nov 2026 (3 days ago)"),
            ("order.id", "A-1043"),
            ("order.amount", "129.50 EUR"),
        ]
    );
    assert_eq!(reason.facts[1].value, json!("2026-11-12T10:00:00Z"));
}

/// English formatting that words one order status, as the widget's does each known value in the user's language.
struct WordingStatus;

impl Formatter for WordingStatus {
    fn date(&self, year: i32, month: u32, day: u32) -> String {
        PlainFormatter.date(year, month, day)
    }
    fn number(&self, value: f64) -> String {
        PlainFormatter.number(value)
    }
    fn amount(&self, value: f64, currency: &str) -> String {
        PlainFormatter.amount(value, currency)
    }
    fn days_from_today(&self, days: i64) -> String {
        PlainFormatter.days_from_today(days)
    }
    fn yes_no(&self, value: bool) -> String {
        PlainFormatter.yes_no(value)
    }
    fn term(&self, path: &str, value: &str) -> Option<String> {
        (path == "order.status" && value == "in_transit").then(|| "en tránsito".to_owned())
    }
}

#[test]
fn known_values_read_in_the_formatters_words_in_the_facts_and_the_sentence() {
    let set = rules(
        r#"
        [[rule]]
        id = "moving"
        priority = 1
        when = [{ fact = "order.status", in = ["in_transit", "held_at_customs"] }]
        suggest = [{ article = "tracking" }]
        reason = "Pedido {order.status}, {order.status|words}."
        "#,
    );
    let reason_for = |status: &str| {
        let facts = json!({"order": {"status": status}});
        let list = set.suggest(
            &context(facts),
            &Default::default(),
            &catalog,
            clock(0),
            &WordingStatus,
        );
        list[0].reasons[0].clone()
    };
    let known = reason_for("in_transit");
    assert_eq!(known.text, "Pedido en tránsito, en tránsito.");
    assert_eq!(known.facts[0].shown, "en tránsito");
    assert_eq!(
        known.facts[0].value,
        json!("in_transit"),
        "the value itself is kept as sent"
    );
    // A value the formatter has no words for reads as the page sent it (cited with `|words`: in words).
    let other = reason_for("held_at_customs");
    assert_eq!(other.text, "Pedido held_at_customs, held at customs.");
    assert_eq!(other.facts[0].shown, "held at customs");
}

// ── Loading errors ─────────────────────────────────────────────────────────

fn rule_with(when: &str, reason: &str) -> String {
    format!(
        "[[rule]]\nid = \"late-delivery\"\nwhen = [{when}]\nsuggest = [{{ article = \"a\" }}]\nreason = \"{reason}\"\n"
    )
}

#[test]
fn parse_errors_name_the_rule_and_the_problem() {
    let ok_when = r#"{ fact = "surface", equals = "order" }"#;
    let cases = [
        (
            rule_with(r#"{ fact = "order.amount", between = [1, 2] }"#, "r"),
            "rule late-delivery: unknown operator `between` on `order.amount`",
        ),
        (
            rule_with(r#"{ fact = "order.promise_by", exists = true }"#, "r"),
            "rule late-delivery: unknown fact `order.promise_by`",
        ),
        (
            rule_with(r#"{ fact = "order..id", exists = true }"#, "r"),
            "rule late-delivery: `order..id` is not a fact path",
        ),
        (
            rule_with(ok_when, "Order {order.number}"),
            "rule late-delivery: placeholder `{order.number}`: unknown fact `order.number`",
        ),
        (
            rule_with(ok_when, "Due {order.promised_by|ago}"),
            "rule late-delivery: placeholder `{order.promised_by|ago}`: unknown filter `ago`",
        ),
        (
            rule_with(ok_when, "Due {order.promised_by"),
            "rule late-delivery: the reason has a `{` without a `}`",
        ),
        (
            rule_with(r#"{ fact = "order.amount", gt = "500" }"#, "r"),
            "rule late-delivery: `gt` on `order.amount` expects a number",
        ),
        (
            rule_with(r#"{ fact = "order.promised_by", days_since = { over = 1 } }"#, "r"),
            "rule late-delivery: `days_since` on `order.promised_by` has unknown comparison `over`",
        ),
        (
            rule_with(r#"{ fact = "surface", in = ["order", "cart"] }"#, "r"),
            "rule late-delivery: `surface` is never `cart`",
        ),
        (
            rule_with(r#"{ fact = "order.status" }"#, "r"),
            "rule late-delivery: the condition on `order.status` has no operator",
        ),
        (
            format!("{}{}", rule_with(ok_when, "a"), rule_with(ok_when, "b")),
            "rule late-delivery: duplicate id",
        ),
        (
            "[[rule]]\nid = \"x\"\nwhen = [{ fact = \"surface\", exists = true }]\nsuggest = [{ action = \"call\" }]\nreason = \"r\"\n".to_owned(),
            "rule x: unknown action `call`",
        ),
        (
            "[[rule]]\nid = \"x\"\nwhen = [{ fact = \"surface\", exists = true }]\nsuggest = [{ action = \"contact\" }]\nreason = \"r\"\n".to_owned(),
            "rule x: missing `topic`",
        ),
        (
            "[[rule]]\nid = \"x\"\npriorty = 3\nwhen = [{ fact = \"surface\", exists = true }]\nsuggest = [{ article = \"a\" }]\nreason = \"r\"\n".to_owned(),
            "rule x: unknown key `priorty`",
        ),
        (
            "[[rule]]\nid = \"x\"\nwhen = []\nsuggest = [{ article = \"a\" }]\nreason = \"r\"\n".to_owned(),
            "rule x: `when` must be a non-empty list",
        ),
        (
            format!("{}[[rule]]\npriority = 1\n", rule_with(ok_when, "a")),
            "rule #2: needs a non-empty string `id`",
        ),
        (
            "[[fallback]]\nsurface = \"cart\"\narticles = [\"a\"]\nreason = \"r\"\n".to_owned(),
            "fallback #1: unknown surface `cart`",
        ),
        ("[[rules]]\nid = \"x\"\n".to_owned(), "rules file: "),
        ("[[rule]\n".to_owned(), "rules file: "),
    ];
    for (text, expected) in cases {
        let message = error(&text);
        assert!(
            message.starts_with(expected),
            "expected `{expected}…`, got `{message}`"
        );
    }
}

#[test]
fn validate_reports_unknown_articles_and_article_ids_lists_them_all() {
    let set = rules(&format!(
        "{}[[fallback]]\nsurface = \"order\"\nrole = \"buyer\"\narticles = [\"b\", \"gone-2\"]\nreason = \"r\"\n",
        "[[rule]]\nid = \"late-delivery\"\nwhen = [{ fact = \"surface\", exists = true }]\nsuggest = [{ article = \"gone-1\" }, { article = \"a\" }, { action = \"status\", label = \"S\" }]\nreason = \"r\"\n"
    ));
    assert_eq!(
        set.validate(&|id| catalog(id).is_some()),
        [
            "rule late-delivery suggests unknown article `gone-1`",
            "fallback #1 (order) suggests unknown article `gone-2`",
        ]
    );
    let all: Vec<String> = set.article_ids().into_iter().collect();
    assert_eq!(all, ["a", "b", "gone-1", "gone-2"]);
}

// ── Fallbacks, extra facts, wire format ────────────────────────────────────

const FALLBACKS: &str = r#"
[[rule]]
id = "only-gone"
when = [{ fact = "surface", equals = "checkout" }]
suggest = [{ article = "gone-1" }]
reason = "Never shown."

[[fallback]]
surface = "order"
role = "seller"
articles = ["seller-a"]
reason = "For sellers."

[[fallback]]
surface = "order"
articles = ["buyer-a", "buyer-b"]
reason = "For everyone else."

[[fallback]]
surface = "checkout"
articles = ["checkout-a"]
reason = "At checkout."
"#;

#[test]
fn the_first_fallback_for_the_surface_and_role_is_used_when_nothing_else_is() {
    let set = rules(FALLBACKS);
    assert_eq!(
        ids(&run(&set, json!({"surface": "order", "role": "seller"}))),
        ["seller-a"]
    );
    assert_eq!(
        ids(&run(&set, json!({"surface": "order", "role": "buyer"}))),
        ["buyer-a", "buyer-b"]
    );
    assert_eq!(
        ids(&run(&set, json!({"surface": "order"}))),
        ["buyer-a", "buyer-b"]
    );
    // The rule fired but its article is not in the catalog: the fallback still helps.
    assert_eq!(
        ids(&run(&set, json!({"surface": "checkout"}))),
        ["checkout-a"]
    );
    // No fallback for the surface, or no surface at all: the caller fills the list.
    assert!(run(&set, json!({"surface": "onboarding"})).is_empty());
    assert!(run(&set, json!({})).is_empty());

    let seller = run(&set, json!({"surface": "order", "role": "seller"}));
    let reason = &seller[0].reasons[0];
    assert_eq!(
        (reason.source, reason.rule_id.as_deref()),
        (ReasonSource::Fallback, None)
    );
    assert_eq!(reason.text, "For sellers.");
    let paths: Vec<&str> = reason.facts.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["surface", "role"]);
    assert_eq!(seller[0].priority, 0);
}

#[test]
fn extra_facts_are_reachable_by_dotted_or_nested_keys() {
    let when = r#"{ fact = "incidents.active", contains = "payments" }"#;
    let facts = json!({"surface": "checkout"});
    assert!(fires_with(
        when,
        facts.clone(),
        json!({"incidents.active": ["payments"]}),
        clock(0)
    ));
    assert!(fires_with(
        when,
        facts.clone(),
        json!({"incidents": {"active": ["search", "payments"]}}),
        clock(0)
    ));
    assert!(!fires_with(
        when,
        facts.clone(),
        json!({"incidents.active": ["search"]}),
        clock(0)
    ));
    assert!(!fires(when, facts));
    // Nested extra facts merge with the context instead of replacing it.
    assert!(fires_with(
        r#"{ fact = "custom.plan", equals = "pro" }, { fact = "custom.cohort", equals = 3 }"#,
        json!({"custom": {"plan": "pro"}}),
        json!({"custom": {"cohort": 3}}),
        clock(0)
    ));
}

#[test]
fn suggestions_serialise_with_a_kind_tag() {
    let set = rules(ORDERING_RULES);
    let list = run(
        &set,
        json!({"surface": "order", "order": {"status": "shipped"}}),
    );
    let wire = serde_json::to_value(&list).unwrap();
    assert_eq!(wire[0]["item"]["kind"], "article");
    assert_eq!(wire[0]["item"]["id"], "urgent");
    assert_eq!(
        wire[2]["item"],
        json!({"kind": "action", "action": "contact", "label": "Contact support", "topic": "late"})
    );
    assert_eq!(wire[0]["reasons"][0]["source"], "rule");
    let back: Vec<Suggestion> = serde_json::from_value(wire).unwrap();
    assert_eq!(back, list);
}

// ── The shipped rules ──────────────────────────────────────────────────────

const SHIPPED: &str = include_str!("../../../../content/rules.toml");

fn shipped() -> RuleSet {
    RuleSet::from_toml(SHIPPED).unwrap_or_else(|error| panic!("content/rules.toml: {error}"))
}

/// An ISO datetime `days` before the test's now, as the demo pages send them.
fn days_ago(days: i64) -> String {
    let (year, month, day) = super::date::civil_from_days(days_from_civil(2026, 11, 15) - days);
    format!("{year:04}-{month:02}-{day:02}T12:00:00.000Z")
}

#[test]
fn shipped_rules_load_and_only_suggest_existing_articles() {
    let set = shipped();
    assert!(
        (10..=16).contains(&set.rules.len()),
        "{} rules",
        set.rules.len()
    );
    let articles = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/articles");
    let exists = |id: &str| articles.join(format!("{id}.md")).is_file();
    assert_eq!(set.validate(&exists), Vec::<String>::new());
}

#[test]
fn shipped_rules_put_late_delivery_first_for_a_late_order() {
    let list = run_with(
        &shipped(),
        json!({"surface": "order", "role": "buyer", "order": {
            "id": "A-1043", "status": "shipped", "placed_at": days_ago(8), "promised_by": days_ago(3),
            "shipped_at": days_ago(6), "payment_status": "paid", "amount": 129.5, "currency": "EUR"}}),
        json!({}),
        clock(60),
    );
    assert_eq!(ids(&list)[0], "late-delivery");
    assert!(list.len() <= MAX_SUGGESTIONS);
    let text = &list[0].reasons[0].text;
    assert!(text.contains("A-1043"), "{text}");
    assert!(text.contains("3 days ago"), "{text}");
    assert!(text.contains("12 Nov 2026"), "{text}");
    assert!(ids(&list).contains(&"contact:order-not-arrived".to_owned()));
}

#[test]
fn shipped_rules_cite_the_return_window_for_a_recent_delivery() {
    let list = run(
        &shipped(),
        json!({"surface": "order", "role": "buyer", "order": {
            "id": "A-1043", "status": "delivered", "promised_by": days_ago(19),
            "delivered_at": days_ago(20), "payment_status": "paid", "amount": 129.5, "currency": "EUR"}}),
    );
    assert_eq!(ids(&list)[..2], ["return-window", "start-return"]);
    let text = &list[0].reasons[0].text;
    assert_eq!(
        text,
        "Order A-1043 was delivered on 26 Oct 2026, so you have 10 days left to start a return (until 25 Nov 2026)."
    );
}

#[test]
fn shipped_rules_explain_a_rejected_document_to_a_seller() {
    let list = run(
        &shipped(),
        json!({"surface": "onboarding", "role": "seller", "onboarding": {
            "step": "identity_verification", "completed": ["account", "shop_profile"],
            "blockers": ["document_rejected"]}}),
    );
    assert_eq!(
        ids(&list),
        [
            "document-rejected",
            "identity-verification",
            "onboarding_step:identity_verification"
        ]
    );
    let text = &list[0].reasons[0].text;
    assert!(text.contains("identity verification step"), "{text}");
    assert!(text.contains("ID document was rejected"), "{text}");
    // The step's own rule adds its reason to the article both suggest.
    assert_eq!(list[1].reasons.len(), 2);
}

#[test]
fn shipped_rules_help_with_a_failed_payment_and_fall_back_otherwise() {
    let set = shipped();
    let checkout = |payment_status: &str| {
        json!({"surface": "checkout", "role": "buyer", "order": {
            "id": "A-1051", "status": "placed", "payment_status": payment_status,
            "amount": 129.5, "currency": "EUR"}})
    };
    let failed = run(&set, checkout("failed"));
    assert_eq!(
        ids(&failed),
        [
            "payment-declined",
            "3d-secure",
            "payment-failed-charged",
            "contact:payment-failed"
        ]
    );
    let pending = run(&set, checkout("pending"));
    assert_eq!(pending[0].reasons[0].source, ReasonSource::Fallback);
    let outage = run_with(
        &set,
        checkout("failed"),
        json!({"incidents.active": ["payments"]}),
        clock(0),
    );
    assert_eq!(ids(&outage)[..2], ["service-status", "status:"]);
    assert_eq!(outage.len(), MAX_SUGGESTIONS);
}

// ── The JSON form ──────────────────────────────────────────────────────────

#[test]
fn toml_to_json_maps_tables_to_objects_and_keeps_integers_and_floats_apart() {
    let json = RuleSet::toml_to_json(
        "[[rule]]\nid = \"r\"\npriority = 3\nwhen = [{ fact = \"order.amount\", gte = 99.5, lt = 1000 }, { fact = \"custom.vip\", equals = true }]\n",
    )
    .unwrap();
    assert_eq!(
        json,
        json!({"rule": [{"id": "r", "priority": 3, "when": [
            {"fact": "order.amount", "gte": 99.5, "lt": 1000},
            {"fact": "custom.vip", "equals": true},
        ]}]})
    );
    assert!(json["rule"][0]["priority"].is_i64());
    assert!(json["rule"][0]["when"][0]["gte"].is_f64());
    assert!(
        RuleSet::toml_to_json("[[rule]\n")
            .unwrap_err()
            .to_string()
            .starts_with("rules file: ")
    );
}

#[test]
fn toml_dates_are_rejected_where_the_rule_uses_them() {
    let cases = [
        (
            rule_with(
                r#"{ fact = "order.promised_by", equals = 2026-11-12 }"#,
                "r",
            ),
            "rule late-delivery: `equals` on `order.promised_by` expects a string, number or boolean",
        ),
        (
            rule_with(
                r#"{ fact = "order.promised_by", days_since = 2026-11-12T10:00:00Z }"#,
                "r",
            ),
            "rule late-delivery: `days_since` on `order.promised_by` expects a table like `{ gt = 0 }`",
        ),
        (
            "[[rule]]\nid = \"x\"\npriority = 10:00:00\n".to_owned(),
            "rule x: `priority` must be a whole number",
        ),
    ];
    for (text, expected) in cases {
        let message = error(&text);
        assert!(
            message.starts_with(expected),
            "expected `{expected}…`, got `{message}`"
        );
    }
}

/// Situations covering every surface and role, for comparing two loads of the shipped rules.
fn shipped_situations() -> Vec<(Value, Value)> {
    let order = |status: &str, extra: Value| {
        let mut order = json!({"id": "A-1043", "status": status, "placed_at": days_ago(8),
            "payment_status": "paid", "amount": 129.5, "currency": "EUR"});
        order
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        order
    };
    let mut situations = Vec::new();
    for role in ["buyer", "seller"] {
        for (surface, order) in [
            (
                "order",
                order(
                    "shipped",
                    json!({"promised_by": days_ago(3), "shipped_at": days_ago(6)}),
                ),
            ),
            (
                "order",
                order(
                    "delivered",
                    json!({"promised_by": days_ago(19), "delivered_at": days_ago(20)}),
                ),
            ),
            (
                "order",
                order("placed", json!({"promised_by": days_ago(-4)})),
            ),
            (
                "checkout",
                order("placed", json!({"payment_status": "failed"})),
            ),
            (
                "checkout",
                order(
                    "placed",
                    json!({"payment_status": "pending", "amount": 800}),
                ),
            ),
        ] {
            situations.push((
                json!({"surface": surface, "role": role, "order": order}),
                json!({}),
            ));
        }
        situations.push((
            json!({"surface": "checkout", "role": role}),
            json!({"incidents.active": ["payments"]}),
        ));
        situations.push((
            json!({"surface": "onboarding", "role": role, "onboarding": {
                "step": "identity_verification", "completed": ["account", "shop_profile"],
                "blockers": ["document_rejected"]}}),
            json!({}),
        ));
        situations.push((json!({"surface": "other", "role": role}), json!({})));
    }
    situations
}

#[test]
fn shipped_rules_from_json_suggest_the_same_as_from_toml() {
    let from_toml = shipped();
    // As the widget gets them: the JSON form, sent as text.
    let wire = serde_json::to_string(&RuleSet::toml_to_json(SHIPPED).unwrap()).unwrap();
    let from_json = RuleSet::from_json(&serde_json::from_str(&wire).unwrap())
        .unwrap_or_else(|error| panic!("content/rules.toml as JSON: {error}"));
    assert_eq!(from_json, from_toml);

    let mut fired = 0;
    for (mut facts, extra) in shipped_situations() {
        for locale in ["en", "es-ES", "ar"] {
            facts["locale"] = json!(locale);
            let expected = run_with(&from_toml, facts.clone(), extra.clone(), clock(60));
            fired += usize::from(!expected.is_empty());
            assert_eq!(
                run_with(&from_json, facts.clone(), extra.clone(), clock(60)),
                expected,
                "{facts}"
            );
        }
    }
    // The situations do exercise the rules.
    assert!(fired >= 30, "only {fired} situations had suggestions");
}

// ── Languages ──────────────────────────────────────────────────────────────

const LOCALIZED: &str = r#"
[[rule]]
id = "late"
priority = 5
when = [{ fact = "order.promised_by", days_since = { gt = 0 } }]
suggest = [
  { article = "late-delivery" },
  { action = "contact", topic = "late", label = { en = "Report a late order", es = "Avisar de un retraso" } },
]
reason.en = "Order {order.id} was due on {order.promised_by|date}, {order.promised_by|days_since} days ago."
reason.es = "El pedido {order.id} debía llegar el {order.promised_by|date}, hace {order.promised_by|days_since} días."
reason.ar = "في {order.promised_by|date} كان موعد تسليم الطلب {order.id} (عدد أيام التأخير: {order.promised_by|days_since})."

[[fallback]]
surface = "order"
articles = ["track-order"]
reason = { en = "Often read on order pages.", es = "Se lee a menudo en las páginas de pedidos." }
"#;

/// A late order (due 3 days ago) seen in `locale`.
fn late_order(locale: Option<&str>) -> Value {
    let mut facts =
        json!({"surface": "order", "order": {"id": "A-1043", "promised_by": "2026-11-12"}});
    if let Some(locale) = locale {
        facts["locale"] = json!(locale);
    }
    facts
}

/// The first reason's text and the action's label.
fn reason_and_label(list: &[Suggestion]) -> (String, String) {
    let label = list.iter().find_map(|s| match &s.item {
        SuggestedItem::Action(action) => Some(action.label.clone()),
        SuggestedItem::Article(_) => None,
    });
    (list[0].reasons[0].text.clone(), label.unwrap_or_default())
}

#[test]
fn a_spanish_locale_gets_the_spanish_reason_and_label() {
    let set = rules(LOCALIZED);
    for locale in ["es", "es-MX", "ES-es", "es_AR"] {
        assert_eq!(
            reason_and_label(&run(&set, late_order(Some(locale)))),
            (
                "El pedido A-1043 debía llegar el 12 Nov 2026, hace 3 días.".to_owned(),
                "Avisar de un retraso".to_owned()
            ),
            "{locale}"
        );
    }
    // A fallback's reason too.
    let list = run(&set, json!({"surface": "order", "locale": "es-ES"}));
    assert_eq!(
        list[0].reasons[0].text,
        "Se lee a menudo en las páginas de pedidos."
    );
}

#[test]
fn a_language_without_a_translation_gets_english() {
    let set = rules(LOCALIZED);
    let english = (
        "Order A-1043 was due on 12 Nov 2026, 3 days ago.".to_owned(),
        "Report a late order".to_owned(),
    );
    for locale in [
        None,
        Some("en-GB"),
        Some("ja"),
        Some("fr-CA"),
        Some(""),
        Some("e"),
    ] {
        assert_eq!(
            reason_and_label(&run(&set, late_order(locale))),
            english,
            "{locale:?}"
        );
    }
    // Arabic has a reason but no label: each text falls back on its own.
    let (reason, label) = reason_and_label(&run(&set, late_order(Some("ar-EG"))));
    assert_eq!(
        reason,
        "في 12 Nov 2026 كان موعد تسليم الطلب A-1043 (عدد أيام التأخير: 3)."
    );
    assert_eq!(label, "Report a late order");
    let list = run(&set, json!({"surface": "order", "locale": "ar"}));
    assert_eq!(list[0].reasons[0].text, "Often read on order pages.");
}

#[test]
fn the_facts_behind_a_reason_are_the_same_in_every_language() {
    let set = rules(LOCALIZED);
    let english = run(&set, late_order(Some("en")));
    for locale in ["es", "ar"] {
        let translated = run(&set, late_order(Some(locale)));
        assert_ne!(translated[0].reasons[0].text, english[0].reasons[0].text);
        assert_eq!(
            translated[0].reasons[0].facts, english[0].reasons[0].facts,
            "{locale}"
        );
        assert_eq!(ids(&translated), ids(&english));
    }
    // A translation citing the facts in another order still lists them in the English order.
    let set = rules(&localized_rule(
        r#"{ en = "Order {order.id} comes to {order.amount|amount}.", es = "{order.amount|amount}: el total del pedido {order.id}." }"#,
        "\"S\"",
    ));
    let facts = |locale: &str| json!({"surface": "order", "locale": locale, "order": {"id": "A-1", "amount": 20, "currency": "EUR"}});
    let (english, spanish) = (run(&set, facts("en")), run(&set, facts("es")));
    assert_eq!(
        spanish[0].reasons[0].text,
        "20.00 EUR: el total del pedido A-1."
    );
    let paths: Vec<&str> = spanish[0].reasons[0]
        .facts
        .iter()
        .map(|fact| fact.path.as_str())
        .collect();
    assert_eq!(paths, ["surface", "order.id", "order.amount"]);
    assert_eq!(spanish[0].reasons[0].facts, english[0].reasons[0].facts);
}

#[test]
fn a_count_of_one_reads_singular_in_spanish() {
    let set = rules(LOCALIZED);
    let facts = json!({"surface": "order", "locale": "es", "order": {"id": "A-1", "promised_by": "2026-11-14"}});
    assert_eq!(
        run(&set, facts)[0].reasons[0].text,
        "El pedido A-1 debía llegar el 14 Nov 2026, hace 1 día."
    );
}

/// A rule `x` whose `reason` is `reason` (TOML) and whose status action is labelled `label`.
fn localized_rule(reason: &str, label: &str) -> String {
    format!(
        "[[rule]]\nid = \"x\"\nwhen = [{{ fact = \"surface\", exists = true }}]\nsuggest = [{{ action = \"status\", label = {label} }}]\nreason = {reason}\n"
    )
}

#[test]
fn translations_must_use_the_english_placeholders() {
    let en = r#"en = "Order {order.id} was due on {order.promised_by|date+3}""#;
    let with = |es: &str| localized_rule(&format!("{{ {en}, es = \"{es}\" }}"), "\"S\"");
    let prefix = "rule x: `reason.es` must use the same placeholders as `reason.en`: ";
    let cases = [
        ("Pedido {order.id}", "missing `{order.promised_by|date+3}`"),
        (
            "Pedido {order.id} del {order.promised_by|date+3}, {order.amount|amount}",
            "extra `{order.amount|amount}`",
        ),
        (
            "Pedido {order.id} {order.id} del {order.promised_by|date+3}",
            "extra `{order.id}`",
        ),
        (
            "Pedido {order.id} del {order.promised_by|date-3}",
            "missing `{order.promised_by|date+3}`; extra `{order.promised_by|date-3}`",
        ),
        (
            "Pedido {order.id|words} del {order.promised_by|date+3}",
            "missing `{order.id}`; extra `{order.id|words}`",
        ),
        (
            "Un pedido",
            "missing `{order.id}`, `{order.promised_by|date+3}`",
        ),
    ];
    for (es, difference) in cases {
        assert_eq!(error(&with(es)), format!("{prefix}{difference}"), "{es}");
    }
    // Word order is free, and so is the spacing inside braces.
    let reordered = with("El {order.promised_by | date+3} vencía el pedido { order.id }");
    assert!(RuleSet::from_toml(&reordered).is_ok());

    let fallback = "[[fallback]]\nsurface = \"order\"\narticles = [\"a\"]\nreason.en = \"On {order.id}.\"\nreason.ar = \"عن الطلب.\"\n";
    assert_eq!(
        error(fallback),
        "fallback #1: `reason.ar` must use the same placeholders as `reason.en`: missing `{order.id}`"
    );
}

#[test]
fn translated_texts_are_checked_like_english_ones() {
    let cases = [
        (
            localized_rule(r#"{ es = "Razón" }"#, "\"S\""),
            "rule x: `reason` has no `en`",
        ),
        (
            localized_rule("{}", "\"S\""),
            "rule x: `reason` has no `en`",
        ),
        (
            localized_rule("\"r\"", r#"{ es = "Estado" }"#),
            "rule x: `label` has no `en`",
        ),
        (
            localized_rule(r#"{ en = "r", es-MX = "r" }"#, "\"S\""),
            "rule x: `reason` has a text for `es-MX`: translations are keyed by lowercase language",
        ),
        (
            localized_rule(r#"{ en = "r", ES = "r" }"#, "\"S\""),
            "rule x: `reason` has a text for `ES`",
        ),
        (
            localized_rule(r#"{ en = "r", es = " " }"#, "\"S\""),
            "rule x: `reason.es` must be a non-empty string",
        ),
        (
            localized_rule("\"r\"", r#"{ en = "S", ar = 3 }"#),
            "rule x: `label.ar` must be a non-empty string",
        ),
        (
            localized_rule("3", "\"S\""),
            "rule x: `reason` must be a non-empty string, or a table of language → text",
        ),
        (
            localized_rule(r#"{ en = "r", es = "Pedido {order.numero}" }"#, "\"S\""),
            "rule x: `reason.es`: placeholder `{order.numero}`: unknown fact `order.numero`",
        ),
        (
            localized_rule(r#"{ en = "Order {order.number}" }"#, "\"S\""),
            "rule x: `reason.en`: placeholder `{order.number}`: unknown fact `order.number`",
        ),
        (
            "[[fallback]]\nsurface = \"order\"\narticles = [\"a\"]\nreason = { es = \"r\" }\n"
                .to_owned(),
            "fallback #1: `reason` has no `en`",
        ),
    ];
    for (text, expected) in cases {
        let message = error(&text);
        assert!(
            message.starts_with(expected),
            "expected `{expected}…`, got `{message}`"
        );
    }
}

#[test]
fn toml_to_json_keeps_translation_tables() {
    let json = RuleSet::toml_to_json(LOCALIZED).unwrap();
    assert_eq!(
        json["rule"][0]["reason"]["es"],
        "El pedido {order.id} debía llegar el {order.promised_by|date}, hace {order.promised_by|days_since} días."
    );
    assert_eq!(
        json["rule"][0]["suggest"][1]["label"],
        json!({"en": "Report a late order", "es": "Avisar de un retraso"})
    );
    assert_eq!(
        json["fallback"][0]["reason"]["en"],
        "Often read on order pages."
    );
    // As the widget gets them: sent as text, read back.
    let wire = serde_json::to_string(&json).unwrap();
    let from_json = RuleSet::from_json(&serde_json::from_str(&wire).unwrap()).unwrap();
    assert_eq!(from_json, rules(LOCALIZED));
    assert_eq!(
        reason_and_label(&run(&from_json, late_order(Some("es-MX")))).1,
        "Avisar de un retraso"
    );
}

#[test]
fn shipped_reasons_and_labels_are_in_spanish_and_arabic() {
    let set = shipped();
    fn languages(mut translations: Vec<&str>) -> Vec<&str> {
        translations.sort_unstable();
        translations
    }
    let mut texts = 0;
    for rule in &set.rules {
        let found = languages(rule.reason.translations().map(|(l, _)| l).collect());
        assert_eq!(found, ["ar", "es"], "rule {} reason", rule.id);
        texts += 1;
        for item in &rule.suggest {
            if let Item::Action { label, .. } = item {
                let found = languages(label.translations().map(|(l, _)| l).collect());
                assert_eq!(found, ["ar", "es"], "rule {} label", rule.id);
                texts += 1;
            }
        }
    }
    for (index, fallback) in set.fallbacks.iter().enumerate() {
        let found = languages(fallback.reason.translations().map(|(l, _)| l).collect());
        assert_eq!(found, ["ar", "es"], "fallback #{}", index + 1);
        texts += 1;
    }
    assert_eq!(texts, 25);
}

#[test]
fn shipped_rules_speak_the_users_language_for_a_late_order() {
    let late = |locale: &str| {
        let list = run_with(
            &shipped(),
            json!({"surface": "order", "role": "buyer", "locale": locale, "order": {
                "id": "A-1043", "status": "shipped", "placed_at": days_ago(8), "promised_by": days_ago(3),
                "shipped_at": days_ago(6), "payment_status": "paid", "amount": 129.5, "currency": "EUR"}}),
            json!({}),
            clock(60),
        );
        reason_and_label(&list)
    };
    assert_eq!(
        late("es-MX"),
        (
            "El pedido A-1043 debía llegar el 12 Nov 2026, hace 3 días, y todavía no se ha entregado."
                .to_owned(),
            "Avisar de un pedido retrasado".to_owned()
        )
    );
    assert_eq!(
        late("ar-SA"),
        (
            "كان موعد تسليم الطلب A-1043 في 12 Nov 2026، ولم يتم تسليمه حتى الآن (عدد أيام التأخير: 3)."
                .to_owned(),
            "الإبلاغ عن تأخر الطلب".to_owned()
        )
    );
    assert_eq!(
        late("de-DE").1,
        "Report a late order",
        "no German yet: English"
    );
}
