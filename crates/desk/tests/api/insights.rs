//! Insights: usage events in (as `text/plain`, the way `navigator.sendBeacon` sends them), their validation,
//! privacy (cleaned search text, hashed user ids, unlinked events under Global Privacy Control), the daily
//! rollup and retention, and the reports with their small-cell suppression, on both backends.

use crate::helpers::{self, AGENT_TOKEN, IDENTITY_SECRET, TestDesk, roll_up_now, wait_for};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::context::Role;
use signpost_core::identity::Identity;
use signpost_desk::db::Db;
use signpost_desk::identity::{IdentitySecret, mint};
use signpost_desk::insights::ingest::{EventRow, day_of, insert};
use std::time::Duration;

on_both_backends_with_k!(1;
    a_population_gives_the_funnel_it_lived,
    searches_are_cleaned_and_reported,
    a_verified_user_is_one_person_under_a_hash,
    rollups_outlive_the_raw_events,
);
on_both_backends_with_k!(10; few_people_are_shown_as_fewer_than_k);

/// Sends a batch as `navigator.sendBeacon` does: `text/plain`.
pub(crate) async fn beacon(desk: &TestDesk, batch: &Value) -> reqwest::Response {
    desk.client
        .post(desk.url("/v1/events"))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .body(batch.to_string())
        .send()
        .await
        .unwrap()
}

/// A batch from install `unit` on an order page.
pub(crate) fn batch(unit: &str, audience: &str, events: Value) -> Value {
    json!({
        "unit": {"kind": "install", "id": unit},
        "page": {"surface": "order", "language": "en", "audience": audience},
        "events": events,
    })
}

pub(crate) async fn send_ok(desk: &TestDesk, batch: &Value) {
    let response = beacon(desk, batch).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["dropped"], 0, "{body}");
}

/// Waits until the desk has written `count` events.
pub(crate) async fn written(desk: &TestDesk, count: u64) {
    wait_for(
        "the events to be written",
        Duration::from_secs(30),
        async || {
            let counters: Value = desk.agent_get("/v1/agent/insights/events").await;
            counters["written"].as_u64() == Some(count)
        },
    )
    .await;
}

/// A count as a report shows it: `{"count": n}` → `n`; `"small"`, `"withheld"` as they are.
pub(crate) fn count(value: &Value) -> Value {
    value.get("count").cloned().unwrap_or_else(|| value.clone())
}

async fn a_population_gives_the_funnel_it_lived(desk: TestDesk) {
    // Three buyers find the answer and say so, two search and then file a ticket, one seller opens and leaves,
    // one buyer files a ticket straight away, and one browser with Global Privacy Control reads an article.
    for unit in ["b1", "b2", "b3"] {
        send_ok(
            &desk,
            &batch(
                unit,
                "buyer",
                json!([
                    {"kind": "opened"},
                    {"kind": "suggestion_shown", "item": "late-delivery"},
                    {"kind": "suggestion_followed", "item": "late-delivery"},
                    {"kind": "article_read", "item": "late-delivery"},
                    {"kind": "article_voted", "item": "late-delivery", "helpful": true},
                ]),
            ),
        )
        .await;
    }
    for unit in ["b4", "b5"] {
        send_ok(
            &desk,
            &batch(
                unit,
                "buyer",
                json!([
                    {"kind": "opened"},
                    {"kind": "searched", "query": "refund", "results": 3, "age_ms": 5000},
                    {"kind": "contact_started"},
                    {"kind": "ticket_filed", "item": "SP-1001"},
                ]),
            ),
        )
        .await;
    }
    send_ok(&desk, &batch("s1", "seller", json!([{"kind": "opened"}]))).await;
    send_ok(
        &desk,
        &batch(
            "b6",
            "buyer",
            json!([{"kind": "opened"}, {"kind": "ticket_filed"}]),
        ),
    )
    .await;
    let unlinked = json!({"unit": {"kind": "unlinked"}, "page": {"surface": "order", "language": "en"},
                          "events": [{"kind": "opened"}, {"kind": "article_read", "item": "refunds"}]});
    send_ok(&desk, &unlinked).await;
    written(&desk, 15 + 8 + 1 + 2 + 2).await;

    let funnel: Value = desk
        .agent_get("/v1/agent/insights/funnel?by=audience")
        .await;
    let rows = funnel["rows"].as_array().unwrap();
    let buyer = rows.iter().find(|r| r["cohort"] == "buyer").unwrap();
    let seller = rows.iter().find(|r| r["cohort"] == "seller").unwrap();
    assert_eq!(count(&buyer["opened"]), 6, "{funnel}");
    assert_eq!(count(&buyer["confirmed"]), 3);
    assert_eq!(count(&buyer["escalated"]), 2);
    assert_eq!(count(&buyer["contacted_directly"]), 1);
    assert_eq!(count(&seller["left"]), 1);
    assert_eq!(count(&funnel["total"]["opened"]), 7);
    let engaged = &buyer["engaged_rate"];
    assert_eq!(
        (engaged["successes"].as_u64(), engaged["trials"].as_u64()),
        (Some(5), Some(6))
    );
    assert!(
        engaged["low"].as_f64().unwrap() < 5.0 / 6.0
            && engaged["high"].as_f64().unwrap() > 5.0 / 6.0
    );
    assert_eq!(funnel["unlinked_events"], 2, "counted, not linked");

    let articles: Value = desk.agent_get("/v1/agent/insights/articles").await;
    let late = &articles["rows"][0];
    assert_eq!(late["article"], "late-delivery");
    assert_eq!(count(&late["readers"]), 3);
    assert_eq!(late["helpful_rate"]["rate"], 1.0);

    // The same report as CSV, for a spreadsheet.
    let csv = desk
        .client
        .get(desk.url("/v1/agent/insights/funnel?format=csv"))
        .bearer_auth(AGENT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("audience,opened,left,"), "{text}");
    assert!(text.contains("\r\nbuyer,6,0,1,3,0,0,0,2,0.8333,"), "{text}");
}

async fn searches_are_cleaned_and_reported(desk: TestDesk) {
    for (unit, query) in [
        ("a", "Order A-10023 late"),
        ("b", "order B-99812 LATE"),
        ("c", "mail lena@example.com"),
    ] {
        send_ok(
            &desk,
            &batch(
                unit,
                "buyer",
                json!([
                    {"kind": "opened"},
                    {"kind": "searched", "query": query, "results": 0},
                ]),
            ),
        )
        .await;
    }
    send_ok(
        &desk,
        &batch("a", "buyer", json!([{"kind": "ticket_filed"}])),
    )
    .await;
    written(&desk, 7).await;
    let report: Value = desk.agent_get("/v1/agent/insights/search").await;
    assert_eq!(report["searches"], 3);
    assert_eq!(report["zero_result_rate"]["rate"], 1.0);
    let top = &report["top_zero_result_queries"];
    assert_eq!(
        top[0],
        json!({"query": "order [id] late", "searches": 2, "people": 2}),
        "{report}"
    );
    assert_eq!(top[1]["query"], "mail [email]");
    assert_eq!(report["search_then_ticket_rate"]["successes"], 1);
    assert_eq!(report["search_then_ticket_rate"]["trials"], 3);
}

async fn a_verified_user_is_one_person_under_a_hash(desk: TestDesk) {
    let secret = IdentitySecret::new(IDENTITY_SECRET).unwrap();
    let identity = Identity {
        user_id: "u-lena-4711".into(),
        email: "lena@example.com".into(),
        name: None,
        role: Role::Seller,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let token = mint(&secret, &identity, now, 3_600);
    // Two page views on two devices, one person: the page said buyer, the verified role wins.
    for page_view in ["phone", "laptop"] {
        send_ok(
            &desk,
            &json!({
                "unit": {"kind": "page_view", "id": page_view},
                "identity": token,
                "page": {"surface": "onboarding", "language": "en", "audience": "buyer"},
                "events": [{"kind": "opened"}],
            }),
        )
        .await;
    }
    written(&desk, 2).await;
    let funnel: Value = desk
        .agent_get("/v1/agent/insights/funnel?by=identified")
        .await;
    assert_eq!(
        funnel["rows"],
        json!([funnel["rows"][0]]),
        "one cohort: {funnel}"
    );
    assert_eq!(funnel["rows"][0]["cohort"], "yes");
    assert_eq!(count(&funnel["rows"][0]["opened"]), 1, "one person");
    let by_audience: Value = desk
        .agent_get("/v1/agent/insights/funnel?by=audience")
        .await;
    assert_eq!(by_audience["rows"][0]["cohort"], "seller");
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let units: Vec<String> = signpost_desk::with_pool!(&db, pool =>
        sqlx::query_scalar("SELECT DISTINCT unit FROM insight_events").fetch_all(pool).await)
    .unwrap();
    assert_eq!(units.len(), 1);
    assert!(
        units[0].starts_with("u:") && !units[0].contains("lena"),
        "{units:?}"
    );
}

async fn rollups_outlive_the_raw_events(desk: TestDesk) {
    helpers::daily_insights_done(&desk).await;
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let today = day_of(now);
    // Forty days ago: past the 30 days raw events are kept.
    let old = today - 40;
    let row = |unit: &str, kind: &'static str| EventRow {
        day: old,
        at_ms: old * 86_400_000 + 3_600_000,
        kind,
        unit: Some(unit.to_owned()),
        audience: "buyer",
        surface: "order",
        language: "es".into(),
        identified: false,
        returning: false,
        dimensions: "{}".into(),
        item: Some("refunds".into()),
        query: None,
        results: None,
        helpful: None,
        variant: None,
    };
    insert(
        &db,
        &[
            row("i:x", "opened"),
            row("i:x", "article_read"),
            row("i:y", "opened"),
        ],
    )
    .await
    .unwrap();
    let from = signpost_desk::insights::period::date_of(old);
    let path = format!("/v1/agent/insights/funnel?by=language&from={from}&to={from}");
    let before: Value = desk.agent_get(&path).await;
    roll_up_now(&db).await;
    let raw: i64 = signpost_desk::with_pool!(&db, pool =>
        sqlx::query_scalar("SELECT COUNT(*) FROM insight_events").fetch_one(pool).await)
    .unwrap();
    assert_eq!(
        raw, 0,
        "raw events past retention are deleted once rolled up"
    );
    let after: Value = desk.agent_get(&path).await;
    assert_eq!(before, after, "the rollup reports what the raw events did");
    assert_eq!(count(&after["rows"][0]["opened"]), 2);
    assert_eq!(after["rows"][0]["cohort"], "es");
    // A second replica rolling up finds nothing left to do, and nothing is counted twice.
    roll_up_now(&db).await;
    assert_eq!(desk.agent_get::<Value>(&path).await, after);
}

async fn few_people_are_shown_as_fewer_than_k(desk: TestDesk) {
    for i in 0..12 {
        send_ok(
            &desk,
            &batch(&format!("b{i}"), "buyer", json!([{"kind": "opened"}])),
        )
        .await;
    }
    send_ok(&desk, &batch("s", "seller", json!([{"kind": "opened"}]))).await;
    written(&desk, 13).await;
    let funnel: Value = desk.agent_get("/v1/agent/insights/funnel").await;
    assert_eq!(funnel["min_users"], 10);
    let seller = funnel["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["cohort"] == "seller")
        .unwrap();
    assert_eq!(seller["opened"], "small", "{funnel}");
    assert!(seller["engaged_rate"].is_null());
    // The total would give the seller away (13 − 12): it, or the buyers' count, is withheld.
    let buyer = funnel["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["cohort"] == "buyer")
        .unwrap();
    assert!(
        buyer["opened"].get("count").is_none() || funnel["total"]["opened"].get("count").is_none(),
        "{funnel}"
    );
}

on_both_backends!(bad_batches_get_a_precise_answer);
on_both_backends_with_k!(1; tickets_give_responses_repeats_and_triage_accuracy);

async fn tickets_give_responses_repeats_and_triage_accuracy(desk: TestDesk) {
    // Lena writes three times about her parcel (two repeats within 7 days); one ticket is re-routed.
    let mut ids = vec![];
    for i in 0..3 {
        let created: signpost_core::tickets::TicketCreated = desk
            .file_ok(
                &format!("key-report-{i}"),
                None,
                &helpers::ticket("Where is my parcel? It is late."),
            )
            .await;
        ids.push(created.id);
    }
    let reply = desk
        .agent_post(
            &format!("/v1/agent/tickets/{}/reply", ids[0]),
            &json!({"body": "On its way."}),
        )
        .await;
    assert!(reply.status().is_success());
    let reroute = desk
        .agent_post(
            &format!("/v1/agent/tickets/{}/reroute", ids[1]),
            &json!({"queue": "payments", "priority": "high", "reason": "a charge, not a parcel"}),
        )
        .await;
    assert!(reroute.status().is_success());

    let responses: Value = desk.agent_get("/v1/agent/insights/responses").await;
    let answered: u64 = responses["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["answered"].as_u64().unwrap())
        .sum();
    let tickets: u64 = responses["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tickets"].as_u64().unwrap())
        .sum();
    assert_eq!((answered, tickets), (1, 3), "{responses}");
    let within = responses["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["answered"] == 1)
        .unwrap();
    assert_eq!(
        within["within_target_rate"]["successes"], 1,
        "answered at once, within target"
    );
    assert!(within["p50_minutes"].as_f64().unwrap() < 1.0);

    let repeats: Value = desk.agent_get("/v1/agent/insights/repeats").await;
    let tickets: u64 = repeats["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tickets"].as_u64().unwrap())
        .sum();
    assert_eq!(tickets, 3, "{repeats}");
    let repeated: u64 = repeats["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["by_tickets"]["successes"].as_u64())
        .sum();
    assert_eq!(
        repeated, 2,
        "the first two were followed by another within 7 days: {repeats}"
    );

    let triage: Value = desk.agent_get("/v1/agent/insights/triage").await;
    assert_eq!(triage["rerouted_rate"]["successes"], 1, "{triage}");
    assert_eq!(triage["rerouted_rate"]["trials"], 3);
    let labels: Vec<&str> = triage["queues"]["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(labels.contains(&"payments"), "{labels:?}");
    assert_eq!(triage["queues"]["accuracy"]["successes"].as_u64(), Some(2));
    assert_eq!(triage["weeks"].as_array().unwrap().len(), 1);
    let topic_drift = &triage["drift"][0];
    assert_eq!(topic_drift["of"], "topic");
    assert!(
        topic_drift["index"].is_null(),
        "no baseline weeks yet: {topic_drift}"
    );
}

async fn bad_batches_get_a_precise_answer(desk: TestDesk) {
    let send = |content_type: &'static str, body: String| {
        desk.client
            .post(desk.url("/v1/events"))
            .header("Content-Type", content_type)
            .body(body)
            .send()
    };
    let good = batch("u", "buyer", json!([{"kind": "opened"}]));
    let response = send("application/x-www-form-urlencoded", good.to_string())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = send("text/plain", "{not json".into()).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let unknown = batch("u", "buyer", json!([{"kind": "clicked"}]));
    let response = send("text/plain", unknown.to_string()).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "events[0].kind", "{body}");
    let many: Vec<Value> = (0..51).map(|_| json!({"kind": "opened"})).collect();
    let response = send("text/plain", batch("u", "buyer", json!(many)).to_string())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["fields"][0],
        json!({"field": "events", "problem": "too_many", "max": 50,
                                         "message": body["fields"][0]["message"]})
    );
    let huge = "x".repeat(300_000);
    let response = send("text/plain", batch(&huge, "buyer", json!([])).to_string())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Reports: a period the wrong way round, and an unknown cohort.
    let response = desk
        .client
        .get(desk.url("/v1/agent/insights/funnel?from=2026-03-10&to=2026-03-01&by=planet"))
        .bearer_auth(AGENT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = desk
        .client
        .get(desk.url("/v1/agent/insights/funnel"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
