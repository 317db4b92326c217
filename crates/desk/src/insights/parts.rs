//! Whose rows a report's sum adds up (`Part`), over which days (`Bounds`), as the SQL every report reads its
//! rollup table's rows through (`rows`): everyone's, the live people's (from the rollups and raw events now, or
//! from a snapshot of them), or those a period's first day adds (the sweep's).

/// The days a sum covers, bound to every report's SQL as `$1` (first day), `$2` (last rolled-up day counted,
/// the day before the first when there is none) and `$3` (last day), and the funnel's "assumed resolved" line.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    pub from_day: i64,
    pub rolled_to: i64,
    pub to_day: i64,
    /// Engagements up to here count as assumed resolved (when nothing else followed).
    pub cutoff_ms: i64,
}

/// Whose rows a sum adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Everyone's: rolled-up rows of days `$1..=$2`, raw events of the days after up to `$3`.
    Everyone,
    /// The rolled-up rows (days `$1..=$2`) of the people with events in days after `$2` up to `$3`.
    LiveBefore(LiveRows),
    /// Those people's rows over the whole period: rolled up, then their raw events added up.
    LiveWhole(LiveRows),
    /// The rolled-up rows (days `$1..=$3`) of the people with rolled-up rows on day `$2`, which the sweep binds to
    /// the first day `$1` as well (PostgreSQL wants every parameter bound used): with [`Part::AfterFirstDay`],
    /// what a period's first day adds to its sums (`sweep`).
    FirstDay,
    /// The same people's rolled-up rows of the days after `$1` up to `$3`.
    AfterFirstDay,
}

/// Where the live parts' rows come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveRows {
    /// The rollup tables and the raw events, now.
    Now,
    /// The snapshot taken at this time (`live_rows`), which holds only those people's rows.
    Snapshot(i64),
}

/// The raw events of the period's days not rolled up, as the filter of a rollup's `…_from_events` (one range of
/// the events' day index: `$2` is never before the period).
const LIVE_DAYS: &str = "day > $2 AND day <= $3";

/// The units with raw events in the period's days not rolled up.
pub(crate) const LIVE_UNITS: &str =
    "SELECT COALESCE(unit, '') FROM insight_events WHERE day > $2 AND day <= $3";

/// The units with rolled-up rows on the first day of a sweep's period (bound as `$2`).
const FIRST_DAY_UNITS: &str = "SELECT unit FROM insight_unit_days WHERE day = $2";

/// The rows of rollup table `table` (with `columns`) that `part` adds up, those of raw events made with
/// `from_events` (the rollup's own SQL) included.
pub(crate) fn rows(
    part: Part,
    table: &str,
    columns: &str,
    from_events: fn(&str) -> String,
) -> String {
    let rolled = format!("SELECT {columns} FROM {table} WHERE day BETWEEN $1 AND $2");
    match part {
        Part::Everyone => format!("{rolled} UNION ALL {}", from_events(LIVE_DAYS)),
        Part::LiveBefore(LiveRows::Now) => format!("{rolled} AND unit IN ({LIVE_UNITS})"),
        Part::LiveWhole(LiveRows::Now) => format!(
            "{rolled} AND unit IN ({LIVE_UNITS}) UNION ALL {}",
            from_events(LIVE_DAYS)
        ),
        // The snapshot holds those people's rows only, rolled-up days' up to `$2` and raw events' after it, so one
        // range of days reads them. Each condition on `$3` and `$2` holds for every such row and period:
        // PostgreSQL wants every parameter bound used.
        Part::LiveBefore(LiveRows::Snapshot(taken_ms)) => format!(
            "SELECT {columns} FROM {snapshot} WHERE taken_ms = {taken_ms} AND day BETWEEN $1 AND $2 \
             AND day <= $3",
            snapshot = snapshot_table(table)
        ),
        Part::LiveWhole(LiveRows::Snapshot(taken_ms)) => format!(
            "SELECT {columns} FROM {snapshot} WHERE taken_ms = {taken_ms} AND day BETWEEN $1 AND $3 \
             AND $2 < $3",
            snapshot = snapshot_table(table)
        ),
        Part::FirstDay => format!(
            "SELECT {columns} FROM {table} WHERE day BETWEEN $1 AND $3 AND unit IN ({FIRST_DAY_UNITS})"
        ),
        Part::AfterFirstDay => format!(
            "SELECT {columns} FROM {table} WHERE day > $1 AND day <= $3 AND unit IN ({FIRST_DAY_UNITS})"
        ),
    }
}

/// The table a rollup table's rows are kept in by the snapshot of the live rows (`live_rows`).
pub fn snapshot_table(table: &str) -> String {
    format!("{table}_live")
}
