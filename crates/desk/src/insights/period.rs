//! The period a report covers: whole UTC days, as days since 1970, and how they are written (`YYYY-MM-DD`).

use crate::clock::stamp;
use signpost_core::feed::Timestamp;
use signpost_core::insights::reports::Period;
use std::ops::Range;

/// Longest period a report covers, in days.
pub const MAX_DAYS: i64 = 366;
/// The periods the console offers, in days up to today: their sums are taken after each rollup (`daily`), and
/// their large live parts kept warm whether or not anyone looks (`live`).
pub const USUAL_DAYS: [i64; 2] = [7, 28];
/// How many first days the daily sweep covers: every period ending on a day it swept and starting in the five
/// weeks up to it (a month, and more) reads kept sums the first time it is asked for.
pub const SWEPT_DAYS: i64 = 35;

/// How many refresh intervals old a kept live part a look still reads: the desk adds up again every that many
/// intervals the parts looked at in the last day, and every interval those looked at in the last half hour
/// (`live`), so only the first look after a quiet while reads one this old.
pub const WARM_INTERVALS: i64 = 10;

/// How a report takes its live part: the sums of the days not rolled up yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Someone looks: a large live part kept less than [`WARM_INTERVALS`] × `every_ms` ago is read as it was
    /// kept, and counts as looked at (`0`: a large part is added up at every look too).
    Look { every_ms: i64 },
    /// The desk adds a kept live part up again for those looking (`insights::live`), from a snapshot of the
    /// live rows taken at `since_ms` or later when there is one.
    Refresh { since_ms: i64 },
}

impl Freshness {
    /// Whether a kept live part or a snapshot of the live rows taken at `taken_ms` is recent enough to read.
    pub fn reads_taken(self, taken_ms: i64, now: i64) -> bool {
        match self {
            Freshness::Look { every_ms } => now - taken_ms < every_ms * WARM_INTERVALS,
            Freshness::Refresh { since_ms } => taken_ms >= since_ms,
        }
    }
}

/// What every report is asked for: its period as days since 1970, the site's k, and how fresh it must be.
#[derive(Clone, Debug)]
pub struct Scope {
    pub from_day: i64,
    pub to_day: i64,
    pub min_users: u64,
    /// How recent the sums of today and yesterday must be.
    pub freshness: Freshness,
}

impl Scope {
    pub fn period(&self) -> Period {
        Period {
            from: date_of(self.from_day),
            to: date_of(self.to_day),
        }
    }
}

/// `YYYY-MM-DD` of a day since 1970.
pub fn date_of(day: i64) -> String {
    stamp(day * 86_400)[..10].to_owned()
}

/// The days of `days` that end a month.
pub fn month_ends(days: Range<i64>) -> impl Iterator<Item = i64> {
    days.filter(|day| date_of(day + 1).ends_with("-01"))
}

/// The day since 1970 of `YYYY-MM-DD`, if it is one.
pub fn day_of_date(date: &str) -> Option<i64> {
    let valid = date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
    let seconds = Timestamp::parse(format!("{date}T00:00:00Z")).unix_seconds()?;
    (valid && date_of(seconds.div_euclid(86_400)) == date).then_some(seconds.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_days_convert_both_ways() {
        assert_eq!(day_of_date("1970-01-02"), Some(1));
        assert_eq!(date_of(20_425), "2025-12-03");
        assert_eq!(day_of_date(&date_of(20_425)), Some(20_425));
        for bad in ["2026-02-30", "2026-2-3", "yesterday", ""] {
            assert_eq!(day_of_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_end_on_their_last_day() {
        let from = day_of_date("2024-01-15").unwrap();
        let ends: Vec<String> = month_ends(from..from + 60).map(date_of).collect();
        assert_eq!(ends, ["2024-01-31", "2024-02-29"]);
    }
}
