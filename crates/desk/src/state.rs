//! What every handler can reach. Only logic lives behind it (no routes), and it holds nothing another replica
//! would need: shared state is in the database.

use crate::address::TrustedProxies;
use crate::agents::sessions::SessionRules;
use crate::config::Secret;
use crate::console_files::ConsoleFiles;
use crate::db::{Db, ReportDb};
use crate::help::Content;
use crate::identity::IdentitySecret;
use crate::insights::ReportSettings;
use crate::insights::ingest::EventQueue;
use crate::limits::{LocalLimit, RateLimit};
use crate::status_page::StatusHub;
use crate::streams::Streams;
use crate::tickets::TicketLimits;
use crate::tickets::access::TokenKey;
use crate::tickets::live::InboxWatcher;
use crate::tickets::watch::ThreadWatcher;
use crate::triage::TriageModels;
use crate::webhooks::WebhookSettings;
use crate::widget::WidgetAssets;
use std::sync::Arc;

/// The desk's parts, shared by every request.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    /// The database as reports use it: on SQLite, reads on connections of their own ([`Db::for_reports`]).
    pub report_db: ReportDb,
    /// The database for a request's reads before it writes ([`Db::for_lookups`]).
    pub lookup_db: Db,
    pub widget: Arc<WidgetAssets>,
    /// The console's built files, if this desk has them.
    pub console_files: Arc<ConsoleFiles>,
    pub content: Content,
    /// The service token of the agent API (`--agent-token`); `None` turns it off (named agents still sign in).
    pub agent_token: Option<Secret>,
    /// How agents sign in to the console.
    pub console: ConsoleSettings,
    /// What ticket access tokens are derived from.
    pub token_key: TokenKey,
    /// The status page's current snapshot and change stream.
    pub status: StatusHub,
    /// The secret that identity tokens are signed with; `None` turns verified identity off.
    pub identity_secret: Option<IdentitySecret>,
    /// The site's webhook, when configured.
    pub webhook: Option<WebhookSettings>,
    /// How many tickets one address or one email may file per hour.
    pub ticket_limits: TicketLimits,
    /// How many replies, votes and wrong agent tokens one address may send (counted in the database), and
    /// searches (counted here).
    pub limits: Arc<AddressLimits>,
    /// The proxies whose forwarding headers name the client.
    pub trusted_proxies: Arc<TrustedProxies>,
    /// The event streams open in this process, under their caps.
    pub streams: Streams,
    /// The ticket threads this process's streams follow.
    pub threads: ThreadWatcher,
    /// Tells this process's console streams when the inbox changed.
    pub inbox: InboxWatcher,
    /// The newest triage model, as last read from the database.
    pub triage_models: TriageModels,
    /// The widget's usage events on their way to the database.
    pub events: EventQueue,
    /// How the insights reports are computed.
    pub reports: ReportSettings,
    /// The most nudges one user sees in a day (`content/embed.toml`).
    pub nudges_per_day: u32,
}

/// Per-address limits besides tickets'.
#[derive(Debug)]
pub struct AddressLimits {
    pub replies: RateLimit,
    pub votes: RateLimit,
    pub agent_failures: RateLimit,
    pub searches: LocalLimit,
    /// Event batches (counted here, like searches).
    pub event_batches: LocalLimit,
}

/// How agents sign in to the console.
#[derive(Clone, Copy, Debug)]
pub struct ConsoleSettings {
    /// Whether the session cookie is `Secure`: when the desk's public URL is https (behind a TLS proxy the desk
    /// itself sees plain http).
    pub secure_cookie: bool,
    pub sessions: SessionRules,
    /// Wrong passwords for one account, whatever address they come from (besides the per-address limit).
    pub sign_in_failures: RateLimit,
}
