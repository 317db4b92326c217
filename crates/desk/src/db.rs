//! Storage: one handle over SQLite or PostgreSQL. Backend-specific SQL lives here and in `migrations/<backend>/`;
//! queries elsewhere are written once in the SQL both understand, with `$1, $2, …` placeholders, and run on
//! either pool through [`with_pool!`](crate::with_pool).

use anyhow::Context as _;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// Runs `$body` with `$pool` bound to the pool `$db` holds, whichever backend it is.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// A connection pool to the desk's database.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Db {
    /// Connects to `url` (`sqlite://PATH` or `postgres://…`) and brings the schema up to date.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await
                .with_context(|| {
                    format!("connecting to PostgreSQL at {}", crate::redact::url(url))
                })?;
            Db::Postgres(pool)
        } else if url.starts_with("sqlite:") {
            // WAL with full sync: a write is on disk before we acknowledge it, and readers never block it.
            let options = SqliteConnectOptions::from_str(url)
                .with_context(|| format!("bad SQLite URL {}", crate::redact::url(url)))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            if let Some(dir) = std::path::Path::new(options.get_filename()).parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .with_context(|| format!("opening SQLite database {url}"))?;
            Db::Sqlite(pool)
        } else {
            anyhow::bail!(
                "unsupported database URL {}: use sqlite://PATH or postgres://…",
                crate::redact::url(url)
            );
        };
        db.migrate().await?;
        Ok(db)
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await,
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
        }
        .context("applying database migrations")
    }

    /// One round trip, to prove the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop))
    }

    /// Closes every connection (on shutdown).
    pub async fn close(&self) {
        with_pool!(self, pool => pool.close().await)
    }
}
