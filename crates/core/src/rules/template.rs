//! Reason templates: text with `{path}` or `{path|filter}` placeholders, checked when the rules load.
//!
//! Filters: `date` ("12 Nov 2026"), `days_since` / `days_until` (a whole number of days, never negative),
//! `amount` (the number with the currency beside it, e.g. `order.currency` for `order.amount`) and `words`
//! (`identity_verification` → "identity verification"). The date filters take a shift in days, so a window
//! can be cited from its start: `{order.delivered_at|date+30}`, `{order.delivered_at|days_until+30}`.
//! `{{` and `}}` stand for literal braces. After a count of exactly one, a following " days" reads " day" (and
//! the Spanish " días" " día"), so "{order.promised_by|days_since} days ago" can read "1 day ago".
//!
//! Rendering is all or nothing: if any placeholder has no value that reads well, there is no text at all,
//! and the rule does not fire rather than showing a hole.

use super::date::LocalCalendar;
use super::facts::{Facts, PathProblem, Usage, check_path, date_text, value_text, words};
use super::format::Formatter;
use std::fmt;

/// A parsed reason template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Fact(Placeholder),
}

/// `{path|filter±days}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placeholder {
    pub path: String,
    filter: Filter,
    /// Days added to a date before the date filters use it.
    shift: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    Plain,
    Date,
    DaysSince,
    DaysUntil,
    Amount,
    Words,
}

/// Why a template cannot be read. `Display` gives the English the rules file's errors use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TemplateProblem {
    /// A `}` with no `{` before it (a literal brace is written `}}`).
    UnmatchedClose,
    /// A `{` with no `}` after it (a literal brace is written `{{`).
    UnmatchedOpen,
    /// A placeholder whose path is not a known fact; `inside` is what the braces hold.
    Path {
        inside: String,
        problem: PathProblem,
    },
    /// A placeholder with a filter this engine does not have.
    UnknownFilter { inside: String, filter: String },
    /// A shift in days on a filter that is not a date filter, or one too large.
    BadShift { inside: String },
}

impl fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateProblem::UnmatchedClose => {
                f.write_str("the reason has a `}` without a `{` (write `}}` for a brace)")
            }
            TemplateProblem::UnmatchedOpen => {
                f.write_str("the reason has a `{` without a `}` (write `{{` for a brace)")
            }
            TemplateProblem::Path { inside, problem } => {
                write!(f, "placeholder `{{{inside}}}`: {problem}")
            }
            TemplateProblem::UnknownFilter { inside, filter } => write!(
                f,
                "placeholder `{{{inside}}}`: unknown filter `{filter}` (expected date, days_since, days_until, amount, words)"
            ),
            TemplateProblem::BadShift { inside } => write!(
                f,
                "placeholder `{{{inside}}}`: only date filters take a shift in days, like `date+30`"
            ),
        }
    }
}

/// How a translation's placeholders differ from the English template's, counted with repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PlaceholderDifference {
    /// Placeholders of the English template the translation lacks, in canonical form (`{order.id}`).
    pub missing: Vec<String>,
    /// Placeholders of the translation the English template lacks.
    pub extra: Vec<String>,
}

impl fmt::Display for PlaceholderDifference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |label: &str, names: &[String]| {
            (!names.is_empty()).then(|| format!("{label} `{}`", names.join("`, `")))
        };
        let parts: Vec<String> = [list("missing", &self.missing), list("extra", &self.extra)]
            .into_iter()
            .flatten()
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// The filters by name.
const FILTERS: [(&str, Filter); 5] = [
    ("date", Filter::Date),
    ("days_since", Filter::DaysSince),
    ("days_until", Filter::DaysUntil),
    ("amount", Filter::Amount),
    ("words", Filter::Words),
];

/// Units that read singular right after a count of exactly one: "1 day ago", "hace 1 día". Other languages'
/// translations are worded so the count needs no agreement (Arabic: "عدد أيام التأخير: 3").
const SINGULAR_UNITS: [(&str, &str); 2] = [(" days", " day"), (" días", " día")];

/// Longest shift accepted, about 270 years: enough for any real window, far from overflow.
const MAX_SHIFT_DAYS: i64 = 100_000;

impl Template {
    /// Parses a template; the error names the placeholder that is wrong.
    pub(crate) fn parse(text: &str) -> Result<Template, TemplateProblem> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.as_str().starts_with('{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.as_str().starts_with('}') => {
                    chars.next();
                    literal.push('}');
                }
                '}' => return Err(TemplateProblem::UnmatchedClose),
                '{' => {
                    let rest = chars.as_str();
                    let end = rest
                        .find(['}', '{'])
                        .filter(|&end| rest[end..].starts_with('}'))
                        .ok_or(TemplateProblem::UnmatchedOpen)?;
                    let placeholder = Placeholder::parse(&rest[..end])?;
                    chars = rest[end + 1..].chars();
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Fact(placeholder));
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Template { parts })
    }

    /// Why `translation` cannot stand in for this template: the placeholders it lacks or adds, counted with
    /// repeats (order may differ, as word order does between languages). `None` when they are the same.
    pub(crate) fn placeholder_difference(
        &self,
        translation: &Template,
    ) -> Option<PlaceholderDifference> {
        let mut difference = PlaceholderDifference {
            missing: self.placeholders().collect(),
            extra: Vec::new(),
        };
        for placeholder in translation.placeholders() {
            match difference.missing.iter().position(|m| *m == placeholder) {
                Some(index) => {
                    difference.missing.remove(index);
                }
                None => difference.extra.push(placeholder),
            }
        }
        (difference != PlaceholderDifference::default()).then_some(difference)
    }

    /// Each placeholder as written in canonical form, in order.
    fn placeholders(&self) -> impl Iterator<Item = String> + '_ {
        self.parts.iter().filter_map(|part| match part {
            Part::Fact(placeholder) => Some(placeholder.to_string()),
            Part::Text(_) => None,
        })
    }

    /// The facts the template cites, with how it cites them.
    pub(crate) fn uses(&self) -> impl Iterator<Item = (String, Usage)> + '_ {
        self.parts.iter().filter_map(|part| match part {
            Part::Fact(placeholder) => Some((placeholder.path.clone(), placeholder.usage())),
            Part::Text(_) => None,
        })
    }

    /// The text for these facts, or `None` when a cited fact is missing or does not fit its filter.
    pub(crate) fn render(
        &self,
        facts: &Facts,
        calendar: &LocalCalendar,
        fmt: &dyn Formatter,
    ) -> Option<String> {
        let mut out = String::new();
        // Set after a count of exactly one, so "{x|days_since} days ago" reads "1 day ago".
        let mut singular = false;
        for part in &self.parts {
            match part {
                Part::Text(text) => {
                    let unit = SINGULAR_UNITS.iter().find_map(|(plural, one)| {
                        let rest = text.strip_prefix(plural)?;
                        (singular && !rest.starts_with(|c: char| c.is_alphanumeric()))
                            .then_some((one, rest))
                    });
                    match unit {
                        Some((one, rest)) => {
                            out.push_str(one);
                            out.push_str(rest);
                        }
                        None => out.push_str(text),
                    }
                    singular = false;
                }
                Part::Fact(placeholder) => {
                    let (text, count) = placeholder.render(facts, calendar, fmt)?;
                    out.push_str(&text);
                    singular = count == Some(1);
                }
            }
        }
        Some(out)
    }
}

impl Placeholder {
    fn parse(inside: &str) -> Result<Placeholder, TemplateProblem> {
        let (path, filter) = match inside.split_once('|') {
            Some((path, filter)) => (path.trim(), Some(filter.trim())),
            None => (inside.trim(), None),
        };
        check_path(path).map_err(|problem| TemplateProblem::Path {
            inside: inside.to_owned(),
            problem,
        })?;
        let Some(filter) = filter else {
            return Ok(Placeholder {
                path: path.to_owned(),
                filter: Filter::Plain,
                shift: 0,
            });
        };
        let (name, shift) = match filter.find(['+', '-']) {
            Some(sign) => (&filter[..sign], Some(&filter[sign..])),
            None => (filter, None),
        };
        let Some(&(_, filter)) = FILTERS.iter().find(|(known, _)| *known == name) else {
            return Err(TemplateProblem::UnknownFilter {
                inside: inside.to_owned(),
                filter: name.to_owned(),
            });
        };
        let shift = match shift {
            None => 0,
            Some(shift) => {
                let days = shift
                    .parse::<i64>()
                    .ok()
                    .filter(|days| days.abs() <= MAX_SHIFT_DAYS);
                match (filter, days) {
                    (Filter::Date | Filter::DaysSince | Filter::DaysUntil, Some(days)) => days,
                    _ => {
                        return Err(TemplateProblem::BadShift {
                            inside: inside.to_owned(),
                        });
                    }
                }
            }
        };
        Ok(Placeholder {
            path: path.to_owned(),
            filter,
            shift,
        })
    }

    fn usage(&self) -> Usage {
        Usage {
            date: matches!(
                self.filter,
                Filter::Date | Filter::DaysSince | Filter::DaysUntil
            ),
            amount: self.filter == Filter::Amount,
            words: self.filter == Filter::Words,
        }
    }

    /// The text for this placeholder, and the day count for the date-difference filters.
    fn render(
        &self,
        facts: &Facts,
        calendar: &LocalCalendar,
        fmt: &dyn Formatter,
    ) -> Option<(String, Option<i64>)> {
        let value = facts.get(&self.path)?;
        let day = || {
            value
                .as_str()
                .and_then(|text| calendar.local_day(text))
                .map(|day| day + self.shift)
        };
        let count = |days: i64| {
            // A negative count ("-2 days ago") means the template does not fit these facts.
            (days >= 0).then(|| (fmt.number(days as f64), Some(days)))
        };
        match self.filter {
            Filter::Plain => value_text(&self.path, value, fmt).map(|text| (text, None)),
            Filter::Words => value_text(&self.path, value, fmt).map(|text| (words(&text), None)),
            Filter::Date => day().map(|day| (date_text(day, fmt), None)),
            Filter::DaysSince => count(calendar.today() - day()?),
            Filter::DaysUntil => count(day()? - calendar.today()),
            Filter::Amount => {
                let amount = value.as_f64()?;
                let text = match facts.currency_for(&self.path) {
                    Some(currency) => fmt.amount(amount, currency),
                    // Without a currency the number alone is still true, just less specific.
                    None => fmt.number(amount),
                };
                Some((text, None))
            }
        }
    }
}

/// The canonical form, `{order.delivered_at|date+30}`, whatever spacing the file used.
impl std::fmt::Display for Placeholder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{{{}", self.path)?;
        if let Some((name, _)) = FILTERS.iter().find(|(_, filter)| *filter == self.filter) {
            write!(f, "|{name}")?;
        }
        match self.shift {
            0 => write!(f, "}}"),
            shift => write!(f, "{shift:+}}}"),
        }
    }
}
