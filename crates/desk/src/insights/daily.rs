//! The desk's standing work on insights, in every process: roll up the finished days and forget raw events past
//! retention (`rollup`), then take the sums of the periods the console offers (`tally`), so that the first look
//! of the day is as quick as the others.

use crate::clock::now_millis;
use crate::db::Db;
use crate::help::Content;
use crate::insights::ReportSettings;
use crate::insights::flow_report::{self, FLOWS_KEY};
use crate::insights::ingest::day_of;
use crate::insights::reports::{self, ARTICLES_KEY, Cohort, SEARCH_KEY};
use crate::insights::rollup::roll_up_and_forget;
use crate::insights::tally;
use std::time::Duration;

/// How often each process looks for days to roll up and events past retention.
const EVERY: Duration = Duration::from_secs(600);

/// The periods the console offers, in days up to today.
const USUAL_DAYS: [i64; 2] = [7, 28];

/// Rolls up and forgets every [`EVERY`], and keeps the usual periods' sums once a day, for as long as the
/// process runs.
pub async fn roll_up_forever(db: Db, settings: ReportSettings, content: Content) {
    let mut tick = tokio::time::interval(EVERY);
    let mut kept_for = None;
    loop {
        tick.tick().await;
        if let Err(err) = roll_up_and_forget(&db, settings.retention_days).await {
            tracing::warn!(error = %err, "rolling up events failed; trying again later");
            continue;
        }
        let today = day_of(now_millis());
        if kept_for == Some(today) {
            continue;
        }
        let help = content.current();
        let dimensions = &help.insights().dimensions;
        match keep_usual(&db, today, dimensions, settings.assumed_resolution_hours).await {
            Ok(()) => kept_for = Some(today),
            Err(err) => tracing::warn!(error = %err, "adding up the usual reports failed"),
        }
    }
}

/// Takes the sums of every report and funnel cut over the usual periods ending `today` (those not kept yet),
/// and forgets sums kept long ago. Public for the bench and the tests.
pub async fn keep_usual(
    db: &Db,
    today: i64,
    dimensions: &[String],
    window_hours: u32,
) -> Result<(), sqlx::Error> {
    let cutoff_ms = now_millis() - i64::from(window_hours) * 3_600_000;
    let cuts: Vec<Cohort> = Cohort::builtin()
        .into_iter()
        .chain(dimensions.iter().cloned().map(Cohort::Dimension))
        .collect();
    for days in USUAL_DAYS {
        let from = today - days + 1;
        for by in &cuts {
            let key = reports::funnel_key(by, window_hours);
            tally::keep(db, &key, from, today, cutoff_ms, |part, bounds| {
                reports::funnel_tally(db, part, bounds, by)
            })
            .await?;
        }
        tally::keep(db, SEARCH_KEY, from, today, cutoff_ms, |part, bounds| {
            reports::search_tally(db, part, bounds)
        })
        .await?;
        tally::keep(db, ARTICLES_KEY, from, today, cutoff_ms, |part, bounds| {
            reports::articles_tally(db, part, bounds)
        })
        .await?;
        tally::keep(db, FLOWS_KEY, from, today, cutoff_ms, |part, bounds| {
            flow_report::flows_tally(db, part, bounds)
        })
        .await?;
    }
    tally::forget_old(db).await
}
