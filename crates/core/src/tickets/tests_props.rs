//! Properties of triage over generated tickets (with the seed model): it never panics; the queue's reason
//! comes first and names the chosen queue, then at least one reason for the priority; urgent always comes with
//! a reason from the message or an incident the desk knows, and the incidents the page lists change nothing;
//! one more known incident never lowers the priority; a legal threat in the message makes it at least high;
//! a large order counts only in a currency with a threshold and for the teams that handle orders; low is only for a general question that triage is sure of; an unsure ticket is flagged and
//! at least normal; and case does not matter in ASCII text.

use super::*;
use crate::feed::{Impact, Incident, IncidentStatus};
use crate::tickets::triage::testing;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

/// Words from every queue's phrases, the alarm phrases and filler, so generated messages route and raise.
const WORDS: [&str; 40] = [
    "payment",
    "failed",
    "declined",
    "card",
    "charged",
    "twice",
    "checkout",
    "paypal",
    "order",
    "delivered",
    "arrived",
    "tracking",
    "parcel",
    "refund",
    "wrong",
    "item",
    "dispute",
    "scam",
    "counterfeit",
    "seller",
    "won't",
    "verification",
    "kyc",
    "listing",
    "payout",
    "withdraw",
    "iban",
    "on",
    "hold",
    "frozen",
    "account",
    "password",
    "chargeback",
    "lawyer",
    "police",
    "fraud",
    "my",
    "the",
    "help",
    "hasn’t",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => vec(select(&WORDS[..]), 0..12).prop_map(|words| words.join(" ")),
        1 => "\\PC{0,60}",
    ]
}

fn topic() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(DEFAULT_TOPICS.iter().map(|(id, _)| *id).collect::<Vec<_>>()).prop_map(str::to_owned),
        1 => select(&["late-delivery", "billing", "kyc-help", ""][..]).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
    ]
}

fn context() -> impl Strategy<Value = TicketContext> {
    (
        option::of(select(
            &[
                Surface::Checkout,
                Surface::Order,
                Surface::Onboarding,
                Surface::Other,
            ][..],
        )),
        option::of(
            select(&["failed", "Declined ", "paid", "pending", ""][..]).prop_map(str::to_owned),
        ),
        option::of(select(&[-5.0, 0.0, 120.0, 499.99, 500.0, 1e12][..])),
        option::of(select(&["EUR", " ", "MXN"][..]).prop_map(str::to_owned)),
        vec(
            select(
                &[
                    "payouts_blocked",
                    "payout_account_failed",
                    "document_rejected",
                ][..],
            )
            .prop_map(str::to_owned),
            0..3,
        ),
        option::of(select(&[Role::Buyer, Role::Seller][..])),
        vec(select(&["critical", "major", "minor", "none"][..]), 0..3),
    )
        .prop_map(
            |(
                surface,
                payment_status,
                order_amount,
                order_currency,
                onboarding_blockers,
                role,
                incidents,
            )| {
                TicketContext {
                    surface,
                    payment_status,
                    order_amount,
                    order_currency,
                    onboarding_blockers,
                    role,
                    active_incidents: incidents
                        .into_iter()
                        .map(|impact| ActiveIncident {
                            id: "inc-page".into(),
                            name: "Payments down".into(),
                            impact: impact.into(),
                        })
                        .collect(),
                    ..TicketContext::default()
                }
            },
        )
}

fn ticket() -> impl Strategy<Value = NewTicket> {
    (topic(), text(), text(), context()).prop_map(|(topic, subject, message, context)| NewTicket {
        topic,
        subject,
        message,
        email: Some("ada@example.com".into()),
        context,
        experiment_unit: None,
    })
}

/// Incidents of the desk's own status page: open or over, incidents or maintenances, of any impact.
fn known_incidents() -> impl Strategy<Value = Vec<Incident>> {
    let incident = (
        select(
            &[
                IncidentStatus::Investigating,
                IncidentStatus::Resolved,
                IncidentStatus::InProgress,
            ][..],
        ),
        select(
            &[
                Impact::Critical,
                Impact::Major,
                Impact::Minor,
                Impact::Maintenance,
            ][..],
        ),
    )
        .prop_map(|(status, impact)| Incident {
            id: "inc-1".into(),
            status,
            impact,
            ..Incident::default()
        });
    vec(incident, 0..3)
}

fn triage(ticket: &NewTicket, known: &[Incident]) -> Triage {
    let settings = testing::settings();
    let setup = TriageSetup {
        model: Some(testing::seed_model()),
        settings: &settings,
        open_incidents: known,
    };
    super::triage(ticket, &setup)
}

fn queue_of(reason: &TriageReason) -> Option<Queue> {
    match reason {
        TriageReason::Topic { queue, .. }
        | TriageReason::MessageWords { queue, .. }
        | TriageReason::ModelWords { queue, .. }
        | TriageReason::RoleAndPage { queue, .. } => Some(*queue),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn reasons_name_the_queue_first_then_the_priority(ticket in ticket(), known in known_incidents()) {
        let found = triage(&ticket, &known);
        prop_assert!(found.reasons.len() >= 2, "{:?}", found.reasons);
        prop_assert_eq!(queue_of(&found.reasons[0]), Some(found.queue), "{:?}", found.reasons);
        prop_assert!(!found.reasons[1..].iter().any(|r| queue_of(r).is_some()));
        let incident = found.reasons.iter().any(|r| matches!(r, TriageReason::Incident { .. }));
        let words = found.reasons.iter().any(|r| r.urgent_words().is_some());
        prop_assert_eq!(found.priority == Priority::Urgent, incident || words);
        if found.priority == Priority::Low {
            prop_assert!(matches!(ticket.topic.as_str(), "" | "other"));
            prop_assert_eq!(found.queue, Queue::General);
        }
        if found.needs_look {
            prop_assert!(found.priority >= Priority::Normal);
            prop_assert_eq!(found.reasons.last(), Some(&TriageReason::Unsure));
        }
    }

    #[test]
    fn what_the_page_says_alone_never_makes_a_ticket_urgent(ticket in ticket()) {
        let found = triage(&ticket, &[]);
        if found.priority == Priority::Urgent {
            prop_assert!(found.reasons.iter().any(|r| r.urgent_words().is_some()), "{:?}", found);
        }
        // The incidents the page lists are stored, never believed.
        let mut unlisted = ticket.clone();
        unlisted.context.active_incidents.clear();
        prop_assert_eq!(triage(&unlisted, &[]), found);
    }

    #[test]
    fn one_more_known_incident_never_lowers_the_priority(
        ticket in ticket(),
        known in known_incidents(),
        more in known_incidents(),
    ) {
        let before = triage(&ticket, &known);
        let after = triage(&ticket, &[known.clone(), more].concat());
        prop_assert_eq!(after.queue, before.queue);
        prop_assert!(after.priority >= before.priority, "{:?} then {:?}", before, after);
    }

    #[test]
    fn a_legal_threat_makes_it_at_least_high(
        ticket in ticket(),
        known in known_incidents(),
        threat in select(&["lawyer", "attorneys", "police", "ombudsman"][..]),
    ) {
        let before = triage(&ticket, &known);
        let mut threatening = ticket.clone();
        threatening.message.push_str(&format!("\nI will call my {threat}."));
        let after = triage(&threatening, &known);
        // More words may change what the message reads as, and with it which page facts it is about: a
        // threat raises to High at least, and never lowers an urgent reason the rules found in the message.
        // The model's reading is of the whole message, so a sentence more may move it either way.
        prop_assert!(after.priority >= Priority::High, "{:?}", after);
        let rules_urgent = |r: &TriageReason| {
            r.urgent_words().is_some() && !matches!(r, TriageReason::ReadsUrgent { .. })
        };
        if before.reasons.iter().any(rules_urgent) {
            prop_assert_eq!(after.priority, Priority::Urgent);
        }
        let legal = |r: &TriageReason| matches!(r, TriageReason::LegalThreat { .. });
        prop_assert!(after.reasons.iter().any(legal));
    }

    #[test]
    fn a_large_order_counts_only_in_its_currency_and_for_the_order_teams(
        ticket in ticket(),
        amount in 500.0f64..1e9,
        currency in select(&["EUR", "eur", " EUR ", "JPY", "XXX"][..]),
    ) {
        let mut large = ticket;
        large.context.order_amount = Some(amount);
        large.context.order_currency = Some(currency.to_owned());
        let found = triage(&large, &[]);
        let is_large = |r: &TriageReason| matches!(r, TriageReason::LargeOrder { .. });
        if found.reasons.iter().any(is_large) {
            prop_assert!(currency.trim().eq_ignore_ascii_case("eur"), "{:?}", found);
            prop_assert!(matches!(found.queue, Queue::Orders | Queue::Payments | Queue::Disputes));
            prop_assert!(found.priority >= Priority::High);
        }
    }

    #[test]
    fn case_does_not_matter_in_ascii_text(
        ticket in ticket(),
        known in known_incidents(),
    ) {
        let mut ticket = ticket;
        ticket.subject.retain(|c| c.is_ascii());
        ticket.message.retain(|c| c.is_ascii());
        let mut shouting = ticket.clone();
        shouting.subject = ticket.subject.to_ascii_uppercase();
        shouting.message = ticket.message.to_ascii_uppercase();
        prop_assert_eq!(triage(&shouting, &known), triage(&ticket, &known));
    }
}
