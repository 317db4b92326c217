//! The self-service funnel: the cut, a chart of each cohort's engaged rate with its interval, and the table
//! behind it: every outcome (each person counted in exactly one) and every rate, cohort by cohort, then
//! everyone. The kinds of resolution (a helpful vote, a guided flow ended "This solved it", no ticket within
//! the window) stay in their own columns: nothing here adds them up.

use super::chart::{Bar, rate_chart};
use super::format::{cohort_label, cut_label, shown_text};
use super::{Insights, SectionHead, rate_view, slot_view};
use crate::i18n::{K, Lang, tr};
use crate::intl;
use crate::reports::{Cut, Report};
use leptos::prelude::*;
use signpost_core::insights::reports::{FunnelReport, FunnelRow, Rate, Shown};

/// A count column of the table: its header (`{n}` is the report's window in hours), its cells' test id, and
/// its count in a row.
type CountColumn = (K, &'static str, fn(&FunnelRow) -> Shown);
/// A rate column: its header, its cells' test id, and its rate in a row.
type RateColumn = (K, &'static str, fn(&FunnelRow) -> Option<Rate>);

/// People who opened the widget, then the outcomes, in the CSV's order: each person who opened it is in exactly
/// one outcome. The three kinds of resolution each have their own column.
const COUNTS: [CountColumn; 8] = [
    (K::ColOpened, "opened", |row| row.opened),
    (K::ColLeft, "left", |row| row.left),
    (K::ColContacted, "contacted-directly", |row| {
        row.contacted_directly
    }),
    (K::ColConfirmed, "confirmed", |row| row.confirmed),
    (K::ColResolvedInFlow, "resolved-in-flow", |row| {
        row.resolved_in_flow
    }),
    (K::ColAssumed, "assumed", |row| row.assumed),
    (K::ColPending, "pending", |row| row.pending),
    (K::ColEscalated, "escalated", |row| row.escalated),
];

/// The rates, in the CSV's order: the engaged rate is of those who opened the widget, the others of those who
/// helped themselves. Each kind of resolution has its own rate and interval.
const RATES: [RateColumn; 5] = [
    (K::ColEngagedRate, "engaged-rate", |row| row.engaged_rate),
    (K::ColConfirmedRate, "confirmed-rate", |row| {
        row.confirmed_rate
    }),
    (K::ColResolvedInFlowRate, "resolved-in-flow-rate", |row| {
        row.resolved_in_flow_rate
    }),
    (K::ColAssumedRate, "assumed-rate", |row| row.assumed_rate),
    (K::ColEscalatedRate, "escalated-rate", |row| {
        row.escalated_rate
    }),
];

/// The funnel's section.
#[component]
pub fn FunnelSection() -> impl IntoView {
    let state = expect_context::<Insights>();
    let cut = state.cut;
    let pick = move |event| {
        if let Some(picked) = Cut::parse(&event_target_value(&event)) {
            cut.set(picked);
        }
    };
    view! {
        <section class="sp-insights__section" aria-labelledby="insights-funnel-title" data-testid="insights-funnel">
            <SectionHead title=K::FunnelTitle report=Signal::derive(move || Report::Funnel(cut.get()))>
                <div class="sp-filter">
                    <label for="insights-cut">{tr(K::CutBy)}</label>
                    <select id="insights-cut" data-testid="insights-cut" on:change=pick>
                        {Cut::ALL.map(|option| view! {
                            <option value=option.as_str() prop:selected=move || cut.get() == option>
                                {tr(cut_label(option))}
                            </option>
                        })}
                    </select>
                </div>
            </SectionHead>
            {slot_view(state.funnel, |lang, report| funnel(lang, &report))}
        </section>
    }
}

/// The chart, the table, and what their figures mean.
fn funnel(lang: Lang, report: &FunnelReport) -> impl IntoView + use<> {
    // The report says what it was cut by: its rows are named by that, whatever the picker says by now.
    let cut = Cut::parse(&report.by).unwrap_or_default();
    let k = report.min_users;
    let cut_name = lang.t(cut_label(cut));
    let hours = report.window_hours.to_string();
    let unlinked = report.unlinked_events;
    let unlinked_key = if intl::is_one(lang, unlinked as usize) {
        K::UnlinkedOne
    } else {
        K::UnlinkedMany
    };
    let legend = lang.f(
        K::CountsLegend,
        &[
            ("k", &k.to_string()),
            ("withheld", lang.t(K::Withheld)),
            ("hidden", lang.t(K::HiddenCount)),
        ],
    );
    let rows = report
        .rows
        .iter()
        .map(|row| funnel_row(lang, cut, row, k, false))
        .collect_view();
    let column = |key: K| {
        view! { <th scope="col" class="sp-num">{lang.f(key, &[("n", &hours)])}</th> }
    };
    let count_heads = COUNTS.map(|(key, _, _)| column(key));
    let rate_heads = RATES.map(|(key, _, _)| column(key));
    view! {
        {chart(lang, cut, report)}
        <div class="sp-insights__scroll" role="region" aria-labelledby="funnel-caption" tabindex="0">
            <table class="sp-table sp-insights__table" data-testid="funnel-table">
                <caption id="funnel-caption">{lang.f(K::FunnelCaption, &[("cut", cut_name)])}</caption>
                <thead>
                    <tr>
                        <th scope="col">{cut_name}</th>
                        {count_heads}
                        {rate_heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>{funnel_row(lang, cut, &report.total, k, true)}</tfoot>
            </table>
        </div>
        <p class="sp-insights__note" data-testid="unlinked-events">
            {lang.f(unlinked_key, &[("n", &unlinked.to_string())])}
        </p>
        <p class="sp-hint">{lang.f(K::FunnelHint, &[("n", &hours)])}</p>
        <p class="sp-hint">{legend}</p>
    }
}

/// One cohort's row, or everyone's (`total`). Count cells hold the figure alone ("3", "< 10"), for tests and
/// for copying.
fn funnel_row(lang: Lang, cut: Cut, row: &FunnelRow, k: u64, total: bool) -> impl IntoView + use<> {
    let (testid, name) = if total {
        ("funnel-row-all".to_owned(), lang.t(K::Everyone).to_owned())
    } else {
        (
            format!("funnel-row-{}", row.cohort),
            cohort_label(lang, cut, &row.cohort),
        )
    };
    let counts = COUNTS.map(|(_, testid, count)| {
        view! { <td class="sp-num" data-testid=testid>{shown_text(lang, count(row), k)}</td> }
    });
    let rates = RATES.map(|(_, testid, rate)| {
        view! { <td class="sp-num" data-testid=testid>{rate_view(lang, rate(row).as_ref())}</td> }
    });
    view! {
        <tr data-testid=testid class:sp-insights__total=total>
            <th scope="row"><bdi>{name}</bdi></th>
            {counts}
            {rates}
        </tr>
    }
}

/// The engaged rate of each cohort and of everyone, as bars with their intervals.
fn chart(lang: Lang, cut: Cut, report: &FunnelReport) -> impl IntoView + use<> {
    let bars = report
        .rows
        .iter()
        .map(|row| Bar {
            label: cohort_label(lang, cut, &row.cohort),
            rate: row.engaged_rate,
            total: false,
        })
        .chain([Bar {
            label: lang.t(K::Everyone).to_owned(),
            rate: report.total.engaged_rate,
            total: true,
        }])
        .collect();
    let title = lang.f(K::ChartTitle, &[("cut", lang.t(cut_label(cut)))]);
    rate_chart(lang, &title, "funnel-chart", bars)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(successes: u64, trials: u64) -> Option<Rate> {
        Some(Rate {
            successes,
            trials,
            rate: successes as f64 / trials as f64,
            low: 0.0,
            high: 1.0,
        })
    }

    /// Every outcome a different count, so a column reading the wrong one shows.
    fn row() -> FunnelRow {
        FunnelRow {
            cohort: "buyer".into(),
            opened: Shown::Count(127),
            left: Shown::Count(1),
            contacted_directly: Shown::Count(2),
            confirmed: Shown::Count(4),
            resolved_in_flow: Shown::Count(8),
            assumed: Shown::Count(16),
            pending: Shown::Count(32),
            escalated: Shown::Count(64),
            engaged_rate: rate(124, 127),
            confirmed_rate: rate(4, 124),
            resolved_in_flow_rate: rate(8, 124),
            assumed_rate: rate(16, 92),
            escalated_rate: rate(64, 124),
        }
    }

    fn testids<T>(columns: &[(K, &'static str, T)]) -> Vec<&'static str> {
        columns.iter().map(|(_, testid, _)| *testid).collect()
    }

    #[test]
    fn each_person_is_in_exactly_one_outcome_column() {
        let row = row();
        let outcomes: Vec<u64> = COUNTS[1..]
            .iter()
            .map(|(_, _, count)| count(&row).count().unwrap_or_default())
            .collect();
        // Seven outcomes, each read from its own field: they add up to those who opened the widget.
        assert_eq!(outcomes, [1, 2, 4, 8, 16, 32, 64]);
        assert_eq!(outcomes.iter().sum::<u64>(), 127);
        assert_eq!(COUNTS[0].1, "opened");
        assert_eq!((COUNTS[0].2)(&row), Shown::Count(127));
    }

    #[test]
    fn resolved_in_a_flow_is_its_own_outcome_and_rate_beside_confirmed_and_assumed() {
        assert_eq!(
            testids(&COUNTS),
            [
                "opened",
                "left",
                "contacted-directly",
                "confirmed",
                "resolved-in-flow",
                "assumed",
                "pending",
                "escalated"
            ]
        );
        assert_eq!(
            testids(&RATES),
            [
                "engaged-rate",
                "confirmed-rate",
                "resolved-in-flow-rate",
                "assumed-rate",
                "escalated-rate"
            ]
        );
        let row = row();
        let rates: Vec<u64> = RATES
            .iter()
            .map(|(_, _, rate)| rate(&row).map_or(0, |rate| rate.successes))
            .collect();
        assert_eq!(rates, [124, 4, 8, 16, 64]);
        assert_eq!(
            Lang::En.t(COUNTS[4].0),
            "Resolved in a guided flow",
            "the header names the outcome"
        );
    }

    #[test]
    fn a_row_from_a_desk_before_flows_reads_as_none_resolved_in_a_flow() {
        let json = r#"{"cohort":"buyer","opened":{"count":3},"left":"small","contacted_directly":"withheld",
            "confirmed":{"count":2},"assumed":"hidden","pending":{"count":0},"escalated":{"count":1},
            "engaged_rate":null,"confirmed_rate":null,"assumed_rate":null,"escalated_rate":null}"#;
        let row: FunnelRow = serde_json::from_str(json).expect("an older funnel row");
        assert_eq!(row.resolved_in_flow, Shown::Count(0));
        assert_eq!(row.resolved_in_flow_rate, None);
        assert_eq!(row.left, Shown::Small);
    }
}
