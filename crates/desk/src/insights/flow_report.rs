//! `GET /v1/agent/insights/flows`: per version of each guided flow (issue 16), step by step, the people who
//! reached the step and how many ended there resolved, handed off or abandoned. Versions are never mixed: flow
//! events name `flow@version/step`, and an edited flow has a new version.
//!
//! Each person who reached a step is in exactly one of its cells: resolved there (if they ever were in the
//! period), else handed off there, else abandoned there, else went on (or had not ended the flow). So each
//! step is a one-row table adding up to the people who reached it, published with small-cell suppression like
//! the funnel's. Steps are not added up across: a person reaches several, so no total of a version's steps is
//! published that a hidden cell could be worked out from.

use crate::clock::{now_millis, stamp_millis};
use crate::db::{Db, ReportDb};
use crate::insights::parts::{self, Bounds, Part};
use crate::insights::period::Scope;
use crate::insights::reports::{rate, shown};
use crate::insights::rollup::{FLOW_DAY_COLUMNS, flow_days_from_events};
use crate::insights::tally::{self, Tally};
use crate::with_pool;
use signpost_core::flows::FlowSummary;
use signpost_core::insights::events::FlowStepItem;
use signpost_core::insights::reports::{FlowStepRow, FlowVersionRows, FlowsReport};
use signpost_insights::{CohortTable, Published};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

/// How a person's time at a step ended, as the report's SQL numbers it: the cells of a step's row.
const RESOLVED: usize = 0;
const HANDED_OFF: usize = 1;
const ABANDONED: usize = 2;
/// Went on to another step, or had not ended the flow.
const WENT_ON: usize = 3;

/// One person's time at one step in the period: their first flow event there and how it ended.
#[derive(Clone, Debug, PartialEq)]
struct PersonStep {
    unit: String,
    item: FlowStepItem,
    first_ms: i64,
    ending: usize,
}

/// The name the flows report keeps its sums under.
pub(crate) const FLOWS_KEY: &str = "flows";

/// `GET /v1/agent/insights/flows`. `flow` gives what the help center serves now of a flow, by its id.
pub async fn flows(
    db: &ReportDb,
    scope: &Scope,
    flow: impl Fn(&str) -> Option<FlowSummary>,
) -> Result<FlowsReport, sqlx::Error> {
    let total = tally::total(db, FLOWS_KEY, scope, now_millis(), |part, bounds| {
        flows_tally(&db.reads, part, bounds)
    })
    .await?;
    let k = scope.min_users;
    Ok(FlowsReport {
        period: scope.period(),
        live_as_of: total.live_taken_ms.map(stamp_millis),
        min_users: k,
        flows: versions(&total.tally)
            .into_iter()
            .map(|((id, Reverse(version)), steps)| {
                let now = flow(&id);
                FlowVersionRows {
                    title: now.as_ref().map(|summary| summary.title.clone()),
                    current: now.is_some_and(|summary| summary.version == version),
                    flow: id,
                    version,
                    steps: publish(steps, k),
                }
            })
            .collect(),
    })
}

/// The steps' sums of the people `part` counts: per flow, version and step, the people in each cell and the
/// sum of the step's place in their way through the version.
pub(super) async fn flows_tally(db: &Db, part: Part, bounds: Bounds) -> Result<Tally, sqlx::Error> {
    // Unlinked events ('' unit) are nobody in particular: they count no one.
    let sql = format!(
        "SELECT unit, item, MIN(first_ms), \
                CAST(CASE WHEN SUM(resolved) > 0 THEN {RESOLVED} WHEN SUM(handed_off) > 0 THEN {HANDED_OFF} \
                          WHEN SUM(abandoned) > 0 THEN {ABANDONED} ELSE {WENT_ON} END AS BIGINT) \
         FROM ({}) AS f WHERE unit <> '' GROUP BY unit, item",
        parts::rows(
            part,
            "insight_flow_days",
            FLOW_DAY_COLUMNS,
            flow_days_from_events
        )
    );
    let rows: Vec<(String, String, i64, i64)> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(bounds.from_day).bind(bounds.rolled_to).bind(bounds.to_day).fetch_all(pool).await)?;
    let people = rows
        .into_iter()
        .filter_map(|(unit, item, first_ms, ending)| {
            Some(PersonStep {
                item: FlowStepItem::parse(&item)?,
                unit,
                first_ms,
                ending: usize::try_from(ending).ok().filter(|e| *e <= WENT_ON)?,
            })
        })
        .collect();
    Ok(sum_steps(people))
}

/// One step's people, by cell, and the sum of its place in each person's way through the version.
#[derive(Debug, Default)]
struct StepTally {
    cells: [u64; 4],
    places: u64,
}

impl StepTally {
    fn reached(&self) -> u64 {
        self.cells.iter().sum()
    }

    /// Where people reached it on average: 0 for the first step they were shown.
    fn place(&self) -> f64 {
        self.places as f64 / self.reached().max(1) as f64
    }
}

/// A flow's id and version, ordered by id, then newest version first.
type VersionKey = (String, Reverse<u32>);

/// Each person's way through each version, in the order they reached the steps, summed per step: the cells
/// (`RESOLVED`…`WENT_ON`) and then the places, keyed by flow, version and step.
fn sum_steps(people: Vec<PersonStep>) -> Tally {
    let mut ways: HashMap<(String, u32, String), Vec<PersonStep>> = HashMap::new();
    for person_step in people {
        let key = (
            person_step.item.flow.clone(),
            person_step.item.version,
            person_step.unit.clone(),
        );
        ways.entry(key).or_default().push(person_step);
    }
    let mut sums = Tally::default();
    for mut way in ways.into_values() {
        way.sort_by(|a, b| (a.first_ms, &a.item.step).cmp(&(b.first_ms, &b.item.step)));
        for (place, person_step) in way.into_iter().enumerate() {
            let mut values = [0; 5];
            values[person_step.ending] = 1;
            values[4] = place as i64;
            let item = person_step.item;
            sums.add(
                vec![item.flow, item.version.to_string(), item.step],
                &values,
                1,
            );
        }
    }
    sums
}

/// Per flow and version, each step's tally, in the order people reached the steps.
fn versions(sums: &Tally) -> BTreeMap<VersionKey, Vec<(String, StepTally)>> {
    let mut versions: BTreeMap<VersionKey, Vec<(String, StepTally)>> = BTreeMap::new();
    for (key, values) in sums.rows() {
        let ([flow, version, step], [cells @ .., places]) = (key, values) else {
            continue;
        };
        let (Ok(version), Ok(cells)) = (version.parse(), <[i64; 4]>::try_from(cells)) else {
            continue;
        };
        let step_tally = StepTally {
            cells: cells.map(|n| n.max(0) as u64),
            places: (*places).max(0) as u64,
        };
        versions
            .entry((flow.clone(), Reverse(version)))
            .or_default()
            .push((step.clone(), step_tally));
    }
    for steps in versions.values_mut() {
        steps.sort_by(|(a_id, a), (b_id, b)| {
            a.place()
                .total_cmp(&b.place())
                .then(b.reached().cmp(&a.reached()))
                .then(a_id.cmp(b_id))
        });
    }
    versions
}

/// A version's rows under k, each step on its own: counts below it shown as "< k" and enough others of the
/// step withheld; each rate shown when both its counts are.
fn publish(steps: Vec<(String, StepTally)>, min_users: u64) -> Vec<FlowStepRow> {
    steps
        .into_iter()
        .map(|(step, tally)| {
            let table = CohortTable::new(vec![tally.cells.to_vec()])
                .expect("one row of four cells")
                .publish(min_users);
            let (cells, reached) = (&table.cells[0], table.row_totals[0]);
            let share = |cell: Published| match (cell, reached) {
                (Published::Count(n), Published::Count(of)) => rate(n, of),
                _ => None,
            };
            FlowStepRow {
                step,
                reached: shown(reached),
                resolved: shown(cells[RESOLVED]),
                handed_off: shown(cells[HANDED_OFF]),
                abandoned: shown(cells[ABANDONED]),
                went_on: shown(cells[WENT_ON]),
                resolved_rate: share(cells[RESOLVED]),
                handed_off_rate: share(cells[HANDED_OFF]),
                abandoned_rate: share(cells[ABANDONED]),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::insights::reports::Shown;

    fn at(unit: &str, item: &str, first_ms: i64, ending: usize) -> PersonStep {
        PersonStep {
            unit: unit.into(),
            item: FlowStepItem::parse(item).unwrap(),
            first_ms,
            ending,
        }
    }

    #[test]
    fn versions_stay_apart_and_steps_come_in_the_order_people_reached_them() {
        let mut people = vec![];
        for (i, unit) in ["a", "b", "c"].into_iter().enumerate() {
            let t = i as i64 * 1_000;
            people.push(at(unit, "order@2/ask", t, WENT_ON));
            people.push(at(unit, "order@2/late", t + 1, WENT_ON));
            people.push(at(unit, "order@2/case", t + 2, RESOLVED));
        }
        people.push(at("d", "order@2/ask", 0, ABANDONED));
        people.push(at("a", "order@1/ask", 0, HANDED_OFF));
        let versions = versions(&sum_steps(people));
        let keys: Vec<_> = versions.keys().map(|(id, v)| (id.as_str(), v.0)).collect();
        assert_eq!(keys, [("order", 2), ("order", 1)], "newest first");
        let v2 = &versions[&("order".to_owned(), Reverse(2))];
        let order: Vec<&str> = v2.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(order, ["ask", "late", "case"], "not alphabetical");
        assert_eq!(v2[0].1.cells, [0, 0, 1, 3]);
        assert_eq!(v2[2].1.cells, [3, 0, 0, 0]);
        let v1 = &versions[&("order".to_owned(), Reverse(1))];
        assert_eq!(v1[0].1.cells, [0, 1, 0, 0], "version 1 counts only its own");
    }

    #[test]
    fn small_cells_are_hidden_and_rates_go_with_their_counts() {
        let step = |cells: [u64; 4]| StepTally { cells, places: 0 };
        let rows = publish(
            vec![
                ("ask".into(), step([20, 12, 15, 40])),
                ("case".into(), step([30, 3, 20, 15])),
                ("end".into(), step([6, 0, 0, 0])),
            ],
            10,
        );
        assert_eq!(rows[0].reached, Shown::Count(87));
        assert_eq!(rows[0].went_on, Shown::Count(40));
        let abandoned = rows[0].abandoned_rate.unwrap();
        assert_eq!((abandoned.successes, abandoned.trials), (15, 87));
        assert_eq!(rows[1].handed_off, Shown::Small);
        assert!(rows[1].handed_off_rate.is_none());
        let case = &rows[1];
        let shown = [case.reached, case.resolved, case.abandoned, case.went_on];
        assert!(
            shown.iter().any(|count| count.count().is_none()),
            "68 − 30 − 20 − 15 would give the 3 away: {rows:?}"
        );
        let end = &rows[2];
        assert!(
            end.resolved.count().is_none() || end.reached.count().is_none(),
            "6 − 6 would say that no one was handed off or left: {rows:?}"
        );
        assert!(end.resolved_rate.is_none());
        let everyone = publish(vec![("ask".into(), step([1, 2, 0, 1]))], 1);
        assert_eq!(
            everyone[0].handed_off_rate.unwrap().rate,
            0.5,
            "k = 1 hides nothing"
        );
    }
}
