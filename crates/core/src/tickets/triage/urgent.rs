//! The rules that read the message itself for what cannot wait, in every language the widget speaks.

use super::text::Text;
use crate::tickets::{Queue, TriageReason};

/// What a rule found in the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Why, with the user's words.
    pub reason: TriageReason,
    /// The team the finding itself points to, when it does (a changed payout bank account: payouts).
    pub queue: Option<Queue>,
}

/// The urgent findings: each makes the ticket [`Priority::Urgent`](crate::tickets::Priority::Urgent).
pub fn urgent(_text: &Text) -> Vec<Finding> {
    Vec::new()
}

/// Chargeback, legal and fraud words: each makes the ticket [`Priority::High`](crate::tickets::Priority::High).
pub fn alarms(_text: &Text) -> Vec<TriageReason> {
    Vec::new()
}

/// Words saying payouts are held up ([`TriageReason::PayoutDelayed`]); triage counts it for the payouts queue.
pub fn payout_hold(_text: &Text) -> Option<TriageReason> {
    None
}
