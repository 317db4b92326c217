//! Deterministic, sticky assignment of units (install ids, page views, hashed user ids) to experiments and
//! variants.
//!
//! A unit's place is a pure function of a salt and its id, so every desk replica, the widget and any other
//! language agree without storing anything, and a unit keeps its variant for the life of the experiment:
//!
//! - [`unit_hash`]: the first 8 bytes, big-endian, of SHA-256(`len(salt)` as u32 big-endian ‖ salt ‖ unit id),
//!   all text as UTF-8. The length prefix keeps (`"ab"`, `"c"`) and (`"a"`, `"bc"`) apart.
//! - A hash `h` picks one of `n` slots as `⌊h · n / 2⁶⁴⌋` (a 128-bit multiply and shift): every slot gets
//!   the same share of hashes, with no modulo bias.
//! - [`Split`]: the variant is the slot among `Σ weights` slots, each variant owning as many as its weight.
//! - [`Namespace`]: experiments that must never share a unit each own a range of the namespace's
//!   [`BUCKETS`] buckets; a unit's bucket comes from the namespace's salt, its variant from the experiment's,
//!   so being in an experiment says nothing about the variant.

use crate::InsightsError;
use sha2::{Digest, Sha256};
use std::ops::Range;

/// How many buckets a namespace has: an allocation's resolution is 0.01 % of units.
pub const BUCKETS: u32 = 10_000;

/// The stable 64-bit hash of a unit under a salt (see the module documentation for the exact bytes).
pub fn unit_hash(salt: &str, unit_id: &str) -> u64 {
    let salt_length = u32::try_from(salt.len()).unwrap_or(u32::MAX);
    let digest = Sha256::new()
        .chain_update(salt_length.to_be_bytes())
        .chain_update(salt.as_bytes())
        .chain_update(unit_id.as_bytes())
        .finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// Which of `slots` slots a hash falls in: `⌊hash · slots / 2⁶⁴⌋`.
fn slot(hash: u64, slots: u64) -> u64 {
    ((u128::from(hash) * u128::from(slots)) >> 64) as u64
}

/// How traffic is divided among an experiment's variants: variant `i` gets `weights[i] / Σ weights` of the
/// units. Variant 0 is the control by convention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    weights: Vec<u32>,
    total: u64,
}

impl Split {
    /// A split with these relative weights, e.g. `[50, 50]` or `[1, 1, 2]`. A variant may have weight 0 (it
    /// gets no one); at least two variants and one weight above zero are required.
    pub fn new(weights: Vec<u32>) -> Result<Split, InsightsError> {
        let total = weights.iter().map(|&w| u64::from(w)).sum();
        if weights.len() < 2 || total == 0 {
            return Err(InsightsError::EmptySplit);
        }
        Ok(Split { weights, total })
    }

    /// The weights as given.
    pub fn weights(&self) -> &[u32] {
        &self.weights
    }

    /// The share of units variant `variant` should get.
    pub fn share(&self, variant: usize) -> f64 {
        self.weights
            .get(variant)
            .map_or(0.0, |&w| f64::from(w) / self.total as f64)
    }

    /// The variant a hash falls in.
    fn variant_for(&self, hash: u64) -> usize {
        let mut position = slot(hash, self.total);
        for (variant, &weight) in self.weights.iter().enumerate() {
            let weight = u64::from(weight);
            if position < weight {
                return variant;
            }
            position -= weight;
        }
        // `slot` is below `total`, the sum of the weights, so the loop always returns.
        self.weights.len() - 1
    }
}

/// One experiment's assignment: its salt and its split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Experiment {
    salt: String,
    split: Split,
}

impl Experiment {
    /// An experiment assigning by `salt` (keep it unique per experiment and never change it while it runs).
    pub fn new(salt: impl Into<String>, split: Split) -> Experiment {
        Experiment {
            salt: salt.into(),
            split,
        }
    }

    /// The split.
    pub fn split(&self) -> &Split {
        &self.split
    }

    /// The variant (an index into the split's weights) of `unit_id`: the same every time, on every replica.
    pub fn variant(&self, unit_id: &str) -> usize {
        self.split.variant_for(unit_hash(&self.salt, unit_id))
    }
}

/// The buckets of a namespace one experiment owns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    /// The experiment's key.
    pub experiment: String,
    /// Its buckets, within `0..BUCKETS`; e.g. `0..2500` is a quarter of the namespace's units. Never move
    /// a running experiment's range: its units would change.
    pub buckets: Range<u32>,
}

/// Experiments that must not share a unit (say, two tests of the same article), each owning its own buckets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Namespace {
    salt: String,
    allocations: Vec<Allocation>,
}

impl Namespace {
    /// A namespace hashing units by `salt`, with non-empty, non-overlapping allocations inside
    /// `0..BUCKETS`, one per experiment. Buckets no experiment owns are in none.
    pub fn new(
        salt: impl Into<String>,
        allocations: Vec<Allocation>,
    ) -> Result<Namespace, InsightsError> {
        for (index, allocation) in allocations.iter().enumerate() {
            let Range { start, end } = allocation.buckets;
            if start >= end || end > BUCKETS {
                return Err(InsightsError::BucketsOutOfRange {
                    experiment: allocation.experiment.clone(),
                    start,
                    end,
                });
            }
            for earlier in &allocations[..index] {
                if earlier.experiment == allocation.experiment {
                    return Err(InsightsError::DuplicateExperiment(
                        allocation.experiment.clone(),
                    ));
                }
                if earlier.buckets.start < end && start < earlier.buckets.end {
                    return Err(InsightsError::OverlappingAllocations {
                        first: earlier.experiment.clone(),
                        second: allocation.experiment.clone(),
                    });
                }
            }
        }
        Ok(Namespace {
            salt: salt.into(),
            allocations,
        })
    }

    /// The unit's bucket in `0..BUCKETS`.
    pub fn bucket(&self, unit_id: &str) -> u32 {
        // `slot` is below BUCKETS, so it fits.
        slot(unit_hash(&self.salt, unit_id), u64::from(BUCKETS)) as u32
    }

    /// The one experiment of this namespace the unit may take part in, if its bucket is allocated.
    pub fn experiment_for(&self, unit_id: &str) -> Option<&str> {
        let bucket = self.bucket(unit_id);
        self.allocations
            .iter()
            .find(|allocation| allocation.buckets.contains(&bucket))
            .map(|allocation| allocation.experiment.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SampleRatioCheck;

    #[test]
    fn hashes_are_pinned_so_other_implementations_can_check_theirs() {
        // Computed independently with Python's hashlib:
        //   s, u = salt.encode(), unit.encode()
        //   int.from_bytes(hashlib.sha256(len(s).to_bytes(4, "big") + s + u).digest()[:8], "big")
        assert_eq!(
            unit_hash("article-wording", "install-7f3a"),
            0xac8d_9c9e_5563_3c54
        );
        assert_eq!(unit_hash("", ""), 0xdf3f_6198_04a9_2fdb);
        assert_eq!(unit_hash("ab", "c"), 0x3dc6_93fb_05f8_7048);
        assert_eq!(unit_hash("a", "bc"), 0xf9c4_a2ab_4de8_1ade);
        assert_eq!(
            unit_hash("sprache", "ünïcode-ユーザー"),
            0xec47_a75e_b479_7d5f
        );
    }

    #[test]
    fn buckets_and_variants_are_pinned_too() {
        // Python: (hash * 10000) >> 64 for the bucket; (hash * 4) >> 64 for the slot of a 1 : 1 : 2 split,
        // whose slots 0, 1 and 2–3 are variants 0, 1 and 2.
        let namespace = Namespace::new("help-articles", vec![]).unwrap();
        let experiment = Experiment::new("article-wording", Split::new(vec![1, 1, 2]).unwrap());
        for (unit, bucket, variant) in [
            ("install-0", 2598, 0),
            ("install-8", 8431, 1),
            ("install-4", 3597, 2),
            ("install-7", 275, 2),
        ] {
            assert_eq!(namespace.bucket(unit), bucket, "{unit}");
            assert_eq!(experiment.variant(unit), variant, "{unit}");
        }
    }

    #[test]
    fn slots_split_the_hash_range_evenly() {
        assert_eq!(slot(0, 100), 0);
        assert_eq!(slot(u64::MAX, 100), 99);
        assert_eq!(slot(1 << 63, 2), 1);
        assert_eq!(slot((1 << 63) - 1, 2), 0);
    }

    #[test]
    fn a_unit_keeps_its_variant_and_the_salt_reshuffles() {
        let split = Split::new(vec![50, 50]).unwrap();
        let first = Experiment::new("status-before-form", split.clone());
        let again = Experiment::new("status-before-form", split.clone());
        let other = Experiment::new("article-wording", split);
        let units: Vec<String> = (0..2_000).map(|i| format!("install-{i}")).collect();
        assert!(units.iter().all(|u| first.variant(u) == again.variant(u)));
        // A different salt is an independent coin: about half the units change side.
        let moved = units
            .iter()
            .filter(|u| first.variant(u) != other.variant(u))
            .count();
        assert!((900..1_100).contains(&moved), "{moved} of 2000 moved");
    }

    #[test]
    fn variants_get_their_weights() {
        // 100,000 units split 1 : 1 : 2; the counts must pass our own sample-ratio check, and each share be
        // within 4 standard errors (√(p(1 − p)/n) ≤ 0.0016) of its weight.
        let experiment = Experiment::new("three-way", Split::new(vec![1, 1, 2]).unwrap());
        let mut counts = [0u64; 3];
        for i in 0..100_000 {
            counts[experiment.variant(&format!("user-{i}"))] += 1;
        }
        for (variant, &count) in counts.iter().enumerate() {
            let share = count as f64 / 100_000.0;
            assert!(
                (share - experiment.split().share(variant)).abs() < 4.0 * 0.0016,
                "{counts:?}"
            );
        }
        let check = SampleRatioCheck::new(&counts, experiment.split()).unwrap();
        assert!(!check.mismatch(), "{check:?}");
    }

    #[test]
    fn a_zero_weight_variant_gets_no_one() {
        let experiment = Experiment::new("ramped-down", Split::new(vec![1, 0, 1]).unwrap());
        assert!((0..10_000).all(|i| experiment.variant(&i.to_string()) != 1));
    }

    #[test]
    fn splits_need_two_variants_and_some_weight() {
        assert_eq!(Split::new(vec![100]), Err(InsightsError::EmptySplit));
        assert_eq!(Split::new(vec![0, 0]), Err(InsightsError::EmptySplit));
    }

    fn allocation(experiment: &str, buckets: Range<u32>) -> Allocation {
        Allocation {
            experiment: experiment.into(),
            buckets,
        }
    }

    #[test]
    fn namespaces_keep_experiments_apart_in_their_shares() {
        let namespace = Namespace::new(
            "help-articles",
            vec![
                allocation("wording", 0..2_500),
                allocation("layout", 2_500..7_500),
            ],
        )
        .unwrap();
        let mut wording = 0;
        let mut layout = 0;
        for i in 0..40_000 {
            let unit = format!("page-view-{i}");
            match namespace.experiment_for(&unit) {
                Some("wording") => wording += 1,
                Some("layout") => layout += 1,
                None => assert!(namespace.bucket(&unit) >= 7_500),
                Some(other) => panic!("unknown experiment {other}"),
            }
        }
        // 25 % and 50 % of 40,000, within 4 standard errors (≈ 350 and 400 units).
        assert!((10_000 - 350..10_000 + 350).contains(&wording), "{wording}");
        assert!((20_000 - 400..20_000 + 400).contains(&layout), "{layout}");
    }

    #[test]
    fn being_in_a_namespace_slice_says_nothing_about_the_variant() {
        // Units in the slice must still split 50/50: the variant hash is independent of the bucket hash.
        let namespace =
            Namespace::new("help-articles", vec![allocation("wording", 0..1_000)]).unwrap();
        let experiment = Experiment::new("wording", Split::new(vec![1, 1]).unwrap());
        let mut counts = [0u64; 2];
        for i in 0..100_000 {
            let unit = format!("u{i}");
            if namespace.experiment_for(&unit).is_some() {
                counts[experiment.variant(&unit)] += 1;
            }
        }
        let check = SampleRatioCheck::new(&counts, experiment.split()).unwrap();
        assert!(!check.mismatch(), "{counts:?}");
    }

    #[test]
    fn bad_namespaces_are_refused() {
        let overlap = Namespace::new(
            "n",
            vec![allocation("a", 0..5_000), allocation("b", 4_999..6_000)],
        );
        assert_eq!(
            overlap,
            Err(InsightsError::OverlappingAllocations {
                first: "a".into(),
                second: "b".into()
            })
        );
        let past_end = Namespace::new("n", vec![allocation("a", 9_000..10_001)]);
        assert!(matches!(
            past_end,
            Err(InsightsError::BucketsOutOfRange { .. })
        ));
        let empty = Namespace::new("n", vec![allocation("a", 10..10)]);
        assert!(matches!(
            empty,
            Err(InsightsError::BucketsOutOfRange { .. })
        ));
        let twice = Namespace::new("n", vec![allocation("a", 0..10), allocation("a", 20..30)]);
        assert_eq!(twice, Err(InsightsError::DuplicateExperiment("a".into())));
        let touching = Namespace::new(
            "n",
            vec![allocation("a", 0..5_000), allocation("b", 5_000..10_000)],
        );
        assert!(touching.is_ok());
    }
}
