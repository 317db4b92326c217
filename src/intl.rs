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
}
