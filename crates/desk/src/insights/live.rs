//! Keeps the large live parts of the reports people look at fresh (`period::Freshness`): every
//! `--live-report-seconds`, each process adds up again the parts looked at in the last half hour, and every
//! [`WARM_INTERVALS`] of them those looked at in the last day, each taken on by the one replica that claims it.
//! So a look reads sums about an interval old while someone is looking, and the first look after a quiet while
//! (the next morning) reads them a few minutes old, instead of adding up today's and yesterday's events itself.

use crate::clock::now_millis;
use crate::db::ReportDb;
use crate::help::Content;
use crate::insights::ReportSettings;
use crate::insights::event_report::EventReport;
use crate::insights::period::{Freshness, Scope};
use crate::insights::reports;
use crate::insights::tally::WARM_INTERVALS;
use crate::with_pool;
use std::time::Duration;

/// How long after the last look a live part is added up every interval: a console left open reloads more often.
const WATCHED_MS: i64 = 30 * 60_000;
/// How long after the last look a live part is kept warm, every [`WARM_INTERVALS`] (then forgotten: `tally`).
const WARM_MS: i64 = 86_400_000;

/// Adds up the watched live parts again every `settings.live_every_ms`, for as long as the process runs
/// (never when that is 0: every look adds them up).
pub async fn refresh_forever(db: ReportDb, settings: ReportSettings, content: Content) {
    let Ok(every @ 1..) = u64::try_from(settings.live_every_ms) else {
        return;
    };
    let mut tick = tokio::time::interval(Duration::from_millis(every));
    loop {
        tick.tick().await;
        let help = content.current();
        if let Err(err) = refresh_watched(&db, &settings, &help.insights().dimensions).await {
            tracing::warn!(error = %err, "adding up the live part of the reports failed; trying again later");
        }
    }
}

/// Adds up again each live part looked at in the last [`WATCHED_MS`] and claimed more than half an interval
/// ago, or looked at in the last [`WARM_MS`] and claimed [`WARM_INTERVALS`] less half an interval ago, that this
/// process claims first. Public for the tests.
pub async fn refresh_watched(
    db: &ReportDb,
    settings: &ReportSettings,
    dimensions: &[String],
) -> Result<(), sqlx::Error> {
    let (now, every) = (now_millis(), settings.live_every_ms);
    let watched: Vec<(String, i64, i64, i64)> = with_pool!(&db.reads, pool => sqlx::query_as(
            "SELECT report, from_day, to_day, claimed_ms FROM insight_live \
             WHERE asked_ms > $1 AND claimed_ms < CASE WHEN asked_ms > $2 THEN $3 ELSE $4 END")
        .bind(now - WARM_MS).bind(now - WATCHED_MS).bind(now - every / 2)
        .bind(now - every * WARM_INTERVALS + every / 2).fetch_all(pool).await)?;
    let window_hours = settings.assumed_resolution_hours;
    let reports = EventReport::all(dimensions);
    for (key, from_day, to_day, claimed_ms) in watched {
        // A report of a cut the site no longer has, or of another window, is nobody's to refresh.
        let Some(report) = reports.iter().find(|r| r.key(window_hours) == key) else {
            continue;
        };
        let claimed = with_pool!(&db.writes, pool => sqlx::query(
                "UPDATE insight_live SET claimed_ms = $5 \
                 WHERE report = $1 AND from_day = $2 AND to_day = $3 AND claimed_ms = $4")
            .bind(&key).bind(from_day).bind(to_day).bind(claimed_ms).bind(now_millis())
            .execute(pool).await.map(|done| done.rows_affected()))?;
        if claimed == 0 {
            continue;
        }
        let scope = Scope {
            from_day,
            to_day,
            min_users: settings.min_users,
            freshness: Freshness::Refresh,
        };
        let cutoff_ms = reports::assumed_resolution_line(window_hours);
        report.total(db, &scope, window_hours, cutoff_ms).await?;
    }
    Ok(())
}
