//! Request validation: every problem at once, one [`FieldError`] per field, named by its JSON path.
//!
//! The widget runs the same checks before sending, so what the desk refuses is what the form already flagged.

use super::{NewMessage, NewTicket, TicketContext};
use crate::wire::FieldError;

/// Longest subject, in characters.
pub const SUBJECT_MAX_CHARS: usize = 150;
/// Longest message or reply, in characters.
pub const MESSAGE_MAX_CHARS: usize = 5000;
/// Longest email address, in characters (the SMTP path limit).
pub const EMAIL_MAX_CHARS: usize = 254;
/// Most items in any list of the context.
pub const LIST_MAX_ITEMS: usize = 20;

/// Longest page URL.
/// The problem with a required field left empty.
pub const REQUIRED: &str = "required";
/// The problem with an address that cannot be an email address.
pub const NOT_AN_EMAIL: &str = "doesn't look like an email address (name@example.com)";
/// The problem with a line break in a one-line field.
pub const ONE_LINE: &str = "must be a single line";
const URL_MAX_CHARS: usize = 2048;
/// Longest id or code (order id, status, locale, blocker, impact).
const ID_MAX_CHARS: usize = 128;
/// Longest title, name or reason in the context.
const TITLE_MAX_CHARS: usize = 300;

/// Whether a field may hold line breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    One,
    Many,
}

/// The problems found so far.
#[derive(Default)]
struct Check {
    problems: Vec<FieldError>,
}

impl Check {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Checks one text field; returns its trimmed value when it is acceptable and not empty.
    fn text<'a>(
        &mut self,
        field: &str,
        value: &'a str,
        max: usize,
        required: bool,
        lines: Lines,
    ) -> Option<&'a str> {
        if let Some(problem) = control_problem(value, lines) {
            self.add(field, problem);
            return None;
        }
        let trimmed = value.trim();
        if trimmed.is_empty() {
            if required {
                self.add(field, REQUIRED);
            }
            return None;
        }
        if trimmed.chars().count() > max {
            self.add(field, format!("at most {max} characters"));
            return None;
        }
        Some(trimmed)
    }

    fn optional(&mut self, field: &str, value: &Option<String>, max: usize) {
        if let Some(value) = value {
            self.text(field, value, max, false, Lines::One);
        }
    }

    /// Checks the length of a list and each of its first [`LIST_MAX_ITEMS`] items (more would only repeat
    /// the same problems at length).
    fn list<T>(&mut self, field: &str, items: &[T], mut each: impl FnMut(&mut Self, &str, &T)) {
        if items.len() > LIST_MAX_ITEMS {
            self.add(field, format!("at most {LIST_MAX_ITEMS} items"));
        }
        for (index, item) in items.iter().take(LIST_MAX_ITEMS).enumerate() {
            each(self, &format!("{field}[{index}]"), item);
        }
    }
}

/// Every problem with `ticket`. `topics` are the site's topic ids; `identified` says the host page vouched for
/// the user, whose email the desk then knows, so the form may leave it out.
pub fn validate(ticket: &NewTicket, topics: &[&str], identified: bool) -> Vec<FieldError> {
    let mut check = Check::default();
    if ticket.topic.trim().is_empty() {
        check.add("topic", REQUIRED);
    } else if !topics.contains(&ticket.topic.as_str()) {
        check.add("topic", format!("choose one of: {}", topics.join(", ")));
    }
    check.text(
        "subject",
        &ticket.subject,
        SUBJECT_MAX_CHARS,
        true,
        Lines::One,
    );
    check.text(
        "message",
        &ticket.message,
        MESSAGE_MAX_CHARS,
        true,
        Lines::Many,
    );
    email(&mut check, ticket.email.as_deref(), identified);
    context(&mut check, &ticket.context);
    check.problems
}

/// Every problem with a reply.
pub fn validate_message(message: &NewMessage) -> Vec<FieldError> {
    let mut check = Check::default();
    check.text("body", &message.body, MESSAGE_MAX_CHARS, true, Lines::Many);
    check.problems
}

fn email(check: &mut Check, email: Option<&str>, identified: bool) {
    // Checked with the same rules even when not required: a wrong address given is still a wrong address.
    let Some(email) = check.text(
        "email",
        email.unwrap_or(""),
        EMAIL_MAX_CHARS,
        !identified,
        Lines::One,
    ) else {
        return;
    };
    if !looks_like_email(email) {
        check.add("email", NOT_AN_EMAIL);
    }
}

/// One `@`, something before it, a domain with a dot between non-empty labels, no spaces. Deliverability is
/// the mail server's business; this only catches typos. (Also the check on an identity token's `email`.)
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

fn context(check: &mut Check, context: &TicketContext) {
    check.optional("context.page_url", &context.page_url, URL_MAX_CHARS);
    check.optional("context.locale", &context.locale, ID_MAX_CHARS);
    check.optional("context.order_id", &context.order_id, ID_MAX_CHARS);
    check.optional("context.order_status", &context.order_status, ID_MAX_CHARS);
    check.optional(
        "context.payment_status",
        &context.payment_status,
        ID_MAX_CHARS,
    );
    if context
        .order_amount
        .is_some_and(|amount| !amount.is_finite())
    {
        check.add("context.order_amount", "must be a number");
    }
    check.optional(
        "context.order_currency",
        &context.order_currency,
        ID_MAX_CHARS,
    );
    check.optional(
        "context.onboarding_step",
        &context.onboarding_step,
        ID_MAX_CHARS,
    );
    check.list(
        "context.onboarding_blockers",
        &context.onboarding_blockers,
        |check, field, blocker| {
            check.text(field, blocker, ID_MAX_CHARS, false, Lines::One);
        },
    );
    check.list(
        "context.suggestions_shown",
        &context.suggestions_shown,
        |check, field, shown| {
            check.text(
                &format!("{field}.id"),
                &shown.id,
                ID_MAX_CHARS,
                false,
                Lines::One,
            );
            let title = format!("{field}.title");
            check.text(&title, &shown.title, TITLE_MAX_CHARS, false, Lines::One);
            check.list(
                &format!("{field}.reasons"),
                &shown.reasons,
                |check, field, reason| {
                    check.text(field, reason, TITLE_MAX_CHARS, false, Lines::One);
                },
            );
        },
    );
    check.list(
        "context.articles_read",
        &context.articles_read,
        |check, field, read| {
            check.text(
                &format!("{field}.id"),
                &read.id,
                ID_MAX_CHARS,
                false,
                Lines::One,
            );
            let title = format!("{field}.title");
            check.text(&title, &read.title, TITLE_MAX_CHARS, false, Lines::One);
        },
    );
    check.list(
        "context.active_incidents",
        &context.active_incidents,
        |check, field, incident| {
            check.text(
                &format!("{field}.id"),
                &incident.id,
                ID_MAX_CHARS,
                false,
                Lines::One,
            );
            let name = format!("{field}.name");
            check.text(&name, &incident.name, TITLE_MAX_CHARS, false, Lines::One);
            let impact = format!("{field}.impact");
            check.text(&impact, &incident.impact, ID_MAX_CHARS, false, Lines::One);
        },
    );
}

/// What is wrong with the control characters in `text`, if anything. Tabs are fine everywhere; line breaks
/// (`\n`, or `\r\n` as form posts send them) only where the field has lines.
fn control_problem(text: &str, lines: Lines) -> Option<String> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_control() || c == '\t' {
            continue;
        }
        match c {
            '\n' if lines == Lines::Many => {}
            '\r' if lines == Lines::Many && chars.peek() == Some(&'\n') => {}
            '\n' | '\r' if lines == Lines::One => return Some(ONE_LINE.into()),
            '\0' => return Some("contains a NUL character (U+0000); remove it".into()),
            _ => {
                return Some(format!(
                    "contains a control character (U+{:04X}); remove it",
                    u32::from(c)
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::{ActiveIncident, ArticleRead, DEFAULT_TOPICS, ShownSuggestion};

    fn topics() -> Vec<&'static str> {
        DEFAULT_TOPICS.iter().map(|(id, _)| *id).collect()
    }

    fn ticket() -> NewTicket {
        NewTicket {
            topic: "refund".into(),
            subject: "Refund for A-1043".into(),
            message: "The parcel came back to you.\nWhen do I get my money?".into(),
            email: Some("ada@example.com".into()),
            context: TicketContext::default(),
        }
    }

    /// `(field, message)` pairs, for compact assertions.
    fn problems(ticket: &NewTicket, identified: bool) -> Vec<(String, String)> {
        validate(ticket, &topics(), identified)
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    fn one(field: &str, message: &str) -> Vec<(String, String)> {
        vec![(field.to_owned(), message.to_owned())]
    }

    #[test]
    fn a_good_ticket_passes() {
        assert_eq!(problems(&ticket(), false), []);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = NewTicket {
            topic: String::new(),
            subject: "   ".into(),
            message: String::new(),
            email: None,
            context: TicketContext::default(),
        };
        let fields: Vec<_> = problems(&bad, false).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["topic", "subject", "message", "email"]);
    }

    #[test]
    fn the_topic_must_be_one_of_the_sites() {
        let mut t = ticket();
        t.topic = "billing".into();
        let found = problems(&t, false);
        assert_eq!(found[0].0, "topic");
        assert!(
            found[0]
                .1
                .starts_with("choose one of: order-not-arrived, refund,")
        );
        t.topic = "billing".into();
        assert_eq!(validate(&t, &["billing"], false), []);
        t.topic = "".into();
        assert_eq!(problems(&t, false), one("topic", "required"));
    }

    #[test]
    fn the_subject_is_one_line_of_1_to_150_characters() {
        let mut t = ticket();
        t.subject = "é".repeat(150);
        assert_eq!(problems(&t, false), []);
        t.subject = format!("  {}  ", "a".repeat(150));
        assert_eq!(problems(&t, false), [], "surrounding spaces do not count");
        t.subject = "a".repeat(151);
        assert_eq!(
            problems(&t, false),
            one("subject", "at most 150 characters")
        );
        t.subject = " \t ".into();
        assert_eq!(problems(&t, false), one("subject", "required"));
        t.subject = "Refund\nplease".into();
        assert_eq!(problems(&t, false), one("subject", "must be a single line"));
        t.subject = "Refund\tplease".into();
        assert_eq!(problems(&t, false), []);
    }

    #[test]
    fn the_message_is_1_to_5000_characters_with_lines() {
        let mut t = ticket();
        t.message = "x".repeat(5000);
        assert_eq!(problems(&t, false), []);
        t.message = "x".repeat(5001);
        assert_eq!(
            problems(&t, false),
            one("message", "at most 5000 characters")
        );
        t.message = "\n\n".into();
        assert_eq!(problems(&t, false), one("message", "required"));
        t.message = "Line one\r\nLine two\n\tindented".into();
        assert_eq!(problems(&t, false), []);
    }

    #[test]
    fn control_characters_are_named() {
        let mut t = ticket();
        t.message = "Hello\0world".into();
        assert_eq!(
            problems(&t, false),
            one("message", "contains a NUL character (U+0000); remove it")
        );
        t.message = "Hello \u{1b}[31mred".into();
        assert_eq!(
            problems(&t, false),
            one(
                "message",
                "contains a control character (U+001B); remove it"
            )
        );
        t.message = "bare\rreturn".into();
        assert_eq!(
            problems(&t, false),
            one(
                "message",
                "contains a control character (U+000D); remove it"
            )
        );
        t.message = "C1 \u{85} next line".into();
        assert_eq!(
            problems(&t, false),
            one(
                "message",
                "contains a control character (U+0085); remove it"
            )
        );
        t.message = "fine".into();
        t.subject = "nul\0".into();
        assert_eq!(
            problems(&t, false),
            one("subject", "contains a NUL character (U+0000); remove it")
        );
    }

    #[test]
    fn email_is_required_unless_identified() {
        let mut t = ticket();
        t.email = None;
        assert_eq!(problems(&t, false), one("email", "required"));
        assert_eq!(problems(&t, true), []);
        t.email = Some("  ".into());
        assert_eq!(problems(&t, false), one("email", "required"));
        assert_eq!(problems(&t, true), []);
        // Given though not needed, it must still be right.
        t.email = Some("ada@".into());
        assert_eq!(problems(&t, true).len(), 1);
    }

    #[test]
    fn email_shapes() {
        let shape = "doesn't look like an email address (name@example.com)";
        for good in [
            "ada@example.com",
            "a.b+tag@mail.example.co.uk",
            " ada@example.com ",
            "ü@exämple.de",
        ] {
            let mut t = ticket();
            t.email = Some(good.into());
            assert_eq!(problems(&t, false), [], "{good}");
        }
        for bad in [
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "ada@ex@ample.com",
            "ada lovelace@example.com",
            "ada@example..com",
            "ada@.example.com",
            "ada@example.com.",
        ] {
            let mut t = ticket();
            t.email = Some(bad.into());
            assert_eq!(problems(&t, false), one("email", shape), "{bad}");
        }
        let mut t = ticket();
        t.email = Some(format!("{}@example.com", "a".repeat(243)));
        assert_eq!(problems(&t, false), one("email", "at most 254 characters"));
        t.email = Some(format!("{}@example.com", "a".repeat(242)));
        assert_eq!(problems(&t, false), []);
        t.email = Some("ada@example.com\n".into());
        assert_eq!(problems(&t, false), one("email", "must be a single line"));
    }

    #[test]
    fn context_strings_are_bounded() {
        let mut t = ticket();
        t.context = TicketContext {
            page_url: Some(format!("https://shop.example/{}", "p".repeat(2048))),
            locale: Some("x".repeat(129)),
            order_id: Some("A".repeat(129)),
            order_status: Some("s".repeat(129)),
            payment_status: Some("p".repeat(129)),
            order_currency: Some("E".repeat(129)),
            onboarding_step: Some("o".repeat(129)),
            order_amount: Some(f64::NAN),
            ..TicketContext::default()
        };
        let fields: Vec<_> = problems(&t, false).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "context.page_url",
                "context.locale",
                "context.order_id",
                "context.order_status",
                "context.payment_status",
                "context.order_amount",
                "context.order_currency",
                "context.onboarding_step",
            ]
        );
        t.context = TicketContext {
            page_url: Some(format!("https://shop.example/{}", "p".repeat(2000))),
            order_id: Some("A".repeat(128)),
            order_amount: Some(649.0),
            ..TicketContext::default()
        };
        assert_eq!(problems(&t, false), []);
    }

    #[test]
    fn context_list_items_are_named_by_path() {
        let mut t = ticket();
        let mut suggestions = vec![ShownSuggestion::default(); 4];
        suggestions[3].title = "t".repeat(301);
        suggestions[1].reasons = vec!["ok".into(), "bad\u{7}".into()];
        t.context = TicketContext {
            onboarding_blockers: vec!["payouts_blocked".into(), "x".repeat(129)],
            suggestions_shown: suggestions,
            articles_read: vec![ArticleRead {
                id: "a\nb".into(),
                ..ArticleRead::default()
            }],
            active_incidents: vec![ActiveIncident {
                impact: "\0".into(),
                ..ActiveIncident::default()
            }],
            ..TicketContext::default()
        };
        assert_eq!(
            problems(&t, false),
            [
                (
                    "context.onboarding_blockers[1]".into(),
                    "at most 128 characters".into()
                ),
                (
                    "context.suggestions_shown[1].reasons[1]".into(),
                    "contains a control character (U+0007); remove it".into()
                ),
                (
                    "context.suggestions_shown[3].title".into(),
                    "at most 300 characters".into()
                ),
                (
                    "context.articles_read[0].id".into(),
                    "must be a single line".into()
                ),
                (
                    "context.active_incidents[0].impact".into(),
                    "contains a NUL character (U+0000); remove it".into()
                ),
            ]
        );
    }

    #[test]
    fn context_lists_hold_at_most_20_items() {
        let mut t = ticket();
        t.context.onboarding_blockers = vec!["b".into(); 20];
        t.context.articles_read = vec![ArticleRead::default(); 20];
        assert_eq!(problems(&t, false), []);
        t.context.onboarding_blockers = vec!["b".into(); 21];
        t.context.suggestions_shown = vec![
            ShownSuggestion {
                reasons: vec!["r".into(); 21],
                ..ShownSuggestion::default()
            };
            21
        ];
        t.context.articles_read = vec![ArticleRead::default(); 21];
        t.context.active_incidents = vec![ActiveIncident::default(); 21];
        let found = problems(&t, false);
        assert_eq!(
            found[0],
            (
                "context.onboarding_blockers".into(),
                "at most 20 items".into()
            )
        );
        assert_eq!(found[1].0, "context.suggestions_shown");
        assert_eq!(found[2].0, "context.suggestions_shown[0].reasons");
        // Only the first 20 items are looked into.
        assert_eq!(found[21].0, "context.suggestions_shown[19].reasons");
        assert_eq!(found[22].0, "context.articles_read");
        assert_eq!(found[23].0, "context.active_incidents");
        assert_eq!(found.len(), 24);
    }

    #[test]
    fn replies_are_checked_like_messages() {
        let reply = |body: &str| validate_message(&NewMessage { body: body.into() });
        assert_eq!(reply("Thanks!\r\nAda"), []);
        let required = reply(" ");
        assert_eq!(
            (required[0].field.as_str(), required[0].message.as_str()),
            ("body", "required")
        );
        assert_eq!(
            reply(&"x".repeat(5001))[0].message,
            "at most 5000 characters"
        );
        assert_eq!(
            reply("a\u{0}")[0].message,
            "contains a NUL character (U+0000); remove it"
        );
    }
}
