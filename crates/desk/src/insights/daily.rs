//! The desk's standing work on insights, in every process: roll up the finished days and forget raw events past
//! retention (`rollup`), then sweep the periods ending on the last rolled-up day (and on any day of the five
//! weeks before that no sweep reached) and take the sums of those the console offers (`tally`), so that the
//! first look at any of them is as quick as the others; and keep the large live parts of the reports people look
//! at fresh (`live`). Each day's sums are taken by one replica: the first to claim the day in `insight_keeps`.

use crate::clock::now_millis;
use crate::db::{Db, ReportDb};
use crate::help::Content;
use crate::insights::ReportSettings;
use crate::insights::event_report::EventReport;
use crate::insights::ingest::day_of;
use crate::insights::live;
use crate::insights::period::{SWEPT_DAYS, USUAL_DAYS};
use crate::insights::reports;
use crate::insights::rollup::{self, roll_up_and_forget};
use crate::insights::tally;
use crate::with_pool;
use std::time::Duration;

/// How often each process looks for days to roll up and events past retention.
const EVERY: Duration = Duration::from_secs(600);

/// Starts the standing work of this process: the rollup and the usual sums, and keeping the live parts people
/// look at fresh (`live`).
pub fn start(db: Db, report_db: ReportDb, settings: ReportSettings, content: Content) {
    tokio::spawn(live::refresh_forever(
        report_db.clone(),
        settings,
        content.clone(),
    ));
    tokio::spawn(roll_up_forever(db, report_db, settings, content));
}

/// Rolls up and forgets every [`EVERY`], and keeps the usual periods' sums once a day (added up on `report_db`,
/// [`Db::for_background`]), for as long as the process runs.
async fn roll_up_forever(db: Db, report_db: ReportDb, settings: ReportSettings, content: Content) {
    let mut tick = tokio::time::interval(EVERY);
    let mut kept_for = None;
    loop {
        tick.tick().await;
        if let Err(err) = roll_up_and_forget(&report_db, settings.retention_days).await {
            tracing::warn!(error = %err, "rolling up events failed; trying again later");
            continue;
        }
        let today = day_of(now_millis());
        if kept_for == Some(today) {
            continue;
        }
        match claim_keeping(&db, today).await {
            Ok(true) => {}
            // Another replica has taken today's sums, or is taking them (asked again next time, in case it
            // stops before it is done).
            Ok(false) => continue,
            Err(err) => {
                tracing::warn!(error = %err, "claiming the usual reports failed; trying again later");
                continue;
            }
        }
        let help = content.current();
        let dimensions = &help.insights().dimensions;
        let kept = keep_usual(
            &report_db,
            today,
            dimensions,
            settings.assumed_resolution_hours,
        )
        .await;
        match kept {
            Ok(()) => {
                let window_hours = settings.assumed_resolution_hours;
                if let Err(err) = catch_up(&report_db, today, dimensions, window_hours).await {
                    // Tomorrow's catching up takes what is left.
                    tracing::warn!(error = %err, "sweeping the periods of days missed failed");
                }
                if let Err(err) = finish_keeping(&db, today).await {
                    tracing::warn!(error = %err, "recording the usual reports as kept failed")
                } else {
                    kept_for = Some(today);
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, "adding up the usual reports failed");
                // Free the day for any replica's next try.
                if let Err(err) = release_keeping(&db, today).await {
                    tracing::warn!(error = %err, "releasing the claim on the usual reports failed");
                }
            }
        }
    }
}

/// How long a claim on a day's sums holds while unfinished: longer than taking them ever takes (44–51 s at 10 M
/// events a month, and about 50 s more for each day caught up: a week down, about six minutes), so a claim this
/// old belongs to a process that stopped.
const CLAIM_HOLDS_MS: i64 = 3_600_000;

/// Claims the taking of day `today`'s usual sums for this process: true for the first replica to ask, and for
/// one that asks after an unfinished claim has stopped holding; false while another replica has it or has done
/// it. Public for the tests.
pub async fn claim_keeping(db: &Db, today: i64) -> Result<bool, sqlx::Error> {
    let now = now_millis();
    with_pool!(db, pool => {
        let claimed = sqlx::query(
            "INSERT INTO insight_keeps (day, claimed_ms) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
        )
        .bind(today)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected();
        if claimed == 1 {
            return Ok(true);
        }
        let taken_over = sqlx::query(
            "UPDATE insight_keeps SET claimed_ms = $2 \
             WHERE day = $1 AND done_ms IS NULL AND claimed_ms < $3",
        )
        .bind(today)
        .bind(now)
        .bind(now - CLAIM_HOLDS_MS)
        .execute(pool)
        .await?
        .rows_affected();
        Ok(taken_over == 1)
    })
}

/// Marks day `today`'s sums as taken, and forgets the claims of days whose sums are forgotten too.
pub async fn finish_keeping(db: &Db, today: i64) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => {
        sqlx::query("UPDATE insight_keeps SET done_ms = $2 WHERE day = $1")
            .bind(today)
            .bind(now_millis())
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM insight_keeps WHERE day < $1")
            .bind(today - tally::KEPT_DAYS)
            .execute(pool)
            .await
            .map(drop)
    })
}

/// Gives up this process's unfinished claim on day `today`.
async fn release_keeping(db: &Db, today: i64) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query("DELETE FROM insight_keeps WHERE day = $1 AND done_ms IS NULL")
        .bind(today).execute(pool).await.map(drop))
}

/// Sweeps every report and funnel cut for the periods ending on the last rolled-up day (at most `today`),
/// keeps the sums of the usual periods ending `today` (those not kept yet), and forgets sums kept long ago.
/// Public for the bench and the tests.
pub async fn keep_usual(
    db: &ReportDb,
    today: i64,
    dimensions: &[String],
    window_hours: u32,
) -> Result<(), sqlx::Error> {
    if let Some((_, last)) = rollup::rolled_days(&db.reads).await? {
        sweep_day(db, last.min(today), dimensions, window_hours).await?;
    }
    let cutoff_ms = reports::assumed_resolution_line(window_hours);
    for report in EventReport::all(dimensions) {
        let key = report.key(window_hours);
        for days in USUAL_DAYS {
            let sum = |part, bounds| report.tally(&db.reads, part, bounds);
            tally::keep(db, &key, today - days + 1, today, cutoff_ms, sum).await?;
        }
    }
    tally::forget_old(&db.writes, today).await
}

/// Sweeps the periods ending on each rolled-up day of the five weeks before the last (up to `today`; that one
/// [`keep_usual`] sweeps) that no sweep reached, the latest first: the days rolled up while the desk was down,
/// or several at once (after an import, or a replica's rollup finished after the day's sums were taken). Each
/// day takes about as long as the daily sweep (45–49 s at 10 M events a month), once. Public for the tests.
pub async fn catch_up(
    db: &ReportDb,
    today: i64,
    dimensions: &[String],
    window_hours: u32,
) -> Result<(), sqlx::Error> {
    let Some((first, last)) = rollup::rolled_days(&db.reads).await? else {
        return Ok(());
    };
    let last = last.min(today);
    for day in (first.max(last - SWEPT_DAYS + 1)..last).rev() {
        sweep_day(db, day, dimensions, window_hours).await?;
    }
    Ok(())
}

/// Sweeps every report and funnel cut for the periods ending on rolled-up day `last` (`tally::sweep`), those
/// swept already skipped. Public for the bench.
pub async fn sweep_day(
    db: &ReportDb,
    last: i64,
    dimensions: &[String],
    window_hours: u32,
) -> Result<(), sqlx::Error> {
    let cutoff_ms = reports::assumed_resolution_line(window_hours);
    for report in EventReport::all(dimensions) {
        let sum = |part, bounds| report.tally(&db.reads, part, bounds);
        tally::sweep(db, &report.key(window_hours), last, cutoff_ms, sum).await?;
    }
    Ok(())
}
