//! Tickets: what the widget files when help did not help, and the pure logic the desk runs on them.
//!
//! - [`validate`] and [`validate_message`]: every problem of a request, one [`FieldError`](crate::wire::FieldError)
//!   per field, so the widget can show them all at once.
//! - [`mask_card_numbers`] (and [`TicketContext::mask_card_numbers_in_searches`]): card numbers never reach the
//!   database.
//! - [`triage`]: which team gets the ticket and how urgent it is, with the reasons as [`TriageReason`] codes.
//! - [`first_response_due`]: when the user can expect a first reply, counting business hours only.
//! - [`ticket_id`] and [`parse_ticket_id`]: `SP-1042`.
//!
//! The desk owns storage and secrets (access tokens); everything here is deterministic.

mod cards;
mod due;
mod reason;
mod satisfaction;
#[cfg(test)]
mod tests_props;
mod triage;
mod validate;

pub use cards::mask_card_numbers;
pub use due::{BusinessHours, QueueTargets, ResponseTargets, first_response_due};
pub use reason::{OnboardingBlocker, TriageReason, read_reasons};
pub use satisfaction::{COMMENT_MAX_CHARS, MAX_RATING, SATISFIED_FROM, Satisfaction};
pub use triage::{Triage, TriageSettings, TriageSetup, model, text, triage};
pub use validate::{
    EMAIL_MAX_CHARS, LIST_MAX_ITEMS, MESSAGE_MAX_CHARS, SUBJECT_MAX_CHARS, validate,
    validate_message,
};

use crate::context::Role;
use crate::embed::Surface;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// The topics a site offers when it configures none: `(id, what the user sees)`.
pub const DEFAULT_TOPICS: &[(&str, &str)] = &[
    ("order-not-arrived", "My order hasn't arrived"),
    ("refund", "Refunds and returns"),
    ("payment-failed", "A payment failed"),
    ("dispute", "A problem with a seller or buyer"),
    ("account", "My account"),
    ("seller-verification", "Seller verification"),
    ("payouts", "Payouts"),
    ("listing", "Listings"),
    ("other", "Something else"),
];

/// `POST /v1/tickets`: what the user filed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTicket {
    /// One of the site's topic ids, e.g. `payment-failed`.
    pub topic: String,
    /// One line, 1–150 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 150))]
    pub subject: String,
    /// The user's description, 1–5000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 5000))]
    pub message: String,
    /// Where to reply; required unless the host page identified the user.
    #[serde(default)]
    pub email: Option<String>,
    /// What the user agreed to send along.
    #[serde(default)]
    pub context: TicketContext,
    /// The widget's insights unit, sent only with a ticket filed on a page the desk assigned to an experiment
    /// on the large-order criterion (`POST /v1/experiments/assignment`): the desk applies the unit's variant
    /// and counts its exposure. Not stored with the ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experiment_unit: Option<crate::insights::events::Unit>,
}

/// The part of the user's situation they agreed to send with the ticket. Everything is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketContext {
    /// The page kind the ticket was filed from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surface: Option<Surface>,
    /// The page URL (at most 2048 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// BCP 47 locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The order the page is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// e.g. `shipped`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_status: Option<String>,
    /// e.g. `failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<String>,
    /// The order's amount in `order_currency`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_amount: Option<f64>,
    /// ISO 4217 code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_currency: Option<String>,
    /// A seller's current onboarding step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onboarding_step: Option<String>,
    /// What holds a seller up, e.g. `payouts_blocked`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub onboarding_blockers: Vec<String>,
    /// Whether the user buys or sells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The suggestions the widget showed before the user asked for a person.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions_shown: Vec<ShownSuggestion>,
    /// The searches the user ran in the widget, those that found nothing too, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub searches: Vec<SearchMade>,
    /// The articles the user opened.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub articles_read: Vec<ArticleRead>,
    /// The open incidents the widget showed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub active_incidents: Vec<ActiveIncident>,
    /// The way the user took through a guided flow before handing off: every answer, so nobody asks again.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub flow_path: Option<crate::flows::FlowPath>,
}

impl TicketContext {
    /// Masks card numbers in the search queries, the one part of the context the user typed (the page and the
    /// site wrote the rest); true when there was one.
    pub fn mask_card_numbers_in_searches(&mut self) -> bool {
        let mut masked = false;
        for search in &mut self.searches {
            let (query, found) = mask_card_numbers(&search.query);
            search.query = query;
            masked |= found;
        }
        masked
    }
}

/// A suggestion the widget showed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShownSuggestion {
    /// Article or rule id.
    pub id: String,
    /// What the user saw.
    pub title: String,
    /// Why it was shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    /// The facts its "Why am I seeing this?" showed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explanation: Vec<ExplanationFact>,
}

/// One fact behind a suggestion, as "Why am I seeing this?" showed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExplanationFact {
    /// What the fact is, e.g. `Order status`.
    pub fact: String,
    /// Its value as the user read it, e.g. `shipped`, or `12 Nov 2026 (3 days ago)` for a date.
    pub detail: String,
}

/// A search the user ran in the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchMade {
    /// What the user searched for (card numbers masked by the desk).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub query: String,
    /// How many articles it found; 0 when it found none.
    pub results: u32,
}

/// An article the user opened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleRead {
    /// Article id.
    pub id: String,
    /// Article title.
    pub title: String,
    /// The user's "was this helpful?" answer, if they gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helpful: Option<bool>,
}

/// An open incident the widget showed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveIncident {
    /// Incident id from the status feed.
    pub id: String,
    /// Incident title.
    pub name: String,
    /// Statuspage impact: `none`, `minor`, `major`, `critical` or `maintenance`.
    pub impact: String,
}

/// The team a ticket goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Queue {
    /// Failed, declined and double payments.
    Payments,
    /// Delivery, returns and refunds.
    Orders,
    /// Problems between buyers and sellers, chargebacks.
    Disputes,
    /// Seller onboarding, verification, listings.
    Sellers,
    /// Money paid out to sellers.
    Payouts,
    /// Everything else.
    General,
}

impl Queue {
    /// Every queue, in this order (the triage breaks ties by it).
    pub const ALL: [Queue; 6] = [
        Queue::Payments,
        Queue::Orders,
        Queue::Disputes,
        Queue::Sellers,
        Queue::Payouts,
        Queue::General,
    ];

    /// The wire name, e.g. `payments`.
    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Payments => "payments",
            Queue::Orders => "orders",
            Queue::Disputes => "disputes",
            Queue::Sellers => "sellers",
            Queue::Payouts => "payouts",
            Queue::General => "general",
        }
    }

    /// The team's name as users and agents see it.
    pub fn label(&self) -> &'static str {
        match self {
            Queue::Payments => "Payments team",
            Queue::Orders => "Orders and delivery team",
            Queue::Disputes => "Disputes team",
            Queue::Sellers => "Seller support",
            Queue::Payouts => "Payouts team",
            Queue::General => "Customer support",
        }
    }
}

impl fmt::Display for Queue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How soon a ticket needs a first reply. Ordered `Urgent > High > Normal > Low`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Priority {
    /// Something is broken for the user right now, or an incident makes it worse.
    Urgent,
    /// Money is stuck or at stake.
    High,
    /// The default.
    Normal,
    /// A general question with no sign of urgency.
    Low,
}

impl Priority {
    /// Every priority, most urgent first.
    pub const ALL: [Priority; 4] = [
        Priority::Urgent,
        Priority::High,
        Priority::Normal,
        Priority::Low,
    ];

    /// The wire name, e.g. `urgent`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Urgent => "urgent",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    /// The word agents see, e.g. `Urgent`.
    pub fn label(self) -> &'static str {
        match self {
            Priority::Urgent => "Urgent",
            Priority::High => "High",
            Priority::Normal => "Normal",
            Priority::Low => "Low",
        }
    }

    /// Higher is more urgent; the declaration order reads best in docs but is the reverse.
    fn rank(self) -> u8 {
        match self {
            Priority::Low => 0,
            Priority::Normal => 1,
            Priority::High => 2,
            Priority::Urgent => 3,
        }
    }
}

impl Ord for Priority {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl PartialOrd for Priority {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a ticket stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TicketStatus {
    /// Waiting for an agent.
    Open,
    /// Waiting for the user.
    Pending,
    /// Done.
    Solved,
}

impl TicketStatus {
    /// The wire name, e.g. `open`.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Open => "open",
            TicketStatus::Pending => "pending",
            TicketStatus::Solved => "solved",
        }
    }
}

/// Who wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Author {
    /// The person who filed the ticket.
    User,
    /// Support staff.
    Agent,
    /// The desk itself, not a person: the status page's update on an incident the ticket names, shown as
    /// "Service status". It is no answer to the ticket: it sets no first response and leaves the status alone.
    System,
}

/// The answer to `POST /v1/tickets`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketCreated {
    /// e.g. `SP-1042`.
    pub id: String,
    /// The bearer token that lets the filer read and answer the ticket.
    pub access_token: String,
    /// The team it went to.
    pub queue: Queue,
    /// How urgent it is.
    pub priority: Priority,
    /// RFC 3339 UTC: when the user can expect a first reply.
    pub first_response_due: String,
    /// Why this queue and priority, as codes the widget words.
    #[serde(deserialize_with = "read_reasons")]
    pub reasons: Vec<TriageReason>,
    /// Whether card numbers were masked in the subject, the message or a search.
    pub masked_card_numbers: bool,
}

/// `POST /v1/tickets/{id}/stream-ticket` (with the access token in the `Authorization` header): what opens the
/// thread's event stream, `GET /v1/tickets/{id}/stream?ticket=…`, once. `EventSource` cannot send headers, so
/// the access token never goes into a URL; this ticket does, and is spent by the time a log is read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamTicket {
    /// Good for one stream.
    pub ticket: String,
    /// RFC 3339 UTC: unused by then, it is refused (about a minute after it was given).
    pub expires_at: String,
}

/// One message of a ticket's thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    /// Who wrote it.
    pub author: Author,
    /// The text, card numbers masked.
    pub body: String,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// A ticket as its filer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketView {
    /// e.g. `SP-1042`.
    pub id: String,
    /// Where it stands.
    pub status: TicketStatus,
    /// The topic id it was filed under.
    pub topic: String,
    /// The subject, card numbers masked.
    pub subject: String,
    /// The team working it.
    pub queue: Queue,
    /// How urgent it is.
    pub priority: Priority,
    /// RFC 3339 UTC.
    pub first_response_due: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// The thread, oldest first; the first is the filed message.
    pub messages: Vec<Message>,
    /// How the user rated the help, once they have (asked once the ticket is solved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<Satisfaction>,
}

/// `POST /v1/tickets/{id}/messages`: a reply.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMessage {
    /// 1–5000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 5000))]
    pub body: String,
}

/// What every public ticket id starts with, before the ticket's number.
pub const TICKET_ID_PREFIX: &str = "SP-";

/// The public id of ticket `number`, e.g. `SP-1042`.
pub fn ticket_id(number: i64) -> String {
    format!("{TICKET_ID_PREFIX}{number}")
}

/// The number in a ticket id; `None` unless it reads `SP-` (any case) and a number without sign or leading
/// zeros, so each ticket has one spelling.
pub fn parse_ticket_id(id: &str) -> Option<i64> {
    let digits = id
        .get(TICKET_ID_PREFIX.len()..)
        .filter(|_| id[..TICKET_ID_PREFIX.len()].eq_ignore_ascii_case(TICKET_ID_PREFIX))?;
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if canonical { digits.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ticket_ids_round_trip() {
        for number in [0, 1, 42, 1042, i64::MAX] {
            assert_eq!(parse_ticket_id(&ticket_id(number)), Some(number));
        }
        assert_eq!(ticket_id(1042), "SP-1042");
        assert_eq!(parse_ticket_id("sp-1042"), Some(1042));
    }

    #[test]
    fn malformed_ticket_ids_are_rejected() {
        for id in [
            "",
            "SP",
            "SP-",
            "SP-01042",
            "SP--5",
            "SP-+5",
            "SP-10a",
            "SP-1042 ",
            "XX-1042",
            "1042",
            "SP-99999999999999999999",
            "Sé-1",
        ] {
            assert_eq!(parse_ticket_id(id), None, "{id:?}");
        }
    }

    #[test]
    fn priorities_are_ordered_most_urgent_greatest() {
        assert!(Priority::Urgent > Priority::High);
        assert!(Priority::High > Priority::Normal);
        assert!(Priority::Normal > Priority::Low);
        let mut all = vec![
            Priority::Low,
            Priority::Urgent,
            Priority::Normal,
            Priority::High,
        ];
        all.sort_by(|a, b| b.cmp(a));
        assert_eq!(all, Priority::ALL);
        assert_eq!(Priority::High.label(), "High");
    }

    #[test]
    fn enums_use_their_wire_names() {
        for queue in Queue::ALL {
            let text = serde_json::to_string(&queue).unwrap();
            assert_eq!(text, format!("\"{queue}\""));
            assert_eq!(serde_json::from_str::<Queue>(&text).unwrap(), queue);
        }
        for priority in Priority::ALL {
            let text = serde_json::to_string(&priority).unwrap();
            assert_eq!(text, format!("\"{priority}\""));
            assert_eq!(serde_json::from_str::<Priority>(&text).unwrap(), priority);
        }
        assert_eq!(json!(TicketStatus::Pending), json!("pending"));
        assert_eq!(TicketStatus::Solved.as_str(), "solved");
        assert_eq!(json!(Author::Agent), json!("agent"));
        assert_eq!(json!(Author::System), json!("system"));
        assert_eq!(Queue::Orders.label(), "Orders and delivery team");
        assert_eq!(Queue::General.label(), "Customer support");
    }

    #[test]
    fn a_new_ticket_reads_with_defaults_and_round_trips() {
        let minimal: NewTicket = serde_json::from_value(json!({
            "topic": "refund", "subject": "Refund", "message": "Where is it?"
        }))
        .unwrap();
        assert_eq!(minimal.email, None);
        assert_eq!(minimal.context, TicketContext::default());
        // An empty context is written as `{}`.
        assert_eq!(
            serde_json::to_value(&minimal).unwrap()["context"],
            json!({})
        );

        let full = json!({
            "topic": "payment-failed",
            "subject": "Card declined",
            "message": "It says declined.",
            "email": "ada@example.com",
            "context": {
                "surface": "checkout",
                "page_url": "https://shop.example/checkout",
                "locale": "de-DE",
                "order_id": "A-1043",
                "order_status": "placed",
                "payment_status": "failed",
                "order_amount": 649.0,
                "order_currency": "EUR",
                "onboarding_step": "identity",
                "onboarding_blockers": ["payouts_blocked"],
                "role": "buyer",
                "suggestions_shown": [{
                    "id": "r1",
                    "title": "Try another card",
                    "reasons": ["payment failed"],
                    "explanation": [{"fact": "Payment status", "detail": "failed"}]
                }],
                "searches": [{"query": "card declined", "results": 3}, {"query": "xqzvwkj", "results": 0}],
                "articles_read": [{"id": "a1", "title": "Declines", "helpful": false}],
                "active_incidents": [{"id": "i1", "name": "Card payments", "impact": "major"}]
            }
        });
        let ticket: NewTicket = serde_json::from_value(full.clone()).unwrap();
        assert_eq!(ticket.context.surface, Some(Surface::Checkout));
        assert_eq!(ticket.context.role, Some(Role::Buyer));
        assert_eq!(ticket.context.articles_read[0].helpful, Some(false));
        assert_eq!(
            ticket.context.suggestions_shown[0].explanation,
            [ExplanationFact {
                fact: "Payment status".into(),
                detail: "failed".into()
            }]
        );
        assert_eq!(ticket.context.searches[1].results, 0);
        assert_eq!(serde_json::to_value(&ticket).unwrap(), full);
    }

    #[test]
    fn card_numbers_are_masked_in_searches() {
        let mut context = TicketContext {
            searches: vec![
                SearchMade {
                    query: "refund 4111 1111 1111 1111".into(),
                    results: 2,
                },
                SearchMade {
                    query: "refund".into(),
                    results: 4,
                },
            ],
            ..TicketContext::default()
        };
        assert!(context.mask_card_numbers_in_searches());
        assert_eq!(context.searches[0].query, "refund •••• •••• •••• 1111");
        assert_eq!(context.searches[1].query, "refund");
        assert!(!context.mask_card_numbers_in_searches(), "nothing left");
    }

    #[test]
    fn responses_round_trip_with_wire_names() {
        let created = TicketCreated {
            id: "SP-7".into(),
            access_token: "t0k3n".into(),
            queue: Queue::Payouts,
            priority: Priority::Urgent,
            first_response_due: "2026-03-09T09:30:00Z".into(),
            reasons: vec![TriageReason::Topic {
                topic: "payouts".into(),
                queue: Queue::Payouts,
            }],
            masked_card_numbers: true,
        };
        let value = serde_json::to_value(&created).unwrap();
        assert_eq!(value["queue"], "payouts");
        assert_eq!(value["priority"], "urgent");
        assert_eq!(value["masked_card_numbers"], true);
        assert_eq!(
            serde_json::from_value::<TicketCreated>(value).unwrap(),
            created
        );

        let view = TicketView {
            id: "SP-7".into(),
            status: TicketStatus::Open,
            topic: "payouts".into(),
            subject: "Payout".into(),
            queue: Queue::Payouts,
            priority: Priority::High,
            first_response_due: "2026-03-09T09:30:00Z".into(),
            created_at: "2026-03-06T17:30:00Z".into(),
            messages: vec![Message {
                author: Author::User,
                body: "Hello".into(),
                created_at: "2026-03-06T17:30:00Z".into(),
            }],
            satisfaction: None,
        };
        let value = serde_json::to_value(&view).unwrap();
        assert_eq!(value["status"], "open");
        assert_eq!(value["messages"][0]["author"], "user");
        assert_eq!(serde_json::from_value::<TicketView>(value).unwrap(), view);

        let message: NewMessage = serde_json::from_value(json!({"body": "Thanks"})).unwrap();
        assert_eq!(
            serde_json::to_value(&message).unwrap(),
            json!({"body": "Thanks"})
        );
    }

    #[test]
    fn unknown_wire_names_are_refused() {
        assert!(serde_json::from_value::<Queue>(json!("billing")).is_err());
        assert!(serde_json::from_value::<Priority>(json!("Urgent")).is_err());
        assert!(serde_json::from_value::<TicketStatus>(json!("closed")).is_err());
    }
}
