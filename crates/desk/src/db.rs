//! Storage: one handle over SQLite or PostgreSQL. Backend-specific SQL lives here and in `migrations/<backend>/`;
//! queries elsewhere are written once in the SQL both understand, with `$1, $2, …` placeholders, and run on
//! either pool through [`with_pool!`](crate::with_pool).

use anyhow::Context as _;
use signpost_core::wire::UnavailableReason;
use sqlx::Connection as _;
use sqlx::postgres::{PgDatabaseError, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteError, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// How long a request waits for a database connection before it is answered 503.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);
/// The connections each read-only pool of a SQLite desk opens (reports, lookups, standing work), beside its one
/// writer.
const READ_CONNECTIONS: u32 = 2;

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

/// Begins a transaction that writes, on either pool. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`, waiting its turn within the busy timeout): begun deferred, a transaction that read before it
/// wrote would fail at its first write (`SQLITE_BUSY_SNAPSHOT`, at once, without the wait) whenever another
/// process on the file, such as the other desk of a rolling restart, wrote in between.
pub trait BeginWrite {
    type Database: sqlx::Database;

    fn begin_write(
        &self,
    ) -> impl Future<Output = Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>> + Send;
}

impl BeginWrite for SqlitePool {
    type Database = sqlx::Sqlite;

    fn begin_write(
        &self,
    ) -> impl Future<Output = Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error>> + Send
    {
        self.begin_with("BEGIN IMMEDIATE")
    }
}

impl BeginWrite for PgPool {
    type Database = sqlx::Postgres;

    fn begin_write(
        &self,
    ) -> impl Future<Output = Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error>> + Send
    {
        self.begin()
    }
}

/// Whose reads a pool of report connections serves: requests', or the desk's standing work.
#[derive(Clone, Copy)]
enum Priority {
    Normal,
    Background,
}

/// How the threads of [`Db::for_background`]'s SQLite connections are named (Linux shows 15 bytes of a name).
const BACKGROUND_THREAD: &str = "sp-background-";
/// Their nice value: the scheduler then gives a busy request thread about nine tenths of a shared core.
const BACKGROUND_NICE: i32 = 10;

/// Lowers the CPU priority of every background connection's thread (on Linux, a thread's nice value is its own).
/// A failure only costs the priority, so it is logged, not returned; a thread that ended meanwhile (the pool
/// closing the connection this one replaces) needs nothing.
#[cfg(target_os = "linux")]
fn lower_background_priority() {
    use rustix::io::Errno;
    use rustix::process::{Pid, setpriority_process};
    let Ok(threads) = std::fs::read_dir("/proc/self/task") else {
        return;
    };
    for thread in threads.flatten() {
        let background = std::fs::read_to_string(thread.path().join("comm"))
            .is_ok_and(|name| name.starts_with(BACKGROUND_THREAD));
        let id = thread.file_name().to_str().and_then(|id| id.parse().ok());
        if let (true, Some(id)) = (background, id.and_then(Pid::from_raw))
            && let Err(err) = setpriority_process(Some(id), BACKGROUND_NICE)
            && err != Errno::SRCH
        {
            tracing::warn!(error = %err, "could not lower a background thread's priority");
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_background_priority() {}

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
            // A database that does not answer fails a request within the acquire timeout (503), never hangs it;
            // connections are checked before use, so the pool heals by itself once the server is back.
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(ACQUIRE_TIMEOUT)
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
            // One connection: SQLite has one writer at a time anyway, and writers queued in the pool wait their
            // turn in order, where several connections would sleep in SQLite's busy handler (up to 100 ms a
            // turn: a 4x p99 of 73 ms against 4.5 ms with one). Reads in WAL take microseconds.
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                // A transaction SQLite rolled back by itself (a full disk) leaves sqlx counting it open, since
                // its own ROLLBACK then fails: such a connection could begin no other (`BeginWrite`), so it
                // is closed and a new one opened. (Checked after the pool's ping, which runs what was queued.)
                .before_acquire(|connection, _| {
                    Box::pin(async move { Ok(!connection.is_in_transaction()) })
                })
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

    /// The database as reports use it. On SQLite their reads go through a pool of its own over the same file,
    /// read only: a report's long reads (seconds at 10 M events a month) then never hold the one connection
    /// everything is written through (in WAL, readers and the writer do not wait for each other), and that one
    /// stays the only writer (a second would fail a transaction that read before it wrote with
    /// `SQLITE_BUSY_SNAPSHOT`). On PostgreSQL both are the desk's pool.
    pub fn for_reports(&self) -> ReportDb {
        self.with_reads(Priority::Normal)
    }

    /// The database for the reads a request makes before it writes, which may miss a write committed a moment
    /// ago (whether an idempotency key filed a ticket already: a retry racing its first try still meets the
    /// key's unique index when it writes). On SQLite through read-only connections of their own, so that they
    /// do not queue for the one connection everything is written through: under a flood of events a ticket
    /// waited there behind the events' transactions once for each read. On PostgreSQL the desk's pool.
    pub fn for_lookups(&self) -> Db {
        self.read_only(Priority::Normal)
    }

    /// The database as the desk's own standing work uses it: the daily rollup and sweeps, the live parts kept
    /// warm, the experiments' guardrails. On SQLite like [`Db::for_reports`], through connections of their own
    /// whose threads run at a lower CPU priority (Linux), so that on a small machine the seconds of adding up
    /// (more than a core while a busy day's live parts are added up again) wait for the requests rather than
    /// the other way round. On PostgreSQL the server does that work, and this is the desk's pool.
    pub fn for_background(&self) -> ReportDb {
        self.with_reads(Priority::Background)
    }

    /// This database, read on SQLite through read-only connections of their own at `priority`.
    fn with_reads(&self, priority: Priority) -> ReportDb {
        ReportDb {
            reads: self.read_only(priority),
            writes: self.clone(),
        }
    }

    /// On SQLite a read-only pool of its own over the same file, its connections' threads at `priority`; on
    /// PostgreSQL the desk's pool.
    fn read_only(&self, priority: Priority) -> Db {
        match self {
            Db::Sqlite(pool) => {
                let pool_options = SqlitePoolOptions::new()
                    .max_connections(READ_CONNECTIONS)
                    .acquire_timeout(ACQUIRE_TIMEOUT);
                let options = pool.connect_options().as_ref().clone().read_only(true);
                Db::Sqlite(match priority {
                    Priority::Normal => pool_options.connect_lazy_with(options),
                    Priority::Background => pool_options
                        // After each connection is opened, since the pool replaces its connections now and
                        // then.
                        .after_connect(|_, _| {
                            Box::pin(async {
                                lower_background_priority();
                                Ok(())
                            })
                        })
                        .connect_lazy_with(
                            options.thread_name(|id| format!("{BACKGROUND_THREAD}{id}")),
                        ),
                })
            }
            Db::Postgres(pool) => Db::Postgres(pool.clone()),
        }
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

    /// The SQL of the text at one key of a JSON object held as text in `column`; `param` is bound to
    /// [`json_key`](Db::json_key) of the key.
    pub fn json_text(&self, column: &str, param: &str) -> String {
        match self {
            Db::Sqlite(_) => format!("json_extract({column}, {param})"),
            Db::Postgres(_) => format!("({column}::jsonb ->> {param})"),
        }
    }

    /// What to bind for `key` in [`json_text`](Db::json_text).
    pub fn json_key(&self, key: &str) -> String {
        match self {
            Db::Sqlite(_) => format!("$.\"{key}\""),
            Db::Postgres(_) => key.to_owned(),
        }
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

/// The database as reports use it ([`Db::for_reports`]): their reads on `reads`, the few rows they write (kept
/// sums, a stopped experiment) through the desk's own pool.
#[derive(Clone, Debug)]
pub struct ReportDb {
    pub reads: Db,
    pub writes: Db,
}

/// When `err` says the database cannot serve now (rather than that a query is wrong): which outage it is, for a
/// 503 that clients retry. `None` for every other error.
pub fn outage(err: &sqlx::Error) -> Option<UnavailableReason> {
    use sqlx::Error;
    match err {
        Error::PoolTimedOut
        | Error::PoolClosed
        | Error::Io(_)
        | Error::Tls(_)
        | Error::Protocol(_)
        | Error::WorkerCrashed => Some(UnavailableReason::DatabaseUnreachable),
        Error::Database(db_err) => {
            if let Some(pg) = db_err.try_downcast_ref::<PgDatabaseError>() {
                postgres_outage(pg.code())
            } else if let Some(sqlite) = db_err.try_downcast_ref::<SqliteError>() {
                let code = sqlx::error::DatabaseError::code(sqlite)?
                    .parse::<i32>()
                    .ok()?;
                sqlite_outage(code)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// PostgreSQL's SQLSTATEs for a database that cannot serve now.
fn postgres_outage(sqlstate: &str) -> Option<UnavailableReason> {
    match sqlstate {
        // read_only_sql_transaction: a read-only server (a standby, or default_transaction_read_only).
        "25006" => Some(UnavailableReason::DatabaseReadOnly),
        // disk_full, and insufficient_resources / out_of_memory around it.
        "53100" => Some(UnavailableReason::DiskFull),
        // Connection exceptions, too many connections, shutting down, cannot connect now.
        state if state.starts_with("08") => Some(UnavailableReason::DatabaseUnreachable),
        "53300" | "57P01" | "57P02" | "57P03" => Some(UnavailableReason::DatabaseUnreachable),
        _ => None,
    }
}

/// SQLite's result codes for a database that cannot serve now (the primary code is the low byte of an extended
/// one).
fn sqlite_outage(code: i32) -> Option<UnavailableReason> {
    match code & 0xff {
        // SQLITE_READONLY: the file, its folder or the file system accepts no writes.
        8 => Some(UnavailableReason::DatabaseReadOnly),
        // SQLITE_FULL: the disk is full.
        13 => Some(UnavailableReason::DiskFull),
        // SQLITE_BUSY, SQLITE_LOCKED: another writer held the database past the busy timeout.
        5 | 6 => Some(UnavailableReason::TimedOut),
        // SQLITE_IOERR, SQLITE_CANTOPEN: the file cannot be read or written.
        10 | 14 => Some(UnavailableReason::DatabaseUnreachable),
        _ => None,
    }
}

/// A new SQLite desk database in a directory of its own (removed with the returned `TempDir`), and its pool.
#[cfg(test)]
pub async fn temporary_sqlite() -> (tempfile::TempDir, Db, SqlitePool) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!(
        "sqlite://{}",
        dir.path().join("desk.db").display()
    ))
    .await
    .unwrap();
    let Db::Sqlite(pool) = &db else {
        unreachable!()
    };
    let pool = pool.clone();
    (dir, db, pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The desk's standing work reads on threads the scheduler serves after the requests' (nice 10), and only
    /// it: the connection requests write through keeps the normal priority.
    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn background_reads_run_at_a_lower_priority_than_requests() {
        let (_dir, db, pool) = temporary_sqlite().await;
        let Db::Sqlite(background) = db.for_background().reads else {
            unreachable!()
        };
        let read: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM insight_events")
            .fetch_one(&background)
            .await
            .unwrap();
        assert_eq!(read, 0);
        sqlx::query("SELECT 1").execute(&pool).await.unwrap();
        let mut nice_by_name: Vec<(String, i32)> = vec![];
        for thread in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
            let (Ok(name), Ok(stat)) = (
                std::fs::read_to_string(thread.path().join("comm")),
                std::fs::read_to_string(thread.path().join("stat")),
            ) else {
                continue; // ended meanwhile
            };
            // Field 19 of stat, counted after the name's closing parenthesis (field 2).
            let nice = stat
                .rsplit_once(") ")
                .unwrap()
                .1
                .split(' ')
                .nth(16)
                .unwrap();
            nice_by_name.push((name.trim().to_owned(), nice.parse().unwrap()));
        }
        let of = |prefix: &str| -> Vec<i32> {
            nice_by_name
                .iter()
                .filter(|(name, _)| name.starts_with(prefix))
                .map(|(_, nice)| *nice)
                .collect()
        };
        let background = of(BACKGROUND_THREAD);
        assert!(!background.is_empty(), "threads: {nice_by_name:?}");
        assert!(
            background.iter().all(|nice| *nice == BACKGROUND_NICE),
            "threads: {nice_by_name:?}"
        );
        let requests = of("sqlx-sqlite-wor");
        assert!(
            !requests.is_empty() && requests.iter().all(|nice| *nice == 0),
            "threads: {nice_by_name:?}"
        );
    }

    /// A transaction begun to write holds SQLite's write lock from its start, so another process on the file
    /// (here a connection that does not wait) cannot write between its read and its write, and its write then
    /// goes through. Begun deferred, the other write would go in and this one fail.
    #[tokio::test]
    async fn a_write_transaction_holds_the_file_from_its_start() {
        use sqlx::{Connection, SqliteConnection};
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("x.db").display());
        let Db::Sqlite(desk) = Db::connect(&url).await.unwrap() else {
            unreachable!()
        };
        sqlx::query("CREATE TABLE t (n INTEGER NOT NULL)")
            .execute(&desk)
            .await
            .unwrap();
        let mut other = SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("PRAGMA busy_timeout = 0")
            .execute(&mut other)
            .await
            .unwrap();

        let mut tx = desk.begin_write().await.unwrap();
        let (seen,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM t")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        let meanwhile = sqlx::query("INSERT INTO t (n) VALUES (2)")
            .execute(&mut other)
            .await;
        assert!(meanwhile.is_err(), "the other process waits its turn");
        sqlx::query("INSERT INTO t (n) VALUES ($1)")
            .bind(seen + 1)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        sqlx::query("INSERT INTO t (n) VALUES (2)")
            .execute(&mut other)
            .await
            .unwrap();
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM t")
            .fetch_one(&desk)
            .await
            .unwrap();
        assert_eq!(rows, 2);
    }

    /// A write the database had no room for (which SQLite rolls back by itself) leaves the writer able to begin
    /// the next transaction once there is room (here, on a connection without the page limit).
    #[tokio::test]
    async fn a_write_refused_for_room_leaves_the_writer_usable() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("x.db").display());
        let Db::Sqlite(desk) = Db::connect(&url).await.unwrap() else {
            unreachable!()
        };
        sqlx::query("CREATE TABLE t (n TEXT NOT NULL)")
            .execute(&desk)
            .await
            .unwrap();
        let (pages,): (i64,) = sqlx::query_as("PRAGMA page_count")
            .fetch_one(&desk)
            .await
            .unwrap();
        sqlx::query(&format!("PRAGMA max_page_count = {}", pages + 1))
            .execute(&desk)
            .await
            .unwrap();
        let write = |text: String| async {
            let mut tx = desk.begin_write().await?;
            sqlx::query("INSERT INTO t (n) VALUES ($1)")
                .bind(text)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        };
        let refused = write("x".repeat(50_000)).await.unwrap_err();
        assert_eq!(
            outage(&refused),
            Some(UnavailableReason::DiskFull),
            "{refused}"
        );
        write("y".to_owned()).await.unwrap();
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM t")
            .fetch_one(&desk)
            .await
            .unwrap();
        assert_eq!(rows, 1);
    }

    /// Real errors from real databases (a read-only SQLite file, a full one, a PostgreSQL that is not there)
    /// become the outage a client is told of.
    #[tokio::test]
    async fn outages_are_told_apart_from_faults() {
        use sqlx::{Connection, SqliteConnection};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let url = format!("sqlite://{}", path.display());
        let mut conn = SqliteConnection::connect_with(
            &SqliteConnectOptions::from_str(&url)
                .unwrap()
                .create_if_missing(true),
        )
        .await
        .unwrap();
        sqlx::query("CREATE TABLE t (x TEXT)")
            .execute(&mut conn)
            .await
            .unwrap();
        let wrong = sqlx::query("SELECT nope FROM t")
            .execute(&mut conn)
            .await
            .unwrap_err();
        assert_eq!(
            outage(&wrong),
            None,
            "a wrong query is our fault, not an outage"
        );
        // A database that holds two pages at most fills up.
        sqlx::query("PRAGMA max_page_count = 2")
            .execute(&mut conn)
            .await
            .unwrap();
        let full = sqlx::query("INSERT INTO t VALUES (randomblob(100000))")
            .execute(&mut conn)
            .await
            .unwrap_err();
        assert_eq!(outage(&full), Some(UnavailableReason::DiskFull), "{full}");
        conn.close().await.unwrap();

        let options = SqliteConnectOptions::from_str(&url)
            .unwrap()
            .read_only(true);
        let mut read_only = SqliteConnection::connect_with(&options).await.unwrap();
        let refused = sqlx::query("INSERT INTO t VALUES ('x')")
            .execute(&mut read_only)
            .await
            .unwrap_err();
        assert_eq!(
            outage(&refused),
            Some(UnavailableReason::DatabaseReadOnly),
            "{refused}"
        );

        let absent = PgPoolOptions::new()
            .acquire_timeout(Duration::from_millis(500))
            .connect_lazy("postgres://signpost@127.0.0.1:1/nothing")
            .unwrap();
        let unreachable = sqlx::query("SELECT 1").execute(&absent).await.unwrap_err();
        assert_eq!(
            outage(&unreachable),
            Some(UnavailableReason::DatabaseUnreachable),
            "{unreachable}"
        );
        assert_eq!(
            postgres_outage("25006"),
            Some(UnavailableReason::DatabaseReadOnly)
        );
        assert_eq!(postgres_outage("53100"), Some(UnavailableReason::DiskFull));
        assert_eq!(
            postgres_outage("57P01"),
            Some(UnavailableReason::DatabaseUnreachable)
        );
        assert_eq!(postgres_outage("23505"), None);
    }
}
