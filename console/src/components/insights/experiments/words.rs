//! The experiments' words and figures: metric and variant names, the verdict as a sentence, differences in
//! percentage points and the sample-ratio p value. Figures keep Latin digits, as on the rest of the page, with
//! the language's decimal mark.

use crate::i18n::{K, Lang};
use signpost_core::experiments::report::{ExperimentReport, Outcome, Verdict};
use signpost_core::experiments::{ChangeKind, Metric};

/// Below this, a p value is written "p < 0.001": the check's own threshold.
const P_FLOOR: f64 = 0.001;

/// A metric's name, as a column heads it.
fn metric_label(metric: Metric) -> K {
    match metric {
        Metric::Resolved => K::MetricResolved,
        Metric::Tickets => K::MetricTickets,
        Metric::RepeatContact => K::MetricRepeat,
        Metric::Unsatisfied => K::MetricUnsatisfied,
    }
}

/// A metric's name within a sentence ("… is better on self-service resolution").
fn metric_in_sentence(metric: Metric) -> K {
    match metric {
        Metric::Resolved => K::MetricResolvedIn,
        Metric::Tickets => K::MetricTicketsIn,
        Metric::RepeatContact => K::MetricRepeatIn,
        Metric::Unsatisfied => K::MetricUnsatisfiedIn,
    }
}

/// A metric's column head, saying whether it decides the experiment or guards it.
pub fn metric_head(lang: Lang, metric: Metric, guardrail: bool) -> String {
    let key = if guardrail {
        K::MetricGuardrail
    } else {
        K::MetricPrimary
    };
    lang.f(key, &[("metric", lang.t(metric_label(metric)))])
}

/// "Control" for variant 0, else "Variant 2".
pub fn variant_name(lang: Lang, variant: u32) -> String {
    if variant == 0 {
        lang.t(K::Control).to_owned()
    } else {
        lang.f(K::VariantN, &[("n", &variant.to_string())])
    }
}

/// A number with one decimal and the language's decimal mark, e.g. "3.5" ("3,5" in German).
fn decimal(lang: Lang, value: f64) -> String {
    format!("{value:.1}").replace('.', lang.t(K::DecimalMark))
}

/// A difference of shares (−1 to 1) in percentage points, always signed: "+3.5", "−12.0", "0.0". Right to
/// left, the figure is isolated left to right, or the bidirectional algorithm would put its sign after it.
pub fn points(lang: Lang, difference: f64) -> String {
    let tenths = (difference.clamp(-1.0, 1.0) * 1000.0).round() / 10.0;
    let sign = if tenths > 0.0 {
        "+"
    } else if tenths < 0.0 {
        "\u{2212}"
    } else {
        ""
    };
    let figure = format!("{sign}{}", decimal(lang, tenths.abs()));
    if lang.is_rtl() {
        format!("\u{2066}{figure}\u{2069}")
    } else {
        figure
    }
}

/// A comparison's interval: "−3.5 to +12.0 points".
pub fn difference_text(lang: Lang, low: f64, high: f64) -> String {
    lang.f(
        K::PointsRange,
        &[("low", &points(lang, low)), ("high", &points(lang, high))],
    )
}

/// The sample-ratio check's p value: "p = 0.62", or "p < 0.001" where it flags a mismatch.
pub fn p_text(lang: Lang, p: f64) -> String {
    if p < P_FLOOR {
        let floor = format!("{P_FLOOR}").replace('.', lang.t(K::DecimalMark));
        return format!("p < {floor}");
    }
    let text = format!("{:.3}", p.min(1.0));
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("p = {}", text.replace('.', lang.t(K::DecimalMark)))
}

/// What a comparison says, in words.
pub fn outcome_label(outcome: Outcome) -> K {
    match outcome {
        Outcome::Better => K::OutcomeBetter,
        Outcome::Worse => K::OutcomeWorse,
        Outcome::NoDifferenceYet => K::OutcomeNoDifference,
    }
}

/// The outcome's name in the page's markup (`data-outcome`, a class).
pub fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Better => "better",
        Outcome::Worse => "worse",
        Outcome::NoDifferenceYet => "no-difference-yet",
    }
}

/// The verdict's name in the page's markup (`data-verdict`, a class): the wire's `kind`.
pub fn verdict_name(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::VariantBetter { .. } => "variant_better",
        Verdict::ControlBetter => "control_better",
        Verdict::NoDifferenceYet => "no_difference_yet",
        Verdict::Untrustworthy => "untrustworthy",
        Verdict::StoppedGuardrail { .. } => "stopped_guardrail",
        Verdict::Stopped => "stopped",
    }
}

/// The verdict as a sentence, naming the variant, its article and the metric.
pub fn verdict_text(lang: Lang, report: &ExperimentReport) -> String {
    let article = |variant: u32| {
        report
            .variants
            .iter()
            .find(|v| v.variant == variant)
            .map_or_else(String::new, |v| v.article.clone())
    };
    let primary = lang.t(metric_in_sentence(report.primary));
    match &report.verdict {
        Verdict::VariantBetter { variant } => lang.f(
            K::VerdictVariantBetter,
            &[
                ("n", &variant.to_string()),
                ("article", &article(*variant)),
                ("metric", primary),
            ],
        ),
        Verdict::ControlBetter => lang.f(
            K::VerdictControlBetter,
            &[("article", &article(0)), ("metric", primary)],
        ),
        Verdict::NoDifferenceYet => lang.t(K::VerdictNoDifference).to_owned(),
        Verdict::Untrustworthy => lang.f(
            K::VerdictUntrustworthy,
            &[("p", &p_text(lang, report.sample_ratio.p_value))],
        ),
        Verdict::StoppedGuardrail { variant, metric } => lang.f(
            K::VerdictStoppedGuardrail,
            &[
                ("n", &variant.to_string()),
                ("metric", lang.t(metric_in_sentence(*metric))),
            ],
        ),
        Verdict::Stopped => lang.t(K::VerdictStopped).to_owned(),
    }
}

/// What the experiment varies, in a sentence naming its rule or article.
pub fn subject(lang: Lang, report: &ExperimentReport) -> String {
    let (key, placeholder) = match report.change {
        ChangeKind::RuleArticle => (K::ExpRule, "rule"),
        ChangeKind::RuleReason => (K::ExpRuleReason, "rule"),
        ChangeKind::NudgeWording => (K::ExpNudgeWording, "rule"),
        ChangeKind::NudgeHoldout => (K::ExpNudgeHoldout, "rule"),
        ChangeKind::ArticleText => (K::ExpArticleText, "article"),
        ChangeKind::StatusFirst => (K::ExpStatusFirst, "subject"),
        ChangeKind::LargeOrder => (K::ExpLargeOrder, "subject"),
    };
    lang.f(key, &[(placeholder, &report.subject)])
}

/// An audit entry's action in words; one this console does not know as it came.
pub fn audit_action(lang: Lang, action: &str) -> String {
    let key = match action {
        "started" => K::AuditStarted,
        "changed" => K::AuditChanged,
        "stopped" => K::AuditStopped,
        _ => return action.to_owned(),
    };
    lang.t(key).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::experiments::report::{SampleRatio, VariantReport};
    use signpost_core::insights::reports::Shown;

    fn report(verdict: Verdict, p_value: f64) -> ExperimentReport {
        let variant = |variant: u32, article: &str| VariantReport {
            variant,
            article: article.to_owned(),
            planned_share: 0.5,
            exposed: Shown::Count(12),
            metrics: vec![],
        };
        ExperimentReport {
            id: "late-order-article".into(),
            description: String::new(),
            running: true,
            change: ChangeKind::RuleArticle,
            subject: "late-delivery".into(),
            primary: Metric::Resolved,
            guardrails: vec![Metric::Tickets],
            variants: vec![variant(0, "late-delivery"), variant(1, "order-status")],
            sample_ratio: SampleRatio {
                p_value,
                mismatch: p_value < P_FLOOR,
            },
            comparisons: vec![],
            verdict,
            audit: vec![],
        }
    }

    #[test]
    fn verdicts_are_sentences() {
        let said = |verdict| verdict_text(Lang::En, &report(verdict, 0.5));
        assert_eq!(
            said(Verdict::VariantBetter { variant: 1 }),
            "Variant 1 (order-status) is better on self-service resolution."
        );
        assert_eq!(
            said(Verdict::NoDifferenceYet),
            "No difference yet: keep it running."
        );
        assert_eq!(
            said(Verdict::StoppedGuardrail {
                variant: 1,
                metric: Metric::Tickets
            }),
            "Stopped: variant 1 made the ticket rate worse. Everyone now sees the control."
        );
        assert!(said(Verdict::ControlBetter).starts_with("Control is better"));
        let untrusted = verdict_text(Lang::En, &report(Verdict::Untrustworthy, 0.0002));
        assert!(
            untrusted.starts_with(
                "Untrustworthy: exposures do not match the planned split (p < 0.001)."
            ),
            "{untrusted}"
        );
    }

    #[test]
    fn differences_are_signed_points() {
        assert_eq!(points(Lang::En, 0.035), "+3.5");
        assert_eq!(points(Lang::En, -0.12), "\u{2212}12.0");
        assert_eq!(points(Lang::En, 0.0), "0.0");
        assert_eq!(points(Lang::En, -0.0001), "0.0");
        assert_eq!(points(Lang::De, 0.035), "+3,5");
        assert_eq!(points(Lang::Ar, -0.035), "\u{2066}\u{2212}3.5\u{2069}");
        assert_eq!(
            difference_text(Lang::En, -0.035, 0.12),
            "\u{2212}3.5 to +12.0 points"
        );
    }

    #[test]
    fn p_values() {
        assert_eq!(p_text(Lang::En, 0.62), "p = 0.62");
        assert_eq!(p_text(Lang::En, 1.0), "p = 1");
        assert_eq!(p_text(Lang::En, 0.0123), "p = 0.012");
        assert_eq!(p_text(Lang::En, 0.0004), "p < 0.001");
        assert_eq!(p_text(Lang::Fr, 0.5), "p = 0,5");
    }

    #[test]
    fn names() {
        assert_eq!(variant_name(Lang::En, 0), "Control");
        assert_eq!(variant_name(Lang::En, 2), "Variant 2");
        assert_eq!(
            metric_head(Lang::En, Metric::Tickets, true),
            "Filed a ticket (guardrail)"
        );
        assert_eq!(audit_action(Lang::En, "started"), "Started");
        assert_eq!(audit_action(Lang::En, "paused"), "paused");
    }
}
