//! Always-valid comparison of two variants' rates, safe to look at every day.
//!
//! An ordinary 95 % interval is right 95 % of the time *at one planned look*; checked daily and acted on at
//! the first "significant" day, it is wrong far more often (the simulation in `tests/peeking.rs` measures
//! it). A confidence sequence is a sequence of intervals that contain the true difference at *every* look at
//! once with probability 1 − α, so the experiment may be stopped the first day it excludes zero.
//!
//! This is the Gaussian-mixture asymptotic confidence sequence of Waudby-Smith, Arnold, Wu, Ramdas & Howard,
//! "Time-uniform central limit theory and asymptotic confidence sequences" (Annals of Statistics, 2024),
//! Theorem 2.2, applied to the difference of the two rates with its plug-in variance V:
//!
//! ```text
//! radius² = V · (n ρ² + 1) / (n ρ²) · (ln(n ρ² + 1) − 2 ln α)
//! ```
//!
//! with n the units in both variants. ρ² = (−2 ln α + ln(1 − 2 ln α)) / n* makes the sequence tightest when n
//! reaches n*, the number of units the experiment plans to expose (their eq. 2.9). Inverting the normal-mixture
//! sequential probability ratio test (mSPRT) of Johari, Pekelis & Walsh, "Always valid inference" (Operations
//! Research, 2022) with mixing variance τ = n V ρ² gives the same boundary; the tests check that.

use crate::{InsightsError, Interval, Proportion};
use serde::Serialize;

/// The interval is all of [−1, 1] until each variant has this many successes and this many failures: the
/// normal approximation the sequence rests on is poor before that (the usual n·p ≥ 5 rule).
pub const MIN_OUTCOMES_PER_VARIANT: u64 = 5;

/// Which way a metric should move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Higher is better, e.g. self-service resolution.
    Increase,
    /// Lower is better, e.g. ticket rate or repeat contact.
    Decrease,
}

/// What an experiment's comparison says today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Variant B is better: the whole interval lies on B's side of zero.
    BBetter,
    /// Variant A is better.
    ABetter,
    /// The interval still contains zero: keep running, or stop and call it a tie.
    NoDifferenceYet,
}

/// A confidence sequence for rate(B) − rate(A) at level 1 − α, tuned for a planned number of units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConfidenceSequence {
    alpha: f64,
    rho_squared: f64,
}

impl ConfidenceSequence {
    /// A sequence whose intervals all hold together with probability `1 − alpha` (e.g. 0.05), tightest when
    /// `planned_units` units (both variants together) have been exposed. It stays valid before and after that
    /// point; the tuning only decides where it is narrowest.
    pub fn new(alpha: f64, planned_units: u64) -> Result<ConfidenceSequence, InsightsError> {
        if !(alpha > 0.0 && alpha < 1.0) {
            return Err(InsightsError::AlphaOutOfRange);
        }
        if planned_units == 0 {
            return Err(InsightsError::NoPlannedUnits);
        }
        let log_term = -2.0 * alpha.ln();
        let rho_squared = (log_term + (1.0 + log_term).ln()) / planned_units as f64;
        Ok(ConfidenceSequence { alpha, rho_squared })
    }

    /// The interval for `b.rate() − a.rate()` after the units counted so far (cumulative since the start).
    pub fn interval(&self, a: &Proportion, b: &Proportion) -> Interval {
        let enough = |p: &Proportion| {
            p.successes() >= MIN_OUTCOMES_PER_VARIANT && p.failures() >= MIN_OUTCOMES_PER_VARIANT
        };
        let (true, true, Some(rate_a), Some(rate_b)) = (enough(a), enough(b), a.rate(), b.rate())
        else {
            return Interval {
                low: -1.0,
                high: 1.0,
            };
        };
        let variance = rate_a * (1.0 - rate_a) / a.trials() as f64
            + rate_b * (1.0 - rate_b) / b.trials() as f64;
        let mixing = (a.trials() + b.trials()) as f64 * self.rho_squared;
        let radius = (variance * (mixing + 1.0) / mixing
            * ((mixing + 1.0).ln() - 2.0 * self.alpha.ln()))
        .sqrt();
        let difference = rate_b - rate_a;
        Interval {
            low: (difference - radius).max(-1.0),
            high: (difference + radius).min(1.0),
        }
    }

    /// B better, A better or no difference yet, for a metric that should move toward `goal`.
    pub fn decide(&self, a: &Proportion, b: &Proportion, goal: Goal) -> Decision {
        let interval = self.interval(a, b);
        let b_higher = interval.low > 0.0;
        let a_higher = interval.high < 0.0;
        match (goal, b_higher, a_higher) {
            (Goal::Increase, true, _) | (Goal::Decrease, _, true) => Decision::BBetter,
            (Goal::Increase, _, true) | (Goal::Decrease, true, _) => Decision::ABetter,
            _ => Decision::NoDifferenceYet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Z_95;
    use proptest::prelude::*;

    fn p(successes: u64, trials: u64) -> Proportion {
        Proportion::new(successes, trials).unwrap()
    }

    #[test]
    fn matches_a_hand_computation() {
        // α = 0.05, n* = 10,000: ρ² = (5.9914645 + ln 6.9914645) / 10,000 = 7.936154601737565e-4.
        // A 300/1000, B 360/1000: V = 0.3·0.7/1000 + 0.36·0.64/1000 = 4.404e-4, nρ² = 1.5872309;
        // radius = √(V · 2.5872309/1.5872309 · (ln 2.5872309 + 5.9914645)) = 0.07059357034594843
        // (computed in Python from the formula in the module documentation).
        let sequence = ConfidenceSequence::new(0.05, 10_000).unwrap();
        let interval = sequence.interval(&p(300, 1_000), &p(360, 1_000));
        assert!(
            (interval.low - (0.06 - 0.070_593_570_345_948_43)).abs() < 1e-12,
            "{interval:?}"
        );
        assert!(
            (interval.high - (0.06 + 0.070_593_570_345_948_43)).abs() < 1e-12,
            "{interval:?}"
        );
    }

    #[test]
    fn its_ends_are_where_the_msprt_reaches_one_over_alpha() {
        // Johari, Pekelis & Walsh (2022), eq. (11): with a N(0, τ) mixture over the difference θ, the
        // likelihood ratio of an estimate d with variance V is Λ = √(V/(V+τ)) · exp(τ d² / (2V(V+τ))), and
        // the test rejects θ = d₀ once Λ(d − d₀) ≥ 1/α. With τ = n V ρ², the ends of our interval are
        // exactly those d₀.
        let alpha = 0.05;
        let sequence = ConfidenceSequence::new(alpha, 20_000).unwrap();
        let (a, b) = (p(1_200, 5_000), p(1_310, 4_800));
        let interval = sequence.interval(&a, &b);
        let (ra, rb) = (a.rate().unwrap(), b.rate().unwrap());
        let variance = ra * (1.0 - ra) / 5_000.0 + rb * (1.0 - rb) / 4_800.0;
        let tau = 9_800.0 * variance * sequence.rho_squared;
        let likelihood_ratio = |distance: f64| {
            (variance / (variance + tau)).sqrt()
                * (tau * distance * distance / (2.0 * variance * (variance + tau))).exp()
        };
        for end in [interval.low, interval.high] {
            assert!((likelihood_ratio(rb - ra - end) - 1.0 / alpha).abs() < 1e-9);
        }
    }

    #[test]
    fn decisions_follow_the_goal() {
        let sequence = ConfidenceSequence::new(0.05, 10_000).unwrap();
        let (low, high) = (p(300, 2_000), p(420, 2_000));
        assert_eq!(
            sequence.decide(&low, &high, Goal::Increase),
            Decision::BBetter
        );
        assert_eq!(
            sequence.decide(&high, &low, Goal::Increase),
            Decision::ABetter
        );
        assert_eq!(
            sequence.decide(&low, &high, Goal::Decrease),
            Decision::ABetter
        );
        assert_eq!(
            sequence.decide(&high, &low, Goal::Decrease),
            Decision::BBetter
        );
        assert_eq!(
            sequence.decide(&low, &p(310, 2_000), Goal::Increase),
            Decision::NoDifferenceYet
        );
    }

    #[test]
    fn too_few_outcomes_say_nothing() {
        let sequence = ConfidenceSequence::new(0.05, 1_000).unwrap();
        // B has only 4 failures: a rate of 0.99 on 400 units is not enough for the normal approximation.
        let everything = Interval {
            low: -1.0,
            high: 1.0,
        };
        assert_eq!(sequence.interval(&p(100, 400), &p(396, 400)), everything);
        assert_eq!(sequence.interval(&p(4, 400), &p(100, 400)), everything);
        assert_eq!(sequence.interval(&p(0, 0), &p(100, 400)), everything);
        assert_eq!(
            sequence.decide(&p(4, 400), &p(300, 400), Goal::Increase),
            Decision::NoDifferenceYet
        );
    }

    #[test]
    fn bad_parameters_are_refused() {
        assert_eq!(
            ConfidenceSequence::new(0.0, 10),
            Err(InsightsError::AlphaOutOfRange)
        );
        assert_eq!(
            ConfidenceSequence::new(1.0, 10),
            Err(InsightsError::AlphaOutOfRange)
        );
        assert_eq!(
            ConfidenceSequence::new(f64::NAN, 10),
            Err(InsightsError::AlphaOutOfRange)
        );
        assert_eq!(
            ConfidenceSequence::new(0.05, 0),
            Err(InsightsError::NoPlannedUnits)
        );
    }

    proptest! {
        #[test]
        fn the_sequence_is_wider_than_the_one_look_interval_and_holds_the_estimate(
            na in 20u64..100_000, sa in 0.05..0.95f64, nb in 20u64..100_000, sb in 0.05..0.95f64,
            planned in 100u64..1_000_000,
        ) {
            let a = p((na as f64 * sa).round() as u64, na);
            let b = p((nb as f64 * sb).round() as u64, nb);
            let interval = ConfidenceSequence::new(0.05, planned).unwrap().interval(&a, &b);
            let (ra, rb) = (a.rate().unwrap(), b.rate().unwrap());
            prop_assert!(-1.0 <= interval.low && interval.high <= 1.0);
            prop_assert!(interval.contains(rb - ra));
            // Being valid at every look costs width: it always reaches past the one-look Wald interval.
            let wald = Z_95 * (ra * (1.0 - ra) / na as f64 + rb * (1.0 - rb) / nb as f64).sqrt();
            prop_assert!(interval.low < rb - ra - wald || interval.low == -1.0);
            prop_assert!(interval.high > rb - ra + wald || interval.high == 1.0);
        }
    }
}
