//! Triage that learns from agents: the model in the database, re-routes, training; on SQLite and PostgreSQL.

use crate::helpers::{self, TestDesk, field_names};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::tickets::{Priority, Queue, TicketCreated, TriageReason};

on_both_backends!(
    a_new_desk_trains_the_seed_model_once,
    the_message_makes_a_ticket_urgent_in_any_language,
    a_reroute_is_recorded_and_checked,
    corrections_change_a_later_decision,
    urgent_corrections_teach_the_urgency_model,
);

fn ticket(message: &str) -> Value {
    json!({
        "topic": "other",
        "subject": "Help",
        "message": message,
        "email": "lena@example.com",
        "context": {},
    })
}

/// Files one ticket per text (idempotency keys `key_prefix` 1, 2, …) and has an agent re-route each with
/// `correction`.
async fn file_and_reroute(desk: &TestDesk, key_prefix: &str, texts: &[&str], correction: &Value) {
    for (n, text) in texts.iter().enumerate() {
        let filed: TicketCreated = desk
            .file_ok(&format!("{key_prefix}{}", n + 1), None, &ticket(text))
            .await;
        let moved = desk
            .agent_post(
                &format!("/v1/agent/tickets/{}/reroute", filed.id),
                correction,
            )
            .await;
        assert_eq!(moved.status(), StatusCode::OK);
    }
}

async fn versions(desk: &TestDesk) -> Vec<Value> {
    desk.agent_get("/v1/agent/triage/models").await
}

async fn a_new_desk_trains_the_seed_model_once(desk: TestDesk) {
    let stored = versions(&desk).await;
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0]["version"], 1);
    assert_eq!(stored[0]["corrections"], 0);
    assert!(stored[0]["examples"].as_i64().unwrap() >= 500, "{stored:?}");

    // Another replica on the same database uses that model: it trains none of its own.
    let replica = helpers::start(desk.config.clone()).await;
    assert_eq!(versions(&replica).await.len(), 1);
    let created: TicketCreated = replica
        .file_ok(
            "key-model-001",
            None,
            &ticket("my parcel never arrived, tracking is stuck"),
        )
        .await;
    let view: Value = desk
        .agent_get(&format!("/v1/agent/tickets/{}", created.id))
        .await;
    assert_eq!(view["triage_model"], 1);
}

async fn the_message_makes_a_ticket_urgent_in_any_language(desk: TestDesk) {
    for (key, message, queue, code) in [
        (
            "key-urgent-es",
            "me cobraron dos veces el mismo pedido y ahora no tengo saldo",
            Queue::Payments,
            "repeated_charge",
        ),
        (
            "key-urgent-de",
            "Jemand hat die Bankverbindung in meinem Verkäuferprofil geändert! Morgen ist Auszahlung",
            Queue::Payouts,
            "payout_details_changed",
        ),
        (
            "key-urgent-ja",
            "購入した充電器から煙が出て、溶けてしまいました",
            Queue::Disputes,
            "product_safety",
        ),
    ] {
        let created: TicketCreated = desk.file_ok(key, None, &ticket(message)).await;
        assert_eq!(
            (created.queue, created.priority),
            (queue, Priority::Urgent),
            "{message}: {:?}",
            created.reasons
        );
        let codes = serde_json::to_value(&created.reasons).unwrap();
        assert!(
            codes.as_array().unwrap().iter().any(|r| r["code"] == code),
            "{message}: {codes}"
        );
    }
}

async fn a_reroute_is_recorded_and_checked(desk: TestDesk) {
    let created: TicketCreated = desk
        .file_ok("key-reroute-01", None, &ticket("hello, a question"))
        .await;
    let path = format!("/v1/agent/tickets/{}/reroute", created.id);

    let missing = desk
        .agent_post(
            &path,
            &json!({"queue": "payouts", "priority": "high", "reason": "  "}),
        )
        .await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_names(missing).await, ["reason"]);
    let unknown = desk
        .agent_post(
            &path,
            &json!({"queue": "moon", "priority": "high", "reason": "x"}),
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let nobody = desk
        .agent_post(
            "/v1/agent/tickets/SP-999999/reroute",
            &json!({"queue": "payouts", "priority": "high", "reason": "x"}),
        )
        .await;
    assert_eq!(nobody.status(), StatusCode::NOT_FOUND);

    let moved = desk
        .agent_post(
            &path,
            &json!({"queue": "payouts", "priority": "high", "reason": "seller asking about a payout"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let view: Value = desk
        .agent_get(&format!("/v1/agent/tickets/{}", created.id))
        .await;
    assert_eq!(
        (view["queue"].as_str(), view["priority"].as_str()),
        (Some("payouts"), Some("high"))
    );
    assert_eq!(view["needs_look"], false);
    let listed: Value = desk.agent_get("/v1/agent/tickets?queue=payouts").await;
    let line = &listed["tickets"][0];
    assert_eq!(
        (&line["id"], &line["needs_look"]),
        (&json!(created.id), &json!(false))
    );
    // What triage said is kept as it was said.
    let reasons: Vec<TriageReason> =
        serde_json::from_value(view["triage_reasons"].clone()).unwrap();
    assert_eq!(reasons, created.reasons);
}

async fn corrections_change_a_later_decision(desk: TestDesk) {
    let message = "the seller keeps asking me to pay outside the site by bank transfer";
    let before: TicketCreated = desk.file_ok("key-learn-000", None, &ticket(message)).await;
    let corrected = if before.queue == Queue::Disputes {
        Queue::Payments
    } else {
        Queue::Disputes
    };
    file_and_reroute(
        &desk,
        "key-learn-00",
        &[
            message,
            "seller asks me to pay him outside the platform with a bank transfer",
            "the seller wants me to pay by transfer outside the site, is that ok",
        ],
        &json!({"queue": corrected, "priority": "normal", "reason": "paying off the platform"}),
    )
    .await;

    let trained = desk.agent_post("/v1/agent/triage/models", &json!({})).await;
    assert_eq!(trained.status(), StatusCode::OK);
    let trained: Value = trained.json().await.unwrap();
    assert_eq!(trained["corrections"], 3, "{trained}");
    assert_eq!(trained["stored"], true, "{trained}");
    assert_eq!(trained["version"], 2, "{trained}");
    assert_eq!(versions(&desk).await.len(), 2);

    let after: TicketCreated = desk.file_ok("key-learn-010", None, &ticket(message)).await;
    assert_eq!(after.queue, corrected, "{:?}", after.reasons);
    let view: Value = desk
        .agent_get(&format!("/v1/agent/tickets/{}", after.id))
        .await;
    assert_eq!(view["triage_model"], 2);
}

async fn urgent_corrections_teach_the_urgency_model(desk: TestDesk) {
    // No rule knows a storefront emptied by fake sales; agents make three of them urgent.
    let message = "my whole stock sold out overnight to accounts created yesterday, all shipping to the same locker";
    let before: TicketCreated = desk.file_ok("key-urgent-000", None, &ticket(message)).await;
    assert_ne!(before.priority, Priority::Urgent, "{:?}", before.reasons);
    file_and_reroute(
        &desk,
        "key-urgent-00",
        &[
            message,
            "every item in my shop was bought overnight by brand new accounts, all to one parcel locker",
            "new accounts bought all my stock last night and every order ships to the same locker",
        ],
        &json!({"queue": "sellers", "priority": "urgent", "reason": "stock drained by fake orders"}),
    )
    .await;

    let trained = desk.agent_post("/v1/agent/triage/models", &json!({})).await;
    assert_eq!(trained.status(), StatusCode::OK);
    let trained: Value = trained.json().await.unwrap();
    assert_eq!(trained["stored"], true, "{trained}");
    for share in ["urgency_accuracy", "previous_urgency_accuracy"] {
        assert!(
            (0.5..=1.0).contains(&trained[share].as_f64().unwrap()),
            "{trained}"
        );
    }

    let after: TicketCreated = desk.file_ok("key-urgent-010", None, &ticket(message)).await;
    assert_eq!(after.priority, Priority::Urgent, "{:?}", after.reasons);
    assert!(
        after.reasons.iter().any(
            |reason| matches!(reason, TriageReason::ReadsUrgent { words, .. } if !words.is_empty())
        ),
        "{:?}",
        after.reasons
    );
}
