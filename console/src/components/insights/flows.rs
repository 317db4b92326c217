//! The guided flows (`GET /v1/agent/insights/flows`): each version of each flow the widget showed in the
//! period (an edited flow starts a new series, so versions are never merged), newest first as the desk sends
//! them, with a table of its steps in the order people reached them: how many reached each step, how many
//! ended the flow there resolved, handed to a person or abandoned, and how many went on, with each ending's
//! rate and interval. Steps are never added up: one person reaches several.

use super::format::shown_text;
use super::{Insights, SectionHead, rate_view, slot_view};
use crate::i18n::{K, Lang};
use crate::reports::Report;
use leptos::prelude::*;
use signpost_core::insights::reports::{FlowStepRow, FlowVersionRows, FlowsReport, Rate, Shown};

/// A count column of a flow's table: its header, its cells' test id, and its count in a step's row.
type CountColumn = (K, &'static str, fn(&FlowStepRow) -> Shown);
/// A rate column: its header, its cells' test id, and its rate in a step's row.
type RateColumn = (K, &'static str, fn(&FlowStepRow) -> Option<Rate>);

/// Those who reached the step, then where it went for each of them (each in exactly one), in the CSV's order.
const COUNTS: [CountColumn; 5] = [
    (K::ColReached, "reached", |step| step.reached),
    (K::ColResolvedHere, "resolved", |step| step.resolved),
    (K::ColHandedOffHere, "handed-off", |step| step.handed_off),
    (K::ColAbandonedHere, "abandoned", |step| step.abandoned),
    (K::ColWentOn, "went-on", |step| step.went_on),
];

/// Each ending's share of those who reached the step.
const RATES: [RateColumn; 3] = [
    (K::ColResolvedRate, "resolved-rate", |step| {
        step.resolved_rate
    }),
    (K::ColHandedOffRate, "handed-off-rate", |step| {
        step.handed_off_rate
    }),
    (K::ColAbandonedRate, "abandoned-rate", |step| {
        step.abandoned_rate
    }),
];

/// What a flow version is called: its English title, or its id once the help center no longer has it.
fn flow_name(version: &FlowVersionRows) -> &str {
    version
        .title
        .as_deref()
        .filter(|title| !title.trim().is_empty())
        .unwrap_or(&version.flow)
}

/// The version, short: "v2".
fn version_text(lang: Lang, version: &FlowVersionRows) -> String {
    lang.f(K::FlowVersion, &[("n", &version.version.to_string())])
}

/// Whether the help center serves this version now, in words.
fn status_key(version: &FlowVersionRows) -> K {
    if version.current {
        K::FlowCurrent
    } else {
        K::FlowEarlier
    }
}

/// The guided flows' section.
#[component]
pub fn FlowsSection() -> impl IntoView {
    let state = expect_context::<Insights>();
    view! {
        <section class="sp-insights__section" aria-labelledby="insights-flows-title" data-testid="insights-flows">
            <SectionHead title=K::FlowsTitle report=Report::Flows/>
            {slot_view(state.flows, |lang, report| flows(lang, &report))}
        </section>
    }
}

/// Every flow version, then what their figures mean.
fn flows(lang: Lang, report: &FlowsReport) -> impl IntoView + use<> {
    if report.flows.is_empty() {
        return view! { <p class="sp-muted" data-testid="flows-empty">{lang.t(K::NoFlows)}</p> }
            .into_any();
    }
    let k = report.min_users;
    let versions = report
        .flows
        .iter()
        .enumerate()
        .map(|(index, version)| flow_view(lang, index, version, k))
        .collect_view();
    let legend = lang.f(
        K::CountsLegend,
        &[
            ("k", &k.to_string()),
            ("withheld", lang.t(K::Withheld)),
            ("hidden", lang.t(K::HiddenCount)),
        ],
    );
    view! {
        {versions}
        <p class="sp-hint">{lang.t(K::FlowsHint)}</p>
        <p class="sp-hint">{legend}</p>
    }
    .into_any()
}

/// One flow version: its title and version as the heading, its id and whether it is the current one, and its
/// steps. Element ids go by its place in the list, like the experiments'.
fn flow_view(lang: Lang, index: usize, version: &FlowVersionRows, k: u64) -> impl IntoView + use<> {
    let title_id = format!("flow-{index}-title");
    let labelled_by = title_id.clone();
    let caption_id = format!("flow-{index}-steps");
    let region_labelled_by = caption_id.clone();
    let name = flow_name(version).to_owned();
    let short_version = version_text(lang, version);
    let caption = lang.f(
        K::FlowStepsCaption,
        &[("title", &name), ("version", &version.version.to_string())],
    );
    let current = version.current;
    let status_class = if current {
        "sp-badge sp-flow-report__status sp-flow-report__status--current"
    } else {
        "sp-badge sp-flow-report__status"
    };
    let count_heads =
        COUNTS.map(|(key, _, _)| view! { <th scope="col" class="sp-num">{lang.t(key)}</th> });
    let rate_heads =
        RATES.map(|(key, _, _)| view! { <th scope="col" class="sp-num">{lang.t(key)}</th> });
    let rows = version
        .steps
        .iter()
        .map(|step| step_row(lang, step, k))
        .collect_view();
    view! {
        <article class="sp-flow-report" aria-labelledby=labelled_by
            data-testid=format!("flow-{}-v{}", version.flow, version.version)
            data-flow=version.flow.clone() data-version=version.version.to_string()
            data-current=current.to_string()>
            <h3 id=title_id>
                <bdi data-testid="flow-title">{name}</bdi>
                " "
                <span class="sp-flow-report__version" data-testid="flow-version">{short_version}</span>
            </h3>
            <p class="sp-flow-report__meta">
                <bdi><code data-testid="flow-id">{version.flow.clone()}</code></bdi>
                " · "
                <span class=status_class data-testid="flow-status" data-current=current.to_string()>
                    {lang.t(status_key(version))}
                </span>
            </p>
            <div class="sp-insights__scroll" role="region" aria-labelledby=region_labelled_by tabindex="0">
                <table class="sp-table sp-insights__table" data-testid="flow-steps">
                    <caption id=caption_id>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(K::ColStep)}</th>
                            {count_heads}
                            {rate_heads}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </article>
    }
}

/// One step's row. Figure cells hold the figure alone ("3", "< 10", "withheld"), for tests and for copying.
fn step_row(lang: Lang, step: &FlowStepRow, k: u64) -> impl IntoView + use<> {
    let counts = COUNTS.map(|(_, testid, count)| {
        view! { <td class="sp-num" data-testid=testid>{shown_text(lang, count(step), k)}</td> }
    });
    let rates = RATES.map(|(_, testid, rate)| {
        view! { <td class="sp-num" data-testid=testid>{rate_view(lang, rate(step).as_ref())}</td> }
    });
    view! {
        <tr data-testid=format!("flow-step-{}", step.step) data-step=step.step.clone()>
            // A step's id from the flow file: isolated from the page's direction.
            <th scope="row" data-testid="step"><bdi>{step.step.clone()}</bdi></th>
            {counts}
            {rates}
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::super::format::rate_text;
    use super::*;

    /// The desk's answer, as its API documents it: one shown step, one whose counts are held back.
    const REPORT: &str = r#"{"period": {"from": "2026-02-07", "to": "2026-03-06"}, "min_users": 5,
        "flows": [
            {"flow": "where-is-my-order", "version": 2, "title": "Where is my order?", "current": true,
             "steps": [
                {"step": "tracking", "reached": {"count": 30}, "resolved": {"count": 20},
                 "handed_off": {"count": 5}, "abandoned": {"count": 0}, "went_on": {"count": 5},
                 "resolved_rate": {"successes": 20, "trials": 30, "rate": 0.6667, "low": 0.4878, "high": 0.8077},
                 "handed_off_rate": {"successes": 5, "trials": 30, "rate": 0.1667, "low": 0.0734, "high": 0.3365},
                 "abandoned_rate": {"successes": 0, "trials": 30, "rate": 0.0, "low": 0.0, "high": 0.1135}},
                {"step": "carrier", "reached": {"count": 6}, "resolved": "small", "handed_off": "withheld",
                 "abandoned": "hidden", "went_on": "small",
                 "resolved_rate": null, "handed_off_rate": null, "abandoned_rate": null}
             ]},
            {"flow": "where-is-my-order", "version": 1, "title": null, "current": false, "steps": []}
        ]}"#;

    fn report() -> FlowsReport {
        serde_json::from_str(REPORT).expect("the documented flows report")
    }

    /// What the count cells of a step show, in the table's order.
    fn counts(lang: Lang, step: &FlowStepRow, k: u64) -> Vec<String> {
        COUNTS
            .iter()
            .map(|(_, _, count)| shown_text(lang, count(step), k))
            .collect()
    }

    #[test]
    fn each_column_reads_its_own_figure() {
        let report = report();
        let steps = &report.flows[0].steps;
        assert_eq!(
            counts(Lang::En, &steps[0], report.min_users),
            ["30", "20", "5", "0", "5"]
        );
        let rates: Vec<String> = RATES
            .iter()
            .map(|(_, _, rate)| {
                rate(&steps[0]).map_or_else(String::new, |r| rate_text(Lang::En, &r))
            })
            .collect();
        assert_eq!(rates, ["67% (49–81%)", "17% (7–34%)", "0% (0–11%)"]);
    }

    #[test]
    fn held_back_counts_read_as_the_other_reports_show_them() {
        let report = report();
        let step = &report.flows[0].steps[1];
        assert_eq!(
            counts(Lang::En, step, report.min_users),
            ["6", "< 5", "withheld", "hidden", "< 5"]
        );
        assert!(RATES.iter().all(|(_, _, rate)| rate(step).is_none()));
    }

    #[test]
    fn a_version_is_named_by_its_title_else_its_id() {
        let report = report();
        let (current, earlier) = (&report.flows[0], &report.flows[1]);
        assert_eq!(flow_name(current), "Where is my order?");
        assert_eq!(flow_name(earlier), "where-is-my-order");
        assert_eq!(version_text(Lang::En, current), "v2");
        assert_eq!(version_text(Lang::Ar, earlier), "الإصدار 1");
        assert_eq!(Lang::En.t(status_key(current)), "Current version");
        assert_eq!(Lang::En.t(status_key(earlier)), "Earlier version");
        assert_eq!(
            Lang::En.f(
                K::FlowStepsCaption,
                &[("title", flow_name(current)), ("version", "2")]
            ),
            "Steps of “Where is my order?”, version 2, in the order people reached them"
        );
    }

    #[test]
    fn every_language_fills_the_placeholders() {
        for lang in Lang::ALL {
            let caption = lang.f(K::FlowStepsCaption, &[("title", "@T@"), ("version", "@7@")]);
            assert!(
                caption.contains("@T@") && caption.contains("@7@") && !caption.contains('{'),
                "{lang:?}: {caption}"
            );
            let version = lang.f(K::FlowVersion, &[("n", "@7@")]);
            assert!(
                version.contains("@7@") && !version.contains('{'),
                "{lang:?}"
            );
            for key in COUNTS
                .iter()
                .map(|column| column.0)
                .chain(RATES.iter().map(|column| column.0))
            {
                assert!(!lang.t(key).contains('{'), "{lang:?}: {key:?}");
            }
        }
    }
}
