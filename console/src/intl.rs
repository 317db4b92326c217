//! Numbers, durations, dates and plurals in the interface language, by the browser's `Intl`: the console ships
//! no locale data of its own.

use crate::i18n::{K, Lang};
use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

const MINUTE_MS: f64 = 60_000.0;

/// A plain JS object with these properties.
fn options(properties: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in properties {
        let _ = Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object
}

fn locales(lang: Lang) -> Array {
    Array::of1(&JsValue::from_str(lang.tag()))
}

fn call(format: js_sys::Function, value: &JsValue) -> String {
    format
        .call1(&JsValue::NULL, value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// Milliseconds since the epoch of an RFC 3339 time; none when it cannot be read.
pub fn parse_ms(rfc3339: &str) -> Option<f64> {
    let ms = Date::parse(rfc3339);
    (!ms.is_nan()).then_some(ms)
}

/// `count` of `unit` (an `Intl` unit such as `minute`), e.g. "5 minutes", "5 min" when `short`.
pub fn unit(lang: Lang, count: f64, unit: &str, short: bool) -> String {
    let display = if short { "short" } else { "long" };
    let format = Intl::NumberFormat::new(
        &locales(lang),
        &options(&[("style", "unit"), ("unit", unit), ("unitDisplay", display)]),
    );
    call(format.format(), &JsValue::from_f64(count))
}

/// A span of time to the minute, largest units first: "2 hr 10 min", "1 day 3 hr", "4 min".
pub fn duration(lang: Lang, ms: f64) -> String {
    let minutes = (ms.abs() / MINUTE_MS).floor().max(1.0);
    let (days, hours, minutes) = (
        (minutes / 1_440.0).floor(),
        ((minutes % 1_440.0) / 60.0).floor(),
        minutes % 60.0,
    );
    let part = |count: f64, name| (count > 0.0).then(|| unit(lang, count, name, true));
    let parts = if days > 0.0 {
        [part(days, "day"), part(hours, "hour")]
    } else if hours > 0.0 {
        [part(hours, "hour"), part(minutes, "minute")]
    } else {
        [part(minutes, "minute"), None]
    };
    parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// Where a ticket stands against its first-reply target, in words, and whether it is overdue.
pub fn first_reply(lang: Lang, now_ms: f64, due: &str, answered: bool) -> (String, bool) {
    if answered {
        return (lang.t(K::Answered).to_owned(), false);
    }
    let Some(due_ms) = parse_ms(due) else {
        return (due.to_owned(), false);
    };
    let left = due_ms - now_ms;
    let time = duration(lang, left);
    if left >= 0.0 {
        (lang.f(K::Left, &[("time", &time)]), false)
    } else {
        (lang.f(K::OverdueBy, &[("time", &time)]), true)
    }
}

/// A moment as date and time, e.g. "12 Mar 2026, 14:05".
pub fn date_time(lang: Lang, rfc3339: &str) -> String {
    let Some(ms) = parse_ms(rfc3339) else {
        return rfc3339.to_owned();
    };
    let format = Intl::DateTimeFormat::new(
        &locales(lang),
        &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
    );
    call(format.format(), &Date::new(&JsValue::from_f64(ms)))
}

/// An amount of money, e.g. "€12.50"; the bare number without a well-formed currency code.
pub fn money(lang: Lang, amount: f64, currency: Option<&str>) -> String {
    // `Intl` throws on a malformed code, and a throw would abort the module: only well-formed codes reach it.
    let Some(currency) =
        currency.filter(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()))
    else {
        return number(lang, amount);
    };
    let format = Intl::NumberFormat::new(
        &locales(lang),
        &options(&[("style", "currency"), ("currency", currency)]),
    );
    call(format.format(), &JsValue::from_f64(amount))
}

/// A number as the language writes it.
pub fn number(lang: Lang, value: f64) -> String {
    let format = Intl::NumberFormat::new(&locales(lang), &Object::new());
    call(format.format(), &JsValue::from_f64(value))
}

/// Whether `count` takes the language's singular form.
pub fn is_one(lang: Lang, count: usize) -> bool {
    Intl::PluralRules::new(&locales(lang), &Object::new())
        .select(count as f64)
        .as_string()
        .is_some_and(|form| form == "one")
}
