//! Rollup and report times at scale: fills a fresh SQLite database with a synthetic month of widget events
//! (1 M, then 10 M: people who open the widget, search, read, vote, go through a guided flow, file tickets, in
//! proportions like the demo's), rolls every day up (timing a one-row write, a ticket's, while the last day is
//! rolled up and while a day's raw events are forgotten), sweeps the periods ending on the last rolled-up day and
//! takes the sums the desk keeps for the console's usual periods, then times each report: over the last 28 days
//! (the console's default) from the kept sums, over the whole month when first asked for (from the sweep) and
//! again, over two weeks ending on a day the desk missed once it has caught up (`daily::sweep_day`), over two
//! weeks ending on a day no sweep reached, and over the last 28 days once a day's visitors have come today
//! (not rolled up yet): the desk keeping the usual periods' live part warm, the first look, which reads what
//! it kept, a first look at another period, which adds its part up and keeps it, the looks after more events,
//! which read it as kept, and the desk adding it up again; and how long a one-row write (a ticket's) waits
//! while the live part is added up, with the reports on the writer's own connection and on theirs. Run by
//! `scripts/bench.sh` (`cargo run --release -p signpost-desk --example insights_bench [-- EVENTS…]`).

use futures_util::TryFutureExt;
use signpost_desk::db::{Db, ReportDb};
use signpost_desk::insights::ReportSettings;
use signpost_desk::insights::daily;
use signpost_desk::insights::flow_report;
use signpost_desk::insights::ingest::{EventRow, day_of, insert};
use signpost_desk::insights::live_rows::LARGE_LIVE_EVENTS;
use signpost_desk::insights::period::{Freshness, Scope};
use signpost_desk::insights::reports::{self, Cohort};
use signpost_desk::insights::rollup::{forget_before, roll_up};
use signpost_desk::insights::tally::FIRST_DAY_SUFFIX;
use signpost_desk::insights::{live, live_rows};
use signpost_desk::with_pool;
use std::cell::Cell;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Days the synthetic events cover, ending the day before yesterday (so every day can be rolled up).
const DAYS: i64 = 30;
/// How many times each report is timed; the median is printed.
const RUNS: usize = 5;
/// The funnel's assumed-resolution window (the desk's default).
const WINDOW_HOURS: u32 = 72;
/// How the console looks: a large live part is read as kept for up to a minute (the desk's default).
const LOOK: Freshness = Freshness::Look { every_ms: 60_000 };

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let sizes: Vec<u64> = std::env::args()
        .skip(1)
        .map(|n| n.parse())
        .collect::<Result<_, _>>()?;
    let sizes = if sizes.is_empty() {
        vec![1_000_000, 10_000_000]
    } else {
        sizes
    };
    for events in sizes {
        bench(events).await?;
    }
    Ok(())
}

async fn bench(total: u64) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db = Db::connect(&format!("sqlite://{}/bench.db", dir.path().display())).await?;
    let reporting = db.for_reports();
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let last_day = day_of(now_ms) - 2;
    let first_day = last_day - DAYS + 1;

    let started = Instant::now();
    let mut random = Lcg(42);
    let mut written = 0_u64;
    let mut person = 0_u64;
    let mut batch = Vec::with_capacity(5_000);
    while written < total {
        person += 1;
        let day = first_day + (random.next() % DAYS as u64) as i64;
        for row in visit(person, day, &mut random) {
            batch.push(row);
            written += 1;
            if batch.len() == 5_000 {
                insert(&db, &batch).await?;
                batch.clear();
            }
        }
    }
    insert(&db, &batch).await?;
    let filled = started.elapsed();

    let started = Instant::now();
    for day in first_day..last_day {
        roll_up(&reporting, day).await?;
    }
    // The last day as the desk rolls one up each day, with a ticket's write now and then.
    let (roll_p50, roll_max) =
        writes_during(&db, roll_up(&reporting, last_day).map_ok(drop)).await?;
    let rolled = started.elapsed();
    println!(
        "{} events ({} people, {DAYS} days): stored in {:.1} s ({:.0} events/s in 5,000-row transactions), \
         rolled up in {:.1} s",
        thousands(written),
        thousands(person),
        filled.as_secs_f64(),
        written as f64 / filled.as_secs_f64(),
        rolled.as_secs_f64()
    );
    println!(
        "  one-row writes while the last day is rolled up: p50 {roll_p50:.1} ms, max {roll_max:.1} ms"
    );
    // Retention, as the desk forgets a day's raw events once a day (the reports read its rollup).
    let (forget_p50, forget_max) = writes_during(&db, forget_before(&db, first_day + 1)).await?;
    println!(
        "  one-row writes while a rolled-up day's raw events are forgotten: p50 {forget_p50:.1} ms, max \
         {forget_max:.1} ms"
    );

    let today = last_day + 2;
    let started = Instant::now();
    daily::keep_usual(&reporting, today, &[], WINDOW_HOURS).await?;
    let taken = started.elapsed();
    let sizes = format!(
        "SELECT CAST(COALESCE(SUM(CASE WHEN report LIKE '%{FIRST_DAY_SUFFIX}' THEN LENGTH(tally) END), 0) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN report NOT LIKE '%{FIRST_DAY_SUFFIX}' THEN LENGTH(tally) END), 0) AS BIGINT) \
         FROM insight_tallies"
    );
    let (first_day_bytes, period_bytes): (i64, i64) =
        with_pool!(&db, pool => sqlx::query_as(&sizes).fetch_one(pool).await)?;
    println!(
        "  the sweep of the periods ending on the last rolled-up day (35 first days) and the usual periods' sums \
         (last 7 and 28 days), every report and cut, taken in {:.1} s; kept: {} KB of first days' parts, {} KB of \
         periods' sums",
        taken.as_secs_f64(),
        thousands(first_day_bytes as u64 / 1_000),
        thousands(period_bytes as u64 / 1_000)
    );
    let last_28 = Scope {
        from_day: today - 27,
        to_day: today,
        min_users: 10,
        freshness: LOOK,
    };
    let month = Scope {
        from_day: first_day,
        to_day: last_day,
        min_users: 10,
        freshness: LOOK,
    };
    print_times(
        "last 28 days (the console's default), kept sums",
        &time_reports(&reporting, &last_28, RUNS).await?,
    );
    print_times(
        "the whole month, asked for the first time (the sweep's parts added up, then kept)",
        &time_reports(&reporting, &month, 1).await?,
    );
    // A day the desk missed (it rolls up the days after one it was down on at once): the day before the last.
    let started = Instant::now();
    daily::sweep_day(&reporting, last_day - 1, &[], WINDOW_HOURS).await?;
    println!(
        "  catching up a day no sweep reached (the periods ending on the day before the last rolled-up one), \
         every report and cut: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let caught_up = Scope {
        from_day: last_day - 14,
        to_day: last_day - 1,
        ..month.clone()
    };
    print_times(
        "two weeks ending on that day, asked for the first time (its sweep's parts added up, then kept)",
        &time_reports(&reporting, &caught_up, 1).await?,
    );
    let early = Scope {
        from_day: first_day,
        to_day: first_day + 13,
        ..month.clone()
    };
    print_times(
        "the month's first 14 days (ending on a day no sweep reached, as one over five weeks back), asked for \
         the first time (added up, then kept)",
        &time_reports(&reporting, &early, 1).await?,
    );
    print_times(
        "the whole month again, kept sums",
        &time_reports(&reporting, &month, RUNS).await?,
    );

    // Today's visitors, as many as an average day's, half of them back from earlier in the month: the reports
    // add them to the kept sums of the rolled-up days.
    let visitors = person / DAYS as u64;
    let mut batch = vec![];
    for i in 0..visitors {
        let who = if i % 2 == 0 {
            1 + random.next() % person
        } else {
            person + 1 + i
        };
        batch.extend(visit(who, today, &mut random));
    }
    let live_events = batch.len();
    for rows in batch.chunks(5_000) {
        insert(&db, rows).await?;
    }
    // A live part this large is kept: the desk keeps the usual periods' parts warm (every 8 minutes, looked at
    // or not), and a look at another period keeps its own. A smaller one is added up at every look.
    let kept = live_events as i64 >= LARGE_LIVE_EVENTS;
    let every_minute = ReportSettings {
        min_users: 10,
        assumed_resolution_hours: WINDOW_HOURS,
        retention_days: 30,
        live_every_ms: 60_000,
    };
    if kept {
        let started = Instant::now();
        let taking = live_rows::take_if_due(&reporting, now_ms).map_ok(drop);
        let (write_p50, write_max) = writes_during(&db, taking).await?;
        let taken = started.elapsed();
        let mut rows = 0;
        for table in ["unit", "article", "query", "flow"] {
            let sql = format!("SELECT COUNT(*) FROM insight_{table}_days_live");
            rows +=
                with_pool!(&db, pool => sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await)?;
        }
        println!(
            "  the desk taking a snapshot of the live rows (today's raw events added up by person, and those \
             people's rolled-up rows of the five weeks before: {} rows): {:.0} ms; one-row writes meanwhile: \
             p50 {write_p50:.1} ms, max {write_max:.1} ms",
            thousands(rows as u64),
            taken.as_secs_f64() * 1_000.0
        );
        let started = Instant::now();
        live::refresh_watched(&reporting, &every_minute, &[]).await?;
        println!(
            "  the desk keeping the usual periods' live parts warm (last 7 and 28 days, every report and cut): \
             {:.0} ms every 8 minutes",
            started.elapsed().as_secs_f64() * 1_000.0
        );
    }
    let visitors_now = format!(
        "{} visitors ({} events not rolled up)",
        thousands(visitors),
        thousands(live_events as u64)
    );
    print_times(
        &format!(
            "last 28 days with today's {visitors_now}, first look ({})",
            if kept {
                "read as the desk kept it"
            } else {
                "their part added up"
            }
        ),
        &time_reports(&reporting, &last_28, 1).await?,
    );
    let last_14 = Scope {
        from_day: today - 13,
        ..last_28.clone()
    };
    print_times(
        &format!(
            "last 14 days (a period the console does not offer), first asked (its rolled-up days' sums, and its \
             live part {})",
            if kept {
                "read from the snapshot, then kept"
            } else {
                "added up"
            }
        ),
        &time_reports(&reporting, &last_14, 1).await?,
    );
    // A few more visitors, then the looks of the next minute, and the desk adding the part up again.
    let mut batch = vec![];
    for i in 0..visitors / 100 {
        batch.extend(visit(person + visitors + 1 + i, today, &mut random));
    }
    insert(&db, &batch).await?;
    print_times(
        if kept {
            "last 28 days after more events, looked at again within the minute (read as kept)"
        } else {
            "last 28 days after more events (added up again: under 40,000 events)"
        },
        &time_reports(&reporting, &last_28, RUNS).await?,
    );
    if kept {
        let settings = ReportSettings {
            live_every_ms: 0,
            ..every_minute
        };
        let started = Instant::now();
        live::refresh_watched(&reporting, &settings, &[]).await?;
        println!(
            "  the desk adding up again every kept live part (both usual periods' and the 14 days', from a new \
             snapshot of the live rows it takes first): {:.0} ms",
            started.elapsed().as_secs_f64() * 1_000.0
        );
        print_times(
            "last 28 days after that (exact again)",
            &time_reports(&reporting, &last_28, RUNS).await?,
        );
    }
    let shared = ReportDb {
        reads: db.clone(),
        writes: db.clone(),
    };
    for (name, on) in [
        ("on the writer's connection", &shared),
        ("on their own connections", &reporting),
    ] {
        let (p50, max) = writes_during_reports(&db, on, &last_28).await?;
        println!(
            "  one-row writes while the live-day funnel runs, reports {name}: p50 {p50:.1} ms, max {max:.1} ms"
        );
    }
    reporting.reads.close().await;
    db.close().await;
    Ok(())
}

/// Each report over `scope`, timed `runs` times: the median, in ms.
async fn time_reports(
    db: &ReportDb,
    scope: &Scope,
    runs: usize,
) -> anyhow::Result<Vec<(&'static str, f64)>> {
    let mut times = vec![];
    for (name, by) in [
        ("funnel by audience", Cohort::Audience),
        ("funnel by language", Cohort::Language),
    ] {
        times.push((
            name,
            median(runs, || async {
                reports::funnel(db, scope, &by, WINDOW_HOURS)
                    .await
                    .map(drop)
            })
            .await?,
        ));
    }
    times.push((
        "search",
        median(runs, || async {
            reports::search(db, scope).await.map(drop)
        })
        .await?,
    ));
    times.push((
        "articles",
        median(runs, || async {
            reports::articles(db, scope, |_| None).await.map(drop)
        })
        .await?,
    ));
    times.push((
        "flows",
        median(runs, || async {
            flow_report::flows(db, scope, |_| None).await.map(drop)
        })
        .await?,
    ));
    Ok(times)
}

/// One-row writes through `db`, one every 10 ms while the funnel by audience runs [`RUNS`] times on `reports`
/// (each time adding the live day up): the median and the longest time a write took, in ms.
async fn writes_during_reports(
    db: &Db,
    reports: &ReportDb,
    scope: &Scope,
) -> anyhow::Result<(f64, f64)> {
    writes_during(db, async {
        for _ in 0..RUNS {
            // Without its kept live part, each run adds the day up.
            with_pool!(&reports.writes, pool => sqlx::query("DELETE FROM insight_live")
                .execute(pool).await.map(drop))?;
            reports::funnel(reports, scope, &Cohort::Audience, WINDOW_HOURS).await?;
        }
        Ok(())
    })
    .await
}

/// One-row writes through `db` (a ticket's, in miniature), one every 10 ms while `work` runs: the median and
/// the longest time a write took, in ms.
async fn writes_during(
    db: &Db,
    work: impl Future<Output = Result<(), sqlx::Error>>,
) -> anyhow::Result<(f64, f64)> {
    with_pool!(db, pool => sqlx::query("CREATE TABLE IF NOT EXISTS bench_writes (at INTEGER NOT NULL)")
        .execute(pool).await.map(drop))?;
    let done = Cell::new(false);
    let working = async {
        let worked = work.await;
        done.set(true);
        worked
    };
    let writing = async {
        let mut times = vec![];
        loop {
            let started = Instant::now();
            with_pool!(db, pool => sqlx::query("INSERT INTO bench_writes (at) VALUES ($1)")
                .bind(times.len() as i64).execute(pool).await.map(drop))?;
            times.push(started.elapsed().as_secs_f64() * 1_000.0);
            if done.get() {
                return Ok::<_, sqlx::Error>(times);
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    let (worked, written) = tokio::join!(working, writing);
    worked?;
    let mut times = written?;
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], times[times.len() - 1]))
}

fn print_times(what: &str, times: &[(&str, f64)]) {
    let times: Vec<String> = times
        .iter()
        .map(|(name, ms)| format!("{name} {ms:.0}"))
        .collect();
    println!("  {what}: {} ms", times.join(", "));
}

fn visit(person: u64, day: i64, random: &mut Lcg) -> Vec<EventRow> {
    let at = day * 86_400_000 + (random.next() % 86_400_000) as i64;
    let audience = if person.is_multiple_of(3) {
        "seller"
    } else {
        "buyer"
    };
    let surface = ["checkout", "order", "onboarding"][(person % 3) as usize];
    let language = ["en", "en", "en", "es", "ar", "fr"][(random.next() % 6) as usize];
    let row = |kind: &'static str, offset: i64| EventRow {
        day,
        at_ms: at + offset,
        kind,
        unit: Some(format!("i:{person:x}")),
        audience,
        surface,
        language: language.to_owned(),
        identified: person.is_multiple_of(4),
        returning: person.is_multiple_of(5),
        dimensions: "{}".to_owned(),
        item: None,
        query: None,
        results: None,
        helpful: None,
        variant: None,
    };
    let article = format!("article-{}", random.next() % 60);
    let mut rows = vec![row("opened", 0)];
    for i in 0..3 {
        let mut shown = row("suggestion_shown", 10 + i);
        shown.item = Some(format!("article-{}", (person + i as u64) % 60));
        rows.push(shown);
    }
    let roll = random.next() % 100;
    if roll < 40 {
        let mut search = row("searched", 1_000);
        search.query = Some(format!("query {}", random.next() % 500));
        search.results = Some(if roll < 8 { 0 } else { 4 });
        rows.push(search);
    }
    if roll < 70 {
        let mut read = row("article_read", 2_000);
        read.item = Some(article.clone());
        rows.push(read);
        if roll < 30 {
            let mut vote = row("article_voted", 30_000);
            vote.item = Some(article);
            vote.helpful = Some(roll < 24);
            rows.push(vote);
        }
    }
    if person.is_multiple_of(6) {
        let flow = format!(
            "flow-{}@{}",
            person / 6 % 5,
            if day % 2 == 0 { 1 } else { 2 }
        );
        let steps = [
            "start",
            "ask",
            if roll < 50 { "late" } else { "early" },
            "case",
        ];
        let shown = 3 + (person / 6 % 2) as usize;
        for (i, step) in steps[..shown].iter().enumerate() {
            let mut step_row = row("flow_step", 50_000 + i as i64 * 5_000);
            step_row.item = Some(format!("{flow}/{step}"));
            rows.push(step_row);
        }
        let ending = match roll % 10 {
            0..=5 => "flow_resolved",
            6 | 7 => "flow_handed_off",
            _ => "flow_abandoned",
        };
        let mut end = row(ending, 70_000);
        end.item = Some(format!("{flow}/{}", steps[shown - 1]));
        rows.push(end);
    }
    if roll.is_multiple_of(8) {
        rows.push(row("contact_started", 40_000));
        rows.push(row("ticket_filed", 90_000));
    }
    rows
}

async fn median<F, Fut>(runs: usize, run: F) -> anyhow::Result<f64>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), sqlx::Error>>,
{
    let mut times = vec![];
    for _ in 0..runs {
        let started = Instant::now();
        run().await?;
        times.push(started.elapsed().as_secs_f64() * 1_000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[runs / 2])
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A small deterministic generator: the same population on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}
