//! Triage as agents' corrections tell it: the share of tickets re-routed, queue accuracy week by week (a chart
//! and the table behind it), where triage put tickets against where agents left them (one matrix for queues,
//! one for priorities), and whether the last 7 days' mix of topics and queues moved from the 28 days before.

use super::super::seen::triage::topic_label;
use super::chart::{Bar, rate_chart};
use super::format::percent;
use super::tables::{priority_words, queue_words};
use super::{Insights, SectionHead, rate_view, slot_view};
use crate::i18n::{K, Lang};
use crate::reports::Report;
use leptos::prelude::*;
use signpost_core::insights::reports::{Confusion, Drift, TriageReport};

/// The triage section.
#[component]
pub fn TriageSection() -> impl IntoView {
    let state = expect_context::<Insights>();
    view! {
        <section class="sp-insights__section" aria-labelledby="insights-triage-title" data-testid="insights-triage">
            <SectionHead title=K::TriageTitle report=Report::Triage/>
            {slot_view(state.triage, |lang, report| triage(lang, &report))}
        </section>
    }
}

/// The figures, the weekly chart and table, both matrices, and the drift of the mix.
fn triage(lang: Lang, report: &TriageReport) -> impl IntoView + use<> {
    let figures = view! {
        <dl class="sp-insights__figures">
            <div>
                <dt>{lang.t(K::Rerouted)}</dt>
                <dd class="sp-insights__figure" data-testid="triage-rerouted">
                    {rate_view(lang, report.rerouted_rate.as_ref())}
                </dd>
            </div>
            <div>
                <dt>{lang.t(K::QueueAccuracy)}</dt>
                <dd class="sp-insights__figure" data-testid="triage-queue-accuracy">
                    {rate_view(lang, report.queues.accuracy.as_ref())}
                </dd>
            </div>
            <div>
                <dt>{lang.t(K::PriorityAccuracy)}</dt>
                <dd class="sp-insights__figure" data-testid="triage-priority-accuracy">
                    {rate_view(lang, report.priorities.accuracy.as_ref())}
                </dd>
            </div>
        </dl>
    };
    let corrections = if report.weeks.is_empty() {
        view! { <p class="sp-muted" data-testid="triage-empty">{lang.t(K::NoTickets)}</p> }
            .into_any()
    } else {
        view! {
            {weeks(lang, report)}
            {confusion(lang, &report.queues, "queue-confusion", K::QueueConfusionCaption, queue_words)}
            {confusion(lang, &report.priorities, "priority-confusion", K::PriorityConfusionCaption, priority_words)}
        }
        .into_any()
    };
    let drift = report
        .drift
        .iter()
        .map(|drift| drift_view(lang, drift))
        .collect_view();
    view! {
        {figures}
        {corrections}
        {drift}
        <p class="sp-hint">{lang.t(K::TriageHint)}</p>
    }
}

/// Queue accuracy per week: the chart, then the same figures as a table.
fn weeks(lang: Lang, report: &TriageReport) -> impl IntoView + use<> {
    let week_name = |week: &str| lang.f(K::WeekOf, &[("date", week)]);
    let bars = report
        .weeks
        .iter()
        .map(|week| Bar {
            label: week_name(&week.week),
            rate: week.queue_accuracy,
            total: false,
        })
        .collect();
    let rows = report
        .weeks
        .iter()
        .map(|week| {
            view! {
                <tr data-testid=format!("triage-week-{}", week.week)>
                    <th scope="row">{week_name(&week.week)}</th>
                    <td class="sp-num" data-testid="queue-accuracy">
                        {rate_view(lang, week.queue_accuracy.as_ref())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {rate_chart(lang, lang.t(K::TriageChartTitle), "triage-chart", bars)}
        <table class="sp-table sp-insights__table" data-testid="triage-weeks">
            <caption>{lang.t(K::TriageChartTitle)}</caption>
            <thead>
                <tr>
                    <th scope="col">{lang.t(K::ColWeek)}</th>
                    <th scope="col" class="sp-num">{lang.t(K::QueueAccuracy)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Triaged (rows) against corrected (columns); the diagonal, where agents agreed, is marked. Cells hold the
/// count alone, with the test id `cell-<triaged>-<corrected>`.
fn confusion(
    lang: Lang,
    matrix: &Confusion,
    testid: &'static str,
    caption: K,
    name: fn(Lang, &str) -> String,
) -> impl IntoView + use<> {
    let heads = matrix
        .labels
        .iter()
        .map(|label| view! { <th scope="col" class="sp-num">{name(lang, label)}</th> })
        .collect_view();
    let rows = matrix
        .labels
        .iter()
        .zip(&matrix.counts)
        .enumerate()
        .map(|(row, (triaged, counts))| {
            let cells = matrix
                .labels
                .iter()
                .zip(counts)
                .enumerate()
                .map(|(column, (corrected, count))| {
                    view! {
                        <td class="sp-num" class:sp-insights__agreed=row == column
                            data-testid=format!("cell-{triaged}-{corrected}")>
                            {count.to_string()}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{name(lang, triaged)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="sp-insights__scroll" role="region" aria-labelledby=format!("{testid}-caption") tabindex="0">
            <table class="sp-table sp-insights__table" data-testid=testid>
                <caption id=format!("{testid}-caption")>{lang.t(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.t(K::TriagedCorrected)}</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// How one mix moved: the index and its level (flagged unless stable), then each category's tickets and share
/// on both sides.
fn drift_view(lang: Lang, drift: &Drift) -> impl IntoView + use<> {
    let (title, name): (K, fn(Lang, &str) -> String) = if drift.of == "queue" {
        (K::DriftQueues, queue_words)
    } else {
        (K::DriftTopics, topic_label)
    };
    let level = drift.level.as_deref();
    let (verdict, flagged) = match (level, drift.index) {
        (Some(level), Some(index)) => {
            let key = match level {
                "stable" => K::DriftStable,
                "moderate" => K::DriftModerate,
                _ => K::DriftSignificant,
            };
            let index = format!("{index:.2}");
            (lang.f(key, &[("index", &index)]), level != "stable")
        }
        _ => (lang.t(K::DriftUnknown).to_owned(), false),
    };
    let total = |side: &[(String, u64)]| side.iter().map(|(_, n)| n).sum::<u64>();
    let (current_total, baseline_total) = (total(&drift.current), total(&drift.baseline));
    let count_of = |side: &[(String, u64)], category: &str| {
        side.iter()
            .find(|(name, _)| name == category)
            .map_or(0, |(_, n)| *n)
    };
    let cell = move |count: u64, of: u64, testid: &'static str| {
        let share = if of == 0 {
            String::new()
        } else {
            format!(" ({})", percent(lang, count as f64 / of as f64))
        };
        view! { <td class="sp-num" data-testid=testid>{format!("{count}{share}")}</td> }
    };
    let mut categories: Vec<&str> = drift
        .current
        .iter()
        .chain(&drift.baseline)
        .map(|(category, _)| category.as_str())
        .collect();
    categories.sort_unstable();
    categories.dedup();
    let rows = categories
        .into_iter()
        .map(|category| {
            view! {
                <tr data-testid=format!("drift-{}-{category}", drift.of)>
                    <th scope="row">{name(lang, category)}</th>
                    {cell(count_of(&drift.current, category), current_total, "current")}
                    {cell(count_of(&drift.baseline, category), baseline_total, "baseline")}
                </tr>
            }
        })
        .collect_view();
    let id = format!("drift-{}-title", drift.of);
    view! {
        <div class="sp-insights__drift" data-testid=format!("drift-{}", drift.of)>
            <h3 id=id.clone()>{lang.t(title)}</h3>
            <p class="sp-insights__verdict" class:sp-insights__verdict--flagged=flagged
                data-testid="drift-level">
                {verdict}
            </p>
            <div class="sp-insights__scroll" role="region" aria-labelledby=id tabindex="0">
                <table class="sp-table sp-insights__table">
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(title)}</th>
                            <th scope="col" class="sp-num">{lang.t(K::ColLast7)}</th>
                            <th scope="col" class="sp-num">{lang.t(K::ColBefore28)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}
