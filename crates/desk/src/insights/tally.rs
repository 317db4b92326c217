//! What the event reports add up, and the sums kept for the days rolled up.
//!
//! Every event report is a sum over people: each person's rows in the period give their part (a cohort and an
//! outcome, an article read and whether a ticket followed, a flow's steps), and rows of nobody in particular
//! (unit `''`) are one more "person". The rolled-up days of a period never change, so their sums are taken once
//! and kept in `insight_tallies`, where every replica reads them. The days not rolled up yet (today's and
//! yesterday's) change a report only through the people with events in them: the report adds those people's
//! part over the whole period and takes away what the kept sums counted of them. A report over rolled-up days
//! reads one row; the rest, the live part, costs in proportion to today's and yesterday's people. After each
//! rollup the desk sweeps the periods ending on the last rolled-up day (`sweep`: what each of the last five
//! weeks adds as a period's first day, so that any such period is a sum of kept parts) and takes the sums of the
//! periods the console offers (`daily`), catching up the days rolled up while no sweep ran; a period ending on a
//! day swept in the last five weeks, or on a month's last day in the last 400 days, reads the parts kept then,
//! any other is added up when first asked for. A large live part is kept too (`insight_live`): looks read it
//! while it is recent, and the desk adds it up again every so often while someone looks (`live`), from a
//! snapshot of the live people's rows it takes first (`live_rows`), which a first look at another period reads
//! too; so a report's time no longer grows with the day's traffic.

use crate::clock::now_millis;
use crate::db::{BeginWrite, Db, ReportDb};
use crate::insights::live_rows::{self, LARGE_LIVE_EVENTS};
use crate::insights::parts::{Bounds, LiveRows, Part};
use crate::insights::period::{Freshness, SWEPT_DAYS, Scope, month_ends};
use crate::insights::rollup::last_rolled;
use crate::with_pool;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long kept sums are kept after they were taken; a period asked again after that is added up again. The
/// sweeps of the periods ending on a month's last day are kept longer ([`MONTH_END_KEPT_DAYS`]).
pub const KEPT_DAYS: i64 = 35;

/// How many days back the sweeps of the periods ending on a month's last day are kept: a calendar month then
/// reads kept parts for over a year after it ended (about 1.5 MB a month at 10 M events).
pub const MONTH_END_KEPT_DAYS: i64 = 400;

/// Sums keyed by text: a report before it is published. Every value is a sum over people, so the sums of two
/// groups of people add up, and those of a group can be taken away again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(
    from = "Vec<(Vec<String>, Vec<i64>)>",
    into = "Vec<(Vec<String>, Vec<i64>)>"
)]
pub struct Tally(BTreeMap<Vec<String>, Vec<i64>>);

impl Tally {
    /// Adds `values` to the row `key` (`sign` -1 takes them away); a row back at zero is dropped.
    pub fn add(&mut self, key: Vec<String>, values: &[i64], sign: i64) {
        let row = self.0.entry(key.clone()).or_default();
        if row.len() < values.len() {
            row.resize(values.len(), 0);
        }
        for (sum, value) in row.iter_mut().zip(values) {
            *sum += sign * value;
        }
        if row.iter().all(|sum| *sum == 0) {
            self.0.remove(&key);
        }
    }

    fn merge(&mut self, other: Tally, sign: i64) {
        for (key, values) in other.0 {
            self.add(key, &values, sign);
        }
    }

    /// The rows, by key.
    pub fn rows(&self) -> impl Iterator<Item = (&[String], &[i64])> {
        self.0.iter().map(|(key, values)| (&key[..], &values[..]))
    }

    /// The values of the row `key`, if it has any.
    pub fn get(&self, key: &[&str]) -> Option<&[i64]> {
        let key: Vec<String> = key.iter().map(|part| (*part).to_owned()).collect();
        self.0.get(&key).map(Vec::as_slice)
    }
}

impl From<Vec<(Vec<String>, Vec<i64>)>> for Tally {
    fn from(rows: Vec<(Vec<String>, Vec<i64>)>) -> Tally {
        Tally(rows.into_iter().collect())
    }
}

impl From<Tally> for Vec<(Vec<String>, Vec<i64>)> {
    fn from(tally: Tally) -> Self {
        tally.0.into_iter().collect()
    }
}

/// A report's sums, and when their live part was added up when it was read as kept (`None`: just now).
#[derive(Debug)]
pub struct Total {
    pub tally: Tally,
    pub live_taken_ms: Option<i64>,
}

/// The sums of a report (named `key` among the kept ones) over the scope's period, `sum` adding up a part.
/// `cutoff_ms` is the funnel's assumed-resolution line now; sums taken with an earlier one keep those engaged
/// after it by minute, so that the funnel can move them.
pub async fn total<F, Fut>(
    db: &ReportDb,
    key: &str,
    scope: &Scope,
    cutoff_ms: i64,
    sum: F,
) -> Result<Total, sqlx::Error>
where
    F: Fn(Part, Bounds) -> Fut,
    Fut: Future<Output = Result<Tally, sqlx::Error>>,
{
    let (rolled_to, events) = live_events(&db.reads, scope.from_day, scope.to_day).await?;
    let mut bounds = Bounds {
        from_day: scope.from_day,
        rolled_to,
        to_day: scope.to_day,
        cutoff_ms,
    };
    let mut tally = Tally::default();
    let has_rolled = scope.from_day <= rolled_to;
    if has_rolled {
        let (kept_cutoff, kept) = kept_or_taken(db, key, &bounds, &sum).await?;
        bounds.cutoff_ms = kept_cutoff;
        tally = kept;
    }
    let live = Live {
        key,
        bounds,
        events,
        has_rolled,
    };
    let (live_tally, live_taken_ms) = if events == 0 {
        (Tally::default(), None)
    } else if events < LARGE_LIVE_EVENTS {
        (live.add_up(LiveRows::Now, &sum).await?, None)
    } else {
        live.kept_or_added_up(db, scope.freshness, &sum).await?
    };
    tally.merge(live_tally, 1);
    Ok(Total {
        tally,
        live_taken_ms,
    })
}

/// A report's live part: the people with events in the days after `bounds.rolled_to`, their part over the
/// whole period less what the kept sums counted of them.
struct Live<'a> {
    key: &'a str,
    bounds: Bounds,
    /// The raw events of those days now.
    events: i64,
    has_rolled: bool,
}

impl Live<'_> {
    async fn add_up<F, Fut>(&self, rows: LiveRows, sum: &F) -> Result<Tally, sqlx::Error>
    where
        F: Fn(Part, Bounds) -> Fut,
        Fut: Future<Output = Result<Tally, sqlx::Error>>,
    {
        // Both at once, each on a reading connection of its own.
        let whole = sum(Part::LiveWhole(rows), self.bounds);
        if !self.has_rolled {
            return whole.await;
        }
        let (mut tally, before) =
            futures_util::try_join!(whole, sum(Part::LiveBefore(rows), self.bounds))?;
        tally.merge(before, -1);
        Ok(tally)
    }

    /// The kept live part when it is exact (no event came since), or recent enough for a look; otherwise added
    /// up and kept. Kept sums taken at an earlier assumed-resolution line still serve: the funnel moves those
    /// who passed it since.
    async fn kept_or_added_up<F, Fut>(
        &self,
        db: &ReportDb,
        freshness: Freshness,
        sum: &F,
    ) -> Result<(Tally, Option<i64>), sqlx::Error>
    where
        F: Fn(Part, Bounds) -> Fut,
        Fut: Future<Output = Result<Tally, sqlx::Error>>,
    {
        let now = now_millis();
        let b = self.bounds;
        let kept: Option<(i64, i64, i64, i64, i64, String)> = with_pool!(&db.reads, pool => sqlx::query_as(
                "SELECT rolled_to, cutoff_ms, events, taken_ms, asked_ms, tally FROM insight_live \
                 WHERE report = $1 AND from_day = $2 AND to_day = $3")
            .bind(self.key).bind(b.from_day).bind(b.to_day).fetch_optional(pool).await)?;
        if let Some((rolled_to, cutoff_ms, events, taken_ms, asked_ms, tally)) = kept
            && rolled_to == b.rolled_to
            && cutoff_ms <= b.cutoff_ms
            && let Ok(tally) = serde_json::from_str::<Tally>(&tally)
        {
            let exact = events == self.events;
            let recent =
                matches!(freshness, Freshness::Look { .. }) && freshness.reads_taken(taken_ms, now);
            if exact || recent {
                if let Freshness::Look { every_ms } = freshness
                    && now - asked_ms >= every_ms / 2
                {
                    with_pool!(&db.writes, pool => sqlx::query(
                            "UPDATE insight_live SET asked_ms = $4 \
                             WHERE report = $1 AND from_day = $2 AND to_day = $3")
                        .bind(self.key).bind(b.from_day).bind(b.to_day).bind(now)
                        .execute(pool).await.map(drop))?;
                }
                return Ok((tally, (!exact).then_some(taken_ms)));
            }
        }
        // From the snapshot when it is recent enough or exact, otherwise from the raw events now.
        let snapshot = live_rows::covering(&db.reads, &b)
            .await?
            .map(|snapshot| (snapshot.taken_ms, snapshot.events(b.rolled_to, b.to_day)))
            .filter(|&(taken_ms, events)| {
                freshness.reads_taken(taken_ms, now) || events == self.events
            });
        let (rows, taken_ms, events) = match snapshot {
            Some((taken_ms, events)) => (LiveRows::Snapshot(taken_ms), taken_ms, events),
            None => (LiveRows::Now, now, self.events),
        };
        let tally = self.add_up(rows, sum).await?;
        let asked_ms = match freshness {
            Freshness::Look { .. } => now,
            Freshness::Refresh { .. } => 0,
        };
        let text = serde_json::to_string(&tally).expect("a tally is JSON");
        with_pool!(&db.writes, pool => sqlx::query(
                "INSERT INTO insight_live (report, from_day, to_day, rolled_to, cutoff_ms, events, tally, \
                                           taken_ms, claimed_ms, asked_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (report, from_day, to_day) DO UPDATE SET \
                   rolled_to = excluded.rolled_to, cutoff_ms = excluded.cutoff_ms, events = excluded.events, \
                   tally = excluded.tally, taken_ms = excluded.taken_ms, claimed_ms = excluded.claimed_ms, \
                   asked_ms = CASE WHEN excluded.asked_ms > insight_live.asked_ms \
                                   THEN excluded.asked_ms ELSE insight_live.asked_ms END")
            .bind(self.key).bind(b.from_day).bind(b.to_day).bind(b.rolled_to).bind(b.cutoff_ms)
            .bind(events).bind(&text).bind(taken_ms).bind(now).bind(asked_ms).execute(pool).await.map(drop))?;
        Ok((tally, (events != self.events).then_some(taken_ms)))
    }
}

/// Takes and keeps the sums of a report (`key`, `sum`) over the rolled-up days from `from_day` to `today`,
/// unless they are kept already.
pub async fn keep<F, Fut>(
    db: &ReportDb,
    key: &str,
    from_day: i64,
    today: i64,
    cutoff_ms: i64,
    sum: F,
) -> Result<(), sqlx::Error>
where
    F: Fn(Part, Bounds) -> Fut,
    Fut: Future<Output = Result<Tally, sqlx::Error>>,
{
    let rolled_to = last_rolled(&db.reads).await?.min(today);
    if from_day <= rolled_to {
        let bounds = Bounds {
            from_day,
            rolled_to,
            to_day: rolled_to,
            cutoff_ms,
        };
        kept_or_taken(db, key, &bounds, &sum).await?;
    }
    Ok(())
}

/// Ends the name under which what each first day adds to a report's sums is kept.
pub const FIRST_DAY_SUFFIX: &str = ":first-day";

/// The name under which what each first day adds to report `key`'s sums is kept.
fn first_day_key(key: &str) -> String {
    format!("{key}{FIRST_DAY_SUFFIX}")
}

/// Keeps one sum (a period's, or a first day's part) unless it is kept already: report, days, cutoff, tally,
/// when it was taken.
const KEEP_TALLY: &str = "INSERT INTO insight_tallies (report, from_day, to_day, cutoff_ms, tally, computed_ms) \
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (report, from_day, to_day) DO NOTHING";

/// Takes what each of the [`SWEPT_DAYS`] days up to rolled-up day `last` adds to report `key`'s sums as the
/// first day of a period ending on `last`, and keeps them (all at once, for [`KEPT_DAYS`] like every kept sum, or
/// longer when `last` ends a month), unless they are kept already. The sums of a period ending on a day swept in
/// the last five weeks are then the sum of its days' parts (`swept`). A day's part concerns only the people with
/// events that day: their sums from it on, less their sums from the day after, so the whole sweep costs about as
/// much as adding up the longest period twice.
pub async fn sweep<F, Fut>(
    db: &ReportDb,
    key: &str,
    last: i64,
    cutoff_ms: i64,
    sum: F,
) -> Result<(), sqlx::Error>
where
    F: Fn(Part, Bounds) -> Fut,
    Fut: Future<Output = Result<Tally, sqlx::Error>>,
{
    let first = last - SWEPT_DAYS + 1;
    let parts_key = first_day_key(key);
    let swept: i64 = with_pool!(&db.reads, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM insight_tallies WHERE report = $1 AND from_day >= $2 AND to_day = $3")
        .bind(&parts_key).bind(first).bind(last).fetch_one(pool).await)?;
    if swept == SWEPT_DAYS {
        return Ok(());
    }
    let mut parts = Vec::with_capacity(SWEPT_DAYS as usize);
    for day in first..=last {
        let bounds = Bounds {
            from_day: day,
            rolled_to: day,
            to_day: last,
            cutoff_ms,
        };
        let mut part = sum(Part::FirstDay, bounds).await?;
        part.merge(sum(Part::AfterFirstDay, bounds).await?, -1);
        parts.push((day, serde_json::to_string(&part).expect("a tally is JSON")));
    }
    let now = now_millis();
    with_pool!(&db.writes, pool => {
        let mut tx = pool.begin_write().await?;
        for (day, text) in &parts {
            sqlx::query(KEEP_TALLY)
                .bind(&parts_key).bind(day).bind(last).bind(cutoff_ms).bind(text).bind(now)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// The sums of everyone over days `from_day..=rolled_to` from the sweep's parts, when it covered them all.
async fn swept(db: &Db, key: &str, bounds: &Bounds) -> Result<Option<(i64, Tally)>, sqlx::Error> {
    let parts: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
            "SELECT cutoff_ms, tally FROM insight_tallies WHERE report = $1 AND from_day >= $2 AND to_day = $3")
        .bind(first_day_key(key)).bind(bounds.from_day).bind(bounds.rolled_to).fetch_all(pool).await)?;
    if parts.len() as i64 != bounds.rolled_to - bounds.from_day + 1 {
        return Ok(None);
    }
    let mut tally = Tally::default();
    let mut cutoff_ms = None;
    for (cutoff, text) in parts {
        let Ok(part) = serde_json::from_str(&text) else {
            return Ok(None);
        };
        if *cutoff_ms.get_or_insert(cutoff) != cutoff {
            return Ok(None);
        }
        tally.merge(part, 1);
    }
    Ok(cutoff_ms.map(|cutoff_ms| (cutoff_ms, tally)))
}

/// Forgets the sums taken more than [`KEPT_DAYS`] ago, except the sweeps of the periods ending on the last day of
/// a month of the [`MONTH_END_KEPT_DAYS`] up to `today`, and the live parts nobody asked for in a day, except
/// those of periods ending `today`: the usual ones are kept warm though nobody asks (`live`).
pub async fn forget_old(db: &Db, today: i64) -> Result<(), sqlx::Error> {
    let now = now_millis();
    let month_ends: Vec<String> = month_ends(today - MONTH_END_KEPT_DAYS..today)
        .map(|day| day.to_string())
        .collect();
    let forget = format!(
        "DELETE FROM insight_tallies WHERE computed_ms < $1 \
         AND NOT (report LIKE '%{FIRST_DAY_SUFFIX}' AND to_day IN ({}))",
        month_ends.join(", ")
    );
    with_pool!(db, pool => {
        sqlx::query(&forget)
            .bind(now - KEPT_DAYS * 86_400_000)
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM insight_live WHERE asked_ms < $1 AND to_day < $2")
            .bind(now - 86_400_000)
            .bind(today)
            .execute(pool)
            .await
            .map(drop)
    })
}

/// The last rolled-up day of the period `from_day..=to_day` (the day before it when none is), and how many raw
/// events the days after it hold: the live part's days, and its size.
pub async fn live_events(db: &Db, from_day: i64, to_day: i64) -> Result<(i64, i64), sqlx::Error> {
    let rolled_to = last_rolled(db).await?.min(to_day).max(from_day - 1);
    let events = with_pool!(db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM insight_events WHERE day > $1 AND day <= $2")
        .bind(rolled_to).bind(to_day).fetch_one(pool).await)?;
    Ok((rolled_to, events))
}

/// The kept sums of everyone over days `from_day..=rolled_to`, taken and kept now if nobody has yet, and the
/// assumed-resolution line they were taken with.
async fn kept_or_taken<F, Fut>(
    db: &ReportDb,
    key: &str,
    bounds: &Bounds,
    sum: &F,
) -> Result<(i64, Tally), sqlx::Error>
where
    F: Fn(Part, Bounds) -> Fut,
    Fut: Future<Output = Result<Tally, sqlx::Error>>,
{
    let kept: Option<(i64, String)> = with_pool!(&db.reads, pool => sqlx::query_as(
            "SELECT cutoff_ms, tally FROM insight_tallies WHERE report = $1 AND from_day = $2 AND to_day = $3")
        .bind(key).bind(bounds.from_day).bind(bounds.rolled_to).fetch_optional(pool).await)?;
    if let Some((cutoff_ms, tally)) = kept
        && let Ok(tally) = serde_json::from_str(&tally)
    {
        return Ok((cutoff_ms, tally));
    }
    let rolled = Bounds {
        to_day: bounds.rolled_to,
        ..*bounds
    };
    let (cutoff_ms, tally) = match swept(&db.reads, key, &rolled).await? {
        Some(swept) => swept,
        None => (rolled.cutoff_ms, sum(Part::Everyone, rolled).await?),
    };
    let text = serde_json::to_string(&tally).expect("a tally is JSON");
    with_pool!(&db.writes, pool => sqlx::query(KEEP_TALLY)
        .bind(key).bind(rolled.from_day).bind(rolled.to_day).bind(cutoff_ms).bind(&text)
        .bind(now_millis()).execute(pool).await.map(drop))?;
    Ok((cutoff_ms, tally))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|part| (*part).to_owned()).collect()
    }

    #[test]
    fn sums_add_up_and_come_apart() {
        let mut everyone = Tally::default();
        everyone.add(key(&["buyer", "left"]), &[3], 1);
        everyone.add(key(&["buyer", "escalated"]), &[2], 1);
        let mut some = Tally::default();
        some.add(key(&["buyer", "left"]), &[1], 1);
        everyone.merge(some.clone(), -1);
        assert_eq!(everyone.get(&["buyer", "left"]), Some(&[2][..]));
        everyone.merge(some.clone(), -1);
        everyone.merge(some, -1);
        assert_eq!(
            everyone.get(&["buyer", "left"]),
            None,
            "a row back at zero is gone"
        );
        let text = serde_json::to_string(&everyone).unwrap();
        assert_eq!(text, r#"[[["buyer","escalated"],[2]]]"#);
        assert_eq!(serde_json::from_str::<Tally>(&text).unwrap(), everyone);
    }
}
