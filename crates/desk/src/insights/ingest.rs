//! From a batch the widget sent to rows in the database, without the page waiting: the endpoint turns a batch
//! into rows and offers them to a bounded queue, and answers; one writer per process drains the queue into the
//! database in large transactions. A full queue drops the batch and counts it, so a flood costs the counter,
//! never a slow answer or unbounded memory. Nothing waits in the queue for long (a few milliseconds under
//! load), so no other replica ever needs it.

use crate::db::Db;
use crate::insights::clean::clean_query;
use signpost_core::context::Role;
use signpost_core::embed::Surface;
use signpost_core::insights::events::{EventBatch, Unit};
use sqlx::Connection as _;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// Batches the queue holds (each at most 50 events).
pub const QUEUE_BATCHES: usize = 4_096;
/// Rows one transaction writes at most.
const ROWS_PER_WRITE: usize = 5_000;
/// Rows per `INSERT` statement (14 columns: within both backends' limits on bound values).
const ROWS_PER_STATEMENT: usize = 500;
/// Times a write is tried before its rows are dropped (the database is down or full).
const WRITE_ATTEMPTS: u32 = 3;
const MS_PER_DAY: i64 = 86_400_000;

/// One event, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub day: i64,
    pub at_ms: i64,
    pub kind: &'static str,
    pub unit: Option<String>,
    pub audience: &'static str,
    pub surface: &'static str,
    pub language: String,
    pub identified: bool,
    pub returning: bool,
    pub dimensions: String,
    pub item: Option<String>,
    pub query: Option<String>,
    pub results: Option<i64>,
    pub helpful: Option<bool>,
    /// An exposure's variant (`item` is the experiment); stored as the person's exposure, not in the events.
    pub variant: Option<i64>,
}

/// Who sent a batch, as the desk believes it.
#[derive(Clone, Debug, Default)]
pub struct Sender {
    /// The keyed hash of a verified user's id.
    pub user_key: Option<String>,
    /// Their verified role, which wins over the page's.
    pub role: Option<Role>,
}

/// Whom the reports count a widget's `unit` as: a verified user by `user_key`, else the install or the page
/// view; nobody when the browser asked not to be tracked, whoever it is.
pub fn unit_key(unit: &Unit, user_key: Option<&str>) -> Option<String> {
    match (unit, user_key) {
        (Unit::Unlinked, _) => None,
        (_, Some(key)) => Some(format!("u:{key}")),
        (Unit::Install { id }, None) => Some(format!("i:{}", id.trim())),
        (Unit::PageView { id }, None) => Some(format!("p:{}", id.trim())),
    }
}

/// The rows of a checked batch received at `now_ms`. Only the site's `dimensions` are kept; a browser that
/// asked not to be tracked gets no unit, whoever it is.
pub fn rows(
    batch: &EventBatch,
    sender: &Sender,
    dimensions: &[String],
    now_ms: i64,
) -> Vec<EventRow> {
    let unit = unit_key(&batch.unit, sender.user_key.as_deref());
    let identified = unit.is_some() && sender.user_key.is_some();
    let audience = match sender.role.or(batch.page.audience) {
        Some(Role::Buyer) => "buyer",
        Some(Role::Seller) => "seller",
        None => "",
    };
    let kept: BTreeMap<&str, &str> = batch
        .page
        .dimensions
        .iter()
        .filter(|(name, _)| dimensions.iter().any(|allowed| allowed == *name))
        .map(|(name, value)| (name.as_str(), value.trim()))
        .collect();
    let dimensions = serde_json::to_string(&kept).expect("a map of strings serialises");
    let language = batch.page.language.trim().to_ascii_lowercase();
    batch
        .events
        .iter()
        .map(|event| {
            let at_ms = now_ms - event.age_ms as i64;
            EventRow {
                day: at_ms.div_euclid(MS_PER_DAY),
                at_ms,
                kind: event.kind.as_str(),
                unit: unit.clone(),
                audience,
                surface: batch.page.surface.as_str(),
                language: language.clone(),
                identified,
                returning: batch.returning,
                dimensions: dimensions.clone(),
                item: event.item.as_ref().map(|item| item.trim().to_owned()),
                query: event.query.as_deref().map(clean_query),
                results: event.results.map(i64::from),
                helpful: event.helpful,
                variant: event.variant.map(i64::from),
            }
        })
        .collect()
}

/// The page on which the desk itself exposed someone to an experiment.
#[derive(Clone, Copy, Debug)]
pub struct ExposedOn<'a> {
    pub role: Option<Role>,
    pub surface: Surface,
    /// The page's BCP 47 locale.
    pub locale: Option<&'a str>,
    /// Whether the person is a verified user.
    pub identified: bool,
}

impl EventRow {
    /// The exposure of `unit` to `variant` of `experiment` at `at_ms`, decided by the desk itself (a nudge's
    /// holdout or words, a ticket's escalation), written like the widget's `exposed` events.
    pub fn exposure(
        unit: String,
        experiment: String,
        variant: u32,
        on: ExposedOn<'_>,
        at_ms: i64,
    ) -> EventRow {
        EventRow {
            day: day_of(at_ms),
            at_ms,
            kind: "exposed",
            unit: Some(unit),
            audience: match on.role {
                Some(Role::Buyer) => "buyer",
                Some(Role::Seller) => "seller",
                None => "",
            },
            surface: on.surface.as_str(),
            language: on
                .locale
                .and_then(|tag| tag.split(['-', '_']).next())
                .unwrap_or("en")
                .to_ascii_lowercase(),
            identified: on.identified,
            returning: false,
            dimensions: "{}".into(),
            item: Some(experiment),
            query: None,
            results: None,
            helpful: None,
            variant: Some(i64::from(variant)),
        }
    }
}

/// The day `at_ms` falls on, as stored.
pub fn day_of(at_ms: i64) -> i64 {
    at_ms.div_euclid(MS_PER_DAY)
}

/// What happened to the events offered, since the process started.
#[derive(Debug, Default)]
pub struct Counters {
    pub accepted: AtomicU64,
    pub dropped: AtomicU64,
    pub written: AtomicU64,
}

/// The queue between the event endpoint and the database.
#[derive(Clone, Debug)]
pub struct EventQueue {
    sender: mpsc::Sender<Vec<EventRow>>,
    counters: Arc<Counters>,
}

/// Whether the rows offered were queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offered {
    Queued,
    /// The queue was full: the rows are counted as dropped.
    Dropped,
}

impl EventQueue {
    /// Starts the writer, which runs until [`EventWriter::finish`].
    pub fn start(db: Db, capacity: usize) -> (EventQueue, EventWriter) {
        let (sender, receiver) = mpsc::channel(capacity);
        let (stop, stopped) = oneshot::channel();
        let counters = Arc::new(Counters::default());
        let task = tokio::spawn(write_forever(db, receiver, stopped, counters.clone()));
        (EventQueue { sender, counters }, EventWriter { stop, task })
    }

    /// Queues `rows` for writing, at once or not at all.
    pub fn offer(&self, rows: Vec<EventRow>) -> Offered {
        let count = rows.len() as u64;
        match self.sender.try_send(rows) {
            Ok(()) => {
                self.counters.accepted.fetch_add(count, Ordering::Relaxed);
                Offered::Queued
            }
            Err(_) => {
                if self.counters.dropped.fetch_add(count, Ordering::Relaxed) == 0 {
                    tracing::warn!(
                        "the event queue is full: events are being dropped (and counted)"
                    );
                }
                Offered::Dropped
            }
        }
    }

    /// The counters since the process started.
    pub fn counters(&self) -> &Counters {
        &self.counters
    }
}

/// The task writing queued events.
#[derive(Debug)]
pub struct EventWriter {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl EventWriter {
    /// Closes the queue (later offers are dropped and counted) and waits up to `limit` for what it holds to be
    /// written; whether it was.
    pub async fn finish(self, limit: Duration) -> bool {
        let _ = self.stop.send(());
        tokio::time::timeout(limit, self.task).await.is_ok()
    }
}

async fn write_forever(
    db: Db,
    mut receiver: mpsc::Receiver<Vec<EventRow>>,
    stopped: oneshot::Receiver<()>,
    counters: Arc<Counters>,
) {
    let mut stopped = Some(stopped);
    loop {
        let next = match stopped.as_mut() {
            Some(signal) => tokio::select! {
                batch = receiver.recv() => batch,
                _ = signal => {
                    // What is queued is still received, then `None` ends the loop.
                    receiver.close();
                    stopped = None;
                    continue;
                }
            },
            None => receiver.recv().await,
        };
        let Some(first) = next else { break };
        let mut rows = first;
        while rows.len() < ROWS_PER_WRITE {
            match receiver.try_recv() {
                Ok(more) => rows.extend(more),
                Err(_) => break,
            }
        }
        let mut attempt = 1;
        loop {
            match insert(&db, &rows).await {
                Ok(()) => {
                    counters
                        .written
                        .fetch_add(rows.len() as u64, Ordering::Relaxed);
                    break;
                }
                Err(err) if attempt < WRITE_ATTEMPTS => {
                    tracing::warn!(error = %err, rows = rows.len(), attempt, "writing events failed; retrying");
                    tokio::time::sleep(Duration::from_millis(500 * u64::from(attempt))).await;
                    attempt += 1;
                }
                Err(err) => {
                    tracing::error!(error = %err, rows = rows.len(), "writing events failed; dropped");
                    counters
                        .dropped
                        .fetch_add(rows.len() as u64, Ordering::Relaxed);
                    break;
                }
            }
        }
    }
}

/// Writes `rows` in one transaction. Events are counts that a full queue may drop anyway, so their commit does
/// not wait for the disk: the writer holds SQLite's one connection for less time, and a ticket filed meanwhile
/// waits less. On SQLite (WAL) the next commit that does wait, a ticket's, flushes them with it; PostgreSQL
/// flushes them within a fraction of a second.
pub async fn insert(db: &Db, rows: &[EventRow]) -> Result<(), sqlx::Error> {
    // The same statements on either backend, in the transaction `$tx`.
    macro_rules! write_rows {
        ($tx:ident) => {{
            for chunk in rows.chunks(ROWS_PER_STATEMENT) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO insight_events (day, at_ms, kind, unit, audience, surface, language, identified, \
                     returning_user, dimensions, item, query, results, helpful) ",
                );
                insert.push_values(chunk, |mut row, event| {
                    row.push_bind(event.day)
                        .push_bind(event.at_ms)
                        .push_bind(event.kind)
                        .push_bind(event.unit.as_deref())
                        .push_bind(event.audience)
                        .push_bind(event.surface)
                        .push_bind(event.language.as_str())
                        .push_bind(event.identified)
                        .push_bind(event.returning)
                        .push_bind(event.dimensions.as_str())
                        .push_bind(event.item.as_deref())
                        .push_bind(event.query.as_deref())
                        .push_bind(event.results)
                        .push_bind(event.helpful);
                });
                insert.build().execute(&mut *$tx).await?;
            }
            let exposures: Vec<&EventRow> = rows
                .iter()
                .filter(|row| row.kind == "exposed" && row.unit.is_some() && row.variant.is_some())
                .collect();
            for chunk in exposures.chunks(ROWS_PER_STATEMENT) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO experiment_exposures (experiment, unit, variant, first_day, first_ms) ",
                );
                insert.push_values(chunk, |mut row, exposure| {
                    row.push_bind(exposure.item.as_deref())
                        .push_bind(exposure.unit.as_deref())
                        .push_bind(exposure.variant)
                        .push_bind(exposure.day)
                        .push_bind(exposure.at_ms);
                });
                insert.push(" ON CONFLICT (experiment, unit) DO NOTHING");
                insert.build().execute(&mut *$tx).await?;
            }
            $tx.commit().await
        }};
    }
    match db {
        Db::Sqlite(pool) => {
            let mut connection = pool.acquire().await?;
            // Not settable inside a transaction: set around it, and put back for every other write, which
            // must be on disk before it is acknowledged.
            sqlx::query("PRAGMA synchronous = NORMAL")
                .execute(&mut *connection)
                .await?;
            let written = async {
                let mut tx = connection.begin().await?;
                write_rows!(tx)
            }
            .await;
            let restored = sqlx::query("PRAGMA synchronous = FULL")
                .execute(&mut *connection)
                .await;
            if restored.is_err() {
                // Never hand the pool a connection that would acknowledge a ticket before it is on disk.
                connection.close_on_drop();
            }
            written.and(restored.map(drop))
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query("SET LOCAL synchronous_commit = off")
                .execute(&mut *tx)
                .await?;
            write_rows!(tx)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn batch(unit: serde_json::Value) -> EventBatch {
        serde_json::from_value(json!({
            "unit": unit,
            "page": {"surface": "order", "language": "PT", "audience": "buyer",
                     "dimensions": {"plan": "pro", "email": "lena@example.com"}},
            "events": [{"kind": "searched", "query": "Order A-10023", "results": 0, "age_ms": 2000}],
        }))
        .unwrap()
    }

    /// Events skip the disk flush; the connection then goes back to flushing, so the next ticket's commit is on
    /// disk before it is acknowledged (SQLite has one connection for both).
    #[tokio::test]
    async fn writing_events_leaves_sqlite_flushing_every_commit() {
        let (_dir, db, pool) = crate::db::temporary_sqlite().await;
        let rows = rows(
            &batch(json!({"kind": "install", "id": "abc"})),
            &Sender::default(),
            &[],
            20_000 * MS_PER_DAY,
        );
        insert(&db, &rows).await.unwrap();
        let (synchronous,): (i64,) = sqlx::query_as("PRAGMA synchronous")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(synchronous, 2, "FULL");
        let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM insight_events")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(stored, 1);
    }

    #[test]
    fn rows_keep_only_what_reports_need() {
        let now = 20_000 * MS_PER_DAY + 1_000;
        let rows = rows(
            &batch(json!({"kind": "install", "id": "abc"})),
            &Sender::default(),
            &["plan".to_owned()],
            now,
        );
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.unit.as_deref(), Some("i:abc"));
        assert_eq!(row.at_ms, now - 2_000);
        assert_eq!(
            row.day, 19_999,
            "two seconds before midnight is the day before"
        );
        assert_eq!(row.dimensions, r#"{"plan":"pro"}"#);
        assert_eq!(row.query.as_deref(), Some("order [id]"));
        assert_eq!(row.language, "pt");
        assert!(!row.identified);
    }

    #[test]
    fn a_verified_user_is_keyed_by_the_hash_and_role() {
        let sender = Sender {
            user_key: Some("k1".into()),
            role: Some(Role::Seller),
        };
        let rows = rows(
            &batch(json!({"kind": "page_view", "id": "p"})),
            &sender,
            &[],
            0,
        );
        assert_eq!(rows[0].unit.as_deref(), Some("u:k1"));
        assert_eq!(rows[0].audience, "seller");
        assert!(rows[0].identified);
        assert_eq!(rows[0].dimensions, "{}");
    }

    #[test]
    fn no_tracking_means_no_unit_even_when_identified() {
        let sender = Sender {
            user_key: Some("k1".into()),
            role: None,
        };
        let rows = rows(&batch(json!({"kind": "unlinked"})), &sender, &[], 0);
        assert_eq!(rows[0].unit, None);
        assert!(!rows[0].identified);
    }
}
