//! The insights reports, computed from the rollups (and today's and yesterday's raw events, with the same SQL)
//! and published under the site's k: counts of people below it are shown as "< k", with enough others withheld
//! that none can be worked out from the totals (`signpost_insights::CohortTable`); a rate is shown only when
//! every count it is made of is.

use crate::clock::{now_millis, now_unix, stamp};
use crate::db::Db;
use crate::insights::period::Scope;
use crate::insights::rollup::{
    ARTICLE_DAY_COLUMNS, QUERY_DAY_COLUMNS, UNIT_DAY_COLUMNS, article_days_from_events,
    query_days_from_events, unit_days_from_events,
};
use crate::with_pool;
use signpost_core::feed::Timestamp;
use signpost_core::insights::reports::{
    ArticleRow, ArticlesReport, FunnelReport, FunnelRow, QueryCount, Rate, RepeatRow,
    RepeatsReport, ResponseRow, ResponsesReport, SearchReport, Shown,
};
use signpost_core::tickets::{SATISFIED_FROM, TicketStatus};
use signpost_insights::{CohortTable, Proportion, Published, ResponseTimes};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many queries and articles a report lists at most.
const TOP: i64 = 20;
/// Repeat contact: another ticket from the same person within this many days.
const REPEAT_DAYS: i64 = 7;

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
fn in_period(table: &str, columns: &str, from_events: fn(&str) -> String) -> String {
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
const OUTCOMES: [&str; 6] = [
    "left",
    "contacted_directly",
    "confirmed",
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
                      MAX(last_engaged_ms) AS last_engaged \
               FROM d WHERE unit <> '' GROUP BY unit) \
         SELECT cohort, CASE WHEN engaged = 0 AND tickets = 0 THEN 'left' \
                             WHEN engaged = 0 THEN 'contacted_directly' \
                             WHEN tickets > 0 THEN 'escalated' \
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

    let mut by_cohort: BTreeMap<String, [u64; 6]> = BTreeMap::new();
    for (cohort, outcome, people) in counts {
        let column = OUTCOMES.iter().position(|o| *o == outcome).unwrap_or(0);
        by_cohort.entry(cohort).or_default()[column] += people as u64;
    }
    let cohorts: Vec<String> = by_cohort.keys().cloned().collect();
    let counts: Vec<Vec<u64>> = by_cohort.values().map(|row| row.to_vec()).collect();
    let (rows, total) = if counts.is_empty() {
        (
            vec![],
            funnel_row("all".into(), &[Published::Count(0); 6], Published::Count(0)),
        )
    } else {
        let table = CohortTable::new(counts)
            .expect("rows of six")
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
    let shown = |p: Published| match p {
        Published::Count(n) => Shown::Count(n),
        Published::Small => Shown::Small,
        Published::Withheld => Shown::Withheld,
        Published::Hidden => Shown::Hidden,
    };
    let exact: Option<Vec<u64>> = cells
        .iter()
        .chain(std::iter::once(&opened))
        .map(|p| match p {
            Published::Count(n) => Some(*n),
            _ => None,
        })
        .collect();
    let rates = exact.map(|c| {
        let [left, direct, confirmed, assumed, pending, escalated, opened] = c[..] else {
            unreachable!("six outcomes and a total")
        };
        let engaged = opened - left - direct;
        (
            rate(engaged, opened),
            rate(confirmed, engaged),
            rate(assumed, engaged - pending),
            rate(escalated, engaged),
        )
    });
    let (engaged_rate, confirmed_rate, assumed_rate, escalated_rate) =
        rates.unwrap_or((None, None, None, None));
    FunnelRow {
        cohort,
        opened: shown(opened),
        left: shown(cells[0]),
        contacted_directly: shown(cells[1]),
        confirmed: shown(cells[2]),
        assumed: shown(cells[3]),
        pending: shown(cells[4]),
        escalated: shown(cells[5]),
        engaged_rate,
        confirmed_rate,
        assumed_rate,
        escalated_rate,
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

/// `GET /v1/agent/insights/responses`: tickets filed in the period.
pub async fn responses(db: &Db, scope: &Scope) -> Result<ResponsesReport, sqlx::Error> {
    let sql = "SELECT queue, priority, created_at, first_response_due, first_response_at, status, s.rating \
               FROM tickets LEFT JOIN ticket_satisfaction s ON s.ticket_number = tickets.number \
               WHERE created_at >= $1 AND created_at < $2";
    let (from, to) = (
        stamp(scope.from_day * 86_400),
        stamp((scope.to_day + 1) * 86_400),
    );
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        Option<i64>,
    );
    let tickets: Vec<Row> =
        with_pool!(db, pool => sqlx::query_as(sql).bind(&from).bind(&to).fetch_all(pool).await)?;
    let now = now_unix();
    let seconds = |text: &str| Timestamp::parse(text).unix_seconds();
    #[derive(Default)]
    struct Tally {
        tickets: u64,
        decided: u64,
        within: u64,
        minutes: Vec<f64>,
        solved: u64,
        rated: u64,
        satisfied: u64,
    }
    let mut by_key: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for (queue, priority, created, due, answered, status, rating) in tickets {
        let tally = by_key.entry((queue, priority)).or_default();
        tally.tickets += 1;
        if status == TicketStatus::Solved.as_str() {
            tally.solved += 1;
            tally.rated += u64::from(rating.is_some());
            tally.satisfied += u64::from(rating.is_some_and(|r| r >= i64::from(SATISFIED_FROM)));
        }
        let due = seconds(&due).unwrap_or(i64::MAX);
        match answered.as_deref().and_then(seconds) {
            Some(answered) => {
                tally.decided += 1;
                tally.within += u64::from(answered <= due);
                if let Some(created) = seconds(&created) {
                    tally.minutes.push((answered - created) as f64 / 60.0);
                }
            }
            None if due < now => tally.decided += 1,
            None => {}
        }
    }
    Ok(ResponsesReport {
        period: scope.period(),
        rows: by_key
            .into_iter()
            .map(|((queue, priority), tally)| {
                let times = ResponseTimes::new(tally.minutes.clone());
                ResponseRow {
                    queue,
                    priority,
                    tickets: tally.tickets,
                    answered: tally.minutes.len() as u64,
                    within_target_rate: rate(tally.within, tally.decided),
                    p50_minutes: times.map(|t| t.p50),
                    p90_minutes: times.map(|t| t.p90),
                    solved: tally.solved,
                    csat_response_rate: rate(tally.rated, tally.solved),
                    satisfied_rate: rate(tally.satisfied, tally.rated),
                }
            })
            .collect(),
    })
}

/// `GET /v1/agent/insights/repeats`: a person is their verified id, else their email.
pub async fn repeats(db: &Db, scope: &Scope) -> Result<RepeatsReport, sqlx::Error> {
    let sql = "SELECT queue, topic, COALESCE(user_id, email, ''), created_at FROM tickets \
               WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at";
    let from = stamp(scope.from_day * 86_400);
    let to = stamp((scope.to_day + 1 + REPEAT_DAYS) * 86_400);
    let period_end = (scope.to_day + 1) * 86_400;
    let tickets: Vec<(String, String, String, String)> =
        with_pool!(db, pool => sqlx::query_as(sql).bind(&from).bind(&to).fetch_all(pool).await)?;
    let tickets: Vec<(String, String, String, i64)> = tickets
        .into_iter()
        .filter(|(_, _, person, _)| !person.is_empty())
        .filter_map(|(q, t, p, created)| Some((q, t, p, Timestamp::parse(created).unix_seconds()?)))
        .collect();
    // Each person's tickets by their place in time order (stamps within one second keep their order).
    let mut times: HashMap<&str, Vec<(usize, i64)>> = HashMap::new();
    for (index, (_, _, person, at)) in tickets.iter().enumerate() {
        times.entry(person).or_default().push((index, *at));
    }
    #[derive(Default)]
    struct Tally<'a> {
        tickets: u64,
        repeated: u64,
        people: HashSet<&'a str>,
        people_repeating: HashSet<&'a str>,
    }
    let mut by_type: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    for (index, (queue, topic, person, at)) in tickets.iter().enumerate() {
        if *at >= period_end {
            continue;
        }
        let again = times[person.as_str()]
            .iter()
            .any(|(later, when)| *later > index && *when <= at + REPEAT_DAYS * 86_400);
        let tally = by_type.entry((queue, topic)).or_default();
        tally.tickets += 1;
        tally.repeated += u64::from(again);
        tally.people.insert(person);
        if again {
            tally.people_repeating.insert(person);
        }
    }
    let k = scope.min_users;
    Ok(RepeatsReport {
        period: scope.period(),
        min_users: k,
        rows: by_type
            .into_iter()
            .map(|((queue, topic), tally)| {
                let people_count = tally.people.len() as u64;
                RepeatRow {
                    queue: queue.to_owned(),
                    topic: topic.to_owned(),
                    tickets: tally.tickets,
                    by_tickets: people_rate(tally.repeated, tally.tickets, k),
                    people: people(people_count, k),
                    by_people: people_rate(tally.people_repeating.len() as u64, people_count, k),
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
        let cells = [2, 1, 3, 2, 1, 1].map(Published::Count);
        let row = funnel_row("buyer".into(), &cells, Published::Count(10));
        assert_eq!(row.engaged_rate.unwrap().successes, 7);
        assert_eq!(row.confirmed_rate.unwrap().trials, 7);
        assert_eq!(row.assumed_rate.unwrap().trials, 6);
        let mut hidden = cells;
        hidden[4] = Published::Small;
        let row = funnel_row("buyer".into(), &hidden, Published::Count(10));
        assert_eq!(row.pending, Shown::Small);
        assert!(row.engaged_rate.is_none() && row.escalated_rate.is_none());
    }
}
