//! Guided flows in the insights (issues 15 and 16): the flows report per flow version and step, from the daily
//! rollup and today's raw events alike, with its small-cell suppression and CSV; the funnel's resolutions in a
//! flow kept apart from helpful votes; a flow event naming no step of a flow version refused. On both backends.

use crate::helpers::{AGENT_TOKEN, TestDesk, roll_up_now};
use crate::insights::{batch, beacon, count, send_ok, written};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_desk::db::Db;
use signpost_desk::insights::ingest::{EventRow, day_of, insert};
use signpost_desk::insights::period::date_of;

on_both_backends_with_k!(1;
    two_versions_of_a_flow_are_counted_apart,
    the_funnel_keeps_flow_resolutions_apart_from_helpful_votes,
);
on_both_backends_with_k!(5; few_people_at_a_step_are_shown_as_fewer_than_k);
on_both_backends!(a_flow_event_must_name_a_step_of_a_flow_version);

/// Today, as days since 1970.
fn today() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    day_of(now.as_millis() as i64)
}

/// Events of one buyer on `day`, a second apart from 01:00 UTC on, written as the desk writes a batch's.
fn on_day(day: i64, unit: &str, events: &[(&'static str, Option<&str>)]) -> Vec<EventRow> {
    events
        .iter()
        .enumerate()
        .map(|(i, (kind, item))| EventRow {
            day,
            at_ms: day * 86_400_000 + 3_600_000 + i as i64 * 1_000,
            kind,
            unit: Some(format!("i:{unit}")),
            audience: "buyer",
            surface: "order",
            language: "en".into(),
            identified: false,
            returning: false,
            dimensions: "{}".into(),
            item: item.map(str::to_owned),
            query: None,
            results: None,
            helpful: (*kind == "article_voted").then_some(true),
            variant: None,
        })
        .collect()
}

/// Flow events of one step after another, `age_ms` telling their order: `(kind, item)`.
fn flow_events(events: &[(&str, &str)]) -> Value {
    let count = events.len();
    let mut listed = vec![json!({"kind": "opened", "age_ms": (count + 1) * 1_000})];
    listed.extend(events.iter().enumerate().map(
        |(i, (kind, item))| json!({"kind": kind, "item": item, "age_ms": (count - i) * 1_000}),
    ));
    Value::Array(listed)
}

/// The report before and after the past days are rolled up, which must be the same.
async fn before_and_after_the_rollup(desk: &TestDesk, db: &Db, path: &str) -> Value {
    let before: Value = desk.agent_get(path).await;
    roll_up_now(db).await;
    let rolled: i64 = signpost_desk::with_pool!(db, pool =>
        sqlx::query_scalar("SELECT COUNT(*) FROM insight_rollups").fetch_one(pool).await)
    .unwrap();
    assert!(rolled > 0, "the past day was rolled up");
    let after: Value = desk.agent_get(path).await;
    assert_eq!(before, after, "the rollup reports what the raw events did");
    after
}

async fn csv(desk: &TestDesk, path: &str) -> String {
    let response = desk
        .client
        .get(desk.url(path))
        .bearer_auth(AGENT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    response.text().await.unwrap()
}

/// The steps of a flow version in the report: (step, [reached, resolved, handed off, abandoned, went on]).
fn steps(version: &Value) -> Vec<(String, [Value; 5])> {
    version["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["step"].as_str().unwrap().to_owned(),
                ["reached", "resolved", "handed_off", "abandoned", "went_on"]
                    .map(|cell| count(&row[cell])),
            )
        })
        .collect()
}

fn step<'a>(version: &'a Value, id: &str) -> &'a Value {
    version["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["step"] == id)
        .unwrap()
}

async fn two_versions_of_a_flow_are_counted_apart(desk: TestDesk) {
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let (today, past) = (today(), today() - 3);
    // Three days ago, version 1 of "Where is my order?": Ana resolved it at the late-case step, Ben was handed
    // to a person there, Cas left at the first question. And an item no checked batch can carry, ignored.
    let v1 = |step: &str| format!("where-is-my-order@1/{step}");
    let (ask, late) = (v1("ask-status"), v1("late-case"));
    let mut rows = vec![];
    for (unit, end) in [("ana", "flow_resolved"), ("ben", "flow_handed_off")] {
        rows.extend(on_day(
            past,
            unit,
            &[
                ("flow_step", Some(&ask)),
                ("flow_step", Some(&late)),
                (end, Some(&late)),
            ],
        ));
    }
    rows.extend(on_day(
        past,
        "cas",
        &[("flow_step", Some(&ask)), ("flow_abandoned", Some(&ask))],
    ));
    rows.extend(on_day(past, "dan", &[("flow_step", Some("oops"))]));
    insert(&db, &rows).await.unwrap();

    // Today, version 2 (an edit the desk's help center does not serve yet): two resolve it at `tracking`, one
    // leaves at the first question, one is handed off at `no-scans`; an unlinked browser is nobody.
    let v2 = |step: &str| format!("where-is-my-order@2/{step}");
    let (ask2, tracking, no_scans) = (v2("ask-status"), v2("tracking"), v2("no-scans"));
    for unit in ["eve", "fay"] {
        let events = flow_events(&[
            ("flow_step", &ask2),
            ("flow_step", &tracking),
            ("flow_resolved", &tracking),
        ]);
        send_ok(&desk, &batch(unit, "buyer", events)).await;
    }
    let events = flow_events(&[("flow_step", &ask2), ("flow_abandoned", &ask2)]);
    send_ok(&desk, &batch("gus", "buyer", events)).await;
    let events = flow_events(&[
        ("flow_step", &ask2),
        ("flow_step", &tracking),
        ("flow_step", &no_scans),
        ("flow_handed_off", &no_scans),
    ]);
    send_ok(&desk, &batch("hal", "buyer", events)).await;
    let unlinked = json!({"unit": {"kind": "unlinked"}, "page": {"surface": "order", "language": "en"},
                          "events": [{"kind": "flow_step", "item": ask2}]});
    send_ok(&desk, &unlinked).await;
    written(&desk, 4 + 4 + 3 + 5 + 1).await;

    let period = format!("from={}&to={}", date_of(past), date_of(today));
    let path = format!("/v1/agent/insights/flows?{period}");
    let report = before_and_after_the_rollup(&desk, &db, &path).await;
    assert_eq!(report["min_users"], 1);
    let flows = report["flows"].as_array().unwrap();
    assert_eq!(flows.len(), 2, "two versions, nothing of `oops`: {report}");
    let (newer, older) = (&flows[0], &flows[1]);
    assert_eq!(newer["flow"], "where-is-my-order");
    assert_eq!(newer["title"], "Where is my order?");
    assert_eq!(
        (&newer["version"], &newer["current"]),
        (&json!(2), &json!(false))
    );
    assert_eq!(
        (&older["version"], &older["current"]),
        (&json!(1), &json!(true))
    );
    let row = |step: &str, counts: [u64; 5]| (step.to_owned(), counts.map(|n| json!(n)));
    // In the order people reached the steps (not alphabetical), each version with only its own people.
    assert_eq!(
        steps(newer),
        [
            row("ask-status", [4, 0, 0, 1, 3]),
            row("tracking", [3, 2, 0, 0, 1]),
            row("no-scans", [1, 0, 1, 0, 0]),
        ],
        "{report}"
    );
    assert_eq!(
        steps(older),
        [
            row("ask-status", [3, 0, 0, 1, 2]),
            row("late-case", [2, 1, 1, 0, 0])
        ],
        "{report}"
    );
    let resolved = &step(newer, "tracking")["resolved_rate"];
    assert_eq!(
        (&resolved["successes"], &resolved["trials"]),
        (&json!(2), &json!(3))
    );
    let (low, high) = (
        resolved["low"].as_f64().unwrap(),
        resolved["high"].as_f64().unwrap(),
    );
    assert!(low < 2.0 / 3.0 && 2.0 / 3.0 < high, "{resolved}");
    assert_eq!(step(older, "late-case")["handed_off_rate"]["rate"], 0.5);

    let text = csv(&desk, &format!("{path}&format=csv")).await;
    assert!(
        text.starts_with(
            "flow,title,version,current,step,reached,resolved,handed off,abandoned,went on,resolved rate,\
             resolved rate low,resolved rate high,"
        ),
        "{text}"
    );
    assert!(
        text.contains("\r\nwhere-is-my-order,Where is my order?,2,no,tracking,3,2,0,0,1,0.6667,"),
        "{text}"
    );
    assert_eq!(
        text.lines().count(),
        1 + 5,
        "a header and a row per step: {text}"
    );
}

async fn the_funnel_keeps_flow_resolutions_apart_from_helpful_votes(desk: TestDesk) {
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    // Four days back, so the funnel's 72-hour line (from the events' 01:00) has passed at any time of day.
    let (today, past) = (today(), today() - 4);
    let ask = "where-is-my-order@1/ask-status";
    let found = "where-is-my-order@1/found-it";
    // Then (rolled up below): one resolved in a flow, one voted an article helpful, one went through
    // a flow's first step and no further, and filed no ticket since (assumed resolved: a step shown is
    // helping oneself).
    let mut rows = on_day(
        past,
        "old-flow",
        &[
            ("opened", None),
            ("flow_step", Some(ask)),
            ("flow_resolved", Some(ask)),
        ],
    );
    rows.extend(on_day(
        past,
        "old-vote",
        &[
            ("opened", None),
            ("article_read", Some("late-delivery")),
            ("article_voted", Some("late-delivery")),
        ],
    ));
    rows.extend(on_day(
        past,
        "old-step",
        &[("opened", None), ("flow_step", Some(ask))],
    ));
    insert(&db, &rows).await.unwrap();
    // Today: resolved in a flow; resolved in a flow and voted helpful too (counted once, as resolved in the
    // flow); voted helpful; resolved in a flow, then filed a ticket anyway (escalated); a step shown, no end yet.
    let resolved = [("flow_step", found), ("flow_resolved", found)];
    send_ok(&desk, &batch("flow", "buyer", flow_events(&resolved))).await;
    let mut both = flow_events(&resolved);
    both.as_array_mut()
        .unwrap()
        .push(json!({"kind": "article_voted", "item": "late-delivery", "helpful": true}));
    send_ok(&desk, &batch("flow-and-vote", "buyer", both)).await;
    let vote = json!([
        {"kind": "opened"},
        {"kind": "article_read", "item": "late-delivery"},
        {"kind": "article_voted", "item": "late-delivery", "helpful": true},
    ]);
    send_ok(&desk, &batch("vote", "buyer", vote)).await;
    let mut then_ticket = flow_events(&resolved);
    then_ticket
        .as_array_mut()
        .unwrap()
        .push(json!({"kind": "ticket_filed", "item": "SP-1001"}));
    send_ok(&desk, &batch("flow-then-ticket", "buyer", then_ticket)).await;
    let step_only = flow_events(&[("flow_step", ask)]);
    send_ok(&desk, &batch("step", "buyer", step_only)).await;
    written(&desk, 3 + 4 + 3 + 4 + 2).await;

    let period = format!("from={}&to={}", date_of(past), date_of(today));
    let path = format!("/v1/agent/insights/funnel?by=audience&{period}");
    let funnel = before_and_after_the_rollup(&desk, &db, &path).await;
    let buyer = &funnel["rows"][0];
    assert_eq!(buyer["cohort"], "buyer", "{funnel}");
    let outcomes: Vec<Value> = [
        "opened",
        "left",
        "contacted_directly",
        "resolved_in_flow",
        "confirmed",
        "assumed",
        "pending",
        "escalated",
    ]
    .iter()
    .map(|outcome| count(&buyer[*outcome]))
    .collect();
    assert_eq!(
        outcomes,
        [8, 0, 0, 3, 2, 1, 1, 1].map(|n| json!(n)),
        "{funnel}"
    );
    let share = |rate: &Value| (rate["successes"].clone(), rate["trials"].clone());
    assert_eq!(share(&buyer["resolved_in_flow_rate"]), (json!(3), json!(8)));
    assert_eq!(
        share(&buyer["confirmed_rate"]),
        (json!(2), json!(8)),
        "never added up"
    );
    assert_eq!(share(&buyer["assumed_rate"]), (json!(1), json!(7)));

    let text = csv(&desk, &format!("{path}&format=csv")).await;
    assert!(
        text.starts_with(
            "audience,opened,left,contacted directly,confirmed,resolved in flow,assumed,"
        ),
        "{text}"
    );
    assert!(text.contains("\r\nbuyer,8,0,0,2,3,1,1,1,"), "{text}");
    assert!(
        text.contains(",resolved in flow rate,resolved in flow rate low,"),
        "{text}"
    );
}

async fn few_people_at_a_step_are_shown_as_fewer_than_k(desk: TestDesk) {
    // Six people reach `tracking` and all resolve it there; two leave at the first question.
    let ask = "where-is-my-order@1/ask-status";
    let tracking = "where-is-my-order@1/tracking";
    for i in 0..6 {
        let events = flow_events(&[
            ("flow_step", ask),
            ("flow_step", tracking),
            ("flow_resolved", tracking),
        ]);
        send_ok(&desk, &batch(&format!("r{i}"), "buyer", events)).await;
    }
    for i in 0..2 {
        let events = flow_events(&[("flow_step", ask), ("flow_abandoned", ask)]);
        send_ok(&desk, &batch(&format!("a{i}"), "buyer", events)).await;
    }
    written(&desk, 6 * 4 + 2 * 3).await;
    let report: Value = desk.agent_get("/v1/agent/insights/flows").await;
    assert_eq!(report["min_users"], 5);
    let version = &report["flows"][0];
    let first = step(version, "ask-status");
    assert_eq!(first["abandoned"], "small", "{report}");
    assert!(first["abandoned_rate"].is_null());
    let tracking = step(version, "tracking");
    assert_eq!(tracking["handed_off"], "small", "{report}");
    // Shown together, the 6 who reached it and the 6 resolved would say that none was handed off or left.
    assert!(
        tracking["reached"].get("count").is_none() || tracking["resolved"].get("count").is_none(),
        "{report}"
    );
    assert!(tracking["resolved_rate"].is_null());
    let text = csv(&desk, "/v1/agent/insights/flows?format=csv").await;
    assert!(text.contains(",< 5,"), "{text}");
}

async fn a_flow_event_must_name_a_step_of_a_flow_version(desk: TestDesk) {
    let bad = batch("u", "buyer", json!([{"kind": "flow_step", "item": "oops"}]));
    let response = beacon(&desk, &bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "events[0].item", "{body}");
    assert_eq!(body["fields"][0]["problem"], "invalid_value", "{body}");
    let unnamed = batch("u", "buyer", json!([{"kind": "flow_resolved"}]));
    let response = beacon(&desk, &unnamed).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The report asks what the others ask: an agent, and a period the right way round.
    let response = desk
        .client
        .get(desk.url("/v1/agent/insights/flows"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = desk
        .client
        .get(desk.url("/v1/agent/insights/flows?from=2026-03-10&to=2026-03-01"))
        .bearer_auth(AGENT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let empty: Value = desk.agent_get("/v1/agent/insights/flows").await;
    assert_eq!(empty["flows"], json!([]), "nothing written: {empty}");
}
