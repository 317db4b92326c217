//! Secrets kept (issue 11): the agent token and token key the desk starts with, access tokens derived and never
//! stored, one-time stream tickets instead of tokens in URLs, no id probing, `nosniff` on every answer.

use crate::helpers::{self, Backend, TOKEN_KEY, TestDesk, ticket};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::identity::UserTicket;
use signpost_core::tickets::TicketCreated;
use signpost_desk::app::Application;
use signpost_desk::db::Db;
use signpost_desk::error::AppError;
use signpost_desk::tickets::access::{TokenKey, open_stream_at};
use std::time::Duration;

on_both_backends!(
    a_stream_ticket_opens_one_stream_and_resume_ids_reconnect,
    access_tokens_are_derived_never_stored,
);

/// Reads a stream until its first event, and gives back the event's lines.
async fn first_event(response: &mut reqwest::Response) -> String {
    let mut seen = String::new();
    while !seen.contains("\n\n") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), response.chunk())
            .await
            .expect("an event within 10 s")
            .unwrap()
            .expect("the stream stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    seen
}

async fn a_stream_ticket_opens_one_stream_and_resume_ids_reconnect(desk: TestDesk) {
    let mine: TicketCreated = desk.file_ok("key-stream-once", None, &ticket("Hi")).await;
    let other: TicketCreated = desk.file_ok("key-stream-othr", None, &ticket("Yo")).await;
    let stream = |id: &str, ticket: &str, resume: Option<&str>| {
        let mut request = desk
            .client
            .get(desk.url(&format!("/v1/tickets/{id}/stream?ticket={ticket}")));
        if let Some(resume) = resume {
            request = request.header("Last-Event-ID", resume);
        }
        request.send()
    };

    // Asking for a stream ticket needs the access token, in the header.
    let url = desk.url(&format!("/v1/tickets/{}/stream-ticket", mine.id));
    let anonymous = desk.client.post(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let wrong = desk
        .client
        .post(&url)
        .bearer_auth(&other.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);

    let once = desk.stream_ticket(&mine.id, &mine.access_token).await;
    assert_eq!(once.ticket.len(), 64);
    assert_ne!(once.ticket, mine.access_token);
    // Another ticket's stream does not open with it (and does not spend it).
    let elsewhere = stream(&other.id, &once.ticket, None).await.unwrap();
    assert_eq!(elsewhere.status(), StatusCode::NOT_FOUND);

    let mut opened = stream(&mine.id, &once.ticket, None).await.unwrap();
    assert_eq!(opened.status(), StatusCode::OK);
    let event = first_event(&mut opened).await;
    assert!(event.contains("event: ticket"), "{event}");
    let resume = event
        .lines()
        .find_map(|line| line.strip_prefix("id: "))
        .expect("every event carries a resume id")
        .to_owned();
    assert!(!resume.contains(&mine.access_token));

    // Spent: the same URL again (as a browser's automatic reconnect would send) opens nothing by itself.
    let again = stream(&mine.id, &once.ticket, None).await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    // With the resume id the browser sends back as Last-Event-ID, it reconnects.
    let mut resumed = stream(&mine.id, &once.ticket, Some(&resume)).await.unwrap();
    assert_eq!(resumed.status(), StatusCode::OK);
    assert!(first_event(&mut resumed).await.contains("event: ticket"));
    // A resume id is its ticket's only, and cannot be made up.
    let misused = stream(&other.id, "x", Some(&resume)).await.unwrap();
    assert_eq!(misused.status(), StatusCode::NOT_FOUND);
    let forged = format!("{}.{}", i64::MAX, "0".repeat(64));
    let forged = stream(&mine.id, "x", Some(&forged)).await.unwrap();
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    let nothing = desk
        .client
        .get(desk.url(&format!("/v1/tickets/{}/stream", mine.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(nothing.status(), StatusCode::UNAUTHORIZED);

    // Unused for a minute, a stream ticket is refused.
    let late = desk.stream_ticket(&mine.id, &mine.access_token).await;
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let key = TokenKey::new(TOKEN_KEY).unwrap();
    let in_61_seconds = signpost_desk::clock::now_millis() + 61_000;
    let refused =
        open_stream_at(&db, &key, &mine.id, Some(&late.ticket), None, in_61_seconds).await;
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    let on_time = desk.stream_ticket(&mine.id, &mine.access_token).await;
    let now = signpost_desk::clock::now_millis();
    let number = open_stream_at(&db, &key, &mine.id, Some(&on_time.ticket), None, now).await;
    assert_eq!(
        number.unwrap().to_string(),
        mine.id.trim_start_matches("SP-")
    );
    db.close().await;
}

/// The names of the columns of `table`.
async fn columns(db: &Db, table: &str) -> Vec<String> {
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
            .bind(table)
            .fetch_all(pool)
            .await
            .unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(
            "SELECT column_name::TEXT FROM information_schema.columns WHERE table_name = $1",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .unwrap(),
    }
}

/// Every text value of every ticket, as stored.
async fn stored_ticket_texts(db: &Db) -> String {
    let sql = "SELECT idempotency_key || request_hash || topic || subject || COALESCE(email, '') || context \
               || client_ip FROM tickets";
    signpost_desk::with_pool!(db, pool => sqlx::query_scalar::<_, String>(sql).fetch_all(pool).await)
        .unwrap()
        .concat()
}

async fn access_tokens_are_derived_never_stored(desk: TestDesk) {
    let identity = signpost_desk::identity::mint(
        &signpost_desk::identity::IdentitySecret::new(helpers::IDENTITY_SECRET).unwrap(),
        &signpost_core::identity::Identity {
            user_id: "u-7".into(),
            email: "ada@example.com".into(),
            name: None,
            role: signpost_core::identity::Role::Buyer,
        },
        signpost_desk::clock::now_unix(),
        600,
    );
    let key = "key-derived-0001";
    let created = desk.file_ok(key, Some(&identity), &ticket("Hi")).await;
    // The replay and the user's list hand out the same token, computed again.
    assert_eq!(
        desk.file_ok(key, Some(&identity), &ticket("Hi")).await,
        created
    );
    let mine: Vec<UserTicket> = desk
        .client
        .get(desk.url("/v1/me/tickets"))
        .header("X-Signpost-Identity", &identity)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine[0].access_token, created.access_token);
    let stream_ticket = desk.stream_ticket(&created.id, &created.access_token).await;

    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    assert!(
        !columns(&db, "tickets")
            .await
            .iter()
            .any(|c| c == "access_token")
    );
    let stored = stored_ticket_texts(&db).await;
    for secret in [created.access_token.as_str(), key, &stream_ticket.ticket] {
        assert!(!stored.contains(secret), "{secret} is stored");
    }
    let spent_tickets: i64 = signpost_desk::with_pool!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM stream_tickets WHERE digest = $1").bind(&stream_ticket.ticket).fetch_one(pool).await)
    .unwrap();
    assert_eq!(spent_tickets, 0, "stream tickets are stored by digest");
    db.close().await;

    // Another key opens nothing an old token opened: the key is what the tokens are.
    let mut config = desk.config.clone();
    config.token_key = Some("another-token-key-0123456789abcdef".into());
    let rekeyed = helpers::start(config).await;
    let old = rekeyed
        .read_ticket(&created.id, Some(&created.access_token))
        .await;
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_empty_agent_token_leaves_the_service_token_off() {
    let desk = helpers::spawn(Backend::Sqlite).await;
    let mut config = desk.config.clone();
    // What `SIGNPOST_AGENT_TOKEN=` gives, as an unset compose variable does.
    config.agent_token = Some("".into());
    let open = helpers::start(config).await;
    let incident = json!({"name": "Fake outage", "impact": "critical", "components": ["Payments"]});
    for (path, body) in [
        ("/v1/agent/incidents", Some(&incident)),
        ("/v1/agent/content/reload", None),
    ] {
        let mut request = open.client.post(open.url(path));
        if let Some(body) = body {
            request = request.json(body);
        }
        for bearer in [None, Some("")] {
            let mut request = request.try_clone().unwrap();
            if let Some(token) = bearer {
                request = request.header("Authorization", format!("Bearer {token}"));
            }
            let answer = request.send().await.unwrap();
            assert_eq!(
                answer.status(),
                StatusCode::UNAUTHORIZED,
                "{path} {bearer:?}"
            );
        }
    }
    let list = open
        .client
        .get(open.url("/v1/agent/tickets"))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), StatusCode::UNAUTHORIZED);
    let summary: Value = open.get_json("/api/v2/summary.json").await;
    assert_eq!(summary["incidents"], json!([]), "no incident was opened");
}

#[tokio::test]
async fn weak_secrets_stop_the_start_naming_their_flag() {
    let desk = helpers::spawn(Backend::Sqlite).await;
    let refusal = |change: fn(&mut signpost_desk::config::ServeConfig)| {
        let mut config = desk.config.clone();
        change(&mut config);
        async move {
            Application::build(config)
                .await
                .err()
                .expect("the desk refuses to start")
                .to_string()
        }
    };
    assert_eq!(
        refusal(|c| c.agent_token = Some("test-agent-token".into())).await,
        "--agent-token (SIGNPOST_AGENT_TOKEN): it is 16 bytes long; it must be at least 32 bytes (for example \
         the output of `openssl rand -hex 32`)"
    );
    assert_eq!(
        refusal(|c| c.token_key = Some("short".into())).await,
        "--token-key (SIGNPOST_TOKEN_KEY): it is 5 bytes long; it must be at least 32 bytes (for example the \
         output of `openssl rand -hex 32`)"
    );
    for missing in [
        refusal(|c| c.token_key = None).await,
        refusal(|c| c.token_key = Some("".into())).await,
    ] {
        assert!(
            missing.starts_with("--token-key (SIGNPOST_TOKEN_KEY) is required"),
            "{missing}"
        );
    }
}

#[tokio::test]
async fn every_answer_says_nosniff() {
    let desk = helpers::spawn(Backend::Sqlite).await;
    let created: TicketCreated = desk.file_ok("key-nosniff-01", None, &ticket("Hi")).await;
    let requests = [
        desk.client.get(desk.url("/healthz")),
        desk.client.get(desk.url("/v1/site")),
        desk.client.get(desk.url("/widget/loader.js")),
        desk.client.get(desk.url("/api/v2/summary.json")),
        desk.client.get(desk.url("/demo/checkout")),
        desk.client.get(desk.url("/no/such/path")),
        desk.client
            .get(desk.url(&format!("/v1/tickets/{}", created.id))),
        desk.client.post(desk.url("/v1/tickets")).body("{"),
        desk.client.delete(desk.url("/v1/site")),
        desk.client
            .request(reqwest::Method::OPTIONS, desk.url("/v1/tickets"))
            .header("Origin", "https://shop.example")
            .header("Access-Control-Request-Method", "POST"),
    ];
    for request in requests {
        let response = request.send().await.unwrap();
        assert_eq!(
            response
                .headers()
                .get("x-content-type-options")
                .map(|v| v.to_str().unwrap()),
            Some("nosniff"),
            "{} {}",
            response.url(),
            response.status()
        );
    }
    let stream = desk
        .client
        .get(desk.url("/v1/status/stream"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.headers()["x-content-type-options"], "nosniff");
}

/// A database written before migration 0008, with a token and an idempotency key in clear, upgraded.
async fn the_upgrade_drops_stored_tokens(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = helpers::fresh_database(backend, dir.path()).await;
    let before_0008 = |migrator: sqlx::migrate::Migrator| sqlx::migrate::Migrator {
        migrations: migrator
            .migrations
            .iter()
            .filter(|m| m.version < 8)
            .cloned()
            .collect::<Vec<_>>()
            .into(),
        ..migrator
    };
    let insert = "INSERT INTO tickets (access_token, idempotency_key, request_hash, topic, subject, queue, priority, \
                  first_response_due, triage_reasons, context, masked_card_numbers, client_ip, created_at, updated_at) \
                  VALUES ('old-random-token', 'old-clear-key', 'h', 'refund', 'Old', 'orders', 'normal', \
                  '2026-03-06T18:30:00.000Z', '[]', '{}', FALSE, '127.0.0.1', '2026-03-06T17:30:00.000Z', \
                  '2026-03-06T17:30:00.000Z')";
    match backend {
        Backend::Sqlite => {
            let options = url
                .parse::<sqlx::sqlite::SqliteConnectOptions>()
                .unwrap()
                .create_if_missing(true);
            let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
            before_0008(sqlx::migrate!("./migrations/sqlite"))
                .run(&pool)
                .await
                .unwrap();
            sqlx::query(insert).execute(&pool).await.unwrap();
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&url).await.unwrap();
            before_0008(sqlx::migrate!("./migrations/postgres"))
                .run(&pool)
                .await
                .unwrap();
            sqlx::query(insert).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }
    let db = Db::connect(&url).await.unwrap();
    assert!(
        !columns(&db, "tickets")
            .await
            .iter()
            .any(|c| c == "access_token")
    );
    let stored = stored_ticket_texts(&db).await;
    assert!(!stored.contains("old-clear-key"), "{stored}");
    assert!(
        columns(&db, "stream_tickets")
            .await
            .contains(&"digest".to_owned())
    );
    db.close().await;
}

#[tokio::test]
async fn the_upgrade_drops_stored_tokens_sqlite() {
    the_upgrade_drops_stored_tokens(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_upgrade_drops_stored_tokens_postgres() {
    the_upgrade_drops_stored_tokens(Backend::Postgres).await;
}
