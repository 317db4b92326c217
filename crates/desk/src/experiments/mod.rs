//! Experiments on self-service content (`content/experiments.toml`): which experiments may run, who is in
//! which variant, and (`state.rs`) whether each still runs, (`report.rs`) what each found.
//!
//! Assignment is a pure function of the experiment's salt and the widget's unit id (`signpost-insights`), so
//! every replica puts a user in the same variant and nothing about it is stored until the user is exposed.
//! The desk decides who may be in an experiment: never in a protected context (the file's `[[protected]]`
//! list), only in the cohorts the experiment names, and in one experiment per namespace.

pub mod large_order;
pub mod report;
pub mod state;

use signpost_core::context::Context;
use signpost_core::experiments::{ChangeSpec, ExperimentSpec, ExperimentsFile, nudge_holdout_id};
use signpost_core::insights::events::{EventBatch, EventKind, Unit};
use signpost_core::rules::{Clock, RuleSet};
use signpost_insights::{Allocation, Experiment, Namespace, Split};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The experiments a content folder defines, each checked against its rules and articles.
#[derive(Clone, Debug, Default)]
pub struct Experiments {
    file: ExperimentsFile,
    /// Each usable experiment's assignment, in file order.
    assigners: Vec<Experiment>,
    namespaces: BTreeMap<String, Namespace>,
}

impl Experiments {
    /// Reads `path` (optional). A file that cannot be read, or whose protected contexts are broken, runs no
    /// experiment at all; an experiment with a problem is logged and left out.
    pub fn load(
        path: &Path,
        rules: Option<&RuleSet>,
        known_article: &dyn Fn(&str) -> bool,
        text_problem: &dyn Fn(&str, &str) -> Option<String>,
    ) -> Experiments {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Experiments::default();
            }
            Err(err) => {
                tracing::warn!(path = %path.display(), reason = %err, "experiments skipped");
                return Experiments::default();
            }
        };
        let parsed = toml::from_str::<serde_json::Value>(&text)
            .map_err(|err| err.to_string())
            .and_then(|json| ExperimentsFile::from_json(&json).map_err(|err| err.to_string()));
        match parsed {
            Ok(file) => Experiments::new(file, rules, known_article, text_problem),
            Err(reason) => {
                tracing::warn!(path = %path.display(), %reason, "experiments skipped: none runs");
                Experiments::default()
            }
        }
    }

    /// The usable experiments of `file`, and a holdout for each proactive rule of `rules`.
    pub fn new(
        mut file: ExperimentsFile,
        rules: Option<&RuleSet>,
        known_article: &dyn Fn(&str) -> bool,
        text_problem: &dyn Fn(&str, &str) -> Option<String>,
    ) -> Experiments {
        let problems = file.problems(rules, known_article, text_problem);
        for (id, problem) in &problems {
            tracing::warn!(experiment = %id, %problem, "experiment skipped");
        }
        let broken: HashSet<&str> = problems.iter().map(|(id, _)| id.as_str()).collect();
        file.experiments
            .retain(|spec| !broken.contains(spec.id.as_str()));
        let holdouts = rules.map(RuleSet::proactive_rules).unwrap_or_default();
        file.experiments.extend(
            holdouts
                .iter()
                .map(|p| ExperimentSpec::nudge_holdout(&p.rule, p.holdout_percent)),
        );
        let mut grouped: BTreeMap<String, Vec<Allocation>> = BTreeMap::new();
        for spec in &file.experiments {
            if let Some(namespace) = &spec.namespace {
                let [start, end] = namespace.buckets;
                grouped
                    .entry(namespace.name.clone())
                    .or_default()
                    .push(Allocation {
                        experiment: spec.id.clone(),
                        buckets: start..end,
                    });
            }
        }
        let mut namespaces = BTreeMap::new();
        for (name, allocations) in grouped {
            let ids: Vec<String> = allocations.iter().map(|a| a.experiment.clone()).collect();
            match Namespace::new(name.clone(), allocations) {
                Ok(namespace) => {
                    namespaces.insert(name, namespace);
                }
                Err(reason) => {
                    tracing::warn!(namespace = %name, %reason, "experiments skipped: their namespace is unusable");
                    file.experiments.retain(|spec| !ids.contains(&spec.id));
                }
            }
        }
        let assigners = file
            .experiments
            .iter()
            .map(|spec| {
                let split =
                    Split::new(spec.split.clone()).expect("checked: one positive weight each");
                Experiment::new(spec.salt(), split)
            })
            .collect();
        Experiments {
            file,
            assigners,
            namespaces,
        }
    }

    /// The usable experiments, in file order.
    pub fn specs(&self) -> &[ExperimentSpec] {
        &self.file.experiments
    }

    /// The experiment with this id.
    pub fn spec(&self, id: &str) -> Option<&ExperimentSpec> {
        self.file.experiments.iter().find(|spec| spec.id == id)
    }

    /// The rules whose listed suggestions some experiment varies (their article or their reason).
    pub fn varied_rules(&self) -> Vec<String> {
        let mut rules: Vec<String> = self
            .specs()
            .iter()
            .filter_map(|spec| Some(spec.listed_rule()?.to_owned()))
            .collect();
        rules.sort();
        rules.dedup();
        rules
    }

    /// Whether an experiment varies the contact view's status, running or stopped.
    pub fn varies_status_first(&self) -> bool {
        self.specs()
            .iter()
            .any(|spec| spec.change == ChangeSpec::StatusFirst)
    }

    /// Whether an experiment varies the large-order criterion, running or stopped.
    pub fn varies_large_order(&self) -> bool {
        self.specs()
            .iter()
            .any(|spec| matches!(spec.change, ChangeSpec::LargeOrder { .. }))
    }

    /// The running experiment on the large-order criterion that `unit` takes part in, with its variant, for a
    /// ticket whose page was `context` as the ticket tells it. The widget sent the unit because the desk assigned
    /// its page (judged on the whole page); the ticket's own context is checked again, as far as it tells.
    pub fn large_order(
        &self,
        unit: &str,
        context: &Context,
        stopped: &HashSet<String>,
        clock: Clock,
    ) -> Option<(&ExperimentSpec, u32)> {
        let varies = |change: &ChangeSpec| matches!(change, ChangeSpec::LargeOrder { .. });
        self.first_running(varies, unit, context, stopped, clock)
    }

    /// The experiment on article `article`'s text, running or stopped.
    pub fn text_experiment(&self, article: &str) -> Option<&ExperimentSpec> {
        self.specs().iter().find(|spec| {
            spec.article_and_texts()
                .is_some_and(|(varied, _)| varied == article)
        })
    }

    /// The variant `unit` gets in `experiment`, when its namespace gives it to that experiment: what an
    /// exposure the widget reports must say.
    pub fn variant_of(&self, experiment: &str, unit: &str) -> Option<u32> {
        let index = self.specs().iter().position(|spec| spec.id == experiment)?;
        let spec = &self.specs()[index];
        if let Some(namespace) = &spec.namespace {
            let owner = self.namespaces.get(&namespace.name)?.experiment_for(unit);
            if owner != Some(experiment) {
                return None;
            }
        }
        u32::try_from(self.assigners[index].variant(unit)).ok()
    }

    /// Leaves out of `batch` the exposures the desk would not have assigned (a tampered or stale batch, or
    /// one that cannot be linked), and those to experiments whose exposures the desk logs itself (a nudge's,
    /// the large-order criterion's): the counts must be the desk's own.
    pub fn drop_false_exposures(&self, batch: &mut EventBatch) {
        let unit = match &batch.unit {
            Unit::Install { id } | Unit::PageView { id } => Some(id.trim().to_owned()),
            Unit::Unlinked => None,
        };
        let exposed_by_widget = |experiment: &str| {
            self.specs()
                .iter()
                .any(|spec| spec.id == experiment && spec.exposed_by_widget())
        };
        batch.events.retain(|event| {
            event.kind != EventKind::Exposed
                || matches!((&unit, &event.item, event.variant), (Some(unit), Some(experiment), Some(variant))
                    if exposed_by_widget(experiment.trim())
                        && self.variant_of(experiment.trim(), unit) == Some(variant))
        });
    }

    /// Whether proactive rule `rule`'s nudge is shown to `unit` on this page: `None` when no holdout applies
    /// (a protected context never holds a nudge back), else the holdout's id and the unit's variant (0: held
    /// out, 1: shown; a stopped holdout holds everyone out).
    pub fn nudge_variant(
        &self,
        rule: &str,
        unit: &str,
        context: &Context,
        stopped: &HashSet<String>,
        clock: Clock,
    ) -> Option<(String, u32)> {
        if self.file.protected_match(context, clock).is_some() {
            return None;
        }
        let id = nudge_holdout_id(rule);
        if stopped.contains(&id) {
            return Some((id, 0));
        }
        let variant = self.variant_of(&id, unit)?;
        Some((id, variant))
    }

    /// The running experiment on the words of proactive rule `rule`'s nudge that `unit` takes part in on this
    /// page, with its variant. None in a protected context.
    pub fn nudge_wording(
        &self,
        rule: &str,
        unit: &str,
        context: &Context,
        stopped: &HashSet<String>,
        clock: Clock,
    ) -> Option<(&ExperimentSpec, u32)> {
        let varies = |change: &ChangeSpec| matches!(change, ChangeSpec::NudgeWording { rule: varied, .. } if varied == rule);
        self.first_running(varies, unit, context, stopped, clock)
    }

    /// The first running experiment whose change `varies` picks that `unit` takes part in on a page with
    /// `context`, with its variant. None in a protected context.
    fn first_running(
        &self,
        varies: impl Fn(&ChangeSpec) -> bool,
        unit: &str,
        context: &Context,
        stopped: &HashSet<String>,
        clock: Clock,
    ) -> Option<(&ExperimentSpec, u32)> {
        if self.file.protected_match(context, clock).is_some() {
            return None;
        }
        self.specs()
            .iter()
            .filter(|spec| varies(&spec.change))
            .filter(|spec| !stopped.contains(&spec.id) && spec.fits(context))
            .find_map(|spec| Some((spec, self.variant_of(&spec.id, unit)?)))
    }

    /// Each running experiment the widget asks for (see [`ExperimentSpec::asked_by_widget`]) `unit` takes
    /// part in on this page, with its variant. None in a protected context.
    pub fn assign(
        &self,
        unit: &str,
        context: &Context,
        stopped: &HashSet<String>,
        clock: Clock,
    ) -> Vec<(&ExperimentSpec, u32)> {
        if let Some(protected) = self.file.protected_match(context, clock) {
            tracing::debug!(%protected, "no experiment in a protected context");
            return vec![];
        }
        self.specs()
            .iter()
            .filter(|spec| spec.asked_by_widget())
            .filter(|spec| !stopped.contains(&spec.id) && spec.fits(context))
            .filter_map(|spec| Some((spec, self.variant_of(&spec.id, unit)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn experiments(file: serde_json::Value) -> Experiments {
        let rules = RuleSet::from_json(&json!({ "rule": [
            { "id": "late", "priority": 1, "reason": "Late.", "when": [{ "fact": "order.status", "equals": "shipped" }],
              "suggest": [{ "article": "late-delivery" }] },
        ]}))
        .unwrap();
        Experiments::new(
            ExperimentsFile::from_json(&file).unwrap(),
            Some(&rules),
            &|_| true,
            &|_, _| None,
        )
    }

    fn spec(id: &str, buckets: [u32; 2]) -> serde_json::Value {
        json!({ "id": id, "split": [1, 1], "planned_units": 100, "primary": "resolved",
                "namespace": { "name": "late", "buckets": buckets },
                "change": { "kind": "rule_article", "rule": "late", "variants": ["late-delivery", "b"] } })
    }

    fn clock() -> Clock {
        Clock {
            now_unix_seconds: 0,
            utc_offset_minutes: 0,
        }
    }

    #[test]
    fn a_namespace_puts_each_unit_in_at_most_one_experiment() {
        let set =
            experiments(json!({ "experiment": [spec("a", [0, 5000]), spec("b", [5000, 10000])] }));
        let context = Context::default();
        for unit in (0..200).map(|n| format!("unit-{n}")) {
            let assigned = set.assign(&unit, &context, &HashSet::new(), clock());
            assert_eq!(assigned.len(), 1, "{unit} is in exactly one of the two");
        }
    }

    #[test]
    fn a_browser_cannot_report_an_exposure_the_desk_logs_itself() {
        let set = experiments(json!({ "experiment": [
            spec("a", [0, 10000]),
            { "id": "l", "split": [1, 1], "planned_units": 100, "primary": "unsatisfied",
              "change": { "kind": "large_order", "percents": [50] } },
        ] }));
        let exposed = |experiment: &str| {
            let variant = set.variant_of(experiment, "u1").unwrap();
            json!({ "kind": "exposed", "item": experiment, "variant": variant })
        };
        let mut batch: EventBatch = serde_json::from_value(json!({
            "unit": { "kind": "install", "id": "u1" },
            "page": { "surface": "order", "language": "en" },
            "events": [exposed("a"), exposed("l")],
        }))
        .unwrap();
        set.drop_false_exposures(&mut batch);
        let kept: Vec<&str> = batch
            .events
            .iter()
            .filter_map(|e| e.item.as_deref())
            .collect();
        assert_eq!(kept, ["a"]);
    }

    #[test]
    fn overlapping_allocations_run_neither() {
        let set =
            experiments(json!({ "experiment": [spec("a", [0, 6000]), spec("b", [5000, 10000])] }));
        assert!(set.specs().is_empty());
    }

    #[test]
    fn a_protected_context_or_a_stopped_experiment_assigns_nothing() {
        let set = experiments(json!({
            "protected": [{ "id": "suspended", "when": [{ "fact": "custom.account_status", "equals": "suspended" }] }],
            "experiment": [spec("a", [0, 10000])],
        }));
        let suspended: Context =
            serde_json::from_value(json!({ "custom": { "account_status": "suspended" } })).unwrap();
        assert!(
            set.assign("u1", &suspended, &HashSet::new(), clock())
                .is_empty()
        );
        assert_eq!(
            set.assign("u1", &Context::default(), &HashSet::new(), clock())
                .len(),
            1
        );
        let stopped = HashSet::from(["a".to_owned()]);
        assert!(
            set.assign("u1", &Context::default(), &stopped, clock())
                .is_empty()
        );
    }
}
