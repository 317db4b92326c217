//! Starts a real desk on port 0 with a fresh database (SQLite file or PostgreSQL database) per test, and the
//! requests the tests share, as methods of [`TestDesk`].

use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::tickets::TicketCreated;
use signpost_core::wire::ErrorBody;
use signpost_desk::app::Application;
use signpost_desk::config::ServeConfig;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use tempfile::TempDir;

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

/// The desk's `--agent-token` in tests.
pub const AGENT_TOKEN: &str = "test-agent-token";

/// The files of a widget build, small stand-ins for the real ones (the browser tests use the real build).
pub const LOADER: &str = "/*loader*/var assets='__SIGNPOST_VERSION__/',site=__SIGNPOST_SITE__;";
pub const WASM: &[u8] = b"\0asm\x01\0\0\0";
/// The desk's `--identity-secret` in tests.
pub const IDENTITY_SECRET: &str = "test-identity-secret-0123456789abcdef";

pub async fn spawn(backend: Backend) -> TestDesk {
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
    let database = match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.path().join("desk.db").display()),
        Backend::Postgres => fresh_postgres_database().await,
    };
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        database: Some(database),
        data_dir: dir.path().join("data"),
        content: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content"),
        agent_token: Some(AGENT_TOKEN.into()),
        widget_dir,
        demo_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../demo"),
        allowed_origins: vec!["https://shop.example".into()],
        status_page_name: "Marketly".into(),
        public_url: None,
        status_upstream: None,
        identity_secret: Some(IDENTITY_SECRET.into()),
        webhook_url: None,
        webhook_secret: None,
        webhook_max_attempts: 8,
        tickets_per_address_per_hour: 1_000,
        tickets_per_email_per_hour: 1_000,
    };
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
