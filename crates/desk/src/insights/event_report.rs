//! The event reports by name, for the desk's standing work: the usual periods' sums taken after each rollup
//! (`daily`) and the live parts kept fresh (`live`) add up every report and cut the way a look at it does.

use crate::db::{Db, ReportDb};
use crate::insights::flow_report::{self, FLOWS_KEY};
use crate::insights::parts::{Bounds, Part};
use crate::insights::period::Scope;
use crate::insights::reports::{self, ARTICLES_KEY, Cohort, SEARCH_KEY};
use crate::insights::tally::{self, Tally, Total};

/// The event reports, each a sum over people whose sums are kept (`tally`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventReport {
    Funnel(Cohort),
    Search,
    Articles,
    Flows,
}

impl EventReport {
    /// Every event report, the funnel cut by each built-in cohort and each of the site's `dimensions`.
    pub fn all(dimensions: &[String]) -> Vec<EventReport> {
        Cohort::builtin()
            .into_iter()
            .chain(dimensions.iter().cloned().map(Cohort::Dimension))
            .map(EventReport::Funnel)
            .chain([
                EventReport::Search,
                EventReport::Articles,
                EventReport::Flows,
            ])
            .collect()
    }

    /// The name its sums are kept under (a funnel's with the window they were taken with).
    pub fn key(&self, window_hours: u32) -> String {
        match self {
            EventReport::Funnel(by) => reports::funnel_key(by, window_hours),
            EventReport::Search => SEARCH_KEY.into(),
            EventReport::Articles => ARTICLES_KEY.into(),
            EventReport::Flows => FLOWS_KEY.into(),
        }
    }

    /// Its sums of the people `part` counts.
    pub async fn tally(&self, db: &Db, part: Part, bounds: Bounds) -> Result<Tally, sqlx::Error> {
        match self {
            EventReport::Funnel(by) => reports::funnel_tally(db, part, bounds, by).await,
            EventReport::Search => reports::search_tally(db, part, bounds).await,
            EventReport::Articles => reports::articles_tally(db, part, bounds).await,
            EventReport::Flows => flow_report::flows_tally(db, part, bounds).await,
        }
    }

    /// Its sums over the scope's period, the funnel's window ending at `cutoff_ms`.
    pub async fn total(
        &self,
        db: &ReportDb,
        scope: &Scope,
        window_hours: u32,
        cutoff_ms: i64,
    ) -> Result<Total, sqlx::Error> {
        tally::total(
            db,
            &self.key(window_hours),
            scope,
            cutoff_ms,
            |part, bounds| self.tally(&db.reads, part, bounds),
        )
        .await
    }
}
