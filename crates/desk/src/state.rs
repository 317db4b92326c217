//! What every handler can reach. Only logic lives behind it (no routes), and it holds nothing another replica
//! would need: shared state is in the database.

use crate::address::TrustedProxies;
use crate::config::Secret;
use crate::db::Db;
use crate::help::Content;
use crate::identity::IdentitySecret;
use crate::limits::{LocalLimit, RateLimit};
use crate::status_page::StatusHub;
use crate::streams::Streams;
use crate::tickets::TicketLimits;
use crate::tickets::access::TokenKey;
use crate::tickets::watch::ThreadWatcher;
use crate::triage::TriageModels;
use crate::webhooks::WebhookSettings;
use crate::widget::WidgetAssets;
use std::sync::Arc;

/// The desk's parts, shared by every request.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub widget: Arc<WidgetAssets>,
    pub content: Content,
    /// Bearer token of the agent API; `None` turns it off.
    pub agent_token: Option<Secret>,
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
    /// The newest triage model, as last read from the database.
    pub triage_models: TriageModels,
}

/// Per-address limits besides tickets'.
#[derive(Debug)]
pub struct AddressLimits {
    pub replies: RateLimit,
    pub votes: RateLimit,
    pub agent_failures: RateLimit,
    pub searches: LocalLimit,
}
