//! Triage accuracy: how often the queue (or priority) triage chose is the one an agent left the ticket in.

use crate::Proportion;
use std::collections::{BTreeMap, BTreeSet};

/// Counts of (triaged, corrected) pairs: rows are what triage chose, columns what the ticket ended with (the
/// same label when no one re-routed it). Labels are queues, priorities or anything else ordered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfusionMatrix<L: Ord> {
    rows: BTreeMap<L, BTreeMap<L, u64>>,
}

impl<L: Ord> Default for ConfusionMatrix<L> {
    fn default() -> Self {
        ConfusionMatrix {
            rows: BTreeMap::new(),
        }
    }
}

impl<L: Ord> ConfusionMatrix<L> {
    /// An empty matrix.
    pub fn new() -> ConfusionMatrix<L> {
        ConfusionMatrix::default()
    }

    /// Adds `count` tickets triaged to `triaged` and finally in `corrected`.
    pub fn add(&mut self, triaged: L, corrected: L, count: u64) {
        *self
            .rows
            .entry(triaged)
            .or_default()
            .entry(corrected)
            .or_default() += count;
    }

    /// Tickets triaged to `triaged` that ended in `corrected`.
    pub fn count(&self, triaged: &L, corrected: &L) -> u64 {
        self.rows
            .get(triaged)
            .and_then(|row| row.get(corrected))
            .copied()
            .unwrap_or(0)
    }

    /// Every label seen on either side, in order: the rows and columns of the matrix.
    pub fn labels(&self) -> Vec<&L> {
        let labels: BTreeSet<&L> = self
            .rows
            .iter()
            .flat_map(|(triaged, row)| row.keys().chain([triaged]))
            .collect();
        labels.into_iter().collect()
    }

    /// All tickets counted.
    pub fn total(&self) -> u64 {
        self.rows.values().flat_map(BTreeMap::values).sum()
    }

    /// Tickets that stayed where triage put them (the diagonal).
    pub fn correct(&self) -> u64 {
        self.rows
            .iter()
            .map(|(triaged, row)| row.get(triaged).copied().unwrap_or(0))
            .sum()
    }

    /// Accuracy as a proportion (correct out of total), so it comes with its Wilson interval; one minus it is
    /// the re-route rate.
    pub fn accuracy(&self) -> Proportion {
        Proportion {
            successes: self.correct(),
            trials: self.total(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accuracy_is_the_diagonal_over_the_total() {
        // 50 tickets: billing 20 (18 stayed, 2 moved to trust), trust 20 (15 stayed, 5 to billing),
        // general 10 (7 stayed, 3 to billing). Correct = 18 + 15 + 7 = 40, accuracy 40/50 = 0.8.
        let mut matrix = ConfusionMatrix::new();
        for (triaged, corrected, count) in [
            ("billing", "billing", 18),
            ("billing", "trust", 2),
            ("trust", "trust", 15),
            ("trust", "billing", 5),
            ("general", "general", 7),
            ("general", "billing", 3),
        ] {
            matrix.add(triaged, corrected, count);
        }
        assert_eq!(matrix.total(), 50);
        assert_eq!(matrix.correct(), 40);
        assert_eq!(matrix.accuracy().rate(), Some(0.8));
        assert_eq!(matrix.count(&"trust", &"billing"), 5);
        assert_eq!(matrix.count(&"billing", &"general"), 0);
        assert_eq!(matrix.labels(), vec![&"billing", &"general", &"trust"]);
        // Wilson 95 % for 40/50 (statsmodels proportion_confint method="wilson"): [0.6696, 0.8876].
        let interval = matrix.accuracy().wilson_interval();
        assert!(
            (interval.low - 0.6696).abs() < 1e-4 && (interval.high - 0.8876).abs() < 1e-4,
            "{interval:?}"
        );
    }

    #[test]
    fn adding_accumulates_and_labels_only_seen_as_corrections_appear() {
        let mut matrix = ConfusionMatrix::new();
        matrix.add("normal", "urgent", 1);
        matrix.add("normal", "urgent", 2);
        assert_eq!(matrix.count(&"normal", &"urgent"), 3);
        assert_eq!(matrix.labels(), vec![&"normal", &"urgent"]);
        assert_eq!(matrix.accuracy().rate(), Some(0.0));
        assert_eq!(ConfusionMatrix::<&str>::new().accuracy().rate(), None);
    }
}
