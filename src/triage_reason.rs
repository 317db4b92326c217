//! Why the desk sent a request to its team at its priority, in the user's language: the desk sends
//! [`TriageReason`] codes with their facts, and this words each one (an exhaustive `match`, so a new code does
//! not compile until it has words in every language).

use crate::i18n::{Locale, Msg, queue_name, topic_label};
use signpost_core::context::Role;
use signpost_core::feed::Impact;
use signpost_core::rules::Formatter;
use signpost_core::tickets::{OnboardingBlocker, Queue, TriageReason};

/// The reason as the user reads it; `None` for a code this widget does not know (a newer desk).
pub fn triage_reason(ui: Locale, format: &impl Formatter, reason: &TriageReason) -> Option<String> {
    let queue = |queue: Queue| ui.text(queue_name(queue));
    let words = |words: &[String]| quoted(ui, words);
    let text = match reason {
        TriageReason::Topic { topic, queue: q } => ui.format(
            Msg::TriageTopic,
            &[("queue", queue(*q)), ("topic", &topic_label(ui, topic))],
        ),
        TriageReason::MessageWords { queue: q, words: w } => ui.format(
            Msg::TriageMessageWords,
            &[("queue", queue(*q)), ("words", &words(w))],
        ),
        TriageReason::ModelWords {
            queue: q, words: w, ..
        } => ui.format(
            Msg::TriageModelWords,
            &[("queue", queue(*q)), ("words", &words(w))],
        ),
        // Who is asking and from which page: the page itself goes unnamed (the user is on it).
        TriageReason::RoleAndPage {
            queue: q,
            role,
            surface,
        } => {
            let msg = match (role, surface.is_some()) {
                (Some(Role::Seller), true) => Msg::TriageAskedSellerPage,
                (Some(Role::Buyer), true) => Msg::TriageAskedBuyerPage,
                (None, true) => Msg::TriageAskedPage,
                (Some(Role::Seller), false) => Msg::TriageAskedSeller,
                (Some(Role::Buyer), false) => Msg::TriageAskedBuyer,
                (None, false) => Msg::TriageAsked,
            };
            ui.format(msg, &[("queue", queue(*q))])
        }
        TriageReason::AccountTakeover { words: w } => {
            ui.format(Msg::TriageAccountTakeover, &[("words", &words(w))])
        }
        TriageReason::PayoutDetailsChanged { words: w } => {
            ui.format(Msg::TriagePayoutDetailsChanged, &[("words", &words(w))])
        }
        TriageReason::RepeatedCharge { words: w } => {
            ui.format(Msg::TriageRepeatedCharge, &[("words", &words(w))])
        }
        TriageReason::UnauthorisedCharge { words: w } => {
            ui.format(Msg::TriageUnauthorisedCharge, &[("words", &words(w))])
        }
        TriageReason::Threat { words: w } => ui.format(Msg::TriageThreat, &[("words", &words(w))]),
        TriageReason::ProductSafety { words: w } => {
            ui.format(Msg::TriageProductSafety, &[("words", &words(w))])
        }
        TriageReason::LockedOut { words: w } => {
            ui.format(Msg::TriageLockedOut, &[("words", &words(w))])
        }
        TriageReason::LegalDeadline { words: w } => {
            ui.format(Msg::TriageLegalDeadline, &[("words", &words(w))])
        }
        TriageReason::ReadsUrgent { words: w, .. } => {
            ui.format(Msg::TriageReadsUrgent, &[("words", &words(w))])
        }
        TriageReason::PaymentFailed { .. } => ui.text(Msg::TriagePaymentFailed).to_owned(),
        TriageReason::Incident { impact, queue } => {
            let msg = match impact {
                Impact::Critical => Msg::TriageIncidentCritical,
                _ => Msg::TriageIncidentMajor,
            };
            let area = match queue {
                Queue::Payments => Msg::TriageAreaPayments,
                Queue::Payouts => Msg::TriageAreaPayouts,
                Queue::Sellers => Msg::TriageAreaSellers,
                Queue::Orders | Queue::Disputes | Queue::General => Msg::TriageAreaOther,
            };
            ui.format(msg, &[("area", ui.text(area))])
        }
        TriageReason::LargeOrder {
            amount,
            currency,
            threshold,
        } => {
            let money = |value: f64| match currency {
                Some(currency) => format.amount(value, currency),
                None => format.number(value),
            };
            ui.format(
                Msg::TriageLargeOrder,
                &[
                    ("amount", &money(*amount)),
                    ("threshold", &money(*threshold)),
                ],
            )
        }
        TriageReason::OnboardingBlocked { blocker } => ui
            .text(match blocker {
                OnboardingBlocker::PayoutsBlocked => Msg::TriagePayoutsBlocked,
                OnboardingBlocker::PayoutAccountFailed => Msg::TriagePayoutAccountFailed,
            })
            .to_owned(),
        TriageReason::PayoutDelayed { words: w } => {
            ui.format(Msg::TriagePayoutDelayed, &[("words", &words(w))])
        }
        TriageReason::Chargeback { words: w } => {
            ui.format(Msg::TriageChargeback, &[("words", &words(w))])
        }
        TriageReason::LegalThreat { words: w } => {
            ui.format(Msg::TriageLegalThreat, &[("words", &words(w))])
        }
        TriageReason::FraudClaim { words: w } => {
            ui.format(Msg::TriageFraudClaim, &[("words", &words(w))])
        }
        TriageReason::NothingAtStake => ui.text(Msg::TriageNothingAtStake).to_owned(),
        TriageReason::NothingUrgent => ui.text(Msg::TriageNothingUrgent).to_owned(),
        TriageReason::Unsure => ui.text(Msg::TriageUnsure).to_owned(),
        // Stored in words by an earlier desk, before reasons were codes: all there is.
        TriageReason::Recorded { text } => text.clone(),
        TriageReason::Unknown => return None,
    };
    Some(text)
}

/// The user's own words, each in the language's quotation marks, as a list.
fn quoted(ui: Locale, words: &[String]) -> String {
    let quoted: Vec<String> = words
        .iter()
        .map(|word| ui.format(Msg::Quoted, &[("text", word)]))
        .collect();
    quoted.join(", ")
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::intl::IntlFormatter;
    use signpost_core::embed::Surface;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// One of each reason. The `match` makes a new code fail to compile until it is listed here too.
    fn every_reason() -> Vec<TriageReason> {
        let words = || vec!["on hold".to_owned()];
        let every = vec![
            TriageReason::Topic {
                topic: "payouts".into(),
                queue: Queue::Payouts,
            },
            TriageReason::MessageWords {
                queue: Queue::Payments,
                words: vec!["charged twice".into(), "card".into()],
            },
            TriageReason::ModelWords {
                queue: Queue::Orders,
                words: words(),
                confidence: 0.8,
            },
            TriageReason::RoleAndPage {
                queue: Queue::Payouts,
                role: Some(Role::Seller),
                surface: Some(Surface::Onboarding),
            },
            TriageReason::RoleAndPage {
                queue: Queue::Orders,
                role: Some(Role::Buyer),
                surface: Some(Surface::Order),
            },
            TriageReason::RoleAndPage {
                queue: Queue::Payments,
                role: None,
                surface: Some(Surface::Checkout),
            },
            TriageReason::RoleAndPage {
                queue: Queue::Sellers,
                role: Some(Role::Seller),
                surface: None,
            },
            TriageReason::RoleAndPage {
                queue: Queue::Disputes,
                role: Some(Role::Buyer),
                surface: None,
            },
            TriageReason::RoleAndPage {
                queue: Queue::General,
                role: None,
                surface: None,
            },
            TriageReason::AccountTakeover { words: words() },
            TriageReason::PayoutDetailsChanged { words: words() },
            TriageReason::RepeatedCharge { words: words() },
            TriageReason::UnauthorisedCharge { words: words() },
            TriageReason::Threat { words: words() },
            TriageReason::ProductSafety { words: words() },
            TriageReason::LockedOut { words: words() },
            TriageReason::LegalDeadline { words: words() },
            TriageReason::ReadsUrgent {
                words: words(),
                confidence: 0.9,
            },
            TriageReason::PaymentFailed {
                payment_status: Some("declined".into()),
            },
            TriageReason::Incident {
                impact: Impact::Major,
                queue: Queue::Payouts,
            },
            TriageReason::Incident {
                impact: Impact::Critical,
                queue: Queue::Orders,
            },
            TriageReason::LargeOrder {
                amount: 1234.5,
                currency: Some("EUR".into()),
                threshold: 500.0,
            },
            TriageReason::OnboardingBlocked {
                blocker: OnboardingBlocker::PayoutsBlocked,
            },
            TriageReason::OnboardingBlocked {
                blocker: OnboardingBlocker::PayoutAccountFailed,
            },
            TriageReason::PayoutDelayed { words: words() },
            TriageReason::Chargeback { words: words() },
            TriageReason::LegalThreat { words: words() },
            TriageReason::FraudClaim { words: words() },
            TriageReason::NothingAtStake,
            TriageReason::NothingUrgent,
            TriageReason::Unsure,
        ];
        for reason in &every {
            match reason {
                TriageReason::Topic { .. }
                | TriageReason::MessageWords { .. }
                | TriageReason::ModelWords { .. }
                | TriageReason::RoleAndPage { .. }
                | TriageReason::AccountTakeover { .. }
                | TriageReason::PayoutDetailsChanged { .. }
                | TriageReason::RepeatedCharge { .. }
                | TriageReason::UnauthorisedCharge { .. }
                | TriageReason::Threat { .. }
                | TriageReason::ProductSafety { .. }
                | TriageReason::LockedOut { .. }
                | TriageReason::LegalDeadline { .. }
                | TriageReason::ReadsUrgent { .. }
                | TriageReason::PaymentFailed { .. }
                | TriageReason::Incident { .. }
                | TriageReason::LargeOrder { .. }
                | TriageReason::OnboardingBlocked { .. }
                | TriageReason::PayoutDelayed { .. }
                | TriageReason::Chargeback { .. }
                | TriageReason::LegalThreat { .. }
                | TriageReason::FraudClaim { .. }
                | TriageReason::NothingAtStake
                | TriageReason::NothingUrgent
                | TriageReason::Unsure
                | TriageReason::Recorded { .. }
                | TriageReason::Unknown => {}
            }
        }
        every
    }

    #[wasm_bindgen_test]
    fn every_reason_reads_in_every_language() {
        let english = Locale::default();
        for ui in Locale::all() {
            let format = IntlFormatter::new(ui, ui.tag());
            for reason in every_reason() {
                let text = triage_reason(ui, &format, &reason).unwrap();
                assert!(
                    !text.contains('{'),
                    "{}: {reason:?} left a placeholder: {text}",
                    ui.tag()
                );
                if ui != english {
                    let en = triage_reason(english, &IntlFormatter::new(english, "en"), &reason)
                        .unwrap();
                    assert_ne!(text, en, "{}: {reason:?} is the English", ui.tag());
                }
            }
        }
    }

    #[wasm_bindgen_test]
    fn facts_are_written_as_the_language_writes_them() {
        let large = TriageReason::LargeOrder {
            amount: 1234.5,
            currency: Some("EUR".into()),
            threshold: 500.0,
        };
        let de = Locale::find("de").unwrap();
        let text = triage_reason(de, &IntlFormatter::new(de, "de"), &large).unwrap();
        assert!(text.contains("1.234,50"), "{text}");
        let ja = Locale::find("ja").unwrap();
        let chargeback = TriageReason::Chargeback {
            words: vec!["chargeback".into()],
        };
        let text = triage_reason(ja, &IntlFormatter::new(ja, "ja"), &chargeback).unwrap();
        assert!(text.contains("「chargeback」"), "{text}");
        let takeover = TriageReason::AccountTakeover {
            words: vec!["not me".into(), "password changed".into()],
        };
        let text = triage_reason(ja, &IntlFormatter::new(ja, "ja"), &takeover).unwrap();
        assert!(text.contains("「not me」, 「password changed」"), "{text}");
    }

    #[wasm_bindgen_test]
    fn who_asks_from_where_reads_differently_for_each() {
        let asked = |role, surface| TriageReason::RoleAndPage {
            queue: Queue::Payouts,
            role,
            surface,
        };
        let cases = [
            asked(Some(Role::Seller), Some(Surface::Onboarding)),
            asked(Some(Role::Buyer), Some(Surface::Checkout)),
            asked(None, Some(Surface::Other)),
            asked(Some(Role::Seller), None),
            asked(Some(Role::Buyer), None),
            asked(None, None),
        ];
        for ui in Locale::all() {
            let format = IntlFormatter::new(ui, ui.tag());
            let texts: Vec<String> = cases
                .iter()
                .map(|reason| triage_reason(ui, &format, reason).unwrap())
                .collect();
            for (i, text) in texts.iter().enumerate() {
                // (Isolated in a right-to-left language.)
                let text_start = text.trim_start_matches('\u{2068}');
                assert!(text_start.starts_with(ui.text(Msg::QueuePayouts)), "{text}");
                assert!(
                    !text.contains("onboarding"),
                    "{}: a raw id: {text}",
                    ui.tag()
                );
                assert!(!texts[..i].contains(text), "{}: {text} twice", ui.tag());
            }
        }
        let en = Locale::default();
        let text = triage_reason(en, &IntlFormatter::new(en, "en"), &cases[0]).unwrap();
        assert_eq!(
            text,
            "Payouts team: most questions like yours from sellers on this page are theirs"
        );
    }

    #[wasm_bindgen_test]
    fn earlier_sentences_are_shown_and_unknown_codes_skipped() {
        let ui = Locale::default();
        let format = IntlFormatter::new(ui, "en");
        let recorded = TriageReason::Recorded {
            text: "Payouts team, from the topic “Payouts”".into(),
        };
        assert_eq!(
            triage_reason(ui, &format, &recorded).as_deref(),
            Some("Payouts team, from the topic “Payouts”")
        );
        assert_eq!(triage_reason(ui, &format, &TriageReason::Unknown), None);
    }
}
