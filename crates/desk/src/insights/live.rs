//! Keeps the large live parts of the reports fresh (`period::Freshness`): every `--live-report-seconds`, each
//! process adds up again the parts looked at in the last half hour, and every [`WARM_REFRESH_INTERVALS`] of them
//! those looked at in the last day and those of the console's usual periods, looked at or not, each taken on by
//! the one replica that claims it. So a look reads sums about an interval old while someone is looking, and the
//! first look at the console after a quiet while (the next morning) reads them a few minutes old, instead of
//! adding up today's and yesterday's events itself.

use crate::clock::now_millis;
use crate::db::ReportDb;
use crate::help::Content;
use crate::insights::ReportSettings;
use crate::insights::event_report::EventReport;
use crate::insights::ingest::day_of;
use crate::insights::live_rows::{self, LARGE_LIVE_EVENTS};
use crate::insights::period::{Freshness, Scope, USUAL_DAYS, WARM_INTERVALS};
use crate::insights::reports;
use crate::insights::tally;
use crate::with_pool;
use std::time::Duration;

/// How long after the last look a live part is added up every interval: a console left open reloads more often.
const WATCHED_MS: i64 = 30 * 60_000;
/// How long after the last look a live part is kept warm (then forgotten: `tally`).
const WARM_MS: i64 = 86_400_000;
/// How many intervals apart a warm live part is added up again: fewer than a look's [`WARM_INTERVALS`], so a
/// pass that takes a while still ends before the parts it refreshes have grown too old for a look.
const WARM_REFRESH_INTERVALS: i64 = WARM_INTERVALS - 2;

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

/// A live part to add up again: its report's key, its period, and when a replica last claimed it (`None`: not
/// kept yet).
type Due = (String, i64, i64, Option<i64>);

/// Adds up again each live part looked at in the last [`WATCHED_MS`] and claimed more than half an interval
/// ago, or looked at in the last [`WARM_MS`] or of a usual period and claimed [`WARM_REFRESH_INTERVALS`] less
/// half an interval ago, that this process claims first. Public for the tests.
pub async fn refresh_watched(
    db: &ReportDb,
    settings: &ReportSettings,
    dimensions: &[String],
) -> Result<(), sqlx::Error> {
    let (now, every) = (now_millis(), settings.live_every_ms);
    let warm_due = now - every * WARM_REFRESH_INTERVALS + every / 2;
    let watched: Vec<(String, i64, i64, i64)> = with_pool!(&db.reads, pool => sqlx::query_as(
            "SELECT report, from_day, to_day, claimed_ms FROM insight_live \
             WHERE asked_ms > $1 AND claimed_ms < CASE WHEN asked_ms > $2 THEN $3 ELSE $4 END")
        .bind(now - WARM_MS).bind(now - WATCHED_MS).bind(now - every / 2).bind(warm_due)
        .fetch_all(pool).await)?;
    let window_hours = settings.assumed_resolution_hours;
    let reports = EventReport::all(dimensions);
    let mut due: Vec<Due> = watched
        .into_iter()
        .map(|(key, from_day, to_day, claimed_ms)| (key, from_day, to_day, Some(claimed_ms)))
        .collect();
    due.extend(usual_due(db, &reports, window_hours, now, warm_due).await?);
    // The parts read a snapshot of the live rows taken since half an interval ago, first taken if need be.
    let since_ms = now - every / 2;
    if !due.is_empty() {
        live_rows::take_if_due(db, since_ms).await?;
    }
    for (key, from_day, to_day, claimed_ms) in due {
        // A report of a cut the site no longer has, or of another window, is nobody's to refresh.
        let Some(report) = reports.iter().find(|r| r.key(window_hours) == key) else {
            continue;
        };
        if !claim(db, &key, from_day, to_day, claimed_ms).await? {
            continue;
        }
        let scope = Scope {
            from_day,
            to_day,
            min_users: settings.min_users,
            freshness: Freshness::Refresh { since_ms },
        };
        let cutoff_ms = reports::assumed_resolution_line(window_hours);
        report.total(db, &scope, window_hours, cutoff_ms).await?;
    }
    Ok(())
}

/// The live parts of the usual periods that are due: not kept yet, kept before the last rollup, or claimed
/// before `warm_due`. None of a period whose days not rolled up are few enough for every look to add them up.
async fn usual_due(
    db: &ReportDb,
    reports: &[EventReport],
    window_hours: u32,
    now: i64,
    warm_due: i64,
) -> Result<Vec<Due>, sqlx::Error> {
    let today = day_of(now);
    let mut due = vec![];
    for days in USUAL_DAYS {
        let from_day = today - days + 1;
        let (rolled_to, events) = tally::live_events(&db.reads, from_day, today).await?;
        if events < LARGE_LIVE_EVENTS {
            continue;
        }
        for report in reports {
            let key = report.key(window_hours);
            let kept: Option<(i64, i64)> = with_pool!(&db.reads, pool => sqlx::query_as(
                    "SELECT claimed_ms, rolled_to FROM insight_live \
                     WHERE report = $1 AND from_day = $2 AND to_day = $3")
                .bind(&key).bind(from_day).bind(today).fetch_optional(pool).await)?;
            match kept {
                None => due.push((key, from_day, today, None)),
                Some((claimed_ms, kept_rolled_to))
                    if kept_rolled_to != rolled_to || claimed_ms < warm_due =>
                {
                    due.push((key, from_day, today, Some(claimed_ms)))
                }
                Some(_) => {}
            }
        }
    }
    Ok(due)
}

/// Claims the live part of report `key` over `from_day..=to_day` for this process: true when no other replica
/// claimed it since `claimed_ms` (or, for a part not kept yet, before this one).
async fn claim(
    db: &ReportDb,
    key: &str,
    from_day: i64,
    to_day: i64,
    claimed_ms: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let claimed = match claimed_ms {
        Some(claimed_ms) => with_pool!(&db.writes, pool => sqlx::query(
                "UPDATE insight_live SET claimed_ms = $5 \
                 WHERE report = $1 AND from_day = $2 AND to_day = $3 AND claimed_ms = $4")
            .bind(key).bind(from_day).bind(to_day).bind(claimed_ms).bind(now_millis())
            .execute(pool).await.map(|done| done.rows_affected())),
        // A row no look can read (its rolled-up day is none), which the refresh replaces.
        None => with_pool!(&db.writes, pool => sqlx::query(
                "INSERT INTO insight_live (report, from_day, to_day, rolled_to, cutoff_ms, events, tally, \
                                           taken_ms, claimed_ms, asked_ms) \
                 VALUES ($1, $2, $3, -2, 0, -1, '{}', 0, $4, 0) \
                 ON CONFLICT (report, from_day, to_day) DO NOTHING")
            .bind(key).bind(from_day).bind(to_day).bind(now_millis())
            .execute(pool).await.map(|done| done.rows_affected())),
    }?;
    Ok(claimed == 1)
}
