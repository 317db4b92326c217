//! Command-line flags and their environment variables.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

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
    Serve(ServeConfig),
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

    /// Bearer token for the agent API and the operator commands. Without it the agent API is off.
    #[arg(long, env = "SIGNPOST_AGENT_TOKEN", hide_env_values = true)]
    pub agent_token: Option<String>,

    /// The built widget (Trunk's dist folder), served under /widget/.
    #[arg(long, env = "SIGNPOST_WIDGET_DIR", default_value = "dist")]
    pub widget_dir: PathBuf,

    /// The demo host pages, served under /demo/. Pass an empty value to serve none.
    #[arg(long, env = "SIGNPOST_DEMO_DIR", default_value = "demo")]
    pub demo_dir: PathBuf,

    /// Origins whose pages may call the API from the browser, comma-separated; `*` allows any. The API uses no
    /// cookies, so `*` exposes nothing that a direct request would not.
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
        self.database
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("signpost.db").display()))
    }
}
