//! The site webhook: signed deliveries from the transactional outbox, retries, dead letters; and rate limits.

use crate::helpers;
use crate::helpers::{TestDesk, wait_for};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{Value, json};
use signpost_core::tickets::Author;
use signpost_core::wire::{ErrorBody, ErrorCode};
use signpost_desk::clock::stamp_millis;
use signpost_desk::db::Db;
use signpost_desk::webhooks::{self, PostedMessage, SIGNATURE_HEADER, WebhookEvent, sign};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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
    helpers::start(config).await
}

/// A refund request from `email`.
fn refund(email: &str) -> Value {
    json!({"topic": "refund", "subject": "Refund", "message": "Where is my refund?", "email": email})
}

async fn outbox(desk: &TestDesk, state: &str) -> Vec<Value> {
    desk.agent_get(&format!("/v1/agent/webhooks?state={state}"))
        .await
}

on_both_backends!(
    a_failed_delivery_is_retried_and_signed,
    the_last_failure_is_dead_lettered,
    filing_is_rate_limited,
    an_expired_lease_is_due_again_within_its_second,
    whole_second_times_from_older_desks_are_normalised,
);

async fn a_failed_delivery_is_retried_and_signed(base: TestDesk) {
    let (url, received) = receiver(1).await;
    let desk = desk_with_webhook(&base, &url, 5).await;
    assert_eq!(
        desk.file_ticket("key-hook-00001", None, &refund("a@example.com"))
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
    desk.file_ticket("key-hook-00002", None, &refund("b@example.com"))
        .await;
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
    let desk = helpers::start(config).await;
    for n in 0..2 {
        assert_eq!(
            desk.file_ticket(&format!("key-rate-0000{n}"), None, &refund("c@example.com"))
                .await
                .status(),
            StatusCode::CREATED
        );
    }
    let limited = desk
        .file_ticket("key-rate-00009", None, &refund("C@example.com"))
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    // Counted per clock hour: try again when this hour ends.
    let header: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3_600).contains(&header), "{header}");
    assert_eq!(
        limited.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::RateLimited {
            retry_after_seconds: header
        }
    );
    assert_eq!(
        desk.file_ticket("key-rate-00010", None, &refund("d@example.com"))
            .await
            .status(),
        StatusCode::CREATED,
        "others may"
    );
}

/// The test desk's database, opened beside it (the desk delivers nothing: it has no webhook).
async fn database(desk: &TestDesk) -> Db {
    Db::connect(desk.config.database.as_deref().unwrap())
        .await
        .unwrap()
}

/// Queues a message event as of `at_millis` (milliseconds since 1970).
async fn enqueue_at(db: &Db, at_millis: i64) {
    let now = stamp_millis(at_millis);
    let event = WebhookEvent::TicketMessage {
        message: PostedMessage {
            ticket: "SP-1001".into(),
            author: Author::User,
            body: "Any news?",
            created_at: &now,
        },
    };
    signpost_desk::with_pool!(db, pool => {
        let mut tx = pool.begin().await.unwrap();
        webhooks::enqueue(&mut tx, &event, &now).await.unwrap();
        tx.commit().await.unwrap();
    });
}

/// 2026-03-06T17:30:05.000Z.
const T0: i64 = 1_772_818_205_000;

async fn an_expired_lease_is_due_again_within_its_second(desk: TestDesk) {
    let db = database(&desk).await;
    enqueue_at(&db, T0).await;
    let first = webhooks::claim(&db, T0 + 500).await.unwrap().expect("due");
    // Leased for 30 s, until …35.500Z.
    assert!(webhooks::claim(&db, T0 + 30_499).await.unwrap().is_none());
    // A millisecond after the lease ran out, within the same second: due again. Times of mixed widths compared
    // as text got this wrong (a lease written `…35Z` sorts after `…35.501Z`), and the event stayed stuck.
    let again = webhooks::claim(&db, T0 + 30_501)
        .await
        .unwrap()
        .expect("due again");
    assert_eq!(again.id, first.id);
}

async fn whole_second_times_from_older_desks_are_normalised(desk: TestDesk) {
    let db = database(&desk).await;
    // A row as an older desk wrote it: due and leased in whole seconds.
    let insert = "INSERT INTO webhook_outbox (event, payload, next_attempt_at, lease_until, created_at) \
                  VALUES ('ticket.message', '{}', '2026-03-06T17:30:05Z', '2026-03-06T17:30:35Z', \
                  '2026-03-06T17:30:04.250Z')";
    signpost_desk::with_pool!(&db, pool => sqlx::query(insert).execute(pool).await.map(drop).unwrap());
    match &db {
        Db::Sqlite(pool) => sqlx::raw_sql(include_str!(
            "../../migrations/sqlite/0006_millisecond_timestamps.sql"
        ))
        .execute(pool)
        .await
        .map(drop),
        Db::Postgres(pool) => sqlx::raw_sql(include_str!(
            "../../migrations/postgres/0006_millisecond_timestamps.sql"
        ))
        .execute(pool)
        .await
        .map(drop),
    }
    .unwrap();
    let sql = "SELECT next_attempt_at, lease_until, created_at FROM webhook_outbox";
    let row: (String, String, String) =
        signpost_desk::with_pool!(&db, pool => sqlx::query_as(sql).fetch_one(pool).await.unwrap());
    assert_eq!(
        row,
        (
            "2026-03-06T17:30:05.000Z".to_owned(),
            "2026-03-06T17:30:35.000Z".to_owned(),
            "2026-03-06T17:30:04.250Z".to_owned()
        )
    );
    assert!(webhooks::claim(&db, T0 + 30_001).await.unwrap().is_some());
}
