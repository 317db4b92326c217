//! Triage: which team gets a ticket and how urgent it is, each decision with a [`TriageReason`].
//!
//! The queue comes from the intent [`model`], which reads the message (in any language it was trained on) with
//! who is asking, from which page, under which topic. Rules read the message for what cannot wait (a taken-over
//! account, a repeated charge, a threat, a product on fire: [`Priority::Urgent`]) and for chargeback, legal and
//! fraud words ([`Priority::High`]); a rule that knows the team (a changed payout bank account) also decides
//! the queue. Page facts raise the priority only when the message is about them: a failed payment for the
//! payments team, a large order (per currency, from the site's thresholds) for orders, payments and disputes,
//! an incident for the team whose part of the site it affects. Incidents in the context (which a page may
//! invent) raise nothing: only an open incident of the desk's own status page counts. When the model is
//! unsure, the ticket keeps normal priority and is flagged for an agent to check, never parked as low. When no
//! rule fired, the model's urgency reading may still make the ticket urgent, with the words that weighed most.

pub mod model;
mod question;
pub mod text;
mod urgent;

use super::{NewTicket, OnboardingBlocker, Priority, Queue, TicketContext, TriageReason};
use crate::context::Role;
use crate::embed::Surface;
use crate::feed::{Impact, Incident};
use model::{Input, Model, Prediction, Reading};
use serde::Deserialize;
use std::collections::BTreeMap;
use text::Text;

/// Below this probability the model's queue is a guess: the ticket is flagged for a look.
pub const SURE: f32 = 0.5;

/// Payment statuses that mean the payment did not go through.
const FAILED_PAYMENT: &[&str] = &["failed", "failure", "declined", "error", "rejected"];

/// A site's triage settings (`content/triage.toml`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageSettings {
    /// From which amount an order is large, per ISO 4217 currency (`EUR = 500`). A currency not listed never
    /// raises a ticket: 500 means something else in yen than in euros.
    #[serde(default)]
    pub large_order: BTreeMap<String, f64>,
}

/// What triage reads besides the ticket.
#[derive(Clone, Copy, Debug)]
pub struct TriageSetup<'a> {
    /// The current intent model; without one the topic decides and the ticket is flagged.
    pub model: Option<&'a Model>,
    pub settings: &'a TriageSettings,
    /// The open incidents of the desk's own status page (or the page it mirrors), never the context's.
    pub open_incidents: &'a [Incident],
}

/// Where a ticket goes and how urgent it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Triage {
    /// The team that gets it.
    pub queue: Queue,
    /// How soon it needs a reply.
    pub priority: Priority,
    /// Why: the queue's reason first, then the priority's.
    pub reasons: Vec<TriageReason>,
    /// Triage is unsure of the queue: an agent should check it.
    pub needs_look: bool,
}

/// Triages a (validated) ticket. See the module documentation.
pub fn triage(ticket: &NewTicket, setup: &TriageSetup) -> Triage {
    let text = Text::new(&format!("{}\n{}", ticket.subject, ticket.message));
    let context = &ticket.context;
    let findings = urgent::urgent(&text);
    let rule_queue = findings.iter().find_map(|f| Some((f.queue?, f)));
    // The model's reading when no rule chose the team: it chooses it, and urgency is read from the same features.
    let read = match rule_queue {
        Some(_) => None,
        None => setup.model.map(|model| {
            let input = Input {
                text: &text,
                topic: Some(ticket.topic.as_str()).filter(|topic| !topic.is_empty()),
                role: context.role,
                surface: context.surface,
            };
            (model, model.predict(input))
        }),
    };
    let choice = match rule_queue {
        Some((queue, finding)) => {
            let words = finding.reason.urgent_words().unwrap_or_default().to_vec();
            Choice {
                queue,
                reason: TriageReason::MessageWords { queue, words },
                needs_look: false,
                words_alone: None,
            }
        }
        None => choose_queue(ticket, &text, read.as_ref()),
    };
    let queue = choice.queue;
    let needs_look = choice.needs_look;

    let read_urgent = findings
        .is_empty()
        .then(|| reads_urgent(&text, read.as_ref()));
    let mut raised: Vec<(Priority, TriageReason)> = findings
        .into_iter()
        .map(|finding| finding.reason)
        .chain(read_urgent.flatten())
        .map(|reason| (Priority::Urgent, reason))
        .collect();
    if let Some(reason) = incident(context, &choice, setup.open_incidents) {
        raised.push((Priority::Urgent, reason));
    }
    raised.extend(page_facts(ticket, &choice, setup.settings));
    if queue == Queue::Payouts
        && let Some(reason) = urgent::payout_hold(&text)
    {
        raised.push((Priority::High, reason));
    }
    raised.extend(
        urgent::alarms(&text)
            .into_iter()
            .map(|reason| (Priority::High, reason)),
    );

    let mut reasons = vec![choice.reason];
    let priority = match raised.iter().map(|(priority, _)| *priority).max() {
        Some(priority) => {
            reasons.extend(raised.into_iter().map(|(_, reason)| reason));
            priority
        }
        None if !needs_look && question::is_plain_question(&text) => {
            reasons.push(TriageReason::NothingAtStake);
            Priority::Low
        }
        None if needs_look => Priority::Normal,
        None => {
            reasons.push(TriageReason::NothingUrgent);
            Priority::Normal
        }
    };
    if needs_look {
        reasons.push(TriageReason::Unsure);
    }
    Triage {
        queue,
        priority,
        reasons,
        needs_look,
    }
}

/// The urgency model's reason when it reads the message as urgent and the rules see no look-alike in it.
fn reads_urgent(text: &Text, read: Option<&(&Model, Prediction)>) -> Option<TriageReason> {
    let (model, prediction) = read?;
    let confidence = model.urgency(prediction)?;
    // The look-alikes and the words only for a message the model reads as urgent: most are not.
    if confidence < model::URGENT || urgent::only_looks_urgent(text) {
        return None;
    }
    Some(TriageReason::ReadsUrgent {
        words: model.urgent_words(text, prediction),
        confidence: (confidence * 100.0).round() / 100.0,
    })
}

/// The team chosen, why, and what the words alone read as.
struct Choice {
    queue: Queue,
    reason: TriageReason,
    needs_look: bool,
    /// The model's reading of the words alone, without topic, role or page; none when a rule chose.
    words_alone: Option<Reading>,
}

impl Choice {
    /// Whether the ticket is about the part of the site these teams look after: it went to one of them, and
    /// the message itself does not clearly read as another's. Page facts count only then.
    fn is_about(&self, queues: &[Queue]) -> bool {
        let elsewhere = self
            .words_alone
            .is_some_and(|read| read.confidence >= SURE && !queues.contains(&read.queue));
        queues.contains(&self.queue) && !elsewhere
    }
}

/// The queue the model reads, and why. What the user said (their words and topic) decides when it is clear;
/// who is asking from which page decides what it leaves open; when even that is unsure, the topic's queue is
/// kept and the ticket flagged.
fn choose_queue(ticket: &NewTicket, text: &Text, read: Option<&(&Model, Prediction)>) -> Choice {
    let context = &ticket.context;
    let topic_queue = topic_queue(&ticket.topic);
    let topic_reason = |queue| TriageReason::Topic {
        topic: ticket.topic.clone(),
        queue,
    };
    let Some((model, read)) = read else {
        let queue = topic_queue.unwrap_or(Queue::General);
        return Choice {
            queue,
            reason: topic_reason(queue),
            needs_look: topic_queue.is_none(),
            words_alone: None,
        };
    };
    let (chosen, by_page) = if read.said.confidence >= SURE {
        (read.said, false)
    } else {
        (read.all, read.all.queue != read.said.queue)
    };
    let model_words = |queue| TriageReason::ModelWords {
        queue,
        words: model.weightiest_words(text, read, queue),
        confidence: (chosen.confidence * 100.0).round() / 100.0,
    };
    let choice = |queue, reason, needs_look| Choice {
        queue,
        reason,
        needs_look,
        words_alone: Some(read.words),
    };
    if chosen.confidence < SURE {
        return match topic_queue {
            Some(queue) => choice(queue, topic_reason(queue), true),
            None => choice(chosen.queue, model_words(chosen.queue), true),
        };
    }
    let queue = chosen.queue;
    let page_reason = TriageReason::RoleAndPage {
        queue,
        role: context.role,
        surface: context.surface,
    };
    if by_page {
        return choice(queue, page_reason, false);
    }
    // The words alone point elsewhere: the topic the user picked decided.
    if read.words.queue != queue && topic_queue == Some(queue) {
        return choice(queue, topic_reason(queue), false);
    }
    match model_words(queue) {
        TriageReason::ModelWords { words, .. } if words.is_empty() => match topic_queue {
            Some(topic) if topic == queue => choice(queue, topic_reason(queue), false),
            _ => choice(queue, page_reason, false),
        },
        reason => choice(queue, reason, false),
    }
}

/// The queue one of the built-in topics stands for; a site's own topics are left to the model.
fn topic_queue(topic: &str) -> Option<Queue> {
    match topic {
        "order-not-arrived" | "refund" => Some(Queue::Orders),
        "payment-failed" => Some(Queue::Payments),
        "dispute" => Some(Queue::Disputes),
        "seller-verification" | "listing" => Some(Queue::Sellers),
        "payouts" => Some(Queue::Payouts),
        "account" => Some(Queue::General),
        _ => None,
    }
}

/// What the page says, where the message is about it: a failed payment for the payments team, a large order
/// for the teams that handle orders and their money, a blocked onboarding for the seller teams.
fn page_facts(
    ticket: &NewTicket,
    choice: &Choice,
    settings: &TriageSettings,
) -> Vec<(Priority, TriageReason)> {
    let context = &ticket.context;
    let mut raised = Vec::new();

    let payment_failed = context.payment_status.as_deref().is_some_and(|status| {
        FAILED_PAYMENT.contains(&status.trim().to_ascii_lowercase().as_str())
    });
    // The topic speaks for the payment only when the page did not say how it went.
    let says_failed = ticket.topic == "payment-failed" && context.payment_status.is_none();
    if choice.is_about(&[Queue::Payments])
        && context.surface == Some(Surface::Checkout)
        && (payment_failed || says_failed)
    {
        let payment_status = context.payment_status.clone();
        raised.push((
            Priority::High,
            TriageReason::PaymentFailed { payment_status },
        ));
    }

    if choice.is_about(&[Queue::Orders, Queue::Payments, Queue::Disputes])
        && let Some(reason) = large_order(context, settings)
    {
        raised.push((Priority::High, reason));
    }

    if context.role != Some(Role::Buyer) && choice.is_about(&[Queue::Payouts, Queue::Sellers]) {
        let blockers = context.onboarding_blockers.iter();
        for blocker in blockers.filter_map(|blocker| OnboardingBlocker::from_page(blocker)) {
            raised.push((Priority::High, TriageReason::OnboardingBlocked { blocker }));
        }
    }
    raised
}

/// The order is at or over its currency's threshold; a currency without one never counts.
fn large_order(context: &TicketContext, settings: &TriageSettings) -> Option<TriageReason> {
    let amount = context.order_amount?;
    let currency = context
        .order_currency
        .as_deref()?
        .trim()
        .to_ascii_uppercase();
    let threshold = *settings.large_order.get(&currency)?;
    (amount >= threshold).then_some(TriageReason::LargeOrder {
        amount,
        currency: Some(currency),
        threshold,
    })
}

/// The reason an open incident the desk knows of makes the ticket urgent: major or critical, on the part of the
/// site the ticket's team looks after.
fn incident(
    context: &TicketContext,
    choice: &Choice,
    open_incidents: &[Incident],
) -> Option<TriageReason> {
    let queue = choice.queue;
    let impact = open_incidents
        .iter()
        .filter(|incident| incident.is_unresolved() && !incident.is_maintenance())
        .filter(|incident| matches!(incident.impact, Impact::Major | Impact::Critical))
        .filter(|incident| match incident_queue(incident) {
            Some(affected) => choice.is_about(&[affected]),
            None => surface_queues(context.surface).contains(&queue) && choice.is_about(&[queue]),
        })
        .map(|incident| incident.impact.clone())
        .max_by_key(|impact| *impact == Impact::Critical)?;
    Some(TriageReason::Incident { impact, queue })
}

/// The team whose part of the site an incident affects, read from its name and components.
fn incident_queue(incident: &Incident) -> Option<Queue> {
    let mut names = incident.name.clone();
    for component in &incident.components {
        names.push('\n');
        names.push_str(&component.name);
    }
    let text = Text::new(&names);
    [
        (Queue::Payouts, &["payout*", "withdraw*"][..]),
        (
            Queue::Payments,
            &["payment*", "checkout", "card*", "billing"],
        ),
        (
            Queue::Orders,
            &["order*", "shipping", "deliver*", "tracking"],
        ),
        (
            Queue::Sellers,
            &[
                "onboarding",
                "verification",
                "identity",
                "listing*",
                "seller*",
            ],
        ),
    ]
    .into_iter()
    .find(|(_, phrases)| text.find_any(phrases.iter().copied()).is_some())
    .map(|(queue, _)| queue)
}

/// The teams that look after what a page does, for incidents that name no part of the site.
fn surface_queues(surface: Option<Surface>) -> &'static [Queue] {
    match surface {
        Some(Surface::Checkout) => &[Queue::Payments],
        Some(Surface::Order) => &[Queue::Orders],
        Some(Surface::Onboarding) => &[Queue::Sellers, Queue::Payouts],
        Some(Surface::Other) | None => &[],
    }
}

/// The seed model and settings the tests share.
#[cfg(test)]
pub(crate) mod testing {
    use super::TriageSettings;
    use super::model::{Example, Model, read_examples};
    use std::sync::OnceLock;

    /// The seed model the desk trains when its database has none.
    pub fn seed_model() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::train(&seed()))
    }

    pub fn seed() -> Vec<Example> {
        read_examples(include_str!("../../../../../content/triage/seed.jsonl")).unwrap()
    }

    /// Large orders from 500 EUR or 10,000 MXN.
    pub fn settings() -> TriageSettings {
        let large_order = [("EUR".to_owned(), 500.0), ("MXN".to_owned(), 10_000.0)];
        TriageSettings {
            large_order: large_order.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{seed, seed_model, settings};
    use super::*;
    use crate::feed::{Component, IncidentStatus};
    use crate::tickets::ActiveIncident;
    use model::Example;

    fn triage_with(ticket: &NewTicket, model: Option<&Model>, open: &[Incident]) -> Triage {
        let settings = settings();
        let setup = TriageSetup {
            model,
            settings: &settings,
            open_incidents: open,
        };
        super::triage(ticket, &setup)
    }

    /// Triage with the seed model and no incident.
    fn triage(ticket: &NewTicket) -> Triage {
        triage_with(ticket, Some(seed_model()), &[])
    }

    /// An open incident of the desk's own status page on `component`.
    fn known(impact: Impact, name: &str, component: &str) -> Incident {
        Incident {
            id: "inc-1".into(),
            name: name.into(),
            status: IncidentStatus::Investigating,
            impact,
            components: vec![Component {
                name: component.into(),
                ..Component::default()
            }],
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
            experiment_unit: None,
        }
    }

    #[test]
    fn without_a_model_the_topic_decides_and_no_topic_is_flagged() {
        let found = triage_with(&ticket("payouts", "Help", "Please help."), None, &[]);
        assert_eq!((found.queue, found.needs_look), (Queue::Payouts, false));
        let found = triage_with(&ticket("other", "Help", "Please help."), None, &[]);
        assert_eq!(
            (found.queue, found.priority, found.needs_look),
            (Queue::General, Priority::Normal, true)
        );
        assert_eq!(found.reasons.last(), Some(&TriageReason::Unsure));
    }

    #[test]
    fn the_model_reads_the_message_whatever_the_topic() {
        let found = triage(&ticket(
            "other",
            "",
            "my parcel never arrived and the tracking hasn't moved in a week",
        ));
        assert_eq!(found.queue, Queue::Orders);
        let TriageReason::ModelWords { words, .. } = &found.reasons[0] else {
            panic!("{:?}", found.reasons);
        };
        assert!(!words.is_empty());
        let found = triage(&ticket(
            "other",
            "",
            "no me llegó el paquete, ya pasaron dos semanas",
        ));
        assert_eq!(found.queue, Queue::Orders, "{:?}", found.reasons);
    }

    #[test]
    fn a_seller_on_onboarding_asking_for_money_means_payouts() {
        let mut t = ticket("other", "", "where is my money??");
        t.context.role = Some(Role::Seller);
        t.context.surface = Some(Surface::Onboarding);
        assert_eq!(triage(&t).queue, Queue::Payouts);
    }

    #[test]
    fn a_rule_that_knows_the_team_decides_the_queue() {
        let found = triage(&ticket(
            "account",
            "",
            "Someone changed the bank account on my seller profile!!! My next payout is tomorrow",
        ));
        assert_eq!(
            (found.queue, found.priority),
            (Queue::Payouts, Priority::Urgent),
            "{:?}",
            found.reasons
        );
    }

    #[test]
    fn unsure_means_normal_with_a_flag_never_low() {
        let found = triage_with(&ticket("", "", "hello"), None, &[]);
        assert_eq!((found.priority, found.needs_look), (Priority::Normal, true));
    }

    #[test]
    fn a_failed_payment_counts_for_the_payments_team_only() {
        let mut t = ticket("payment-failed", "Declined", "My card was declined.");
        t.context.surface = Some(Surface::Checkout);
        t.context.payment_status = Some("Failed".into());
        let found = triage_with(&t, None, &[]);
        assert_eq!(
            (found.queue, found.priority),
            (Queue::Payments, Priority::High)
        );
        assert_eq!(
            found.reasons[1],
            TriageReason::PaymentFailed {
                payment_status: Some("Failed".into())
            }
        );
        // The same page, a message about delivery: the failed payment is not what it is about.
        t.topic = "order-not-arrived".into();
        assert_eq!(triage_with(&t, None, &[]).priority, Priority::Normal);
    }

    #[test]
    fn amounts_are_compared_per_currency() {
        let mut t = ticket("order-not-arrived", "Late", "Not here yet.");
        t.context.order_amount = Some(620.0);
        t.context.order_currency = Some("MXN".into());
        assert_eq!(
            triage_with(&t, None, &[]).priority,
            Priority::Normal,
            "620 MXN is small"
        );
        t.context.order_amount = Some(12_000.0);
        let found = triage_with(&t, None, &[]);
        assert_eq!(found.priority, Priority::High);
        assert_eq!(
            found.reasons[1],
            TriageReason::LargeOrder {
                amount: 12_000.0,
                currency: Some("MXN".into()),
                threshold: 10_000.0
            }
        );
        t.context.order_amount = Some(649.0);
        t.context.order_currency = Some("eur".into());
        assert_eq!(triage_with(&t, None, &[]).priority, Priority::High);
        // A currency without a threshold, or none at all, never raises.
        t.context.order_currency = Some("JPY".into());
        t.context.order_amount = Some(9_999_999.0);
        assert_eq!(triage_with(&t, None, &[]).priority, Priority::Normal);
        t.context.order_currency = None;
        assert_eq!(triage_with(&t, None, &[]).priority, Priority::Normal);
        // Nor when the message is about something else than the order.
        t.context.order_currency = Some("EUR".into());
        t.topic = "account".into();
        assert_eq!(triage_with(&t, None, &[]).priority, Priority::Normal);
    }

    #[test]
    fn an_incident_counts_only_for_the_team_whose_part_it_affects() {
        let payments = known(Impact::Major, "Card payments failing", "Payments");
        let mut t = ticket("payment-failed", "Declined", "Card declined again.");
        t.context.surface = Some(Surface::Order);
        let found = triage_with(&t, None, std::slice::from_ref(&payments));
        assert_eq!(found.priority, Priority::Urgent);
        assert_eq!(
            found.reasons[1],
            TriageReason::Incident {
                impact: Impact::Major,
                queue: Queue::Payments
            }
        );
        // A listing question on a page with the same incident open: not about it.
        let mut photos = ticket("listing", "", "how do I add more than 10 photos?");
        photos.context.surface = Some(Surface::Checkout);
        let found = triage_with(&photos, None, std::slice::from_ref(&payments));
        assert_eq!(found.priority, Priority::Low, "{:?}", found.reasons);
        // Minor, resolved or maintenance: no change.
        let minor = known(Impact::Minor, "Card payments slow", "Payments");
        let mut over = payments.clone();
        over.status = IncidentStatus::Resolved;
        assert_eq!(
            triage_with(&t, None, &[minor, over]).priority,
            Priority::Normal
        );
        // An incident that names no part of the site counts for the page's own team.
        let site = known(Impact::Critical, "Site down", "Website");
        t.context.surface = Some(Surface::Checkout);
        assert_eq!(
            triage_with(&t, None, std::slice::from_ref(&site)).priority,
            Priority::Urgent
        );
        t.context.surface = Some(Surface::Onboarding);
        assert_eq!(triage_with(&t, None, &[site]).priority, Priority::Normal);
    }

    #[test]
    fn incidents_the_page_sends_never_raise_priority() {
        let mut t = ticket("payment-failed", "Declined", "Card declined again.");
        t.context.surface = Some(Surface::Order);
        t.context.active_incidents = vec![ActiveIncident {
            id: "inc-1".into(),
            name: "Card payments failing".into(),
            impact: "critical".into(),
        }];
        assert_eq!(triage_with(&t, None, &[]).priority, Priority::Normal);
    }

    #[test]
    fn blocked_seller_payouts_are_high_for_the_seller_teams() {
        let mut t = ticket("seller-verification", "Stuck", "What do I do next?");
        t.context.role = Some(Role::Seller);
        t.context.onboarding_blockers = vec!["document_rejected".into(), "payouts_blocked".into()];
        let found = triage_with(&t, None, &[]);
        assert_eq!(found.priority, Priority::High);
        assert_eq!(
            found.reasons[1..],
            [TriageReason::OnboardingBlocked {
                blocker: OnboardingBlocker::PayoutsBlocked
            }]
        );
        t.context.role = Some(Role::Buyer);
        assert_eq!(triage_with(&t, None, &[]).priority, Priority::Normal);
    }

    #[test]
    fn a_general_question_with_nothing_at_stake_is_low() {
        let found = triage(&ticket(
            "other",
            "",
            "how do i change the language of the site?",
        ));
        assert_eq!(
            (found.queue, found.priority),
            (Queue::General, Priority::Low),
            "{:?}",
            found.reasons
        );
    }

    /// An agent's correction: it counts three times a seed example.
    fn correction() -> Example {
        Example {
            text: String::new(),
            topic: None,
            role: None,
            surface: None,
            queue: Queue::General,
            urgent: false,
            weight: 3.0,
        }
    }

    /// The seed model retrained after an agent corrected one ticket per text, each as `corrected`.
    fn trained_with(corrected: &Example, texts: &[&str]) -> Model {
        let mut examples = seed();
        examples.extend(texts.iter().map(|text| Example {
            text: format!("\n{text}"),
            ..corrected.clone()
        }));
        Model::train(&examples)
    }

    #[test]
    fn corrections_change_a_later_decision() {
        let message = "the seller keeps asking me to pay outside the site by bank transfer";
        let before = triage(&ticket("other", "", message));
        let corrected_to = if before.queue == Queue::Disputes {
            Queue::Payments
        } else {
            Queue::Disputes
        };
        let corrected = Example {
            topic: Some("other".into()),
            queue: corrected_to,
            ..correction()
        };
        let corrected = trained_with(
            &corrected,
            &[
                message,
                "seller asks me to pay him outside the platform with a bank transfer",
                "the seller wants me to pay by transfer outside the site, is that ok",
            ],
        );
        let after = triage_with(&ticket("other", "", message), Some(&corrected), &[]);
        assert_eq!(after.queue, corrected_to, "{:?}", after.reasons);
    }

    #[test]
    fn corrections_to_urgent_teach_the_urgency_model() {
        // No rule knows a storefront emptied by fake sales; agents made three of them urgent.
        let message = "my whole stock sold out overnight to accounts created yesterday, all shipping to the same locker";
        let before = triage(&ticket("listing", "", message));
        assert_ne!(before.priority, Priority::Urgent, "{:?}", before.reasons);
        let corrected = Example {
            topic: Some("listing".into()),
            role: Some(Role::Seller),
            queue: Queue::Sellers,
            urgent: true,
            ..correction()
        };
        let corrected = trained_with(
            &corrected,
            &[
                message,
                "every item in my shop was bought overnight by brand new accounts, all to one parcel locker",
                "new accounts bought all my stock last night and every order ships to the same locker",
            ],
        );
        let after = triage_with(&ticket("listing", "", message), Some(&corrected), &[]);
        assert_eq!(after.priority, Priority::Urgent, "{:?}", after.reasons);
        let read = after.reasons.iter().find_map(|reason| match reason {
            TriageReason::ReadsUrgent { words, .. } => Some(words),
            _ => None,
        });
        assert!(
            read.is_some_and(|words| !words.is_empty()),
            "{:?}",
            after.reasons
        );

        // The rules' look-alikes keep the model quiet: a seller's own fire sale selling out is good news.
        let sale = "my whole stock sold out overnight in my fire sale, to accounts created yesterday, all shipping \
                    to the same locker";
        let found = triage_with(&ticket("listing", "", sale), Some(&corrected), &[]);
        assert_ne!(found.priority, Priority::Urgent, "{:?}", found.reasons);
    }
}
