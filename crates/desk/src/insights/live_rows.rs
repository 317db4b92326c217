//! A snapshot of the rows the reports' live part adds up (migration `0023_insight_live_rows`): the raw events of
//! the days not rolled up yet, added up as the rollup would, and the rolled-up rows of the people they name over
//! the [`SWEPT_DAYS`] before. Grouping a busy day's raw events takes most of a live part's time (0.8 s of a
//! funnel's at 10 M events a month); a live part read from the snapshot costs in proportion to those people's
//! rows instead. So the first look at a period nobody asked for before (the last 14 days, say) reads it as the
//! kept parts of the usual periods are read: as recent as the snapshot, and saying when it was taken.
//!
//! The desk takes it before it adds up the watched live parts again (`live`), by the one replica that claims
//! it, and from then on those parts read it too. Its rows are added up on a reading connection and written in
//! short transactions, paced on SQLite so that tickets never queue behind them for long; the previous
//! snapshot's rows stay until the next is taken, for the looks still reading them.

use crate::clock::now_millis;
use crate::db::{BeginWrite, Db, ReportDb};
use crate::insights::ingest::day_of;
use crate::insights::parts::{Bounds, LIVE_UNITS, snapshot_table};
use crate::insights::period::SWEPT_DAYS;
use crate::insights::rollup::{Cell, ROLLUP_TABLES, insert_rows, last_rolled, read_rows};
use crate::with_pool;
use std::time::Instant;

/// Live parts of at least this many raw events are kept for the next looks (`Freshness`): adding up the 354,000
/// events of a busy day and the day before at 10 M events a month takes 0.6–1.7 s; this many, at most 250 ms.
pub const LARGE_LIVE_EVENTS: i64 = 40_000;

/// A snapshot of the live part's rows: when it was taken (its rows' `taken_ms`), the days it covers (rolled-up
/// rows from `from_day` to `rolled_to`, raw events' after it up to `to_day`) and how many raw events each of
/// the days after `rolled_to` held then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub taken_ms: i64,
    pub from_day: i64,
    pub rolled_to: i64,
    pub to_day: i64,
    pub day_events: Vec<(i64, i64)>,
}

impl Snapshot {
    /// Whether the live part of a period with `bounds` can be read from it: the period starts in its days and
    /// ends by its last, and its rolled-up days end where the snapshot's do (or it has none, and starts after).
    fn covers(&self, bounds: &Bounds) -> bool {
        let rolled_alike = bounds.rolled_to == self.rolled_to
            || (bounds.rolled_to > self.rolled_to && bounds.from_day > bounds.rolled_to);
        rolled_alike && bounds.from_day >= self.from_day && bounds.to_day <= self.to_day
    }

    /// How many raw events the days after `after` up to `to_day` held when it was taken: while the days
    /// still hold as many, what it says of them is exact.
    pub fn events(&self, after: i64, to_day: i64) -> i64 {
        let days = after + 1..=to_day;
        self.day_events
            .iter()
            .filter(|(day, _)| days.contains(day))
            .map(|(_, events)| events)
            .sum()
    }
}

/// The current snapshot, if one was taken.
pub async fn current(db: &Db) -> Result<Option<Snapshot>, sqlx::Error> {
    let row: Option<(i64, i64, i64, i64, String)> = with_pool!(db, pool => sqlx::query_as(
            "SELECT taken_ms, from_day, rolled_to, to_day, day_events FROM insight_live_rows \
             WHERE id = 1 AND taken_ms > 0")
        .fetch_optional(pool).await)?;
    Ok(
        row.and_then(|(taken_ms, from_day, rolled_to, to_day, day_events)| {
            Some(Snapshot {
                taken_ms,
                from_day,
                rolled_to,
                to_day,
                day_events: serde_json::from_str(&day_events).ok()?,
            })
        }),
    )
}

/// The current snapshot, if a live part over `bounds` can be read from it.
pub async fn covering(db: &Db, bounds: &Bounds) -> Result<Option<Snapshot>, sqlx::Error> {
    Ok(current(db)
        .await?
        .filter(|snapshot| snapshot.covers(bounds)))
}

/// Takes a new snapshot unless no event came since the current one, or a replica (this one included) took one
/// on after `due_ms`, or the days not rolled up hold too few raw events for a look to mind adding them up
/// ([`LARGE_LIVE_EVENTS`]). Returns whether it took one. Public for the bench and the tests.
pub async fn take_if_due(db: &ReportDb, due_ms: i64) -> Result<bool, sqlx::Error> {
    let now = now_millis();
    let today = day_of(now);
    let rolled_to = last_rolled(&db.reads).await?;
    let from_day = rolled_to - SWEPT_DAYS + 1;
    let day_events: Vec<(i64, i64)> = with_pool!(&db.reads, pool => sqlx::query_as(
            "SELECT day, COUNT(*) FROM insight_events WHERE day > $1 AND day <= $2 GROUP BY day")
        .bind(rolled_to).bind(today).fetch_all(pool).await)?;
    let events: i64 = day_events.iter().map(|(_, events)| events).sum();
    if events < LARGE_LIVE_EVENTS {
        return Ok(false);
    }
    let kept: Option<(i64, i64, i64, i64)> = with_pool!(&db.reads, pool => sqlx::query_as(
            "SELECT claimed_ms, rolled_to, to_day, events FROM insight_live_rows WHERE id = 1")
        .fetch_optional(pool).await)?;
    let claimed = match kept {
        // Nothing came since, or another replica took it on after `due_ms`.
        Some((claimed_ms, kept_rolled_to, kept_to_day, kept_events))
            if (kept_rolled_to, kept_to_day, kept_events) == (rolled_to, today, events)
                || claimed_ms > due_ms =>
        {
            return Ok(false);
        }
        Some((claimed_ms, ..)) => with_pool!(&db.writes, pool => sqlx::query(
                "UPDATE insight_live_rows SET claimed_ms = $2 WHERE id = 1 AND claimed_ms = $1")
            .bind(claimed_ms).bind(now).execute(pool).await.map(|done| done.rows_affected()))?,
        // A row no look reads (taken at 0), which the first snapshot replaces.
        None => with_pool!(&db.writes, pool => sqlx::query(
                "INSERT INTO insight_live_rows \
                   (id, from_day, rolled_to, to_day, events, day_events, taken_ms, claimed_ms) \
                 VALUES (1, 0, -1, -1, 0, '[]', 0, $1) ON CONFLICT (id) DO NOTHING")
            .bind(now).execute(pool).await.map(|done| done.rows_affected()))?,
    };
    if claimed != 1 {
        return Ok(false);
    }
    let previous = current(&db.reads).await?.map_or(0, |kept| kept.taken_ms);
    for table in &ROLLUP_TABLES {
        let earlier = format!(
            "SELECT {columns} FROM {name} WHERE day BETWEEN $1 AND $2 AND unit IN ({LIVE_UNITS})",
            columns = table.columns,
            name = table.name
        );
        let binds = [from_day, rolled_to, today];
        // The raw events first: the people with events when the rolled-up rows are read then include theirs.
        let live = (table.from_events)("day > $1 AND day <= $2");
        let mut rows = read_rows(&db.reads, table.columns, &live, &binds[1..]).await?;
        rows.extend(read_rows(&db.reads, table.columns, &earlier, &binds).await?);
        for row in &mut rows {
            row.insert(0, Cell::Number(Some(now)));
        }
        let into = snapshot_table(table.name);
        let columns = format!("taken_ms, {}", table.columns);
        for write in rows.chunks(ROWS_PER_WRITE) {
            let started = Instant::now();
            with_pool!(&db.writes, pool => {
                let mut tx = pool.begin_write().await?;
                insert_rows!(tx, into, columns, write);
                tx.commit().await?;
            });
            // PostgreSQL's writers do not wait for each other's rows.
            if let Db::Sqlite(_) = &db.writes {
                tokio::time::sleep(started.elapsed() * PAUSE_PER_WRITE).await;
            }
        }
    }
    let switched = with_pool!(&db.writes, pool => sqlx::query(
            "UPDATE insight_live_rows SET from_day = $1, rolled_to = $2, to_day = $3, events = $4, \
               day_events = $5, taken_ms = $6 \
             WHERE id = 1 AND claimed_ms = $6")
        .bind(from_day).bind(rolled_to).bind(today).bind(events)
        .bind(serde_json::to_string(&day_events).expect("counts are JSON")).bind(now)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    if switched == 1 {
        forget(&db.writes, "taken_ms < $1", previous).await?;
    } else {
        // Taken over meanwhile (this one took too long): the taker's snapshot stands.
        forget(&db.writes, "taken_ms = $1", now).await?;
    }
    Ok(switched == 1)
}

/// Rows written per transaction: each holds SQLite's one writer a few milliseconds.
const ROWS_PER_WRITE: usize = 500;
/// After each transaction or delete the snapshot waits this many times as long as it took, so that it holds
/// the one writer a quarter of the time at most. Written back to back, a busy day's rows (hundreds of
/// thousands when events come in by the ten thousand a second) kept tickets' commits queued behind them: p99
/// +107 % and +212 % in the ingest bench, against +29 % and +44 % before the snapshot.
const PAUSE_PER_WRITE: u32 = 3;

/// Rows deleted per statement on SQLite, so that the one writer is never held for long.
const FORGOTTEN_PER_DELETE: i64 = 1_000;

/// Deletes the snapshot rows whose `taken_ms` meets `which` (bound to `taken_ms`).
async fn forget(db: &Db, which: &str, taken_ms: i64) -> Result<(), sqlx::Error> {
    for table in &ROLLUP_TABLES {
        let table = snapshot_table(table.name);
        match db {
            Db::Sqlite(pool) => loop {
                let started = Instant::now();
                let deleted = sqlx::query(&format!(
                    "DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE {which} LIMIT $2)"
                ))
                .bind(taken_ms)
                .bind(FORGOTTEN_PER_DELETE)
                .execute(pool)
                .await?
                .rows_affected();
                if deleted < FORGOTTEN_PER_DELETE as u64 {
                    break;
                }
                tokio::time::sleep(started.elapsed() * PAUSE_PER_WRITE).await;
            },
            // PostgreSQL's writers do not wait for each other's rows.
            Db::Postgres(pool) => {
                sqlx::query(&format!("DELETE FROM {table} WHERE {which}"))
                    .bind(taken_ms)
                    .execute(pool)
                    .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(from_day: i64, rolled_to: i64, to_day: i64) -> Bounds {
        Bounds {
            from_day,
            rolled_to,
            to_day,
            cutoff_ms: 0,
        }
    }

    #[test]
    fn a_snapshot_covers_the_periods_starting_in_its_days_and_ending_by_its_last() {
        // Rolled-up rows of days 66 to 100, raw events' of 101 and 102.
        let snapshot = Snapshot {
            taken_ms: 1,
            from_day: 66,
            rolled_to: 100,
            to_day: 102,
            day_events: vec![(101, 40), (102, 2)],
        };
        assert!(snapshot.covers(&bounds(89, 100, 102)), "the last 14 days");
        assert!(
            snapshot.covers(&bounds(66, 100, 101)),
            "five weeks, to yesterday"
        );
        assert!(
            snapshot.covers(&bounds(102, 101, 102)),
            "today: no rolled-up day"
        );
        assert!(
            !snapshot.covers(&bounds(65, 100, 102)),
            "starts before its days"
        );
        assert!(
            !snapshot.covers(&bounds(89, 100, 103)),
            "ends after its last"
        );
        assert!(
            !snapshot.covers(&bounds(89, 101, 102)),
            "a day rolled up since"
        );
        assert_eq!(snapshot.events(100, 102), 42);
        assert_eq!(snapshot.events(101, 102), 2, "today's only");
        assert_eq!(snapshot.events(100, 101), 40, "yesterday's only");
    }
}
