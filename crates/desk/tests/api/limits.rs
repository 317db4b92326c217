//! Rate limits over real HTTP, on SQLite and on PostgreSQL: counted so a burst cannot race past them, keyed on
//! the client's address (behind a trusted proxy, the address it forwards), and for replies, votes, searches
//! and wrong agent tokens as well as tickets.

use crate::helpers::{self, TestDesk, clear_of_window_end, ticket};
use reqwest::StatusCode;
use serde_json::json;
use signpost_core::tickets::TicketCreated;
use signpost_core::wire::{ErrorBody, ErrorCode};

on_both_backends!(
    a_burst_of_tickets_cannot_race_past_the_limit,
    behind_a_trusted_proxy_each_client_has_its_own_limit,
    replies_votes_and_searches_are_limited_per_address,
    wrong_agent_tokens_lock_the_address_out,
);

/// `POST /v1/tickets` from `client` (through the trusted proxy, when given).
async fn file_from(
    desk: &TestDesk,
    key: &str,
    client: Option<&str>,
    email: &str,
) -> reqwest::Response {
    let mut body = ticket("Where is my parcel?");
    body["email"] = json!(email);
    let mut request = desk
        .client
        .post(desk.url("/v1/tickets"))
        .header("Idempotency-Key", key)
        .json(&body);
    if let Some(client) = client {
        request = request.header("X-Forwarded-For", client);
    }
    request.send().await.unwrap()
}

async fn a_burst_of_tickets_cannot_race_past_the_limit(base: TestDesk) {
    let mut config = base.config.clone();
    config.tickets_per_address_per_hour = 10;
    let desk = helpers::start(config).await;
    clear_of_window_end(3_600).await;
    let burst = (0..40).map(|n| {
        let desk = &desk;
        async move {
            file_from(
                desk,
                &format!("key-burst-{n:04}"),
                None,
                &format!("u{n}@example.com"),
            )
            .await
            .status()
        }
    });
    let statuses = futures_util::future::join_all(burst).await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let limited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((created, limited), (10, 30), "{statuses:?}");
    let listed: serde_json::Value = desk.agent_get("/v1/agent/tickets?limit=200").await;
    assert_eq!(listed["tickets"].as_array().unwrap().len(), 10);
}

async fn behind_a_trusted_proxy_each_client_has_its_own_limit(base: TestDesk) {
    let mut config = base.config.clone();
    config.tickets_per_address_per_hour = 1;
    let direct = helpers::start(config.clone()).await;
    config.trusted_proxy = vec!["127.0.0.1/32".into()];
    let proxied = helpers::start(config).await;
    clear_of_window_end(3_600).await;

    // Without --trusted-proxy, what the request claims is ignored: everyone here is 127.0.0.1.
    let first = file_from(
        &direct,
        "key-direct-01",
        Some("198.51.100.1"),
        "a@example.com",
    )
    .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let second = file_from(
        &direct,
        "key-direct-02",
        Some("198.51.100.2"),
        "b@example.com",
    )
    .await;
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);

    // Behind the trusted proxy, each forwarded client counts for itself, and a forged first hop is ignored.
    for (n, client) in ["198.51.100.1", "203.0.113.9, 198.51.100.2"]
        .iter()
        .enumerate()
    {
        let filed = file_from(
            &proxied,
            &format!("key-proxied-{n}"),
            Some(client),
            &format!("p{n}@example.com"),
        )
        .await;
        assert_eq!(filed.status(), StatusCode::CREATED, "{client}");
    }
    let again = file_from(
        &proxied,
        "key-proxied-9",
        Some("203.0.113.9, 198.51.100.1"),
        "q@example.com",
    )
    .await;
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    let other = file_from(
        &proxied,
        "key-proxied-8",
        Some("198.51.100.3"),
        "r@example.com",
    )
    .await;
    assert_eq!(other.status(), StatusCode::CREATED);
}

/// The statuses of `count` requests made by `send`, in order.
async fn statuses(
    count: usize,
    mut send: impl AsyncFnMut(usize) -> reqwest::Response,
) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for n in 0..count {
        statuses.push(send(n).await.status());
    }
    statuses
}

async fn replies_votes_and_searches_are_limited_per_address(base: TestDesk) {
    let mut config = base.config.clone();
    config.replies_per_address_per_hour = 3;
    config.votes_per_address_per_hour = 3;
    config.searches_per_address_per_minute = 5;
    let desk = helpers::start(config).await;
    clear_of_window_end(3_600).await;

    let created: TicketCreated = desk.file_ok("key-replies-01", None, &ticket("Hi")).await;
    let url = desk.url(&format!("/v1/tickets/{}/messages", created.id));
    let replies = statuses(4, async |n| {
        desk.client
            .post(&url)
            .bearer_auth(&created.access_token)
            .json(&json!({"body": format!("Any news? ({n})")}))
            .send()
            .await
            .unwrap()
    })
    .await;
    assert_eq!(replies[..3], [StatusCode::CREATED; 3]);
    assert_eq!(replies[3], StatusCode::TOO_MANY_REQUESTS);
    let thread: serde_json::Value = desk
        .agent_get(&format!("/v1/agent/tickets/{}", created.id))
        .await;
    assert_eq!(
        thread["messages"].as_array().unwrap().len(),
        4,
        "the first message and three replies"
    );
    // Agents are not limited.
    let agent = desk
        .agent_post(
            &format!("/v1/agent/tickets/{}/reply", created.id),
            &json!({"body": "Soon."}),
        )
        .await;
    assert_eq!(agent.status(), StatusCode::CREATED);

    let vote = json!({"helpful": true, "surface": "order", "session_id": "tab-1234abcd"});
    let votes = statuses(4, async |_| {
        desk.client
            .post(desk.url("/v1/articles/late-delivery/feedback"))
            .json(&vote)
            .send()
            .await
            .unwrap()
    })
    .await;
    assert_eq!(
        votes,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );

    // Searches are counted per minute, in the process. Twelve in a row: the first five always pass, and
    // whatever minute boundary falls among them, no more than two windows' worth do.
    let searches = statuses(12, async |n| {
        desk.client
            .get(desk.url(&format!("/v1/search?q=refund{n}")))
            .send()
            .await
            .unwrap()
    })
    .await;
    assert_eq!(searches[..5], [StatusCode::OK; 5]);
    let passed = searches.iter().filter(|s| **s == StatusCode::OK).count();
    assert!(passed <= 10, "{searches:?}");
    let refused = desk
        .client
        .get(desk.url("/v1/search?q=late"))
        .send()
        .await
        .unwrap();
    if refused.status() == StatusCode::TOO_MANY_REQUESTS {
        let body: ErrorBody = refused.json().await.unwrap();
        assert!(
            matches!(body.code, ErrorCode::RateLimited { retry_after_seconds } if (1..=60).contains(&retry_after_seconds)),
            "{body:?}"
        );
    }
}

async fn wrong_agent_tokens_lock_the_address_out(base: TestDesk) {
    let mut config = base.config.clone();
    config.agent_failures_per_address = 3;
    config.trusted_proxy = vec!["127.0.0.1".into()];
    let desk = helpers::start(config).await;
    clear_of_window_end(900).await;
    let list = |token: &'static str, client: &'static str| {
        let request = desk
            .client
            .get(desk.url("/v1/agent/tickets"))
            .bearer_auth(token)
            .header("X-Forwarded-For", client);
        async move { request.send().await.unwrap().status() }
    };
    for _ in 0..3 {
        assert_eq!(
            list("guess", "198.51.100.7").await,
            StatusCode::UNAUTHORIZED
        );
    }
    // Locked out: even the right token is not compared any more.
    assert_eq!(
        list(helpers::AGENT_TOKEN, "198.51.100.7").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        list(helpers::AGENT_TOKEN, "198.51.100.8").await,
        StatusCode::OK
    );
}
