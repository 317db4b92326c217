//! Connections under pressure: idle and half-sent connections are closed, slow requests time out while event
//! streams run on, streams past their caps are refused with the JSON error, and however many ticket streams
//! are open the desk polls its database once for all of them.

use crate::helpers::{self, Backend, RawResponse, TestDesk, ticket, wait_for};
use serde_json::json;
use signpost_core::tickets::TicketCreated;
use signpost_core::wire::{ErrorCode, StreamScope, UnavailableReason};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

on_both_backends!(ticket_streams_share_one_poller);

/// A desk on SQLite with `change` made to its config.
async fn desk_with(change: impl FnOnce(&mut signpost_desk::config::ServeConfig)) -> TestDesk {
    helpers::spawn_with(Backend::Sqlite, change).await
}

/// Whether the desk closes `socket` within `limit` (reads end, or the connection is reset).
async fn closed_within(socket: &mut TcpStream, limit: Duration) -> bool {
    let mut buffer = [0_u8; 1024];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, socket.read(&mut buffer)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => continue,
        }
    }
}

/// The longest of five `/healthz` round trips.
async fn slowest_health_check(desk: &TestDesk) -> Duration {
    let mut slowest = Duration::ZERO;
    for _ in 0..5 {
        let started = Instant::now();
        let response = desk.client.get(desk.url("/healthz")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        slowest = slowest.max(started.elapsed());
    }
    slowest
}

#[tokio::test]
async fn idle_and_half_sent_connections_are_closed() {
    let desk = desk_with(|config| config.header_read_timeout_seconds = 1).await;
    let mut sockets = Vec::new();
    for n in 0..50 {
        let mut socket = TcpStream::connect(desk.address()).await.unwrap();
        if n % 2 == 0 {
            socket
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: desk\r\nX-Half: ")
                .await
                .unwrap();
        }
        sockets.push(socket);
    }
    // A connection that finished a request and then idles is closed the same way.
    let mut idle = TcpStream::connect(desk.address()).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: desk\r\n\r\n")
        .await
        .unwrap();
    sockets.push(idle);
    // Meanwhile the desk serves everyone else.
    assert!(slowest_health_check(&desk).await < Duration::from_secs(2));
    for (n, socket) in sockets.iter_mut().enumerate() {
        assert!(
            closed_within(socket, Duration::from_secs(10)).await,
            "connection {n} is still open 10 s after a 1 s header timeout"
        );
    }
}

#[tokio::test]
async fn a_slow_request_times_out_but_streams_run_on() {
    let desk = desk_with(|config| config.request_timeout_seconds = 1).await;
    let mut stream = desk.open_stream("/v1/status/stream", None).await;
    assert_eq!(stream.status, 200);
    assert!(
        stream
            .wait_for("event: summary", Duration::from_secs(10))
            .await
    );

    // A body that never finishes arriving.
    let mut slow = TcpStream::connect(desk.address()).await.unwrap();
    slow.write_all(
        b"POST /v1/tickets HTTP/1.1\r\nHost: desk\r\nContent-Type: application/json\r\n\
          Idempotency-Key: key-slow-0001\r\nContent-Length: 1000\r\n\r\n{\"topic\":",
    )
    .await
    .unwrap();
    let mut answer = RawResponse {
        socket: slow,
        status: 0,
        text: String::new(),
    };
    assert!(
        answer.wait_for("\r\n\r\n", Duration::from_secs(10)).await,
        "no answer within 10 s to a request that stalled: {:?}",
        answer.text
    );
    assert!(answer.text.starts_with("HTTP/1.1 503"), "{}", answer.text);
    assert_eq!(
        answer.error().await.code,
        ErrorCode::Unavailable {
            reason: UnavailableReason::TimedOut,
            retry_after_seconds: 5
        }
    );

    // The stream outlived the request timeout and still delivers.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let opened = desk
        .agent_post(
            "/v1/agent/incidents",
            &json!({"name": "Checkout slow", "impact": "minor", "components": ["Payments"]}),
        )
        .await;
    assert_eq!(opened.status(), 201);
    assert!(
        stream
            .wait_for("Checkout slow", Duration::from_secs(10))
            .await,
        "the stream did not deliver after the request timeout: {:?}",
        stream.text
    );
}

#[tokio::test]
async fn streams_past_their_caps_are_refused_and_the_desk_stays_fast() {
    let desk = desk_with(|config| {
        config.max_streams = 6;
        config.max_streams_per_address = 3;
        config.max_streams_per_ticket = 2;
        config.trusted_proxy = vec!["127.0.0.1".into()];
    })
    .await;
    let created: TicketCreated = desk.file_ok("key-caps-0001", None, &ticket("Hi")).await;
    let thread = format!(
        "/v1/tickets/{}/stream?access_token={}",
        created.id, created.access_token
    );
    let status = "/v1/status/stream";

    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(desk.open_stream(status, Some("198.51.100.1")).await);
    }
    let mut refused = desk.open_stream(status, Some("198.51.100.1")).await;
    assert_eq!(refused.status, 429, "{}", refused.text);
    assert_eq!(
        refused.error().await.code,
        ErrorCode::TooManyStreams {
            scope: StreamScope::Address,
            max: 3
        }
    );

    for client in ["198.51.100.2", "198.51.100.3"] {
        open.push(desk.open_stream(&thread, Some(client)).await);
    }
    let mut refused = desk.open_stream(&thread, Some("198.51.100.4")).await;
    assert_eq!(refused.status, 429, "{}", refused.text);
    assert_eq!(
        refused.error().await.code,
        ErrorCode::TooManyStreams {
            scope: StreamScope::Ticket,
            max: 2
        }
    );

    open.push(desk.open_stream(status, Some("198.51.100.5")).await);
    assert!(open.iter().all(|stream| stream.status == 200));
    let mut refused = desk.open_stream(status, Some("198.51.100.6")).await;
    assert_eq!(refused.status, 503, "{}", refused.text);
    assert!(refused.text.to_lowercase().contains("retry-after: 5"));
    assert_eq!(
        refused.error().await.code,
        ErrorCode::Unavailable {
            reason: UnavailableReason::AtCapacity,
            retry_after_seconds: 5
        }
    );
    assert!(slowest_health_check(&desk).await < Duration::from_secs(1));

    // A client that leaves gives its place back.
    drop(open.remove(0));
    wait_for(
        "a closed stream's place to be free",
        Duration::from_secs(20),
        async || desk.open_stream(status, Some("198.51.100.6")).await.status == 200,
    )
    .await;
}

/// Many streams on a few tickets: the desk stays fast, every stream hears of the agent's reply, and (where the
/// database counts its transactions) the streams cost no queries of their own.
async fn ticket_streams_share_one_poller(base: TestDesk) {
    const TICKETS: usize = 4;
    const STREAMS_PER_TICKET: usize = 100;
    let mut tickets = Vec::new();
    for n in 0..TICKETS {
        let created: TicketCreated = base
            .file_ok(&format!("key-poller-{n:04}"), None, &ticket("Hello?"))
            .await;
        tickets.push(created);
    }
    let mut streams = Vec::new();
    for created in &tickets {
        let path = format!(
            "/v1/tickets/{}/stream?access_token={}",
            created.id, created.access_token
        );
        for _ in 0..STREAMS_PER_TICKET {
            let stream = base.open_stream(&path, None).await;
            assert_eq!(stream.status, 200, "{}", stream.text);
            streams.push(stream);
        }
    }
    for stream in &mut streams {
        assert!(
            stream
                .wait_for("event: ticket", Duration::from_secs(20))
                .await
        );
    }

    let transactions_before = transactions(&base).await;
    let quiet = Instant::now();
    let slowest = slowest_health_check(&base).await;
    assert!(
        slowest < Duration::from_secs(1),
        "/healthz took {slowest:?}"
    );
    tokio::time::sleep(Duration::from_secs(3).saturating_sub(quiet.elapsed())).await;
    if let (Some(before), Some(after)) = (transactions_before, transactions(&base).await) {
        // One poll per 500 ms for all the streams (and the status page's per 400 ms), not one per stream
        // (which would be 400 streams × 2 a second × 4 s = 3,200). Idle connections report their counts up to
        // 10 s late, so the count may still include the streams' opening (one read each).
        assert!(
            after - before < 1_000,
            "{} transactions in 3 s with {} streams open",
            after - before,
            streams.len()
        );
    }

    for created in &tickets {
        let reply = base
            .agent_post(
                &format!("/v1/agent/tickets/{}/reply", created.id),
                &json!({"body": "We found your parcel."}),
            )
            .await;
        assert_eq!(reply.status(), 201);
    }
    let replied = Instant::now();
    for stream in &mut streams {
        assert!(
            stream
                .wait_for("We found your parcel.", Duration::from_secs(20))
                .await,
            "a stream missed the reply"
        );
    }
    assert!(
        replied.elapsed() < Duration::from_secs(10),
        "{:?}",
        replied.elapsed()
    );
}

/// Transactions PostgreSQL counted in the desk's database so far (`None` on SQLite, which counts none).
async fn transactions(desk: &TestDesk) -> Option<i64> {
    let url = desk.config.database.as_deref().unwrap();
    if !url.starts_with("postgres") {
        return None;
    }
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    // Statistics reach the view within a second of each transaction; wait that long for them to settle.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let count: i64 = sqlx::query_scalar(
        "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    Some(count)
}
