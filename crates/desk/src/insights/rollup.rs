//! Daily rollups and retention (run by `daily`). Reports read the rollups of the days rolled up (through the
//! sums `tally` keeps of them) and aggregate the raw events of the others (today and yesterday) on the fly with
//! the same SQL, so a report is current to the second and its cost does not grow with the raw events kept.
//!
//! A day is rolled up once a batch can no longer carry events of it (they may be up to a day old), in one
//! transaction that first claims the day in `insight_rollups`: whichever replica claims it rolls it up, the
//! others skip it. Raw events are deleted after the retention period, and only from rolled-up days.

use crate::clock::{now_millis, now_stamp};
use crate::db::Db;
use crate::insights::ingest::day_of;
use crate::with_pool;
use signpost_core::tickets::{SATISFIED_FROM, TICKET_ID_PREFIX};

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
pub async fn roll_up_and_forget(db: &Db, retention_days: u32) -> Result<(), sqlx::Error> {
    let today = day_of(now_millis());
    // Yesterday can still receive events a day old.
    for day in days_to_roll_up(db, today - 1).await? {
        roll_up(db, day).await?;
    }
    forget_before(db, today - i64::from(retention_days) + 1).await
}

async fn days_to_roll_up(db: &Db, before: i64) -> Result<Vec<i64>, sqlx::Error> {
    // Days are rolled up in order, so every day after the last rolled up is waiting (the reports count on it).
    let sql = "SELECT DISTINCT day FROM insight_events \
               WHERE day < $1 AND day > (SELECT COALESCE(MAX(day), -1) FROM insight_rollups) ORDER BY day";
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(before).fetch_all(pool).await)
}

/// Rolls up `day`, unless another process has. Public for the bench and the tests.
pub async fn roll_up(db: &Db, day: i64) -> Result<bool, sqlx::Error> {
    let filter = "day = $1";
    let statements = [
        format!(
            "INSERT INTO insight_unit_days ({UNIT_DAY_COLUMNS}) {}",
            unit_days_from_events(filter)
        ),
        format!(
            "INSERT INTO insight_article_days ({ARTICLE_DAY_COLUMNS}) {}",
            article_days_from_events(filter)
        ),
        format!(
            "INSERT INTO insight_query_days ({QUERY_DAY_COLUMNS}) {}",
            query_days_from_events(filter)
        ),
        format!(
            "INSERT INTO insight_flow_days ({FLOW_DAY_COLUMNS}) {}",
            flow_days_from_events(filter)
        ),
    ];
    let now = now_stamp();
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let claimed = sqlx::query(
            "INSERT INTO insight_rollups (day, rolled_at) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
        )
        .bind(day)
        .bind(&now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            return Ok(false);
        }
        for statement in &statements {
            sqlx::query(statement).bind(day).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// Deletes the raw events of rolled-up days before `day`.
async fn forget_before(db: &Db, day: i64) -> Result<(), sqlx::Error> {
    let sql =
        "DELETE FROM insight_events WHERE day < $1 AND day IN (SELECT day FROM insight_rollups)";
    with_pool!(db, pool => sqlx::query(sql).bind(day).execute(pool).await.map(drop))
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::insights::events::EventKind;

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
