//! Ticket validation: every problem at once, one [`FieldError`] per field, named by its JSON path, found with
//! the shared [`Check`] collector.
//!
//! The widget runs the same checks before sending, so what the desk refuses is what the form already flagged.

use super::{NewMessage, NewTicket, TicketContext};
use crate::check::{Check, Text};
use crate::help::QUERY_MAX_CHARS;
use crate::insights::events::{ID_MAX_CHARS, Unit};
use crate::wire::{FieldError, Problem};

/// Longest subject, in characters.
pub const SUBJECT_MAX_CHARS: usize = 150;
/// Longest message or reply, in characters.
pub const MESSAGE_MAX_CHARS: usize = 5000;
/// Longest email address, in characters (the SMTP path limit).
pub const EMAIL_MAX_CHARS: usize = 254;
/// Most items in any list of the context.
pub const LIST_MAX_ITEMS: usize = 20;

/// A page URL.
const URL: Text = Text::line(2048);
/// An id or code (order id, status, locale, blocker, impact).
const ID: Text = Text::line(128);
/// A title, name, reason or explained fact in the context.
const TITLE: Text = Text::line(300);
/// A search query, as the search endpoint takes it.
const QUERY: Text = Text::line(QUERY_MAX_CHARS).required();
/// A message or reply.
const MESSAGE: Text = Text::lines(MESSAGE_MAX_CHARS).required();

/// Every problem with `ticket`. `topics` are the site's topic ids; `identified` says the host page vouched for
/// the user, whose email the desk then knows, so the form may leave it out.
pub fn validate(ticket: &NewTicket, topics: &[&str], identified: bool) -> Vec<FieldError> {
    let mut check = Check::new();
    if ticket.topic.trim().is_empty() {
        check.add("topic", Problem::Required);
    } else {
        check.one_of("topic", &ticket.topic, topics);
    }
    check.text(
        "subject",
        &ticket.subject,
        Text::line(SUBJECT_MAX_CHARS).required(),
    );
    check.text("message", &ticket.message, MESSAGE);
    // Checked with the same rules even when not required: a wrong address given is still a wrong address.
    let email = Text::line(EMAIL_MAX_CHARS);
    check.email(
        "email",
        ticket.email.as_deref().unwrap_or(""),
        if identified { email } else { email.required() },
    );
    context(&mut check, &ticket.context);
    if let Some(Unit::Install { id } | Unit::PageView { id }) = &ticket.experiment_unit {
        check.text(
            "experiment_unit.id",
            id,
            Text::line(ID_MAX_CHARS).required(),
        );
    }
    check.into_problems()
}

/// Every problem with a reply.
pub fn validate_message(message: &NewMessage) -> Vec<FieldError> {
    let mut check = Check::new();
    check.text("body", &message.body, MESSAGE);
    check.into_problems()
}

fn context(check: &mut Check, context: &TicketContext) {
    check.optional_text("context.page_url", context.page_url.as_deref(), URL);
    check.optional_text("context.locale", context.locale.as_deref(), ID);
    check.optional_text("context.order_id", context.order_id.as_deref(), ID);
    check.optional_text("context.order_status", context.order_status.as_deref(), ID);
    check.optional_text(
        "context.payment_status",
        context.payment_status.as_deref(),
        ID,
    );
    check.expect(
        context.order_amount.is_none_or(f64::is_finite),
        "context.order_amount",
        Problem::NotANumber,
    );
    check.optional_text(
        "context.order_currency",
        context.order_currency.as_deref(),
        ID,
    );
    check.optional_text(
        "context.onboarding_step",
        context.onboarding_step.as_deref(),
        ID,
    );
    check.list(
        "context.onboarding_blockers",
        &context.onboarding_blockers,
        LIST_MAX_ITEMS,
        |check, field, blocker| {
            check.text(field, blocker, ID);
        },
    );
    check.list(
        "context.suggestions_shown",
        &context.suggestions_shown,
        LIST_MAX_ITEMS,
        |check, field, shown| {
            check.text(&format!("{field}.id"), &shown.id, ID);
            check.text(&format!("{field}.title"), &shown.title, TITLE);
            check.list(
                &format!("{field}.reasons"),
                &shown.reasons,
                LIST_MAX_ITEMS,
                |check, field, reason| {
                    check.text(field, reason, TITLE);
                },
            );
            check.list(
                &format!("{field}.explanation"),
                &shown.explanation,
                LIST_MAX_ITEMS,
                |check, field, explained| {
                    check.text(&format!("{field}.fact"), &explained.fact, TITLE.required());
                    check.text(&format!("{field}.detail"), &explained.detail, TITLE);
                },
            );
        },
    );
    check.list(
        "context.searches",
        &context.searches,
        LIST_MAX_ITEMS,
        |check, field, search| {
            check.text(&format!("{field}.query"), &search.query, QUERY);
        },
    );
    check.list(
        "context.articles_read",
        &context.articles_read,
        LIST_MAX_ITEMS,
        |check, field, read| {
            check.text(&format!("{field}.id"), &read.id, ID);
            check.text(&format!("{field}.title"), &read.title, TITLE);
        },
    );
    check.list(
        "context.active_incidents",
        &context.active_incidents,
        LIST_MAX_ITEMS,
        |check, field, incident| {
            check.text(&format!("{field}.id"), &incident.id, ID);
            check.text(&format!("{field}.name"), &incident.name, TITLE);
            check.text(&format!("{field}.impact"), &incident.impact, ID);
        },
    );
    if let Some(path) = &context.flow_path {
        path.check("context.flow_path", check);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::{
        ActiveIncident, ArticleRead, DEFAULT_TOPICS, ExplanationFact, SearchMade, ShownSuggestion,
    };

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
            experiment_unit: None,
        }
    }

    /// `(field, problem)` pairs, for compact assertions.
    fn problems(ticket: &NewTicket, identified: bool) -> Vec<(String, Problem)> {
        validate(ticket, &topics(), identified)
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    fn one(field: &str, problem: Problem) -> Vec<(String, Problem)> {
        vec![(field.to_owned(), problem)]
    }

    fn control(code_point: u32) -> Problem {
        Problem::ControlCharacters { code_point }
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
            experiment_unit: Some(Unit::Install { id: "x".repeat(65) }),
        };
        let fields: Vec<_> = problems(&bad, false).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            ["topic", "subject", "message", "email", "experiment_unit.id"]
        );
    }

    #[test]
    fn the_topic_must_be_one_of_the_sites() {
        let mut t = ticket();
        t.topic = "billing".into();
        assert_eq!(
            problems(&t, false),
            one(
                "topic",
                Problem::OneOf {
                    choices: topics().into_iter().map(String::from).collect()
                }
            )
        );
        assert!(
            validate(&t, &topics(), false)[0]
                .message
                .starts_with("one of: order-not-arrived, refund,")
        );
        t.topic = "billing".into();
        assert_eq!(validate(&t, &["billing"], false), []);
        t.topic = "".into();
        assert_eq!(problems(&t, false), one("topic", Problem::Required));
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
            one("subject", Problem::TooLong { max: 150 })
        );
        t.subject = " \t ".into();
        assert_eq!(problems(&t, false), one("subject", Problem::Required));
        t.subject = "Refund\nplease".into();
        assert_eq!(problems(&t, false), one("subject", Problem::OneLine));
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
            one("message", Problem::TooLong { max: 5000 })
        );
        t.message = "\n\n".into();
        assert_eq!(problems(&t, false), one("message", Problem::Required));
        t.message = "Line one\r\nLine two\n\tindented".into();
        assert_eq!(problems(&t, false), []);
    }

    #[test]
    fn control_characters_are_named() {
        let mut t = ticket();
        t.message = "Hello\0world".into();
        assert_eq!(problems(&t, false), one("message", control(0)));
        t.message = "Hello \u{1b}[31mred".into();
        assert_eq!(problems(&t, false), one("message", control(0x1b)));
        t.message = "bare\rreturn".into();
        assert_eq!(problems(&t, false), one("message", control(0x0d)));
        t.message = "C1 \u{85} next line".into();
        assert_eq!(problems(&t, false), one("message", control(0x85)));
        t.message = "fine".into();
        t.subject = "nul\0".into();
        assert_eq!(problems(&t, false), one("subject", control(0)));
    }

    #[test]
    fn email_is_required_unless_identified() {
        let mut t = ticket();
        t.email = None;
        assert_eq!(problems(&t, false), one("email", Problem::Required));
        assert_eq!(problems(&t, true), []);
        t.email = Some("  ".into());
        assert_eq!(problems(&t, false), one("email", Problem::Required));
        assert_eq!(problems(&t, true), []);
        // Given though not needed, it must still be right.
        t.email = Some("ada@".into());
        assert_eq!(problems(&t, true).len(), 1);
    }

    #[test]
    fn email_shapes() {
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
            assert_eq!(
                problems(&t, false),
                one("email", Problem::NotAnEmail),
                "{bad}"
            );
        }
        let mut t = ticket();
        t.email = Some(format!("{}@example.com", "a".repeat(243)));
        assert_eq!(
            problems(&t, false),
            one("email", Problem::TooLong { max: 254 })
        );
        t.email = Some(format!("{}@example.com", "a".repeat(242)));
        assert_eq!(problems(&t, false), []);
        t.email = Some("ada@example.com\n".into());
        assert_eq!(problems(&t, false), one("email", Problem::OneLine));
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
                    Problem::TooLong { max: 128 }
                ),
                ("context.suggestions_shown[1].reasons[1]".into(), control(7)),
                (
                    "context.suggestions_shown[3].title".into(),
                    Problem::TooLong { max: 300 }
                ),
                ("context.articles_read[0].id".into(), Problem::OneLine),
                ("context.active_incidents[0].impact".into(), control(0)),
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
                Problem::TooMany { max: 20 }
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

    fn explained(fact: &str, detail: &str) -> ExplanationFact {
        ExplanationFact {
            fact: fact.into(),
            detail: detail.into(),
        }
    }

    fn searched(query: &str, results: u32) -> SearchMade {
        SearchMade {
            query: query.into(),
            results,
        }
    }

    #[test]
    fn explanations_and_searches_are_checked_item_by_item() {
        let mut t = ticket();
        t.context.suggestions_shown = vec![
            ShownSuggestion::default(),
            ShownSuggestion {
                explanation: vec![
                    explained("Order status", "shipped"),
                    explained("Order promised by", "12 Nov 2026 (3 days ago)"),
                    explained("Order note", ""),
                ],
                ..ShownSuggestion::default()
            },
        ];
        t.context.searches = vec![
            searched("refund", 4),
            searched("xqzvwkj", 0),
            searched(&"q".repeat(200), 1),
        ];
        assert_eq!(problems(&t, false), [], "a blank detail is still a fact");

        t.context.suggestions_shown[1].explanation = vec![
            explained(" ", "shipped"),
            explained("Order id", "A-1043"),
            explained("Order status", &"s".repeat(301)),
            explained("Order note", "two\nlines"),
        ];
        t.context.searches = vec![
            searched("", 0),
            searched(&"q".repeat(201), 0),
            searched("tab\tis fine", 1),
            searched("bell\u{7}", 2),
        ];
        assert_eq!(
            problems(&t, false),
            [
                (
                    "context.suggestions_shown[1].explanation[0].fact".into(),
                    Problem::Required
                ),
                (
                    "context.suggestions_shown[1].explanation[2].detail".into(),
                    Problem::TooLong { max: 300 }
                ),
                (
                    "context.suggestions_shown[1].explanation[3].detail".into(),
                    Problem::OneLine
                ),
                ("context.searches[0].query".into(), Problem::Required),
                (
                    "context.searches[1].query".into(),
                    Problem::TooLong { max: 200 }
                ),
                ("context.searches[3].query".into(), control(7)),
            ]
        );
    }

    #[test]
    fn explanations_and_searches_hold_at_most_20_items() {
        let mut t = ticket();
        let suggestion = |facts: usize| ShownSuggestion {
            explanation: vec![explained("Order status", "shipped"); facts],
            ..ShownSuggestion::default()
        };
        t.context.suggestions_shown = vec![suggestion(20)];
        t.context.searches = vec![searched("refund", 1); 20];
        assert_eq!(problems(&t, false), []);

        t.context.suggestions_shown = vec![suggestion(21)];
        t.context.searches = vec![searched("refund", 1); 21];
        assert_eq!(
            problems(&t, false),
            [
                (
                    "context.suggestions_shown[0].explanation".into(),
                    Problem::TooMany { max: 20 }
                ),
                ("context.searches".into(), Problem::TooMany { max: 20 }),
            ]
        );
    }

    #[test]
    fn replies_are_checked_like_messages() {
        let reply = |body: &str| validate_message(&NewMessage { body: body.into() });
        assert_eq!(reply("Thanks!\r\nAda"), []);
        assert_eq!(reply(" "), [FieldError::new("body", Problem::Required)]);
        assert_eq!(
            reply(&"x".repeat(5001)),
            [FieldError::new("body", Problem::TooLong { max: 5000 })]
        );
        assert_eq!(reply("a\u{0}")[0].problem, control(0));
    }
}
