//! The insights reports: each adds up its sums over people (`tally`: kept for the rolled-up days, today's and
//! yesterday's people added from their raw events with the rollup's own SQL) and publishes them under the
//! site's k: counts of people below it are shown as "< k", with enough others withheld that none can be worked
//! out from the totals (`signpost_insights::CohortTable`); a rate is shown only when every count it is made of
//! is.

use crate::clock::{now_millis, stamp_millis};
use crate::db::{Db, ReportDb};
use crate::insights::parts::{self, Bounds, Part};
use crate::insights::period::Scope;
use crate::insights::rollup::{
    ARTICLE_DAY_COLUMNS, QUERY_DAY_COLUMNS, UNIT_DAY_COLUMNS, article_days_from_events,
    query_days_from_events, unit_days_from_events,
};
use crate::insights::tally::{self, Tally};
use crate::with_pool;
use signpost_core::insights::reports::{
    ArticleRow, ArticlesReport, FunnelReport, FunnelRow, QueryCount, Rate, SearchReport, Shown,
};
use signpost_insights::{CohortTable, Proportion, Published};
use std::collections::BTreeMap;

/// How many queries and articles a report lists at most.
const TOP: usize = 20;

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

    /// The cuts every site has.
    pub fn builtin() -> [Cohort; 5] {
        [
            Cohort::Audience,
            Cohort::Surface,
            Cohort::Language,
            Cohort::Identified,
            Cohort::Returning,
        ]
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

    /// The SQL of a unit-day's cohort value (`$5` is bound to the dimension's JSON path).
    fn sql(&self, db: &Db) -> String {
        match self {
            Cohort::Audience => "CASE WHEN audience = '' THEN 'unknown' ELSE audience END".into(),
            Cohort::Surface => "surface".into(),
            Cohort::Language => "language".into(),
            Cohort::Identified => "CASE WHEN identified THEN 'yes' ELSE 'no' END".into(),
            Cohort::Returning => "CASE WHEN returning_user THEN 'yes' ELSE 'no' END".into(),
            Cohort::Dimension(_) => {
                format!("COALESCE({}, 'unknown')", db.json_text("dimensions", "$5"))
            }
        }
    }
}

/// The `insight_unit_days` rows `part` adds up.
fn unit_days(part: Part) -> String {
    parts::rows(
        part,
        "insight_unit_days",
        UNIT_DAY_COLUMNS,
        unit_days_from_events,
    )
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

/// The funnel's assumed-resolution line now: engagements up to it, with no ticket since, are assumed resolved.
pub(crate) fn assumed_resolution_line(window_hours: u32) -> i64 {
    now_millis() - i64::from(window_hours) * 3_600_000
}

/// The name the funnel cut `by` keeps its sums under (with the window they were taken with).
pub(crate) fn funnel_key(by: &Cohort, window_hours: u32) -> String {
    format!("funnel:{}:{window_hours}h", by.name())
}

/// The names the search and articles reports keep their sums under.
pub(crate) const SEARCH_KEY: &str = "search";
pub(crate) const ARTICLES_KEY: &str = "articles";

/// How long a minute is: people engaged after the assumed-resolution line are kept by the minute of their
/// last engagement, and a minute counts as assumed once all of it is past the line.
const MINUTE_MS: i64 = 60_000;

/// The funnel's sums of the people `part` counts: per cohort and outcome (the pending by minute, `-1` for the
/// others), people; and the events of nobody in particular (`unlinked`). `$4` is the assumed-resolution line.
pub(super) async fn funnel_tally(
    db: &Db,
    part: Part,
    bounds: Bounds,
    by: &Cohort,
) -> Result<Tally, sqlx::Error> {
    let sql = format!(
        "WITH d AS ({days}), \
         u AS (SELECT unit, MIN({cohort}) AS cohort, SUM(opened) AS opened, SUM(engaged) AS engaged, \
                      SUM(helpful_votes) AS helpful, SUM(tickets) AS tickets, \
                      SUM(flow_resolutions) AS flow_resolved, MAX(last_engaged_ms) AS last_engaged \
               FROM d WHERE unit <> '' GROUP BY unit), \
         o AS (SELECT cohort, last_engaged, \
                      CASE WHEN engaged = 0 AND tickets = 0 THEN 'left' \
                           WHEN engaged = 0 THEN 'contacted_directly' \
                           WHEN tickets > 0 THEN 'escalated' \
                           WHEN flow_resolved > 0 THEN 'resolved_in_flow' \
                           WHEN helpful > 0 THEN 'confirmed' \
                           WHEN (last_engaged / {MINUTE_MS}) * {MINUTE_MS} + {last} <= $4 THEN 'assumed' \
                           ELSE 'pending' END AS outcome \
               FROM u WHERE opened > 0) \
         SELECT cohort, outcome, \
                CAST(CASE WHEN outcome = 'pending' THEN last_engaged / {MINUTE_MS} ELSE -1 END AS BIGINT), \
                COUNT(*) \
         FROM o GROUP BY 1, 2, 3 \
         UNION ALL \
         SELECT '', 'unlinked', CAST(-1 AS BIGINT), CAST(COALESCE(SUM(events), 0) AS BIGINT) \
         FROM d WHERE unit = ''",
        days = unit_days(part),
        cohort = by.sql(db),
        last = MINUTE_MS - 1,
    );
    let rows: Vec<(String, String, i64, i64)> = with_pool!(db, pool => {
        let query = sqlx::query_as(&sql)
            .bind(bounds.from_day).bind(bounds.rolled_to).bind(bounds.to_day).bind(bounds.cutoff_ms);
        let query = match by { Cohort::Dimension(name) => query.bind(db.json_key(name)), _ => query };
        query.fetch_all(pool).await
    })?;
    let mut sums = Tally::default();
    for (cohort, outcome, minute, people) in rows {
        sums.add(vec![cohort, outcome, minute.to_string()], &[people], 1);
    }
    Ok(sums)
}

/// `GET /v1/agent/insights/funnel`.
pub async fn funnel(
    db: &ReportDb,
    scope: &Scope,
    by: &Cohort,
    window_hours: u32,
) -> Result<FunnelReport, sqlx::Error> {
    let cutoff_ms = assumed_resolution_line(window_hours);
    let key = funnel_key(by, window_hours);
    let summed = tally::total(db, &key, scope, cutoff_ms, |part, bounds| {
        funnel_tally(&db.reads, part, bounds, by)
    })
    .await?;
    let sums = &summed.tally;
    let mut by_cohort: BTreeMap<String, [u64; 7]> = BTreeMap::new();
    let mut unlinked = 0;
    for (key, values) in sums.rows() {
        let ([cohort, outcome, minute], [count]) = (key, values) else {
            continue;
        };
        let count = (*count).max(0) as u64;
        if outcome == "unlinked" {
            unlinked += count;
            continue;
        }
        // Kept sums taken earlier keep the pending by minute: those whose window has passed since are assumed.
        let past_window = minute
            .parse::<i64>()
            .is_ok_and(|minute| minute * MINUTE_MS + MINUTE_MS - 1 <= cutoff_ms);
        let outcome = if outcome == "pending" && past_window {
            "assumed"
        } else {
            outcome
        };
        let column = OUTCOMES.iter().position(|o| *o == outcome).unwrap_or(0);
        by_cohort.entry(cohort.clone()).or_default()[column] += count;
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
        live_as_of: summed.live_taken_ms.map(stamp_millis),
        by: by.name().to_owned(),
        min_users: scope.min_users,
        window_hours,
        rows,
        total,
        unlinked_events: unlinked,
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

/// The search report's sums of the people `part` counts: `totals` (searches, without results), `searchers`
/// (people who searched, then filed a ticket after) and per `query` without results (searches, people).
pub(super) async fn search_tally(
    db: &Db,
    part: Part,
    bounds: Bounds,
) -> Result<Tally, sqlx::Error> {
    let queries = parts::rows(
        part,
        "insight_query_days",
        QUERY_DAY_COLUMNS,
        query_days_from_events,
    );
    let sql = format!(
        "SELECT 'totals', '', CAST(COALESCE(SUM(searches), 0) AS BIGINT), \
                CAST(COALESCE(SUM(zero_results), 0) AS BIGINT) \
         FROM ({queries}) AS q \
         UNION ALL \
         SELECT 'searchers', '', COUNT(*), \
                CAST(COALESCE(SUM(CASE WHEN last_ticket > first_search THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM (SELECT unit, MIN(first_search_ms) AS first_search, MAX(last_ticket_ms) AS last_ticket \
               FROM ({days}) AS d WHERE unit <> '' GROUP BY unit) AS u WHERE first_search IS NOT NULL \
         UNION ALL \
         SELECT 'query', query, CAST(SUM(zero_results) AS BIGINT), \
                COUNT(DISTINCT CASE WHEN unit <> '' THEN unit END) \
         FROM ({queries}) AS q WHERE zero_results > 0 GROUP BY query",
        days = unit_days(part)
    );
    let rows: Vec<(String, String, i64, i64)> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(bounds.from_day).bind(bounds.rolled_to).bind(bounds.to_day).fetch_all(pool).await)?;
    let mut sums = Tally::default();
    for (kind, name, first, second) in rows {
        sums.add(vec![kind, name], &[first, second], 1);
    }
    Ok(sums)
}

/// `GET /v1/agent/insights/search`.
pub async fn search(db: &ReportDb, scope: &Scope) -> Result<SearchReport, sqlx::Error> {
    let total = tally::total(db, SEARCH_KEY, scope, now_millis(), |part, bounds| {
        search_tally(&db.reads, part, bounds)
    })
    .await?;
    let sums = &total.tally;
    let pair = |kind: &str| match sums.get(&[kind, ""]) {
        Some([first, second]) => ((*first).max(0) as u64, (*second).max(0) as u64),
        _ => (0, 0),
    };
    let (searches, zero) = pair("totals");
    let (searchers, then_ticket) = pair("searchers");
    let mut top: Vec<QueryCount> = sums
        .rows()
        .filter_map(|(key, values)| match (key, values) {
            ([kind, query], [searches, people]) if kind == "query" => Some(QueryCount {
                query: query.clone(),
                searches: (*searches).max(0) as u64,
                people: (*people).max(0) as u64,
            }),
            _ => None,
        })
        .filter(|query| query.people >= scope.min_users)
        .collect();
    top.sort_by(|a, b| {
        (b.people, b.searches)
            .cmp(&(a.people, a.searches))
            .then_with(|| a.query.cmp(&b.query))
    });
    top.truncate(TOP);
    let enough_searchers = scope.min_users <= 1 || searchers >= scope.min_users;
    Ok(SearchReport {
        period: scope.period(),
        live_as_of: total.live_taken_ms.map(stamp_millis),
        min_users: scope.min_users,
        searches,
        zero_result_rate: enough_searchers.then(|| rate(zero, searches)).flatten(),
        top_zero_result_queries: top,
        searchers: people(searchers, scope.min_users),
        search_then_ticket_rate: people_rate(then_ticket, searchers, scope.min_users),
    })
}

/// The articles report's sums of the people `part` counts, per article: views, readers, helpful and unhelpful
/// votes, and readers who filed a ticket after reading.
pub(super) async fn articles_tally(
    db: &Db,
    part: Part,
    bounds: Bounds,
) -> Result<Tally, sqlx::Error> {
    let sql = format!(
        "WITH a AS ({}), \
         t AS (SELECT unit, MAX(last_ticket_ms) AS last_ticket FROM ({}) AS d WHERE unit <> '' GROUP BY unit) \
         SELECT a.article, CAST(SUM(a.views) AS BIGINT), \
                COUNT(DISTINCT CASE WHEN a.unit <> '' AND a.views > 0 THEN a.unit END), \
                CAST(SUM(a.helpful) AS BIGINT), CAST(SUM(a.unhelpful) AS BIGINT), \
                COUNT(DISTINCT CASE WHEN a.unit <> '' AND a.views > 0 AND t.last_ticket > a.first_read_ms \
                                    THEN a.unit END) \
         FROM a LEFT JOIN t ON t.unit = a.unit GROUP BY a.article",
        parts::rows(
            part,
            "insight_article_days",
            ARTICLE_DAY_COLUMNS,
            article_days_from_events
        ),
        unit_days(part),
    );
    let rows: Vec<(String, i64, i64, i64, i64, i64)> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(bounds.from_day).bind(bounds.rolled_to).bind(bounds.to_day).fetch_all(pool).await)?;
    let mut sums = Tally::default();
    for (article, views, readers, helpful, unhelpful, contacted) in rows {
        sums.add(
            vec![article],
            &[views, readers, helpful, unhelpful, contacted],
            1,
        );
    }
    Ok(sums)
}

/// `GET /v1/agent/insights/articles`. `title` names an article by its id.
pub async fn articles(
    db: &ReportDb,
    scope: &Scope,
    title: impl Fn(&str) -> Option<String>,
) -> Result<ArticlesReport, sqlx::Error> {
    let total = tally::total(db, ARTICLES_KEY, scope, now_millis(), |part, bounds| {
        articles_tally(&db.reads, part, bounds)
    })
    .await?;
    let sums = &total.tally;
    let mut rows: Vec<(&str, [u64; 5])> = sums
        .rows()
        .filter_map(|(key, values)| match (key, <[i64; 5]>::try_from(values)) {
            ([article], Ok(values)) => Some((article.as_str(), values.map(|n| n.max(0) as u64))),
            _ => None,
        })
        .collect();
    rows.sort_by(|(a_id, a), (b_id, b)| (b[1], b[0]).cmp(&(a[1], a[0])).then(a_id.cmp(b_id)));
    rows.truncate(TOP * 2);
    let k = scope.min_users;
    Ok(ArticlesReport {
        period: scope.period(),
        live_as_of: total.live_taken_ms.map(stamp_millis),
        min_users: k,
        rows: rows
            .into_iter()
            .map(
                |(article, [views, readers, helpful, unhelpful, contacted])| ArticleRow {
                    title: title(article),
                    article: article.to_owned(),
                    views,
                    readers: people(readers, k),
                    helpful_rate: people_rate(helpful, helpful + unhelpful, k),
                    contact_after_rate: people_rate(contacted, readers, k),
                },
            )
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
