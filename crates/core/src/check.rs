//! The one validation collector: a request's every problem at once, one [`FieldError`] per bad field, named by
//! its JSON path. Tickets, the status page's agent API, help, identity and the webhook outbox all check through
//! it, so a rule means the same on every endpoint: text is trimmed, measured in characters, and refused when it
//! holds control characters (tabs are fine everywhere, line breaks only where the field has lines).

use crate::wire::{FieldError, Problem};

/// Whether a text field may hold line breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// One line: a subject, a name, an id.
    One,
    /// Line breaks allowed (`\n`, or `\r\n` as form posts send them): a message.
    Many,
}

/// What one text field may hold. `Text::line(150).required()` reads as it is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// Most characters, after trimming.
    pub max_chars: usize,
    /// Whether blank is a problem.
    pub required: bool,
    /// Whether line breaks are allowed.
    pub lines: Lines,
}

impl Text {
    /// An optional field of one line, at most `max_chars` long.
    pub const fn line(max_chars: usize) -> Text {
        Text {
            max_chars,
            required: false,
            lines: Lines::One,
        }
    }

    /// An optional field that may hold line breaks, at most `max_chars` long.
    pub const fn lines(max_chars: usize) -> Text {
        Text {
            max_chars,
            required: false,
            lines: Lines::Many,
        }
    }

    /// The same field, which must not be blank.
    pub const fn required(self) -> Text {
        Text {
            required: true,
            ..self
        }
    }
}

/// The problems found so far. Check every field, then [`finish`](Check::finish).
#[derive(Debug, Default)]
pub struct Check {
    problems: Vec<FieldError>,
}

impl Check {
    /// Nothing found yet.
    pub fn new() -> Check {
        Check::default()
    }

    /// Records `problem` with `field`.
    pub fn add(&mut self, field: impl Into<String>, problem: Problem) {
        self.problems.push(FieldError::new(field, problem));
    }

    /// Records `problem` with `field` unless `ok`; returns `ok`.
    pub fn expect(&mut self, ok: bool, field: &str, problem: Problem) -> bool {
        if !ok {
            self.add(field, problem);
        }
        ok
    }

    /// Checks one text field; returns its trimmed value when it is acceptable and not blank.
    pub fn text<'a>(&mut self, field: &str, value: &'a str, rule: Text) -> Option<&'a str> {
        if let Some(problem) = control_problem(value, rule.lines) {
            self.add(field, problem);
            return None;
        }
        let trimmed = value.trim();
        if trimmed.is_empty() {
            if rule.required {
                self.add(field, Problem::Required);
            }
            return None;
        }
        if trimmed.chars().count() > rule.max_chars {
            self.add(
                field,
                Problem::TooLong {
                    max: rule.max_chars,
                },
            );
            return None;
        }
        Some(trimmed)
    }

    /// Checks a text field that may be absent (absent is fine even when `rule` is required: use
    /// [`text`](Check::text) with `""` for a required field that may be missing).
    pub fn optional_text<'a>(
        &mut self,
        field: &str,
        value: Option<&'a str>,
        rule: Text,
    ) -> Option<&'a str> {
        value.and_then(|value| self.text(field, value, rule))
    }

    /// Checks an email address: `rule`, then the shape `name@example.com`.
    pub fn email<'a>(&mut self, field: &str, value: &'a str, rule: Text) -> Option<&'a str> {
        let email = self.text(field, value, rule)?;
        self.expect(looks_like_email(email), field, Problem::NotAnEmail)
            .then_some(email)
    }

    /// Checks that `value` is one of `choices`.
    pub fn one_of(&mut self, field: &str, value: &str, choices: &[&str]) -> bool {
        let ok = choices.contains(&value);
        if !ok {
            self.add(
                field,
                Problem::OneOf {
                    choices: choices.iter().map(|choice| (*choice).to_owned()).collect(),
                },
            );
        }
        ok
    }

    /// Checks that `value` is within `min..=max`.
    pub fn in_range(&mut self, field: &str, value: i64, min: i64, max: i64) -> bool {
        self.expect(
            (min..=max).contains(&value),
            field,
            Problem::OutOfRange { min, max },
        )
    }

    /// Checks the length of a list and each of its first `max_items` items (more would only repeat the same
    /// problems at length); items are named `field[index]`.
    pub fn list<T>(
        &mut self,
        field: &str,
        items: &[T],
        max_items: usize,
        mut each: impl FnMut(&mut Self, &str, &T),
    ) {
        self.expect(
            items.len() <= max_items,
            field,
            Problem::TooMany { max: max_items },
        );
        for (index, item) in items.iter().take(max_items).enumerate() {
            each(self, &format!("{field}[{index}]"), item);
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Every problem found, in the order checked.
    pub fn into_problems(self) -> Vec<FieldError> {
        self.problems
    }

    /// `Ok` when nothing was found, else every problem.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems)
        }
    }
}

/// One `@`, something before it, a domain with a dot between non-empty labels, no spaces. Deliverability is
/// the mail server's business; this only catches typos.
pub fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

/// What is wrong with the control characters in `text`, if anything. Tabs are fine everywhere; line breaks
/// (`\n`, or `\r\n` as form posts send them) only where the field has lines.
pub fn control_problem(text: &str, lines: Lines) -> Option<Problem> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_control() || c == '\t' {
            continue;
        }
        match c {
            '\n' if lines == Lines::Many => {}
            '\r' if lines == Lines::Many && chars.peek() == Some(&'\n') => {}
            '\n' | '\r' if lines == Lines::One => return Some(Problem::OneLine),
            _ => {
                return Some(Problem::ControlCharacters {
                    code_point: u32::from(c),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(check: Check) -> Vec<(String, Problem)> {
        check
            .into_problems()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn text_is_trimmed_counted_in_characters_and_kept_to_its_lines() {
        let mut check = Check::new();
        assert_eq!(
            check.text("a", "  é é  ", Text::line(3).required()),
            Some("é é")
        );
        assert_eq!(check.text("b", "abcd", Text::line(3)), None);
        assert_eq!(check.text("c", " \t ", Text::line(3).required()), None);
        assert_eq!(check.text("d", " \t ", Text::line(3)), None);
        assert_eq!(check.text("e", "a\nb", Text::line(9)), None);
        assert_eq!(
            check.text("f", "a\r\nb\tc", Text::lines(9)),
            Some("a\r\nb\tc")
        );
        assert_eq!(check.text("g", "a\rb", Text::lines(9)), None);
        assert_eq!(check.text("h", "\u{1b}[31m", Text::lines(9)), None);
        assert_eq!(
            problems(check),
            [
                ("b".into(), Problem::TooLong { max: 3 }),
                ("c".into(), Problem::Required),
                ("e".into(), Problem::OneLine),
                ("g".into(), Problem::ControlCharacters { code_point: 0x0d }),
                ("h".into(), Problem::ControlCharacters { code_point: 0x1b }),
            ]
        );
    }

    #[test]
    fn choices_ranges_and_lists() {
        let mut check = Check::new();
        assert!(check.one_of("state", "dead", &["pending", "dead"]));
        assert!(!check.one_of("state", "alive", &["pending", "dead"]));
        assert!(check.in_range("limit", 200, 1, 200));
        assert!(!check.in_range("limit", 0, 1, 200));
        check.list(
            "tags",
            &["ok", "no\u{7}", "x", "y"],
            3,
            |check, field, tag| {
                check.text(field, tag, Text::line(9));
            },
        );
        assert_eq!(
            problems(check),
            [
                (
                    "state".into(),
                    Problem::OneOf {
                        choices: vec!["pending".into(), "dead".into()]
                    }
                ),
                ("limit".into(), Problem::OutOfRange { min: 1, max: 200 }),
                ("tags".into(), Problem::TooMany { max: 3 }),
                (
                    "tags[1]".into(),
                    Problem::ControlCharacters { code_point: 7 }
                ),
            ]
        );
    }

    #[test]
    fn an_email_is_checked_as_text_then_by_shape() {
        let mut check = Check::new();
        let rule = Text::line(254).required();
        assert_eq!(
            check.email("email", " ada@example.com ", rule),
            Some("ada@example.com")
        );
        assert_eq!(check.email("email", "ada@example", rule), None);
        assert_eq!(check.email("email", "", rule), None);
        assert_eq!(check.email("email", "", Text::line(254)), None);
        assert_eq!(
            problems(check),
            [
                ("email".into(), Problem::NotAnEmail),
                ("email".into(), Problem::Required),
            ]
        );
    }

    #[test]
    fn finish_fails_with_everything_found() {
        assert_eq!(Check::new().finish(), Ok(()));
        let mut check = Check::new();
        check.add("a", Problem::Required);
        check.add("b", Problem::NotADateTime);
        assert_eq!(check.finish().unwrap_err().len(), 2);
    }
}
