//! The settings of usage events and the insights reports.

/// How usage events are taken and kept, and how reports are published.
#[derive(clap::Args, Clone, Debug)]
pub struct InsightsConfig {
    /// Batches of usage events one network address may send per minute, on each desk process (then 429). A
    /// page sends one every few seconds while the widget is used.
    #[arg(
        long,
        env = "SIGNPOST_EVENT_BATCHES_PER_ADDRESS_PER_MINUTE",
        default_value_t = 600
    )]
    pub event_batches_per_address_per_minute: i64,

    /// Days the widget's raw usage events are kept; their daily rollups, which reports read, are kept for good.
    #[arg(long, env = "SIGNPOST_EVENT_RETENTION_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(2..=3_650))]
    pub event_retention_days: u32,

    /// k of the insights reports: a count of fewer people than this is shown as "< k", and enough others are
    /// withheld that it cannot be worked out.
    #[arg(long, env = "SIGNPOST_REPORT_MIN_USERS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=1_000))]
    pub report_min_users: u64,

    /// Hours without a ticket after someone helped themselves before the funnel counts it as an assumed
    /// resolution (always shown apart from confirmed ones).
    #[arg(long, env = "SIGNPOST_ASSUMED_RESOLUTION_HOURS", default_value_t = 72,
          value_parser = clap::value_parser!(u32).range(1..=720))]
    pub assumed_resolution_hours: u32,

    /// Seconds between the times the desk adds up again the part of a report that today's and yesterday's
    /// events make, when there are many of them (40,000 or more) and someone looks at the report; looks in
    /// between read that part as it was, and the console says when it was added up. 0: at every look.
    #[arg(long, env = "SIGNPOST_LIVE_REPORT_SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u32).range(0..=3_600))]
    pub live_report_seconds: u32,
}
