//! Builds the desk from its config (the settings turned into the parts they configure) and runs it until a
//! shutdown signal.

use crate::address::{PeerAddr, TrustedProxies};
use crate::agents::sessions::SessionRules;
use crate::config::{Secret, ServeConfig};
use crate::console_files::ConsoleFiles;
use crate::db::Db;
use crate::error::AppError;
use crate::help::Content;
use crate::identity::IdentitySecret;
use crate::insights::ReportSettings;
use crate::insights::ingest::{EventQueue, EventWriter, QUEUE_BATCHES};
use crate::limits::{LocalLimit, RateLimit};
use crate::routes;
use crate::routes::error::json_errors;
use crate::state::{AddressLimits, AppState, ConsoleSettings};
use crate::status_page::{PageInfo, StatusHub};
use crate::streams::{StreamCaps, Streams};
use crate::tickets::TicketLimits;
use crate::tickets::access::TokenKey;
use crate::tickets::live::InboxWatcher;
use crate::tickets::watch::ThreadWatcher;
use crate::triage::TriageModels;
use crate::webhooks::WebhookSettings;
use crate::widget::WidgetAssets;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Router, middleware};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use signpost_core::wire::UnavailableReason;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// A desk bound to its port, ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    /// Every pool of the database: the desk's, the reports' and the lookups'.
    pools: [Db; 3],
    /// Writes queued events; finished after the connections.
    event_writer: EventWriter,
    header_read_timeout: Duration,
}

impl Application {
    /// Connects the database, loads the widget build and binds the listener (port 0 picks a free one).
    pub async fn build(config: ServeConfig) -> anyhow::Result<Application> {
        // Checked first: a misconfigured secret stops the start before anything is opened.
        let agent_token = agent_token(&config)?;
        let token_key = token_key(&config)?;
        let identity_secret = identity_secret(&config)?;
        let db = Db::connect(&config.database_url()).await?;
        let report_db = db.for_reports();
        let lookup_db = db.for_lookups();
        let embed = crate::content::load_site_embed(&config.content);
        let widget = Arc::new(WidgetAssets::load(&config.widget_dir, &embed)?);
        let console_files = Arc::new(ConsoleFiles::load(&config.console_dir)?);
        let content = Content::load(config.content.clone())?;
        crate::triage::seed_if_missing(&db, content.current().triage_seed()).await?;
        if agent_token.is_none() {
            tracing::info!("no --agent-token: only named agents use the agent API");
        }
        tokio::spawn(reload_on_sighup(content.clone()));
        let page = PageInfo {
            name: config.status_page_name.clone(),
            url: config.public_url.clone().unwrap_or_default(),
        };
        let status = StatusHub::start(db.clone(), page, config.status_upstream.clone()).await?;
        tokio::spawn(crate::tickets::nudges::post_forever(
            db.clone(),
            status.news(),
        ));
        let trusted_proxies = TrustedProxies::parse(&config.trusted_proxy)
            .map_err(|err| anyhow::anyhow!("--trusted-proxy (SIGNPOST_TRUSTED_PROXY): {err}"))?;
        warn_if_few_open_files(config.max_streams);
        tokio::spawn(crate::limits::forget_old_forever(db.clone()));
        let console = console_settings(&config);
        let (events, event_writer) = EventQueue::start(db.clone(), QUEUE_BATCHES);
        let reports = ReportSettings {
            min_users: config.insights.report_min_users,
            assumed_resolution_hours: config.insights.assumed_resolution_hours,
            retention_days: config.insights.event_retention_days,
            live_every_ms: i64::from(config.insights.live_report_seconds) * 1_000,
        };
        let background_db = db.for_background();
        crate::insights::daily::start(db.clone(), background_db.clone(), reports, content.clone());
        tokio::spawn(crate::experiments::report::enforce_forever(
            background_db,
            content.clone(),
        ));
        tokio::spawn(crate::agents::sessions::forget_ended_forever(
            db.clone(),
            console.sessions,
        ));
        let state = AppState {
            db: db.clone(),
            report_db: report_db.clone(),
            lookup_db: lookup_db.clone(),
            widget,
            console_files,
            content,
            agent_token,
            console,
            token_key,
            identity_secret,
            status,
            webhook: webhook(&config),
            ticket_limits: TicketLimits {
                per_address_per_hour: config.tickets_per_address_per_hour,
                per_email_per_hour: config.tickets_per_email_per_hour,
            },
            limits: Arc::new(AddressLimits {
                replies: RateLimit::per_hour(config.replies_per_address_per_hour),
                votes: RateLimit::per_hour(config.votes_per_address_per_hour),
                agent_failures: RateLimit {
                    max: config.agent_failures_per_address,
                    window_seconds: 15 * 60,
                },
                searches: LocalLimit::new(RateLimit {
                    max: config.searches_per_address_per_minute,
                    window_seconds: 60,
                }),
                event_batches: LocalLimit::new(RateLimit {
                    max: config.insights.event_batches_per_address_per_minute,
                    window_seconds: 60,
                }),
            }),
            trusted_proxies: Arc::new(trusted_proxies),
            streams: Streams::new(StreamCaps {
                total: config.max_streams,
                per_address: config.max_streams_per_address,
                per_ticket: config.max_streams_per_ticket,
            }),
            threads: ThreadWatcher::start(db.clone()),
            inbox: InboxWatcher::start(db.clone()),
            triage_models: TriageModels::default(),
            events,
            reports,
            nudges_per_day: embed.nudges_per_day(),
        };
        if let Some(webhook) = state.webhook.clone() {
            tokio::spawn(crate::webhooks::deliver_forever(db.clone(), webhook));
        }
        let router = router(state, &config);
        let listener = TcpListener::bind(config.listen).await?;
        tracing::info!(
            address = %listener.local_addr()?,
            database = db.backend(),
            content = %config.content.display(),
            "desk listening"
        );
        Ok(Application {
            listener,
            router,
            pools: [db, report_db.reads, lookup_db],
            event_writer,
            header_read_timeout: Duration::from_secs(config.header_read_timeout_seconds.max(1)),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The router it serves (its `Debug` lists every path and its methods).
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// Serves until `shutdown` resolves, then finishes in-flight requests and closes the database.
    ///
    /// HTTP/1.1, each connection on its own task. A connection that takes longer than the header-read timeout
    /// to send a request's headers (or sends nothing, or idles that long between requests) is closed, so idle
    /// and half-open sockets cannot pile up; accept errors (out of open files) wait a moment instead of
    /// spinning.
    pub async fn run_until_stopped(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(self.header_read_timeout);
        // Each connection holds a receiver; once all are dropped, every connection has finished.
        let (stopping, stop) = tokio::sync::watch::channel(false);
        let mut shutdown = std::pin::pin!(shutdown);
        let mut accept_failures = 0_u32;
        loop {
            let (socket, peer) = tokio::select! {
                () = &mut shutdown => break,
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => {
                        accept_failures = 0;
                        accepted
                    }
                    Err(err) => {
                        // Out of open files (EMFILE) and the like pass when connections close.
                        if accept_failures == 0 {
                            tracing::error!(error = %err, "cannot accept connections; retrying");
                        }
                        accept_failures += 1;
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
            };
            let _ = socket.set_nodelay(true);
            let service = TowerToHyperService::new(self.router.clone());
            let requests = hyper::service::service_fn(move |mut request: hyper::Request<_>| {
                request.extensions_mut().insert(PeerAddr(peer));
                hyper::service::Service::call(&service, request)
            });
            let connection = http.serve_connection(TokioIo::new(socket), requests);
            let mut stop = stop.clone();
            tokio::spawn(async move {
                let mut connection = std::pin::pin!(connection);
                tokio::select! {
                    _ = connection.as_mut() => return,
                    _ = stop.wait_for(|stopping| *stopping) => connection.as_mut().graceful_shutdown(),
                }
                let _ = connection.await;
            });
        }
        // Event streams never end by themselves: after the signal, in-flight requests get a grace period, then
        // the remaining connections are dropped (stream clients reconnect, to another replica if there is one).
        drop(self.listener);
        let _ = stopping.send(true);
        drop(stop);
        if tokio::time::timeout(SHUTDOWN_GRACE, stopping.closed())
            .await
            .is_err()
        {
            tracing::warn!("connections still open after the grace period; closing them");
        }
        // The events already accepted are written before the database closes.
        if !self.event_writer.finish(EVENT_WRITE_GRACE).await {
            tracing::warn!("events still queued after the grace period; they are lost");
        }
        futures_util::future::join_all(self.pools.iter().map(Db::close)).await;
        tracing::info!("desk stopped");
        Ok(())
    }
}

/// Every route of the desk.
pub fn router(state: AppState, config: &ServeConfig) -> Router {
    let api = Router::new()
        .merge(routes::health::router())
        .merge(routes::help::router())
        .merge(routes::console::router())
        .merge(routes::tickets::router())
        .merge(routes::inbox::router())
        .merge(routes::triage::router())
        .merge(routes::identity::router())
        .merge(routes::webhooks::router())
        .merge(routes::insights::router())
        .merge(routes::experiments::router())
        .merge(routes::nudges::router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors(&config.allowed_origins))
        // JSON answers in brotli or gzip (`/v1/site` is a fifth of its size in brotli); event streams never, the
        // widget's files are compressed once at start.
        .layer(CompressionLayer::new())
        .with_state(state.clone());
    // The status feed and stream set their own `Access-Control-Allow-Origin: *`: any page may read status.
    let status = routes::status_page::router()
        .merge(routes::nudges::public_router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .with_state(state.clone());
    let mut router = Router::new()
        .merge(api)
        .merge(status)
        .merge(routes::openapi::router())
        .merge(routes::widget::router(state.widget.clone()))
        .merge(routes::console_files::router(state.console_files.clone()));
    if !config.demo_dir.as_os_str().is_empty() {
        router = router.merge(routes::demo::router(config.demo_dir.clone()));
    }
    let request_timeout = Duration::from_secs(config.request_timeout_seconds.max(1));
    router
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn_with_state(request_timeout, time_limit))
        .layer(middleware::from_fn(json_errors))
        // Browsers must take every answer as the type it says it is, never guess (a JSON error as HTML).
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(TraceLayer::new_for_http())
}

/// 503 (`timed_out`) for a request whose response has not started within `limit`, its body's reading
/// included. An event stream's response starts at once, so streams run on past it.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => AppError::Unavailable(UnavailableReason::TimedOut).into_response(),
    }
}

/// Each open connection takes a file; warns when the process may not open as many as the stream cap needs (on
/// Linux, where `/proc/self/limits` says).
fn warn_if_few_open_files(max_streams: u32) {
    let Ok(limits) = std::fs::read_to_string("/proc/self/limits") else {
        return;
    };
    let soft = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .and_then(|line| line.split_whitespace().nth(3))
        .and_then(|soft| soft.parse::<u64>().ok());
    let needed = u64::from(max_streams) + OPEN_FILES_BESIDES_STREAMS;
    if let Some(soft) = soft
        && soft < needed
    {
        tracing::warn!(
            open_files_limit = soft,
            needed,
            "the open-files limit is below what --max-streams needs: raise it (ulimit -n, LimitNOFILE=) \
             or lower --max-streams, or connections will fail once it is reached"
        );
    }
}

/// Files the desk needs besides its streams: database connections, the search index, the widget build, and
/// headroom for ordinary requests.
pub const OPEN_FILES_BESIDES_STREAMS: u64 = 1_024;

/// An optional secret setting: `None` when unset or empty; an error naming the flag when too short to be safe.
fn optional_secret(
    value: Option<&Secret>,
    flag: &str,
    env: &str,
) -> anyhow::Result<Option<Secret>> {
    value
        .filter(|secret| !secret.is_empty())
        .map(|secret| secret.clone().strong())
        .transpose()
        .map_err(|err| anyhow::anyhow!("{flag} ({env}): {err}"))
}

/// Sessions and sign-in limits as configured; the cookie is `Secure` when the public URL is https.
fn console_settings(config: &ServeConfig) -> ConsoleSettings {
    ConsoleSettings {
        secure_cookie: config
            .public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://")),
        sessions: SessionRules {
            idle_seconds: config.console_idle_minutes.max(1) * 60,
            max_seconds: SESSION_MAX_SECONDS,
        },
        sign_in_failures: RateLimit {
            max: config.sign_in_failures_per_account,
            window_seconds: 15 * 60,
        },
    }
}

/// However busy, a console session ends a day after sign-in.
const SESSION_MAX_SECONDS: i64 = 24 * 3_600;

/// The agent token, when set; an empty one leaves the agent API off, as if unset.
fn agent_token(config: &ServeConfig) -> anyhow::Result<Option<Secret>> {
    optional_secret(
        config.agent_token.as_ref(),
        "--agent-token",
        "SIGNPOST_AGENT_TOKEN",
    )
}

/// The key access tokens are derived from: required.
fn token_key(config: &ServeConfig) -> anyhow::Result<TokenKey> {
    let (flag, env) = ("--token-key", "SIGNPOST_TOKEN_KEY");
    let key = optional_secret(config.token_key.as_ref(), flag, env)?.ok_or_else(|| {
        anyhow::anyhow!(
            "{flag} ({env}) is required: the key ticket access tokens are derived from, at least 32 bytes \
             (for example `openssl rand -hex 32`). Keep it: with another key, browsers can no longer open the \
             tickets they filed."
        )
    })?;
    Ok(TokenKey::new(key)?)
}

/// The identity secret with its token lifetime cap, when set.
fn identity_secret(config: &ServeConfig) -> anyhow::Result<Option<IdentitySecret>> {
    let secret = optional_secret(
        config.identity_secret.as_ref(),
        "--identity-secret",
        "SIGNPOST_IDENTITY_SECRET",
    )?;
    Ok(secret
        .map(IdentitySecret::new)
        .transpose()?
        .map(|secret| secret.with_max_ttl(config.identity_max_ttl_seconds)))
}

/// The webhook to deliver to, when both its URL and secret are set.
fn webhook(config: &ServeConfig) -> Option<WebhookSettings> {
    Some(WebhookSettings {
        url: config.webhook_url.clone()?,
        secret: config.webhook_secret.clone()?,
        max_attempts: config.webhook_max_attempts.max(1),
    })
}

/// How long a stopping desk lets requests finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);
/// How long a stopping desk waits for accepted events to be written (the queue is drained within
/// milliseconds unless the database is struggling).
const EVENT_WRITE_GRACE: Duration = Duration::from_secs(1);

/// The largest request body any endpoint accepts.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Reloads the help center on SIGHUP, the usual "reread your files" signal.
async fn reload_on_sighup(content: Content) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hangups) = signal(SignalKind::hangup()) else {
            return;
        };
        while hangups.recv().await.is_some() {
            match content.reload().await {
                Ok(articles) => tracing::info!(articles, "content reloaded on SIGHUP"),
                Err(err) => {
                    tracing::error!(error = %err, "content reload failed; still serving the old content")
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = content;
}

/// CORS for the API: the configured embedding origins (`*` for any), no cookies.
fn cors(origins: &[String]) -> CorsLayer {
    let allow = if origins.iter().any(|origin| origin == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|origin| HeaderValue::from_str(origin).ok()),
        )
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("x-signpost-identity"),
        ])
        .max_age(std::time::Duration::from_secs(600))
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
