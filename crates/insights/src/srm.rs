//! Sample-ratio mismatch: whether the units exposed per variant fit the configured split.
//!
//! A split that came out wrong (a variant that crashes before logging exposure, a bot hitting one side, a
//! redirect losing users) biases every comparison, so an experiment whose counts fail this χ² goodness-of-fit
//! test is marked untrustworthy whatever its metrics say.

use crate::{InsightsError, Split, chi_square_survival};
use serde::Serialize;

/// Below this p-value the split is called a mismatch. Deliberately strict: the check runs every day on every
/// experiment, and a true mismatch is usually glaring.
pub const SRM_P_THRESHOLD: f64 = 0.001;

/// Pearson's χ² goodness-of-fit test of the exposures per variant against the split.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SampleRatioCheck {
    /// Σ (observed − expected)² / expected over the variants with weight; infinite when a variant of weight
    /// 0 has units.
    pub chi_square: f64,
    /// The number of variants with weight, minus one.
    pub degrees_of_freedom: u32,
    /// P(χ² ≥ `chi_square`) if the split were working as configured.
    pub p_value: f64,
}

impl SampleRatioCheck {
    /// Tests `exposures[i]`, the units exposed to variant `i`, against `split`.
    pub fn new(exposures: &[u64], split: &Split) -> Result<SampleRatioCheck, InsightsError> {
        let weights = split.weights();
        if exposures.len() != weights.len() {
            return Err(InsightsError::CountsDoNotMatchSplit {
                counts: exposures.len(),
                variants: weights.len(),
            });
        }
        let total: u64 = exposures.iter().sum();
        let weighted = weights.iter().filter(|&&w| w > 0).count();
        // A split has at least one variant with weight; with only one, there is nothing to compare.
        let degrees_of_freedom = u32::try_from(weighted - 1).unwrap_or(u32::MAX);
        let mut chi_square = 0.0;
        for (variant, &observed) in exposures.iter().enumerate() {
            let expected = total as f64 * split.share(variant);
            if expected > 0.0 {
                chi_square += (observed as f64 - expected).powi(2) / expected;
            } else if observed > 0 {
                // Units in a variant that should get none: certainly broken.
                chi_square = f64::INFINITY;
            }
        }
        let p_value = if chi_square.is_infinite() {
            0.0
        } else if degrees_of_freedom == 0 {
            1.0
        } else {
            chi_square_survival(chi_square, degrees_of_freedom)
        };
        Ok(SampleRatioCheck {
            chi_square,
            degrees_of_freedom,
            p_value,
        })
    }

    /// Whether the split is off (p < [`SRM_P_THRESHOLD`]): the experiment's results cannot be trusted.
    pub fn mismatch(&self) -> bool {
        self.p_value < SRM_P_THRESHOLD
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(exposures: &[u64], weights: Vec<u32>) -> SampleRatioCheck {
        SampleRatioCheck::new(exposures, &Split::new(weights).unwrap()).unwrap()
    }

    #[test]
    fn kohavis_worked_example_is_a_mismatch() {
        // Kohavi, Tang & Xu, "Trustworthy Online Controlled Experiments" (2020), chapter 3: 821,588 vs
        // 815,482 users in a 50/50 experiment, p-value 1.8e-6 (scipy.stats.chisquare: χ² = 22.77437,
        // p = 1.82179e-6).
        let result = check(&[821_588, 815_482], vec![50, 50]);
        assert!(
            (result.chi_square - 22.774_368_841_894_36).abs() < 1e-8,
            "{result:?}"
        );
        assert!(
            (result.p_value - 1.821_792_872_619_185_8e-6).abs() < 1e-12,
            "{result:?}"
        );
        assert_eq!(result.degrees_of_freedom, 1);
        assert!(result.mismatch());
    }

    #[test]
    fn counts_that_fit_an_uneven_split_pass() {
        // Expected 2000 / 8000; χ² = 30²/2000 + 30²/8000 = 0.5625, p = 0.45325 (scipy.stats.chisquare).
        let result = check(&[2_030, 7_970], vec![20, 80]);
        assert!((result.chi_square - 0.5625).abs() < 1e-12);
        assert!((result.p_value - 0.453_254_7).abs() < 1e-6, "{result:?}");
        assert!(!result.mismatch());
    }

    #[test]
    fn three_variants_use_two_degrees_of_freedom() {
        // Expected 1000 each; χ² = (100² + 50² + 150²)/1000 = 35, p = e^(−35/2) exactly for 2 degrees.
        let result = check(&[1_100, 1_050, 850], vec![1, 1, 1]);
        assert_eq!(result.degrees_of_freedom, 2);
        assert!((result.chi_square - 35.0).abs() < 1e-12);
        assert!((result.p_value / (-17.5f64).exp() - 1.0).abs() < 1e-12);
        assert!(result.mismatch());
    }

    #[test]
    fn a_variant_switched_off_must_stay_empty() {
        let clean = check(&[500, 0, 510], vec![1, 0, 1]);
        assert_eq!(clean.degrees_of_freedom, 1);
        assert!(!clean.mismatch());
        let leaking = check(&[500, 3, 510], vec![1, 0, 1]);
        assert_eq!(leaking.p_value, 0.0);
        assert!(leaking.mismatch());
    }

    #[test]
    fn no_exposures_is_no_evidence() {
        let result = check(&[0, 0], vec![1, 1]);
        assert_eq!(result.p_value, 1.0);
        assert!(!result.mismatch());
    }

    #[test]
    fn counts_must_match_the_split() {
        let split = Split::new(vec![1, 1]).unwrap();
        assert_eq!(
            SampleRatioCheck::new(&[1, 2, 3], &split),
            Err(InsightsError::CountsDoNotMatchSplit {
                counts: 3,
                variants: 2
            })
        );
    }
}
