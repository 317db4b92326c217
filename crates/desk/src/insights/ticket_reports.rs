//! The reports read from tickets rather than from the widget's events: first responses against their targets
//! (with satisfaction) and repeat contact, per queue.

use crate::clock::{now_unix, stamp};
use crate::db::Db;
use crate::insights::period::Scope;
use crate::insights::reports::{people, people_rate, rate};
use crate::with_pool;
use signpost_core::feed::Timestamp;
use signpost_core::insights::reports::{RepeatRow, RepeatsReport, ResponseRow, ResponsesReport};
use signpost_core::tickets::{SATISFIED_FROM, TicketStatus};
use signpost_insights::ResponseTimes;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Repeat contact: another ticket from the same person within this many days.
const REPEAT_DAYS: i64 = 7;

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
