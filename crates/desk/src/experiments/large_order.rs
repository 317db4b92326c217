//! The experiment on the large-order criterion, an escalation criterion: from which amount a ticket about an
//! order comes first (`content/triage.toml` `[large_order]`). The desk applies it when the ticket is filed, to
//! the unit the widget sends with a ticket filed on a page the desk assigned to the experiment: the assignment
//! judged the whole page (protected contexts on custom facts included), and the ticket's own context is checked
//! again as far as it tells. Only people whose order is large under some variant are exposed: for everyone else
//! the variants triage alike.

use super::Experiments;
use crate::insights::ingest::{EventRow, ExposedOn, unit_key};
use signpost_core::context::{Context, Onboarding, Order, Role};
use signpost_core::identity::Identity;
use signpost_core::insights::events::Unit;
use signpost_core::rules::Clock;
use signpost_core::tickets::{
    NewTicket, TicketContext, Triage, TriageReason, TriageSettings, TriageSetup,
};
use std::collections::HashSet;

/// A ticket's part in the experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct Trial {
    experiment: String,
    variant: u32,
    /// The share of the thresholds (percent) this variant raises a ticket from.
    own: u32,
    /// The smallest share of any variant.
    lowest: u32,
    /// Whom the exposure counts, keyed as the widget's events are.
    unit_key: String,
    /// The page, as the ticket tells it.
    page: Context,
}

impl Trial {
    /// The part `ticket` takes, when it carries a unit and an experiment on the criterion runs for it.
    /// `verified` is the filer's verified role and the key the reports know them by.
    pub fn of(
        experiments: &Experiments,
        ticket: &NewTicket,
        verified: Option<(Role, String)>,
        stopped: &HashSet<String>,
        clock: Clock,
    ) -> Option<Trial> {
        let unit = ticket.experiment_unit.as_ref()?;
        let (Unit::Install { id } | Unit::PageView { id }) = unit else {
            return None;
        };
        let context = page_of(&ticket.context, verified.as_ref().map(|(role, _)| *role));
        let (spec, variant) = experiments.large_order(id.trim(), &context, stopped, clock)?;
        let (own, lowest) = spec.large_order_percents(variant)?;
        let unit_key = unit_key(unit, verified.as_ref().map(|(_, key)| key.as_str()))?;
        Some(Trial {
            experiment: spec.id.clone(),
            variant,
            own,
            lowest,
            unit_key,
            page: context,
        })
    }

    /// Triages `ticket` with the thresholds of its variant, and says whether its filer is exposed: whether
    /// the most lenient variant's thresholds make its order a large one (for any other ticket the variants
    /// triage alike).
    pub fn triage(
        &self,
        ticket: &NewTicket,
        identity: Option<&Identity>,
        setup: &TriageSetup<'_>,
    ) -> (Triage, bool) {
        let with_share = |percent| {
            let settings = scaled(setup.settings, percent);
            crate::tickets::triage(
                ticket,
                identity,
                &TriageSetup {
                    settings: &settings,
                    ..*setup
                },
            )
        };
        let large = |triage: &Triage| {
            triage
                .reasons
                .iter()
                .any(|reason| matches!(reason, TriageReason::LargeOrder { .. }))
        };
        let triage = with_share(self.own);
        // The variant's own share is often the most lenient: no second triage then.
        let exposed = match self.own == self.lowest {
            true => large(&triage),
            false => large(&with_share(self.lowest)),
        };
        (triage, exposed)
    }

    /// The exposure of the ticket's filer, on the ticket's page, at `at_ms`.
    pub fn exposure(self, identified: bool, at_ms: i64) -> EventRow {
        let on = ExposedOn {
            role: self.page.role,
            surface: self.page.surface.unwrap_or_default(),
            locale: self.page.locale.as_deref(),
            identified,
        };
        EventRow::exposure(self.unit_key, self.experiment, self.variant, on, at_ms)
    }
}

/// Every threshold at `percent` % of the site's.
fn scaled(settings: &TriageSettings, percent: u32) -> TriageSettings {
    // Multiplied before dividing: 20 % of 500 is exactly 100, as a reason shows it.
    let share = |threshold: f64| threshold * f64::from(percent) / 100.0;
    TriageSettings {
        large_order: settings
            .large_order
            .iter()
            .map(|(currency, threshold)| (currency.clone(), share(*threshold)))
            .collect(),
    }
}

/// The page as the ticket tells it, with the verified role over the page's: what protected contexts and the
/// experiment's cohorts are judged on.
fn page_of(ticket: &TicketContext, verified_role: Option<Role>) -> Context {
    let order = Order {
        id: ticket.order_id.clone(),
        status: ticket.order_status.clone(),
        payment_status: ticket.payment_status.clone(),
        amount: ticket.order_amount,
        currency: ticket.order_currency.clone(),
        ..Order::default()
    };
    let onboarding = Onboarding {
        step: ticket.onboarding_step.clone(),
        blockers: ticket.onboarding_blockers.clone(),
        ..Onboarding::default()
    };
    Context {
        surface: ticket.surface,
        locale: ticket.locale.clone(),
        role: verified_role.or(ticket.role),
        order: (order != Order::default()).then_some(order),
        onboarding: (onboarding != Onboarding::default()).then_some(onboarding),
        ..Context::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use signpost_core::embed::Surface;
    use signpost_core::experiments::ExperimentsFile;

    fn experiments() -> Experiments {
        let file = ExperimentsFile::from_json(&json!({
            "protected": [{ "id": "failed-payment", "when": [{ "fact": "order.payment_status", "equals": "failed" }] }],
            "experiment": [{ "id": "large", "audience": "buyer", "split": [1, 1], "planned_units": 100,
                             "primary": "unsatisfied", "change": { "kind": "large_order", "percents": [50] } }],
        }))
        .unwrap();
        Experiments::new(file, None, &|_| true, &|_, _| None)
    }

    fn ticket(payment_status: &str, unit: Option<Unit>) -> NewTicket {
        NewTicket {
            context: TicketContext {
                surface: Some(Surface::Order),
                role: Some(Role::Buyer),
                payment_status: Some(payment_status.into()),
                ..TicketContext::default()
            },
            experiment_unit: unit,
            ..NewTicket::default()
        }
    }

    const CLOCK: Clock = Clock {
        now_unix_seconds: 0,
        utc_offset_minutes: 0,
    };

    #[test]
    fn a_ticket_with_its_unit_takes_part_outside_protected_contexts() {
        let (set, none) = (experiments(), HashSet::new());
        let install = Some(Unit::Install { id: " u-1 ".into() });
        let trial = Trial::of(&set, &ticket("paid", install.clone()), None, &none, CLOCK).unwrap();
        assert_eq!(trial.unit_key, "i:u-1");
        assert_eq!(Some(trial.variant), set.variant_of("large", "u-1"));
        assert_eq!(
            (trial.own, trial.lowest),
            if trial.variant == 0 {
                (100, 50)
            } else {
                (50, 50)
            }
        );
        let settings = TriageSettings {
            large_order: [("EUR".to_owned(), 500.0)].into(),
        };
        assert_eq!(scaled(&settings, 50).large_order["EUR"], 250.0);

        let verified = Some((Role::Buyer, "k1".to_owned()));
        let trial = Trial::of(
            &set,
            &ticket("paid", install.clone()),
            verified,
            &none,
            CLOCK,
        );
        assert_eq!(trial.unwrap().unit_key, "u:k1");
        let seller = Some((Role::Seller, "k1".to_owned()));
        assert_eq!(
            Trial::of(&set, &ticket("paid", install.clone()), seller, &none, CLOCK),
            None,
            "the verified role decides the cohort"
        );
        assert_eq!(
            Trial::of(&set, &ticket("failed", install.clone()), None, &none, CLOCK),
            None
        );
        assert_eq!(
            Trial::of(&set, &ticket("paid", None), None, &none, CLOCK),
            None
        );
        let stopped = HashSet::from(["large".to_owned()]);
        assert_eq!(
            Trial::of(&set, &ticket("paid", install), None, &stopped, CLOCK),
            None
        );
    }
}
