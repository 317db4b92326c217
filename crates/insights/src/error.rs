//! The one error type of this crate: inputs that cannot describe a real rate, split, namespace or table.

use thiserror::Error;

/// Why an input was refused. Each constructor checks its input once, so the methods on the types it
/// builds cannot fail.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum InsightsError {
    /// A proportion with more successes than trials.
    #[error("{successes} successes out of {trials} trials")]
    SuccessesExceedTrials {
        /// The successes given.
        successes: u64,
        /// The trials given.
        trials: u64,
    },
    /// A significance level outside (0, 1).
    #[error("alpha must lie strictly between 0 and 1")]
    AlphaOutOfRange,
    /// A confidence sequence tuned for zero units.
    #[error("the planned number of units must be at least 1")]
    NoPlannedUnits,
    /// A split with fewer than two variants, or whose weights are all zero.
    #[error("a split needs at least two variants and a weight above zero")]
    EmptySplit,
    /// Counts given for a different number of variants than the split has.
    #[error("{counts} counts for a split of {variants} variants")]
    CountsDoNotMatchSplit {
        /// How many counts were given.
        counts: usize,
        /// How many variants the split has.
        variants: usize,
    },
    /// A namespace allocation that is empty or reaches past the last bucket.
    #[error("experiment {experiment} has buckets {start}..{end}, outside 0..10000 or empty")]
    BucketsOutOfRange {
        /// The experiment's key.
        experiment: String,
        /// First bucket.
        start: u32,
        /// One past the last bucket.
        end: u32,
    },
    /// Two experiments of one namespace claiming the same bucket.
    #[error("experiments {first} and {second} overlap in their namespace")]
    OverlappingAllocations {
        /// One experiment's key.
        first: String,
        /// The other's.
        second: String,
    },
    /// One experiment listed twice in a namespace.
    #[error("experiment {0} appears twice in its namespace")]
    DuplicateExperiment(String),
    /// A cohort table without rows or columns, or with rows of different lengths.
    #[error("a cohort table needs at least one row and column, every row the same length")]
    NotATable,
}
