//! Rates with their uncertainty: the Wilson score interval for one proportion and Newcombe's hybrid score
//! interval for the difference of two.
//!
//! Both stay inside [0, 1] (or [−1, 1]) and behave on tiny samples and on 0 or 100 %, where the textbook
//! "p ± 1.96·SE" interval collapses to a single point (Newcombe 1998, Brown, Cai & DasGupta 2001).

use crate::InsightsError;
use serde::Serialize;

/// Φ⁻¹(0.975): the standard normal quantile of a two-sided 95 % interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// A closed interval `[low, high]` around a rate or a difference of rates.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

impl Interval {
    /// Whether `value` lies in the interval (ends included).
    pub fn contains(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }

    /// `high − low`.
    pub fn width(&self) -> f64 {
        self.high - self.low
    }
}

/// `successes` out of `trials`, e.g. 12 sessions resolved out of 80 opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Proportion {
    // Crate-visible so code that counts a part of a whole (the confusion matrix) can build one directly.
    pub(crate) successes: u64,
    pub(crate) trials: u64,
}

impl Proportion {
    /// `successes` out of `trials`; refused when there are more successes than trials.
    pub fn new(successes: u64, trials: u64) -> Result<Proportion, InsightsError> {
        if successes > trials {
            return Err(InsightsError::SuccessesExceedTrials { successes, trials });
        }
        Ok(Proportion { successes, trials })
    }

    /// How many succeeded.
    pub fn successes(&self) -> u64 {
        self.successes
    }

    /// How many tried.
    pub fn trials(&self) -> u64 {
        self.trials
    }

    /// How many did not succeed.
    pub fn failures(&self) -> u64 {
        self.trials - self.successes
    }

    /// `successes / trials`, or `None` before the first trial.
    pub fn rate(&self) -> Option<f64> {
        (self.trials > 0).then(|| self.successes as f64 / self.trials as f64)
    }

    /// The 95 % Wilson score interval (Wilson 1927), or all of [0, 1] before the first trial.
    pub fn wilson_interval(&self) -> Interval {
        let Some(p) = self.rate() else {
            return Interval {
                low: 0.0,
                high: 1.0,
            };
        };
        let n = self.trials as f64;
        let z2 = Z_95 * Z_95;
        let denominator = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denominator;
        let half = Z_95 / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        // Exactly 0 and 1 at the extremes, where the formula is exact but rounding is not.
        Interval {
            low: if self.successes == 0 {
                0.0
            } else {
                (centre - half).max(0.0)
            },
            high: if self.successes == self.trials {
                1.0
            } else {
                (centre + half).min(1.0)
            },
        }
    }

    /// The 95 % interval for `self.rate() − baseline.rate()`: Newcombe's hybrid score interval (method 10 of
    /// Newcombe 1998), built from the two Wilson intervals. All of [−1, 1] until both have a trial.
    pub fn difference_interval(&self, baseline: &Proportion) -> Interval {
        let (Some(p1), Some(p2)) = (self.rate(), baseline.rate()) else {
            return Interval {
                low: -1.0,
                high: 1.0,
            };
        };
        let w1 = self.wilson_interval();
        let w2 = baseline.wilson_interval();
        let difference = p1 - p2;
        Interval {
            low: (difference - (p1 - w1.low).hypot(w2.high - p2)).max(-1.0),
            high: (difference + (w1.high - p1).hypot(p2 - w2.low)).min(1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn assert_interval(actual: Interval, low: f64, high: f64) {
        assert!(
            (actual.low - low).abs() < 5e-5 && (actual.high - high).abs() < 5e-5,
            "{actual:?} is not [{low}, {high}]"
        );
    }

    #[test]
    fn wilson_matches_newcombe_1998_single_proportion_examples() {
        // Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven methods",
        // Statistics in Medicine 17 (1998) 857–872, Table I, method 3 (score, no continuity correction),
        // to 4 decimals; the same figures come out of statsmodels' proportion_confint(method="wilson").
        let p = |x, n| Proportion::new(x, n).unwrap().wilson_interval();
        assert_interval(p(81, 263), 0.2553, 0.3662);
        assert_interval(p(15, 148), 0.0624, 0.1605);
        assert_interval(p(0, 20), 0.0, 0.1611);
        assert_interval(p(1, 29), 0.0061, 0.1718);
        assert_interval(p(29, 29), 0.8830, 1.0);
    }

    #[test]
    fn difference_matches_newcombe_1998_two_proportion_examples() {
        // Newcombe, "Interval estimation for the difference between independent proportions: comparison of
        // eleven methods", Statistics in Medicine 17 (1998) 873–890, Table II, method 10 (hybrid score), all
        // eight examples (a)–(h); statsmodels' confint_proportions_2indep(method="newcomb") agrees.
        let d = |x1, n1, x2, n2| {
            Proportion::new(x1, n1)
                .unwrap()
                .difference_interval(&Proportion::new(x2, n2).unwrap())
        };
        assert_interval(d(56, 70, 48, 80), 0.0524, 0.3339);
        assert_interval(d(9, 10, 3, 10), 0.1705, 0.8090);
        assert_interval(d(6, 7, 2, 7), 0.0582, 0.8062);
        assert_interval(d(5, 56, 0, 29), -0.0381, 0.1926);
        assert_interval(d(0, 10, 0, 20), -0.1611, 0.2775);
        assert_interval(d(0, 10, 0, 10), -0.2775, 0.2775);
        assert_interval(d(10, 10, 0, 20), 0.6791, 1.0);
        assert_interval(d(10, 10, 0, 10), 0.6075, 1.0);
    }

    #[test]
    fn no_trials_means_no_information() {
        let none = Proportion::new(0, 0).unwrap();
        assert_eq!(none.rate(), None);
        assert_eq!(
            none.wilson_interval(),
            Interval {
                low: 0.0,
                high: 1.0
            }
        );
        let some = Proportion::new(3, 10).unwrap();
        assert_eq!(
            some.difference_interval(&none),
            Interval {
                low: -1.0,
                high: 1.0
            }
        );
    }

    #[test]
    fn more_successes_than_trials_is_refused() {
        assert_eq!(
            Proportion::new(11, 10),
            Err(InsightsError::SuccessesExceedTrials {
                successes: 11,
                trials: 10
            })
        );
    }

    proptest! {
        #[test]
        fn wilson_interval_holds_the_rate_inside_zero_one(trials in 1u64..100_000, share in 0.0..=1.0f64) {
            let successes = (trials as f64 * share).round() as u64;
            let p = Proportion::new(successes, trials).unwrap();
            let interval = p.wilson_interval();
            prop_assert!(0.0 <= interval.low && interval.high <= 1.0);
            prop_assert!(interval.contains(p.rate().unwrap()));
        }

        #[test]
        fn more_trials_narrow_the_interval(trials in 1u64..10_000, share in 0.0..=1.0f64) {
            let successes = (trials as f64 * share).round() as u64;
            let small = Proportion::new(successes, trials).unwrap().wilson_interval();
            let large = Proportion::new(successes * 4, trials * 4).unwrap().wilson_interval();
            prop_assert!(large.width() < small.width());
        }

        #[test]
        fn difference_interval_holds_the_difference_inside_minus_one_one(
            n1 in 1u64..50_000, s1 in 0.0..=1.0f64, n2 in 1u64..50_000, s2 in 0.0..=1.0f64,
        ) {
            let a = Proportion::new((n1 as f64 * s1).round() as u64, n1).unwrap();
            let b = Proportion::new((n2 as f64 * s2).round() as u64, n2).unwrap();
            let interval = a.difference_interval(&b);
            prop_assert!(-1.0 <= interval.low && interval.high <= 1.0);
            prop_assert!(interval.contains(a.rate().unwrap() - b.rate().unwrap()));
            // Swapping the two mirrors the interval.
            let mirrored = b.difference_interval(&a);
            prop_assert!((mirrored.low + interval.high).abs() < 1e-12);
            prop_assert!((mirrored.high + interval.low).abs() < 1e-12);
        }
    }
}
