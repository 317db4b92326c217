//! Command-line flags and their environment variables, and the [`Secret`] type the secret ones are read into
//! (with the one rule every secret of the desk meets: [`Secret::strong`]). Nothing here knows the rest of the
//! desk: `app.rs` turns these settings into the parts it builds.

mod agents;
mod insights;

pub use agents::{AgentsCommand, AgentsPlace};
pub use insights::InsightsConfig;

use clap::{Args, Parser, Subcommand};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// A secret setting (the agent token, the webhook and identity secrets). `Debug` shows `Secret(hidden)` and
/// there is no `Display`, so logging a config or a state never prints one; [`expose`](Secret::expose) says
/// where the value is really needed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

/// Shortest secret the desk accepts (the agent token, the identity secret, the token key): a bearer token or an
/// HMAC key is only as strong as its length, and 32 bytes match SHA-256's output.
pub const MIN_SECRET_BYTES: usize = 32;

impl Secret {
    /// The secret itself, for the one place that signs or compares with it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the setting was left empty (`SIGNPOST_AGENT_TOKEN=`, as an unset compose variable gives): an
    /// empty secret is no secret, and counts as not set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// This secret, if it is at least [`MIN_SECRET_BYTES`] long.
    pub fn strong(self) -> Result<Secret, SecretTooShort> {
        match self.0.len() {
            len if len < MIN_SECRET_BYTES => Err(SecretTooShort(len)),
            _ => Ok(self),
        }
    }
}

/// A secret too short to be safe; the caller names the setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "it is {0} bytes long; it must be at least 32 bytes (for example the output of `openssl rand -hex 32`)"
)]
pub struct SecretTooShort(pub usize);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret(Arc::from(value))
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(Arc::from(value))
    }
}

/// Signpost desk: the server behind the Signpost help widget.
#[derive(Debug, Parser)]
#[command(name = "signpost-desk", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the desk: the widget, help content, status feed and ticket API.
    Serve(Box<ServeConfig>),
    /// Open, update or resolve an incident on the status page (through a running desk's agent API).
    #[command(subcommand)]
    Incident(IncidentCommand),
    /// Schedule maintenance on the status page (through a running desk's agent API).
    #[command(subcommand)]
    Maintenance(MaintenanceCommand),
    /// Work tickets: list, show, reply, change status, reassign (through a running desk's agent API).
    #[command(subcommand)]
    Tickets(TicketsCommand),
    /// The triage model: `triage train` retrains it from the seed and agents' corrections, `triage models`
    /// lists the stored versions (through a running desk's agent API).
    #[command(subcommand)]
    Triage(TriageCommand),
    /// Verified identity tokens: `identity mint …` makes one, as the marketplace's backend would (no desk
    /// involved).
    #[command(subcommand)]
    Identity(IdentityCommand),
    /// Agents' accounts and tokens: `agents add --name Ana --email ana@example.com --role agent` prints the
    /// link that sets her password. Works on the desk's database directly (the same --database), so the first
    /// admin can be made before any desk runs.
    #[command(subcommand)]
    Agents(AgentsCommand),
    /// Show the webhook outbox: `webhooks --state dead` (pending, delivered or dead).
    Webhooks {
        #[arg(long, default_value = "pending")]
        state: String,
        #[command(flatten)]
        client: DeskClient,
    },
}

#[derive(Debug, Subcommand)]
pub enum TicketsCommand {
    /// List tickets, most urgent first: `tickets list --queue payments --status open`.
    List {
        #[arg(long)]
        queue: Option<String>,
        /// open, pending or solved.
        #[arg(long)]
        status: Option<String>,
        /// urgent, high, normal or low.
        #[arg(long)]
        priority: Option<String>,
        /// Tickets per page, 1–200.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Where the page starts: the cursor the previous page printed.
        #[arg(long)]
        after: Option<String>,
        #[command(flatten)]
        client: DeskClient,
    },
    /// Show a ticket with its context and thread: `tickets show SP-1042`.
    Show {
        id: String,
        #[command(flatten)]
        client: DeskClient,
    },
    /// Reply to the user: `tickets reply SP-1042 "We have refunded your order."`.
    Reply {
        id: String,
        message: String,
        #[command(flatten)]
        client: DeskClient,
    },
    /// Change the status: `tickets status SP-1042 solved` (open, pending, solved).
    Status {
        id: String,
        status: String,
        #[command(flatten)]
        client: DeskClient,
    },
    /// Move to another queue: `tickets assign SP-1042 disputes`.
    Assign {
        id: String,
        queue: String,
        #[command(flatten)]
        client: DeskClient,
    },
    /// Correct triage, for the next training to learn from:
    /// `tickets reroute SP-1042 --queue payouts --priority urgent --reason "payout bank details changed"`.
    Reroute {
        id: String,
        /// payments, orders, disputes, sellers, payouts or general.
        #[arg(long)]
        queue: String,
        /// urgent, high, normal or low.
        #[arg(long)]
        priority: String,
        /// Why triage was wrong (one line).
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        client: DeskClient,
    },
}

#[derive(Debug, Subcommand)]
pub enum TriageCommand {
    /// Train a new model from the seed examples and every correction; it is kept only if it scores at least as
    /// well as the current one on the held-back examples.
    Train {
        #[command(flatten)]
        client: DeskClient,
    },
    /// List the stored model versions, newest first.
    Models {
        #[command(flatten)]
        client: DeskClient,
    },
}

#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Print a signed identity token: `identity mint --user-id u-1 --email lena@example.com --role buyer`.
    Mint {
        /// The desk's --identity-secret (at least 32 bytes).
        #[arg(long, env = "SIGNPOST_IDENTITY_SECRET", hide_env_values = true)]
        secret: Secret,
        /// The marketplace's id for the user (the `sub` claim), 1–128 characters.
        #[arg(long)]
        user_id: String,
        /// The user's email address.
        #[arg(long)]
        email: String,
        /// buyer or seller.
        #[arg(long, value_parser = ["buyer", "seller"])]
        role: String,
        /// The user's name, as agents will see it (at most 120 characters).
        #[arg(long)]
        name: Option<String>,
        /// How long the token is good for.
        #[arg(long, default_value_t = 3_600, value_parser = clap::value_parser!(i64).range(1..))]
        ttl_seconds: i64,
    },
}

/// Where the operator commands find the desk, and how they prove they may use it.
#[derive(Clone, Debug, Args)]
pub struct DeskClient {
    /// Base URL of the running desk.
    #[arg(long, env = "SIGNPOST_DESK", default_value = "http://127.0.0.1:8080")]
    pub desk: String,

    /// The desk's agent token.
    #[arg(long, env = "SIGNPOST_AGENT_TOKEN", hide_env_values = true)]
    pub token: Secret,
}

#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// Open an incident: `incident open --component Payments --impact major "Card payments failing"`.
    Open {
        /// Title shown to users.
        name: String,
        /// How bad it is: none, minor, major or critical.
        #[arg(long)]
        impact: String,
        /// An affected component (repeat for several); unknown names are created.
        #[arg(long = "component")]
        components: Vec<String>,
        /// First update's text (default: the title).
        #[arg(long)]
        message: Option<String>,
        /// investigating (default), identified or monitoring.
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        client: DeskClient,
    },
    /// Post an update: `incident update INCIDENT_ID "We found the cause" --status identified`.
    Update {
        id: String,
        message: String,
        /// investigating, identified (default) or monitoring.
        #[arg(long)]
        status: Option<String>,
        /// A new impact: none, minor, major or critical.
        #[arg(long)]
        impact: Option<String>,
        #[command(flatten)]
        client: DeskClient,
    },
    /// Resolve: `incident resolve INCIDENT_ID ["Payments work again"]`.
    Resolve {
        id: String,
        message: Option<String>,
        #[command(flatten)]
        client: DeskClient,
    },
}

#[derive(Debug, Subcommand)]
pub enum MaintenanceCommand {
    /// Schedule maintenance: `maintenance schedule --component Payouts --from 2026-12-01T02:00:00Z
    /// --until 2026-12-01T04:00:00Z "Payout provider upgrade"`.
    Schedule {
        name: String,
        /// Start, ISO 8601.
        #[arg(long)]
        from: String,
        /// End, ISO 8601.
        #[arg(long)]
        until: String,
        /// An affected component (repeat for several).
        #[arg(long = "component")]
        components: Vec<String>,
        /// Text shown with it (default: the name).
        #[arg(long)]
        message: Option<String>,
        #[command(flatten)]
        client: DeskClient,
    },
}

/// Everything `signpost-desk serve` needs.
#[derive(Clone, Debug, Args)]
pub struct ServeConfig {
    /// Address and port to listen on.
    #[arg(long, env = "SIGNPOST_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Database URL: `sqlite://PATH` (the file is created if missing) or `postgres://USER@HOST/DB`.
    /// Default: the SQLite file `signpost.db` in --data-dir.
    #[arg(long, env = "DATABASE_URL")]
    pub database: Option<String>,

    /// Folder for the desk's own files (the default SQLite database).
    #[arg(long, env = "SIGNPOST_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Folder of Markdown help articles to serve.
    #[arg(long, env = "SIGNPOST_CONTENT", default_value = "content")]
    pub content: PathBuf,

    /// Service token (at least 32 bytes) for the agent API and the operator commands, with an admin's rights;
    /// actions taken with it are recorded as the service's. Without it, or empty, only named agents (signed in,
    /// or with their own `agents token`) use the agent API.
    #[arg(long, env = "SIGNPOST_AGENT_TOKEN", hide_env_values = true)]
    pub agent_token: Option<Secret>,

    /// Key (at least 32 bytes) that ticket access tokens are derived from: a ticket's token is
    /// HMAC-SHA256(key, its id), so no token is stored. Required; every replica needs the same key, and
    /// changing it closes every thread to the browsers that filed it.
    #[arg(long, env = "SIGNPOST_TOKEN_KEY", hide_env_values = true)]
    pub token_key: Option<Secret>,

    /// The built widget (Trunk's dist folder), served under /widget/.
    #[arg(long, env = "SIGNPOST_WIDGET_DIR", default_value = "dist")]
    pub widget_dir: PathBuf,

    /// The built console (Trunk's console/dist), served under /console/. Without one the desk serves no console.
    #[arg(long, env = "SIGNPOST_CONSOLE_DIR", default_value = "console/dist")]
    pub console_dir: PathBuf,

    /// The demo host pages, served under /demo/. Pass an empty value to serve none.
    #[arg(long, env = "SIGNPOST_DEMO_DIR", default_value = "demo")]
    pub demo_dir: PathBuf,

    /// The status page's name, as its feed reports it.
    #[arg(long, env = "SIGNPOST_STATUS_NAME", default_value = "Marketly")]
    pub status_page_name: String,

    /// Mirror this status page (its address or its Statuspage `summary.json`) instead of keeping our own.
    #[arg(long, env = "SIGNPOST_STATUS_UPSTREAM")]
    pub status_upstream: Option<String>,

    /// The desk's public base URL, as the status feed reports it (e.g. https://help.example.com).
    #[arg(long, env = "SIGNPOST_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Shared secret (at least 32 bytes) with which the marketplace's backend signs identity tokens (JWT, HS256;
    /// see docs/identity.md). Without it identity tokens are ignored and `/v1/identity` and `/v1/me/tickets` are off.
    #[arg(long, env = "SIGNPOST_IDENTITY_SECRET", hide_env_values = true)]
    pub identity_secret: Option<Secret>,

    /// The longest an identity token may be good for, in seconds (its `exp` less its `iat`, or less now when it
    /// has no `iat`); a token minted for longer is refused.
    #[arg(long, env = "SIGNPOST_IDENTITY_MAX_TTL_SECONDS", default_value_t = 86_400,
          value_parser = clap::value_parser!(i64).range(60..))]
    pub identity_max_ttl_seconds: i64,

    /// POST every new ticket and message to this URL (signed; see --webhook-secret).
    #[arg(long, env = "SIGNPOST_WEBHOOK_URL", requires = "webhook_secret")]
    pub webhook_url: Option<String>,

    /// Shared secret for the webhook's `X-Signpost-Signature: t=<unix seconds>,sha256=<HMAC-SHA256 of "<t>." and
    /// the body>` header (docs/webhooks.md).
    #[arg(long, env = "SIGNPOST_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<Secret>,

    /// Delivery attempts before a webhook event is dead-lettered.
    #[arg(long, env = "SIGNPOST_WEBHOOK_MAX_ATTEMPTS", default_value_t = 8)]
    pub webhook_max_attempts: i64,

    /// Tickets one network address may file per hour (then 429 with Retry-After).
    #[arg(
        long,
        env = "SIGNPOST_TICKETS_PER_ADDRESS_PER_HOUR",
        default_value_t = 10
    )]
    pub tickets_per_address_per_hour: i64,

    /// Tickets one email address may file per hour (then 429 with Retry-After).
    #[arg(long, env = "SIGNPOST_TICKETS_PER_EMAIL_PER_HOUR", default_value_t = 5)]
    pub tickets_per_email_per_hour: i64,

    /// Replies one network address may post to ticket threads per hour (then 429 with Retry-After).
    #[arg(
        long,
        env = "SIGNPOST_REPLIES_PER_ADDRESS_PER_HOUR",
        default_value_t = 60
    )]
    pub replies_per_address_per_hour: i64,

    /// Article votes one network address may cast per hour (then 429 with Retry-After).
    #[arg(
        long,
        env = "SIGNPOST_VOTES_PER_ADDRESS_PER_HOUR",
        default_value_t = 60
    )]
    pub votes_per_address_per_hour: i64,

    /// Searches one network address may make per minute, on each desk process (then 429 with Retry-After).
    /// The widget searches at every keystroke (aborting the stale request), a few a second while typing: keep
    /// this well above that, since users behind one NAT share an address.
    #[arg(
        long,
        env = "SIGNPOST_SEARCHES_PER_ADDRESS_PER_MINUTE",
        default_value_t = 600
    )]
    pub searches_per_address_per_minute: i64,

    /// Wrong agent tokens and wrong console passwords one network address may present per 15 minutes; past
    /// that its agent requests and sign-ins are refused (429) until the window ends, even with the right one.
    #[arg(
        long,
        env = "SIGNPOST_AGENT_FAILURES_PER_ADDRESS",
        default_value_t = 10
    )]
    pub agent_failures_per_address: i64,

    /// Wrong passwords one agent account may get per 15 minutes, from any address; past that, signing in to
    /// it is refused (429) until the window ends. Each address is also held to --agent-failures-per-address.
    #[arg(
        long,
        env = "SIGNPOST_SIGN_IN_FAILURES_PER_ACCOUNT",
        default_value_t = 10
    )]
    pub sign_in_failures_per_account: i64,

    /// Minutes a console session may sit unused before the agent must sign in again (a session also ends a
    /// day after sign-in).
    #[arg(long, env = "SIGNPOST_CONSOLE_IDLE_MINUTES", default_value_t = 480,
          value_parser = clap::value_parser!(i64).range(1..=1_440))]
    pub console_idle_minutes: i64,

    /// Usage events and the insights reports.
    #[command(flatten)]
    pub insights: InsightsConfig,

    /// Proxies (CIDRs, comma-separated, e.g. `10.0.0.0/8,::1/128`) whose `X-Forwarded-For` (or, without it,
    /// `Forwarded`) names the client. A request from any other peer is keyed on the peer's own address.
    #[arg(long, env = "SIGNPOST_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<String>,

    /// Event streams (status and ticket threads) this desk process serves at once; past it, 503. Each stream
    /// holds an open file: the process's open-files limit (`ulimit -n`) must exceed this (see the README).
    #[arg(long, env = "SIGNPOST_MAX_STREAMS", default_value_t = 10_000)]
    pub max_streams: u32,

    /// Event streams one network address may hold open at once; past it, 429 (the widget then polls).
    #[arg(long, env = "SIGNPOST_MAX_STREAMS_PER_ADDRESS", default_value_t = 50)]
    pub max_streams_per_address: u32,

    /// Event streams one ticket's thread may have open at once; past it, 429 (the widget then polls).
    #[arg(long, env = "SIGNPOST_MAX_STREAMS_PER_TICKET", default_value_t = 10)]
    pub max_streams_per_ticket: u32,

    /// Seconds a connection may take to send a request's headers (also how long an idle connection is kept
    /// between requests); then it is closed.
    #[arg(long, env = "SIGNPOST_HEADER_READ_TIMEOUT", default_value_t = 10)]
    pub header_read_timeout_seconds: u64,

    /// Seconds a request may take, body included, until its response starts (event streams then run as long
    /// as the client stays); past it, 503.
    #[arg(long, env = "SIGNPOST_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout_seconds: u64,

    /// Origins whose pages may call the API from the browser, comma-separated; `*` allows any. Cross-origin
    /// requests never carry credentials (the console's session cookie is `SameSite=Strict` and the console is
    /// served by the desk itself), so `*` exposes nothing that a direct request would not.
    #[arg(
        long,
        env = "SIGNPOST_ALLOWED_ORIGINS",
        value_delimiter = ',',
        default_value = "*"
    )]
    pub allowed_origins: Vec<String>,
}

impl ServeConfig {
    /// The database URL to connect to, after applying the default.
    pub fn database_url(&self) -> String {
        agents::database_url(self.database.as_deref(), &self.data_dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let cli = Cli::parse_from([
            "signpost-desk",
            "serve",
            "--agent-token",
            "agent-token-value",
            "--identity-secret",
            "identity-secret-value",
            "--token-key",
            "token-key-value",
            "--webhook-url",
            "https://example.com/hook",
            "--webhook-secret",
            "webhook-secret-value",
        ]);
        let Command::Serve(config) = cli.command else {
            panic!("serve parses as serve");
        };
        assert_eq!(
            config.agent_token.as_ref().map(Secret::expose),
            Some("agent-token-value")
        );
        let printed = format!("{config:?} {config:#?}");
        for secret in [
            "agent-token-value",
            "identity-secret-value",
            "webhook-secret-value",
            "token-key-value",
        ] {
            assert!(!printed.contains(secret), "{secret} printed: {printed}");
        }
        assert!(printed.contains("Secret(hidden)"));
    }

    #[test]
    fn secrets_shorter_than_32_bytes_are_refused() {
        assert_eq!(
            Secret::from("short").strong().unwrap_err().to_string(),
            "it is 5 bytes long; it must be at least 32 bytes (for example the output of `openssl rand -hex 32`)"
        );
        assert!(Secret::from("x".repeat(31)).strong().is_err());
        assert!(Secret::from("x".repeat(32)).strong().is_ok());
        assert!(Secret::from("").is_empty());
    }
}
