//! Insights (issue 15): the widget's usage events in (`ingest`, through a bounded queue, with search text
//! cleaned by `clean`), rolled up daily and forgotten after the retention period (`rollup`), and the reports
//! the console reads: from the events (`reports`; guided flows in `flow_report`; each a sum over people, kept
//! for the rolled-up days by `tally`, their large live parts kept fresh by `live` from the snapshot of the live
//! rows `live_rows` takes, named for that work by `event_report`) and from tickets (`ticket_reports`,
//! `triage_report`), each also as CSV (`csv`). `daily` runs the rollup and keeps the sums of the console's usual
//! periods.

pub mod clean;
pub mod csv;
pub mod daily;
pub mod event_report;
pub mod flow_report;
pub mod ingest;
pub mod live;
pub mod live_rows;
pub mod parts;
pub mod period;
pub mod reports;
pub mod rollup;
pub mod tally;
pub mod ticket_reports;
pub mod triage_report;

/// How reports are computed and how long raw events are kept.
#[derive(Clone, Copy, Debug)]
pub struct ReportSettings {
    /// k: counts of fewer people are shown as "< k".
    pub min_users: u64,
    /// Hours without a ticket after self-service before the funnel assumes a resolution.
    pub assumed_resolution_hours: u32,
    /// Days raw events are kept.
    pub retention_days: u32,
    /// How often a large live part someone looks at is added up again; looks in between read it as kept.
    pub live_every_ms: i64,
}
