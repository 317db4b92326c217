//! Reports over rolled-up days read sums kept for them, and add today's and yesterday's people on top. Whatever
//! is kept, rolled up or not, every report must say what the raw events said: a population whose people come
//! back across rolled-up and live days is reported before the rollup, after it, from the kept sums, and after
//! the desk has taken the usual periods' sums and swept the periods ending on the rolled-up days, and every
//! answer must be the same.

use crate::helpers::{TestDesk, roll_up_now};
use serde_json::Value;
use signpost_desk::db::Db;
use signpost_desk::insights::ReportSettings;
use signpost_desk::insights::daily::{catch_up, claim_keeping, finish_keeping, keep_usual};
use signpost_desk::insights::ingest::{EventRow, day_of, insert};
use signpost_desk::insights::live::refresh_watched;
use signpost_desk::insights::live_rows::LARGE_LIVE_EVENTS;
use signpost_desk::insights::period::{date_of, month_ends};
use signpost_desk::insights::tally::{FIRST_DAY_SUFFIX, forget_old};

on_both_backends_with_k!(1;
    kept_sums_report_what_the_raw_events_did,
    one_replica_takes_a_days_sums,
    month_end_sweeps_outlive_other_kept_sums,
);

/// Tests run with k = 1 and the desk's own refresher asleep after its first round (the test runs it).
macro_rules! on_both_backends_refreshed_by_the_test {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use crate::helpers::{Backend, spawn_with};

            async fn run(backend: Backend) {
                super::$name(
                    spawn_with(backend, |config| {
                        config.insights.report_min_users = 1;
                        config.insights.live_report_seconds = 3_600;
                    })
                    .await,
                )
                .await
            }

            #[tokio::test]
            async fn sqlite() {
                run(Backend::Sqlite).await
            }

            #[tokio::test]
            async fn postgres() {
                run(Backend::Postgres).await
            }
        }
    )*};
}

on_both_backends_refreshed_by_the_test!(
    a_large_live_part_is_read_as_kept_until_the_desk_adds_it_up_again,
    a_period_nobody_asked_for_reads_the_snapshot_of_the_live_rows,
);

const HOUR: i64 = 3_600_000;

/// A small deterministic generator, so both backends get the same population.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// One visit of `unit` at `at_ms`: opened, and maybe searched, read, voted, went through a flow, filed a ticket.
fn visit(unit: Option<&str>, at_ms: i64, random: &mut Lcg) -> Vec<EventRow> {
    let audience = ["buyer", "seller"][random.below(2) as usize];
    let plan = ["{}", r#"{"plan":"pro"}"#, r#"{"plan":"free"}"#][random.below(3) as usize];
    let row = |kind: &'static str, offset: i64| EventRow {
        day: day_of(at_ms + offset),
        at_ms: at_ms + offset,
        kind,
        unit: unit.map(str::to_owned),
        audience,
        surface: ["checkout", "order", "onboarding"][(at_ms % 3) as usize],
        language: ["en", "es", "ar"][(at_ms % 7 % 3) as usize].to_owned(),
        identified: at_ms % 2 == 0,
        returning: at_ms % 5 == 0,
        dimensions: plan.to_owned(),
        item: None,
        query: None,
        results: None,
        helpful: None,
        variant: None,
    };
    let mut rows = vec![row("opened", 0)];
    let roll = random.below(100);
    if roll < 50 {
        let mut search = row("searched", 1_000);
        search.query = Some(format!("query {}", random.below(4)));
        search.results = Some(if roll < 25 { 0 } else { 3 });
        rows.push(search);
    }
    if roll < 75 {
        let article = format!("article-{}", random.below(5));
        let mut read = row("article_read", 2_000);
        read.item = Some(article.clone());
        rows.push(read);
        if roll < 30 {
            let mut vote = row("article_voted", 3_000);
            vote.item = Some(article);
            vote.helpful = Some(roll < 20);
            rows.push(vote);
        }
    }
    if roll.is_multiple_of(4) {
        for (i, step) in ["ask", "late"].into_iter().enumerate() {
            let mut shown = row("flow_step", 4_000 + i as i64);
            shown.item = Some(format!("where-is-my-order@{}/{step}", 1 + roll % 8 / 4));
            rows.push(shown);
        }
        let mut end = row(
            ["flow_resolved", "flow_abandoned"][random.below(2) as usize],
            5_000,
        );
        end.item = Some(format!("where-is-my-order@{}/late", 1 + roll % 8 / 4));
        rows.push(end);
    }
    if roll.is_multiple_of(3) {
        rows.push(row("ticket_filed", 6_000));
    }
    rows
}

/// Every event report over the period, each funnel cut included, as the console gets it.
async fn every_report(desk: &TestDesk, from: &str, to: &str) -> Vec<Value> {
    let period = format!("from={from}&to={to}");
    let mut reports = vec![];
    for by in [
        "audience",
        "surface",
        "language",
        "identified",
        "returning",
        "plan",
    ] {
        let path = format!("/v1/agent/insights/funnel?by={by}&{period}");
        reports.push(desk.agent_get::<Value>(&path).await);
    }
    for report in ["search", "articles", "flows"] {
        let path = format!("/v1/agent/insights/{report}?{period}");
        reports.push(desk.agent_get::<Value>(&path).await);
    }
    reports
}

async fn kept_sums_report_what_the_raw_events_did(desk: TestDesk) {
    crate::helpers::daily_insights_done(&desk).await;
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let today = day_of(now);
    let mut random = Lcg(7);
    let mut rows = vec![];
    // 150 people over the last six days, a third of them back later (some on a day not rolled up), and visits
    // of nobody in particular. No engagement falls near the funnel's 72-hour line, which moves as the test runs.
    for person in 0..150 {
        let unit = format!("i:{person}");
        let visits = 1 + random.below(3);
        for _ in 0..visits {
            let ago = loop {
                let ago = random.below(6 * 24 * 60) as i64 * 60_000 + 10_000;
                if (ago - 72 * HOUR).abs() > 30 * 60_000 && day_of(now - ago) >= today - 5 {
                    break ago;
                }
            };
            rows.extend(visit(Some(&unit), now - ago, &mut random));
        }
    }
    for i in 0..20 {
        rows.extend(visit(None, now - i * 7 * HOUR - 60_000, &mut random));
    }
    insert(&db, &rows).await.unwrap();

    let (week, rolled) = (date_of(today - 6), date_of(today - 2));
    // Periods the console does not offer, ending on the last day the rollup will reach or on the day before.
    let periods: Vec<(String, String)> = (2..=5)
        .map(|ago| (date_of(today - ago), date_of(today - 2)))
        .chain((3..=5).map(|ago| (date_of(today - ago), date_of(today - 3))))
        .collect();
    let today = date_of(today);
    let raw = every_report(&desk, &week, &today).await;
    let raw_rolled_days = every_report(&desk, &week, &rolled).await;
    let mut raw_others = vec![];
    for (from, to) in &periods {
        raw_others.push(every_report(&desk, from, to).await);
    }
    assert!(
        raw[0]["total"]["opened"]["count"].as_u64().unwrap() >= 150,
        "{}",
        raw[0]
    );

    roll_up_now(&db).await;
    assert_eq!(
        every_report(&desk, &week, &today).await,
        raw,
        "rolled-up days and live ones"
    );
    assert_eq!(
        every_report(&desk, &week, &today).await,
        raw,
        "read from the kept sums"
    );
    assert_eq!(
        every_report(&desk, &week, &rolled).await,
        raw_rolled_days,
        "rolled-up days only"
    );
    let dimensions = ["plan".to_owned()];
    // Today's sums and sweep, then the catching up of the days rolled up at once with the last (the periods
    // ending on the day before it).
    let reporting = db.for_reports();
    keep_usual(&reporting, day_of(now), &dimensions, 72)
        .await
        .unwrap();
    catch_up(&reporting, day_of(now), &dimensions, 72)
        .await
        .unwrap();
    assert_eq!(
        every_report(&desk, &week, &today).await,
        raw,
        "after the usual periods were kept"
    );
    let kept: i64 = signpost_desk::with_pool!(&db, pool =>
        sqlx::query_scalar("SELECT COUNT(*) FROM insight_tallies").fetch_one(pool).await)
    .unwrap();
    assert!(kept >= 18, "two periods of nine reports, at least: {kept}");

    // The sweep alone answers those other periods: with every rolled-up row gone, each still reads what the
    // raw events said.
    for table in [
        "insight_unit_days",
        "insight_article_days",
        "insight_query_days",
        "insight_flow_days",
    ] {
        signpost_desk::with_pool!(&db, pool => sqlx::query(&format!("DELETE FROM {table}"))
            .execute(pool).await.map(drop))
        .unwrap();
    }
    for ((from, to), raw) in periods.iter().zip(&raw_others) {
        assert_eq!(
            every_report(&desk, from, to).await,
            *raw,
            "{from} to {to}, from the sweep"
        );
    }
}

/// Replicas sharing a database: the first to claim a day takes its sums, the others skip it while the claim
/// holds and once it is done; a claim left unfinished for over an hour (its process stopped) is taken over.
async fn one_replica_takes_a_days_sums(desk: TestDesk) {
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    // Days the desk's own daily work (running in this desk) never claims: it claims today.
    let today = day_of(signpost_desk::clock::now_millis()) - 10;
    let claims: Vec<bool> =
        futures_util::future::join_all((0..4).map(|_| claim_keeping(&db, today)))
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
    assert_eq!(
        claims.iter().filter(|claimed| **claimed).count(),
        1,
        "one claim of four: {claims:?}"
    );
    assert!(
        !claim_keeping(&db, today).await.unwrap(),
        "held while unfinished"
    );
    finish_keeping(&db, today).await.unwrap();
    assert!(!claim_keeping(&db, today).await.unwrap(), "done");

    let yesterday = today - 1;
    let two_hours_ago = signpost_desk::clock::now_millis() - 2 * HOUR;
    signpost_desk::with_pool!(&db, pool => sqlx::query(
        "INSERT INTO insight_keeps (day, claimed_ms) VALUES ($1, $2)").bind(yesterday).bind(two_hours_ago)
        .execute(pool).await.map(drop)).unwrap();
    assert!(
        claim_keeping(&db, yesterday).await.unwrap(),
        "a stopped replica's claim is taken over"
    );
    assert!(
        !claim_keeping(&db, yesterday).await.unwrap(),
        "and then held again"
    );
}

/// Kept sums are forgotten five weeks after they were taken, except the sweeps of the periods ending on a month's
/// last day in the last 400 days: a calendar month asked for long after still reads kept parts.
async fn month_end_sweeps_outlive_other_kept_sums(desk: TestDesk) {
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let now = signpost_desk::clock::now_millis();
    let today = day_of(now);
    let month_end = |around: i64| month_ends(around - 32..around).next().unwrap();
    let (kept_end, too_old_end) = (month_end(today - 100), month_end(today - 450));
    let parts = format!("funnel:test{FIRST_DAY_SUFFIX}");
    let forty_days_ago = now - 40 * 24 * HOUR;
    let rows = [
        (&parts[..], kept_end, forty_days_ago),
        (&parts[..], kept_end - 1, forty_days_ago),
        (&parts[..], too_old_end, forty_days_ago),
        ("funnel:test", kept_end, forty_days_ago),
        ("funnel:test", kept_end - 1, now),
    ];
    for (report, to_day, computed_ms) in rows {
        signpost_desk::with_pool!(&db, pool => sqlx::query(
                "INSERT INTO insight_tallies (report, from_day, to_day, cutoff_ms, tally, computed_ms) \
                 VALUES ($1, $2, $2, 0, '[]', $3)")
            .bind(report).bind(to_day).bind(computed_ms).execute(pool).await.map(drop))
        .unwrap();
    }
    forget_old(&db, today).await.unwrap();
    let left: Vec<(String, i64)> = signpost_desk::with_pool!(&db, pool => sqlx::query_as(
            "SELECT report, to_day FROM insight_tallies WHERE report LIKE 'funnel:test%' \
             ORDER BY report, to_day")
        .fetch_all(pool).await)
    .unwrap();
    assert_eq!(
        left,
        [
            ("funnel:test".to_owned(), kept_end - 1),
            (parts.clone(), kept_end)
        ],
        "a recent sum and the month end's sweep stay; the rest goes"
    );
}

/// With more of today's events than a look should add up, the first look adds them up and keeps their part;
/// later looks read it as kept (saying when it was counted) until the desk adds it up again: every minute while
/// someone looks, every eight minutes when someone looked in the last day or the period is one the console
/// offers, never for another period nobody looked at in a day.
async fn a_large_live_part_is_read_as_kept_until_the_desk_adds_it_up_again(desk: TestDesk) {
    crate::helpers::daily_insights_done(&desk).await;
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let now = signpost_desk::clock::now_millis();
    let mut random = Lcg(11);
    let (mut rows, mut people) = (vec![], 0_u64);
    while rows.len() < LARGE_LIVE_EVENTS as usize + 1_000 {
        let minutes_ago = random.below(60) as i64;
        rows.extend(visit(
            Some(&format!("i:{people}")),
            now - minutes_ago * 60_000,
            &mut random,
        ));
        people += 1;
    }
    for chunk in rows.chunks(5_000) {
        insert(&db, chunk).await.unwrap();
    }
    // The console's default period, the last 28 days, and the numbers a look shows.
    let look = async || {
        let funnel: Value = desk.agent_get("/v1/agent/insights/funnel").await;
        let search: Value = desk.agent_get("/v1/agent/insights/search").await;
        (
            funnel["total"]["opened"]["count"].as_u64().unwrap(),
            funnel["live_as_of"].as_str().map(str::to_owned),
            search["live_as_of"].as_str().map(str::to_owned),
        )
    };
    assert_eq!(look().await, (people, None, None), "the first look adds up");

    insert(&db, &visit(Some("i:newcomer"), now, &mut random))
        .await
        .unwrap();
    let (opened, funnel_as_of, search_as_of) = look().await;
    assert_eq!(opened, people, "the newcomer is not counted yet");
    assert!(
        funnel_as_of.is_some() && search_as_of.is_some(),
        "each report says when it was counted"
    );

    // The desk's refresher, as each process runs it every minute.
    let settings = ReportSettings {
        min_users: 1,
        assumed_resolution_hours: 72,
        retention_days: 30,
        live_every_ms: 60_000,
    };
    let reports = db.for_reports();
    let today = day_of(now);
    // When the funnel's live part over the period from `from_day` to today was last added up.
    let taken_from = async |from_day: i64| -> i64 {
        signpost_desk::with_pool!(&db, pool => sqlx::query_scalar(
                "SELECT taken_ms FROM insight_live \
                 WHERE report = 'funnel:audience:72h' AND from_day = $1")
            .bind(from_day).fetch_one(pool).await)
        .unwrap()
    };
    let funnel_taken = async || taken_from(today - 27).await;
    // `claimed` minutes since a replica last took it on, `asked` minutes since the last look.
    let set_ago = async |claimed: i64, asked: i64| {
        let now = signpost_desk::clock::now_millis();
        signpost_desk::with_pool!(&db, pool => sqlx::query(
                "UPDATE insight_live SET claimed_ms = $1, asked_ms = $2")
            .bind(now - claimed * 60_000).bind(now - asked * 60_000).execute(pool).await.map(drop))
        .unwrap();
        claim_snapshot_ago(&db, claimed).await;
    };
    let first_taken = funnel_taken().await;
    set_ago(0, 0).await;
    refresh_watched(&reports, &settings, &[]).await.unwrap();
    assert_eq!(funnel_taken().await, first_taken, "just taken on: not due");
    set_ago(2, 25 * 60).await;
    refresh_watched(&reports, &settings, &[]).await.unwrap();
    assert_eq!(
        funnel_taken().await,
        first_taken,
        "nobody looked for a day, and taken on two minutes ago: not due"
    );
    set_ago(2, 1).await;
    refresh_watched(&reports, &settings, &[]).await.unwrap();
    assert_eq!(
        look().await,
        (people + 1, None, None),
        "looked at a minute ago and due: added up again, with the newcomer"
    );

    // Looked at two hours ago: kept warm every ten minutes, not every minute.
    insert(&db, &visit(Some("i:latecomer"), now, &mut random))
        .await
        .unwrap();
    let warm_taken = funnel_taken().await;
    set_ago(5, 120).await;
    refresh_watched(&reports, &settings, &[]).await.unwrap();
    assert_eq!(funnel_taken().await, warm_taken, "warm, and not due yet");
    set_ago(11, 120).await;
    refresh_watched(&reports, &settings, &[]).await.unwrap();
    assert_eq!(
        look().await,
        (people + 2, None, None),
        "warm and due: added up again, with the latecomer"
    );

    // Nobody looked for a day: the console's period is still kept warm, another period is left alone.
    let three_days = format!(
        "/v1/agent/insights/funnel?from={}&to={}",
        date_of(today - 2),
        date_of(today)
    );
    let _: Value = desk.agent_get(&three_days).await;
    insert(&db, &visit(Some("i:nightowl"), now, &mut random))
        .await
        .unwrap();
    let (usual_taken, other_taken) = (funnel_taken().await, taken_from(today - 2).await);
    set_ago(11, 25 * 60).await;
    refresh_watched(&reports, &settings, &[]).await.unwrap();
    assert_eq!(
        taken_from(today - 2).await,
        other_taken,
        "another period: left alone"
    );
    assert!(
        funnel_taken().await > usual_taken,
        "the console's period: added up again"
    );
    assert_eq!(look().await, (people + 3, None, None), "with the night owl");

    // Its other reports, and the other usual period, are kept warm before anyone looks at them.
    let kept: i64 = signpost_desk::with_pool!(&db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM insight_live \
             WHERE report = 'articles' AND from_day = $1 AND to_day = $2 AND events > 0")
        .bind(today - 6).bind(today).fetch_one(pool).await)
    .unwrap();
    assert_eq!(
        kept, 1,
        "the last 7 days' articles, never looked at, are kept"
    );
    reports.reads.close().await;
}

/// Makes the snapshot of the live rows look claimed `minutes` ago, as if taken then.
async fn claim_snapshot_ago(db: &Db, minutes: i64) {
    let now = signpost_desk::clock::now_millis();
    signpost_desk::with_pool!(db, pool => sqlx::query("UPDATE insight_live_rows SET claimed_ms = $1")
        .bind(now - minutes * 60_000).execute(pool).await.map(drop))
    .unwrap()
}

/// With a large live part, a period nobody asked for before reads its live part from the snapshot of the live
/// rows the desk took (its people's raw events added up, and their rolled-up rows of the five weeks before),
/// and reports what the raw events said then: people back today after visits on rolled-up days, and on
/// yesterday, not rolled up, are each counted once, in every report and cut, over periods starting on a
/// rolled-up day, yesterday and today. Events after the snapshot wait for the next one, and the report says
/// when it was taken.
async fn a_period_nobody_asked_for_reads_the_snapshot_of_the_live_rows(desk: TestDesk) {
    crate::helpers::daily_insights_done(&desk).await;
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let now = signpost_desk::clock::now_millis();
    let today = day_of(now);
    let mut random = Lcg(13);
    // 300 people on the rolled-up days (a third of them twice), and nobody in particular.
    let mut earlier = vec![];
    for person in 0..300 {
        for _ in 0..1 + person % 3 / 2 {
            let ago = (3 + random.below(4) as i64) * 24 * HOUR + random.below(12) as i64 * HOUR;
            earlier.extend(visit(Some(&format!("i:{person}")), now - ago, &mut random));
        }
    }
    for i in 0..10 {
        earlier.extend(visit(None, now - (3 * 24 + i) * HOUR, &mut random));
    }
    insert(&db, &earlier).await.unwrap();
    roll_up_now(&db).await;
    // Today's crowd, the first 200 of them (half of those seen before) also yesterday.
    let (mut rows, mut people) = (vec![], 150_u64);
    while rows.len() < LARGE_LIVE_EVENTS as usize + 1_000 {
        let unit = format!("i:{people}");
        rows.extend(visit(
            Some(&unit),
            now - random.below(60) as i64 * 60_000,
            &mut random,
        ));
        if people < 350 {
            let yesterday_noon = (today - 1) * 24 * HOUR + 12 * HOUR;
            rows.extend(visit(Some(&unit), yesterday_noon, &mut random));
        }
        people += 1;
    }
    rows.extend(visit(None, now - 60_000, &mut random));
    for chunk in rows.chunks(5_000) {
        insert(&db, chunk).await.unwrap();
    }
    let periods: Vec<(String, String)> = [13, 5, 1, 0]
        .into_iter()
        .map(|ago| (date_of(today - ago), date_of(today)))
        .collect();
    let forget_live_parts = async || {
        signpost_desk::with_pool!(&db, pool => sqlx::query("DELETE FROM insight_live")
            .execute(pool).await.map(drop))
        .unwrap()
    };
    // Before any snapshot: each first look adds its live part up from the raw events.
    let mut raw = vec![];
    for (from, to) in &periods {
        raw.push(every_report(&desk, from, to).await);
    }
    assert!(
        raw[0][0]["total"]["opened"]["count"].as_u64().unwrap() > people - 150,
        "{}",
        raw[0][0]
    );

    let reports = db.for_reports();
    assert!(
        signpost_desk::insights::live_rows::take_if_due(&reports, now)
            .await
            .unwrap(),
        "taken"
    );
    forget_live_parts().await;
    for ((from, to), raw) in periods.iter().zip(&raw) {
        assert_eq!(
            every_report(&desk, from, to).await,
            *raw,
            "{from} to {to}, from the snapshot"
        );
    }

    // A newcomer after the snapshot: a first look reads the snapshot, and says when it was taken.
    insert(&db, &visit(Some("i:newcomer"), now, &mut random))
        .await
        .unwrap();
    forget_live_parts().await;
    let (from, to) = &periods[0];
    let look = every_report(&desk, from, to).await;
    assert_eq!(look[0]["total"], raw[0][0]["total"], "not counted yet");
    assert!(look[0]["live_as_of"].is_string(), "{}", look[0]);

    // Not due again until half an interval after it was claimed; then the desk takes the next.
    let half_an_interval_ago = || signpost_desk::clock::now_millis() - 30_000;
    assert!(
        !signpost_desk::insights::live_rows::take_if_due(&reports, now - 30_000)
            .await
            .unwrap(),
        "just taken"
    );
    claim_snapshot_ago(&db, 1).await;
    assert!(
        signpost_desk::insights::live_rows::take_if_due(&reports, half_an_interval_ago())
            .await
            .unwrap(),
        "due"
    );
    forget_live_parts().await;
    let look = every_report(&desk, from, to).await;
    assert_eq!(
        look[0]["total"]["opened"]["count"].as_u64(),
        raw[0][0]["total"]["opened"]["count"]
            .as_u64()
            .map(|n| n + 1),
        "the newcomer counted"
    );
    assert!(look[0]["live_as_of"].is_null(), "{}", look[0]);
    // The snapshot before stays for the looks reading it; the one before that is gone.
    let snapshots: i64 = signpost_desk::with_pool!(&db, pool => sqlx::query_scalar(
            "SELECT COUNT(DISTINCT taken_ms) FROM insight_unit_days_live").fetch_one(pool).await)
    .unwrap();
    assert_eq!(snapshots, 2);
    reports.reads.close().await;
}
