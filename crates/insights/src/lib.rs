//! The statistics and privacy core of Signpost's reports and experiments.
//!
//! Everything here is pure and deterministic: the desk reads counts from its rollups and calls these functions;
//! nothing here touches a database, a clock or a random source.
//!
//! - [`Proportion`] and [`Interval`]: a rate with its 95 % Wilson interval, and Newcombe's interval for the
//!   difference of two rates. Reports never show a bare percentage.
//! - [`ConfidenceSequence`] and [`Decision`]: an experiment's difference between two variants, safe to look at
//!   every day (an asymptotic confidence sequence, valid at every look at once).
//! - [`SampleRatioCheck`]: whether the exposures per variant fit the configured [`Split`] (χ², p < 0.001).
//! - [`PopulationStability`]: drift of a categorical mix (topics, queues) against a baseline.
//! - [`Split`], [`Experiment`] and [`Namespace`]: deterministic, sticky assignment from a SHA-256 hash, and
//!   mutually exclusive experiments sharing a namespace.
//! - [`CohortTable`] and [`PublishedTable`]: small-cell suppression with secondary suppression, so no hidden
//!   cell can be worked out from the totals.
//! - [`quantile`], [`ResponseTimes`] and [`ConfusionMatrix`]: first-response percentiles and triage accuracy.

mod assignment;
mod confusion;
mod drift;
mod error;
mod gamma;
mod proportion;
mod quantile;
mod sequential;
mod srm;
mod suppression;

pub use assignment::{Allocation, BUCKETS, Experiment, Namespace, Split, unit_hash};
pub use confusion::ConfusionMatrix;
pub use drift::{
    DriftLevel, MODERATE_DRIFT, PopulationStability, SIGNIFICANT_DRIFT, ZERO_SHARE_FLOOR,
};
pub use error::InsightsError;
pub use gamma::chi_square_survival;
pub use proportion::{Interval, Proportion, Z_95};
pub use quantile::{ResponseTimes, quantile};
pub use sequential::{ConfidenceSequence, Decision, Goal, MIN_OUTCOMES_PER_VARIANT};
pub use srm::{SRM_P_THRESHOLD, SampleRatioCheck};
pub use suppression::{CohortTable, Published, PublishedTable};
