//! The rules that read the message itself for what cannot wait, in every language the widget speaks.
//!
//! Each rule is data: a list of [`Clause`]s, one or more per language, written as `|`-separated folded phrases
//! (see [`Text::find`]). A clause is one list of phrases ([`any`]), or one phrase from each of two or three
//! lists ([`both`]; [`near`] when they must stand within a few words of each other, so that "charged" and
//! "twice" in different sentences say nothing). A single word rarely means urgent by itself: "change my email"
//! is a question, "someone changed my email" is an attack, so most clauses pair what happened with who did it
//! or what it happened to. A rule quotes the user's words that made it fire, at most three.
//!
//! Judgement calls, each tested: a threat to leave a bad review or to cancel the order is not a threat to the
//! user; "not me" said of a charge denies the charge (payments), not the account (a takeover); a declined card is
//! a failed payment (triage raises it elsewhere), locked out takes "can't", "won't let me", a repeated failure,
//! several cards or a broken pay button (not one greyed out below the minimum); a deadline is legal only with a
//! court or lawyer in the message ("prazo de entrega" is a delivery date), a dated hearing only with a court; a
//! chargeback only with its evidence or deadline and the day (a buyer threatening one "by tomorrow" is High); a
//! pending line beside the posted one is the card's hold, not a second charge; a change of login the user says
//! they made is not an attack.

use super::text::{Text, phrases};
use crate::tickets::{Queue, TriageReason};

mod harm;
mod locked;
mod phrases;
#[cfg(test)]
mod phrasing_tests;
#[cfg(test)]
mod tests;

use harm::{FIGURES_OF_FIRE, LEVERS};
use phrases::{
    ALARMS, CHANGED_BY_THEMSELVES, CLOSED_BY_USER, INSTALMENTS, NOT_A_SECOND_CHARGE, PAYOUT_HOLD,
    URGENT,
};

/// What a rule found in the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Why, with the user's words.
    pub reason: TriageReason,
    /// The team the finding itself points to, when it does (a changed payout bank account: payouts).
    pub queue: Option<Queue>,
}

/// The urgent findings: each makes the ticket [`Priority::Urgent`](crate::tickets::Priority::Urgent).
///
/// A changed payout account is usually reached through a taken-over account, and it is where the money goes
/// now: it alone is reported then, so the ticket goes to the payouts team rather than the general one. A user
/// who closes the request themselves ("it was my husband after all, you can close this") is not urgent.
pub fn urgent(text: &Text) -> Vec<Finding> {
    if occurs(text, CLOSED_BY_USER) {
        return Vec::new();
    }
    let mut found: Vec<Finding> = URGENT
        .iter()
        .filter_map(|rule| {
            let reason = (rule.reason)(rule.fire(text)?);
            let queue = (rule.queue)(text);
            Some(Finding { reason, queue })
        })
        .collect();
    let payout_changed =
        |finding: &Finding| matches!(finding.reason, TriageReason::PayoutDetailsChanged { .. });
    if found.iter().any(payout_changed) {
        found.retain(|finding| !matches!(finding.reason, TriageReason::AccountTakeover { .. }));
    }
    found
}

/// Whether the message only looks urgent, as the rules read it: a rule would fire but for its look-alike phrases
/// (a threat of a bad review, a fire sale), or the message says what makes such things harmless wherever it says
/// it: the user changed their login themselves, the second charge is the card's pending hold or an instalment,
/// the threat is to cancel or to sue, the user closes the request. The rules are the urgency model's guard-rails:
/// it does not raise these.
pub fn only_looks_urgent(text: &Text) -> bool {
    let vetoed = URGENT
        .iter()
        .flat_map(|rule| rule.clauses)
        .any(|clause| clause.vetoed(text));
    let harmless = [
        CLOSED_BY_USER,
        CHANGED_BY_THEMSELVES,
        NOT_A_SECOND_CHARGE,
        INSTALMENTS,
        FIGURES_OF_FIRE,
        LEVERS,
    ];
    vetoed || harmless.iter().any(|phrases| occurs(text, phrases))
}

/// Chargeback, legal and fraud words: each makes the ticket [`Priority::High`](crate::tickets::Priority::High).
pub fn alarms(text: &Text) -> Vec<TriageReason> {
    ALARMS
        .iter()
        .filter_map(|rule| Some((rule.reason)(rule.fire(text)?)))
        .collect()
}

/// Words saying payouts are held up ([`TriageReason::PayoutDelayed`]); triage counts it for the payouts queue.
/// The words alone ("blocked") would say nothing of payouts, which is why triage checks the queue too.
pub fn payout_hold(text: &Text) -> Option<TriageReason> {
    PAYOUT_HOLD.fire(text).map(PAYOUT_HOLD.reason)
}

/// A rule: it fires when any of its clauses matches.
struct Rule {
    reason: fn(Vec<String>) -> TriageReason,
    /// The team the finding points to (unused for alarms). Threats and unsafe products are trust and safety
    /// cases between a buyer and a seller: disputes. Courts: none, they are for whoever owns the topic.
    queue: fn(&Text) -> Option<Queue>,
    clauses: &'static [Clause],
}

impl Rule {
    /// The user's words for every clause that matched, at most three, or none when no clause did.
    fn fire(&self, text: &Text) -> Option<Vec<String>> {
        let mut words: Vec<String> = Vec::new();
        for found in self
            .clauses
            .iter()
            .filter_map(|clause| clause.matches(text))
        {
            for word in found {
                if !words.contains(&word) {
                    words.push(word);
                }
            }
        }
        words.truncate(3);
        (!words.is_empty()).then_some(words)
    }
}

/// One way a rule matches: a phrase of each non-empty part, the later ones within `within` words of the
/// first (0: anywhere), and none of any `unless` list. Parts are `|`-separated phrases.
#[derive(Clone, Copy)]
struct Clause {
    parts: [&'static str; 3],
    within: usize,
    unless: [&'static str; 3],
}

/// Any of `phrases`.
#[rustfmt::skip]
const fn any(phrases: &'static str) -> Clause {
    Clause { parts: [phrases, "", ""], within: 0, unless: ["", "", ""] }
}

/// One of `first` and one of `second`, anywhere in the message.
#[rustfmt::skip]
const fn both(first: &'static str, second: &'static str) -> Clause {
    Clause { parts: [first, second, ""], within: 0, unless: ["", "", ""] }
}

/// One of `first` and one of `second` at most `within` words apart. Japanese and Arabic phrases have no word
/// positions: for them this is [`both`].
#[rustfmt::skip]
const fn near(first: &'static str, second: &'static str, within: usize) -> Clause {
    Clause { parts: [first, second, ""], within, unless: ["", "", ""] }
}

/// As [`near`], with a third part near the first too (German puts "nicht" between "kann" and "bezahlen").
#[rustfmt::skip]
const fn near3(first: &'static str, second: &'static str, third: &'static str, within: usize) -> Clause {
    Clause { parts: [first, second, third], within, unless: ["", "", ""] }
}

impl Clause {
    /// The clause, except when one of `phrases` occurs; later calls add more lists (shared ones and the
    /// clause's own), up to three: a fourth is a compile error.
    const fn unless(self, phrases: &'static str) -> Clause {
        let [first, second, third] = self.unless;
        let unless = if first.is_empty() {
            [phrases, "", ""]
        } else if second.is_empty() {
            [first, phrases, ""]
        } else if third.is_empty() {
            [first, second, phrases]
        } else {
            panic!("a clause takes at most three unless lists")
        };
        Clause { unless, ..self }
    }

    /// The words of each part (of every phrase, for a single list), or none when the clause does not match.
    fn matches(&self, text: &Text) -> Option<Vec<String>> {
        // Most clauses are not found at all: the `unless` lists are only read for those that are.
        self.found(text).filter(|_| !self.excluded(text))
    }

    /// Whether the clause would match but for its `unless` phrases: the message is one of its look-alikes.
    fn vetoed(&self, text: &Text) -> bool {
        self.found(text).is_some() && self.excluded(text)
    }

    fn excluded(&self, text: &Text) -> bool {
        self.unless.iter().any(|phrases| occurs(text, phrases))
    }

    /// The words of each part, ignoring the `unless` phrases.
    fn found(&self, text: &Text) -> Option<Vec<String>> {
        let mut parts = self.parts.iter().filter(|part| !part.is_empty());
        let first = occurrences(text, parts.next()?);
        if first.is_empty() {
            return None;
        }
        let rest: Vec<Vec<(Option<usize>, String)>> =
            parts.map(|part| occurrences(text, part)).collect();
        if rest.is_empty() {
            // One list: every phrase of it that occurs is the user's word.
            return Some(first.into_iter().map(|(_, word)| word).collect());
        }
        first.into_iter().find_map(|(at, word)| {
            let mut words = vec![word];
            for occurrences in &rest {
                let (_, other) = occurrences
                    .iter()
                    .find(|(other, _)| self.close(at, *other))?;
                words.push(other.clone());
            }
            Some(words)
        })
    }

    fn close(&self, at: Option<usize>, other: Option<usize>) -> bool {
        match (at, other) {
            (Some(at), Some(other)) if self.within > 0 => at.abs_diff(other) <= self.within,
            _ => true,
        }
    }
}

/// Every occurrence of each of the `|`-separated `list` (see [`Text::occurrences`]).
fn occurrences(text: &Text, list: &str) -> Vec<(Option<usize>, String)> {
    phrases(list)
        .flat_map(|phrase| text.occurrences(phrase))
        .collect()
}

/// Whether one of the `|`-separated `list` is in the message (never, for an empty list).
fn occurs(text: &Text, list: &str) -> bool {
    text.find_any(phrases(list)).is_some()
}
