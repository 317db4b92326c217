//! "Why it was routed here" and "Why am I seeing this?" in the agent's language: each [`TriageReason`] the desk
//! sends as a sentence (an exhaustive `match`, so a new code does not compile until it has words, as in the
//! widget's `triage_reason.rs`), and the labels of the facts behind a suggestion.
//!
//! The sentences follow the widget's, told about the customer rather than to them, with a little more detail
//! (the model's confidence, the page, the payment status). Figures are written through [`Figures`]: the
//! browser's `Intl` in the console, plainly in the native tests.

use super::super::inbox::{queue_label, surface_label};
use crate::i18n::{K, Lang};
use crate::intl;
use signpost_core::context::Role;
use signpost_core::feed::Impact;
use signpost_core::tickets::{OnboardingBlocker, TriageReason};

/// How the figures a reason cites are written.
pub trait Figures {
    /// A share from 0 to 1 as a whole percentage, e.g. 0.93 → "93%".
    fn percent(&self, share: f32) -> String;
    /// An amount, in its currency when there is one, e.g. "€1,234.50".
    fn money(&self, amount: f64, currency: Option<&str>) -> String;
}

/// Figures as the browser's `Intl` writes them in `Lang`.
#[derive(Clone, Copy, Debug)]
pub struct IntlFigures(pub Lang);

impl Figures for IntlFigures {
    fn percent(&self, share: f32) -> String {
        let percent = (f64::from(share) * 100.0).round();
        intl::unit(self.0, percent, "percent", true)
    }

    fn money(&self, amount: f64, currency: Option<&str>) -> String {
        intl::money(self.0, amount, currency)
    }
}

/// The reason as the agent reads it. A code this console does not know (a newer desk) says so rather than
/// being dropped; a sentence an earlier desk stored is shown as it was written.
pub fn sentence(lang: Lang, figures: &impl Figures, reason: &TriageReason) -> String {
    let queue = |queue| lang.t(queue_label(queue));
    let words = |words: &[String]| quoted(lang, words);
    match reason {
        TriageReason::Topic { topic, queue: q } => lang.f(
            K::TrTopic,
            &[("queue", queue(*q)), ("topic", &topic_label(lang, topic))],
        ),
        TriageReason::MessageWords { queue: q, words: w } => lang.f(
            K::TrMessageWords,
            &[("queue", queue(*q)), ("words", &words(w))],
        ),
        TriageReason::ModelWords {
            queue: q,
            words: w,
            confidence,
        } => lang.f(
            K::TrModelWords,
            &[
                ("queue", queue(*q)),
                ("confidence", &figures.percent(*confidence)),
                ("words", &words(w)),
            ],
        ),
        // Unlike the user, the agent is not on the page: it is named.
        TriageReason::RoleAndPage {
            queue: q,
            role,
            surface,
        } => {
            let key = match (role, surface.is_some()) {
                (Some(Role::Seller), true) => K::TrAskedSellerPage,
                (Some(Role::Buyer), true) => K::TrAskedBuyerPage,
                (None, true) => K::TrAskedPage,
                (Some(Role::Seller), false) => K::TrAskedSeller,
                (Some(Role::Buyer), false) => K::TrAskedBuyer,
                (None, false) => K::TrAsked,
            };
            let page = surface
                .and_then(|surface| surface_label(surface.as_str()))
                .map(|key| lang.t(key))
                .unwrap_or_default();
            lang.f(key, &[("queue", queue(*q)), ("page", page)])
        }
        TriageReason::AccountTakeover { words: w } => {
            lang.f(K::TrAccountTakeover, &[("words", &words(w))])
        }
        TriageReason::PayoutDetailsChanged { words: w } => {
            lang.f(K::TrPayoutDetailsChanged, &[("words", &words(w))])
        }
        TriageReason::RepeatedCharge { words: w } => {
            lang.f(K::TrRepeatedCharge, &[("words", &words(w))])
        }
        TriageReason::UnauthorisedCharge { words: w } => {
            lang.f(K::TrUnauthorisedCharge, &[("words", &words(w))])
        }
        TriageReason::Threat { words: w } => lang.f(K::TrThreat, &[("words", &words(w))]),
        TriageReason::ProductSafety { words: w } => {
            lang.f(K::TrProductSafety, &[("words", &words(w))])
        }
        TriageReason::LockedOut { words: w } => lang.f(K::TrLockedOut, &[("words", &words(w))]),
        TriageReason::LegalDeadline { words: w } => {
            lang.f(K::TrLegalDeadline, &[("words", &words(w))])
        }
        TriageReason::ReadsUrgent {
            words: w,
            confidence,
        } => lang.f(
            K::TrReadsUrgent,
            &[
                ("confidence", &figures.percent(*confidence)),
                ("words", &words(w)),
            ],
        ),
        TriageReason::PaymentFailed { payment_status } => match payment_status.as_deref() {
            Some(status) if !status.trim().is_empty() => {
                lang.f(K::TrPaymentFailedStatus, &[("status", status)])
            }
            _ => lang.t(K::TrPaymentFailed).to_owned(),
        },
        TriageReason::Incident { impact, queue: q } => {
            // Triage only counts major and critical incidents.
            let key = match impact {
                Impact::Critical => K::TrIncidentCritical,
                _ => K::TrIncidentMajor,
            };
            lang.f(key, &[("queue", queue(*q))])
        }
        TriageReason::LargeOrder {
            amount,
            currency,
            threshold,
        } => {
            let money = |value| figures.money(value, currency.as_deref());
            lang.f(
                K::TrLargeOrder,
                &[
                    ("amount", &money(*amount)),
                    ("threshold", &money(*threshold)),
                ],
            )
        }
        TriageReason::OnboardingBlocked { blocker } => lang
            .t(match blocker {
                OnboardingBlocker::PayoutsBlocked => K::TrPayoutsBlocked,
                OnboardingBlocker::PayoutAccountFailed => K::TrPayoutAccountFailed,
            })
            .to_owned(),
        TriageReason::PayoutDelayed { words: w } => {
            lang.f(K::TrPayoutDelayed, &[("words", &words(w))])
        }
        TriageReason::Chargeback { words: w } => lang.f(K::TrChargeback, &[("words", &words(w))]),
        TriageReason::LegalThreat { words: w } => lang.f(K::TrLegalThreat, &[("words", &words(w))]),
        TriageReason::FraudClaim { words: w } => lang.f(K::TrFraudClaim, &[("words", &words(w))]),
        TriageReason::NothingAtStake => lang.t(K::TrNothingAtStake).to_owned(),
        TriageReason::NothingUrgent => lang.t(K::TrNothingUrgent).to_owned(),
        TriageReason::Unsure => lang.t(K::TrUnsure).to_owned(),
        // Stored in words by an earlier desk, before reasons were codes: all there is.
        TriageReason::Recorded { text } => text.clone(),
        TriageReason::Unknown => lang.t(K::TrUnknown).to_owned(),
    }
}

/// The reason's wire code (`model_words`), for `data-code`; `recorded` for an earlier desk's sentence.
pub fn code(reason: &TriageReason) -> String {
    serde_json::to_value(reason)
        .ok()
        .and_then(|wire| wire.get("code")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The user's own words, each in the language's quotation marks, as a list.
fn quoted(lang: Lang, words: &[String]) -> String {
    let quoted: Vec<String> = words
        .iter()
        .map(|word| lang.f(K::Quoted, &[("text", word)]))
        .collect();
    quoted.join(lang.t(K::WordSeparator))
}

/// A default topic's label as the user picked it, in the agent's language; a site's own topic keeps its id.
pub fn topic_label(lang: Lang, topic: &str) -> String {
    let key = match topic {
        "order-not-arrived" => K::TopicOrderNotArrived,
        "refund" => K::TopicRefund,
        "payment-failed" => K::TopicPaymentFailed,
        "dispute" => K::TopicDispute,
        "account" => K::TopicAccount,
        "seller-verification" => K::TopicSellerVerification,
        "payouts" => K::TopicPayouts,
        "listing" => K::TopicListing,
        "other" | "" => K::TopicOther,
        custom => return custom.to_owned(),
    };
    lang.t(key).to_owned()
}

/// A fact behind a suggestion, named in the agent's language. The widget sends the label it showed, made from
/// the fact's path (`order.promised_by` → "Order promised by"); a label it does not know (a site's `custom.`
/// facts) is kept as sent.
pub fn fact_label(lang: Lang, fact: &str) -> String {
    let key = match fact.trim().to_lowercase().as_str() {
        "surface" => K::Surface,
        "locale" => K::SeenLanguage,
        "role" => K::Role,
        "page url" => K::FactPageUrl,
        "page title" => K::FactPageTitle,
        "order id" => K::OrderId,
        "order status" => K::OrderStatus,
        "order placed at" => K::FactPlacedAt,
        "order promised by" => K::FactPromisedBy,
        "order shipped at" => K::FactShippedAt,
        "order delivered at" => K::FactDeliveredAt,
        "order payment status" => K::PaymentStatus,
        "order amount" => K::Amount,
        "order currency" => K::FactCurrency,
        "onboarding step" => K::FactOnboardingStep,
        "onboarding completed" => K::FactOnboardingCompleted,
        "onboarding blockers" => K::Blockers,
        "incidents active" => K::FactActiveIncidents,
        _ => return fact.to_owned(),
    };
    lang.t(key).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::embed::Surface;
    use signpost_core::rules::KNOWN_FACTS;
    use signpost_core::tickets::{Queue, read_reasons};

    /// Figures without `Intl` (not there natively): "93%", "1234.50 EUR".
    struct Plain;

    impl Figures for Plain {
        fn percent(&self, share: f32) -> String {
            format!("{:.0}%", share * 100.0)
        }

        fn money(&self, amount: f64, currency: Option<&str>) -> String {
            match currency {
                Some(currency) => format!("{amount:.2} {currency}"),
                None => format!("{amount:.2}"),
            }
        }
    }

    /// One of each reason, every role and page and blocker. The `match` makes a new code fail to compile until
    /// it is listed here too.
    fn every_reason() -> Vec<TriageReason> {
        let words = || vec!["on hold".to_owned(), "card".to_owned()];
        let asked = |role, surface| TriageReason::RoleAndPage {
            queue: Queue::Payouts,
            role,
            surface,
        };
        let every = vec![
            TriageReason::Topic {
                topic: "payouts".into(),
                queue: Queue::Payouts,
            },
            TriageReason::MessageWords {
                queue: Queue::Payments,
                words: words(),
            },
            TriageReason::ModelWords {
                queue: Queue::Payments,
                words: words(),
                confidence: 0.99,
            },
            asked(Some(Role::Seller), Some(Surface::Onboarding)),
            asked(Some(Role::Buyer), Some(Surface::Checkout)),
            asked(None, Some(Surface::Order)),
            asked(Some(Role::Seller), None),
            asked(Some(Role::Buyer), None),
            asked(None, None),
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
            TriageReason::PaymentFailed {
                payment_status: None,
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
            TriageReason::Unknown,
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
                | TriageReason::Unknown => {}
                // Words, not a code: covered by `an_earlier_desks_sentence_reads_as_written`.
                TriageReason::Recorded { .. } => unreachable!(),
            }
        }
        every
    }

    #[test]
    fn every_reason_reads_in_every_language() {
        for lang in Lang::ALL {
            let texts: Vec<String> = every_reason()
                .iter()
                .map(|reason| sentence(lang, &Plain, reason))
                .collect();
            for (reason, text) in every_reason().iter().zip(&texts) {
                let tag = lang.tag();
                assert!(!text.trim().is_empty(), "{tag}: {reason:?} is empty");
                assert!(
                    !text.contains('{') && !text.contains('}'),
                    "{tag}: {reason:?} left a placeholder: {text}"
                );
                assert!(
                    !text.contains('_'),
                    "{tag}: {reason:?} shows a code: {text}"
                );
                if lang != Lang::En {
                    let en = sentence(Lang::En, &Plain, reason);
                    assert_ne!(text, &en, "{tag}: {reason:?} is the English");
                }
            }
            for (i, text) in texts.iter().enumerate() {
                assert!(!texts[..i].contains(text), "{}: {text} twice", lang.tag());
            }
        }
    }

    #[test]
    fn the_facts_of_a_reason_are_in_its_sentence() {
        let model = TriageReason::ModelWords {
            queue: Queue::Payments,
            words: vec!["checkout".into(), "card".into(), "twice".into()],
            confidence: 0.99,
        };
        assert_eq!(
            sentence(Lang::En, &Plain, &model),
            "Payments: the triage model placed the message here with 99% confidence, mostly for \
             “checkout”, “card”, “twice”"
        );
        let ja = sentence(Lang::Ja, &Plain, &model);
        assert!(ja.starts_with("決済："), "{ja}");
        assert!(ja.contains("「checkout」、「card」、「twice」"), "{ja}");
        let de = sentence(Lang::De, &Plain, &model);
        assert!(de.contains("„checkout“, „card“, „twice“"), "{de}");
        // In Arabic each word is isolated, so the list reads right to left like the sentence around it.
        let ar = sentence(Lang::Ar, &Plain, &model);
        assert!(
            ar.contains(
                "«\u{2068}checkout\u{2069}»، «\u{2068}card\u{2069}»، «\u{2068}twice\u{2069}»"
            ),
            "{ar:?}"
        );

        let asked = TriageReason::RoleAndPage {
            queue: Queue::Payouts,
            role: Some(Role::Seller),
            surface: Some(Surface::Onboarding),
        };
        assert_eq!(
            sentence(Lang::En, &Plain, &asked),
            "Payouts: most questions like this from sellers on the same page (Seller onboarding) belong in \
             this queue"
        );
        let topic = TriageReason::Topic {
            topic: "payment-failed".into(),
            queue: Queue::Payments,
        };
        assert_eq!(
            sentence(Lang::Fr, &Plain, &topic),
            "Paiements : le client a choisi le sujet « Un paiement a échoué »"
        );
        let large = TriageReason::LargeOrder {
            amount: 620.0,
            currency: Some("MXN".into()),
            threshold: 500.0,
        };
        assert_eq!(
            sentence(Lang::En, &Plain, &large),
            "The order is 620.00 MXN: orders of 500.00 MXN or more come first"
        );
        let failed = TriageReason::PaymentFailed {
            payment_status: Some("declined".into()),
        };
        assert!(sentence(Lang::Es, &Plain, &failed).ends_with("(estado del pago: declined)"));
    }

    #[test]
    fn reasons_read_from_the_wire_as_the_desk_sends_them() {
        let wire = r#"[
            {"code": "model_words", "queue": "payments", "words": ["checkout", "card", "twice"], "confidence": 0.99},
            {"code": "nothing_urgent"},
            "Payouts team, from the topic “Payouts”",
            {"code": "moon_phase", "phase": "full"}
        ]"#;
        let reasons = read_reasons(&mut serde_json::Deserializer::from_str(wire)).unwrap();
        let codes: Vec<String> = reasons.iter().map(code).collect();
        assert_eq!(
            codes,
            ["model_words", "nothing_urgent", "recorded", "unknown"]
        );
        let texts: Vec<String> = reasons
            .iter()
            .map(|reason| sentence(Lang::En, &Plain, reason))
            .collect();
        assert_eq!(texts[1], "Nothing urgent found");
        assert_eq!(texts[2], "Payouts team, from the topic “Payouts”");
        assert_eq!(texts[3], Lang::En.t(K::TrUnknown));
    }

    #[test]
    fn an_earlier_desks_sentence_reads_as_written() {
        let recorded = TriageReason::Recorded {
            text: "Payouts team, from the topic “Payouts”".into(),
        };
        for lang in Lang::ALL {
            assert_eq!(
                sentence(lang, &Plain, &recorded),
                "Payouts team, from the topic “Payouts”"
            );
        }
    }

    #[test]
    fn topics_and_facts_are_named_in_the_agents_language() {
        assert_eq!(
            topic_label(Lang::De, "refund"),
            "Erstattungen und Rücksendungen"
        );
        assert_eq!(topic_label(Lang::De, ""), "Etwas anderes");
        assert_eq!(topic_label(Lang::De, "vip-help"), "vip-help");
        assert_eq!(fact_label(Lang::Es, "Order status"), "Estado del pedido");
        assert_eq!(fact_label(Lang::Ja, "Order promised by"), "お届け予定日");
        assert_eq!(
            fact_label(Lang::Ar, "Custom loyalty tier"),
            "Custom loyalty tier"
        );
        // Every fact the rules may cite, as the widget names it, has a name in every language (`order` and the
        // like are cited by their fields).
        let leaves = KNOWN_FACTS.iter().filter(|path| {
            !KNOWN_FACTS
                .iter()
                .any(|other| other.starts_with(&format!("{path}.")))
        });
        for path in leaves {
            let words = path.replace(['.', '_'], " ");
            let label = format!("{}{}", words[..1].to_uppercase(), &words[1..]);
            for lang in Lang::ALL {
                let named = fact_label(lang, &label);
                assert!(!named.is_empty());
                if lang != Lang::En {
                    assert_ne!(named, label, "{}: {path} is not translated", lang.tag());
                }
            }
        }
    }
}
