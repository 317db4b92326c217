//! The `agents` commands' flags.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum AgentsCommand {
    /// Add an agent and print the one-time link (72 hours) that sets their password.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["agent", "admin"], default_value = "agent")]
        role: String,
        /// Set the password read from standard input instead of printing a link (for provisioning scripts).
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        place: AgentsPlace,
    },
    /// List every agent.
    List {
        #[command(flatten)]
        place: AgentsPlace,
    },
    /// Disable an agent: signed out of every console at once, their tokens stop working.
    Disable {
        email: String,
        #[command(flatten)]
        place: AgentsPlace,
    },
    /// Print a new one-time link that sets an agent's password (a forgotten one).
    ResetPassword {
        email: String,
        #[command(flatten)]
        place: AgentsPlace,
    },
    /// Make an API token for an agent's CLI or automation, printed once: `agents token ana@example.com --label cli`.
    Token {
        email: String,
        #[arg(long, default_value = "cli")]
        label: String,
        #[command(flatten)]
        place: AgentsPlace,
    },
    /// List an agent's tokens (never the tokens themselves).
    Tokens {
        email: String,
        #[command(flatten)]
        place: AgentsPlace,
    },
    /// Revoke a token by its id (`agents tokens` lists them).
    RevokeToken {
        id: i64,
        #[command(flatten)]
        place: AgentsPlace,
    },
}

/// Where the `agents` commands find the desk's database, and the desk's address for the links they print.
#[derive(Clone, Debug, Args)]
pub struct AgentsPlace {
    /// The desk's database URL (as `serve --database`). Default: `signpost.db` in --data-dir.
    #[arg(long, env = "DATABASE_URL")]
    pub database: Option<String>,
    /// The desk's data folder (as `serve --data-dir`).
    #[arg(long, env = "SIGNPOST_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// The desk's public base URL, for the set-password links.
    #[arg(
        long,
        env = "SIGNPOST_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,
}

impl AgentsPlace {
    pub fn database_url(&self) -> String {
        database_url(self.database.as_deref(), &self.data_dir)
    }
}

/// `database`, or the SQLite file `signpost.db` in `data_dir`.
pub fn database_url(database: Option<&str>, data_dir: &std::path::Path) -> String {
    database.map_or_else(
        || format!("sqlite://{}", data_dir.join("signpost.db").display()),
        str::to_owned,
    )
}
