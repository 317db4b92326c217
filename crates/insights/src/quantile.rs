//! Percentiles of first-response times.
//!
//! [`quantile`] interpolates linearly between the two nearest order statistics: definition 7 of Hyndman & Fan,
//! "Sample quantiles in statistical packages" (The American Statistician 50, 1996), the default of R, NumPy
//! and spreadsheet `PERCENTILE`, so our p90 is the one an analyst recomputes from an export.

use serde::Serialize;

/// The `q`-quantile (0 ≤ q ≤ 1) of `sorted`, which must be in ascending order: with h = (n − 1)·q, the value
/// at ⌊h⌋ plus (h − ⌊h⌋) of the step to the next one. `None` for no values or a `q` outside [0, 1].
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let below = h.floor() as usize;
    let above = h.ceil() as usize;
    Some(sorted[below] + (h - below as f64) * (sorted[above] - sorted[below]))
}

/// The median and 90th percentile of a set of first-response times.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ResponseTimes {
    /// How many responses the percentiles describe.
    pub count: usize,
    /// Median, in the unit of the input (the desk uses business seconds).
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

impl ResponseTimes {
    /// The percentiles of `times` in any order; `None` when there are none. NaNs sort last.
    pub fn new(mut times: Vec<f64>) -> Option<ResponseTimes> {
        times.sort_by(f64::total_cmp);
        Some(ResponseTimes {
            count: times.len(),
            p50: quantile(&times, 0.5)?,
            p90: quantile(&times, 0.9)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn percentiles_match_numpy() {
        // numpy.percentile([12, 45, 7, 300, 61, 18, 95, 33, 140, 5, 27], [50, 90]) == [33.0, 140.0]
        let times = vec![
            12.0, 45.0, 7.0, 300.0, 61.0, 18.0, 95.0, 33.0, 140.0, 5.0, 27.0,
        ];
        let result = ResponseTimes::new(times).unwrap();
        assert_eq!(
            result,
            ResponseTimes {
                count: 11,
                p50: 33.0,
                p90: 140.0
            }
        );
        // numpy.percentile([1, 2, 3, 4], [50, 90]) == [2.5, 3.7]: both interpolate.
        let result = ResponseTimes::new(vec![4.0, 1.0, 3.0, 2.0]).unwrap();
        assert!(
            (result.p50 - 2.5).abs() < 1e-12 && (result.p90 - 3.7).abs() < 1e-12,
            "{result:?}"
        );
    }

    #[test]
    fn edge_cases() {
        assert_eq!(ResponseTimes::new(vec![]), None);
        assert_eq!(
            ResponseTimes::new(vec![600.0]),
            Some(ResponseTimes {
                count: 1,
                p50: 600.0,
                p90: 600.0
            })
        );
        assert_eq!(quantile(&[1.0, 2.0], 1.5), None);
        assert_eq!(quantile(&[1.0, 2.0], 0.0), Some(1.0));
        assert_eq!(quantile(&[1.0, 2.0], 1.0), Some(2.0));
    }

    proptest! {
        #[test]
        fn quantiles_are_ordered_and_within_the_data(times in proptest::collection::vec(0.0..1e6f64, 1..200)) {
            let result = ResponseTimes::new(times.clone()).unwrap();
            let min = times.iter().copied().fold(f64::INFINITY, f64::min);
            let max = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(min <= result.p50 && result.p50 <= result.p90 && result.p90 <= max);
            // At least half the values are at or below the median, at least 90 % at or below p90.
            let at_or_below = |x: f64| times.iter().filter(|&&t| t <= x).count() as f64;
            prop_assert!(at_or_below(result.p50) >= 0.5 * times.len() as f64);
            prop_assert!(at_or_below(result.p90) >= 0.9 * times.len() as f64 - 1.0);
        }
    }
}
