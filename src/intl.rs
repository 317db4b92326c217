//! Formatting for the user's locale with the browser's `Intl`, so the widget ships no locale data.

use crate::i18n::{Locale, Msg};
use js_sys::{Array, Date, Intl, Object, Reflect};
use signpost_core::rules::Formatter;
use wasm_bindgen::JsValue;

/// Formats dates, numbers, amounts and relative days the way the user's locale writes them.
pub struct IntlFormatter {
    ui: Locale,
    locales: Array,
}

impl IntlFormatter {
    /// A formatter for a BCP 47 locale (an unknown one falls back to the browser's default), with the words
    /// Intl has none for (yes, no) from the interface's language `ui`.
    pub fn new(ui: Locale, locale: &str) -> Self {
        IntlFormatter {
            ui,
            locales: Array::of1(&JsValue::from_str(locale)),
        }
    }

    fn number_format(&self, options: &[(&str, JsValue)]) -> js_sys::Function {
        Intl::NumberFormat::new(&self.locales, &object(options)).format()
    }
}

/// A plain JS object with these properties.
pub fn object(properties: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in properties {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// A moment `seconds` from now (negative: ago) in words, e.g. "5 minutes ago", "in 2 hours", "hace 3 días".
pub fn relative_time(locale: &str, seconds: i64) -> String {
    let seconds = seconds as f64;
    let (value, unit) = match seconds.abs() {
        s if s < 60.0 => (0.0, "second"),
        s if s < 3_600.0 => ((seconds / 60.0).round(), "minute"),
        s if s < 86_400.0 => ((seconds / 3_600.0).round(), "hour"),
        _ => ((seconds / 86_400.0).round(), "day"),
    };
    Intl::RelativeTimeFormat::new(
        &Array::of1(&JsValue::from_str(locale)),
        &object(&[("numeric", "auto".into())]),
    )
    .format(value, unit)
    .into()
}

fn call(format: js_sys::Function, value: f64) -> String {
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

impl Formatter for IntlFormatter {
    fn date(&self, year: i32, month: u32, day: u32) -> String {
        let date = Date::new_with_year_month_day(year as u32, month as i32 - 1, day as i32);
        let options = object(&[
            ("day", "numeric".into()),
            ("month", "short".into()),
            ("year", "numeric".into()),
        ]);
        Intl::DateTimeFormat::new(&self.locales, &options)
            .format()
            .call1(&JsValue::NULL, &date)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }

    fn number(&self, value: f64) -> String {
        call(
            self.number_format(&[("maximumFractionDigits", 2.into())]),
            value,
        )
    }

    fn amount(&self, value: f64, currency: &str) -> String {
        call(
            self.number_format(&[("style", "currency".into()), ("currency", currency.into())]),
            value,
        )
    }

    /// "3 days ago", "yesterday", "hace 3 días", "أمس".
    fn days_from_today(&self, days: i64) -> String {
        let options = object(&[("numeric", "auto".into())]);
        Intl::RelativeTimeFormat::new(&self.locales, &options)
            .format(days as f64, "day")
            .into()
    }

    fn yes_no(&self, value: bool) -> String {
        self.ui
            .text(if value { Msg::Yes } else { Msg::No })
            .to_owned()
    }

    fn term(&self, path: &str, value: &str) -> Option<String> {
        let (_, values) = TERMS.iter().find(|(fact, _)| *fact == path)?;
        let (_, msg) = values.iter().find(|(known, _)| *known == value)?;
        Some(self.ui.text(*msg).to_owned())
    }
}

/// The values of facts that have words in every language, by fact: the roles and surfaces the embed code knows,
/// and the order and payment statuses most shops use (others read as the page sent them).
const TERMS: [(&str, &[(&str, Msg)]); 4] = [
    (
        "role",
        &[
            ("buyer", Msg::TermRoleBuyer),
            ("seller", Msg::TermRoleSeller),
        ],
    ),
    (
        "surface",
        &[
            ("checkout", Msg::TermSurfaceCheckout),
            ("order", Msg::TermSurfaceOrder),
            ("onboarding", Msg::TermSurfaceOnboarding),
            ("other", Msg::TermSurfaceOther),
        ],
    ),
    (
        "order.status",
        &[
            ("placed", Msg::TermOrderStatusPlaced),
            ("paid", Msg::TermOrderStatusPaid),
            ("processing", Msg::TermOrderStatusProcessing),
            ("shipped", Msg::TermOrderStatusShipped),
            ("in_transit", Msg::TermOrderStatusInTransit),
            ("delivered", Msg::TermOrderStatusDelivered),
            ("cancelled", Msg::TermOrderStatusCancelled),
            ("refunded", Msg::TermOrderStatusRefunded),
            ("returned", Msg::TermOrderStatusReturned),
        ],
    ),
    (
        "order.payment_status",
        &[
            ("pending", Msg::TermOrderPaymentStatusPending),
            ("authorized", Msg::TermOrderPaymentStatusAuthorized),
            ("paid", Msg::TermOrderPaymentStatusPaid),
            ("failed", Msg::TermOrderPaymentStatusFailed),
            ("refunded", Msg::TermOrderPaymentStatusRefunded),
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::rules::KNOWN_FACTS;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn term(ui: Locale, path: &str, value: &str) -> Option<String> {
        IntlFormatter::new(ui, ui.tag()).term(path, value)
    }

    #[test]
    fn every_known_value_has_words_in_every_language() {
        let english = Locale::default();
        for (path, value) in TERMS
            .iter()
            .flat_map(|(path, values)| values.iter().map(move |(value, _)| (*path, *value)))
        {
            assert!(KNOWN_FACTS.contains(&path), "{path} is no fact");
            let words = term(english, path, value);
            assert_eq!(
                words,
                Some(value.replace('_', " ")),
                "English: {path} = {value}"
            );
            for ui in Locale::all().filter(|&ui| ui != english) {
                assert_ne!(
                    term(ui, path, value),
                    words,
                    "{}: {path} = {value}",
                    ui.tag()
                );
            }
        }
        let spanish = Locale::find("es").unwrap();
        assert_eq!(
            term(spanish, "order.status", "shipped").as_deref(),
            Some("enviado")
        );
        assert_eq!(term(spanish, "order.status", "held_at_customs"), None);
        assert_eq!(
            term(spanish, "order.id", "shipped"),
            None,
            "words only for that fact"
        );
    }
}
