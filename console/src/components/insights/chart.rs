//! The Insights page's charts: rates as horizontal bars, each with its 95 % interval as a whisker, laid out
//! left to right and mirrored in a right-to-left language. Each is one SVG image whose name says every figure;
//! the table under it holds the same ones.

use super::format::{NO_FIGURE, percent, rate_spoken, rate_text, short_label};
use crate::i18n::{K, Lang};
use leptos::prelude::*;
use signpost_core::insights::reports::Rate;

/// Longest chart label, in widths of a Latin letter (about 7 of the chart's units each); the table has the
/// whole name.
const LABEL_WIDTH: usize = 23;
/// Half the height of a whisker's end caps.
const CAP: f64 = 6.0;

/// The chart's width in its own units; the SVG scales to its box.
const CHART_WIDTH: f64 = 640.0;
/// Where the labels end, the plot's 0 % and 100 %, and where the figures start, left to right.
const LABEL_END: f64 = 176.0;
const PLOT_START: f64 = 188.0;
const PLOT_END: f64 = 448.0;
const VALUE_START: f64 = 460.0;
/// Each bar's row, the bar within it, the space above the first and the axis under the last.
const ROW_HEIGHT: f64 = 30.0;
const BAR_HEIGHT: f64 = 16.0;
const TOP: f64 = 6.0;
const AXIS: f64 = 24.0;

/// Where things go in the chart: laid out left to right, mirrored in a right-to-left language so the bars
/// grow from the side the labels are read from.
#[derive(Clone, Copy, Debug)]
struct ChartScale {
    rtl: bool,
}

impl ChartScale {
    /// The drawn x of a left-to-right one.
    fn x(self, x: f64) -> f64 {
        if self.rtl { CHART_WIDTH - x } else { x }
    }

    /// The x of a share from 0 to 1.
    fn share_x(self, share: f64) -> f64 {
        self.x(PLOT_START + share.clamp(0.0, 1.0) * (PLOT_END - PLOT_START))
    }

    /// The left edge and width of the stretch between two shares.
    fn stretch(self, from: f64, to: f64) -> (f64, f64) {
        let (a, b) = (self.share_x(from), self.share_x(to));
        (a.min(b), (a - b).abs())
    }

    /// Where a label's end is (anchored `end`: the text runs toward the edge it is read from).
    fn label_x(self) -> f64 {
        self.x(LABEL_END)
    }

    /// Where a figure starts (anchored `start`).
    fn value_x(self) -> f64 {
        self.x(VALUE_START)
    }

    /// The top of row `index`.
    fn row_y(index: usize) -> f64 {
        TOP + index as f64 * ROW_HEIGHT
    }

    /// The chart's height for `rows` bars and the axis.
    fn height(rows: usize) -> f64 {
        Self::row_y(rows) + AXIS
    }
}

/// One bar: what it is, its rate (none draws no bar and says so), and whether it is the total, drawn apart.
pub struct Bar {
    pub label: String,
    pub rate: Option<Rate>,
    pub total: bool,
}

/// A number for an SVG attribute.
fn at(value: f64) -> String {
    format!("{value:.1}")
}

/// `bars` under `title`, on a grid from 0 to 100 %.
pub fn rate_chart(
    lang: Lang,
    title: &str,
    testid: &'static str,
    bars: Vec<Bar>,
) -> impl IntoView + use<> {
    let scale = ChartScale { rtl: lang.is_rtl() };
    let items = bars
        .iter()
        .map(|bar| {
            let said = bar.rate.as_ref().map_or_else(
                || lang.t(K::NoFigure).to_owned(),
                |rate| rate_spoken(lang, rate),
            );
            format!("{}: {said}", bar.label)
        })
        .collect::<Vec<_>>()
        .join(lang.t(K::ChartItemSeparator));
    let summary = lang.f(K::ChartSummary, &[("title", title), ("items", &items)]);
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
        .map(|(index, drawn)| bar(lang, scale, index, drawn))
        .collect_view();
    let view_box = format!("0 0 {CHART_WIDTH} {}", at(height));
    let direction = if scale.rtl { "rtl" } else { "ltr" };
    view! {
        <svg class="sp-chart__svg" role="img" aria-label=summary data-testid=testid
            viewBox=view_box direction=direction>
            <title>{title.to_owned()}</title>
            {grid}
            {rows}
        </svg>
    }
}

/// One bar: the label, the bar to the rate, the whisker from the interval's low to its high end, the figure.
fn bar(lang: Lang, scale: ChartScale, index: usize, drawn: Bar) -> impl IntoView + use<> {
    let Bar { label, rate, total } = drawn;
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
                {short_label(&label, LABEL_WIDTH)}
            </text>
            {drawn}
            <text x=at(scale.value_x()) y=at(middle) dy="0.35em" text-anchor="start">
                {figure}
            </text>
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_mirrors_right_to_left() {
        let ltr = ChartScale { rtl: false };
        let rtl = ChartScale { rtl: true };
        assert_eq!(ltr.share_x(0.0), PLOT_START);
        assert_eq!(ltr.share_x(1.0), PLOT_END);
        assert_eq!(ltr.share_x(0.5), 318.0);
        assert_eq!(rtl.share_x(0.0), CHART_WIDTH - PLOT_START);
        assert_eq!(rtl.share_x(0.5), CHART_WIDTH - 318.0);
        // A bar from 0 to 50 %: from the plot's start on the left, from its right edge in Arabic.
        assert_eq!(ltr.stretch(0.0, 0.5), (PLOT_START, 130.0));
        assert_eq!(rtl.stretch(0.0, 0.5), (CHART_WIDTH - 318.0, 130.0));
        assert!(rtl.label_x() > rtl.value_x(), "labels on the right");
        assert!(ltr.label_x() < ltr.value_x());
        assert_eq!(ChartScale::height(3), 6.0 + 90.0 + 24.0);
    }
}
