//! Small-cell suppression for cohort tables, so a report never singles out a handful of users.
//!
//! A [`CohortTable`] counts distinct users per cell, each user in exactly one cell (audience × language, say),
//! with row totals, column totals and a grand total. [`CohortTable::publish`] hides:
//!
//! - **primary**: every count, cell or total, below k ([`Published::Small`], shown as "< k"). Zero is a count
//!   below k too: showing it would tell a reader that "< k" means at least one;
//! - **secondary**: enough further counts ([`Published::Withheld`]) that no hidden count can be worked out
//!   from what is shown, e.g. a row total minus the row's other cells;
//! - **everything** ([`Published::Hidden`]) in the rare tiny table where the marks alone would give a count
//!   away.
//!
//! The reader is assumed to know everything published, that each "< k" count is in [0, k − 1] and each
//! withheld one is at least k. The equations a table's totals give are "each row and each column adds up",
//! so the unknown counts can move together only along alternating cycles of hidden counts: +1 here, −1 in
//! another cell of the same row, +1 in another of that cell's column, and so on back to the start. A hidden
//! count can take another value consistent with everything published if and only if such a cycle through it
//! stays within every count's bounds (any other consistent table differs from the true one by a sum of such
//! cycles). So the secondary step looks, for each hidden count, for a cycle through it, and when there is none
//! hides the cheapest cells that complete one: a shortest path, each shown cell costing its count, so that as
//! little as possible is lost (the network-flow approach of Cox, "Suppression methodology and statistical
//! disclosure control", JASA 1980).
//!
//! To treat totals like cells, the table is extended by a total row and a total column whose entries count
//! negatively: then every line of the extended table sums to zero, and a hidden total is just one more hidden
//! entry on the cycles.
//!
//! Tables whose users can be in several cells of a row (funnel steps, for instance) are not additive, and
//! their totals must not be published alongside this table's.

use crate::InsightsError;
use serde::Serialize;

/// Distinct users per cell of a cohort table, rows × columns, each user counted in one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CohortTable {
    counts: Vec<Vec<u64>>,
}

/// What a report may show of one count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Published {
    /// The count itself.
    Count(u64),
    /// Fewer than k users: shown as "< k".
    Small,
    /// Hidden so that a small count cannot be worked out from the rest; at least k.
    Withheld,
    /// Hidden with the whole table, which is so small that even its "< k" and withheld marks would give a
    /// count away (two users in two cells with k = 2, say). Says nothing about the count.
    Hidden,
}

/// A cohort table as a report may show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublishedTable {
    /// The k used: counts below it are [`Published::Small`].
    pub min_users: u64,
    /// Row by row, as in the [`CohortTable`].
    pub cells: Vec<Vec<Published>>,
    /// One per row.
    pub row_totals: Vec<Published>,
    /// One per column.
    pub column_totals: Vec<Published>,
    /// Everyone in the table.
    pub total: Published,
}

impl CohortTable {
    /// A table from its rows; every row must have the same, non-zero number of cells.
    pub fn new(counts: Vec<Vec<u64>>) -> Result<CohortTable, InsightsError> {
        let columns = counts.first().map_or(0, Vec::len);
        if columns == 0 || counts.iter().any(|row| row.len() != columns) {
            return Err(InsightsError::NotATable);
        }
        Ok(CohortTable { counts })
    }

    /// The counts, row by row.
    pub fn counts(&self) -> &[Vec<u64>] {
        &self.counts
    }

    /// The table with every count below `min_users` (k) shown as small and enough others withheld that none
    /// of them can be derived. With k ≤ 1 nothing is hidden (a count of 0 describes no one).
    pub fn publish(&self, min_users: u64) -> PublishedTable {
        let mut grid = Grid::new(self, min_users);
        grid.protect_all();
        grid.into_published()
    }
}

/// Whether an entry of the extended table is shown or hidden, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Shown,
    Small,
    Withheld,
    Hidden,
}

/// The extended table: `rows + 1` by `columns + 1`, the last row and column holding the totals.
struct Grid {
    rows: usize,
    columns: usize,
    min_users: u64,
    counts: Vec<u64>,
    states: Vec<State>,
}

/// A node of the bipartite graph whose edges are the entries: every line of the extended table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Row(usize),
    Column(usize),
}

impl Grid {
    fn new(table: &CohortTable, min_users: u64) -> Grid {
        let rows = table.counts.len() + 1;
        let columns = table.counts[0].len() + 1;
        let mut counts = vec![0u64; rows * columns];
        for (r, row) in table.counts.iter().enumerate() {
            for (c, &count) in row.iter().enumerate() {
                counts[r * columns + c] = count;
                counts[r * columns + columns - 1] += count;
                counts[(rows - 1) * columns + c] += count;
                counts[rows * columns - 1] += count;
            }
        }
        // With k ≤ 1 only a count of 0 would be "small", and it describes no one.
        let states = counts
            .iter()
            .map(|&count| {
                if min_users > 1 && count < min_users {
                    State::Small
                } else {
                    State::Shown
                }
            })
            .collect();
        Grid {
            rows,
            columns,
            min_users,
            counts,
            states,
        }
    }

    fn index(&self, row: usize, column: usize) -> usize {
        row * self.columns + column
    }

    /// Totals count negatively in the extended table (the grand total, at the crossing of two, positively),
    /// so every line sums to zero.
    fn is_total(&self, row: usize, column: usize) -> bool {
        (row == self.rows - 1) != (column == self.columns - 1)
    }

    /// Whether the reader's bounds let this entry's *count* go up by one, or down by one, if its state were
    /// `state`. Shown entries are fixed.
    fn can_move(&self, index: usize, state: State) -> (bool, bool) {
        let count = self.counts[index];
        match state {
            State::Shown => (false, false),
            State::Small => (count + 1 < self.min_users, count > 0),
            State::Withheld => (true, count > self.min_users),
            State::Hidden => (true, count > 0),
        }
    }

    /// The moves of the entry's *signed* value (+1: "up", −1: "down") the bounds allow in `state`.
    fn signed_moves(&self, row: usize, column: usize, state: State) -> (bool, bool) {
        let (grow, shrink) = self.can_move(self.index(row, column), state);
        if self.is_total(row, column) {
            (shrink, grow)
        } else {
            (grow, shrink)
        }
    }

    /// Hides entries until no hidden entry can be derived.
    fn protect_all(&mut self) {
        while let Some((row, column)) = self.first_derivable() {
            if !self.protect(row, column) {
                // The "< k" and "at least k" bounds alone pin this count, whatever else is withheld (in
                // tiny tables with totals of exactly k, say): show nothing of the table.
                self.states.fill(State::Hidden);
                break;
            }
        }
    }

    fn first_derivable(&self) -> Option<(usize, usize)> {
        (0..self.rows)
            .flat_map(|row| (0..self.columns).map(move |column| (row, column)))
            .find(|&(row, column)| {
                self.states[self.index(row, column)] != State::Shown
                    && self.cheapest_cycle(row, column, false).is_none()
            })
    }

    /// Withholds the cheapest shown entries that complete a feasible cycle through (row, column); false if
    /// none can.
    fn protect(&mut self, row: usize, column: usize) -> bool {
        let Some(path) = self.cheapest_cycle(row, column, true) else {
            return false;
        };
        for index in path {
            if self.states[index] == State::Shown {
                self.states[index] = State::Withheld;
            }
        }
        true
    }

    /// The entries, other than (row, column), of the cheapest cycle through it along which every entry can
    /// move by one within its bounds. Hidden entries cost nothing; when `may_withhold`, shown entries may be
    /// used at the cost of their count (as they would move once withheld).
    fn cheapest_cycle(&self, row: usize, column: usize, may_withhold: bool) -> Option<Vec<usize>> {
        let state = self.states[self.index(row, column)];
        let (up, down) = self.signed_moves(row, column, state);
        // Up along (row → column) closes back with a path column ⇝ row; down the other way round.
        let mut best: Option<(u128, Vec<usize>)> = None;
        for (feasible, from, to) in [
            (up, Line::Column(column), Line::Row(row)),
            (down, Line::Row(row), Line::Column(column)),
        ] {
            if !feasible {
                continue;
            }
            if let Some(found) = self.shortest_path(from, to, (row, column), may_withhold)
                && best.as_ref().is_none_or(|(cost, _)| found.0 < *cost)
            {
                best = Some(found);
            }
        }
        best.map(|(_, path)| path)
    }

    /// Dijkstra from `from` to `to` over the lines, skipping the entry `excluded`. A step row → column uses an
    /// entry moving up, column → row one moving down.
    fn shortest_path(
        &self,
        from: Line,
        to: Line,
        excluded: (usize, usize),
        may_withhold: bool,
    ) -> Option<(u128, Vec<usize>)> {
        let node = |line: Line| match line {
            Line::Row(r) => r,
            Line::Column(c) => self.rows + c,
        };
        let nodes = self.rows + self.columns;
        let mut distance: Vec<Option<u128>> = vec![None; nodes];
        // For each reached node, the node before it and the entry stepped along.
        let mut previous: Vec<Option<(usize, usize)>> = vec![None; nodes];
        let mut done = vec![false; nodes];
        distance[node(from)] = Some(0);
        loop {
            let current = (0..nodes)
                .filter(|&n| !done[n])
                .filter_map(|n| distance[n].map(|d| (d, n)))
                .min()?;
            let (cost_so_far, current) = current;
            if current == node(to) {
                break;
            }
            done[current] = true;
            let steps: Vec<(usize, usize, usize)> = if current < self.rows {
                (0..self.columns)
                    .map(|c| (current, c, self.rows + c))
                    .collect()
            } else {
                let c = current - self.rows;
                (0..self.rows).map(|r| (r, c, r)).collect()
            };
            for (r, c, next) in steps {
                if (r, c) == excluded || done[next] {
                    continue;
                }
                let index = self.index(r, c);
                let state = self.states[index];
                let (cost, as_state) = match state {
                    State::Shown if may_withhold => {
                        (u128::from(self.counts[index]), State::Withheld)
                    }
                    State::Shown => continue,
                    hidden => (0, hidden),
                };
                let (up, down) = self.signed_moves(r, c, as_state);
                let going_up = current < self.rows;
                if (going_up && !up) || (!going_up && !down) {
                    continue;
                }
                let candidate = cost_so_far + cost;
                if distance[next].is_none_or(|d| candidate < d) {
                    distance[next] = Some(candidate);
                    previous[next] = Some((current, index));
                }
            }
        }
        let mut path = Vec::new();
        let mut at = node(to);
        while at != node(from) {
            let (before, index) = previous[at]?;
            path.push(index);
            at = before;
        }
        distance[node(to)].map(|cost| (cost, path))
    }

    fn into_published(self) -> PublishedTable {
        let published = |row: usize, column: usize| {
            let index = self.index(row, column);
            match self.states[index] {
                State::Shown => Published::Count(self.counts[index]),
                State::Small => Published::Small,
                State::Withheld => Published::Withheld,
                State::Hidden => Published::Hidden,
            }
        };
        let (last_row, last_column) = (self.rows - 1, self.columns - 1);
        PublishedTable {
            min_users: self.min_users,
            cells: (0..last_row)
                .map(|r| (0..last_column).map(|c| published(r, c)).collect())
                .collect(),
            row_totals: (0..last_row).map(|r| published(r, last_column)).collect(),
            column_totals: (0..last_column).map(|c| published(last_row, c)).collect(),
            total: published(last_row, last_column),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Published::{Count, Small, Withheld};

    fn publish(rows: &[&[u64]], k: u64) -> PublishedTable {
        CohortTable::new(rows.iter().map(|row| row.to_vec()).collect())
            .unwrap()
            .publish(k)
    }

    #[test]
    fn one_small_cell_is_covered_by_the_cheapest_rectangle() {
        // 3 of 93 in row x: the row and column totals would give it away. The cheapest cycle through it is
        // the rectangle with (y, a) = 20, (y, b) = 60 and (x, b) = 40 (cost 120; via row z or column c costs
        // more), the textbook pattern: every row and column then hides two cells, which can trade ±1.
        let published = publish(&[&[3, 40, 50], &[20, 60, 70], &[25, 80, 90]], 10);
        assert_eq!(
            published.cells,
            vec![
                vec![Small, Withheld, Count(50)],
                vec![Withheld, Withheld, Count(70)],
                vec![Count(25), Count(80), Count(90)],
            ]
        );
        assert_eq!(
            published.row_totals,
            vec![Count(93), Count(150), Count(195)]
        );
        assert_eq!(
            published.column_totals,
            vec![Count(48), Count(180), Count(210)]
        );
        assert_eq!(published.total, Count(438));
    }

    #[test]
    fn a_table_without_small_counts_is_shown_whole() {
        let published = publish(&[&[10, 40], &[20, 60]], 10);
        assert_eq!(
            published.cells,
            vec![vec![Count(10), Count(40)], vec![Count(20), Count(60)]]
        );
        assert_eq!(published.total, Count(130));
    }

    #[test]
    fn a_small_total_is_hidden_with_its_cells() {
        // Row y has 6 users: its total is as small as its cells.
        let published = publish(&[&[30, 40, 50], &[2, 3, 1]], 10);
        assert_eq!(published.row_totals[1], Small);
        assert!(published.cells[1].iter().all(|&cell| cell == Small));
    }

    #[test]
    fn k_of_one_hides_nothing() {
        let published = publish(&[&[0, 1], &[2, 3]], 1);
        assert_eq!(
            published.cells,
            vec![vec![Count(0), Count(1)], vec![Count(2), Count(3)]]
        );
    }

    #[test]
    fn tables_must_be_rectangular_and_not_empty() {
        assert_eq!(CohortTable::new(vec![]), Err(InsightsError::NotATable));
        assert_eq!(
            CohortTable::new(vec![vec![]]),
            Err(InsightsError::NotATable)
        );
        assert_eq!(
            CohortTable::new(vec![vec![1, 2], vec![3]]),
            Err(InsightsError::NotATable)
        );
    }
}
