//! Drift of a categorical mix: the population stability index (PSI) of this week's topics or queues against
//! the last four weeks'.
//!
//! PSI = Σᵢ (currentᵢ − baselineᵢ) · ln(currentᵢ / baselineᵢ) over the shares of each category. It is 0 for
//! identical mixes and grows with every shift in either direction. The usual reading (Siddiqi, "Credit Risk
//! Scorecards", 2006): below 0.1 stable, 0.1 to 0.25 a moderate shift worth a look, 0.25 and above a
//! significant shift.

use serde::Serialize;
use std::collections::BTreeMap;

/// From this PSI up, a shift worth a look.
pub const MODERATE_DRIFT: f64 = 0.1;
/// From this PSI up, a significant shift.
pub const SIGNIFICANT_DRIFT: f64 = 0.25;
/// The share a category with no count is given, so a category that appears or vanishes adds a large but
/// finite term instead of ln 0.
pub const ZERO_SHARE_FLOOR: f64 = 1e-4;

/// How far a mix moved, by the thresholds above.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DriftLevel {
    /// PSI below 0.1.
    Stable,
    /// PSI from 0.1 to below 0.25.
    Moderate,
    /// PSI 0.25 or more.
    Significant,
}

/// The population stability index of a current mix against a baseline.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PopulationStability {
    /// The index (≥ 0).
    pub index: f64,
}

impl PopulationStability {
    /// The PSI of `current` (e.g. this week's tickets per topic) against `baseline` (the last four weeks'
    /// counts added up; only shares matter). Categories missing from one side count as 0 there. `None` when
    /// either side has no count at all.
    pub fn new<K: Ord>(
        baseline: &BTreeMap<K, u64>,
        current: &BTreeMap<K, u64>,
    ) -> Option<PopulationStability> {
        let baseline_total: u64 = baseline.values().sum();
        let current_total: u64 = current.values().sum();
        if baseline_total == 0 || current_total == 0 {
            return None;
        }
        let share = |count: Option<&u64>, total: u64| match count.copied().unwrap_or(0) {
            0 => ZERO_SHARE_FLOOR,
            count => count as f64 / total as f64,
        };
        let categories: std::collections::BTreeSet<&K> =
            baseline.keys().chain(current.keys()).collect();
        let index = categories
            .into_iter()
            .map(|category| {
                let expected = share(baseline.get(category), baseline_total);
                let actual = share(current.get(category), current_total);
                (actual - expected) * (actual / expected).ln()
            })
            .sum();
        Some(PopulationStability { index })
    }

    /// Stable, moderate or significant.
    pub fn level(&self) -> DriftLevel {
        if self.index >= SIGNIFICANT_DRIFT {
            DriftLevel::Significant
        } else if self.index >= MODERATE_DRIFT {
            DriftLevel::Moderate
        } else {
            DriftLevel::Stable
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mix(counts: &[(&'static str, u64)]) -> BTreeMap<&'static str, u64> {
        counts.iter().copied().collect()
    }

    fn psi(
        baseline: &[(&'static str, u64)],
        current: &[(&'static str, u64)],
    ) -> PopulationStability {
        PopulationStability::new(&mix(baseline), &mix(current)).unwrap()
    }

    #[test]
    fn a_small_shift_is_stable() {
        // Shares 0.5 / 0.3 / 0.2 → 0.4 / 0.4 / 0.2, by hand:
        // (0.4 − 0.5)·ln(0.4/0.5) + (0.4 − 0.3)·ln(0.4/0.3) + 0 = 0.0223144 + 0.0287682 = 0.0510826.
        // The baseline is four weeks (400 tickets), the current week 100: only shares count.
        let result = psi(
            &[("refund", 200), ("payouts", 120), ("account", 80)],
            &[("refund", 40), ("payouts", 40), ("account", 20)],
        );
        assert!((result.index - 0.051_082_56).abs() < 1e-8, "{result:?}");
        assert_eq!(result.level(), DriftLevel::Stable);
    }

    #[test]
    fn thresholds_sort_moderate_and_significant_shifts() {
        // 0.5/0.5 → 0.3/0.7: 0.2·ln(0.7/0.5) − 0.2·ln(0.3/0.5) = 0.0672944 + 0.1021651 = 0.1694596.
        let moderate = psi(&[("a", 50), ("b", 50)], &[("a", 30), ("b", 70)]);
        assert!((moderate.index - 0.169_459_6).abs() < 1e-7);
        assert_eq!(moderate.level(), DriftLevel::Moderate);
        // 0.5/0.5 → 0.2/0.8: 0.3·ln(1.6) + 0.3·ln(2.5) = 0.1410011 + 0.2748872 = 0.4158883.
        let significant = psi(&[("a", 50), ("b", 50)], &[("a", 20), ("b", 80)]);
        assert!((significant.index - 0.415_888_3).abs() < 1e-7);
        assert_eq!(significant.level(), DriftLevel::Significant);
        assert_eq!(
            PopulationStability { index: 0.1 }.level(),
            DriftLevel::Moderate
        );
        assert_eq!(
            PopulationStability { index: 0.25 }.level(),
            DriftLevel::Significant
        );
    }

    #[test]
    fn a_new_category_counts_against_the_floor_instead_of_dividing_by_zero() {
        // "listing" had no ticket in four weeks and is 20 % of this week's:
        // (0.2 − 0.0001)·ln(0.2/0.0001) + (0.8 − 1)·ln(0.8) = 1.5194204 + 0.0446287 = 1.5640491.
        let result = psi(&[("refund", 100)], &[("refund", 80), ("listing", 20)]);
        assert!(result.index.is_finite());
        assert!((result.index - 1.564_049_1).abs() < 1e-6, "{result:?}");
        assert_eq!(result.level(), DriftLevel::Significant);
    }

    #[test]
    fn an_empty_side_has_no_index() {
        assert_eq!(PopulationStability::new(&mix(&[]), &mix(&[("a", 1)])), None);
        assert_eq!(
            PopulationStability::new(&mix(&[("a", 1), ("b", 0)]), &mix(&[])),
            None
        );
    }

    proptest! {
        #[test]
        fn psi_is_zero_for_the_same_shares_and_never_negative(
            counts in proptest::collection::vec(1u64..1_000, 1..8),
            scale in 1u64..5,
            other in proptest::collection::vec(0u64..1_000, 8),
        ) {
            let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
            let baseline: BTreeMap<_, _> = names.iter().zip(&counts).map(|(n, c)| (*n, *c)).collect();
            let scaled: BTreeMap<_, _> = baseline.iter().map(|(n, c)| (*n, c * scale)).collect();
            let same = PopulationStability::new(&baseline, &scaled).unwrap();
            prop_assert!(same.index.abs() < 1e-12);
            let current: BTreeMap<_, _> = names.iter().zip(&other).map(|(n, c)| (*n, *c)).collect();
            if let Some(moved) = PopulationStability::new(&baseline, &current) {
                prop_assert!(moved.index >= -1e-12);
            }
        }
    }
}
