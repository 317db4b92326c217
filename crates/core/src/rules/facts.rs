//! The facts rules test and cite: the context as JSON plus the caller's extra facts, addressed by dotted paths,
//! and how each fact reads when shown to the user.

use super::FactUsed;
use super::date::{LocalCalendar, civil_from_days};
use super::format::Formatter;
use crate::context::Context;
use serde_json::{Map, Value};

/// Paths that name a field of [`Context`] or a fact callers supply (`incidents.active`).
///
/// Checked when the rules load, so a typo such as `order.promise_by` fails loudly instead of never matching.
pub const KNOWN_FACTS: [&str; 21] = [
    "surface",
    "locale",
    "role",
    "page",
    "page.url",
    "page.title",
    "order",
    "order.id",
    "order.status",
    "order.placed_at",
    "order.promised_by",
    "order.shipped_at",
    "order.delivered_at",
    "order.payment_status",
    "order.amount",
    "order.currency",
    "onboarding",
    "onboarding.step",
    "onboarding.completed",
    "onboarding.blockers",
    "incidents.active",
];

/// Why a path cannot be tested or cited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathProblem {
    /// Not dot-separated segments of `A–Z a–z 0–9 _ -`.
    NotAPath(String),
    /// Well formed, but neither a field of the context, a fact callers supply, nor under `custom.`.
    UnknownFact(String),
}

impl std::fmt::Display for PathProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathProblem::NotAPath(path) => write!(f, "`{path}` is not a fact path"),
            PathProblem::UnknownFact(path) => write!(f, "unknown fact `{path}`"),
        }
    }
}

/// Why `path` cannot be tested or cited; `Ok` for known facts and anything under `custom.`.
pub(crate) fn check_path(path: &str) -> Result<(), PathProblem> {
    let well_formed = path.split('.').all(|segment| {
        !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    });
    if !well_formed {
        return Err(PathProblem::NotAPath(path.to_owned()));
    }
    // Hosts name their own custom facts, so only the prefix can be checked.
    if KNOWN_FACTS.contains(&path) || path.starts_with("custom.") {
        Ok(())
    } else {
        Err(PathProblem::UnknownFact(path.to_owned()))
    }
}

/// The path of the currency that goes with an amount: `order.amount` → `order.currency`.
pub(crate) fn currency_path(amount_path: &str) -> String {
    match amount_path.rsplit_once('.') {
        Some((parent, _)) => format!("{parent}.currency"),
        None => "currency".to_owned(),
    }
}

/// Every fact of one request.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    root: Map<String, Value>,
}

impl Facts {
    /// The context as JSON, with `extra` merged over it; extra keys may be dotted (`incidents.active`) or nested.
    pub(crate) fn new(context: &Context, extra: &Map<String, Value>) -> Facts {
        let mut root = match serde_json::to_value(context) {
            Ok(Value::Object(root)) => root,
            _ => Map::new(),
        };
        for (key, value) in extra {
            let segments: Vec<&str> = key.split('.').collect();
            merge_at(&mut root, &segments, value.clone());
        }
        Facts { root }
    }

    /// The value at a dotted path; `None` when it is absent or `null`.
    pub(crate) fn get(&self, path: &str) -> Option<&Value> {
        let mut segments = path.split('.');
        let mut value = self.root.get(segments.next()?)?;
        for segment in segments {
            value = value.as_object()?.get(segment)?;
        }
        (!value.is_null()).then_some(value)
    }

    /// The currency that goes with the amount at `amount_path`, if the facts have one.
    pub(crate) fn currency_for(&self, amount_path: &str) -> Option<&str> {
        self.get(&currency_path(amount_path))?
            .as_str()
            .filter(|code| !code.trim().is_empty())
    }
}

/// Sets `value` at `segments` under `target`, merging objects key by key rather than replacing them.
fn merge_at(target: &mut Map<String, Value>, segments: &[&str], value: Value) {
    let Some((first, rest)) = segments.split_first() else {
        return;
    };
    if rest.is_empty() {
        if let Value::Object(incoming) = value {
            if let Some(Value::Object(existing)) = target.get_mut(*first) {
                for (key, inner) in incoming {
                    merge_at(existing, &[key.as_str()], inner);
                }
                return;
            }
            target.insert((*first).to_owned(), Value::Object(incoming));
        } else {
            target.insert((*first).to_owned(), value);
        }
        return;
    }
    let child = target
        .entry((*first).to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !child.is_object() {
        *child = Value::Object(Map::new());
    }
    if let Value::Object(child) = child {
        merge_at(child, rest, value);
    }
}

/// A value as plain text: strings as they are, numbers through the formatter, lists joined with commas.
///
/// `None` for what has no honest plain reading (empty text, booleans, objects), so templates never show a hole.
pub(crate) fn plain_text(value: &Value, fmt: &dyn Formatter) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        Value::Number(number) => number.as_f64().map(|n| fmt.number(n)),
        Value::Array(items) if !items.is_empty() => {
            let parts: Option<Vec<String>> = items.iter().map(|v| plain_text(v, fmt)).collect();
            parts.map(|parts| parts.join(", "))
        }
        _ => None,
    }
}

/// Fact `path`'s value as the user reads it: a known value in the formatter's words, else its [`plain_text`].
pub(crate) fn value_text(path: &str, value: &Value, fmt: &dyn Formatter) -> Option<String> {
    match value {
        Value::String(code) => fmt.term(path, code).or_else(|| plain_text(value, fmt)),
        _ => plain_text(value, fmt),
    }
}

/// A snake_case name as words: `identity_verification` → `identity verification`.
pub(crate) fn words(text: &str) -> String {
    text.replace('_', " ")
}

/// A day number through the formatter.
pub(crate) fn date_text(day: i64, fmt: &dyn Formatter) -> String {
    let (year, month, day) = civil_from_days(day);
    fmt.date(year, month, day)
}

/// How a rule used a fact, which decides how it reads in [`FactUsed::shown`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Compared as a date or cited with a date filter.
    pub date: bool,
    /// Cited with `|amount`.
    pub amount: bool,
    /// Cited with `|words`.
    pub words: bool,
}

impl Usage {
    fn merge(&mut self, other: Usage) {
        self.date |= other.date;
        self.amount |= other.amount;
        self.words |= other.words;
    }
}

/// The facts behind a reason, each once, in first-use order; facts that are absent are left out (nothing to show).
pub(crate) fn facts_used(
    uses: impl IntoIterator<Item = (String, Usage)>,
    facts: &Facts,
    calendar: &LocalCalendar,
    fmt: &dyn Formatter,
) -> Vec<FactUsed> {
    let mut merged: Vec<(String, Usage)> = Vec::new();
    for (path, usage) in uses {
        match merged.iter_mut().find(|(seen, _)| *seen == path) {
            Some((_, seen)) => seen.merge(usage),
            None => merged.push((path, usage)),
        }
    }
    merged
        .into_iter()
        .filter_map(|(path, usage)| {
            let value = facts.get(&path)?;
            let shown = shown(&path, value, usage, facts, calendar, fmt);
            Some(FactUsed {
                path,
                value: value.clone(),
                shown,
            })
        })
        .collect()
}

/// A fact as the user reads it beside the reason, e.g. "12 Nov 2026 (3 days ago)" or "129.50 EUR".
fn shown(
    path: &str,
    value: &Value,
    usage: Usage,
    facts: &Facts,
    calendar: &LocalCalendar,
    fmt: &dyn Formatter,
) -> String {
    if usage.date
        && let Some(day) = value.as_str().and_then(|text| calendar.local_day(text))
    {
        return format!(
            "{} ({})",
            date_text(day, fmt),
            fmt.days_from_today(day - calendar.today())
        );
    }
    if usage.amount
        && let (Some(amount), Some(currency)) = (value.as_f64(), facts.currency_for(path))
    {
        return fmt.amount(amount, currency);
    }
    match (value, value_text(path, value, fmt)) {
        (_, Some(text)) if usage.words => words(&text),
        (_, Some(text)) => text,
        (Value::Bool(value), None) => fmt.yes_no(*value),
        (other, None) => other.to_string(),
    }
}
