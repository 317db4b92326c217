//! The desk's notion of now, in the forms it stores.

use signpost_core::status::Timestamp;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970.
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Now in RFC 3339 with milliseconds: stored times sort as text, and events within one second keep their order.
pub fn now_stamp() -> String {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let seconds = Timestamp::from_unix(elapsed.as_secs() as i64);
    let whole = seconds.as_str().trim_end_matches('Z');
    format!("{whole}.{:03}Z", elapsed.subsec_millis())
}

/// A moment in RFC 3339 (whole seconds).
pub fn stamp(unix: i64) -> String {
    Timestamp::from_unix(unix).as_str().to_owned()
}
