//! Daily rollups and retention (run by `daily`). Reports read the rollups of the days rolled up (through the
//! sums `tally` keeps of them) and aggregate the raw events of the others (today and yesterday) on the fly with
//! the same SQL, so a report is current to the second and its cost does not grow with the raw events kept.
//!
//! A day is rolled up once a batch can no longer carry events of it (they may be up to a day old), by whichever
//! replica claims it in `insight_rollup_claims` (the others skip it): its rows are added up on a reading
//! connection and written in short transactions, the last of which marks the day in `insight_rollups`. Raw
//! events are deleted after the retention period, and only from rolled-up days.

use crate::clock::{now_millis, now_stamp};
use crate::db::{BeginWrite, Db, ReportDb};
use crate::insights::ingest::day_of;
use crate::with_pool;
use futures_util::{StreamExt, TryStreamExt};
use signpost_core::tickets::{SATISFIED_FROM, TICKET_ID_PREFIX};
use sqlx::Row;

/// The kinds that count as helping oneself, as SQL: those of `EventKind::is_engagement`.
const ENGAGED: &str = "('explanation_opened', 'suggestion_followed', 'searched', 'result_opened', \
                       'article_read', 'article_voted', 'status_viewed', 'flow_step')";

/// The kinds of a guided flow's events (`EventKind::is_flow`), as SQL.
const FLOW_KINDS: &str = "('flow_step', 'flow_resolved', 'flow_handed_off', 'flow_abandoned')";

/// The ids of the tickets whose user rated the help below satisfied (1 to 3 of 5), as SQL: a `survey_answered`
/// event names its ticket by id.
pub fn unsatisfied_tickets() -> String {
    format!(
        "SELECT '{TICKET_ID_PREFIX}' || ticket_number FROM ticket_satisfaction WHERE rating < {SATISFIED_FROM}"
    )
}

/// The columns of `insight_unit_days`, in order.
pub const UNIT_DAY_COLUMNS: &str = "day, unit, audience, surface, language, identified, returning_user, dimensions, \
     events, opened, engaged, helpful_votes, tickets, searches, zero_result_searches, last_engaged_ms, \
     first_search_ms, last_ticket_ms, flow_resolutions, unsatisfied";

/// `insight_unit_days` rows aggregated from the raw events that `filter` (an SQL condition) selects.
pub fn unit_days_from_events(filter: &str) -> String {
    format!(
        "SELECT day, COALESCE(unit, '') AS unit, audience, surface, language, identified, returning_user, dimensions, \
         COUNT(*) AS events, \
         SUM(CASE WHEN kind = 'opened' THEN 1 ELSE 0 END) AS opened, \
         SUM(CASE WHEN kind IN {ENGAGED} THEN 1 ELSE 0 END) AS engaged, \
         SUM(CASE WHEN kind = 'article_voted' AND helpful THEN 1 ELSE 0 END) AS helpful_votes, \
         SUM(CASE WHEN kind = 'ticket_filed' THEN 1 ELSE 0 END) AS tickets, \
         SUM(CASE WHEN kind = 'searched' THEN 1 ELSE 0 END) AS searches, \
         SUM(CASE WHEN kind = 'searched' AND results = 0 THEN 1 ELSE 0 END) AS zero_result_searches, \
         MAX(CASE WHEN kind IN {ENGAGED} THEN at_ms END) AS last_engaged_ms, \
         MIN(CASE WHEN kind = 'searched' THEN at_ms END) AS first_search_ms, \
         MAX(CASE WHEN kind = 'ticket_filed' THEN at_ms END) AS last_ticket_ms, \
         SUM(CASE WHEN kind = 'flow_resolved' THEN 1 ELSE 0 END) AS flow_resolutions, \
         SUM(CASE WHEN kind = 'survey_answered' AND item IN ({unsatisfied}) THEN 1 ELSE 0 END) AS unsatisfied \
         FROM insight_events WHERE {filter} \
         GROUP BY day, COALESCE(unit, ''), audience, surface, language, identified, returning_user, dimensions",
        unsatisfied = unsatisfied_tickets()
    )
}

/// The columns of `insight_article_days`, in order.
pub const ARTICLE_DAY_COLUMNS: &str =
    "day, unit, article, views, helpful, unhelpful, first_read_ms";

/// `insight_article_days` rows aggregated from the raw events that `filter` selects.
pub fn article_days_from_events(filter: &str) -> String {
    format!(
        "SELECT day, COALESCE(unit, '') AS unit, item AS article, \
         SUM(CASE WHEN kind = 'article_read' THEN 1 ELSE 0 END) AS views, \
         SUM(CASE WHEN kind = 'article_voted' AND helpful THEN 1 ELSE 0 END) AS helpful, \
         SUM(CASE WHEN kind = 'article_voted' AND NOT helpful THEN 1 ELSE 0 END) AS unhelpful, \
         MIN(CASE WHEN kind = 'article_read' THEN at_ms END) AS first_read_ms \
         FROM insight_events WHERE ({filter}) AND kind IN ('article_read', 'article_voted') AND item IS NOT NULL \
         GROUP BY day, COALESCE(unit, ''), item"
    )
}

/// The columns of `insight_query_days`, in order.
pub const QUERY_DAY_COLUMNS: &str = "day, unit, query, searches, zero_results";

/// `insight_query_days` rows aggregated from the raw events that `filter` selects.
pub fn query_days_from_events(filter: &str) -> String {
    format!(
        "SELECT day, COALESCE(unit, '') AS unit, query, COUNT(*) AS searches, \
         SUM(CASE WHEN results = 0 THEN 1 ELSE 0 END) AS zero_results \
         FROM insight_events WHERE ({filter}) AND kind = 'searched' AND query IS NOT NULL \
         GROUP BY day, COALESCE(unit, ''), query"
    )
}

/// The columns of `insight_flow_days`, in order.
pub const FLOW_DAY_COLUMNS: &str =
    "day, unit, item, reached, resolved, handed_off, abandoned, first_ms";

/// `insight_flow_days` rows aggregated from the raw events that `filter` selects: per step of a flow version
/// (`item` is `flow@version/step`), times shown and times the flow ended there, each way.
pub fn flow_days_from_events(filter: &str) -> String {
    format!(
        "SELECT day, COALESCE(unit, '') AS unit, item, \
         SUM(CASE WHEN kind = 'flow_step' THEN 1 ELSE 0 END) AS reached, \
         SUM(CASE WHEN kind = 'flow_resolved' THEN 1 ELSE 0 END) AS resolved, \
         SUM(CASE WHEN kind = 'flow_handed_off' THEN 1 ELSE 0 END) AS handed_off, \
         SUM(CASE WHEN kind = 'flow_abandoned' THEN 1 ELSE 0 END) AS abandoned, \
         MIN(at_ms) AS first_ms \
         FROM insight_events WHERE ({filter}) AND kind IN {FLOW_KINDS} AND item IS NOT NULL \
         GROUP BY day, COALESCE(unit, ''), item"
    )
}

/// Rolls up every finished day not rolled up yet, then deletes the raw events past retention.
pub async fn roll_up_and_forget(db: &ReportDb, retention_days: u32) -> Result<(), sqlx::Error> {
    let today = day_of(now_millis());
    // Yesterday can still receive events a day old.
    for day in days_to_roll_up(&db.reads, today - 1).await? {
        // Days are rolled up in order: a process that has this one goes on with the rest.
        if !roll_up(db, day).await? {
            break;
        }
    }
    forget_before(&db.writes, today - i64::from(retention_days) + 1).await
}

async fn days_to_roll_up(db: &Db, before: i64) -> Result<Vec<i64>, sqlx::Error> {
    // Days are rolled up in order, so every day after the last rolled up is waiting (the reports count on it).
    let sql = "SELECT DISTINCT day FROM insight_events \
               WHERE day < $1 AND day > (SELECT COALESCE(MAX(day), -1) FROM insight_rollups) ORDER BY day";
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(before).fetch_all(pool).await)
}

/// The last day rolled up (every day before it is too), or -1.
pub(crate) async fn last_rolled(db: &Db) -> Result<i64, sqlx::Error> {
    Ok(rolled_days(db).await?.map_or(-1, |(_, last)| last))
}

/// The first and the last day rolled up, if any is (every day between is too). Each is its own subquery, which
/// reads one end of the index: every look asks for the last.
pub async fn rolled_days(db: &Db) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let (first, last): (Option<i64>, Option<i64>) = with_pool!(db, pool => sqlx::query_as(
        "SELECT CAST((SELECT MIN(day) FROM insight_rollups) AS BIGINT), \
                CAST((SELECT MAX(day) FROM insight_rollups) AS BIGINT)").fetch_one(pool).await)?;
    Ok(first.zip(last))
}

/// A rollup table: its name, its columns in order, and the SQL that makes its rows from raw events.
pub(super) struct RollupTable {
    pub name: &'static str,
    pub columns: &'static str,
    pub from_events: fn(&str) -> String,
}

pub(super) const ROLLUP_TABLES: [RollupTable; 4] = [
    RollupTable {
        name: "insight_unit_days",
        columns: UNIT_DAY_COLUMNS,
        from_events: unit_days_from_events,
    },
    RollupTable {
        name: "insight_article_days",
        columns: ARTICLE_DAY_COLUMNS,
        from_events: article_days_from_events,
    },
    RollupTable {
        name: "insight_query_days",
        columns: QUERY_DAY_COLUMNS,
        from_events: query_days_from_events,
    },
    RollupTable {
        name: "insight_flow_days",
        columns: FLOW_DAY_COLUMNS,
        from_events: flow_days_from_events,
    },
];

/// One value of a rolled-up row, as the rollup tables store it.
pub(super) enum Cell {
    Number(Option<i64>),
    Text(String),
    Flag(bool),
}

/// Which of [`Cell`] a rollup table's column holds.
fn is_text(column: &str) -> bool {
    matches!(
        column,
        "unit" | "audience" | "surface" | "language" | "dimensions" | "article" | "query" | "item"
    )
}

fn is_flag(column: &str) -> bool {
    matches!(column, "identified" | "returning_user")
}

/// Rows per INSERT: the most bound values a statement takes (SQLite 32,766) over the widest table's columns.
pub(super) const ROWS_PER_INSERT: usize = 1_000;
/// INSERTs per transaction: each then holds SQLite's one writer for tens of milliseconds.
const INSERTS_PER_WRITE: usize = 4;

/// Inserts `$rows` (each a `Vec<Cell>` of `$columns`) into table `$into` in the transaction `$tx` (of either
/// backend), [`ROWS_PER_INSERT`] a statement.
macro_rules! insert_rows {
    ($tx:ident, $into:expr, $columns:expr, $rows:expr) => {
        for rows in $rows.chunks($crate::insights::rollup::ROWS_PER_INSERT) {
            let mut insert =
                sqlx::QueryBuilder::new(format!("INSERT INTO {} ({}) ", $into, $columns));
            insert.push_values(rows, |mut values, row| {
                for cell in row {
                    match cell {
                        $crate::insights::rollup::Cell::Number(number) => values.push_bind(*number),
                        $crate::insights::rollup::Cell::Text(text) => {
                            values.push_bind(text.as_str())
                        }
                        $crate::insights::rollup::Cell::Flag(flag) => values.push_bind(*flag),
                    };
                }
            });
            insert.build().execute(&mut *$tx).await?;
        }
    };
}
pub(super) use insert_rows;
/// How long a claim on a day's rollup holds without being renewed (every transaction renews it): far longer
/// than a transaction takes, so a claim this old belongs to a process that stopped.
const ROLLUP_CLAIM_HOLDS_MS: i64 = 600_000;

/// Renews `$owner`'s claim on day `$day` in the transaction `$tx` (of either backend): false when another
/// process has taken it over.
macro_rules! renewed {
    ($tx:ident, $day:expr, $owner:expr) => {
        sqlx::query(
            "UPDATE insight_rollup_claims SET claimed_ms = $3 WHERE day = $1 AND owner = $2",
        )
        .bind($day)
        .bind($owner)
        .bind(now_millis())
        .execute(&mut *$tx)
        .await?
        .rows_affected()
            == 1
    };
}

/// Rolls up `day`, unless another process has or is doing it. Under this process's claim on the day, each
/// table's rows are added up on `db.reads`, then written on `db.writes` a few thousand a transaction; the last
/// transaction marks the day rolled up, and the reports read its rows only from then on. So on SQLite a ticket
/// filed meanwhile waits for one of those transactions, not for a day of events to be grouped and written (at
/// 10 M events a month, over a second). Public for the bench and the tests.
pub async fn roll_up(db: &ReportDb, day: i64) -> Result<bool, sqlx::Error> {
    let Some(owner) = claim(&db.writes, day).await? else {
        return Ok(false);
    };
    for table in &ROLLUP_TABLES {
        let rows = add_up(&db.reads, table, day).await?;
        for write in rows.chunks(ROWS_PER_INSERT * INSERTS_PER_WRITE) {
            with_pool!(&db.writes, pool => {
                let mut tx = pool.begin_write().await?;
                if !renewed!(tx, day, &owner) {
                    return Ok(false); // taken over: the taker writes the day
                }
                insert_rows!(tx, table.name, table.columns, write);
                tx.commit().await?;
            });
        }
    }
    let now = now_stamp();
    with_pool!(&db.writes, pool => {
        let mut tx = pool.begin_write().await?;
        if !renewed!(tx, day, &owner) {
            return Ok(false);
        }
        sqlx::query("INSERT INTO insight_rollups (day, rolled_at) VALUES ($1, $2)")
            .bind(day).bind(&now).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM insight_rollup_claims WHERE day = $1")
            .bind(day).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// `table`'s rows of `day`, from its raw events.
async fn add_up(db: &Db, table: &RollupTable, day: i64) -> Result<Vec<Vec<Cell>>, sqlx::Error> {
    read_rows(db, table.columns, &(table.from_events)("day = $1"), &[day]).await
}

/// The rows `sql` (bound to `binds`) selects, each as the cells of `columns`.
pub(super) async fn read_rows(
    db: &Db,
    columns: &str,
    sql: &str,
    binds: &[i64],
) -> Result<Vec<Vec<Cell>>, sqlx::Error> {
    let columns: Vec<&str> = columns.split(',').map(str::trim).collect();
    with_pool!(db, pool => {
        let mut query = sqlx::query(sql);
        for bind in binds {
            query = query.bind(*bind);
        }
        query.fetch(pool).map(|row| {
            let row = row?;
            columns.iter().map(|&column| {
                Ok(if is_text(column) {
                    Cell::Text(row.try_get(column)?)
                } else if is_flag(column) {
                    Cell::Flag(row.try_get(column)?)
                } else {
                    Cell::Number(row.try_get(column)?)
                })
            }).collect()
        }).try_collect().await
    })
}

/// Claims the writing of `day`'s rollup for this process: its owner token, or `None` while another process holds
/// the claim or once the day is rolled up. A claim past [`ROLLUP_CLAIM_HOLDS_MS`] is taken over, and what its
/// process wrote of the day deleted.
async fn claim(db: &Db, day: i64) -> Result<Option<String>, sqlx::Error> {
    let owner = uuid::Uuid::new_v4().to_string();
    let now = now_millis();
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let claimed = sqlx::query(
            "INSERT INTO insight_rollup_claims (day, owner, claimed_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (day) DO NOTHING")
            .bind(day).bind(&owner).bind(now).execute(&mut *tx).await?.rows_affected();
        if claimed == 0 {
            let taken_over = sqlx::query(
                "UPDATE insight_rollup_claims SET owner = $2, claimed_ms = $3 WHERE day = $1 AND claimed_ms < $4")
                .bind(day).bind(&owner).bind(now).bind(now - ROLLUP_CLAIM_HOLDS_MS)
                .execute(&mut *tx).await?.rows_affected();
            if taken_over == 0 {
                return Ok(None);
            }
            for table in &ROLLUP_TABLES {
                sqlx::query(&format!("DELETE FROM {} WHERE day = $1", table.name))
                    .bind(day).execute(&mut *tx).await?;
            }
        }
        // Asked after the claim, which waits for a process finishing the day to commit (PostgreSQL), and so
        // sees that it did.
        let rolled: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM insight_rollups WHERE day = $1")
            .bind(day).fetch_one(&mut *tx).await?;
        if rolled > 0 {
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some(owner))
    })
}

/// Raw events deleted per statement on SQLite: a day's (hundreds of thousands at 10 M events a month) in one
/// would hold the one writer for a second or more.
const FORGOTTEN_PER_DELETE: i64 = 2_000;

/// Deletes the raw events of rolled-up days before `day`. Public for the bench.
pub async fn forget_before(db: &Db, day: i64) -> Result<(), sqlx::Error> {
    // The bound inside too: otherwise SQLite reads through the index entries of every rolled-up day after it.
    let rolled_before = "day < $1 AND day IN (SELECT day FROM insight_rollups WHERE day < $1)";
    match db {
        Db::Sqlite(pool) => {
            let sql = format!(
                "DELETE FROM insight_events WHERE rowid IN \
                 (SELECT rowid FROM insight_events WHERE {rolled_before} LIMIT $2)"
            );
            loop {
                let deleted = sqlx::query(&sql)
                    .bind(day)
                    .bind(FORGOTTEN_PER_DELETE)
                    .execute(pool)
                    .await?
                    .rows_affected();
                if deleted < FORGOTTEN_PER_DELETE as u64 {
                    return Ok(());
                }
            }
        }
        // PostgreSQL's writers do not wait for each other's rows.
        Db::Postgres(pool) => {
            let sql = format!("DELETE FROM insight_events WHERE {rolled_before}");
            sqlx::query(&sql).bind(day).execute(pool).await.map(drop)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::ingest::{EventRow, insert};
    use signpost_core::insights::events::EventKind;

    /// A day of more raw events than one delete takes, in every rollup table's kind of row.
    fn busy_day(day: i64) -> Vec<EventRow> {
        (0..12_000)
            .map(|i: i64| {
                let (kind, item, query, results, helpful) = match i % 4 {
                    0 => ("opened", None, None, None, None),
                    1 => (
                        "searched",
                        None,
                        Some(format!("q{}", i % 7)),
                        Some(i % 3),
                        None,
                    ),
                    2 => (
                        "article_voted",
                        Some(format!("a{}", i % 5)),
                        None,
                        None,
                        Some(i % 8 == 2),
                    ),
                    _ => ("flow_step", Some("f@1/start".to_owned()), None, None, None),
                };
                EventRow {
                    day,
                    at_ms: day * 86_400_000 + i,
                    kind,
                    unit: (i % 10 != 0).then(|| format!("i:{}", i % 3_001)),
                    audience: if i % 3 == 0 { "seller" } else { "buyer" },
                    surface: "checkout",
                    language: "en".to_owned(),
                    identified: i % 4 == 0,
                    returning: i % 5 == 0,
                    dimensions: "{}".to_owned(),
                    item,
                    query,
                    results,
                    helpful,
                    variant: None,
                }
            })
            .collect()
    }

    /// The rows written are those the rollup's SQL makes of the events, once however often the day is rolled
    /// up, and the day's events are then forgotten in slices until none is left.
    #[tokio::test]
    async fn a_busy_day_is_rolled_up_once_and_forgotten_whole() {
        let (_dir, db, pool) = crate::db::temporary_sqlite().await;
        let day = 20_000;
        insert(&db, &busy_day(day)).await.unwrap();
        let mut expected = vec![];
        for table in &ROLLUP_TABLES {
            let sql = format!("SELECT COUNT(*) FROM ({})", (table.from_events)("day = $1"));
            let count: i64 = sqlx::query_scalar(&sql)
                .bind(day)
                .fetch_one(&pool)
                .await
                .unwrap();
            assert!(count > 0, "{} has rows", table.name);
            expected.push(count);
        }
        let reports = db.for_reports();
        assert!(roll_up(&reports, day).await.unwrap());
        assert!(!roll_up(&reports, day).await.unwrap(), "already rolled up");
        for (table, count) in ROLLUP_TABLES.iter().zip(expected) {
            let from_events = (table.from_events)("day = $1");
            let stored = format!(
                "SELECT {} FROM {} WHERE day = $1",
                table.columns, table.name
            );
            let differing = format!(
                "SELECT COUNT(*) FROM (SELECT {columns} FROM ({from_events}) \
                 EXCEPT SELECT * FROM ({stored}))",
                columns = table.columns
            );
            let differing: i64 = sqlx::query_scalar(&differing)
                .bind(day)
                .fetch_one(&pool)
                .await
                .unwrap();
            let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({stored})"))
                .bind(day)
                .fetch_one(&pool)
                .await
                .unwrap();
            assert_eq!((rows, differing), (count, 0), "{}", table.name);
        }
        let claims: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM insight_rollup_claims")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(claims, 0, "the claim goes with the day rolled up");
        forget_before(&db, day + 1).await.unwrap();
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM insight_events")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(left, 0);
    }

    /// Another process's claim on a day holds until it is ten minutes old; then it is taken over, and the rows
    /// that process wrote before it stopped are written again, not added to.
    #[tokio::test]
    async fn a_day_claimed_by_a_stopped_process_is_taken_over() {
        let (_dir, db, pool) = crate::db::temporary_sqlite().await;
        let day = 20_000;
        insert(&db, &busy_day(day)).await.unwrap();
        let units = || async {
            let count: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM insight_unit_days WHERE day = $1")
                    .bind(day)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            count
        };
        let all = {
            let sql = format!(
                "SELECT COUNT(*) FROM ({})",
                unit_days_from_events("day = $1")
            );
            sqlx::query_scalar::<_, i64>(&sql)
                .bind(day)
                .fetch_one(&pool)
                .await
                .unwrap()
        };
        // The other process has written ten rows of the day so far.
        let partial = format!(
            "INSERT INTO insight_unit_days ({UNIT_DAY_COLUMNS}) SELECT * FROM ({}) LIMIT 10",
            unit_days_from_events("day = $1")
        );
        sqlx::query(&partial)
            .bind(day)
            .execute(&pool)
            .await
            .unwrap();
        let claimed = |age_ms: i64| {
            sqlx::query("INSERT OR REPLACE INTO insight_rollup_claims (day, owner, claimed_ms) VALUES ($1, 'other', $2)")
                .bind(day)
                .bind(now_millis() - age_ms)
                .execute(&pool)
        };
        claimed(60_000).await.unwrap();
        let reports = db.for_reports();
        assert!(
            !roll_up(&reports, day).await.unwrap(),
            "claimed a minute ago"
        );
        assert_eq!(units().await, 10);
        claimed(ROLLUP_CLAIM_HOLDS_MS + 1_000).await.unwrap();
        assert!(roll_up(&reports, day).await.unwrap(), "taken over");
        assert_eq!(units().await, all);
    }

    /// The SQL lists of kinds are the kinds `EventKind` says they are.
    #[test]
    fn the_sql_kinds_follow_event_kind() {
        let listed = |sql: &str| -> Vec<String> {
            sql.trim_matches(['(', ')'])
                .split(',')
                .map(|kind| kind.trim().trim_matches('\'').to_owned())
                .collect()
        };
        let kinds = |keep: fn(EventKind) -> bool| -> Vec<String> {
            EventKind::ALL
                .into_iter()
                .filter(|kind| keep(*kind))
                .map(|kind| kind.as_str().to_owned())
                .collect()
        };
        assert_eq!(listed(ENGAGED), kinds(EventKind::is_engagement));
        assert_eq!(listed(FLOW_KINDS), kinds(EventKind::is_flow));
    }
}
