//! `content/experiments.toml`: the protected contexts, and the experiments with what each varies, where it may
//! run, its split and the metrics that judge it. Read as JSON (the desk converts the TOML), like the rules.
//!
//! ```toml
//! [[protected]]
//! id = "failed-payment"
//! when = [{ fact = "order.payment_status", equals = "failed" }]
//!
//! [[experiment]]
//! id = "late-order-article"
//! description = "Does the tracking guide settle late orders better than the late-delivery article?"
//! audience = "buyer"
//! surfaces = ["order"]
//! split = [50, 50]
//! planned_units = 2000
//! primary = "resolved"
//! guardrails = [{ metric = "tickets" }]
//! change = { kind = "rule_article", rule = "late-delivery", variants = ["late-delivery", "where-is-my-order"] }
//! ```

use crate::context::{Context, Role};
use crate::embed::Surface;
use crate::rules::condition::Condition;
use crate::rules::date::LocalCalendar;
use crate::rules::facts::Facts;
use crate::rules::{Clock, RuleSet};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A parsed experiments file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExperimentsFile {
    pub protected: Vec<ProtectedContext>,
    pub experiments: Vec<ExperimentSpec>,
}

/// A context no experiment may run in (nor, once nudges exist, any nudge holdout): safety, legal matters,
/// failed payments, suspended accounts. It holds when all its conditions hold (the rules' operators).
#[derive(Clone, Debug, PartialEq)]
pub struct ProtectedContext {
    pub id: String,
    when: Vec<Condition>,
}

/// One `[[experiment]]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentSpec {
    /// Its key in reports and events.
    pub id: String,
    #[serde(default)]
    pub description: String,
    /// What assignment hashes with; defaults to the id. Never change it while the experiment runs.
    #[serde(default)]
    pub salt: Option<String>,
    /// Experiments in one namespace never share a user.
    #[serde(default)]
    pub namespace: Option<NamespaceSpec>,
    /// Only buyers or only sellers; both when absent.
    #[serde(default)]
    pub audience: Option<Role>,
    /// The kinds of page it runs on; all when empty.
    #[serde(default)]
    pub surfaces: Vec<Surface>,
    /// The variants' weights, control first.
    pub split: Vec<u32>,
    /// How many users (all variants together) it plans to expose: where its intervals are tightest.
    pub planned_units: u64,
    /// The metric that decides it.
    pub primary: Metric,
    /// Metrics that stop it, for everyone, the day a variant is surely worse on one.
    #[serde(default)]
    pub guardrails: Vec<GuardrailSpec>,
    pub change: ChangeSpec,
}

/// The part of a namespace an experiment owns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamespaceSpec {
    pub name: String,
    /// `[start, end)` out of 10,000 buckets.
    pub buckets: [u32; 2],
}

/// A guardrail: a metric a variant must not make surely worse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailSpec {
    pub metric: Metric,
}

/// What an experiment varies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ChangeSpec {
    /// The article a rule suggests: `variants[0]` is the rule's own (the control), each other an article shown
    /// in its place.
    RuleArticle { rule: String, variants: Vec<String> },
    /// The reason "Why am I seeing this?" gives for a rule's suggestions: variant 0 (the control) reads the
    /// rule's own `reason`, each other variant one of `reasons` (written as the rule's reason is, with its
    /// placeholders). Only people who open the explanation of one of the rule's suggestions are exposed.
    RuleReason { rule: String, reasons: Vec<Value> },
    /// The words of a proactive rule's nudge: variant 0 (the control) reads the rule's own `[rule.nudge]`
    /// `text`, each other variant one of `wordings` (a string in English, or a table of language → text, with
    /// the rule's placeholders). Only people the nudge is shown to are exposed; the desk picks the words.
    NudgeWording { rule: String, wordings: Vec<Value> },
    /// A proactive rule's nudge: variant 0 (the control) never sees it, variant 1 does. The desk makes one for
    /// every proactive rule from its `nudge.holdout` (see [`ExperimentSpec::nudge_holdout`]); the file cannot
    /// declare one.
    NudgeHoldout { rule: String },
    /// The text of an article, wherever it is opened: variant 0 (the control) reads the article's own, each
    /// other variant one of `texts`, files of the content folder's `variants/` written like articles (in
    /// every language the article is). The article keeps its id, so votes and reads count for it.
    ArticleText { article: String, texts: Vec<String> },
    /// The contact view during an incident on the page: variant 0 (the control) shows the status above the
    /// form, variant 1 as a step before it, the form one button away. Only people who open the contact view
    /// while an incident shows there are exposed.
    StatusFirst,
    /// An escalation criterion: the order amount from which a ticket about the order comes first (priority
    /// High; `content/triage.toml` `[large_order]`). Variant 0 (the control) uses the site's thresholds, each
    /// other variant one of `percents` of them (60: from 60 % of the amount). The desk applies the variant when
    /// the ticket is filed, for people the widget says were assigned on their page (so protected contexts are
    /// judged on the whole page); only those whose order is large under some variant are exposed.
    LargeOrder { percents: Vec<u32> },
}

/// The names of a status-first experiment's variants, control first.
pub const STATUS_FIRST_VARIANTS: [&str; 2] = ["status above the form", "status before the form"];

/// The kinds of [`ChangeSpec`], as reports name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    RuleArticle,
    RuleReason,
    NudgeWording,
    NudgeHoldout,
    ArticleText,
    StatusFirst,
    LargeOrder,
}

/// The names of a nudge holdout's variants, control first.
pub const NUDGE_HOLDOUT_VARIANTS: [&str; 2] = ["holdout", "nudge"];

/// The experiment id of proactive rule `rule`'s holdout.
pub fn nudge_holdout_id(rule: &str) -> String {
    format!("nudge:{rule}")
}

/// What happens to an exposed user, counted from the day of their exposure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Self-service resolution confirmed by a "helpful" vote, with no ticket.
    Resolved,
    /// Filed a ticket.
    Tickets,
    /// Filed two or more tickets (repeat contact).
    RepeatContact,
    /// Rated the help they got on a ticket 1 to 3 of 5 (satisfaction, CSAT): of everyone exposed, so that a
    /// variant is compared on the same people as the other metrics.
    Unsatisfied,
}

impl Metric {
    /// Whether more is better.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Metric::Resolved)
    }
}

/// Why an experiments file, or one experiment in it, cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExperimentsError {
    /// The file's shape is wrong: nothing in it is used.
    #[error("experiments file: {0}")]
    Syntax(String),
    /// A protected context is wrong: nothing in the file is used (running without it would be unsafe).
    #[error("protected context {id}: {problem}")]
    Protected { id: String, problem: String },
}

impl ExperimentsFile {
    /// Reads the file's JSON form: optional lists `protected` and `experiment`, nothing else.
    pub fn from_json(value: &Value) -> Result<ExperimentsFile, ExperimentsError> {
        let syntax = |problem: String| ExperimentsError::Syntax(problem);
        let Value::Object(file) = value else {
            return Err(syntax("expected a table".into()));
        };
        if let Some(key) = file
            .keys()
            .find(|key| *key != "protected" && *key != "experiment")
        {
            return Err(syntax(format!(
                "unknown key `{key}` (expected `protected` and `experiment`)"
            )));
        }
        let list = |key: &str| match file.get(key) {
            None => Ok(vec![]),
            Some(Value::Array(list)) => Ok(list.clone()),
            Some(_) => Err(syntax(format!(
                "`{key}` must be a list of tables (`[[{key}]]`)"
            ))),
        };
        let protected = list("protected")?
            .iter()
            .enumerate()
            .map(|(index, value)| ProtectedContext::from_json(index, value))
            .collect::<Result<Vec<_>, _>>()?;
        let experiments = list("experiment")?
            .into_iter()
            .enumerate()
            .map(|(index, value)| {
                serde_json::from_value::<ExperimentSpec>(value)
                    .map_err(|err| syntax(format!("experiment #{}: {err}", index + 1)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ExperimentsFile {
            protected,
            experiments,
        })
    }

    /// The first protected context the page is in, if any.
    pub fn protected_match(&self, context: &Context, clock: Clock) -> Option<&str> {
        let facts = Facts::new(context, &Map::new());
        let calendar = LocalCalendar::new(clock);
        self.protected
            .iter()
            .find(|protected| {
                protected
                    .when
                    .iter()
                    .all(|condition| condition.holds(facts.get(&condition.fact), &calendar))
            })
            .map(|protected| protected.id.as_str())
    }

    /// The problem with each experiment that cannot run, by id: an unknown rule or article, a control the rule
    /// does not suggest, a split that does not fit the variants, a rule that fires only in a protected context,
    /// a duplicate id, a guardrail that is the primary metric, a text that cannot stand in for its article
    /// (`text_problem(article, text)` says why).
    pub fn problems(
        &self,
        rules: Option<&RuleSet>,
        known_article: &dyn Fn(&str) -> bool,
        text_problem: &dyn Fn(&str, &str) -> Option<String>,
    ) -> Vec<(String, String)> {
        let mut problems = vec![];
        for (index, spec) in self.experiments.iter().enumerate() {
            let mut problem = |text: String| problems.push((spec.id.clone(), text));
            if spec.id.trim().is_empty() {
                problem("needs an id".into());
            }
            if self.experiments[..index].iter().any(|e| e.id == spec.id) {
                problem("duplicate id".into());
            }
            if spec.planned_units == 0 {
                problem("`planned_units` must be at least 1".into());
            }
            if spec.guardrails.iter().any(|g| g.metric == spec.primary) {
                problem("a guardrail cannot be the primary metric".into());
            }
            if let Some(NamespaceSpec {
                buckets: [start, end],
                ..
            }) = spec.namespace
                && (start >= end || end > 10_000)
            {
                problem(format!(
                    "namespace buckets {start}..{end} must be a range within 0..10000"
                ));
            }
            let (rule, variants) = match &spec.change {
                ChangeSpec::RuleArticle { rule, variants } => (rule, variants),
                ChangeSpec::NudgeWording { rule, wordings } => {
                    alternatives_problems(
                        spec,
                        wordings.len(),
                        ("wording", "the rule's own words"),
                        &mut problem,
                    );
                    let problem_of = RuleSet::nudge_wording_problem;
                    self.wordings_problems(rules, rule, wordings, problem_of, &mut problem);
                    continue;
                }
                ChangeSpec::RuleReason { rule, reasons } => {
                    alternatives_problems(
                        spec,
                        reasons.len(),
                        ("wording", "the rule's own reason"),
                        &mut problem,
                    );
                    let varied_before = self.experiments[..index].iter().any(|e| {
                        matches!(&e.change, ChangeSpec::RuleReason { rule: r, .. } if r == rule)
                    });
                    if varied_before {
                        problem(format!(
                            "another experiment already varies the reason of `{rule}`"
                        ));
                    }
                    let problem_of = RuleSet::reason_wording_problem;
                    self.wordings_problems(rules, rule, reasons, problem_of, &mut problem);
                    continue;
                }
                ChangeSpec::NudgeHoldout { .. } => {
                    problem("nudge holdouts are set on the rule (`[rule.nudge]` `holdout`)".into());
                    continue;
                }
                ChangeSpec::StatusFirst => {
                    if spec.split.len() != 2 || spec.split.contains(&0) {
                        problem("`split` needs two positive weights: the status above the form, then before it".into());
                    }
                    let before = self.experiments[..index]
                        .iter()
                        .any(|e| e.change == ChangeSpec::StatusFirst);
                    if before {
                        problem(
                            "another experiment already varies the contact view's status".into(),
                        );
                    }
                    continue;
                }
                ChangeSpec::LargeOrder { percents } => {
                    alternatives_problems(
                        spec,
                        percents.len(),
                        ("share", "the site's thresholds"),
                        &mut problem,
                    );
                    for percent in percents
                        .iter()
                        .filter(|p| !(1..=1000).contains(*p) || **p == 100)
                    {
                        problem(format!(
                            "share {percent} % must be 1 to 1000 and not 100 (the control's)"
                        ));
                    }
                    let before = self.experiments[..index]
                        .iter()
                        .any(|e| matches!(e.change, ChangeSpec::LargeOrder { .. }));
                    if before {
                        problem(
                            "another experiment already varies the large-order criterion".into(),
                        );
                    }
                    continue;
                }
                ChangeSpec::ArticleText { article, texts } => {
                    alternatives_problems(
                        spec,
                        texts.len(),
                        ("text", "the article's own text"),
                        &mut problem,
                    );
                    let varied_before = self.experiments[..index]
                        .iter()
                        .any(|e| e.article_and_texts().is_some_and(|(a, _)| a == article));
                    if varied_before {
                        problem(format!(
                            "another experiment already varies the text of `{article}`"
                        ));
                    }
                    if !known_article(article) {
                        problem(format!("unknown article `{article}`"));
                    } else {
                        for why in texts.iter().filter_map(|text| text_problem(article, text)) {
                            problem(why);
                        }
                    }
                    continue;
                }
            };
            if variants.len() < 2 {
                problem("needs a control and at least one variant".into());
            }
            if spec.split.len() != variants.len() || spec.split.contains(&0) {
                problem(format!(
                    "`split` needs one positive weight per variant ({})",
                    variants.len()
                ));
            }
            for article in variants.iter().filter(|id| !known_article(id)) {
                problem(format!("unknown article `{article}`"));
            }
            match rules.and_then(|rules| rules.rule(rule)) {
                None => problem(format!("unknown rule `{rule}`")),
                Some(found) => {
                    if variants
                        .first()
                        .is_some_and(|control| !found.suggests_article(control))
                    {
                        problem(format!(
                            "rule `{rule}` does not suggest the control `{}`",
                            variants[0]
                        ));
                    }
                    self.fires_only_protected(rule, &found.when, &mut problem);
                }
            }
        }
        problems
    }

    /// Reports an unknown rule, each of `wordings` that cannot stand in for the rule's own text (`problem_of`
    /// says why), and a rule that fires only in a protected context.
    fn wordings_problems(
        &self,
        rules: Option<&RuleSet>,
        rule: &str,
        wordings: &[Value],
        problem_of: fn(&RuleSet, &str, &Value) -> Option<String>,
        problem: &mut impl FnMut(String),
    ) {
        match rules.and_then(|rules| Some((rules, rules.rule(rule)?))) {
            None => problem(format!("unknown rule `{rule}`")),
            Some((rules, found)) => {
                for (index, wording) in wordings.iter().enumerate() {
                    if let Some(why) = problem_of(rules, rule, wording) {
                        problem(format!("wording #{}: {why}", index + 1));
                    }
                }
                self.fires_only_protected(rule, &found.when, problem);
            }
        }
    }

    /// Reports rule `rule` (firing `when`) when all its conditions put it in a protected context.
    fn fires_only_protected(
        &self,
        rule: &str,
        when: &[Condition],
        problem: &mut impl FnMut(String),
    ) {
        if let Some(protected) = self
            .protected
            .iter()
            .find(|p| p.when.iter().all(|c| when.contains(c)))
        {
            problem(format!(
                "rule `{rule}` fires only in the protected context `{}`",
                protected.id
            ));
        }
    }
}

/// Reports an experiment whose variants are its subject's own (the control) and `count` alternatives, each a
/// `kind`, without an alternative or without one positive weight for each variant.
fn alternatives_problems(
    spec: &ExperimentSpec,
    count: usize,
    (kind, own): (&str, &str),
    problem: &mut impl FnMut(String),
) {
    if count == 0 {
        problem(format!("needs at least one {kind} beside {own}"));
    }
    if spec.split.len() != count + 1 || spec.split.contains(&0) {
        problem(format!(
            "`split` needs one positive weight for {own} and one per {kind} ({})",
            count + 1
        ));
    }
}

impl ProtectedContext {
    fn from_json(index: usize, value: &Value) -> Result<ProtectedContext, ExperimentsError> {
        let name = value
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("#{}", index + 1), str::to_owned);
        let problem = |problem: String| ExperimentsError::Protected {
            id: name.clone(),
            problem,
        };
        let Value::Object(table) = value else {
            return Err(problem("must be a table".into()));
        };
        if let Some(key) = table.keys().find(|key| *key != "id" && *key != "when") {
            return Err(problem(format!("unknown key `{key}`")));
        }
        let Some(id) = table.get("id").and_then(Value::as_str) else {
            return Err(problem("needs an `id`".into()));
        };
        let Some(Value::Array(when)) = table.get("when") else {
            return Err(problem("needs a `when` list of conditions".into()));
        };
        if when.is_empty() {
            return Err(problem("`when` must not be empty".into()));
        }
        let when = when
            .iter()
            .map(|condition| Condition::parse(condition).map_err(|err| problem(err.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ProtectedContext {
            id: id.to_owned(),
            when,
        })
    }
}

impl ExperimentSpec {
    /// What assignment hashes with.
    pub fn salt(&self) -> &str {
        self.salt.as_deref().unwrap_or(&self.id)
    }

    /// Whether the page's audience and surface are ones the experiment may run on.
    pub fn fits(&self, context: &Context) -> bool {
        let audience = self
            .audience
            .is_none_or(|wanted| context.role == Some(wanted));
        let surface =
            self.surfaces.is_empty() || context.surface.is_some_and(|s| self.surfaces.contains(&s));
        audience && surface
    }

    /// What the experiment varies, and the rule (or, for an article's text, the article) it is about; nothing
    /// for the contact view's status and the large-order criterion.
    pub fn subject(&self) -> (ChangeKind, &str) {
        match &self.change {
            ChangeSpec::RuleArticle { rule, .. } => (ChangeKind::RuleArticle, rule),
            ChangeSpec::RuleReason { rule, .. } => (ChangeKind::RuleReason, rule),
            ChangeSpec::NudgeWording { rule, .. } => (ChangeKind::NudgeWording, rule),
            ChangeSpec::NudgeHoldout { rule } => (ChangeKind::NudgeHoldout, rule),
            ChangeSpec::ArticleText { article, .. } => (ChangeKind::ArticleText, article),
            ChangeSpec::StatusFirst => (ChangeKind::StatusFirst, ""),
            ChangeSpec::LargeOrder { .. } => (ChangeKind::LargeOrder, ""),
        }
    }

    /// The rule whose suggestions the list shows changed (their article or their reason); `None` for other
    /// kinds.
    pub fn listed_rule(&self) -> Option<&str> {
        match &self.change {
            ChangeSpec::RuleArticle { rule, .. } | ChangeSpec::RuleReason { rule, .. } => {
                Some(rule)
            }
            _ => None,
        }
    }

    /// Whether the widget asks for the variants: it applies them (a rule's article, an article's text, the
    /// contact view's status) or, for the large-order criterion, tells the desk it was assigned when it files a
    /// ticket. A nudge's holdout and words the desk applies alone.
    pub fn asked_by_widget(&self) -> bool {
        !matches!(
            self.change,
            ChangeSpec::NudgeWording { .. } | ChangeSpec::NudgeHoldout { .. }
        )
    }

    /// Whether the widget reports the exposures (it shows the variant: a rule's article or reason, an
    /// article's text, the contact view's status), rather than the desk (a nudge's holdout and words, the
    /// large-order criterion).
    pub fn exposed_by_widget(&self) -> bool {
        matches!(
            self.change,
            ChangeSpec::RuleArticle { .. }
                | ChangeSpec::RuleReason { .. }
                | ChangeSpec::ArticleText { .. }
                | ChangeSpec::StatusFirst
        )
    }

    /// The article whose text varies, and the text of each variant after the control; `None` for other kinds.
    pub fn article_and_texts(&self) -> Option<(&str, &[String])> {
        match &self.change {
            ChangeSpec::ArticleText { article, texts } => Some((article, texts)),
            _ => None,
        }
    }

    /// The words variant `variant` of a wording experiment (a nudge's, a rule's reason) shows instead of the
    /// rule's own (`None` for the control, and for other kinds).
    pub fn wording(&self, variant: u32) -> Option<&Value> {
        let index = usize::try_from(variant).ok()?.checked_sub(1)?;
        match &self.change {
            ChangeSpec::NudgeWording { wordings, .. } => wordings.get(index),
            ChangeSpec::RuleReason { reasons, .. } => reasons.get(index),
            _ => None,
        }
    }

    /// The share of the large-order thresholds (in percent) variant `variant` raises a ticket from, and the
    /// smallest share of any variant; `None` for other kinds.
    pub fn large_order_percents(&self, variant: u32) -> Option<(u32, u32)> {
        let ChangeSpec::LargeOrder { percents } = &self.change else {
            return None;
        };
        let own = match usize::try_from(variant).ok()?.checked_sub(1) {
            None => 100,
            Some(index) => *percents.get(index)?,
        };
        let lowest = percents.iter().copied().fold(100, u32::min);
        Some((own, lowest))
    }

    /// The text variant `variant` of an article text experiment shows instead of the article's own (`None` for
    /// the control, and for other kinds).
    pub fn text(&self, variant: u32) -> Option<&str> {
        let (_, texts) = self.article_and_texts()?;
        let index = usize::try_from(variant).ok()?.checked_sub(1)?;
        texts.get(index).map(String::as_str)
    }

    /// What each variant shows, control first: an article id, a nudge's or a reason's English words ("own
    /// words" for the rule's), a text's file ("own text" for the article's), a share of the large-order thresholds ("100 %"
    /// for the site's own), or for a nudge holdout and the contact view's status [`NUDGE_HOLDOUT_VARIANTS`] and
    /// [`STATUS_FIRST_VARIANTS`].
    pub fn variant_names(&self) -> Vec<String> {
        match &self.change {
            ChangeSpec::RuleArticle { variants, .. } => variants.clone(),
            ChangeSpec::NudgeWording {
                wordings: words, ..
            }
            | ChangeSpec::RuleReason { reasons: words, .. } => {
                std::iter::once("own words".to_owned())
                    .chain(words.iter().map(|wording| {
                        let english = wording.get("en").unwrap_or(wording);
                        english.as_str().unwrap_or_default().to_owned()
                    }))
                    .collect()
            }
            ChangeSpec::NudgeHoldout { .. } => NUDGE_HOLDOUT_VARIANTS.map(str::to_owned).to_vec(),
            ChangeSpec::ArticleText { texts, .. } => std::iter::once("own text".to_owned())
                .chain(texts.iter().cloned())
                .collect(),
            ChangeSpec::StatusFirst => STATUS_FIRST_VARIANTS.map(str::to_owned).to_vec(),
            ChangeSpec::LargeOrder { percents } => std::iter::once(100)
                .chain(percents.iter().copied())
                .map(|percent| format!("{percent} %"))
                .collect(),
        }
    }

    /// The holdout of proactive rule `rule`: `holdout_percent` of the users on pages where it fires never see
    /// its nudge, and the ticket rates of both groups say whether it helps. Its guardrail is repeat contact:
    /// a nudge that surely brings people back with a second ticket stops, and then nobody sees it.
    pub fn nudge_holdout(rule: &str, holdout_percent: u32) -> ExperimentSpec {
        ExperimentSpec {
            id: nudge_holdout_id(rule),
            description: format!(
                "Does the nudge of rule `{rule}` change how many people file a ticket?"
            ),
            salt: None,
            namespace: None,
            audience: None,
            surfaces: vec![],
            split: vec![holdout_percent, 100 - holdout_percent],
            planned_units: NUDGE_HOLDOUT_PLANNED_UNITS,
            primary: Metric::Tickets,
            guardrails: vec![GuardrailSpec {
                metric: Metric::RepeatContact,
            }],
            change: ChangeSpec::NudgeHoldout {
                rule: rule.to_owned(),
            },
        }
    }
}

/// Where a nudge holdout's intervals are tightest: a nudge is meant for many pages.
const NUDGE_HOLDOUT_PLANNED_UNITS: u64 = 10_000;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules() -> RuleSet {
        RuleSet::from_json(&json!({ "rule": [
            { "id": "late-delivery", "priority": 90, "reason": "{order.id} is late.",
              "when": [{ "fact": "order.status", "equals": "shipped" }],
              "suggest": [{ "article": "late-delivery" }],
              "nudge": { "queue": "orders", "text": "Order {order.id} is late." } },
            { "id": "payment-failed", "priority": 95, "reason": "Failed.",
              "when": [{ "fact": "surface", "equals": "checkout" },
                       { "fact": "order.payment_status", "equals": "failed" }],
              "suggest": [{ "article": "payment-declined" }] },
        ]}))
        .unwrap()
    }

    fn file(experiment: Value) -> Value {
        json!({
            "protected": [{ "id": "failed-payment",
                            "when": [{ "fact": "order.payment_status", "equals": "failed" }] }],
            "experiment": [experiment],
        })
    }

    fn experiment(rule: &str, variants: [&str; 2]) -> Value {
        json!({ "id": "e", "split": [50, 50], "planned_units": 100, "primary": "resolved",
                "guardrails": [{ "metric": "tickets" }],
                "change": { "kind": "rule_article", "rule": rule, "variants": variants } })
    }

    fn problems(experiment: Value) -> Vec<String> {
        let known = |id: &str| id != "missing";
        let text_problem = |article: &str, text: &str| {
            (text == "untranslated")
                .then(|| format!("text `{text}` is not in Spanish like `{article}`"))
        };
        ExperimentsFile::from_json(&file(experiment))
            .unwrap()
            .problems(Some(&rules()), &known, &text_problem)
            .into_iter()
            .map(|(_, problem)| problem)
            .collect()
    }

    #[test]
    fn a_sound_experiment_has_no_problem() {
        assert!(problems(experiment("late-delivery", ["late-delivery", "other"])).is_empty());
    }

    #[test]
    fn an_experiment_on_a_protected_context_is_refused() {
        let found = problems(experiment("payment-failed", ["payment-declined", "other"]));
        assert_eq!(
            found,
            ["rule `payment-failed` fires only in the protected context `failed-payment`"]
        );
    }

    #[test]
    fn unknown_rules_articles_and_controls_are_named() {
        assert_eq!(
            problems(experiment("nope", ["late-delivery", "other"])),
            ["unknown rule `nope`"]
        );
        assert_eq!(
            problems(experiment("late-delivery", ["late-delivery", "missing"])),
            ["unknown article `missing`"]
        );
        assert_eq!(
            problems(experiment("late-delivery", ["other", "late-delivery"])),
            ["rule `late-delivery` does not suggest the control `other`"]
        );
    }

    #[test]
    fn a_nudge_wording_keeps_its_rules_placeholders_and_split() {
        let wording = |rule: &str, wordings: Value, split: Value| {
            json!({ "id": "w", "split": split, "planned_units": 100, "primary": "tickets",
                    "change": { "kind": "nudge_wording", "rule": rule, "wordings": wordings } })
        };
        let sound = json!(["{order.id} is running late. We can help."]);
        assert!(problems(wording("late-delivery", sound.clone(), json!([1, 1]))).is_empty());
        assert_eq!(
            problems(wording("late-delivery", sound, json!([1, 1, 1]))),
            ["`split` needs one positive weight for the rule's own words and one per wording (2)"]
        );
        assert_eq!(
            problems(wording(
                "late-delivery",
                json!(["Late again."]),
                json!([1, 1])
            )),
            [
                "wording #1: `text.en` must use the same placeholders as the rule's own `text.en`: missing `{order.id}`"
            ]
        );
        let untranslatable = json!([{ "en": "{order.id}: late.", "es": "Tarde." }]);
        assert_eq!(
            problems(wording("late-delivery", untranslatable, json!([1, 1]))),
            [
                "wording #1: `text.es` must use the same placeholders as the rule's own `text.en`: missing `{order.id}`"
            ]
        );
        assert_eq!(
            problems(wording("payment-failed", json!(["Failed."]), json!([1, 1]))),
            [
                "wording #1: rule `payment-failed` has no `[rule.nudge]`",
                "rule `payment-failed` fires only in the protected context `failed-payment`"
            ]
        );
        assert_eq!(
            problems(wording("nope", json!(["x"]), json!([1, 1]))),
            ["unknown rule `nope`"]
        );
    }

    #[test]
    fn a_rule_reason_keeps_its_placeholders_split_and_one_experiment_per_rule() {
        let reason = |rule: &str, reasons: Value| {
            json!({ "id": "r", "split": [1, 1], "planned_units": 100, "primary": "resolved",
                    "change": { "kind": "rule_reason", "rule": rule, "reasons": reasons } })
        };
        let sound =
            json!([{ "en": "{order.id} should have arrived.", "es": "{order.id} debió llegar." }]);
        assert!(problems(reason("late-delivery", sound.clone())).is_empty());
        let spec: ExperimentSpec =
            serde_json::from_value(reason("late-delivery", sound.clone())).unwrap();
        assert_eq!(
            spec.variant_names(),
            ["own words", "{order.id} should have arrived."]
        );
        assert_eq!(spec.subject(), (ChangeKind::RuleReason, "late-delivery"));
        assert_eq!(spec.listed_rule(), Some("late-delivery"));
        assert_eq!(spec.wording(0), None, "the control reads the rule's own");
        assert_eq!(spec.wording(1), Some(&sound[0]));
        assert!(spec.asked_by_widget() && spec.exposed_by_widget());

        assert_eq!(
            problems(reason("late-delivery", json!(["Late again."]))),
            [
                "wording #1: `reason.en` must use the same placeholders as the rule's own `reason.en`: missing `{order.id}`"
            ]
        );
        assert_eq!(
            problems(reason("late-delivery", json!([]))),
            [
                "needs at least one wording beside the rule's own reason",
                "`split` needs one positive weight for the rule's own reason and one per wording (1)"
            ]
        );
        assert_eq!(
            problems(reason("payment-failed", json!(["Declined."]))),
            ["rule `payment-failed` fires only in the protected context `failed-payment`"]
        );
        assert_eq!(
            problems(reason("nope", json!(["x"]))),
            ["unknown rule `nope`"]
        );
        let twice = json!({ "experiment": [
            reason("late-delivery", sound.clone()),
            json!({ "id": "r2", "split": [1, 1], "planned_units": 100, "primary": "resolved",
                    "change": { "kind": "rule_reason", "rule": "late-delivery", "reasons": sound } }),
        ]});
        let found = ExperimentsFile::from_json(&twice).unwrap().problems(
            Some(&rules()),
            &|_| true,
            &|_, _| None,
        );
        assert_eq!(
            found,
            [(
                "r2".to_owned(),
                "another experiment already varies the reason of `late-delivery`".to_owned()
            )]
        );
    }

    #[test]
    fn an_article_text_needs_its_article_texts_that_fit_and_a_split_for_each() {
        let text = |article: &str, texts: Value, split: Value| {
            json!({ "id": "t", "split": split, "planned_units": 100, "primary": "resolved",
                    "change": { "kind": "article_text", "article": article, "texts": texts } })
        };
        assert!(problems(text("late-delivery", json!(["short"]), json!([1, 1]))).is_empty());
        assert_eq!(
            problems(text("late-delivery", json!([]), json!([1]))),
            ["needs at least one text beside the article's own text"]
        );
        assert_eq!(
            problems(text("late-delivery", json!(["short"]), json!([1, 1, 1]))),
            ["`split` needs one positive weight for the article's own text and one per text (2)"]
        );
        assert_eq!(
            problems(text("missing", json!(["short"]), json!([1, 1]))),
            ["unknown article `missing`"]
        );
        assert_eq!(
            problems(text(
                "late-delivery",
                json!(["untranslated"]),
                json!([1, 1])
            )),
            ["text `untranslated` is not in Spanish like `late-delivery`"]
        );
        let spec: ExperimentSpec =
            serde_json::from_value(text("late-delivery", json!(["short"]), json!([1, 1]))).unwrap();
        assert_eq!(spec.variant_names(), ["own text", "short"]);
        assert_eq!(spec.subject(), (ChangeKind::ArticleText, "late-delivery"));
        assert_eq!(spec.listed_rule(), None);
    }

    #[test]
    fn a_status_first_experiment_has_two_variants_and_runs_alone() {
        let status = |split: Value| {
            json!({ "id": "s", "split": split, "planned_units": 100, "primary": "tickets",
                    "change": { "kind": "status_first" } })
        };
        assert!(problems(status(json!([1, 1]))).is_empty());
        assert_eq!(
            problems(status(json!([1, 1, 1]))),
            ["`split` needs two positive weights: the status above the form, then before it"]
        );
        let twice = ExperimentsFile::from_json(
            &json!({ "experiment": [status(json!([1, 1])), status(json!([1, 1]))] }),
        )
        .unwrap()
        .problems(Some(&rules()), &|_| true, &|_, _| None);
        assert_eq!(
            twice,
            [
                ("s".to_owned(), "duplicate id".to_owned()),
                (
                    "s".to_owned(),
                    "another experiment already varies the contact view's status".to_owned()
                )
            ]
        );
        let spec: ExperimentSpec = serde_json::from_value(status(json!([1, 1]))).unwrap();
        assert_eq!(spec.variant_names(), STATUS_FIRST_VARIANTS);
        assert_eq!(spec.subject(), (ChangeKind::StatusFirst, ""));
    }

    #[test]
    fn a_large_order_experiment_shares_the_thresholds_and_runs_alone() {
        let large = |percents: Value, split: Value| {
            json!({ "id": "l", "split": split, "planned_units": 100, "primary": "unsatisfied",
                    "change": { "kind": "large_order", "percents": percents } })
        };
        assert!(problems(large(json!([60]), json!([1, 1]))).is_empty());
        assert_eq!(
            problems(large(json!([60, 100, 0]), json!([1, 1]))),
            [
                "`split` needs one positive weight for the site's thresholds and one per share (4)",
                "share 100 % must be 1 to 1000 and not 100 (the control's)",
                "share 0 % must be 1 to 1000 and not 100 (the control's)",
            ]
        );
        let twice = ExperimentsFile::from_json(&json!({ "experiment": [
            large(json!([60]), json!([1, 1])),
            { "id": "m", "split": [1, 1], "planned_units": 100, "primary": "tickets",
              "change": { "kind": "large_order", "percents": [150] } },
        ] }))
        .unwrap()
        .problems(Some(&rules()), &|_| true, &|_, _| None);
        assert_eq!(
            twice,
            [(
                "m".to_owned(),
                "another experiment already varies the large-order criterion".to_owned()
            )]
        );
        let spec: ExperimentSpec =
            serde_json::from_value(large(json!([60, 150]), json!([1, 1, 1]))).unwrap();
        assert_eq!(spec.variant_names(), ["100 %", "60 %", "150 %"]);
        assert_eq!(spec.large_order_percents(0), Some((100, 60)));
        assert_eq!(spec.large_order_percents(2), Some((150, 60)));
        assert_eq!(spec.large_order_percents(3), None);
        assert_eq!(spec.subject(), (ChangeKind::LargeOrder, ""));
        assert!(spec.asked_by_widget());
        assert!(!spec.exposed_by_widget(), "the desk logs its exposures");
    }

    #[test]
    fn a_context_is_protected_when_every_condition_holds() {
        let parsed = ExperimentsFile::from_json(&file(json!({}))).unwrap_err();
        assert!(matches!(parsed, ExperimentsError::Syntax(_)));
        let parsed = ExperimentsFile::from_json(&json!({ "protected": [
            { "id": "failed-payment", "when": [{ "fact": "order.payment_status", "equals": "failed" }] },
        ]}))
        .unwrap();
        let clock = Clock {
            now_unix_seconds: 0,
            utc_offset_minutes: 0,
        };
        let context = |status: &str| {
            serde_json::from_value::<Context>(json!({ "order": { "payment_status": status } }))
                .unwrap()
        };
        assert_eq!(
            parsed.protected_match(&context("failed"), clock),
            Some("failed-payment")
        );
        assert_eq!(parsed.protected_match(&context("paid"), clock), None);
    }

    #[test]
    fn a_broken_protected_context_refuses_the_whole_file() {
        let broken = json!({ "protected": [{ "id": "p", "when": [{ "fact": "order.status" }] }] });
        assert!(matches!(
            ExperimentsFile::from_json(&broken),
            Err(ExperimentsError::Protected { .. })
        ));
    }

    #[test]
    fn a_file_cannot_declare_a_nudge_holdout() {
        let found = problems(
            json!({ "id": "e", "split": [10, 90], "planned_units": 100, "primary": "tickets",
            "change": { "kind": "nudge_holdout", "rule": "late-delivery" } }),
        );
        assert_eq!(
            found,
            ["nudge holdouts are set on the rule (`[rule.nudge]` `holdout`)"]
        );
        let made = ExperimentSpec::nudge_holdout("late-delivery", 10);
        assert_eq!(
            (made.id.as_str(), made.split.as_slice()),
            ("nudge:late-delivery", &[10, 90][..])
        );
        assert_eq!(made.variant_names(), ["holdout", "nudge"]);
        assert_eq!(made.listed_rule(), None);
    }

    #[test]
    fn audience_and_surface_limit_where_it_runs() {
        let spec: ExperimentSpec = serde_json::from_value(json!({
            "id": "e", "audience": "buyer", "surfaces": ["order"], "split": [1, 1], "planned_units": 10,
            "primary": "resolved",
            "change": { "kind": "rule_article", "rule": "r", "variants": ["a", "b"] } }))
        .unwrap();
        let context = |value: Value| serde_json::from_value::<Context>(value).unwrap();
        assert!(spec.fits(&context(json!({ "role": "buyer", "surface": "order" }))));
        assert!(!spec.fits(&context(json!({ "role": "seller", "surface": "order" }))));
        assert!(!spec.fits(&context(json!({ "role": "buyer", "surface": "checkout" }))));
    }
}
