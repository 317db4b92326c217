//! The experiments (`GET /v1/agent/insights/experiments`), each over its own lifetime rather than the page's
//! period: its status and verdict in words, a table of its variants (planned share, people exposed, each
//! metric's rate with its interval), a table of each variant against the control (a confidence sequence, valid
//! at every look), the sample-ratio check, and its history.

mod words;

use self::words::{
    audit_action, difference_text, metric_head, outcome_label, outcome_name, p_text, subject,
    variant_name, verdict_name, verdict_text,
};
use super::format::{percent, shown_text};
use super::{Insights, rate_view, slot_view};
use crate::i18n::{K, Lang, tr};
use crate::intl;
use leptos::prelude::*;
use signpost_core::experiments::Metric;
use signpost_core::experiments::report::{
    AuditEntry, Comparison, ExperimentReport, ExperimentsReport, VariantReport,
};

/// The experiments' section: no period and no CSV, so its own heading rather than the others' `SectionHead`.
#[component]
pub fn ExperimentsSection() -> impl IntoView {
    let state = expect_context::<Insights>();
    view! {
        <section class="sp-insights__section" aria-labelledby="insights-experiments-title"
            data-testid="insights-experiments">
            <div class="sp-insights__head">
                <h2 id="insights-experiments-title">{tr(K::ExperimentsTitle)}</h2>
            </div>
            <p class="sp-hint">{tr(K::ExperimentsHint)}</p>
            {slot_view(state.experiments, |lang, report| experiments(lang, &report))}
        </section>
    }
}

/// Every experiment in the content folder's order, then what the marks in their tables mean.
fn experiments(lang: Lang, report: &ExperimentsReport) -> impl IntoView + use<> {
    if report.experiments.is_empty() {
        return view! {
            <p class="sp-muted" data-testid="experiments-empty">{lang.t(K::NoExperiments)}</p>
        }
        .into_any();
    }
    let items = report
        .experiments
        .iter()
        .enumerate()
        .map(|(index, experiment)| experiment_view(lang, index, experiment, report.min_users))
        .collect_view();
    let legend = lang.f(K::ExpLegend, &[("k", &report.min_users.to_string())]);
    view! {
        {items}
        <p class="sp-hint">{legend}</p>
    }
    .into_any()
}

/// The primary metric, then each guardrail, as the tables' columns go.
fn metrics(report: &ExperimentReport) -> Vec<(Metric, bool)> {
    std::iter::once((report.primary, false))
        .chain(report.guardrails.iter().map(|&metric| (metric, true)))
        .collect()
}

/// One experiment. Element ids go by its place in the list: an experiment's id may hold any character.
fn experiment_view(
    lang: Lang,
    index: usize,
    report: &ExperimentReport,
    min_users: u64,
) -> impl IntoView + use<> {
    let title_id = format!("experiment-{index}-title");
    let labelled_by = title_id.clone();
    let status = if report.running {
        K::ExpRunning
    } else {
        K::ExpStopped
    };
    let kind = verdict_name(&report.verdict);
    let description = (!report.description.trim().is_empty())
        .then(|| view! { <p class="sp-experiment__description">{report.description.clone()}</p> });
    let mismatch = report.sample_ratio.mismatch;
    let ratio_key = if mismatch {
        K::SampleRatioMismatch
    } else {
        K::SampleRatioOk
    };
    let ratio = lang.f(
        ratio_key,
        &[("p", &p_text(lang, report.sample_ratio.p_value))],
    );
    view! {
        <article class="sp-experiment" aria-labelledby=labelled_by
            data-testid=format!("experiment-{}", report.id)>
            <h3 id=title_id><bdi>{report.id.clone()}</bdi></h3>
            {description}
            <p data-testid="experiment-status" data-running=report.running.to_string()>
                <span class="sp-experiment__status">{lang.t(status)}</span>
                " "
                {subject(lang, report)}
            </p>
            <p class=format!("sp-experiment__verdict sp-experiment__verdict--{kind}")
                data-testid="experiment-verdict" data-verdict=kind>
                <strong>{lang.t(K::ExpVerdict)}</strong>" "{verdict_text(lang, report)}
            </p>
            {variants_table(lang, index, report, min_users)}
            {comparisons_table(lang, index, report)}
            <p class="sp-experiment__ratio" class:sp-experiment__ratio--mismatch=mismatch
                data-testid="experiment-sample-ratio" data-mismatch=mismatch.to_string()>
                {ratio}
            </p>
            {audit(lang, &report.audit)}
        </article>
    }
}

/// A table in a region that scrolls sideways on a narrow screen (focusable, so the keyboard can scroll it), named
/// by its experiment's title and its caption: every experiment has a "Variants" table, and each region's name
/// must be its own.
fn scrolling(index: usize, caption_id: String, table: impl IntoView) -> impl IntoView {
    let labelled_by = format!("experiment-{index}-title {caption_id}");
    view! {
        <div class="sp-insights__scroll" role="region" aria-labelledby=labelled_by tabindex="0">
            {table}
        </div>
    }
}

/// Each variant: its article, planned share, people exposed and each metric's rate with its interval.
fn variants_table(
    lang: Lang,
    index: usize,
    report: &ExperimentReport,
    min_users: u64,
) -> impl IntoView + use<> {
    let caption_id = format!("experiment-{index}-variants");
    let metrics = metrics(report);
    let metric_heads = metrics
        .iter()
        .map(|&(metric, guardrail)| {
            view! { <th scope="col" class="sp-num">{metric_head(lang, metric, guardrail)}</th> }
        })
        .collect_view();
    let rows = report
        .variants
        .iter()
        .map(|variant| variant_row(lang, variant, &metrics, min_users))
        .collect_view();
    let column =
        |key: K, class: &'static str| view! { <th scope="col" class=class>{lang.t(key)}</th> };
    let table = view! {
        <table class="sp-table sp-insights__table" data-testid="experiment-variants">
            <caption id=caption_id.clone()>{lang.t(K::ExpVariantsCaption)}</caption>
            <thead>
                <tr>
                    {column(K::ColVariant, "")}
                    {column(K::ColArticle, "")}
                    {column(K::ColPlannedShare, "sp-num")}
                    {column(K::ColExposed, "sp-num")}
                    {metric_heads}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    };
    scrolling(index, caption_id, table)
}

/// One variant's row. Figure cells hold the figure alone, for tests and for copying.
fn variant_row(
    lang: Lang,
    variant: &VariantReport,
    metrics: &[(Metric, bool)],
    min_users: u64,
) -> impl IntoView + use<> {
    let rates = metrics
        .iter()
        .map(|&(metric, _)| {
            let rate = variant
                .metrics
                .iter()
                .find(|m| m.metric == metric)
                .and_then(|m| m.rate);
            let testid = format!("rate-{}", metric_name(metric));
            view! { <td class="sp-num" data-testid=testid>{rate_view(lang, rate.as_ref())}</td> }
        })
        .collect_view();
    view! {
        <tr data-testid="experiment-variant-row" data-variant=variant.variant.to_string()>
            <th scope="row" data-testid="variant">{variant_name(lang, variant.variant)}</th>
            <td data-testid="article"><bdi>{variant.article.clone()}</bdi></td>
            <td class="sp-num" data-testid="planned-share">{percent(lang, variant.planned_share)}</td>
            <td class="sp-num" data-testid="exposed">{shown_text(lang, variant.exposed, min_users)}</td>
            {rates}
        </tr>
    }
}

/// A metric's wire name, for test ids.
fn metric_name(metric: Metric) -> &'static str {
    match metric {
        Metric::Resolved => "resolved",
        Metric::Tickets => "tickets",
        Metric::RepeatContact => "repeat_contact",
        Metric::Unsatisfied => "unsatisfied",
    }
}

/// Each variant against the control on each metric: the difference's confidence sequence and what it says.
fn comparisons_table(lang: Lang, index: usize, report: &ExperimentReport) -> impl IntoView + use<> {
    let caption_id = format!("experiment-{index}-comparisons");
    let rows = report
        .comparisons
        .iter()
        .map(|comparison| comparison_row(lang, comparison))
        .collect_view();
    let column = |key: K| view! { <th scope="col">{lang.t(key)}</th> };
    let table = view! {
        <table class="sp-table sp-insights__table" data-testid="experiment-comparisons">
            <caption id=caption_id.clone()>{lang.t(K::ExpComparisonsCaption)}</caption>
            <thead>
                <tr>
                    {column(K::ColComparison)}
                    {column(K::ColMetric)}
                    <th scope="col" class="sp-num">{lang.t(K::ColDifference)}</th>
                    {column(K::ColOutcome)}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    };
    scrolling(index, caption_id, table)
}

/// One comparison's row; the outcome is said in words, its colour only repeats them.
fn comparison_row(lang: Lang, comparison: &Comparison) -> impl IntoView + use<> {
    let outcome = outcome_name(comparison.outcome);
    let metric = metric_head(lang, comparison.metric, comparison.guardrail);
    view! {
        <tr data-testid="experiment-comparison" data-variant=comparison.variant.to_string()
            data-metric=metric_name(comparison.metric)>
            <th scope="row">{lang.f(K::VsControl, &[("n", &comparison.variant.to_string())])}</th>
            <td data-testid="metric">{metric}</td>
            <td class="sp-num" data-testid="difference">
                {difference_text(lang, comparison.low, comparison.high)}
            </td>
            <td data-testid="outcome" data-outcome=outcome
                class=format!("sp-experiment__outcome sp-experiment__outcome--{outcome}")>
                {lang.t(outcome_label(comparison.outcome))}
            </td>
        </tr>
    }
}

/// The history, oldest first: when, what, and the desk's detail (as it wrote it).
fn audit(lang: Lang, entries: &[AuditEntry]) -> impl IntoView + use<> {
    let list = if entries.is_empty() {
        view! { <p class="sp-muted" data-testid="experiment-audit">{lang.t(K::ExpNoHistory)}</p> }
            .into_any()
    } else {
        let items = entries
            .iter()
            .map(|entry| {
                view! {
                    <li data-testid="experiment-audit-entry" data-action=entry.action.clone()>
                        <time datetime=entry.at.clone()>{intl::date_time(lang, &entry.at)}</time>
                        " · "
                        <span class="sp-experiment__action">{audit_action(lang, &entry.action)}</span>
                        {(!entry.detail.is_empty()).then(|| view! {
                            " · "<bdi>{entry.detail.clone()}</bdi>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="sp-experiment__audit" data-testid="experiment-audit">{items}</ol> }
            .into_any()
    };
    view! {
        <h4>{lang.t(K::ExpHistory)}</h4>
        {list}
    }
}
