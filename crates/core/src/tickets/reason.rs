//! Why triage chose a ticket's queue and priority, as typed codes with the facts they read.
//!
//! The desk sends these and the widget words them in the user's language with an exhaustive `match`, so a new
//! rule is a new variant here, never a new English sentence on the wire. On the wire each is an object with a
//! `code` and its facts, e.g. `{"code":"chargeback","words":["chargeback"]}`. `words` are the user's own words
//! that made a rule fire, quoted from their message as they wrote them (lowercased).

use super::Queue;
use crate::context::Role;
use crate::embed::Surface;
use crate::feed::Impact;
use serde::{Deserialize, Deserializer, Serialize};

/// One reason for a triage decision: the queue's reason comes first, then the priority's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TriageReason {
    // ----- why this queue -----
    /// The topic the user picked belongs to this queue.
    Topic {
        /// The topic id, e.g. `payment-failed`.
        topic: String,
        /// Its queue.
        queue: Queue,
    },
    /// Phrases of the message point to this queue, more than the topic does.
    MessageWords {
        /// The queue they point to.
        queue: Queue,
        /// The phrases found, the weightiest first (at most three).
        words: Vec<String>,
    },
    /// A learned model read the message as this queue's; `words` weighed most.
    ModelWords {
        /// The queue the model chose.
        queue: Queue,
        /// The words that weighed most for it, most first.
        words: Vec<String>,
        /// The model's probability for it, 0 to 1.
        confidence: f32,
    },
    /// The message says little; who is asking and from which page decided (a seller on onboarding asking
    /// about money is most likely asking about payouts).
    RoleAndPage {
        /// The queue chosen.
        queue: Queue,
        /// Buyer or seller, when the page said.
        role: Option<Role>,
        /// The page the widget was on.
        surface: Option<Surface>,
    },

    // ----- what made it urgent: the user's own words -----
    /// Someone else got into the account: "not me", a changed email, password or phone.
    AccountTakeover {
        /// What the user said.
        words: Vec<String>,
    },
    /// Someone changed where the seller's payouts go.
    PayoutDetailsChanged {
        /// What the user said.
        words: Vec<String>,
    },
    /// Charged twice or more for one thing.
    RepeatedCharge {
        /// What the user said.
        words: Vec<String>,
    },
    /// A charge the user did not make.
    UnauthorisedCharge {
        /// What the user said.
        words: Vec<String>,
    },
    /// Threats or harassment.
    Threat {
        /// What the user said.
        words: Vec<String>,
    },
    /// A product that burned, smoked, shocked or hurt someone.
    ProductSafety {
        /// What the user said.
        words: Vec<String>,
    },
    /// The user cannot get into checkout or payouts at all.
    LockedOut {
        /// What the user said.
        words: Vec<String>,
    },
    /// A court date or a legal deadline.
    LegalDeadline {
        /// What the user said.
        words: Vec<String>,
    },
    /// No rule fired, but the message reads like the urgent cases the model learned from (the seed examples and
    /// agents' corrections to urgent).
    ReadsUrgent {
        /// The user's words that weighed most, most first.
        words: Vec<String>,
        /// The urgency model's probability, 0 to 1.
        confidence: f32,
    },

    // ----- what raised the priority -----
    /// The payment failed at checkout.
    PaymentFailed {
        /// The payment status the page sent (`failed`, `declined`, …), or none when only the topic said so.
        payment_status: Option<String>,
    },
    /// A major or critical incident is open on the part of the site the ticket is about.
    Incident {
        /// Its impact (`major` or `critical`).
        impact: Impact,
        /// The team whose area it affects.
        queue: Queue,
    },
    /// The order is large.
    LargeOrder {
        /// The order's amount.
        amount: f64,
        /// Its ISO 4217 currency, when the page sent one.
        currency: Option<String>,
        /// The amount from which an order counts as large.
        threshold: f64,
    },
    /// The seller's onboarding is blocked on payouts.
    OnboardingBlocked {
        /// What blocks it.
        blocker: OnboardingBlocker,
    },
    /// The message says the seller's payouts are held up.
    PayoutDelayed {
        /// What the user said.
        words: Vec<String>,
    },
    /// A chargeback, filed or threatened.
    Chargeback {
        /// What the user said.
        words: Vec<String>,
    },
    /// Lawyers, courts, the police or a regulator.
    LegalThreat {
        /// What the user said.
        words: Vec<String>,
    },
    /// The user says they were scammed or defrauded.
    FraudClaim {
        /// What the user said.
        words: Vec<String>,
    },

    // ----- when nothing raised it -----
    /// A general question ("something else") with nothing at stake: low priority.
    NothingAtStake,
    /// Nothing raised the priority: normal.
    NothingUrgent,
    /// Triage is not sure which team this is for: normal priority, and an agent checks the queue.
    Unsure,

    /// A reason an earlier version of the desk stored in words; read back as it was written.
    Recorded {
        /// The stored sentence.
        text: String,
    },
    /// A code this reader does not know (a newer desk): the reader skips it.
    #[serde(other)]
    Unknown,
}

impl TriageReason {
    /// The user's words, for the reasons that make a ticket urgent from the message itself; `None` for every
    /// other reason.
    pub fn urgent_words(&self) -> Option<&[String]> {
        match self {
            TriageReason::AccountTakeover { words }
            | TriageReason::PayoutDetailsChanged { words }
            | TriageReason::RepeatedCharge { words }
            | TriageReason::UnauthorisedCharge { words }
            | TriageReason::Threat { words }
            | TriageReason::ProductSafety { words }
            | TriageReason::LockedOut { words }
            | TriageReason::LegalDeadline { words }
            | TriageReason::ReadsUrgent { words, .. } => Some(words),
            _ => None,
        }
    }
}

/// A blocker in seller onboarding that makes a ticket pressing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnboardingBlocker {
    /// Payouts are blocked.
    PayoutsBlocked,
    /// The payout account was refused.
    PayoutAccountFailed,
}

impl OnboardingBlocker {
    /// The blocker a page names (`payouts_blocked`), if it is one triage reads.
    pub fn from_page(text: &str) -> Option<OnboardingBlocker> {
        match text {
            "payouts_blocked" => Some(OnboardingBlocker::PayoutsBlocked),
            "payout_account_failed" => Some(OnboardingBlocker::PayoutAccountFailed),
            _ => None,
        }
    }
}

/// Reads a list of reasons as codes, or as the sentences earlier versions sent and stored (each becomes
/// [`TriageReason::Recorded`]): tickets in the database and requests kept in browsers predate the codes.
pub fn read_reasons<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<TriageReason>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Code(TriageReason),
        Words(String),
    }
    let read = |reason| match reason {
        Stored::Code(reason) => reason,
        Stored::Words(text) => TriageReason::Recorded { text },
    };
    Ok(Vec::<Stored>::deserialize(deserializer)?
        .into_iter()
        .map(read)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reasons_travel_as_codes_with_their_facts() {
        let reasons = vec![
            TriageReason::MessageWords {
                queue: Queue::Payouts,
                words: vec!["payout".into()],
            },
            TriageReason::LargeOrder {
                amount: 620.0,
                currency: Some("MXN".into()),
                threshold: 500.0,
            },
            TriageReason::OnboardingBlocked {
                blocker: OnboardingBlocker::PayoutsBlocked,
            },
            TriageReason::Incident {
                impact: Impact::Critical,
                queue: Queue::Payments,
            },
            TriageReason::NothingUrgent,
        ];
        let wire = serde_json::to_value(&reasons).unwrap();
        assert_eq!(
            wire,
            json!([
                {"code": "message_words", "queue": "payouts", "words": ["payout"]},
                {"code": "large_order", "amount": 620.0, "currency": "MXN", "threshold": 500.0},
                {"code": "onboarding_blocked", "blocker": "payouts_blocked"},
                {"code": "incident", "impact": "critical", "queue": "payments"},
                {"code": "nothing_urgent"},
            ])
        );
        let back: Vec<TriageReason> = serde_json::from_value(wire).unwrap();
        assert_eq!(back, reasons);
    }

    #[test]
    fn sentences_of_earlier_versions_read_as_recorded() {
        let text = r#"["Payouts team, from the topic “Payouts”", {"code": "nothing_urgent"}]"#;
        let read = read_reasons(&mut serde_json::Deserializer::from_str(text)).unwrap();
        let recorded = TriageReason::Recorded {
            text: "Payouts team, from the topic “Payouts”".into(),
        };
        assert_eq!(read, [recorded, TriageReason::NothingUrgent]);
    }

    #[test]
    fn a_newer_desks_code_reads_as_unknown() {
        let reason: TriageReason =
            serde_json::from_value(json!({"code": "moon_phase", "phase": "full"})).unwrap();
        assert_eq!(reason, TriageReason::Unknown);
    }
}
