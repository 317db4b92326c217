//! `signpost-desk`: the server behind the widget, and the operator's command line.

use clap::Parser;
use signpost_desk::app::Application;
use signpost_desk::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    match Cli::parse().command {
        Command::Serve(config) => {
            let app = Application::build(*config).await?;
            app.run_until_stopped(signpost_desk::app::shutdown_signal())
                .await
        }
        Command::Incident(command) => signpost_desk::cli::incident(command).await,
        Command::Maintenance(command) => signpost_desk::cli::maintenance(command).await,
        Command::Tickets(command) => signpost_desk::cli::tickets(command).await,
        Command::Triage(command) => signpost_desk::cli::triage(command).await,
        Command::Identity(command) => signpost_desk::cli::identity(command),
        Command::Agents(command) => signpost_desk::cli::agents(command).await,
        Command::Webhooks { state, client } => signpost_desk::cli::webhooks(state, client).await,
    }
}
