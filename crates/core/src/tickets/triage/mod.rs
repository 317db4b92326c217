//! Triage: which team gets a ticket and how urgent it is, each decision with a [`TriageReason`].
//!
//! The queue comes from a weighted phrase model: the topic gives its queue a strong head start, and phrases
//! in the subject and message add their weights to theirs, so a clear message can move a ticket filed under a
//! neighbouring topic. The priority comes from the context the user sent, the incidents the desk itself knows
//! of and a few alarm words. The context is what the page says: it may raise a ticket to
//! [`Priority::High`], never to [`Priority::Urgent`]. Incidents in the context (which a page may invent, or read
//! from its own `data-status-url`) raise nothing; only an open incident of the desk's own status page (or the
//! page it mirrors) makes a ticket urgent.

use super::{NewTicket, OnboardingBlocker, Priority, Queue, TicketContext, TriageReason};
use crate::context::Role;
use crate::embed::Surface;
use crate::feed::{Impact, Incident};
use std::cmp::Reverse;

pub mod text;
mod urgent;

/// The head start of a topic's queue: more than any one phrase, so a single word never overrules the user's
/// own choice, but two or three clear phrases do.
const TOPIC_PRIOR: u32 = 4;
/// "My account" is a loose fit for many problems: a single clear phrase elsewhere wins.
const ACCOUNT_PRIOR: u32 = 3;
/// "Something else" says nothing about the queue.
const OTHER_PRIOR: u32 = 1;

/// Order amounts from this much on are at least [`Priority::High`] (in the order's currency).
const LARGE_ORDER: f64 = 500.0;

/// `(queue, weight, phrase)`. Phrases are lowercase words separated by single spaces; a word ending in `*`
/// matches any word starting with it (`refund*`: refund, refunds, refunded).
const PHRASES: &[(Queue, u32, &str)] = &[
    (Queue::Payments, 2, "payment*"),
    (Queue::Payments, 2, "pay"),
    (Queue::Payments, 3, "payment failed"),
    (Queue::Payments, 3, "declined"),
    (Queue::Payments, 1, "card"),
    (Queue::Payments, 2, "charged"),
    (Queue::Payments, 3, "charged twice"),
    (Queue::Payments, 3, "double charge*"),
    (Queue::Payments, 3, "overcharg*"),
    (Queue::Payments, 2, "checkout"),
    (Queue::Payments, 2, "billing"),
    (Queue::Payments, 2, "transaction*"),
    (Queue::Payments, 3, "3d secure"),
    (Queue::Payments, 3, "3ds"),
    (Queue::Payments, 2, "paypal"),
    (Queue::Orders, 1, "order*"),
    (Queue::Orders, 3, "deliver*"),
    (Queue::Orders, 3, "arriv*"),
    (Queue::Orders, 2, "ship*"),
    (Queue::Orders, 3, "tracking"),
    (Queue::Orders, 2, "parcel*"),
    (Queue::Orders, 2, "package*"),
    (Queue::Orders, 2, "courier"),
    (Queue::Orders, 2, "return*"),
    (Queue::Orders, 2, "refund*"),
    (Queue::Orders, 3, "wrong item"),
    (Queue::Orders, 2, "damaged"),
    (Queue::Orders, 1, "cancel*"),
    (Queue::Disputes, 3, "dispute*"),
    (Queue::Disputes, 3, "chargeback*"),
    (Queue::Disputes, 3, "scam*"),
    (Queue::Disputes, 2, "fraud*"),
    (Queue::Disputes, 3, "not as described"),
    (Queue::Disputes, 3, "counterfeit"),
    (Queue::Disputes, 2, "fake"),
    (Queue::Disputes, 2, "seller won't"),
    (Queue::Disputes, 2, "seller isn't"),
    (Queue::Disputes, 2, "buyer claims"),
    (Queue::Disputes, 1, "claim*"),
    (Queue::Disputes, 1, "complain*"),
    (Queue::Sellers, 3, "verif*"),
    (Queue::Sellers, 3, "kyc"),
    (Queue::Sellers, 2, "identity"),
    (Queue::Sellers, 2, "document*"),
    (Queue::Sellers, 2, "passport"),
    (Queue::Sellers, 3, "listing*"),
    (Queue::Sellers, 3, "onboarding"),
    (Queue::Sellers, 3, "seller account"),
    (Queue::Sellers, 2, "selling"),
    (Queue::Sellers, 2, "inventory"),
    (Queue::Payouts, 4, "payout*"),
    (Queue::Payouts, 3, "paid out"),
    (Queue::Payouts, 3, "withdraw*"),
    (Queue::Payouts, 3, "iban"),
    (Queue::Payouts, 2, "bank account"),
    (Queue::Payouts, 2, "balance"),
    (Queue::Payouts, 3, "earnings"),
    (Queue::General, 1, "account"),
    (Queue::General, 2, "password"),
    (Queue::General, 2, "log in"),
    (Queue::General, 2, "login"),
    (Queue::General, 2, "sign in"),
    (Queue::General, 2, "newsletter"),
    (Queue::General, 3, "delete my account"),
];

/// Words saying payouts are stuck.
const HOLD_PHRASES: &[&str] = &[
    "blocked",
    "on hold",
    "held",
    "frozen",
    "freeze",
    "suspended",
    "withheld",
    "paused",
    "stuck",
];

/// Words threatening a chargeback.
const CHARGEBACK_PHRASES: &[&str] = &["chargeback*", "charge back"];

/// Words threatening legal steps.
const LEGAL_PHRASES: &[&str] = &[
    "lawyer*",
    "attorney*",
    "solicitor*",
    "legal",
    "lawsuit",
    "sue",
    "suing",
    "court",
    "police",
    "small claims",
    "trading standards",
    "ombudsman",
];

/// Words alleging fraud.
const FRAUD_PHRASES: &[&str] = &["fraud*", "scam*"];

/// Alarm words and the reason they give.
type Alarm = (&'static [&'static str], fn(Vec<String>) -> TriageReason);
const ALARMS: [Alarm; 3] = [
    (CHARGEBACK_PHRASES, |words| TriageReason::Chargeback {
        words,
    }),
    (LEGAL_PHRASES, |words| TriageReason::LegalThreat { words }),
    (FRAUD_PHRASES, |words| TriageReason::FraudClaim { words }),
];

/// Payment statuses that mean the payment did not go through.
const FAILED_PAYMENT: &[&str] = &["failed", "failure", "declined", "error", "rejected"];

/// Where a ticket goes and how urgent it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Triage {
    /// The team that gets it.
    pub queue: Queue,
    /// How soon it needs a reply.
    pub priority: Priority,
    /// Why: the queue's reason first, then the priority's.
    pub reasons: Vec<TriageReason>,
}

/// Triages a (validated) ticket. See the module documentation.
///
/// Priority rules, the highest wins:
/// - an open major or critical incident among `open_incidents` (the desk's own status page's, never the
///   context's) where the ticket is about it (checkout or order page with the payments queue, onboarding with
///   payouts or sellers): [`Priority::Urgent`];
/// - a payment failed at checkout; an order of 500 or more; a seller whose onboarding is blocked on payouts;
///   payouts said to be blocked or on hold; chargeback, legal or fraud words: [`Priority::High`];
/// - nothing of that: [`Priority::Normal`], or [`Priority::Low`] for topic `other` left in the general queue.
pub fn triage(ticket: &NewTicket, open_incidents: &[Incident]) -> Triage {
    let text = format!("{}\n{}", ticket.subject, ticket.message)
        .to_lowercase()
        .replace('\u{2019}', "'");
    let words = words(&text);
    let (queue, queue_reason) = choose_queue(&ticket.topic, &words);
    let raised = urgency(ticket, queue, &words, open_incidents);
    let mut reasons = vec![queue_reason];
    let priority = match raised.iter().map(|(priority, _)| *priority).max() {
        Some(priority) => {
            reasons.extend(raised.into_iter().map(|(_, reason)| reason));
            priority
        }
        None if ticket.topic == "other" && queue == Queue::General => {
            reasons.push(TriageReason::NothingAtStake);
            Priority::Low
        }
        None => {
            reasons.push(TriageReason::NothingUrgent);
            Priority::Normal
        }
    };
    Triage {
        queue,
        priority,
        reasons,
    }
}

/// The queue with the best score, and why.
fn choose_queue(topic: &str, words: &[&str]) -> (Queue, TriageReason) {
    let (prior, head_start) = topic_prior(topic);
    let mut scores = [0; Queue::ALL.len()];
    let mut mentions: [Vec<(u32, String)>; Queue::ALL.len()] = Default::default();
    scores[prior as usize] += head_start;
    for &(queue, weight, phrase) in PHRASES {
        if let Some(found) = find(words, phrase) {
            scores[queue as usize] += weight;
            mentions[queue as usize].push((weight, found));
        }
    }
    // Ties go to the topic's queue, then to the first in `Queue::ALL`.
    let best = Queue::ALL
        .into_iter()
        .rev()
        .max_by_key(|&queue| (scores[queue as usize], queue == prior))
        .unwrap_or(Queue::General);
    if best == prior {
        let topic = topic.to_owned();
        return (best, TriageReason::Topic { topic, queue: best });
    }
    let mut found = std::mem::take(&mut mentions[best as usize]);
    found.sort_by_key(|&(weight, _)| Reverse(weight));
    let words = found.into_iter().take(3).map(|(_, text)| text).collect();
    (best, TriageReason::MessageWords { queue: best, words })
}

/// The queue a topic points to and its head start. A site's own topic ids are read like text (`late-delivery`
/// points to orders); one that says nothing gets the general queue with no more than "other" would.
fn topic_prior(topic: &str) -> (Queue, u32) {
    let known = match topic {
        "order-not-arrived" | "refund" => Some(Queue::Orders),
        "payment-failed" => Some(Queue::Payments),
        "dispute" => Some(Queue::Disputes),
        "seller-verification" | "listing" => Some(Queue::Sellers),
        "payouts" => Some(Queue::Payouts),
        "account" => return (Queue::General, ACCOUNT_PRIOR),
        "other" => return (Queue::General, OTHER_PRIOR),
        _ => None,
    };
    if let Some(queue) = known {
        return (queue, TOPIC_PRIOR);
    }
    let lower = topic.to_lowercase();
    let topic_words = words(&lower);
    let mut scores = [0; Queue::ALL.len()];
    for &(queue, weight, phrase) in PHRASES {
        if find(&topic_words, phrase).is_some() {
            scores[queue as usize] += weight;
        }
    }
    Queue::ALL
        .into_iter()
        .rev()
        .max_by_key(|&queue| scores[queue as usize])
        .filter(|&queue| scores[queue as usize] > 0)
        .map_or((Queue::General, OTHER_PRIOR), |queue| (queue, TOPIC_PRIOR))
}

/// Every rule that raises the priority, with its reason.
fn urgency(
    ticket: &NewTicket,
    queue: Queue,
    words: &[&str],
    open_incidents: &[Incident],
) -> Vec<(Priority, TriageReason)> {
    let context = &ticket.context;
    let mut raised = Vec::new();

    let payment_failed = context.payment_status.as_deref().is_some_and(|status| {
        FAILED_PAYMENT.contains(&status.trim().to_ascii_lowercase().as_str())
    });
    // The topic speaks for the payment only when the page did not say how it went.
    let says_failed = ticket.topic == "payment-failed" && context.payment_status.is_none();
    if context.surface == Some(Surface::Checkout) && (payment_failed || says_failed) {
        let payment_status = context.payment_status.clone();
        raised.push((
            Priority::High,
            TriageReason::PaymentFailed { payment_status },
        ));
    }

    if let Some(reason) = incident(context, queue, open_incidents) {
        raised.push((Priority::Urgent, reason));
    }

    if let Some(amount) = context.order_amount.filter(|amount| *amount >= LARGE_ORDER) {
        let currency = context
            .order_currency
            .as_deref()
            .map(str::trim)
            .filter(|currency| !currency.is_empty())
            .map(str::to_owned);
        let threshold = LARGE_ORDER;
        raised.push((
            Priority::High,
            TriageReason::LargeOrder {
                amount,
                currency,
                threshold,
            },
        ));
    }

    if context.role != Some(Role::Buyer) {
        let blockers = context.onboarding_blockers.iter();
        for blocker in blockers.filter_map(|blocker| OnboardingBlocker::from_page(blocker)) {
            raised.push((Priority::High, TriageReason::OnboardingBlocked { blocker }));
        }
    }

    if (ticket.topic == "payouts" || queue == Queue::Payouts)
        && let Some(found) = HOLD_PHRASES.iter().find_map(|phrase| find(words, phrase))
    {
        let words = vec![found];
        raised.push((Priority::High, TriageReason::PayoutDelayed { words }));
    }

    for (phrases, reason) in ALARMS {
        let found: Vec<String> = phrases
            .iter()
            .filter_map(|phrase| find(words, phrase))
            .take(3)
            .collect();
        if !found.is_empty() {
            raised.push((Priority::High, reason(found)));
        }
    }
    raised
}

/// The reason an open incident the desk knows of makes the ticket urgent: major or critical, on a surface where
/// it bites.
fn incident(
    context: &TicketContext,
    queue: Queue,
    open_incidents: &[Incident],
) -> Option<TriageReason> {
    match (context.surface?, queue) {
        (Surface::Checkout | Surface::Order, Queue::Payments)
        | (Surface::Onboarding, Queue::Payouts | Queue::Sellers) => {}
        _ => return None,
    }
    let impact = open_incidents
        .iter()
        .filter(|incident| incident.is_unresolved() && !incident.is_maintenance())
        .map(|incident| incident.impact.clone())
        .filter(|impact| matches!(impact, Impact::Major | Impact::Critical))
        .max_by_key(|impact| *impact == Impact::Critical)?;
    Some(TriageReason::Incident { impact, queue })
}

/// The words of lowercase `text`: letters and digits, with inner apostrophes (`hasn't`).
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|word| word.trim_matches('\''))
        .filter(|word| !word.is_empty())
        .collect()
}

/// The words where `phrase` first occurs in `words`, joined by spaces.
fn find(words: &[&str], phrase: &str) -> Option<String> {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(parts.len())
        .find(|window| {
            window
                .iter()
                .zip(&parts)
                .all(|(word, part)| match part.strip_suffix('*') {
                    Some(stem) => word.starts_with(stem),
                    None => word == part,
                })
        })
        .map(|window| window.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::IncidentStatus;
    use crate::tickets::ActiveIncident;

    /// Triage with no incident the desk knows of.
    fn triage(ticket: &NewTicket) -> Triage {
        super::triage(ticket, &[])
    }

    /// An open incident of the desk's own status page.
    fn known(impact: Impact) -> Incident {
        Incident {
            id: "inc-1".into(),
            name: "Card payments failing".into(),
            status: IncidentStatus::Investigating,
            impact,
            ..Incident::default()
        }
    }

    fn ticket(topic: &str, subject: &str, message: &str) -> NewTicket {
        NewTicket {
            topic: topic.into(),
            subject: subject.into(),
            message: message.into(),
            email: Some("ada@example.com".into()),
            context: TicketContext::default(),
        }
    }

    fn incident_in(impact: Impact, queue: Queue) -> TriageReason {
        TriageReason::Incident { impact, queue }
    }

    fn delayed(words: &str) -> TriageReason {
        TriageReason::PayoutDelayed {
            words: vec![words.into()],
        }
    }

    fn incident(impact: &str) -> ActiveIncident {
        ActiveIncident {
            id: "inc-1".into(),
            name: "Card payments failing".into(),
            impact: impact.into(),
        }
    }

    #[test]
    fn each_topic_goes_to_its_queue() {
        for (topic, queue) in [
            ("order-not-arrived", Queue::Orders),
            ("refund", Queue::Orders),
            ("payment-failed", Queue::Payments),
            ("dispute", Queue::Disputes),
            ("account", Queue::General),
            ("seller-verification", Queue::Sellers),
            ("payouts", Queue::Payouts),
            ("listing", Queue::Sellers),
            ("other", Queue::General),
        ] {
            let found = triage(&ticket(topic, "Help", "Please help me."));
            assert_eq!(found.queue, queue, "{topic}");
            let topic = topic.to_owned();
            assert_eq!(found.reasons[0], TriageReason::Topic { topic, queue });
        }
    }

    #[test]
    fn the_message_routes_a_loose_topic() {
        for (topic, message, queue, mentions) in [
            (
                "other",
                "I was charged twice for the same thing",
                Queue::Payments,
                &["charged twice", "charged"][..],
            ),
            (
                "other",
                "The parcel hasn't arrived and tracking is stuck",
                Queue::Orders,
                &["arrived", "tracking", "parcel"][..],
            ),
            (
                "order-not-arrived",
                "The seller is a scam, I opened a dispute",
                Queue::Disputes,
                &["dispute", "scam"][..],
            ),
            (
                "account",
                "My identity verification keeps failing",
                Queue::Sellers,
                &["verification", "identity"][..],
            ),
            (
                "account",
                "Where is my payout?",
                Queue::Payouts,
                &["payout"][..],
            ),
        ] {
            let found = triage(&ticket(topic, "Help", message));
            assert_eq!(found.queue, queue, "{message}");
            let words = mentions.iter().map(|word| word.to_string()).collect();
            assert_eq!(
                found.reasons[0],
                TriageReason::MessageWords { queue, words }
            );
        }
    }

    #[test]
    fn one_word_does_not_overrule_the_topic() {
        let found = triage(&ticket(
            "order-not-arrived",
            "Late",
            "I paid by card and it still isn't here",
        ));
        assert_eq!(found.queue, Queue::Orders);
        let found = triage(&ticket("account", "Password", "I forgot my password"));
        assert_eq!(found.queue, Queue::General);
    }

    #[test]
    fn words_match_on_word_boundaries() {
        assert_eq!(
            words("Hasn't ARRIVED—yet 'quoted'".to_lowercase().as_str()),
            ["hasn't", "arrived", "yet", "quoted"]
        );
        let w = words("the courtesy of prepayments");
        assert_eq!(find(&w, "court"), None);
        assert_eq!(find(&w, "payment*"), None);
        assert_eq!(
            find(&words("payments failed"), "payment*"),
            Some("payments".into())
        );
        assert_eq!(
            find(&words("it is on hold now"), "on hold"),
            Some("on hold".into())
        );
        assert_eq!(find(&words("on, hold"), "on hold"), Some("on hold".into()));
    }

    #[test]
    fn a_sites_own_topic_is_read_like_text() {
        assert_eq!(topic_prior("late-delivery"), (Queue::Orders, TOPIC_PRIOR));
        assert_eq!(
            topic_prior("payout_schedule"),
            (Queue::Payouts, TOPIC_PRIOR)
        );
        assert_eq!(topic_prior("feedback"), (Queue::General, OTHER_PRIOR));
        let found = triage(&ticket("late-delivery", "Late", "Still waiting."));
        assert_eq!(found.queue, Queue::Orders);
        assert_eq!(
            found.reasons[0],
            TriageReason::Topic {
                topic: "late-delivery".into(),
                queue: Queue::Orders
            }
        );
    }

    #[test]
    fn nothing_urgent_is_normal_and_other_is_low() {
        let normal = triage(&ticket("refund", "Refund", "When do I get my refund?"));
        assert_eq!(normal.priority, Priority::Normal);
        assert_eq!(normal.reasons[1], TriageReason::NothingUrgent);
        let low = triage(&ticket(
            "other",
            "Question",
            "Do you ship to Iceland? Just curious.",
        ));
        assert_eq!(low.queue, Queue::Orders, "the message routed it");
        assert_eq!(
            low.priority,
            Priority::Normal,
            "so it is not a vague question"
        );
        let low = triage(&ticket("other", "Question", "Can I change the language?"));
        assert_eq!((low.queue, low.priority), (Queue::General, Priority::Low));
        assert_eq!(
            low.reasons,
            [
                TriageReason::Topic {
                    topic: "other".into(),
                    queue: Queue::General
                },
                TriageReason::NothingAtStake
            ]
        );
    }

    #[test]
    fn a_payment_failed_at_checkout_is_high() {
        let mut t = ticket("payment-failed", "Declined", "My card was declined.");
        t.context.surface = Some(Surface::Checkout);
        t.context.payment_status = Some("Failed".into());
        let found = triage(&t);
        assert_eq!(
            (found.queue, found.priority),
            (Queue::Payments, Priority::High)
        );
        assert_eq!(
            found.reasons,
            [
                TriageReason::Topic {
                    topic: "payment-failed".into(),
                    queue: Queue::Payments
                },
                TriageReason::PaymentFailed {
                    payment_status: Some("Failed".into())
                }
            ]
        );
        // The topic alone counts when the page gave no status ...
        t.context.payment_status = None;
        let found = triage(&t);
        assert_eq!(found.priority, Priority::High);
        assert_eq!(
            found.reasons[1],
            TriageReason::PaymentFailed {
                payment_status: None
            }
        );
        // ... but not when the page says the payment went through,
        t.context.payment_status = Some("paid".into());
        assert_eq!(triage(&t).priority, Priority::Normal);
        // nor away from checkout.
        t.context.payment_status = Some("failed".into());
        t.context.surface = Some(Surface::Order);
        assert_eq!(triage(&t).priority, Priority::Normal);
    }

    #[test]
    fn a_major_incident_the_desk_knows_on_the_surface_is_urgent() {
        let mut t = ticket("payment-failed", "Declined", "Card declined again.");
        t.context.surface = Some(Surface::Order);
        let mut open = vec![known(Impact::Minor), known(Impact::Major)];
        let found = super::triage(&t, &open);
        assert_eq!(found.priority, Priority::Urgent);
        assert_eq!(
            found.reasons[1],
            incident_in(Impact::Major, Queue::Payments)
        );

        open.push(known(Impact::Critical));
        assert_eq!(
            super::triage(&t, &open).reasons[1],
            incident_in(Impact::Critical, Queue::Payments)
        );

        // Checkout: the failed payment and the incident both count; the worst wins, both are told.
        t.context.surface = Some(Surface::Checkout);
        t.context.payment_status = Some("declined".into());
        let found = super::triage(&t, &open);
        assert_eq!(found.priority, Priority::Urgent);
        assert_eq!(
            found.reasons[1..],
            [
                TriageReason::PaymentFailed {
                    payment_status: Some("declined".into())
                },
                incident_in(Impact::Critical, Queue::Payments)
            ]
        );

        // Resolved, or a maintenance: no longer.
        let mut over = known(Impact::Critical);
        over.status = IncidentStatus::Resolved;
        let mut maintenance = known(Impact::Critical);
        maintenance.status = IncidentStatus::InProgress;
        maintenance.scheduled_for = Some(crate::feed::Timestamp::from_unix(0));
        assert_eq!(
            super::triage(&t, &[over, maintenance]).priority,
            Priority::High
        );
    }

    #[test]
    fn incidents_the_page_sends_never_raise_priority() {
        // A page may invent an incident, or show one from its own status feed: the desk does not know it.
        let mut t = ticket("payment-failed", "Declined", "Card declined again.");
        t.context.surface = Some(Surface::Order);
        t.context.active_incidents = vec![incident("critical"), incident("major")];
        let found = triage(&t);
        assert_eq!(found.priority, Priority::Normal, "{:?}", found.reasons);
        // What the page says can raise a ticket to High at most.
        t.context.surface = Some(Surface::Checkout);
        t.context.payment_status = Some("declined".into());
        t.context.order_amount = Some(10_000.0);
        t.context.role = Some(Role::Seller);
        t.context.onboarding_blockers = vec!["payouts_blocked".into()];
        assert_eq!(triage(&t).priority, Priority::High);
    }

    #[test]
    fn an_incident_counts_only_where_it_bites() {
        let mut t = ticket("payouts", "Payout", "Where is my payout?");
        t.context.surface = Some(Surface::Onboarding);
        let found = super::triage(&t, &[known(Impact::Major)]);
        assert_eq!(found.priority, Priority::Urgent);
        assert_eq!(found.reasons[1], incident_in(Impact::Major, Queue::Payouts));

        t.topic = "seller-verification".into();
        t.message = "Stuck at the documents step".into();
        let found = super::triage(&t, &[known(Impact::Major)]);
        assert_eq!(
            (found.queue, found.priority),
            (Queue::Sellers, Priority::Urgent)
        );
        assert_eq!(found.reasons[1], incident_in(Impact::Major, Queue::Sellers));

        // Minor incidents, maintenance, the wrong queue or surface: no change.
        let mild = [known(Impact::Minor), known(Impact::Maintenance)];
        assert_eq!(super::triage(&t, &mild).priority, Priority::Normal);
        t.context.surface = Some(Surface::Checkout);
        let critical = [known(Impact::Critical)];
        assert_eq!(super::triage(&t, &critical).priority, Priority::Normal);
        let mut t = ticket("order-not-arrived", "Late", "Not here yet.");
        t.context.surface = Some(Surface::Order);
        assert_eq!(super::triage(&t, &critical).priority, Priority::Normal);
    }

    #[test]
    fn a_large_order_is_at_least_high() {
        let mut t = ticket("order-not-arrived", "Late", "Not here yet.");
        t.context.order_amount = Some(649.0);
        t.context.order_currency = Some("EUR".into());
        let found = triage(&t);
        assert_eq!(found.priority, Priority::High);
        assert_eq!(
            found.reasons[1],
            TriageReason::LargeOrder {
                amount: 649.0,
                currency: Some("EUR".into()),
                threshold: 500.0
            }
        );
        t.context.order_amount = Some(500.0);
        t.context.order_currency = Some(" ".into());
        assert_eq!(
            triage(&t).reasons[1],
            TriageReason::LargeOrder {
                amount: 500.0,
                currency: None,
                threshold: 500.0
            }
        );
        t.context.order_amount = Some(499.99);
        assert_eq!(triage(&t).priority, Priority::Normal);
    }

    #[test]
    fn blocked_seller_payouts_are_high() {
        let mut t = ticket("seller-verification", "Stuck", "What do I do next?");
        t.context.role = Some(Role::Seller);
        t.context.onboarding_blockers = vec!["document_rejected".into(), "payouts_blocked".into()];
        let found = triage(&t);
        assert_eq!(found.priority, Priority::High);
        assert_eq!(
            found.reasons[1..],
            [TriageReason::OnboardingBlocked {
                blocker: OnboardingBlocker::PayoutsBlocked
            }]
        );
        t.context.onboarding_blockers = vec!["payout_account_failed".into()];
        assert_eq!(
            triage(&t).reasons[1],
            TriageReason::OnboardingBlocked {
                blocker: OnboardingBlocker::PayoutAccountFailed
            }
        );
        t.context.role = Some(Role::Buyer);
        assert_eq!(triage(&t).priority, Priority::Normal);
    }

    #[test]
    fn payouts_said_to_be_on_hold_are_high() {
        let found = triage(&ticket(
            "payouts",
            "Payout",
            "My payout has been on hold for a week",
        ));
        assert_eq!(
            (found.queue, found.priority),
            (Queue::Payouts, Priority::High)
        );
        assert_eq!(found.reasons[1], delayed("on hold"));
        let found = triage(&ticket("account", "Money", "My payouts are blocked"));
        assert_eq!(
            (found.queue, found.priority),
            (Queue::Payouts, Priority::High)
        );
        assert_eq!(found.reasons[1], delayed("blocked"));
        // "blocked" about something else is not a payout hold.
        let found = triage(&ticket("account", "Login", "My login is blocked"));
        assert_eq!(
            (found.queue, found.priority),
            (Queue::General, Priority::Normal)
        );
    }

    #[test]
    fn chargeback_legal_and_fraud_words_are_high() {
        let found = triage(&ticket(
            "order-not-arrived",
            "Still nothing",
            "If this isn't sorted I'll file a chargeback and call my lawyer.",
        ));
        assert_eq!(found.priority, Priority::High);
        assert_eq!(
            found.reasons[1..],
            [
                TriageReason::Chargeback {
                    words: vec!["chargeback".into()]
                },
                TriageReason::LegalThreat {
                    words: vec!["lawyer".into()]
                }
            ]
        );
        let found = triage(&ticket("dispute", "Seller", "This seller is fraudulent"));
        assert_eq!(
            (found.queue, found.priority),
            (Queue::Disputes, Priority::High)
        );
        assert_eq!(
            found.reasons[1],
            TriageReason::FraudClaim {
                words: vec!["fraudulent".into()]
            }
        );
        // "illegal" and "courtesy" are not alarm words.
        let found = triage(&ticket(
            "refund",
            "Refund",
            "Is it illegal? Just a courtesy question.",
        ));
        assert_eq!(found.priority, Priority::Normal);
    }

    #[test]
    fn curly_apostrophes_read_like_straight_ones() {
        let found = triage(&ticket("other", "Help", "The seller won’t answer me"));
        assert_eq!(found.queue, Queue::Disputes);
    }
}
