//! Rules suggesting guided flows: `{ flow = "id" }` entries, offered apart from the suggestion list with the
//! same reasons, and the check the desk runs that each named flow exists.

use super::date::LocalCalendar;
use super::facts::Facts;
use super::parse::Item;
use super::{Clock, Formatter, Reason, RuleSet};
use crate::context::Context;
use crate::flows::FlowSummary;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// A guided flow a rule suggests, with every reason it was chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowSuggestion {
    /// The flow to offer.
    pub flow: FlowSummary,
    /// Why it is offered: one reason per rule that chose it, best first.
    pub reasons: Vec<Reason>,
    /// The priority of the best rule that chose it.
    pub priority: i32,
}

/// A rule that suggests a flow the content does not have (see [`RuleSet::unknown_flows`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("rule {rule} suggests unknown flow `{flow}`")]
pub struct UnknownFlow {
    /// The rule's id.
    pub rule: String,
    /// The flow id it names.
    pub flow: String,
}

impl RuleSet {
    /// The rules that suggest a flow `known_flows` does not know, in file order, for the desk to report.
    pub fn unknown_flows(&self, known_flows: &dyn Fn(&str) -> bool) -> Vec<UnknownFlow> {
        self.rules
            .iter()
            .flat_map(|rule| {
                rule.suggest.iter().filter_map(|item| match item {
                    Item::Flow(id) if !known_flows(id) => Some(UnknownFlow {
                        rule: rule.id.clone(),
                        flow: id.clone(),
                    }),
                    _ => None,
                })
            })
            .collect()
    }

    /// Every flow any rule can suggest.
    pub fn flow_ids(&self) -> BTreeSet<String> {
        self.rules
            .iter()
            .flat_map(|rule| &rule.suggest)
            .filter_map(|item| match item {
                Item::Flow(id) => Some(id.clone()),
                _ => None,
            })
            .collect()
    }

    /// The guided flows the rules choose for this situation, best first: every flow a firing rule suggests,
    /// once, with the reason of each rule that chose it (as [`RuleSet::suggest`] gives articles theirs).
    /// Flows `catalog` does not have are skipped; fallbacks never suggest flows.
    pub fn suggest_flows(
        &self,
        context: &Context,
        extra_facts: &Map<String, Value>,
        catalog: &dyn Fn(&str) -> Option<FlowSummary>,
        clock: Clock,
        fmt: &dyn Formatter,
    ) -> Vec<FlowSuggestion> {
        let facts = Facts::new(context, extra_facts);
        let calendar = LocalCalendar::new(clock);
        let mut flows: Vec<FlowSuggestion> = Vec::new();
        for (rule, reason) in self.fired(&facts, &calendar, fmt, context.locale.as_deref()) {
            for item in &rule.suggest {
                let Item::Flow(id) = item else { continue };
                match flows.iter_mut().find(|listed| listed.flow.id == *id) {
                    Some(listed) if !listed.reasons.contains(&reason) => {
                        listed.reasons.push(reason.clone());
                    }
                    Some(_) => {}
                    None => {
                        if let Some(flow) = catalog(id) {
                            flows.push(FlowSuggestion {
                                flow,
                                reasons: vec![reason.clone()],
                                priority: rule.priority,
                            });
                        }
                    }
                }
            }
        }
        flows
    }
}
