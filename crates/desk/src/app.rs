//! Builds the desk from its config (the settings turned into the parts they configure) and runs it until a
//! shutdown signal.

use crate::config::ServeConfig;
use crate::db::Db;
use crate::error::{AppError, json_errors};
use crate::help::Content;
use crate::identity::IdentitySecret;
use crate::routes;
use crate::state::AppState;
use crate::status::{PageInfo, StatusHub};
use crate::tickets::TicketLimits;
use crate::webhooks::WebhookSettings;
use crate::widget::WidgetAssets;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::routing::get;
use axum::{Json, Router, middleware};
use signpost_core::wire::Health;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

/// A desk bound to its port, ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
}

impl Application {
    /// Connects the database, loads the widget build and binds the listener (port 0 picks a free one).
    pub async fn build(config: ServeConfig) -> anyhow::Result<Application> {
        // Checked first: a misconfigured secret stops the start before anything is opened.
        let identity_secret = identity_secret(&config)?;
        let db = Db::connect(&config.database_url()).await?;
        let embed = crate::content::load_site_embed(&config.content);
        let widget = Arc::new(WidgetAssets::load(&config.widget_dir, &embed)?);
        let content = Content::load(config.content.clone())?;
        if config.agent_token.is_none() {
            tracing::warn!("no --agent-token: the agent API and operator commands are off");
        }
        tokio::spawn(reload_on_sighup(content.clone()));
        let page = PageInfo {
            name: config.status_page_name.clone(),
            url: config.public_url.clone().unwrap_or_default(),
        };
        let status = StatusHub::start(db.clone(), page, config.status_upstream.clone()).await?;
        let state = AppState {
            db: db.clone(),
            widget,
            content,
            agent_token: config.agent_token.clone(),
            identity_secret,
            status,
            webhook: webhook(&config),
            ticket_limits: TicketLimits {
                per_address_per_hour: config.tickets_per_address_per_hour,
                per_email_per_hour: config.tickets_per_email_per_hour,
            },
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
            db,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` resolves, then finishes in-flight requests and closes the database.
    pub async fn run_until_stopped(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let (stopping, mut stop) = tokio::sync::watch::channel(false);
        let server = axum::serve(self.listener, service).with_graceful_shutdown(async move {
            let _ = stop.wait_for(|stopping| *stopping).await;
        });
        // Event streams never end by themselves: after the signal, in-flight requests get a grace period, then
        // the remaining connections are dropped (stream clients reconnect, to another replica if there is one).
        let grace = async move {
            shutdown.await;
            let _ = stopping.send(true);
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        };
        tokio::select! {
            served = server => served?,
            () = grace => tracing::warn!("connections still open after the grace period; closing them"),
        }
        self.db.close().await;
        tracing::info!("desk stopped");
        Ok(())
    }
}

/// Every route of the desk.
pub fn router(state: AppState, config: &ServeConfig) -> Router {
    let api = Router::new()
        .route("/healthz", get(healthz))
        .merge(routes::help::router())
        .merge(routes::tickets::router())
        .merge(routes::identity::router())
        .merge(routes::webhooks::router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors(&config.allowed_origins))
        .with_state(state.clone());
    // The status feed and stream set their own `Access-Control-Allow-Origin: *`: any page may read status.
    let status = routes::status::router()
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state.clone());
    let mut router = Router::new()
        .merge(api)
        .merge(status)
        .merge(routes::widget::router(state.widget.clone()));
    if !config.demo_dir.as_os_str().is_empty() {
        router = router.merge(routes::demo::router(config.demo_dir.clone()));
    }
    router
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn(json_errors))
        .layer(TraceLayer::new_for_http())
}

/// The identity secret, when set; an error naming the flag when it is too short to be safe.
fn identity_secret(config: &ServeConfig) -> anyhow::Result<Option<IdentitySecret>> {
    config
        .identity_secret
        .clone()
        .map(IdentitySecret::new)
        .transpose()
        .map_err(|err| anyhow::anyhow!("--identity-secret (SIGNPOST_IDENTITY_SECRET): {err}"))
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
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

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

async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state.db.ping().await?;
    Ok(Json(Health {
        status: "ok".to_owned(),
        database: state.db.backend().to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        widget: state.widget.version().to_owned(),
    }))
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
