//! The Insights page's words and figures: counts of people as the desk lets them be shown, rates always with
//! their interval, minutes, and cohort names. Figures are written
//! with Latin digits in every language, as in the CSV downloads, so a table reads the same as its file.

use super::super::inbox::surface_label;
use crate::i18n::{K, Lang};
use crate::reports::Cut;
use signpost_core::insights::reports::{Rate, Shown};

/// What stands in a cell that has no figure.
pub const NO_FIGURE: &str = "—";

/// A share from 0 to 1 in whole percent.
fn whole_percent(share: f64) -> i64 {
    (share.clamp(0.0, 1.0) * 100.0).round() as i64
}

/// A share as a percentage: "83%" ("83 %" in French).
pub fn percent(lang: Lang, share: f64) -> String {
    lang.f(K::Percent, &[("n", &whole_percent(share).to_string())])
}

/// A rate with its 95 % interval, never bare: "83% (44–97%)".
pub fn rate_text(lang: Lang, rate: &Rate) -> String {
    lang.f(
        K::RateInterval,
        &[
            ("rate", &percent(lang, rate.rate)),
            ("low", &whole_percent(rate.low).to_string()),
            ("high", &percent(lang, rate.high)),
        ],
    )
}

/// A rate as a screen reader says it: "83%, 95% confidence interval 44% to 97%".
pub fn rate_spoken(lang: Lang, rate: &Rate) -> String {
    lang.f(
        K::RateSpoken,
        &[
            ("rate", &percent(lang, rate.rate)),
            ("low", &percent(lang, rate.low)),
            ("high", &percent(lang, rate.high)),
        ],
    )
}

/// A count of people as the report lets it be shown: the number, "< k", or the word for why it is not.
pub fn shown_text(lang: Lang, shown: Shown, k: u64) -> String {
    match shown {
        Shown::Count(count) => count.to_string(),
        Shown::Small => format!("< {k}"),
        Shown::Withheld => lang.t(K::Withheld).to_owned(),
        Shown::Hidden => lang.t(K::HiddenCount).to_owned(),
    }
}

/// Minutes to the minute; "< 1" for a reply within half a minute, which rounding would call none.
pub fn minutes_text(minutes: f64) -> String {
    if minutes > 0.0 && minutes < 0.5 {
        "< 1".to_owned()
    } else {
        format!("{}", minutes.round() as i64)
    }
}

/// A cohort's name in the interface language; a value the console has no word for (a site's dimension, a
/// language it does not speak) as it came.
pub fn cohort_label(lang: Lang, cut: Cut, cohort: &str) -> String {
    let key = match (cut, cohort) {
        (_, "" | "unknown") => Some(K::NotGiven),
        (Cut::Audience, "buyer") => Some(K::Buyer),
        (Cut::Audience, "seller") => Some(K::Seller),
        (Cut::Surface, surface) => surface_label(surface),
        (Cut::Identified | Cut::Returning, "yes") => Some(K::Yes),
        (Cut::Identified | Cut::Returning, "no") => Some(K::No),
        (Cut::Language, tag) => {
            // Only an exact tag: `pt` is not necessarily Brazilian.
            return Lang::find(tag)
                .filter(|known| known.tag().eq_ignore_ascii_case(tag))
                .map_or_else(
                    || tag.to_owned(),
                    |known| format!("{} ({tag})", known.name()),
                );
        }
        _ => None,
    };
    key.map_or_else(|| cohort.to_owned(), |key| lang.t(key).to_owned())
}

/// The name of a cut, for the picker and the table's first column.
pub fn cut_label(cut: Cut) -> K {
    match cut {
        Cut::Audience => K::Audience,
        Cut::Surface => K::Surface,
        Cut::Language => K::SeenLanguage,
        Cut::Identified => K::CutIdentified,
        Cut::Returning => K::CutReturning,
    }
}

/// How wide a character is in a label, in halves of a CJK character: the ideographs, kana and full-width forms
/// take about twice the room of a Latin or Arabic letter.
fn width(c: char) -> usize {
    match c {
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}' => 2,
        _ => 1,
    }
}

/// `text` cut to `max` widths (see [`width`]) with an ellipsis, for a chart label; the table has it whole.
pub fn short_label(text: &str, max: usize) -> String {
    if text.chars().map(width).sum::<usize>() <= max {
        return text.to_owned();
    }
    let mut used = 1; // the ellipsis
    let kept: String = text
        .chars()
        .take_while(|c| {
            used += width(*c);
            used <= max
        })
        .collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(rate: f64, low: f64, high: f64) -> Rate {
        Rate {
            successes: 0,
            trials: 0,
            rate,
            low,
            high,
        }
    }

    #[test]
    fn a_rate_comes_with_its_interval() {
        let r = rate(0.8333, 0.4365, 0.9699);
        assert_eq!(rate_text(Lang::En, &r), "83% (44–97%)");
        assert_eq!(
            rate_spoken(Lang::En, &r),
            "83%, 95% confidence interval 44% to 97%"
        );
        assert_eq!(rate_text(Lang::Fr, &r), "83\u{a0}% (44–97\u{a0}%)");
        assert_eq!(rate_text(Lang::Ja, &r), "83%（44–97%）");
        assert_eq!(
            rate_text(Lang::En, &rate(1.0, 0.2065, 1.0)),
            "100% (21–100%)"
        );
        assert_eq!(rate_text(Lang::En, &rate(0.0, 0.0, 0.7935)), "0% (0–79%)");
        // Out-of-range values from a misbehaving desk stay within 0–100.
        assert_eq!(percent(Lang::En, 1.2), "100%");
        assert_eq!(percent(Lang::En, -0.1), "0%");
    }

    #[test]
    fn counts_of_people_are_shown_as_the_desk_allows() {
        assert_eq!(shown_text(Lang::En, Shown::Count(3), 10), "3");
        assert_eq!(shown_text(Lang::Ar, Shown::Count(0), 10), "0");
        assert_eq!(shown_text(Lang::De, Shown::Small, 10), "< 10");
        assert_eq!(shown_text(Lang::En, Shown::Withheld, 10), "withheld");
        assert_eq!(shown_text(Lang::En, Shown::Hidden, 10), "hidden");
        assert_eq!(shown_text(Lang::Es, Shown::Hidden, 10), "oculto");
    }

    #[test]
    fn minutes() {
        assert_eq!(minutes_text(12.4), "12");
        assert_eq!(minutes_text(12.5), "13");
        assert_eq!(minutes_text(0.2), "< 1");
        assert_eq!(minutes_text(0.0), "0");
    }

    #[test]
    fn cohorts_get_names() {
        assert_eq!(cohort_label(Lang::En, Cut::Audience, "buyer"), "Buyer");
        assert_eq!(
            cohort_label(Lang::Es, Cut::Audience, "unknown"),
            "Sin indicar"
        );
        assert_eq!(cohort_label(Lang::En, Cut::Surface, "checkout"), "Checkout");
        assert_eq!(
            cohort_label(Lang::En, Cut::Surface, "help-center"),
            "help-center"
        );
        assert_eq!(cohort_label(Lang::De, Cut::Identified, "yes"), "Ja");
        assert_eq!(cohort_label(Lang::En, Cut::Returning, "no"), "No");
        assert_eq!(cohort_label(Lang::En, Cut::Language, "es"), "Español (es)");
        assert_eq!(cohort_label(Lang::En, Cut::Language, "pt"), "pt");
        assert_eq!(
            cohort_label(Lang::En, Cut::Language, "pt-BR"),
            "Português (Brasil) (pt-BR)"
        );
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(short_label("Buyer", 20), "Buyer");
        assert_eq!(short_label("a very long dimension value", 10), "a very lo…");
        assert_eq!(short_label("ab cdefgh", 4), "ab…");
        // Japanese takes twice the room.
        assert_eq!(short_label("再訪問者の方", 12), "再訪問者の方");
        assert_eq!(short_label("再訪問者の方々です", 12), "再訪問者の…");
    }
}
