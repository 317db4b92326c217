//! `GET /v1/agent/insights/triage`: triage's accuracy as agents' corrections tell it, and drift of the ticket
//! mix. A ticket's triaged queue and priority are those of its first correction's "from" (what triage chose),
//! else its own; the corrected ones are where agents left it.

use crate::clock::stamp;
use crate::db::Db;
use crate::insights::period::{Scope, date_of};
use crate::insights::reports::rate;
use crate::with_pool;
use signpost_core::feed::Timestamp;
use signpost_core::insights::reports::{Confusion, Drift, TriageReport, WeekAccuracy};
use signpost_insights::{ConfusionMatrix, DriftLevel, PopulationStability};
use std::collections::BTreeMap;

/// The drift's current window and its baseline, in days.
const CURRENT_DAYS: i64 = 7;
const BASELINE_DAYS: i64 = 28;

struct Ticket {
    day: i64,
    topic: String,
    queue: String,
    priority: String,
    triaged_queue: String,
    triaged_priority: String,
}

pub async fn triage(db: &Db, scope: &Scope) -> Result<TriageReport, sqlx::Error> {
    let earliest = scope
        .from_day
        .min(scope.to_day - CURRENT_DAYS - BASELINE_DAYS + 1);
    let sql = "SELECT t.created_at, t.topic, t.queue, t.priority, \
               (SELECT c.from_queue FROM triage_corrections c WHERE c.ticket_number = t.number ORDER BY c.id LIMIT 1), \
               (SELECT c.from_priority FROM triage_corrections c WHERE c.ticket_number = t.number ORDER BY c.id LIMIT 1) \
               FROM tickets t WHERE t.created_at >= $1 AND t.created_at < $2";
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = with_pool!(db, pool => sqlx::query_as(sql)
        .bind(stamp(earliest * 86_400)).bind(stamp((scope.to_day + 1) * 86_400)).fetch_all(pool).await)?;
    let tickets: Vec<Ticket> = rows
        .into_iter()
        .filter_map(
            |(created, topic, queue, priority, from_queue, from_priority)| {
                Some(Ticket {
                    day: Timestamp::parse(created).unix_seconds()?.div_euclid(86_400),
                    triaged_queue: from_queue.unwrap_or_else(|| queue.clone()),
                    triaged_priority: from_priority.unwrap_or_else(|| priority.clone()),
                    topic,
                    queue,
                    priority,
                })
            },
        )
        .collect();
    let in_period: Vec<&Ticket> = tickets.iter().filter(|t| t.day >= scope.from_day).collect();

    let mut queues = ConfusionMatrix::new();
    let mut priorities = ConfusionMatrix::new();
    let mut weeks: BTreeMap<i64, ConfusionMatrix<String>> = BTreeMap::new();
    for ticket in &in_period {
        queues.add(ticket.triaged_queue.clone(), ticket.queue.clone(), 1);
        priorities.add(ticket.triaged_priority.clone(), ticket.priority.clone(), 1);
        // 1970-01-01 was a Thursday: day 4 is a Monday.
        let monday = ticket.day - (ticket.day - 4).rem_euclid(7);
        weeks
            .entry(monday)
            .or_default()
            .add(ticket.triaged_queue.clone(), ticket.queue.clone(), 1);
    }
    let rerouted = in_period
        .iter()
        .filter(|t| t.triaged_queue != t.queue || t.triaged_priority != t.priority)
        .count() as u64;
    let current_from = scope.to_day - CURRENT_DAYS + 1;
    let drift = [
        ("topic", topic_of as fn(&Ticket) -> String),
        ("queue", queue_of),
    ]
    .into_iter()
    .map(|(of, category)| {
        let mut current: BTreeMap<String, u64> = BTreeMap::new();
        let mut baseline: BTreeMap<String, u64> = BTreeMap::new();
        for ticket in &tickets {
            let side = if ticket.day >= current_from {
                &mut current
            } else {
                &mut baseline
            };
            *side.entry(category(ticket)).or_default() += 1;
        }
        let stability = PopulationStability::new(&baseline, &current);
        Drift {
            of: of.to_owned(),
            index: stability.map(|s| s.index),
            level: stability.map(|s| level_name(s.level()).to_owned()),
            current: current.into_iter().collect(),
            baseline: baseline.into_iter().collect(),
        }
    })
    .collect();
    Ok(TriageReport {
        period: scope.period(),
        rerouted_rate: rate(rerouted, in_period.len() as u64),
        queues: confusion(&queues),
        priorities: confusion(&priorities),
        weeks: weeks
            .into_iter()
            .map(|(monday, matrix)| WeekAccuracy {
                week: date_of(monday),
                queue_accuracy: rate(matrix.correct(), matrix.total()),
            })
            .collect(),
        drift,
    })
}

fn topic_of(ticket: &Ticket) -> String {
    ticket.topic.clone()
}

fn queue_of(ticket: &Ticket) -> String {
    ticket.queue.clone()
}

fn confusion(matrix: &ConfusionMatrix<String>) -> Confusion {
    let labels: Vec<String> = matrix.labels().into_iter().cloned().collect();
    let counts = labels
        .iter()
        .map(|triaged| {
            labels
                .iter()
                .map(|corrected| matrix.count(triaged, corrected))
                .collect()
        })
        .collect();
    Confusion {
        labels,
        counts,
        accuracy: rate(matrix.correct(), matrix.total()),
    }
}

fn level_name(level: DriftLevel) -> &'static str {
    match level {
        DriftLevel::Stable => "stable",
        DriftLevel::Moderate => "moderate",
        DriftLevel::Significant => "significant",
    }
}
