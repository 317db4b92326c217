//! Tests of flow files as the desk reads them (TOML, file names) and of the flows shipped in
//! `content/flows/`: `cargo test -p signpost-core --features toml`.

use super::*;
use crate::context::Context;
use crate::rules::date::days_from_civil;
use crate::rules::{Clock, PlainFormatter, RuleSet};
use serde_json::json;
use std::path::{Path, PathBuf};

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// Every `*.toml` file of `content/flows/`, as the desk passes them: (file name, text).
fn shipped_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(content().join("flows"))
        .expect("content/flows")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                std::fs::read_to_string(&path).expect("a readable flow"),
            )
        })
        .collect();
    files.sort();
    files
}

/// The ids of the English articles of the help center.
fn article_exists(id: &str) -> bool {
    content()
        .join("articles")
        .join(format!("{id}.md"))
        .is_file()
}

/// The contact topics of a site that configures none.
fn topic_exists(id: &str) -> bool {
    crate::tickets::DEFAULT_TOPICS
        .iter()
        .any(|(topic, _)| *topic == id)
}

fn shipped() -> FlowCatalog {
    let (catalog, problems) = FlowCatalog::load(shipped_files(), &article_exists, &topic_exists);
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    catalog
}

/// 2026-11-15 12:00 UTC.
fn clock() -> Clock {
    Clock {
        now_unix_seconds: days_from_civil(2026, 11, 15) * 86_400 + 12 * 3_600,
        utc_offset_minutes: 0,
    }
}

fn walk(flow: &Flow, context: Value, extra: Value, replies: &[Reply]) -> Walk {
    let (context, warnings) = Context::from_json(context.as_object().expect("an object"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let extra = extra.as_object().cloned().unwrap_or_default();
    let situation = Situation {
        context: &context,
        extra_facts: &extra,
        clock: clock(),
    };
    flow.walk(&situation, replies, &PlainFormatter)
}

fn at(walk: &Walk) -> &str {
    match &walk.state {
        WalkState::At(step) => &step.step,
        WalkState::Ended(outcome) => panic!("the walk ended: {outcome:?}"),
    }
}

fn text(walk: &Walk) -> &str {
    match &walk.state {
        WalkState::At(CurrentStep {
            view:
                StepView::Answer {
                    text: Some(text), ..
                }
                | StepView::Question {
                    text: Some(text), ..
                },
            ..
        }) => text,
        other => panic!("no text: {other:?}"),
    }
}

// ── The shipped flows ──────────────────────────────────────────────────────

#[test]
fn every_shipped_flow_loads() {
    let catalog = shipped();
    let ids: Vec<String> = catalog.summaries(None).into_iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        [
            "id-document-rejected",
            "payment-failed",
            "return-or-refund",
            "where-is-my-order",
            "where-is-my-payout",
        ]
    );
}

#[test]
fn every_shipped_flow_branches_on_facts_and_has_both_ends_in_three_languages() {
    let catalog = shipped();
    for summary in catalog.summaries(None) {
        let flow = catalog.get(&summary.id).expect("listed");
        let kinds =
            |matches: fn(&StepKind) -> bool| flow.steps.iter().filter(|s| matches(&s.kind)).count();
        assert!(
            kinds(|k| matches!(k, StepKind::Branch { .. })) > 0,
            "{}: no branch",
            flow.id
        );
        assert!(
            kinds(|k| matches!(k, StepKind::Handoff { .. })) > 0,
            "{}: no hand-off",
            flow.id
        );
        assert!(
            kinds(|k| matches!(k, StepKind::Resolved { .. })) > 0,
            "{}: no resolved end",
            flow.id
        );
        let mut languages: Vec<Vec<&str>> =
            vec![flow.title.translations().map(|(l, _)| l).collect()];
        for step in &flow.steps {
            let texts = match &step.kind {
                StepKind::Question { text, choices } => {
                    languages.extend(
                        choices
                            .iter()
                            .map(|c| c.label.translations().map(|(l, _)| l).collect()),
                    );
                    Some(text)
                }
                StepKind::Answer { text, action, .. } => {
                    languages.extend(
                        action
                            .iter()
                            .map(|a| a.label.translations().map(|(l, _)| l).collect()),
                    );
                    text.as_ref()
                }
                StepKind::Resolved { text } | StepKind::Handoff { text, .. } => text.as_ref(),
                StepKind::Branch { .. } => None,
            };
            languages.extend(texts.map(|t| t.translations().map(|(l, _)| l).collect()));
        }
        for mut found in languages {
            found.sort_unstable();
            assert_eq!(
                found,
                ["ar", "es"],
                "{}: every text in Arabic and Spanish",
                flow.id
            );
        }
    }
}

#[test]
fn the_shipped_rules_suggest_only_shipped_flows() {
    let catalog = shipped();
    let text = std::fs::read_to_string(content().join("rules.toml")).expect("rules.toml");
    let rules = RuleSet::from_toml(&text).unwrap_or_else(|error| panic!("{error}"));
    assert!(rules.unknown_flows(&|id| catalog.contains(id)).is_empty());
    let suggested: Vec<String> = rules.flow_ids().into_iter().collect();
    let shipped: Vec<String> = catalog.summaries(None).into_iter().map(|s| s.id).collect();
    assert_eq!(
        suggested, shipped,
        "each shipped flow is suggested by some rule"
    );
}

/// The demo's late order (due 3 days ago) as `demo/assets/order.js` sends it.
fn late_order(locale: &str) -> Value {
    json!({"surface": "order", "role": "buyer", "locale": locale, "order": {"id": "A-1043", "status": "shipped",
        "placed_at": "2026-11-07T10:00:00Z", "shipped_at": "2026-11-09T10:00:00Z",
        "promised_by": "2026-11-12T10:00:00Z", "payment_status": "paid", "amount": 129.5, "currency": "EUR"}})
}

#[test]
fn where_is_my_order_on_the_demos_late_order_leads_to_a_case_then_a_person() {
    let catalog = shipped();
    let flow = catalog.get("where-is-my-order").unwrap();
    let first = walk(flow, late_order("en"), json!({}), &[]);
    assert_eq!(at(&first), "late-case");
    assert!(
        text(&first).starts_with("Order A-1043 was due on 12 Nov 2026, 3 days ago."),
        "{}",
        text(&first)
    );
    let arabic = walk(flow, late_order("ar"), json!({}), &[]);
    assert!(
        text(&arabic).contains("(عدد أيام التأخير: 3)"),
        "{}",
        text(&arabic)
    );

    let handed = walk(flow, late_order("es"), json!({}), &[Reply::NotSolved]);
    assert!(
        matches!(&handed.state, WalkState::Ended(Outcome::HandedOff { topic, .. }) if topic == "order-not-arrived")
    );
    // An incident on shipping comes first, then the order's own situation.
    let incident = json!({"incidents": {"active": ["orders and shipping"]}});
    let first = walk(flow, late_order("en"), incident.clone(), &[]);
    assert_eq!(at(&first), "incident");
    assert_eq!(
        at(&walk(flow, late_order("en"), incident, &[Reply::NotSolved])),
        "late-case"
    );
    // Delivered, found: resolved.
    let delivered =
        json!({"order": {"id": "A-1043", "status": "delivered", "delivered_at": "2026-11-10"}});
    let found = walk(flow, delivered, json!({}), &[Reply::Choose { choice: 0 }]);
    assert!(
        matches!(&found.state, WalkState::Ended(Outcome::Resolved { step, .. }) if step == "found-it")
    );
}

#[test]
fn the_other_shipped_flows_follow_their_facts() {
    let catalog = shipped();
    let first = |id: &str, context: Value, extra: Value| {
        at(&walk(catalog.get(id).unwrap(), context, extra, &[])).to_owned()
    };
    // Payment: the error code the host sends, an incident first, and asking when there is no code.
    let failed = |error: &str| json!({"surface": "checkout", "order": {"payment_status": "failed"}, "payment_error": error});
    assert_eq!(
        first(
            "payment-failed",
            failed("authentication_required"),
            json!({})
        ),
        "verification"
    );
    assert_eq!(
        first("payment-failed", failed("insufficient_funds"), json!({})),
        "funds"
    );
    assert_eq!(
        first("payment-failed", failed("incorrect_cvc"), json!({})),
        "card-details"
    );
    assert_eq!(first("payment-failed", json!({}), json!({})), "ask-message");
    let payments_down = json!({"incidents": {"active": ["payments"]}});
    assert_eq!(
        first("payment-failed", failed("card_declined"), payments_down),
        "incident"
    );
    // Returns: by order status and days since delivery.
    let delivered =
        |on: &str| json!({"order": {"id": "A-1043", "status": "delivered", "delivered_at": on}});
    assert_eq!(
        first("return-or-refund", delivered("2026-11-05"), json!({})),
        "within-window"
    );
    assert_eq!(
        first("return-or-refund", delivered("2026-09-01"), json!({})),
        "window-closed"
    );
    assert_eq!(
        first(
            "return-or-refund",
            json!({"order": {"status": "paid"}}),
            json!({})
        ),
        "cancel"
    );
    assert_eq!(
        first("return-or-refund", json!({}), json!({})),
        "ask-situation"
    );
    let window = walk(
        catalog.get("return-or-refund").unwrap(),
        delivered("2026-11-05"),
        json!({}),
        &[],
    );
    assert!(
        text(&window).contains("until 5 Dec 2026"),
        "{}",
        text(&window)
    );
    // ID document: the demo's onboarding page on identity verification with the rejection blocker.
    let rejected = json!({"surface": "onboarding", "role": "seller", "onboarding": {"step": "identity_verification",
        "completed": ["account", "shop_profile"], "blockers": ["document_rejected"]}});
    assert_eq!(
        first("id-document-rejected", rejected, json!({})),
        "ask-reason"
    );
    assert_eq!(
        first("id-document-rejected", json!({}), json!({})),
        "ask-rejected"
    );
    // Payouts: a failed payout account, an onboarding seller, an established one.
    let failed_account =
        json!({"onboarding": {"step": "payout_account", "blockers": ["payout_account_failed"]}});
    assert_eq!(
        first("where-is-my-payout", failed_account, json!({})),
        "account-failed"
    );
    assert_eq!(
        first(
            "where-is-my-payout",
            json!({"onboarding": {"step": "shop_profile"}}),
            json!({})
        ),
        "not-set-up"
    );
    assert_eq!(
        first("where-is-my-payout", json!({"role": "seller"}), json!({})),
        "ask-status"
    );
}

// ── Reading files ──────────────────────────────────────────────────────────

#[test]
fn the_example_in_the_format_docs_loads() {
    let docs = include_str!("mod.rs");
    let example: String = docs
        .lines()
        .skip_while(|line| *line != "//! ```toml")
        .skip(1)
        .take_while(|line| *line != "//! ```")
        .map(|line| {
            format!(
                "{}\n",
                line.trim_start_matches("//!").trim_start_matches(' ')
            )
        })
        .collect();
    assert!(example.contains("[[step]]"), "{example}");
    let flow = parse_flow("where-is-my-order.toml", &example)
        .unwrap_or_else(|problems| panic!("{problems:#?}"));
    assert_eq!((flow.version(), flow.longest_path()), (3, 2));
}

#[test]
fn a_file_name_must_be_an_id_and_toml_errors_have_a_position() {
    let text = std::fs::read_to_string(content().join("flows/where-is-my-order.toml")).unwrap();
    assert!(parse_flow("where-is-my-order.toml", &text).is_ok());
    for name in ["Where is my order.toml", "where-is-my-order.json", ".toml"] {
        let problems = parse_flow(name, &text).expect_err("a bad name");
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].file.as_str(), &problems[0].problem),
            (name, &FlowProblemCode::FileName)
        );
    }
    let broken = "version = 1\ntitle = \"Broken\"\n[[step]\nid = \"x\"\n";
    let problems = parse_flow("broken.toml", broken).expect_err("not TOML");
    assert!(
        matches!(
            problems[0].problem,
            FlowProblemCode::Syntax {
                line: 3,
                column: 1..=8,
                ..
            }
        ),
        "{:?}",
        problems[0]
    );
    let wire = serde_json::to_value(&problems[0]).unwrap();
    assert_eq!(wire["problem"], json!("syntax"));
    assert!(
        wire.get("detail").is_none(),
        "the parser's English stays in the log: {wire}"
    );
    assert!(
        problems[0]
            .to_string()
            .starts_with("broken.toml: not TOML (line 3, column")
    );
}

#[test]
fn a_catalog_refuses_a_bad_file_and_keeps_the_others() {
    let mut files = shipped_files();
    let broken = files[0].1.replacen("next = \"", "next = \"no-such-", 1);
    files.push(("broken.toml".into(), broken));
    files.push((
        "unknown-topic.toml".into(),
        files[3]
            .1
            .replace("topic = \"order-not-arrived\"", "topic = \"lost\""),
    ));
    files.push((
        "unknown-article.toml".into(),
        files[3]
            .1
            .replace("article = \"track-order\"", "article = \"gone\""),
    ));
    let (catalog, problems) = FlowCatalog::load(files, &article_exists, &topic_exists);
    assert_eq!(catalog.summaries(None).len(), 5);
    assert!(!catalog.contains("broken") && !catalog.contains("unknown-article"));
    assert!(!catalog.contains("unknown-topic"));
    let named: Vec<(&str, &FlowProblemCode)> = problems
        .iter()
        .map(|p| (p.file.as_str(), &p.problem))
        .collect();
    assert!(
        matches!(
            named[0],
            ("broken.toml", FlowProblemCode::UnknownStep { .. })
        ),
        "{named:?}"
    );
    assert!(named.iter().all(|(file, _)| {
        ["broken.toml", "unknown-article.toml", "unknown-topic.toml"].contains(file)
    }));
    assert!(named.contains(&(
        "unknown-topic.toml",
        &FlowProblemCode::UnknownTopic {
            topic: "lost".into()
        }
    )));
    assert!(named.contains(&(
        "unknown-article.toml",
        &FlowProblemCode::UnknownArticle {
            article: "gone".into()
        }
    )));
    // What the widget receives is the checked file as JSON, which reads back to the same flow.
    let document = catalog.document("where-is-my-order").unwrap();
    let wire = serde_json::to_value(document).unwrap();
    let back: FlowDocument = serde_json::from_value(wire).unwrap();
    assert_eq!(
        back.parse().unwrap(),
        *catalog.get("where-is-my-order").unwrap()
    );
}
