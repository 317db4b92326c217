//! Tickets over real HTTP, on SQLite and on PostgreSQL.

use crate::helpers;
use crate::helpers::{TestDesk, field_names, ticket};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::feed::Impact;
use signpost_core::tickets::{Priority, Queue, TicketCreated, TicketView, TriageReason};
use signpost_core::wire::{ErrorBody, ErrorCode};
use std::time::{Duration, Instant};

on_both_backends!(
    a_ticket_is_filed_once_per_idempotency_key,
    the_stored_context_is_exactly_what_was_sent,
    bad_tickets_are_refused_field_by_field,
    card_numbers_are_masked_before_storage,
    the_thread_needs_the_access_token,
    agents_reply_and_the_stream_delivers_it,
    triage_routes_a_failed_checkout_payment,
    only_incidents_the_desk_knows_make_a_ticket_urgent,
    reply_targets_come_from_the_content_folder,
    the_agent_list_pages_without_gaps_or_repeats,
    satisfaction_is_asked_once_solved_and_can_be_changed,
);

async fn reply_targets_come_from_the_content_folder(base: TestDesk) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("a.md"), "---\ntitle: A\n---\nText").unwrap();
    std::fs::write(
        folder.path().join("response-targets.toml"),
        "urgent_minutes = 5\nhigh_minutes = 10\nnormal_minutes = 20\nlow_minutes = 40\n\
         [queues.payments]\nnormal_minutes = 7\n",
    )
    .unwrap();
    let mut config = base.config.clone();
    config.content = folder.path().to_owned();
    let desk = helpers::start(config).await;

    let site: Value = desk.get_json("/v1/site").await;
    assert_eq!(
        site["response_targets"]["normal_minutes"], 20,
        "the widget is told the same targets"
    );
    let created: TicketCreated = desk.file_ok("key-targets-01", None, &ticket("Hello")).await;
    assert_eq!(created.priority, Priority::Normal);
    let due = signpost_core::feed::Timestamp::parse(created.first_response_due.clone())
        .unix_seconds()
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        (due - now - 20 * 60).abs() <= 5,
        "due {due}, now {now}: 20 minutes for a normal order ticket"
    );

    let mut payment = ticket("My card was charged but the order page shows nothing.");
    payment["topic"] = json!("payment-failed");
    let created: TicketCreated = desk.file_ok("key-targets-02", None, &payment).await;
    assert_eq!(
        (created.queue, created.priority),
        (Queue::Payments, Priority::Normal)
    );
    let due = signpost_core::feed::Timestamp::parse(created.first_response_due.clone())
        .unix_seconds()
        .unwrap();
    assert!(
        (due - now - 7 * 60).abs() <= 5,
        "due {due}, now {now}: the payments queue's own 7 minutes"
    );
}

async fn the_agent_list_pages_without_gaps_or_repeats(desk: TestDesk) {
    let mut filed = Vec::new();
    for n in 0..5 {
        let created: TicketCreated = desk
            .file_ok(&format!("key-page-{n:05}"), None, &ticket("Late"))
            .await;
        filed.push(created.id);
    }
    let ids = |page: &Value| -> Vec<String> {
        page["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = desk.agent_get::<Value>("/v1/agent/tickets?limit=2").await;
    assert_eq!(ids(&first), filed[..2]);
    // A ticket filed while the agent pages through goes to the end, not into a page already seen.
    let late: TicketCreated = desk.file_ok("key-page-late", None, &ticket("Later")).await;
    let next = first["next"].as_str().unwrap();
    let second = desk
        .agent_get::<Value>(&format!("/v1/agent/tickets?limit=2&after={next}"))
        .await;
    assert_eq!(ids(&second), filed[2..4]);
    let next = second["next"].as_str().unwrap();
    let last = desk
        .agent_get::<Value>(&format!("/v1/agent/tickets?limit=2&after={next}"))
        .await;
    assert_eq!(ids(&last), [filed[4].clone(), late.id]);
    assert!(last.get("next").is_none(), "the last page says so");

    for (query, status, field) in [
        ("limit=0", StatusCode::UNPROCESSABLE_ENTITY, Some("limit")),
        ("limit=201", StatusCode::UNPROCESSABLE_ENTITY, Some("limit")),
        (
            "after=SP-1001",
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("after"),
        ),
        ("queue=billing", StatusCode::BAD_REQUEST, None),
    ] {
        let answer = desk
            .client
            .get(desk.url(&format!("/v1/agent/tickets?{query}")))
            .bearer_auth(helpers::AGENT_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), status, "{query}");
        let error: ErrorBody = answer.json().await.unwrap();
        if let Some(field) = field {
            assert_eq!(error.fields[0].field, field, "{query}");
        }
    }
}

async fn a_ticket_is_filed_once_per_idempotency_key(desk: TestDesk) {
    let body = ticket("It was due last week.");
    let first = desk.file_ticket("key-0000000001", None, &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: TicketCreated = first.json().await.unwrap();
    assert!(first.id.starts_with("SP-"), "{}", first.id);
    assert_eq!(first.access_token.len(), 64, "256 bits, in hex");

    let again: TicketCreated = desk.file_ok("key-0000000001", None, &body).await;
    assert_eq!(again, first, "a retry gets the same ticket");

    let other_body = desk
        .file_ticket("key-0000000001", None, &ticket("Something else"))
        .await;
    assert_eq!(other_body.status(), StatusCode::CONFLICT);
    assert_eq!(
        other_body.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::Conflict
    );

    let list = desk.agent_get::<Value>("/v1/agent/tickets").await;
    assert_eq!(
        list["tickets"].as_array().unwrap().len(),
        1,
        "exactly one ticket stored"
    );

    let missing_key = desk
        .client
        .post(desk.url("/v1/tickets"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(missing_key.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing_key.json::<ErrorBody>().await.unwrap().fields[0].field,
        "Idempotency-Key"
    );
}

async fn the_stored_context_is_exactly_what_was_sent(desk: TestDesk) {
    let mut body = ticket("Hello");
    body["context"]["suggestions_shown"] = json!([{
        "id": "late-delivery",
        "title": "My order is late",
        "reasons": ["Order A-1043 was due 3 days ago."],
        "explanation": [{"fact": "Order status", "detail": "shipped"}],
    }]);
    body["context"]["searches"] = json!([
        {"query": "parcel late", "results": 3},
        {"query": "xqzvwkj", "results": 0},
    ]);
    let created: TicketCreated = desk.file_ok("key-context-01", None, &body).await;
    let stored = desk
        .agent_get::<Value>(&format!("/v1/agent/tickets/{}", created.id))
        .await;
    assert_eq!(stored["context"]["order_id"], "A-1043");
    assert_eq!(
        stored["context"]["page_url"],
        "https://shop.example/orders/A-1043"
    );
    assert_eq!(
        stored["context"]["suggestions_shown"],
        body["context"]["suggestions_shown"]
    );
    assert_eq!(stored["context"]["searches"], body["context"]["searches"]);
    assert_eq!(stored["email"], "lena@example.com");
    assert!(
        stored["context"]["onboarding_step"].is_null(),
        "nothing the user did not send"
    );
}

async fn bad_tickets_are_refused_field_by_field(desk: TestDesk) {
    let bad = json!({"topic": "world-peace", "subject": "", "message": "x".repeat(5001), "email": "not-an-email"});
    let response = desk.file_ticket("key-bad-000001", None, &bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields = field_names(response).await;
    for field in ["topic", "subject", "message", "email"] {
        assert!(
            fields.iter().any(|f| f == field),
            "{field} missing from {fields:?}"
        );
    }
    let wrong_type = desk
        .file_ticket("key-bad-000002", None, &json!({"topic": 5}))
        .await;
    assert_eq!(wrong_type.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let huge = desk
        .client
        .post(desk.url("/v1/tickets"))
        .header("Idempotency-Key", "key-bad-000003")
        .header("content-type", "application/json")
        .body(vec![b' '; 65 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let list = desk.agent_get::<Value>("/v1/agent/tickets").await;
    assert!(
        list["tickets"].as_array().unwrap().is_empty(),
        "nothing stored"
    );
}

async fn card_numbers_are_masked_before_storage(desk: TestDesk) {
    // The spellings that used to be stored in clear, one per line.
    let spellings = [
        "4111.1111.1111.1111",
        "4111  1111  1111  1111",
        "4111\u{a0}1111\u{a0}1111\u{a0}1111",
        "4111\n1111\n1111\n1111",
        "4111/1111/1111/1111",
        "4111\u{2013}1111\u{2013}1111\u{2013}1111",
        "４１１１ １１１１ １１１１ １１１１",
    ];
    let message = format!("My cards:\n{}\nOrder A-1043.", spellings.join("\n-\n"));
    let created: TicketCreated = desk
        .file_ok("key-card-00001", None, &ticket(&message))
        .await;
    assert!(created.masked_card_numbers);
    // Agents' replies are masked too: quoting the user's card would store it.
    let reply = desk
        .agent_post(
            &format!("/v1/agent/tickets/{}/reply", created.id),
            &json!({"body": "Is it 4111 1111 1111 1111? Order A-1043 is on its way."}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let stored = desk
        .agent_get::<Value>(&format!("/v1/agent/tickets/{}", created.id))
        .await;
    let first = stored["messages"][0]["body"].as_str().unwrap();
    for spelling in spellings {
        assert!(
            !first.contains(spelling),
            "{spelling:?} stored in {first:?}"
        );
    }
    assert_eq!(
        first.matches("•••• •••• •••• ").count(),
        spellings.len(),
        "{first}"
    );
    assert!(first.ends_with("Order A-1043."), "{first}");
    let agent = stored["messages"][1]["body"].as_str().unwrap();
    assert_eq!(
        agent,
        "Is it •••• •••• •••• 1111? Order A-1043 is on its way."
    );

    // A search is typed too: a card number searched for is masked, and counts as masked.
    let mut searched = ticket("Where is my refund?");
    searched["context"]["searches"] =
        json!([{"query": "refund 4111 1111 1111 1111", "results": 0}]);
    let created: TicketCreated = desk.file_ok("key-card-00002", None, &searched).await;
    assert!(created.masked_card_numbers);
    let stored = desk
        .agent_get::<Value>(&format!("/v1/agent/tickets/{}", created.id))
        .await;
    assert_eq!(
        stored["context"]["searches"],
        json!([{"query": "refund •••• •••• •••• 1111", "results": 0}])
    );
}

async fn the_thread_needs_the_access_token(desk: TestDesk) {
    let created: TicketCreated = desk.file_ok("key-token-0001", None, &ticket("Hi")).await;
    let url = desk.url(&format!("/v1/tickets/{}", created.id));
    // Nothing tells an existing ticket from a missing one: no token is 401 and a wrong one 404, for both.
    let missing = "SP-999999";
    for (id, token, status) in [
        (created.id.as_str(), None, StatusCode::UNAUTHORIZED),
        (missing, None, StatusCode::UNAUTHORIZED),
        ("not-an-id", None, StatusCode::UNAUTHORIZED),
        (
            created.id.as_str(),
            Some("0".repeat(64)),
            StatusCode::NOT_FOUND,
        ),
        (missing, Some("0".repeat(64)), StatusCode::NOT_FOUND),
        (
            missing,
            Some(created.access_token.clone()),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let answer = desk.read_ticket(id, token.as_deref()).await;
        assert_eq!(answer.status(), status, "{id} {token:?}");
        let body: ErrorBody = answer.json().await.unwrap();
        let same = if status == StatusCode::NOT_FOUND {
            ErrorCode::NotFound
        } else {
            ErrorCode::Unauthorized
        };
        assert_eq!(body.code, same);
    }
    // The token is never taken from the URL, where logs would keep it.
    let in_query = desk
        .client
        .get(format!("{url}?access_token={}", created.access_token))
        .send()
        .await
        .unwrap();
    assert_eq!(in_query.status(), StatusCode::UNAUTHORIZED);
    let mine = desk
        .read_ticket(&created.id, Some(&created.access_token))
        .await;
    assert_eq!(mine.status(), StatusCode::OK);
    let thread: TicketView = mine.json().await.unwrap();
    assert_eq!(thread.messages[0].body, "Hi");

    let reply = desk
        .client
        .post(format!("{url}/messages"))
        .bearer_auth(&created.access_token)
        .json(&json!({"body": "Any news?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::CREATED);
    assert_eq!(reply.json::<TicketView>().await.unwrap().messages.len(), 2);
}

async fn agents_reply_and_the_stream_delivers_it(desk: TestDesk) {
    let created: TicketCreated = desk
        .file_ok("key-stream-001", None, &ticket("Hello?"))
        .await;
    let stream_ticket = desk.stream_ticket(&created.id, &created.access_token).await;
    let stream_url = desk.url(&format!(
        "/v1/tickets/{}/stream?ticket={}",
        created.id, stream_ticket.ticket
    ));
    let mut stream = desk.client.get(&stream_url).send().await.unwrap();
    assert_eq!(stream.status(), StatusCode::OK);

    let replied = Instant::now();
    let reply = desk
        .agent_post(
            &format!("/v1/agent/tickets/{}/reply", created.id),
            &json!({"body": "We are on it."}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);

    let mut seen = String::new();
    while !seen.contains("We are on it.") {
        let left = Duration::from_secs(2).saturating_sub(replied.elapsed());
        let chunk = tokio::time::timeout(left, stream.chunk())
            .await
            .expect("the reply within 2 s")
            .unwrap()
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let thread: TicketView = desk
        .client
        .get(desk.url(&format!("/v1/tickets/{}", created.id)))
        .bearer_auth(&created.access_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(serde_json::to_value(thread.status).unwrap(), "pending");
}

async fn triage_routes_a_failed_checkout_payment(desk: TestDesk) {
    let body = json!({
        "topic": "payment-failed",
        "subject": "Card declined",
        "message": "My card was declined twice at checkout",
        "email": "lena@example.com",
        "context": {"surface": "checkout", "payment_status": "failed", "order_amount": 129.5, "order_currency": "EUR"},
    });
    let created: TicketCreated = desk.file_ok("key-triage-001", None, &body).await;
    assert_eq!(created.queue, Queue::Payments);
    assert!(
        matches!(created.priority, Priority::High | Priority::Urgent),
        "{:?}",
        created.priority
    );
    assert!(!created.reasons.is_empty());
    assert!(!created.first_response_due.is_empty());
}

/// A page can invent an incident: only one the desk's own status page has makes a ticket urgent.
async fn only_incidents_the_desk_knows_make_a_ticket_urgent(desk: TestDesk) {
    let mut body = json!({
        "topic": "payment-failed",
        "subject": "Card declined",
        "message": "My card was declined again",
        "email": "lena@example.com",
        "context": {
            "surface": "order",
            "active_incidents": [{"id": "made-up", "name": "Everything is down", "impact": "critical"}],
        },
    });
    let invented: TicketCreated = desk.file_ok("key-incident-01", None, &body).await;
    assert_eq!(
        (invented.queue, invented.priority),
        (Queue::Payments, Priority::Normal),
        "{:?}",
        invented.reasons
    );

    let opened = desk
        .agent_post(
            "/v1/agent/incidents",
            &json!({"name": "Card payments failing", "impact": "major", "components": ["Payments"]}),
        )
        .await;
    assert_eq!(opened.status(), StatusCode::CREATED);
    body["context"]["active_incidents"] = json!([]);
    let known: TicketCreated = desk.file_ok("key-incident-02", None, &body).await;
    assert_eq!(known.priority, Priority::Urgent, "{:?}", known.reasons);
    assert_eq!(
        known.reasons[1],
        TriageReason::Incident {
            impact: Impact::Major,
            queue: Queue::Payments
        }
    );
}

async fn satisfaction_is_asked_once_solved_and_can_be_changed(desk: TestDesk) {
    let created = desk
        .file_ok("key-csat-0001", None, &ticket("My parcel is late."))
        .await;
    let rate = async |token: Option<&str>, body: Value| {
        let request = desk
            .client
            .post(desk.url(&format!("/v1/tickets/{}/satisfaction", created.id)))
            .json(&body);
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
        .send()
        .await
        .unwrap()
    };
    let token = Some(created.access_token.as_str());
    let early = rate(token, json!({"rating": 5})).await;
    assert_eq!(
        early.status(),
        StatusCode::CONFLICT,
        "asked only once solved"
    );
    assert_eq!(
        rate(None, json!({"rating": 5})).await.status(),
        StatusCode::UNAUTHORIZED
    );

    desk.solve(&created.id).await;
    let out_of_range = rate(token, json!({"rating": 6, "comment": "x".repeat(1_001)})).await;
    assert_eq!(out_of_range.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_names(out_of_range).await, ["rating", "comment"]);

    let first = rate(token, json!({"rating": 2, "comment": " Slow. "})).await;
    assert_eq!(first.status(), StatusCode::OK);
    let thread: TicketView = first.json().await.unwrap();
    let answer = thread.satisfaction.unwrap();
    assert_eq!(
        (answer.rating, answer.comment.as_deref()),
        (2, Some("Slow."))
    );

    let changed: TicketView = rate(token, json!({"rating": 4}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        changed.satisfaction.map(|s| s.rating),
        Some(4),
        "a new answer replaces the old"
    );
    let read: TicketView = desk
        .read_ticket(&created.id, token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        read.satisfaction.map(|s| (s.rating, s.comment)),
        Some((4, None))
    );
}
