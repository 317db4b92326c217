//! Starts a real desk on port 0 with a fresh database (SQLite file or PostgreSQL database) per test, and the
//! requests the tests share, as methods of [`TestDesk`].

use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::tickets::{StreamTicket, TicketCreated};
use signpost_core::wire::ErrorBody;
use signpost_desk::app::Application;
use signpost_desk::config::{InsightsConfig, ServeConfig};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running desk and what it was started with.
pub struct TestDesk {
    pub base: String,
    pub client: reqwest::Client,
    pub config: ServeConfig,
    /// Holds the database file and widget build until the test ends.
    _dir: TempDir,
}

impl TestDesk {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET path`, read as JSON (the test fails on a non-JSON answer).
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self.client.get(self.url(path)).send().await.unwrap();
        response.json().await.unwrap()
    }

    /// `GET path` with the agent token, read as JSON.
    pub async fn agent_get<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let request = self.client.get(self.url(path)).bearer_auth(AGENT_TOKEN);
        request.send().await.unwrap().json().await.unwrap()
    }

    /// `POST path` with the agent token and a JSON `body`.
    pub async fn agent_post(&self, path: &str, body: &Value) -> reqwest::Response {
        let request = self.client.post(self.url(path)).bearer_auth(AGENT_TOKEN);
        request.json(body).send().await.unwrap()
    }

    /// An agent marks ticket `id` solved.
    pub async fn solve(&self, id: &str) {
        let path = format!("/v1/agent/tickets/{id}/status");
        let response = self.agent_post(&path, &json!({"status": "solved"})).await;
        assert_eq!(response.status(), StatusCode::OK, "solving {id}");
    }

    /// `GET /v1/tickets/{id}` with `access_token`, when given.
    pub async fn read_ticket(&self, id: &str, access_token: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(self.url(&format!("/v1/tickets/{id}")));
        if let Some(token) = access_token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    /// A one-time stream ticket for ticket `id`, got with its `access_token`.
    pub async fn stream_ticket(&self, id: &str, access_token: &str) -> StreamTicket {
        let url = self.url(&format!("/v1/tickets/{id}/stream-ticket"));
        let response = self
            .client
            .post(url)
            .bearer_auth(access_token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    }

    /// The path of `created`'s thread stream, with a fresh one-time stream ticket (one per stream opened).
    pub async fn thread_stream(&self, created: &TicketCreated) -> String {
        let granted = self.stream_ticket(&created.id, &created.access_token).await;
        format!(
            "/v1/tickets/{}/stream?ticket={}",
            created.id, granted.ticket
        )
    }

    /// `POST /v1/tickets` with the idempotency `key` and, when given, an identity token.
    pub async fn file_ticket(
        &self,
        key: &str,
        identity_token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(self.url("/v1/tickets"))
            .header("Idempotency-Key", key)
            .json(body);
        if let Some(token) = identity_token {
            request = request.header("X-Signpost-Identity", token);
        }
        request.send().await.unwrap()
    }

    /// [`file_ticket`](TestDesk::file_ticket), expecting a 201 with the ticket.
    pub async fn file_ok(
        &self,
        key: &str,
        identity_token: Option<&str>,
        body: &Value,
    ) -> TicketCreated {
        let response = self.file_ticket(key, identity_token, body).await;
        assert_eq!(response.status(), StatusCode::CREATED, "{key}");
        response.json().await.unwrap()
    }
}

impl TestDesk {
    /// This desk's config and requests, sent through `proxy` (`host:port`) on a new connection each, so a proxy
    /// that balances connections spreads them.
    pub fn through(&self, proxy: &str) -> TestDesk {
        TestDesk {
            base: format!("http://{proxy}"),
            client: reqwest::Client::builder()
                .no_proxy()
                .pool_max_idle_per_host(0)
                .build()
                .unwrap(),
            config: self.config.clone(),
            _dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The desk's `host:port`.
    pub fn address(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// `GET path` over a connection of its own, as a browser opens an event stream, optionally through a
    /// proxy that forwarded for `client` (the desk must trust 127.0.0.1 for that to count). Answers once the
    /// response's head is in.
    pub async fn open_stream(&self, path: &str, client: Option<&str>) -> RawResponse {
        let forwarded = client.map_or(String::new(), |client| {
            format!("X-Forwarded-For: {client}\r\n")
        });
        self.open_stream_with(path, &forwarded).await
    }

    /// [`open_stream`](TestDesk::open_stream) with `headers` (each line ending in CRLF), e.g. a session cookie.
    pub async fn open_stream_with(&self, path: &str, headers: &str) -> RawResponse {
        let mut socket = tokio::net::TcpStream::connect(self.address())
            .await
            .unwrap();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: desk\r\nAccept: text/event-stream\r\n{headers}\r\n"
        );
        socket.write_all(request.as_bytes()).await.unwrap();
        let mut response = RawResponse {
            socket,
            status: 0,
            text: String::new(),
        };
        let head = response.wait_for("\r\n\r\n", Duration::from_secs(30)).await;
        assert!(head, "no response head for {path}: {:?}", response.text);
        response.status = response.text[9..12].parse().unwrap();
        response
    }
}

/// A response read off its own connection as it arrives (event streams, many at once).
pub struct RawResponse {
    pub socket: tokio::net::TcpStream,
    pub status: u16,
    /// Everything read so far, head included.
    pub text: String,
}

impl RawResponse {
    /// Reads until `needle` has arrived (true), the connection closes or `limit` passes (false).
    pub async fn wait_for(&mut self, needle: &str, limit: Duration) -> bool {
        self.wait_for_nth(needle, 1, limit).await
    }

    /// Reads until `needle` has arrived `n` times in all (true), the connection closes or `limit` passes (false).
    pub async fn wait_for_nth(&mut self, needle: &str, n: usize, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        let mut buffer = [0_u8; 16 * 1024];
        while self.text.matches(needle).count() < n {
            match tokio::time::timeout_at(deadline, self.socket.read(&mut buffer)).await {
                Ok(Ok(read)) if read > 0 => {
                    self.text
                        .push_str(&String::from_utf8_lossy(&buffer[..read]));
                }
                _ => return false,
            }
        }
        true
    }

    /// The JSON error body of a refused request.
    pub async fn error(&mut self) -> ErrorBody {
        let complete = self.wait_for("}", Duration::from_secs(10)).await;
        assert!(complete, "no error body: {:?}", self.text);
        let body = &self.text[self.text.find("\r\n\r\n").unwrap() + 4..];
        serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}: {body:?}"))
    }
}

/// Waits, if need be, until the current window of `window_seconds` has at least 10 s left, so a burst counted
/// against a limit lands in one window.
pub async fn clear_of_window_end(window_seconds: u64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let left = window_seconds - now % window_seconds;
    if left < 10 {
        tokio::time::sleep(Duration::from_secs(left + 1)).await;
    }
}

/// A ticket from Lena about her parcel, with `message`.
pub fn ticket(message: &str) -> Value {
    json!({
        "topic": "order-not-arrived",
        "subject": "Where is my parcel?",
        "message": message,
        "email": "lena@example.com",
        "context": {"surface": "order", "order_id": "A-1043", "page_url": "https://shop.example/orders/A-1043"},
    })
}

/// The fields a 4xx answer names, in order (the test fails on another answer).
pub async fn field_names(response: reqwest::Response) -> Vec<String> {
    let error: ErrorBody = response.json().await.unwrap();
    error.fields.into_iter().map(|f| f.field).collect()
}

/// Waits until `desk`'s own daily insights work (roll up, forget, take today's usual sums) has run: it runs as
/// the desk starts, and a test that plants events of past days must not meet it halfway.
pub async fn daily_insights_done(desk: &TestDesk) {
    let db = signpost_desk::db::Db::connect(&desk.config.database_url())
        .await
        .unwrap();
    let today = signpost_desk::insights::ingest::day_of(signpost_desk::clock::now_millis());
    let sql = "SELECT done_ms FROM insight_keeps WHERE day = $1";
    wait_for(
        "the desk's daily insights work",
        Duration::from_secs(60),
        async || {
            let done: Option<Option<i64>> = signpost_desk::with_pool!(&db, pool =>
                sqlx::query_scalar(sql).bind(today).fetch_optional(pool).await.unwrap());
            done.flatten().is_some()
        },
    )
    .await;
    db.close().await;
}

/// Waits until `done()` holds, for at most `limit` (CI is a loaded 2-core machine: be generous).
pub async fn wait_for(what: &str, limit: Duration, mut done: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done().await {
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Rolls up every day that can be, as a replica does, and waits until each is rolled up: the desk under test
/// rolls up too (as it starts, at a low priority), and a day it has claimed is its to finish.
pub async fn roll_up_now(db: &signpost_desk::db::Db) {
    let pending = "SELECT COUNT(*) FROM insight_events WHERE day < $1 \
                   AND day > (SELECT COALESCE(MAX(day), -1) FROM insight_rollups)";
    let yesterday = signpost_desk::insights::ingest::day_of(signpost_desk::clock::now_millis()) - 1;
    wait_for(
        "rolling up the past days",
        Duration::from_secs(60),
        async || {
            signpost_desk::insights::rollup::roll_up_and_forget(&db.for_reports(), 30)
                .await
                .unwrap();
            let left: i64 = signpost_desk::with_pool!(db, pool =>
            sqlx::query_scalar(pending).bind(yesterday).fetch_one(pool).await)
            .unwrap();
            left == 0
        },
    )
    .await;
}

/// The desk's `--agent-token` in tests (the desk wants at least 32 bytes).
pub const AGENT_TOKEN: &str = "test-agent-token-0123456789abcdef";
/// The desk's `--token-key` in tests.
pub const TOKEN_KEY: &str = "test-token-key-0123456789abcdefghij";

/// The files of a widget build, small stand-ins for the real ones (the browser tests use the real build).
pub const LOADER: &str = "/*loader*/var assets='__SIGNPOST_VERSION__/',site=__SIGNPOST_SITE__;";
pub const WASM: &[u8] = b"\0asm\x01\0\0\0";
/// The desk's `--identity-secret` in tests.
pub const IDENTITY_SECRET: &str = "test-identity-secret-0123456789abcdef";

pub async fn spawn(backend: Backend) -> TestDesk {
    spawn_with(backend, |_| {}).await
}

/// A desk whose reports show counts of fewer than `min_users` people as "< k".
pub async fn spawn_with_k(backend: Backend, min_users: u64) -> TestDesk {
    spawn_with(backend, |config| {
        config.insights.report_min_users = min_users
    })
    .await
}

/// A desk with a fresh database on `backend`, its config changed by `change` first.
pub async fn spawn_with(backend: Backend, change: impl FnOnce(&mut ServeConfig)) -> TestDesk {
    let dir = tempfile::tempdir().unwrap();
    let widget_dir = dir.path().join("dist");
    std::fs::create_dir_all(&widget_dir).unwrap();
    std::fs::write(widget_dir.join("loader.js"), LOADER).unwrap();
    std::fs::write(
        widget_dir.join("signpost.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(widget_dir.join("signpost_bg.wasm"), WASM).unwrap();
    std::fs::write(
        widget_dir.join("widget.css"),
        ".sp-panel{display:flex}".repeat(50),
    )
    .unwrap();
    let database = fresh_database(backend, dir.path()).await;
    let mut config = ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        database: Some(database),
        data_dir: dir.path().join("data"),
        content: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content"),
        agent_token: Some(AGENT_TOKEN.into()),
        token_key: Some(TOKEN_KEY.into()),
        widget_dir,
        console_dir: dir.path().join("console"),
        demo_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../demo"),
        allowed_origins: vec!["https://shop.example".into()],
        status_page_name: "Marketly".into(),
        public_url: None,
        status_upstream: None,
        identity_secret: Some(IDENTITY_SECRET.into()),
        identity_max_ttl_seconds: 86_400,
        webhook_url: None,
        webhook_secret: None,
        webhook_max_attempts: 8,
        tickets_per_address_per_hour: 1_000,
        tickets_per_email_per_hour: 1_000,
        replies_per_address_per_hour: 1_000,
        votes_per_address_per_hour: 1_000,
        searches_per_address_per_minute: 100_000,
        agent_failures_per_address: 10,
        sign_in_failures_per_account: 10,
        console_idle_minutes: 480,
        insights: InsightsConfig {
            event_batches_per_address_per_minute: 100_000,
            event_retention_days: 30,
            report_min_users: 10,
            assumed_resolution_hours: 72,
            // The tests run the live parts' refresher themselves (`insights_kept`): the desk's own would
            // refresh them behind the test's back.
            live_report_seconds: 3_600,
        },
        trusted_proxy: vec![],
        max_streams: 10_000,
        max_streams_per_address: 1_000,
        max_streams_per_ticket: 100,
        header_read_timeout_seconds: 10,
        request_timeout_seconds: 30,
    };
    change(&mut config);
    start_in(config, dir).await
}

/// Another desk with `config`, e.g. a test's desk's config changed, on the same database.
pub async fn start(config: ServeConfig) -> TestDesk {
    start_in(config, tempfile::tempdir().unwrap()).await
}

/// Starts a desk with `config`, keeping `dir` alive as long as it runs.
async fn start_in(config: ServeConfig, dir: TempDir) -> TestDesk {
    let app = Application::build(config.clone())
        .await
        .expect("desk starts");
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    TestDesk {
        base,
        client,
        config,
        _dir: dir,
    }
}

/// The URL of an empty database: a SQLite file in `dir`, or a new database on the test PostgreSQL server.
pub async fn fresh_database(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.join("desk.db").display()),
        Backend::Postgres => fresh_postgres_database().await,
    }
}

/// Creates an empty database on the PostgreSQL server named by `SIGNPOST_TEST_POSTGRES`.
async fn fresh_postgres_database() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let admin = std::env::var("SIGNPOST_TEST_POSTGRES").expect(
        "SIGNPOST_TEST_POSTGRES must name a PostgreSQL server (postgres://USER@HOST:PORT/postgres); \
         scripts/test.sh starts one",
    );
    let name = format!(
        "signpost_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let pool = sqlx::PgPool::connect(&admin)
        .await
        .expect("PostgreSQL answers");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let (server, _) = admin.rsplit_once('/').expect("URL ends in a database name");
    format!("{server}/{name}")
}

/// Runs one async test body on SQLite and on PostgreSQL, as two tests. The body takes a started desk.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::helpers::spawn($crate::helpers::Backend::Sqlite).await).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name($crate::helpers::spawn($crate::helpers::Backend::Postgres).await).await
            }
        }
    )*};
}

/// [`on_both_backends!`] with the reports' k set to `$k` (`helpers::spawn_with_k`).
macro_rules! on_both_backends_with_k {
    ($k:expr; $($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::{Backend, spawn_with_k};
            #[tokio::test]
            async fn sqlite() {
                super::$name(spawn_with_k(Backend::Sqlite, $k).await).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name(spawn_with_k(Backend::Postgres, $k).await).await
            }
        }
    )*};
}
