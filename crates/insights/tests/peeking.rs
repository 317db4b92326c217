//! Simulated experiments checked every day, as the desk's report will be.
//!
//! - A/A: both variants share one true rate. Each run stops at the first day the check declares a winner;
//!   the share of runs that ever do is the false-positive rate. The confidence sequence must keep it at most
//!   α plus three binomial standard errors of the estimate; the one-look interval checked daily must not
//!   (that is what peeking costs, and shows the simulation can tell).
//! - A planted effect must be found, on the right side, in nearly every run.
//!
//! `cargo test -p signpost-insights --release --test peeking -- --ignored --nocapture` runs the larger
//! versions and prints the measured rates.

use signpost_insights::{ConfidenceSequence, Decision, Goal, Proportion, Z_95};

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): small,
/// fast and plenty good for coin flips; a fixed seed makes every run of the test the same.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// True with probability `p`: compares 53 random bits with p.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// One simulated experiment design.
struct Design {
    rate_a: f64,
    rate_b: f64,
    /// The share of units that go to B.
    share_b: f64,
    units_per_day: u64,
    days: u64,
}

/// How many runs ended with each decision.
#[derive(Debug, Default)]
struct Outcomes {
    runs: u64,
    b_better: u64,
    a_better: u64,
}

impl Outcomes {
    fn any_winner(&self) -> f64 {
        (self.b_better + self.a_better) as f64 / self.runs as f64
    }
}

/// Runs the design `runs` times, checking `decide` on the cumulative counts at the end of every day and
/// stopping a run at its first decision.
fn simulate(
    design: &Design,
    runs: u64,
    seed: u64,
    decide: impl Fn(&Proportion, &Proportion) -> Decision,
) -> Outcomes {
    let mut random = SplitMix64(seed);
    let mut outcomes = Outcomes {
        runs,
        ..Outcomes::default()
    };
    for _ in 0..runs {
        let (mut trials, mut successes) = ([0u64; 2], [0u64; 2]);
        for _ in 0..design.days {
            for _ in 0..design.units_per_day {
                let arm = usize::from(random.chance(design.share_b));
                let rate = if arm == 1 {
                    design.rate_b
                } else {
                    design.rate_a
                };
                trials[arm] += 1;
                successes[arm] += u64::from(random.chance(rate));
            }
            let a = Proportion::new(successes[0], trials[0]).unwrap();
            let b = Proportion::new(successes[1], trials[1]).unwrap();
            match decide(&a, &b) {
                Decision::NoDifferenceYet => continue,
                Decision::BBetter => outcomes.b_better += 1,
                Decision::ABetter => outcomes.a_better += 1,
            }
            break;
        }
    }
    outcomes
}

const ALPHA: f64 = 0.05;

/// The most false positives a correct α-level procedure lets through in `runs` runs, to three binomial
/// standard errors: α + 3·√(α(1 − α)/runs).
fn tolerance(runs: u64) -> f64 {
    ALPHA + 3.0 * (ALPHA * (1.0 - ALPHA) / runs as f64).sqrt()
}

fn sequential(design: &Design) -> impl Fn(&Proportion, &Proportion) -> Decision {
    let sequence = ConfidenceSequence::new(ALPHA, design.units_per_day * design.days).unwrap();
    move |a, b| sequence.decide(a, b, Goal::Increase)
}

/// What a dashboard without sequential statistics does: the one-look 95 % Wald interval, every day.
fn naive(a: &Proportion, b: &Proportion) -> Decision {
    let (Some(ra), Some(rb)) = (a.rate(), b.rate()) else {
        return Decision::NoDifferenceYet;
    };
    let standard_error =
        (ra * (1.0 - ra) / a.trials() as f64 + rb * (1.0 - rb) / b.trials() as f64).sqrt();
    let difference = rb - ra;
    if standard_error > 0.0 && difference > Z_95 * standard_error {
        Decision::BBetter
    } else if standard_error > 0.0 && difference < -Z_95 * standard_error {
        Decision::ABetter
    } else {
        Decision::NoDifferenceYet
    }
}

/// Self-service resolution around 30 %, 200 units a day for four weeks, split evenly.
const A_A: Design = Design {
    rate_a: 0.3,
    rate_b: 0.3,
    share_b: 0.5,
    units_per_day: 200,
    days: 28,
};

#[test]
fn a_a_daily_peeking_keeps_false_positives_at_alpha() {
    let runs = 1_000;
    let sequence = simulate(&A_A, runs, 15, sequential(&A_A));
    assert!(
        sequence.any_winner() <= tolerance(runs),
        "confidence sequence: {sequence:?}"
    );
    // The same data, checked daily with the one-look interval, cries wolf well above α.
    let peeking = simulate(&A_A, runs, 15, naive);
    println!(
        "A/A, {runs} runs: confidence sequence {:.4}, daily Wald {:.4}, tolerance {:.4}",
        sequence.any_winner(),
        peeking.any_winner(),
        tolerance(runs)
    );
    assert!(
        peeking.any_winner() > tolerance(runs),
        "daily Wald interval: {peeking:?}"
    );
}

#[test]
fn a_planted_effect_is_found_on_the_right_side() {
    // 30 % → 36 %, same traffic (z ≈ 4.8 after four weeks): B better in nearly every run, A never.
    let design = Design {
        rate_b: 0.36,
        ..A_A
    };
    let outcomes = simulate(&design, 200, 16, sequential(&design));
    assert_eq!(outcomes.a_better, 0, "{outcomes:?}");
    assert!(outcomes.b_better >= 180, "{outcomes:?}");
}

#[test]
fn a_lower_is_better_metric_finds_the_variant_that_lowers_it() {
    // Ticket rate 12 % → 8 % with an uneven 20/80 split (z ≈ 5.4 after four weeks): B better for a metric
    // that should decrease.
    let design = Design {
        rate_a: 0.12,
        rate_b: 0.08,
        share_b: 0.8,
        units_per_day: 400,
        days: 28,
    };
    let sequence = ConfidenceSequence::new(ALPHA, design.units_per_day * design.days).unwrap();
    let outcomes = simulate(&design, 100, 17, |a, b| {
        sequence.decide(a, b, Goal::Decrease)
    });
    assert_eq!(outcomes.a_better, 0, "{outcomes:?}");
    assert!(outcomes.b_better >= 90, "{outcomes:?}");
}

/// The larger A/A runs: many more runs, a rare outcome, an uneven split, daily traffic from 50 to 2000.
#[test]
#[ignore = "about 10 s in release: run with --release -- --ignored --nocapture"]
fn a_a_at_scale() {
    let runs = 10_000;
    for (seed, design) in [
        (1, A_A),
        (
            2,
            Design {
                rate_a: 0.05,
                rate_b: 0.05,
                share_b: 0.5,
                units_per_day: 200,
                days: 28,
            },
        ),
        (
            3,
            Design {
                rate_a: 0.3,
                rate_b: 0.3,
                share_b: 0.2,
                units_per_day: 500,
                days: 28,
            },
        ),
        (
            4,
            Design {
                rate_a: 0.5,
                rate_b: 0.5,
                share_b: 0.5,
                units_per_day: 50,
                days: 60,
            },
        ),
        (
            5,
            Design {
                rate_a: 0.1,
                rate_b: 0.1,
                share_b: 0.5,
                units_per_day: 2_000,
                days: 28,
            },
        ),
    ] {
        let sequence = simulate(&design, runs, seed, sequential(&design));
        let peeking = simulate(&design, runs, seed, naive);
        println!(
            "rate {} share_b {} {}/day × {} days: confidence sequence {:.4}, daily Wald {:.4} (tolerance {:.4})",
            design.rate_a,
            design.share_b,
            design.units_per_day,
            design.days,
            sequence.any_winner(),
            peeking.any_winner(),
            tolerance(runs)
        );
        assert!(sequence.any_winner() <= tolerance(runs), "{sequence:?}");
    }
}
