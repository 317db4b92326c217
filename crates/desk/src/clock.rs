//! The desk's notion of now, and the one way it writes a moment: RFC 3339 UTC with exactly three fractional
//! digits, `2026-03-06T17:30:05.000Z`. Every stored time and every time on the wire has this fixed width, so
//! times compare as text in the order they happened (the database compares them as text: leases, due
//! events, rate limits). A mix of widths would not: `…05Z` sorts after `…05.123Z`.

use signpost_core::feed::Timestamp;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970.
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Milliseconds since 1970.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Now, with its milliseconds: events within one second keep their order.
pub fn now_stamp() -> String {
    stamp_millis(now_millis())
}

/// The whole second `unix` (seconds since 1970), e.g. a due time or a token's expiry.
pub fn stamp(unix: i64) -> String {
    stamp_millis(unix.saturating_mul(1_000))
}

/// The millisecond `unix_millis` (milliseconds since 1970).
pub fn stamp_millis(unix_millis: i64) -> String {
    let seconds = Timestamp::from_unix(unix_millis.div_euclid(1_000));
    let whole = seconds.as_str().trim_end_matches('Z');
    format!("{whole}.{:03}Z", unix_millis.rem_euclid(1_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stamp_has_the_same_width() {
        assert_eq!(stamp(1_772_818_205), "2026-03-06T17:30:05.000Z");
        assert_eq!(stamp_millis(1_772_818_205_007), "2026-03-06T17:30:05.007Z");
        assert_eq!(stamp_millis(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(now_stamp().len(), stamp(0).len());
        assert_eq!(stamp(0), "1970-01-01T00:00:00.000Z");
    }

    /// The bug a mix of widths caused: a lease written in whole seconds (`…05Z`) compared as text with a time
    /// in milliseconds (`…05.123Z`) looked later than it was, so an expired lease seemed still held.
    #[test]
    fn stamps_sort_as_text_in_time_order() {
        let mut times: Vec<i64> = vec![
            1_772_818_205_123,
            1_772_818_205_000,
            1_772_818_206_000,
            1_772_818_204_999,
            1_772_818_205_999,
        ];
        let mut texts: Vec<String> = times.iter().map(|&ms| stamp_millis(ms)).collect();
        texts.sort();
        times.sort();
        let in_time_order: Vec<String> = times.iter().map(|&ms| stamp_millis(ms)).collect();
        assert_eq!(texts, in_time_order);
        assert!(stamp(1_772_818_205) < stamp_millis(1_772_818_205_123));
    }
}
