//! The insights reports, computed from the rollups (and today's and yesterday's raw events, with the same SQL)
//! and published under the site's k: counts of people below it are shown as "< k", with enough others withheld
//! that none can be worked out from the totals (`signpost_insights::CohortTable`); a rate is shown only when
//! every count it is made of is.

use crate::clock::now_millis;
use crate::db::Db;
use crate::insights::period::Scope;
use crate::insights::rollup::{
    ARTICLE_DAY_COLUMNS, QUERY_DAY_COLUMNS, UNIT_DAY_COLUMNS, article_days_from_events,
    query_days_from_events, unit_days_from_events,
};
use crate::with_pool;
use signpost_core::insights::reports::{
    ArticleRow, ArticlesReport, FunnelReport, FunnelRow, QueryCount, Rate, SearchReport, Shown,
};
use signpost_insights::{CohortTable, Proportion, Published};
use std::collections::BTreeMap;

/// How many queries and articles a report lists at most.
const TOP: i64 = 20;

/// What the funnel's rows are cut by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cohort {
    Audience,
    Surface,
    Language,
    Identified,
    Returning,
    /// One of the site's dimensions.
    Dimension(String),
}

impl Cohort {
    /// The cohort named `by`, where `dimensions` are the site's.
    pub fn parse(by: &str, dimensions: &[String]) -> Option<Cohort> {
        Some(match by {
            "audience" => Cohort::Audience,
            "surface" => Cohort::Surface,
            "language" => Cohort::Language,
            "identified" => Cohort::Identified,
            "returning" => Cohort::Returning,
            other if dimensions.iter().any(|d| d == other) => Cohort::Dimension(other.to_owned()),
            _ => return None,
        })
    }

    fn name(&self) -> &str {
        match self {
            Cohort::Audience => "audience",
            Cohort::Surface => "surface",
            Cohort::Language => "language",
            Cohort::Identified => "identified",
            Cohort::Returning => "returning",
            Cohort::Dimension(name) => name,
        }
    }

    /// The SQL of a unit-day's cohort value (`$4` is bound to the dimension's JSON path).
    fn sql(&self, db: &Db) -> String {
        match self {
            Cohort::Audience => "CASE WHEN audience = '' THEN 'unknown' ELSE audience END".into(),
            Cohort::Surface => "surface".into(),
            Cohort::Language => "language".into(),
            Cohort::Identified => "CASE WHEN identified THEN 'yes' ELSE 'no' END".into(),
            Cohort::Returning => "CASE WHEN returning_user THEN 'yes' ELSE 'no' END".into(),
            Cohort::Dimension(_) => {
                format!("COALESCE({}, 'unknown')", db.json_text("dimensions", "$4"))
            }
        }
    }
}

/// Rows of `table` in the period, and those the raw events of days not rolled up yet give (`$1`, `$2`: the
/// period's days). Days are rolled up in order once they can no longer receive events, so those not rolled up
/// are the ones after the last rolled up: a range of the events' day index, today's and yesterday's.
pub(crate) fn in_period(table: &str, columns: &str, from_events: fn(&str) -> String) -> String {
    format!(
        "SELECT {columns} FROM {table} WHERE day BETWEEN $1 AND $2 UNION ALL {}",
        from_events(
            "day BETWEEN $1 AND $2 \
             AND day > (SELECT COALESCE(MAX(day), -1) FROM insight_rollups)"
        )
    )
}

pub(crate) fn unit_days() -> String {
    in_period("insight_unit_days", UNIT_DAY_COLUMNS, unit_days_from_events)
}

/// The outcomes a person can have, each person in exactly one: the funnel's columns.
const OUTCOMES: [&str; 7] = [
    "left",
    "contacted_directly",
    "confirmed",
    "resolved_in_flow",
    "assumed",
    "pending",
    "escalated",
];

/// `GET /v1/agent/insights/funnel`.
pub async fn funnel(
    db: &Db,
    scope: &Scope,
    by: &Cohort,
    window_hours: u32,
) -> Result<FunnelReport, sqlx::Error> {
    let assumed_before = now_millis() - i64::from(window_hours) * 3_600_000;
    let sql = format!(
        "WITH d AS ({}), \
         u AS (SELECT unit, MIN({}) AS cohort, SUM(opened) AS opened, SUM(engaged) AS engaged, \
                      SUM(helpful_votes) AS helpful, SUM(tickets) AS tickets, \
                      SUM(flow_resolutions) AS flow_resolved, MAX(last_engaged_ms) AS last_engaged \
               FROM d WHERE unit <> '' GROUP BY unit) \
         SELECT cohort, CASE WHEN engaged = 0 AND tickets = 0 THEN 'left' \
                             WHEN engaged = 0 THEN 'contacted_directly' \
                             WHEN tickets > 0 THEN 'escalated' \
                             WHEN flow_resolved > 0 THEN 'resolved_in_flow' \
                             WHEN helpful > 0 THEN 'confirmed' \
                             WHEN last_engaged <= $3 THEN 'assumed' \
                             ELSE 'pending' END AS outcome, COUNT(*) AS people \
         FROM u WHERE opened > 0 GROUP BY 1, 2",
        unit_days(),
        by.sql(db)
    );
    let counts: Vec<(String, String, i64)> = with_pool!(db, pool => {
        let query = sqlx::query_as(&sql).bind(scope.from_day).bind(scope.to_day).bind(assumed_before);
        let query = match by { Cohort::Dimension(name) => query.bind(db.json_key(name)), _ => query };
        query.fetch_all(pool).await
    })?;
    let unlinked_sql = format!(
        "SELECT CAST(COALESCE(SUM(events), 0) AS BIGINT) FROM ({}) AS d WHERE unit = ''",
        unit_days()
    );
    let unlinked: i64 = with_pool!(db, pool => sqlx::query_scalar(&unlinked_sql)
        .bind(scope.from_day).bind(scope.to_day).fetch_one(pool).await)?;

    let mut by_cohort: BTreeMap<String, [u64; 7]> = BTreeMap::new();
    for (cohort, outcome, people) in counts {
        let column = OUTCOMES.iter().position(|o| *o == outcome).unwrap_or(0);
        by_cohort.entry(cohort).or_default()[column] += people as u64;
    }
    let cohorts: Vec<String> = by_cohort.keys().cloned().collect();
    let counts: Vec<Vec<u64>> = by_cohort.values().map(|row| row.to_vec()).collect();
    let (rows, total) = if counts.is_empty() {
        (
            vec![],
            funnel_row("all".into(), &[Published::Count(0); 7], Published::Count(0)),
        )
    } else {
        let table = CohortTable::new(counts)
            .expect("rows of seven")
            .publish(scope.min_users);
        let rows = cohorts
            .into_iter()
            .zip(table.cells.iter().zip(&table.row_totals))
            .map(|(cohort, (cells, total))| funnel_row(cohort, cells, *total))
            .collect();
        (
            rows,
            funnel_row("all".into(), &table.column_totals, table.total),
        )
    };
    Ok(FunnelReport {
        period: scope.period(),
        by: by.name().to_owned(),
        min_users: scope.min_users,
        window_hours,
        rows,
        total,
        unlinked_events: unlinked as u64,
    })
}

/// One funnel row from its published outcome counts and total; rates only when everything is shown.
fn funnel_row(cohort: String, cells: &[Published], opened: Published) -> FunnelRow {
    let exact: Option<Vec<u64>> = cells
        .iter()
        .chain(std::iter::once(&opened))
        .map(|p| match p {
            Published::Count(n) => Some(*n),
            _ => None,
        })
        .collect();
    let rates = exact.map(|c| {
        let [
            left,
            direct,
            confirmed,
            in_flow,
            assumed,
            pending,
            escalated,
            opened,
        ] = c[..]
        else {
            unreachable!("seven outcomes and a total")
        };
        let engaged = opened - left - direct;
        [
            rate(engaged, opened),
            rate(confirmed, engaged),
            rate(in_flow, engaged),
            rate(assumed, engaged - pending),
            rate(escalated, engaged),
        ]
    });
    let [
        engaged_rate,
        confirmed_rate,
        resolved_in_flow_rate,
        assumed_rate,
        escalated_rate,
    ] = rates.unwrap_or_default();
    FunnelRow {
        cohort,
        opened: shown(opened),
        left: shown(cells[0]),
        contacted_directly: shown(cells[1]),
        confirmed: shown(cells[2]),
        resolved_in_flow: shown(cells[3]),
        assumed: shown(cells[4]),
        pending: shown(cells[5]),
        escalated: shown(cells[6]),
        engaged_rate,
        confirmed_rate,
        resolved_in_flow_rate,
        assumed_rate,
        escalated_rate,
    }
}

/// A published count as a report shows it.
pub(crate) fn shown(published: Published) -> Shown {
    match published {
        Published::Count(n) => Shown::Count(n),
        Published::Small => Shown::Small,
        Published::Withheld => Shown::Withheld,
        Published::Hidden => Shown::Hidden,
    }
}

/// `successes` of `trials` with its Wilson interval; none of none.
pub fn rate(successes: u64, trials: u64) -> Option<Rate> {
    let proportion = Proportion::new(successes, trials).ok()?;
    let interval = proportion.wilson_interval();
    Some(Rate {
        successes,
        trials,
        rate: proportion.rate()?,
        low: interval.low,
        high: interval.high,
    })
}

/// A rate of people, shown only when neither those it counts nor the rest are fewer than k (either could
/// single someone out).
pub(crate) fn people_rate(successes: u64, trials: u64, min_users: u64) -> Option<Rate> {
    let enough = |n: u64| min_users <= 1 || n >= min_users;
    (enough(successes) && enough(trials - successes)).then(|| rate(successes, trials))?
}

pub(crate) fn people(count: u64, min_users: u64) -> Shown {
    if min_users <= 1 || count >= min_users {
        Shown::Count(count)
    } else {
        Shown::Small
    }
}

/// `GET /v1/agent/insights/search`.
pub async fn search(db: &Db, scope: &Scope) -> Result<SearchReport, sqlx::Error> {
    let queries = in_period(
        "insight_query_days",
        QUERY_DAY_COLUMNS,
        query_days_from_events,
    );
    let totals_sql = format!(
        "SELECT CAST(COALESCE(SUM(searches), 0) AS BIGINT), CAST(COALESCE(SUM(zero_results), 0) AS BIGINT) \
         FROM ({queries}) AS q"
    );
    let top_sql = format!(
        "SELECT query, CAST(SUM(zero_results) AS BIGINT) AS searches, \
                COUNT(DISTINCT CASE WHEN unit <> '' THEN unit END) AS people \
         FROM ({queries}) AS q WHERE zero_results > 0 GROUP BY query \
         HAVING COUNT(DISTINCT CASE WHEN unit <> '' THEN unit END) >= $3 \
         ORDER BY people DESC, searches DESC, query LIMIT {TOP}"
    );
    let searchers_sql = format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN last_ticket > first_search THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM \
         (SELECT unit, MIN(first_search_ms) AS first_search, MAX(last_ticket_ms) AS last_ticket \
          FROM ({}) AS d WHERE unit <> '' GROUP BY unit) AS u WHERE first_search IS NOT NULL",
        unit_days()
    );
    let (searches, zero): (i64, i64) = with_pool!(db, pool => sqlx::query_as(&totals_sql)
        .bind(scope.from_day).bind(scope.to_day).fetch_one(pool).await)?;
    let top: Vec<(String, i64, i64)> = with_pool!(db, pool => sqlx::query_as(&top_sql)
        .bind(scope.from_day).bind(scope.to_day).bind(scope.min_users as i64).fetch_all(pool).await)?;
    let (searchers, then_ticket): (i64, i64) = with_pool!(db, pool => sqlx::query_as(&searchers_sql)
        .bind(scope.from_day).bind(scope.to_day).fetch_one(pool).await)?;
    let (searchers, then_ticket) = (searchers as u64, then_ticket as u64);
    let enough_searchers = scope.min_users <= 1 || searchers >= scope.min_users;
    Ok(SearchReport {
        period: scope.period(),
        min_users: scope.min_users,
        searches: searches as u64,
        zero_result_rate: enough_searchers
            .then(|| rate(zero as u64, searches as u64))
            .flatten(),
        top_zero_result_queries: top
            .into_iter()
            .map(|(query, searches, people)| QueryCount {
                query,
                searches: searches as u64,
                people: people as u64,
            })
            .collect(),
        searchers: people(searchers, scope.min_users),
        search_then_ticket_rate: people_rate(then_ticket, searchers, scope.min_users),
    })
}

/// `GET /v1/agent/insights/articles`. `title` names an article by its id.
pub async fn articles(
    db: &Db,
    scope: &Scope,
    title: impl Fn(&str) -> Option<String>,
) -> Result<ArticlesReport, sqlx::Error> {
    let sql = format!(
        "WITH a AS ({}), \
         t AS (SELECT unit, MAX(last_ticket_ms) AS last_ticket FROM ({}) AS d WHERE unit <> '' GROUP BY unit) \
         SELECT a.article, CAST(SUM(a.views) AS BIGINT), \
                COUNT(DISTINCT CASE WHEN a.unit <> '' AND a.views > 0 THEN a.unit END), \
                CAST(SUM(a.helpful) AS BIGINT), CAST(SUM(a.unhelpful) AS BIGINT), \
                COUNT(DISTINCT CASE WHEN a.unit <> '' AND a.views > 0 AND t.last_ticket > a.first_read_ms \
                                    THEN a.unit END) \
         FROM a LEFT JOIN t ON t.unit = a.unit \
         GROUP BY a.article ORDER BY 3 DESC, 2 DESC, a.article LIMIT {}",
        in_period(
            "insight_article_days",
            ARTICLE_DAY_COLUMNS,
            article_days_from_events
        ),
        unit_days(),
        TOP * 2
    );
    let rows: Vec<(String, i64, i64, i64, i64, i64)> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(scope.from_day).bind(scope.to_day).fetch_all(pool).await)?;
    let k = scope.min_users;
    Ok(ArticlesReport {
        period: scope.period(),
        min_users: k,
        rows: rows
            .into_iter()
            .map(|(article, views, readers, helpful, unhelpful, contacted)| {
                let readers = readers as u64;
                let votes = (helpful + unhelpful) as u64;
                ArticleRow {
                    title: title(&article),
                    article,
                    views: views as u64,
                    readers: people(readers, k),
                    helpful_rate: people_rate(helpful as u64, votes, k),
                    contact_after_rate: people_rate(contacted as u64, readers, k),
                }
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_carry_their_interval() {
        let r = rate(8, 10).unwrap();
        assert_eq!(r.rate, 0.8);
        assert!(r.low < 0.8 && r.high > 0.8 && r.high <= 1.0);
        assert_eq!(rate(0, 0), None);
    }

    #[test]
    fn a_rate_that_would_single_someone_out_is_hidden() {
        assert!(
            people_rate(3, 40, 10).is_none(),
            "3 people are fewer than k"
        );
        assert!(people_rate(37, 40, 10).is_none(), "so are the 3 others");
        assert!(people_rate(15, 40, 10).is_some());
        assert!(people_rate(1, 2, 1).is_some(), "k = 1 hides nothing");
    }

    #[test]
    fn a_funnel_row_shows_rates_only_when_every_count_is_shown() {
        let cells = [2, 1, 2, 1, 2, 1, 1].map(Published::Count);
        let row = funnel_row("buyer".into(), &cells, Published::Count(10));
        assert_eq!(row.engaged_rate.unwrap().successes, 7);
        assert_eq!(row.confirmed_rate.unwrap().trials, 7);
        let in_flow = row.resolved_in_flow_rate.unwrap();
        assert_eq!((in_flow.successes, in_flow.trials), (1, 7));
        assert_eq!(row.confirmed_rate.unwrap().successes, 2, "never added up");
        assert_eq!(row.assumed_rate.unwrap().trials, 6);
        let mut hidden = cells;
        hidden[5] = Published::Small;
        let row = funnel_row("buyer".into(), &hidden, Published::Count(10));
        assert_eq!(row.pending, Shown::Small);
        assert!(row.engaged_rate.is_none() && row.escalated_rate.is_none());
    }
}
