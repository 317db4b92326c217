//! Calendar arithmetic for `days_since`, `days_until` and the `|date` filter: civil dates ↔ day numbers,
//! ISO 8601 parsing, and which day it is for the user.
//!
//! Written here rather than pulled from a date crate because the widget ships as wasm and needs only this much.
//! Day numbers count days since 1970-01-01 in the proleptic Gregorian calendar.

use super::Clock;

const SECONDS_PER_DAY: i64 = 86_400;

/// Days in the 400-year Gregorian cycle, after which weekdays and leap years repeat.
const DAYS_PER_CYCLE: i64 = 146_097;

/// Day number of 0000-03-01, the start of the first cycle counted below.
const CYCLE_START: i64 = -719_468;

/// Whether `year` has a 29 February.
pub(crate) fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Number of days in `month` (1–12) of `year`.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from the first of March to the first of each month, for a year that starts in March.
///
/// Counting the year from March puts the leap day last, so these offsets never depend on the year.
fn days_before_month_from_march(month_from_march: i64) -> i64 {
    // Month lengths from March repeat 31,30,31,30,31 twice, then 31,28/29: (153 m + 2) / 5 sums them.
    (153 * month_from_march + 2) / 5
}

/// Day number of a valid civil date.
pub(crate) fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let month = i64::from(month);
    // January and February belong to the previous March-based year.
    let march_year = i64::from(year) - i64::from(month <= 2);
    let cycle = march_year.div_euclid(400);
    let year_of_cycle = march_year - cycle * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = days_before_month_from_march(month_from_march) + i64::from(day) - 1;
    let day_of_cycle = year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
    CYCLE_START + cycle * DAYS_PER_CYCLE + day_of_cycle
}

/// Civil date `(year, month, day)` of a day number; the inverse of [`days_from_civil`].
pub(crate) fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let since_start = days - CYCLE_START;
    let cycle = since_start.div_euclid(DAYS_PER_CYCLE);
    let day_of_cycle = since_start - cycle * DAYS_PER_CYCLE;
    // Remove the leap days so far (one per 4 years, less centuries, plus the cycle's last day) to find the year.
    let year_of_cycle = (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36_524
        - day_of_cycle / (DAYS_PER_CYCLE - 1))
        / 365;
    let day_of_year =
        day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - days_before_month_from_march(month_from_march) + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = cycle * 400 + year_of_cycle + i64::from(month <= 2);
    // Day numbers come from 4-digit years or a clock in seconds, so they stay far inside i32 years.
    (year as i32, month as u32, day as u32)
}

/// A parsed ISO 8601 value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Moment {
    /// A date, or a date and time without a zone: read as the user's own calendar.
    Floating { day: i64 },
    /// A date and time with `Z` or an offset: one instant, seen differently from each zone.
    Instant { unix_seconds: i64 },
}

/// The user's calendar at the moment of the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LocalCalendar {
    today: i64,
    offset_seconds: i64,
}

impl LocalCalendar {
    /// Reads today's local date from the clock.
    pub(crate) fn new(clock: Clock) -> LocalCalendar {
        let offset_seconds = i64::from(clock.utc_offset_minutes) * 60;
        LocalCalendar {
            today: clock
                .now_unix_seconds
                .saturating_add(offset_seconds)
                .div_euclid(SECONDS_PER_DAY),
            offset_seconds,
        }
    }

    /// The user's local date as a day number.
    pub(crate) fn today(&self) -> i64 {
        self.today
    }

    /// The user's local date of an ISO 8601 date or datetime; `None` when the text is not one.
    pub(crate) fn local_day(&self, text: &str) -> Option<i64> {
        Some(match parse_iso(text)? {
            Moment::Floating { day } => day,
            Moment::Instant { unix_seconds } => {
                (unix_seconds + self.offset_seconds).div_euclid(SECONDS_PER_DAY)
            }
        })
    }
}

/// Parses `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` and `Z` or `±HH[:MM]`.
pub(crate) fn parse_iso(text: &str) -> Option<Moment> {
    let bytes = text.trim().as_bytes();
    let (date, rest) = bytes.split_at_checked(10)?;
    if date[4] != b'-' || date[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(&date[..4])?).ok()?;
    let month = number(&date[5..7])?;
    let day = number(&date[8..10])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let day = days_from_civil(year, month, day);

    let Some((separator, rest)) = rest.split_first() else {
        return Some(Moment::Floating { day });
    };
    if !matches!(separator, b'T' | b't' | b' ') {
        return None;
    }
    let (seconds_of_day, zone) = parse_time(rest)?;
    match zone {
        [] => Some(Moment::Floating { day }),
        zone => Some(Moment::Instant {
            unix_seconds: day * SECONDS_PER_DAY + seconds_of_day - parse_offset(zone)?,
        }),
    }
}

/// Parses `HH:MM[:SS[.fff]]`; returns the seconds into the day and the text after the time.
pub(crate) fn parse_time(text: &[u8]) -> Option<(i64, &[u8])> {
    let (clock, mut rest) = text.split_at_checked(5)?;
    if clock[2] != b':' {
        return None;
    }
    let hour = number(&clock[..2])?;
    let minute = number(&clock[3..])?;
    let mut second = 0;
    if let Some((b':', after)) = rest.split_first() {
        let (digits, after) = after.split_at_checked(2)?;
        second = number(digits)?;
        rest = after;
        if let Some((b'.' | b',', fraction)) = rest.split_first() {
            let length = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if length == 0 {
                return None;
            }
            rest = &fraction[length..];
        }
    }
    // 60 allows a leap second; the day changes at the same place either way.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some((i64::from(hour * 3600 + minute * 60 + second), rest))
}

/// Parses `Z`, `±HH`, `±HHMM` or `±HH:MM` into seconds east of UTC.
fn parse_offset(zone: &[u8]) -> Option<i64> {
    let (sign, digits) = match zone {
        [b'Z' | b'z'] => return Some(0),
        [b'+', digits @ ..] => (1, digits),
        [b'-', digits @ ..] => (-1, digits),
        _ => return None,
    };
    let (hours, minutes) = match digits {
        [h1, h2] => ([*h1, *h2], [b'0', b'0']),
        [h1, h2, m1, m2] | [h1, h2, b':', m1, m2] => ([*h1, *h2], [*m1, *m2]),
        _ => return None,
    };
    let (hours, minutes) = (number(&hours)?, number(&minutes)?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * i64::from(hours * 3600 + minutes * 60))
}

/// An all-digit field; `None` for anything else, signs included.
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar(now: &str, utc_offset_minutes: i32) -> LocalCalendar {
        let Some(Moment::Instant { unix_seconds }) = parse_iso(now) else {
            panic!("{now} is not an instant");
        };
        LocalCalendar::new(Clock {
            now_unix_seconds: unix_seconds,
            utc_offset_minutes,
        })
    }

    #[test]
    fn known_dates_have_known_day_numbers() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 11, 12), 20_769);
        assert_eq!(days_from_civil(1600, 1, 1), -135_140);
        assert_eq!(civil_from_days(20_769), (2026, 11, 12));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn day_numbers_round_trip_and_are_consecutive() {
        // Every day from 1600 to 2400 spans leap years, centuries and the 400-year rule.
        let mut expected = days_from_civil(1600, 1, 1);
        for year in 1600..2400 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), expected);
                    assert_eq!(civil_from_days(expected), (year, month, day));
                    expected += 1;
                }
            }
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rules() {
        assert!(is_leap_year(2024));
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2026));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
    }

    #[test]
    fn parses_every_supported_shape() {
        let noon_utc = days_from_civil(2026, 11, 12) * SECONDS_PER_DAY + 12 * 3600;
        let instant = |unix_seconds| Some(Moment::Instant { unix_seconds });
        let floating = Some(Moment::Floating {
            day: days_from_civil(2026, 11, 12),
        });
        assert_eq!(parse_iso("2026-11-12"), floating);
        assert_eq!(parse_iso("2026-11-12T23:59"), floating);
        assert_eq!(parse_iso("2026-11-12T23:59:59.999"), floating);
        assert_eq!(parse_iso("2026-11-12T12:00:00Z"), instant(noon_utc));
        assert_eq!(parse_iso("2026-11-12T12:00:00.000Z"), instant(noon_utc));
        assert_eq!(parse_iso("2026-11-12 13:00:00+01:00"), instant(noon_utc));
        assert_eq!(parse_iso("2026-11-12T07:30-0430"), instant(noon_utc));
        assert_eq!(parse_iso("2026-11-12T02:00:00-10"), instant(noon_utc));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "",
            "yesterday",
            "12/11/2026",
            "2026-13-01",
            "2026-02-29",
            "2026-11-31",
            "2026-11-00",
            "2026-1-12",
            "+026-11-12",
            "2026-11-12T",
            "2026-11-12T24:00",
            "2026-11-12T10:60",
            "2026-11-12T10:00:00.",
            "2026-11-12T10:00:00+25:00",
            "2026-11-12T10:00:00 UTC",
            "2026-11-12x",
            "2026-11-12T10:00:00Zjunk",
        ] {
            assert_eq!(parse_iso(text), None, "{text:?}");
        }
        assert!(parse_iso("2024-02-29").is_some());
    }

    #[test]
    fn today_is_the_users_local_date() {
        // 23:30 UTC on 12 Nov is already 13 Nov in Berlin and still 12 Nov in New York.
        let berlin = calendar("2026-11-12T23:30:00Z", 60);
        let new_york = calendar("2026-11-12T23:30:00Z", -300);
        assert_eq!(berlin.today(), days_from_civil(2026, 11, 13));
        assert_eq!(new_york.today(), days_from_civil(2026, 11, 12));
        // Before the epoch the day still rounds down, not towards zero.
        assert_eq!(calendar("1969-12-31T23:00:00Z", 0).today(), -1);
    }

    #[test]
    fn zoned_datetimes_land_on_the_users_local_date() {
        let tokyo = calendar("2026-11-12T12:00:00Z", 540);
        let los_angeles = calendar("2026-11-12T12:00:00Z", -480);
        // 15:30 UTC is 00:30 the next day in Tokyo, 07:30 the same day in Los Angeles.
        assert_eq!(
            tokyo.local_day("2026-11-11T15:30:00Z"),
            Some(days_from_civil(2026, 11, 12))
        );
        assert_eq!(
            los_angeles.local_day("2026-11-11T15:30:00Z"),
            Some(days_from_civil(2026, 11, 11))
        );
        // Dates and zoneless datetimes are the user's own calendar, whatever their offset.
        assert_eq!(
            tokyo.local_day("2026-11-11T23:59:59"),
            Some(days_from_civil(2026, 11, 11))
        );
        assert_eq!(
            los_angeles.local_day("2026-11-11"),
            Some(days_from_civil(2026, 11, 11))
        );
    }
}
