//! Each experiment's report: exposures per variant, each metric's rate with its interval, every variant against
//! the control as a confidence sequence (valid however often it is read), the sample-ratio check, the verdict
//! and the audit log. Computing a report also enforces its guardrails: a variant surely worse on one stops the
//! experiment, and everyone gets the control from then on.

use crate::db::{Db, ReportDb};
use crate::experiments::{Experiments, state};
use crate::insights::reports::{people, people_rate};
use crate::insights::rollup::unsatisfied_tickets;
use crate::with_pool;
use signpost_core::experiments::report::{
    Comparison, ExperimentReport, MetricRate, Outcome, SampleRatio, VariantReport, Verdict,
};
use signpost_core::experiments::{ExperimentSpec, Metric};
use signpost_insights::{ConfidenceSequence, Proportion, SampleRatioCheck, Split};

/// The level of every experiment's confidence sequences: 95 %.
const ALPHA: f64 = 0.05;

/// What happened to one variant's exposed people, counted from the day each was exposed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VariantCounts {
    pub exposed: u64,
    pub resolved: u64,
    pub tickets: u64,
    pub repeat_contact: u64,
    pub unsatisfied: u64,
}

impl VariantCounts {
    fn of(&self, metric: Metric) -> u64 {
        match metric {
            Metric::Resolved => self.resolved,
            Metric::Tickets => self.tickets,
            Metric::RepeatContact => self.repeat_contact,
            Metric::Unsatisfied => self.unsatisfied,
        }
    }
}

/// Every experiment's report, stopping those whose guardrail is breached.
pub async fn reports(
    db: &ReportDb,
    experiments: &Experiments,
    min_users: u64,
) -> Result<Vec<ExperimentReport>, sqlx::Error> {
    let stopped = state::stopped(&db.reads).await?;
    let mut reports = vec![];
    for spec in experiments.specs() {
        let counts = counts(&db.reads, spec).await?;
        let mut report = judge(spec, &counts, !stopped.contains(&spec.id), min_users);
        if let (true, Verdict::StoppedGuardrail { variant, metric }) =
            (report.running, &report.verdict)
        {
            let why = format!(
                "guardrail breached: variant {variant} is surely worse on {}",
                metric_name(*metric)
            );
            state::stop(&db.writes, spec, &why).await?;
            report.running = false;
        }
        report.audit = state::audit_log(&db.reads, &spec.id).await?;
        reports.push(report);
    }
    Ok(reports)
}

/// Records the content folder's experiments when the process starts and when the folder is reloaded (not on
/// every tick: replicas running different versions mid-deploy would log changes back and forth), and checks
/// every running experiment's guardrails each minute, so a breach stops it even when nobody reads the report.
pub async fn enforce_forever(db: ReportDb, content: crate::help::Content) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    let mut recorded: Option<std::sync::Arc<crate::content::HelpCenter>> = None;
    loop {
        every.tick().await;
        let help = content.current();
        if !recorded
            .as_ref()
            .is_some_and(|r| std::sync::Arc::ptr_eq(r, &help))
        {
            match state::record_definitions(&db.writes, help.experiments()).await {
                Ok(()) => recorded = Some(help.clone()),
                Err(err) => tracing::warn!(error = %err, "recording the experiments failed"),
            }
        }
        if let Err(err) = reports(&db, help.experiments(), 1).await {
            tracing::warn!(error = %err, "checking the experiments' guardrails failed");
        }
    }
}

/// The counts per variant of one experiment: its exposed people's outcomes, from the rollups of the days
/// rolled up (not the rows of a day still being written: `rollup`) and the raw events of the others, reading
/// only what those people did.
pub async fn counts(db: &Db, spec: &ExperimentSpec) -> Result<Vec<VariantCounts>, sqlx::Error> {
    let sql = format!(
        "WITH x AS (SELECT unit, variant, first_day FROM experiment_exposures WHERE experiment = $1), \
         r AS (SELECT COALESCE(MAX(day), -1) AS day FROM insight_rollups), \
         o AS (SELECT unit, CAST(SUM(helpful) AS BIGINT) AS helpful, CAST(SUM(tickets) AS BIGINT) AS tickets, \
                      CAST(SUM(unsatisfied) AS BIGINT) AS unsatisfied FROM ( \
                 SELECT u.unit, u.helpful_votes AS helpful, u.tickets AS tickets, u.unsatisfied AS unsatisfied \
                 FROM insight_unit_days u JOIN x ON u.unit = x.unit AND u.day >= x.first_day \
                 WHERE u.day <= (SELECT day FROM r) \
                 UNION ALL \
                 SELECT e.unit, CASE WHEN e.kind = 'article_voted' AND e.helpful THEN 1 ELSE 0 END, \
                        CASE WHEN e.kind = 'ticket_filed' THEN 1 ELSE 0 END, \
                        CASE WHEN e.kind = 'survey_answered' AND e.item IN ({unsatisfied}) THEN 1 ELSE 0 END \
                 FROM insight_events e JOIN x ON e.unit = x.unit AND e.day >= x.first_day \
                 WHERE e.day > (SELECT day FROM r) \
                   AND e.kind IN ('article_voted', 'ticket_filed', 'survey_answered')) AS outcomes \
               GROUP BY unit) \
         SELECT x.variant, COUNT(*), \
                CAST(SUM(CASE WHEN COALESCE(o.helpful, 0) > 0 AND COALESCE(o.tickets, 0) = 0 THEN 1 ELSE 0 END) AS BIGINT), \
                CAST(SUM(CASE WHEN COALESCE(o.tickets, 0) > 0 THEN 1 ELSE 0 END) AS BIGINT), \
                CAST(SUM(CASE WHEN COALESCE(o.tickets, 0) > 1 THEN 1 ELSE 0 END) AS BIGINT), \
                CAST(SUM(CASE WHEN COALESCE(o.unsatisfied, 0) > 0 THEN 1 ELSE 0 END) AS BIGINT) \
         FROM x LEFT JOIN o ON o.unit = x.unit GROUP BY x.variant",
        unsatisfied = unsatisfied_tickets()
    );
    let rows: Vec<(i64, i64, i64, i64, i64, i64)> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(&spec.id).fetch_all(pool).await)?;
    let mut counts = vec![VariantCounts::default(); spec.split.len()];
    for (variant, exposed, resolved, tickets, repeat_contact, unsatisfied) in rows {
        // Exposures of a variant the definition no longer has are left out (the audit log says it changed).
        if let Some(slot) = usize::try_from(variant)
            .ok()
            .and_then(|v| counts.get_mut(v))
        {
            let count = |n: i64| u64::try_from(n).unwrap_or(0);
            *slot = VariantCounts {
                exposed: count(exposed),
                resolved: count(resolved),
                tickets: count(tickets),
                repeat_contact: count(repeat_contact),
                unsatisfied: count(unsatisfied),
            };
        }
    }
    Ok(counts)
}

/// The report of `spec` from its counts (one per variant, control first); the audit log is left empty.
pub fn judge(
    spec: &ExperimentSpec,
    counts: &[VariantCounts],
    running: bool,
    min_users: u64,
) -> ExperimentReport {
    let names = spec.variant_names();
    let split = Split::new(spec.split.clone()).expect("checked when the experiments were loaded");
    let exposures: Vec<u64> = counts.iter().map(|c| c.exposed).collect();
    let sample_ratio = SampleRatioCheck::new(&exposures, &split)
        .map(|check| SampleRatio {
            p_value: check.p_value,
            mismatch: check.mismatch(),
        })
        .expect("one count per variant");
    let metrics: Vec<(Metric, bool)> = std::iter::once((spec.primary, false))
        .chain(spec.guardrails.iter().map(|g| (g.metric, true)))
        .collect();
    let variants = counts
        .iter()
        .zip(names)
        .enumerate()
        .map(|(index, (count, article))| VariantReport {
            variant: index as u32,
            article,
            planned_share: split.share(index),
            exposed: people(count.exposed, min_users),
            metrics: metrics
                .iter()
                .map(|&(metric, _)| MetricRate {
                    metric,
                    rate: people_rate(count.of(metric), count.exposed, min_users),
                })
                .collect(),
        })
        .collect();
    let sequence = ConfidenceSequence::new(ALPHA, spec.planned_units.max(1))
        .expect("a fixed level and at least one planned unit");
    let proportion = |count: &VariantCounts, metric| {
        Proportion::new(count.of(metric), count.exposed).expect("no more successes than people")
    };
    let mut comparisons = vec![];
    for (index, count) in counts.iter().enumerate().skip(1) {
        for &(metric, guardrail) in &metrics {
            let interval =
                sequence.interval(&proportion(&counts[0], metric), &proportion(count, metric));
            let (up, down) = (interval.low > 0.0, interval.high < 0.0);
            let outcome = match (up || down, up == metric.higher_is_better()) {
                (false, _) => Outcome::NoDifferenceYet,
                (true, true) => Outcome::Better,
                (true, false) => Outcome::Worse,
            };
            comparisons.push(Comparison {
                variant: index as u32,
                metric,
                guardrail,
                low: interval.low,
                high: interval.high,
                outcome,
            });
        }
    }
    let verdict = verdict(&comparisons, sample_ratio.mismatch, running);
    ExperimentReport {
        id: spec.id.clone(),
        description: spec.description.clone(),
        running,
        change: spec.subject().0,
        subject: spec.subject().1.to_owned(),
        primary: spec.primary,
        guardrails: spec.guardrails.iter().map(|g| g.metric).collect(),
        variants,
        sample_ratio,
        comparisons,
        verdict,
        audit: vec![],
    }
}

fn verdict(comparisons: &[Comparison], mismatch: bool, running: bool) -> Verdict {
    if let Some(breach) = comparisons
        .iter()
        .find(|c| c.guardrail && c.outcome == Outcome::Worse)
    {
        return Verdict::StoppedGuardrail {
            variant: breach.variant,
            metric: breach.metric,
        };
    }
    if !running {
        return Verdict::Stopped;
    }
    if mismatch {
        return Verdict::Untrustworthy;
    }
    let primary: Vec<&Comparison> = comparisons.iter().filter(|c| !c.guardrail).collect();
    let best = primary
        .iter()
        .filter(|c| c.outcome == Outcome::Better)
        .max_by(|a, b| (a.low + a.high).total_cmp(&(b.low + b.high)));
    match best {
        Some(best) => Verdict::VariantBetter {
            variant: best.variant,
        },
        None if !primary.is_empty() && primary.iter().all(|c| c.outcome == Outcome::Worse) => {
            Verdict::ControlBetter
        }
        None => Verdict::NoDifferenceYet,
    }
}

fn metric_name(metric: Metric) -> &'static str {
    match metric {
        Metric::Resolved => "self-service resolution",
        Metric::Tickets => "ticket rate",
        Metric::RepeatContact => "repeat contact",
        Metric::Unsatisfied => "satisfaction",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> ExperimentSpec {
        serde_json::from_value(json!({
            "id": "e", "split": [1, 1], "planned_units": 2000, "primary": "resolved",
            "guardrails": [{ "metric": "tickets" }],
            "change": { "kind": "rule_article", "rule": "r", "variants": ["a", "b"] } }))
        .unwrap()
    }

    fn counts(exposed: u64, resolved: u64, tickets: u64) -> VariantCounts {
        VariantCounts {
            exposed,
            resolved,
            tickets,
            repeat_contact: 0,
            unsatisfied: 0,
        }
    }

    #[test]
    fn a_clear_gain_on_the_primary_metric_is_a_win() {
        let report = judge(
            &spec(),
            &[counts(1000, 200, 50), counts(1000, 320, 50)],
            true,
            10,
        );
        assert_eq!(report.verdict, Verdict::VariantBetter { variant: 1 });
        assert!(!report.sample_ratio.mismatch);
    }

    #[test]
    fn a_worse_ticket_rate_stops_it_whatever_the_primary_says() {
        let report = judge(
            &spec(),
            &[counts(1000, 200, 50), counts(1000, 320, 160)],
            true,
            10,
        );
        assert_eq!(
            report.verdict,
            Verdict::StoppedGuardrail {
                variant: 1,
                metric: Metric::Tickets
            }
        );
    }

    #[test]
    fn a_lopsided_split_is_untrustworthy() {
        let report = judge(
            &spec(),
            &[counts(1000, 200, 50), counts(800, 260, 40)],
            true,
            10,
        );
        assert!(report.sample_ratio.mismatch);
        assert_eq!(report.verdict, Verdict::Untrustworthy);
    }

    #[test]
    fn small_variants_show_no_counts_or_rates() {
        let report = judge(&spec(), &[counts(4, 1, 0), counts(6, 2, 0)], true, 10);
        assert!(
            report
                .variants
                .iter()
                .all(|v| v.metrics.iter().all(|m| m.rate.is_none()))
        );
        assert_eq!(report.verdict, Verdict::NoDifferenceYet);
    }

    /// While a day's rollup is being written its first rows are in `insight_unit_days` and its raw events are
    /// still there: an exposed person's outcomes that day count once, from the events, until the day is
    /// marked rolled up.
    #[tokio::test]
    async fn a_day_being_rolled_up_counts_once() {
        use crate::insights::ingest::{EventRow, insert};
        use crate::insights::rollup::{UNIT_DAY_COLUMNS, unit_days_from_events};
        let (_dir, db, pool) = crate::db::temporary_sqlite().await;
        let day = 20_000;
        sqlx::query(
            "INSERT INTO experiment_exposures (experiment, unit, variant, first_day, first_ms) \
             VALUES ('e', 'i:a', 0, $1, $2), ('e', 'i:b', 1, $1, $2)",
        )
        .bind(day)
        .bind(day * 86_400_000)
        .execute(&pool)
        .await
        .unwrap();
        let ticket = EventRow {
            day,
            at_ms: day * 86_400_000 + 1_000,
            kind: "ticket_filed",
            unit: Some("i:b".to_owned()),
            audience: "buyer",
            surface: "order",
            language: "en".to_owned(),
            identified: false,
            returning: false,
            dimensions: "{}".to_owned(),
            item: None,
            query: None,
            results: None,
            helpful: None,
            variant: None,
        };
        insert(&db, &[ticket]).await.unwrap();
        let written = format!(
            "INSERT INTO insight_unit_days ({UNIT_DAY_COLUMNS}) {}",
            unit_days_from_events("day = $1")
        );
        sqlx::query(&written)
            .bind(day)
            .execute(&pool)
            .await
            .unwrap();
        let found = super::counts(&db, &spec()).await.unwrap();
        assert_eq!(
            (found[1].exposed, found[1].tickets, found[1].repeat_contact),
            (1, 1, 0),
            "one ticket, not two"
        );
    }
}
