//! The console's inbox: filters and counts, assignment, internal notes the user never sees, the first-response
//! target stopped by the first reply, re-routes with a reason from the short list, the user's other tickets,
//! presence (who else has a ticket open, who is typing) and the live stream of changes, which ends for an agent
//! who is disabled.

use crate::agents::signed_in;
use crate::helpers::{self, AGENT_TOKEN, TestDesk, field_names};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::tickets::TicketCreated;
use std::time::{Duration, Instant};

on_both_backends!(
    agents_slice_the_inbox_take_tickets_and_write_notes_the_user_never_sees,
    agents_see_each_other_on_a_ticket_and_hear_of_changes_live,
);

/// An agent's requests, as their console sends them.
struct Console<'a> {
    desk: &'a TestDesk,
    cookie: String,
}

impl Console<'_> {
    async fn get(&self, path: &str) -> Value {
        let request = self.desk.client.get(self.desk.url(path));
        let response = request.header("Cookie", &self.cookie).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.json().await.unwrap()
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: &Value) -> reqwest::Response {
        let request = self.desk.client.request(method, self.desk.url(path));
        let request = request.header("Cookie", &self.cookie);
        let request = request.header("X-Signpost-Console", "1").json(body);
        request.send().await.unwrap()
    }

    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, body).await
    }

    async fn id(&self) -> i64 {
        self.get("/v1/console/session").await["agent"]["id"]
            .as_i64()
            .unwrap()
    }

    /// The ids of the tickets `GET /v1/agent/tickets?{query}` lists.
    async fn listed(&self, query: &str) -> Vec<String> {
        let page = self.get(&format!("/v1/agent/tickets?{query}")).await;
        let tickets = page["tickets"].as_array().unwrap();
        tickets
            .iter()
            .map(|ticket| ticket["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// A buyer's ticket from the checkout page in Spanish, and a seller's from onboarding in English.
async fn file_two(desk: &TestDesk) -> (TicketCreated, TicketCreated) {
    let mut buyer = helpers::ticket("Me cobraron dos veces el pedido.");
    buyer["topic"] = json!("payment-failed");
    buyer["context"] =
        json!({"surface": "checkout", "locale": "es-MX", "role": "buyer", "order_id": "A-2001"});
    let mut seller = helpers::ticket("My ID document keeps being rejected.");
    seller["email"] = json!("sam@example.com");
    seller["context"] = json!({"surface": "onboarding", "locale": "en-GB", "role": "seller"});
    (
        desk.file_ok("key-inbox-buyer", None, &buyer).await,
        desk.file_ok("key-inbox-seller", None, &seller).await,
    )
}

async fn agents_slice_the_inbox_take_tickets_and_write_notes_the_user_never_sees(desk: TestDesk) {
    let ana = Console {
        desk: &desk,
        cookie: signed_in(&desk, "Ana Ruiz", "ana@example.com", "agent").await,
    };
    let ben = Console {
        desk: &desk,
        cookie: signed_in(&desk, "Ben Okafor", "ben@example.com", "agent").await,
    };
    let (buyer, seller) = file_two(&desk).await;
    let both = {
        let mut both = vec![buyer.id.clone(), seller.id.clone()];
        both.sort_by_key(|id| if *id == buyer.id { 0 } else { 1 });
        both
    };

    // Each filter keeps what it names.
    assert_eq!(ana.listed("surface=checkout").await, [buyer.id.as_str()]);
    assert_eq!(ana.listed("audience=seller").await, [seller.id.as_str()]);
    assert_eq!(ana.listed("language=ES").await, [buyer.id.as_str()]);
    assert_eq!(
        ana.listed("surface=onboarding&language=es").await,
        Vec::<String>::new()
    );
    assert_eq!(ana.listed("assignee=unassigned").await.len(), 2);
    assert!(ana.listed("due=within_hour").await.contains(&buyer.id));
    assert!(ana.listed("due=overdue").await.is_empty());
    let mut listed = ana.listed("").await;
    listed.sort_by_key(|id| if *id == buyer.id { 0 } else { 1 });
    assert_eq!(listed, both);
    let bad = desk
        .client
        .get(desk.url("/v1/agent/tickets?language=es%20MX"))
        .header("Cookie", &ana.cookie);
    let bad = bad.send().await.unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_names(bad).await, ["language"]);

    // Ana takes the buyer's ticket: hers, no longer unassigned, and counted so.
    let ana_id = ana.id().await;
    let path = format!("/v1/agent/tickets/{}/assignee", buyer.id);
    let taken = ana.post(&path, &json!({ "agent_id": ana_id })).await;
    assert_eq!(taken.status(), StatusCode::OK);
    let taken: Value = taken.json().await.unwrap();
    assert_eq!(taken["assignee"]["name"], "Ana Ruiz");
    assert_eq!(ana.listed("assignee=me").await, [buyer.id.as_str()]);
    assert!(ben.listed("assignee=me").await.is_empty());
    assert_eq!(
        ben.listed(&format!("assignee={ana_id}")).await,
        [buyer.id.as_str()]
    );
    assert_eq!(
        ben.listed("assignee=unassigned").await,
        [seller.id.as_str()]
    );
    let counts = ana.get("/v1/agent/inbox").await;
    assert_eq!(
        (counts["mine"].as_i64(), counts["unassigned"].as_i64()),
        (Some(1), Some(1))
    );
    let queues = counts["queues"].as_array().unwrap();
    assert_eq!(queues.len(), 6, "every queue, zeros too: {counts}");
    let open: i64 = queues
        .iter()
        .map(|queue| queue["open"].as_i64().unwrap())
        .sum();
    assert_eq!(open, 2);
    let nobody = ana.post(&path, &json!({ "agent_id": 9_999 })).await;
    assert_eq!(nobody.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_names(nobody).await, ["agent_id"]);

    // A note is the agents' alone; the ticket stays open and its first-response target keeps running.
    let note = json!({ "body": "Card 4111 1111 1111 1111 charged twice: refund one." });
    let noted = ana
        .post(&format!("/v1/agent/tickets/{}/notes", buyer.id), &note)
        .await;
    assert_eq!(noted.status(), StatusCode::CREATED);
    let noted: Value = noted.json().await.unwrap();
    let last = noted["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last["internal"].as_bool(), &last["agent"]["name"]),
        (Some(true), &json!("Ana Ruiz"))
    );
    assert!(
        !last["body"].as_str().unwrap().contains("4111 1111"),
        "{last}"
    );
    assert_eq!(
        (noted["status"].as_str(), &noted["first_response_at"]),
        (Some("open"), &Value::Null)
    );
    let users_view: Value = desk
        .read_ticket(&buyer.id, Some(&buyer.access_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        users_view["messages"].as_array().unwrap().len(),
        1,
        "{users_view}"
    );
    let empty = ana
        .post(
            &format!("/v1/agent/tickets/{}/notes", buyer.id),
            &json!({ "body": " " }),
        )
        .await;
    assert_eq!(field_names(empty).await, ["body"]);

    // The first reply stops the target: no longer due within the hour.
    let reply = json!({ "body": "We are refunding the second charge." });
    let replied = ana
        .post(&format!("/v1/agent/tickets/{}/reply", buyer.id), &reply)
        .await;
    assert_eq!(replied.status(), StatusCode::CREATED);
    assert!(!ana.listed("due=within_hour").await.contains(&buyer.id));
    let view = ana.get(&format!("/v1/agent/tickets/{}", buyer.id)).await;
    assert!(view["first_response_at"].is_string(), "{view}");
    assert_eq!(view["messages"][2]["agent"]["name"], "Ana Ruiz");

    // A re-route names its reason from the short list; `other` needs words.
    let reroute = format!("/v1/agent/tickets/{}/reroute", seller.id);
    let wordless = json!({ "queue": "sellers", "priority": "high", "reason_code": "other" });
    let refused = ben.post(&reroute, &wordless).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_names(refused).await, ["reason"]);
    let coded = json!({ "queue": "sellers", "priority": "high", "reason_code": "wrong_urgency" });
    assert_eq!(ben.post(&reroute, &coded).await.status(), StatusCode::OK);
    let actions = ana
        .get(&format!("/v1/agent/actions?subject={}", seller.id))
        .await;
    let rerouted = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["action"] == "reroute")
        .unwrap_or_else(|| panic!("no reroute in {actions}"));
    assert_eq!(rerouted["detail"]["reason_code"], "wrong_urgency");
    assert_eq!(rerouted["agent"], "Ben Okafor", "{rerouted}");

    // The agent sees the user's other tickets beside this one.
    let again = helpers::ticket("Still charged twice.");
    let again = desk.file_ok("key-inbox-again", None, &again).await;
    let view = ana.get(&format!("/v1/agent/tickets/{}", buyer.id)).await;
    let earlier: Vec<&str> = view["earlier_tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ticket| ticket["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        earlier,
        [again.id.as_str()],
        "lena's other ticket, not sam's"
    );
}

async fn agents_see_each_other_on_a_ticket_and_hear_of_changes_live(desk: TestDesk) {
    let ana = Console {
        desk: &desk,
        cookie: signed_in(&desk, "Ana Ruiz", "ana@example.com", "agent").await,
    };
    // Ben's console is served by another replica on the same database: nothing he sees may depend on which.
    let replica = helpers::start(desk.config.clone()).await;
    let ben = Console {
        desk: &replica,
        cookie: signed_in(&desk, "Ben Okafor", "ben@example.com", "agent").await,
    };
    let stream_headers = |console: &Console| format!("Cookie: {}\r\n", console.cookie);
    let mut anas_stream = desk
        .open_stream_with("/v1/agent/stream", &stream_headers(&ana))
        .await;
    let mut bens_stream = replica
        .open_stream_with("/v1/agent/stream", &stream_headers(&ben))
        .await;
    assert_eq!((anas_stream.status, bens_stream.status), (200, 200));

    // A ticket filed on one replica reaches every open console, on either.
    let (buyer, _) = file_two(&desk).await;
    let limit = Duration::from_secs(30);
    for stream in [&mut anas_stream, &mut bens_stream] {
        assert!(
            stream.wait_for("event: inbox", limit).await,
            "{}",
            stream.text
        );
    }

    // Ana opens it, Ben opens it and types: each sees the other.
    let presence = format!("/v1/agent/tickets/{}/presence", buyer.id);
    let alone: Value = ana.post(&presence, &json!({})).await.json().await.unwrap();
    assert_eq!(alone, json!({ "viewers": [] }));
    let with_ana: Value = ben
        .post(&presence, &json!({ "typing": true }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(with_ana["viewers"][0]["agent"]["name"], "Ana Ruiz");
    assert_eq!(with_ana["viewers"][0]["typing"], false);
    let with_ben: Value = ana
        .post(&presence, &json!({ "typing": false }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(with_ben["viewers"][0]["agent"]["name"], "Ben Okafor");
    assert_eq!(with_ben["viewers"][0]["typing"], true);
    let left = ben
        .send(reqwest::Method::DELETE, &presence, &json!({}))
        .await;
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    let alone: Value = ana.post(&presence, &json!({})).await.json().await.unwrap();
    assert_eq!(alone, json!({ "viewers": [] }));

    // Ben is disabled on Ana's replica: his stream on the other ends (the console then finds he is signed out);
    // Ana's goes on.
    let ben_id = ben.id().await;
    let disable = format!("/v1/agent/agents/{ben_id}/disable");
    let disabled = desk
        .client
        .post(desk.url(&disable))
        .bearer_auth(AGENT_TOKEN);
    assert_eq!(disabled.send().await.unwrap().status(), StatusCode::OK);
    let started = Instant::now();
    let limit = Duration::from_secs(60);
    assert!(!bens_stream.wait_for("never sent", limit).await);
    assert!(
        started.elapsed() < limit,
        "Ben's stream was still open after {limit:?}"
    );
    let note = json!({ "body": "Ben is off this one." });
    let noted = ana
        .post(&format!("/v1/agent/tickets/{}/notes", buyer.id), &note)
        .await;
    assert_eq!(noted.status(), StatusCode::CREATED);
    let heard = anas_stream.text.matches("event: inbox").count();
    let limit = Duration::from_secs(30);
    assert!(
        anas_stream
            .wait_for_nth("event: inbox", heard + 1, limit)
            .await,
        "Ana never heard of the note"
    );
}
