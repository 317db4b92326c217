//! The site webhook: signed deliveries from the transactional outbox, retries, dead letters; and rate limits.

mod support;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{Value, json};
use signpost_desk::webhooks::{SIGNATURE_HEADER, sign};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::TestDesk;

/// What the receiving site saw.
type Received = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

/// A site that answers 500 to the first `failures` deliveries, then 200.
async fn receiver(failures: usize) -> (String, Received) {
    let received: Received = Arc::default();
    let seen = received.clone();
    let app = axum::Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let seen = seen.clone();
            async move {
                let mut seen = seen.lock().unwrap();
                seen.push((headers, body));
                if seen.len() <= failures {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

/// Another desk on `base`'s database, delivering to `url`.
async fn desk_with_webhook(base: &TestDesk, url: &str, max_attempts: i64) -> TestDesk {
    let mut config = base.config.clone();
    config.webhook_url = Some(url.to_owned());
    config.webhook_secret = Some("s3cret".into());
    config.webhook_max_attempts = max_attempts;
    support::start(config, tempfile::tempdir().unwrap()).await
}

async fn file(desk: &TestDesk, key: &str, email: &str) -> reqwest::Response {
    let body = json!({"topic": "refund", "subject": "Refund", "message": "Where is my refund?", "email": email});
    desk.client
        .post(desk.url("/v1/tickets"))
        .header("Idempotency-Key", key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn outbox(desk: &TestDesk, state: &str) -> Vec<Value> {
    desk.agent_get(&format!("/v1/agent/webhooks?state={state}"))
        .await
}

async fn wait_for(what: &str, limit: Duration, mut done: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done().await {
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

on_both_backends!(
    a_failed_delivery_is_retried_and_signed,
    the_last_failure_is_dead_lettered,
    filing_is_rate_limited
);

async fn a_failed_delivery_is_retried_and_signed(base: TestDesk) {
    let (url, received) = receiver(1).await;
    let desk = desk_with_webhook(&base, &url, 5).await;
    assert_eq!(
        file(&desk, "key-hook-00001", "a@example.com")
            .await
            .status(),
        StatusCode::CREATED
    );
    // First attempt fails, the retry (5 s later) succeeds.
    wait_for("two deliveries", Duration::from_secs(12), async || {
        received.lock().unwrap().len() >= 2
    })
    .await;
    let (headers, body) = received.lock().unwrap()[1].clone();
    let signature = headers[SIGNATURE_HEADER].to_str().unwrap().to_owned();
    assert_eq!(signature, format!("sha256={}", sign("s3cret", &body)));
    let event: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["event"], "ticket.created");
    assert_eq!(event["ticket"]["email"], "a@example.com");
    wait_for("delivered", Duration::from_secs(2), async || {
        outbox(&desk, "delivered").await.len() == 1
    })
    .await;
    assert!(outbox(&desk, "pending").await.is_empty());
}

async fn the_last_failure_is_dead_lettered(base: TestDesk) {
    let (url, received) = receiver(usize::MAX).await;
    let desk = desk_with_webhook(&base, &url, 1).await;
    file(&desk, "key-hook-00002", "b@example.com").await;
    wait_for("a dead letter", Duration::from_secs(5), async || {
        outbox(&desk, "dead").await.len() == 1
    })
    .await;
    let dead = outbox(&desk, "dead").await;
    assert!(
        dead[0]["last_error"].as_str().unwrap().contains("500"),
        "{dead:?}"
    );
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(
        received.lock().unwrap().len(),
        1,
        "a dead letter is not sent again"
    );
}

async fn filing_is_rate_limited(base: TestDesk) {
    let mut config = base.config.clone();
    config.tickets_per_email_per_hour = 2;
    let desk = support::start(config, tempfile::tempdir().unwrap()).await;
    for n in 0..2 {
        assert_eq!(
            file(&desk, &format!("key-rate-0000{n}"), "c@example.com")
                .await
                .status(),
            StatusCode::CREATED
        );
    }
    let limited = file(&desk, "key-rate-00009", "C@example.com").await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(
        file(&desk, "key-rate-00010", "d@example.com")
            .await
            .status(),
        StatusCode::CREATED,
        "others may"
    );
}
