//! An attacker against small-cell suppression: given only a published table and k, it searches for tables
//! consistent with everything published (shown counts, row and column totals, the grand total, "< k" meaning
//! 0..k−1, withheld meaning at least k) and reports each hidden count that takes the same value in all of them.
//! Every published table must leave it with nothing.

use proptest::prelude::*;
use signpost_insights::{CohortTable, Published, PublishedTable};
use std::collections::BTreeSet;

/// A count of the table, as the attacker names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    Cell(usize, usize),
    RowTotal(usize),
    ColumnTotal(usize),
    Total,
}

/// What a published entry tells about its count: the inclusive range it must lie in.
fn bounds(published: Published, k: u64) -> (u64, u64) {
    match published {
        Published::Count(n) => (n, n),
        Published::Small => (0, k - 1),
        Published::Withheld => (k, u64::MAX),
        Published::Hidden => (0, u64::MAX),
    }
}

/// The search: hidden cells are tried one by one, row by row, each within `radius` of its true value (the
/// truth only centres the search: any consistent table found is a genuine alternative).
struct Attack<'a> {
    published: &'a PublishedTable,
    truth: &'a [Vec<u64>],
    radius: u64,
    hidden_cells: Vec<(usize, usize)>,
    hidden_entries: BTreeSet<Entry>,
    table: Vec<Vec<u64>>,
    varied: BTreeSet<Entry>,
}

impl Attack<'_> {
    fn k(&self) -> u64 {
        self.published.min_users
    }

    fn row_fits(&self, row: usize, complete: bool) -> bool {
        let sum: u64 = self.table[row].iter().sum();
        let (low, high) = bounds(self.published.row_totals[row], self.k());
        sum <= high && (!complete || low <= sum)
    }

    fn column_fits(&self, column: usize, complete: bool) -> bool {
        let sum: u64 = self.table.iter().map(|row| row[column]).sum();
        let (low, high) = bounds(self.published.column_totals[column], self.k());
        sum <= high && (!complete || low <= sum)
    }

    /// Cells not yet tried stand at their lowest possible value while a partial sum is checked.
    fn search(&mut self, next: usize) {
        if self.varied == self.hidden_entries {
            return;
        }
        let Some(&(row, column)) = self.hidden_cells.get(next) else {
            self.record();
            return;
        };
        let (low, high) = bounds(self.published.cells[row][column], self.k());
        let centre = self.truth[row][column];
        let from = low.max(centre.saturating_sub(self.radius));
        let to = high.min(centre.saturating_add(self.radius));
        let last_in_row = !self.hidden_cells[next + 1..].iter().any(|&(r, _)| r == row);
        let last_in_column = !self.hidden_cells[next + 1..]
            .iter()
            .any(|&(_, c)| c == column);
        for value in from..=to {
            self.table[row][column] = value;
            if self.row_fits(row, last_in_row) && self.column_fits(column, last_in_column) {
                self.search(next + 1);
            }
        }
        self.table[row][column] = bounds(self.published.cells[row][column], self.k()).0;
    }

    /// A complete candidate: check the grand total, then note every hidden count that differs from the truth.
    fn record(&mut self) {
        let total: u64 = self.table.iter().flatten().sum();
        let (low, high) = bounds(self.published.total, self.k());
        if !(low..=high).contains(&total) {
            return;
        }
        for (r, row) in self.table.iter().enumerate() {
            for (c, &value) in row.iter().enumerate() {
                if value != self.truth[r][c] {
                    self.varied.insert(Entry::Cell(r, c));
                }
            }
        }
        let pairs = |a: Vec<u64>, b: Vec<u64>| {
            a.into_iter()
                .zip(b)
                .enumerate()
                .filter(|(_, (x, y))| x != y)
        };
        for (r, _) in pairs(row_sums(&self.table), row_sums(self.truth)) {
            self.varied.insert(Entry::RowTotal(r));
        }
        for (c, _) in pairs(column_sums(&self.table), column_sums(self.truth)) {
            self.varied.insert(Entry::ColumnTotal(c));
        }
        if total != self.truth.iter().flatten().sum::<u64>() {
            self.varied.insert(Entry::Total);
        }
        self.varied
            .retain(|entry| self.hidden_entries.contains(entry));
    }
}

fn row_sums(table: &[Vec<u64>]) -> Vec<u64> {
    table.iter().map(|row| row.iter().sum()).collect()
}

fn column_sums(table: &[Vec<u64>]) -> Vec<u64> {
    (0..table[0].len())
        .map(|c| table.iter().map(|row| row[c]).sum())
        .collect()
}

/// The hidden entries of `published` that only one consistent table value fits.
fn derivable(published: &PublishedTable, truth: &CohortTable, radius: u64) -> Vec<Entry> {
    let hidden = |p: &Published| !matches!(p, Published::Count(_));
    let mut hidden_cells = Vec::new();
    let mut hidden_entries = BTreeSet::new();
    for (r, row) in published.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if hidden(cell) {
                hidden_cells.push((r, c));
                hidden_entries.insert(Entry::Cell(r, c));
            }
        }
    }
    hidden_entries.extend(
        (0..published.row_totals.len())
            .filter(|&r| hidden(&published.row_totals[r]))
            .map(Entry::RowTotal),
    );
    hidden_entries.extend(
        (0..published.column_totals.len())
            .filter(|&c| hidden(&published.column_totals[c]))
            .map(Entry::ColumnTotal),
    );
    if hidden(&published.total) {
        hidden_entries.insert(Entry::Total);
    }
    // Shown cells are what they say; hidden ones start at their lowest possible value.
    let table = published
        .cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|&cell| bounds(cell, published.min_users).0)
                .collect()
        })
        .collect();
    let mut attack = Attack {
        published,
        truth: truth.counts(),
        radius,
        hidden_cells,
        hidden_entries,
        table,
        varied: BTreeSet::new(),
    };
    attack.search(0);
    attack
        .hidden_entries
        .difference(&attack.varied)
        .copied()
        .collect()
}

/// What publishing with primary suppression alone would show: the weakness secondary suppression fixes.
fn primary_only(truth: &CohortTable, k: u64) -> PublishedTable {
    let show = |count: u64| {
        if count < k {
            Published::Small
        } else {
            Published::Count(count)
        }
    };
    let counts = truth.counts();
    PublishedTable {
        min_users: k,
        cells: counts
            .iter()
            .map(|row| row.iter().map(|&n| show(n)).collect())
            .collect(),
        row_totals: row_sums(counts).into_iter().map(show).collect(),
        column_totals: column_sums(counts).into_iter().map(show).collect(),
        total: show(counts.iter().flatten().sum()),
    }
}

fn table(rows: &[&[u64]]) -> CohortTable {
    CohortTable::new(rows.iter().map(|row| row.to_vec()).collect()).unwrap()
}

/// Every value within 200 of the truth, more than any count in the hand-made tables: an exhaustive attack.
const EXHAUSTIVE: u64 = 200;

#[test]
fn a_table_whose_marks_alone_give_it_away_is_hidden_whole() {
    // Two users in two cells, k = 2: "< 2", "< 2" and a withheld total of at least 2 mean 1 and 1.
    let published = table(&[&[1, 1]]).publish(2);
    assert!(
        published.cells[0]
            .iter()
            .all(|&cell| cell == Published::Hidden),
        "{published:?}"
    );
    assert_eq!(published.total, Published::Hidden);
}

#[test]
fn the_attacker_breaks_primary_suppression_alone() {
    // Sellers × language: 3 sellers wrote in Arabic. With the row total published, 93 − 40 − 50 = 3.
    let truth = table(&[&[3, 40, 50], &[20, 60, 70], &[25, 80, 90]]);
    assert_eq!(
        derivable(&primary_only(&truth, 10), &truth, EXHAUSTIVE),
        vec![Entry::Cell(0, 0)]
    );
}

#[test]
fn secondary_suppression_leaves_the_attacker_nothing() {
    for rows in [
        &[&[3u64, 40, 50][..], &[20, 60, 70], &[25, 80, 90]][..],
        // Two small cells in one row still give their sum away with the other rows' help.
        &[&[3, 4, 50], &[20, 60, 70], &[25, 80, 90]],
        // A small row: its total is small too.
        &[&[2, 3, 1], &[20, 60, 70]],
        // One row: every cell is its column's total.
        &[&[5, 40, 12, 0]],
        // One column.
        &[&[4], &[30], &[17]],
        // Counts of exactly k, which cannot be withheld and go down.
        &[&[9, 10, 10], &[10, 10, 10], &[10, 10, 11]],
        // Everything small.
        &[&[1, 2], &[0, 3]],
        // Two users, one per cell, with k = 10: the total is small too.
        &[&[1, 1]],
    ] {
        let truth = table(rows);
        let published = truth.publish(10);
        assert_eq!(
            derivable(&published, &truth, EXHAUSTIVE),
            vec![],
            "{rows:?} published as {published:?}"
        );
    }
}

fn cohort_tables() -> impl Strategy<Value = (CohortTable, u64)> {
    // Mostly counts around k, some large and some zero, so tables mix small, borderline and safe cells.
    let count = prop_oneof![0u64..=3, 2u64..=14, 10u64..=120];
    (1usize..=3, 1usize..=4, 2u64..=10).prop_flat_map(move |(rows, columns, k)| {
        (
            proptest::collection::vec(proptest::collection::vec(count.clone(), columns), rows),
            Just(k),
        )
            .prop_map(|(counts, k)| (CohortTable::new(counts).unwrap(), k))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_published_table_gives_a_hidden_count_away((truth, k) in cohort_tables()) {
        let published = truth.publish(k);
        // Any consistent table differs from the truth by unit moves, so ±1 around the truth is enough to find
        // one; that the attacker looks no further only makes the test stricter.
        prop_assert_eq!(derivable(&published, &truth, 1), vec![], "{:?}", published);
    }

    #[test]
    fn small_counts_are_hidden_and_shown_counts_are_true((truth, k) in cohort_tables()) {
        let published = truth.publish(k);
        let counts = truth.counts();
        for (r, row) in counts.iter().enumerate() {
            for (c, &count) in row.iter().enumerate() {
                let cell = published.cells[r][c];
                match cell {
                    Published::Count(n) => prop_assert!(n == count && n >= k),
                    Published::Small => prop_assert!(count < k),
                    Published::Withheld => prop_assert!(count >= k),
                    Published::Hidden => {}
                }
            }
        }
        let total: u64 = counts.iter().flatten().sum();
        match published.total {
            Published::Count(n) => prop_assert!(n == total && n >= k),
            Published::Small => prop_assert!(total < k),
            Published::Withheld => prop_assert!(total >= k),
            Published::Hidden => {}
        }
    }
}
