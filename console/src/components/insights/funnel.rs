//! The self-service funnel: the cut, a chart of each cohort's engaged rate with its interval, and the table
//! behind it: every outcome (each person counted in exactly one) and every rate, cohort by cohort, then
//! everyone. The kinds of resolution stay in their own columns: nothing here adds them up.

use super::format::{
    BAR_HEIGHT, CHART_WIDTH, ChartScale, NO_FIGURE, ROW_HEIGHT, cohort_label, cut_label, percent,
    rate_spoken, rate_text, short_label, shown_text,
};
use super::{Insights, SectionHead, rate_view, slot_view};
use crate::i18n::{K, Lang, tr};
use crate::intl;
use crate::reports::{Cut, Report};
use leptos::prelude::*;
use signpost_core::insights::reports::{FunnelReport, FunnelRow, Rate, Shown};

/// Longest chart label, in widths of a Latin letter (about 7 of the chart's units each); the table has the
/// whole name.
const LABEL_WIDTH: usize = 23;
/// Half the height of a whisker's end caps.
const CAP: f64 = 6.0;

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
    let column = |key: K| view! { <th scope="col" class="sp-num">{lang.t(key)}</th> };
    view! {
        {chart(lang, cut, report)}
        <div class="sp-insights__scroll" role="region" aria-labelledby="funnel-caption" tabindex="0">
            <table class="sp-table sp-insights__table" data-testid="funnel-table">
                <caption id="funnel-caption">{lang.f(K::FunnelCaption, &[("cut", cut_name)])}</caption>
                <thead>
                    <tr>
                        <th scope="col">{cut_name}</th>
                        {column(K::ColOpened)}
                        {column(K::ColLeft)}
                        {column(K::ColContacted)}
                        {column(K::ColConfirmed)}
                        <th scope="col" class="sp-num">{lang.f(K::ColAssumed, &[("n", &hours)])}</th>
                        {column(K::ColPending)}
                        {column(K::ColEscalated)}
                        {column(K::ColEngagedRate)}
                        {column(K::ColConfirmedRate)}
                        {column(K::ColAssumedRate)}
                        {column(K::ColEscalatedRate)}
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
    let count = |shown: Shown, testid: &'static str| {
        view! { <td class="sp-num" data-testid=testid>{shown_text(lang, shown, k)}</td> }
    };
    let rate = |rate: Option<Rate>, testid: &'static str| {
        view! { <td class="sp-num" data-testid=testid>{rate_view(lang, rate.as_ref())}</td> }
    };
    view! {
        <tr data-testid=testid class:sp-insights__total=total>
            <th scope="row"><bdi>{name}</bdi></th>
            {count(row.opened, "opened")}
            {count(row.left, "left")}
            {count(row.contacted_directly, "contacted-directly")}
            {count(row.confirmed, "confirmed")}
            {count(row.assumed, "assumed")}
            {count(row.pending, "pending")}
            {count(row.escalated, "escalated")}
            {rate(row.engaged_rate, "engaged-rate")}
            {rate(row.confirmed_rate, "confirmed-rate")}
            {rate(row.assumed_rate, "assumed-rate")}
            {rate(row.escalated_rate, "escalated-rate")}
        </tr>
    }
}

/// A number for an SVG attribute.
fn at(value: f64) -> String {
    format!("{value:.1}")
}

/// The engaged rate of each cohort and of everyone, as horizontal bars with the 95 % interval as a whisker.
/// Its name says every figure for screen readers; the table under it holds the same ones.
fn chart(lang: Lang, cut: Cut, report: &FunnelReport) -> impl IntoView + use<> {
    let scale = ChartScale { rtl: lang.is_rtl() };
    let bars: Vec<(String, Option<Rate>, bool)> = report
        .rows
        .iter()
        .map(|row| {
            (
                cohort_label(lang, cut, &row.cohort),
                row.engaged_rate,
                false,
            )
        })
        .chain([(
            lang.t(K::Everyone).to_owned(),
            report.total.engaged_rate,
            true,
        )])
        .collect();
    let title = lang.f(K::ChartTitle, &[("cut", lang.t(cut_label(cut)))]);
    let items = bars
        .iter()
        .map(|(label, rate, _)| {
            let said = rate.as_ref().map_or_else(
                || lang.t(K::NoFigure).to_owned(),
                |rate| rate_spoken(lang, rate),
            );
            format!("{label}: {said}")
        })
        .collect::<Vec<_>>()
        .join(lang.t(K::ChartItemSeparator));
    let summary = lang.f(K::ChartSummary, &[("title", &title), ("items", &items)]);
    let (plot_bottom, height) = (
        ChartScale::row_y(bars.len()),
        ChartScale::height(bars.len()),
    );
    let grid = [0.0, 0.25, 0.5, 0.75, 1.0].map(|share| {
        let x = at(scale.share_x(share));
        // The 0 % line is where every bar starts: drawn as an axis, the others faintly.
        let class = if share == 0.0 {
            "sp-chart__grid sp-chart__grid--axis"
        } else {
            "sp-chart__grid"
        };
        view! {
            <line class=class x1=x.clone() x2=x.clone() y1="0" y2=at(plot_bottom)/>
            <text class="sp-chart__tick" x=x y=at(plot_bottom + 16.0) text-anchor="middle">
                {percent(lang, share)}
            </text>
        }
    });
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(index, (label, rate, total))| bar(lang, scale, index, &label, rate, total))
        .collect_view();
    let view_box = format!("0 0 {CHART_WIDTH} {}", at(height));
    let direction = if scale.rtl { "rtl" } else { "ltr" };
    view! {
        <svg class="sp-chart__svg" role="img" aria-label=summary data-testid="funnel-chart"
            viewBox=view_box direction=direction>
            <title>{title}</title>
            {grid}
            {rows}
        </svg>
    }
}

/// One bar: the label, the bar to the rate, the whisker from the interval's low to its high end, the figure.
fn bar(
    lang: Lang,
    scale: ChartScale,
    index: usize,
    label: &str,
    rate: Option<Rate>,
    total: bool,
) -> impl IntoView + use<> {
    let middle = ChartScale::row_y(index) + ROW_HEIGHT / 2.0;
    let modifier = if total { " sp-chart__bar--total" } else { "" };
    let drawn = rate.map(|rate| {
        let (x, width) = scale.stretch(0.0, rate.rate);
        let (low, high) = (scale.share_x(rate.low), scale.share_x(rate.high));
        let whisker = format!(
            "M{low:.1} {middle:.1}H{high:.1}M{low:.1} {top:.1}V{bottom:.1}M{high:.1} {top:.1}V{bottom:.1}",
            top = middle - CAP,
            bottom = middle + CAP,
        );
        view! {
            <rect class=format!("sp-chart__bar{modifier}")
                x=at(x) y=at(middle - BAR_HEIGHT / 2.0) width=at(width) height=at(BAR_HEIGHT)/>
            // A light halo under the whisker keeps it visible over the bar and the background alike.
            <path class="sp-chart__halo" d=whisker.clone()/>
            <path class="sp-chart__whisker" d=whisker/>
        }
    });
    let row_class = if total {
        "sp-chart__row sp-chart__row--total"
    } else {
        "sp-chart__row"
    };
    let figure = rate.map_or_else(|| NO_FIGURE.to_owned(), |rate| rate_text(lang, &rate));
    view! {
        <g class=row_class>
            // Anchored at their end and mirrored in Arabic: labels run up to the plot from the reading side.
            <text class="sp-chart__label" x=at(scale.label_x()) y=at(middle) dy="0.35em" text-anchor="end">
                {short_label(label, LABEL_WIDTH)}
            </text>
            {drawn}
            <text x=at(scale.value_x()) y=at(middle) dy="0.35em" text-anchor="start">
                {figure}
            </text>
        </g>
    }
}
