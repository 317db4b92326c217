//! The suggestion rules engine: which help items fit the user's situation, and why.
//!
//! Rules come from `content/rules.toml`, read as JSON ([`RuleSet::from_json`]) so the widget needs no TOML
//! parser; the `toml` feature adds `RuleSet::from_toml` and `RuleSet::toml_to_json` for the desk. Each `[[rule]]` has conditions on facts (dotted paths into the
//! [`Context`] serialised as JSON, plus the caller's extra facts such as `incidents.active`), the articles and
//! actions it suggests, a priority and a reason template. `[[fallback]]` entries cover a surface when no rule
//! fires. The widget (wasm) and the desk's preview run the same code, so [`RuleSet::suggest`] is pure: the
//! current time and the formatting come in as arguments.
//!
//! ```toml
//! [[rule]]
//! id = "late-delivery"
//! priority = 90
//! when = [
//!   { fact = "order.status", in = ["placed", "shipped"] },
//!   { fact = "order.promised_by", days_since = { gt = 0 } },
//! ]
//! suggest = [
//!   { article = "late-delivery" },
//!   { flow = "where-is-my-order" },
//!   { action = "contact", topic = "order-not-arrived", label = { en = "Report a late order", es = "Avisar de un retraso" } },
//! ]
//! reason = "Order {order.id} was due on {order.promised_by|date}, {order.promised_by|days_since} days ago."
//! ```
//!
//! A `reason` (of a rule or a fallback) and an action's `label` are either a string, the English text, or a
//! table of language → text in which `en` is required:
//! `reason = { en = "Order {order.id} was due on …", es = "El pedido {order.id} debía llegar el …" }`. Keys are
//! lowercase language subtags (`es`, `ar`, `pt`: no region). The user gets the text for the language of
//! [`Context::locale`] (`es-MX` → `es`), else `en`. Every translation of a reason must use the same placeholders
//! as `en`, as often, in any order: a rules file where one does not is rejected, naming the rule and the
//! language. So a rule fires in the same situations and its reason lists the same facts ([`FactUsed`], in the
//! English template's order) whatever the language. A `contact` action without `label` reads "Contact
//! support", in English.
//!
//! Operators: `equals`, `in`, `exists`, `contains`, `gt`/`gte`/`lt`/`lte`, and `days_since`/`days_until`
//! with `{ gt|gte|lt|lte|equals = N }`. Template filters are described in the `template` module.
//!
//! A `[rule.nudge]` table makes the rule proactive: it also speaks first, beside the launcher (see the
//! `nudges` module).
//!
//! A `{ flow = "id" }` entry suggests a guided flow (`content/flows/<id>.toml`, see [`crate::flows`]). Flows
//! are not items of the suggestion list: [`RuleSet::suggest_flows`] gives them, each with the same [`Reason`]s,
//! and [`RuleSet::suggest`] leaves them out (a rule that suggests only a flow adds no item, so the fallbacks
//! may still fill the list). The conditions and templates here are the ones flows branch on and cite.

pub(crate) mod condition;
pub(crate) mod date;
pub(crate) mod facts;
mod flows;
mod format;
mod item;
pub(crate) mod localized;
mod nudges;
pub(crate) mod parse;
pub(crate) mod template;
// The fixtures are TOML: `cargo test -p signpost-core --features toml` runs these.
#[cfg(all(test, feature = "toml"))]
mod tests;
#[cfg(test)]
mod tests_json;
#[cfg(test)]
mod tests_props;

pub use facts::KNOWN_FACTS;
pub use flows::{FlowSuggestion, UnknownFlow};
pub use format::{Formatter, PlainFormatter};
pub use localized::is_language_subtag;
pub use nudges::{DEFAULT_HOLDOUT_PERCENT, MAX_HOLDOUT_PERCENT, NudgeCandidate, ProactiveRule};

use crate::context::{Context, Role};
use crate::help::ArticleSummary;
use date::LocalCalendar;
use facts::{Facts, Usage, facts_used};
use localized::Localized;
use parse::{Fallback, Item, Rule};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::collections::BTreeSet;
use template::Template;

/// The most items the widget shows at once.
pub const MAX_SUGGESTIONS: usize = 5;

/// The moment of the request, as the user experiences it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub now_unix_seconds: i64,
    /// The user's offset from UTC in minutes, east positive (Berlin in winter: 60).
    pub utc_offset_minutes: i32,
}

/// One help item to show, with every reason it was chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub item: SuggestedItem,
    /// Why it is shown: one reason per rule (or fallback) that chose it, best first.
    pub reasons: Vec<Reason>,
    /// The priority of the best rule that chose it; fallbacks use 0.
    pub priority: i32,
}

/// What a suggestion opens. Read through [`item::Fields`], which weighs less in the widget than serde's reading
/// of an internally tagged enum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "item::Fields")]
pub enum SuggestedItem {
    /// A help article.
    Article(ArticleSummary),
    /// A button that does something in the widget.
    Action(Action),
}

/// A button in the suggestions list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Which action. Named `action` on the wire, because `kind` is already the item's tag.
    #[serde(rename = "action")]
    pub kind: ActionKind,
    /// The button text.
    pub label: String,
    /// The contact form topic, for [`ActionKind::Contact`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// The onboarding step to open, for [`ActionKind::OnboardingStep`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

/// The actions a rule can suggest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Open the contact form on a topic.
    Contact,
    /// Open the service status view.
    Status,
    /// Go to a step of seller onboarding.
    OnboardingStep,
}

/// "Why am I seeing this?": the text and the facts behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub source: ReasonSource,
    /// The rule that fired, for [`ReasonSource::Rule`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
    /// The rendered reason, e.g. "Order A-1043 was due on 12 Nov 2026, 3 days ago."
    pub text: String,
    /// Every fact the conditions tested or the text cited that has a value, in first-use order.
    pub facts: Vec<FactUsed>,
}

/// Where a reason comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonSource {
    /// A `[[rule]]` whose conditions all held.
    Rule,
    /// A `[[fallback]]` for the surface, because no rule fired.
    Fallback,
    /// The user's search.
    Search,
    /// An active incident on the status page.
    Incident,
    /// A message the marketplace sent for this user (`POST /v1/agent/nudges`).
    Pushed,
}

/// One fact behind a reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactUsed {
    /// Dotted path, e.g. `order.promised_by`.
    pub path: String,
    /// The value as the context had it.
    pub value: Value,
    /// The value as the user reads it, e.g. "12 Nov 2026 (3 days ago)".
    pub shown: String,
}

/// Why a rules file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// The file is not TOML, is not a table (object) of `rule` and `fallback` lists of tables, or has other
    /// top-level keys.
    #[error("rules file: {0}")]
    Syntax(String),
    /// A `[[rule]]` is wrong; `id` is `#n` (1-based) when the rule has none.
    #[error("rule {id}: {problem}")]
    Rule { id: String, problem: String },
    /// A `[[fallback]]` is wrong; `number` counts from 1 in file order.
    #[error("fallback #{number}: {problem}")]
    Fallback { number: usize, problem: String },
}

/// A parsed, checked rules file.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    rules: Vec<Rule>,
    fallbacks: Vec<Fallback>,
}

impl RuleSet {
    /// Reads and checks a rules file in its JSON form (see `RuleSet::toml_to_json`): an object with optional
    /// lists `rule` and `fallback` of objects, and no other keys. Checks operators, fact paths, template
    /// placeholders and unique ids.
    pub fn from_json(value: &Value) -> Result<RuleSet, RulesError> {
        let (rules, fallbacks) = parse::parse_file(value)?;
        Ok(RuleSet { rules, fallbacks })
    }

    /// Parses and checks a rules file written in TOML: [`RuleSet::toml_to_json`], then [`RuleSet::from_json`].
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<RuleSet, RulesError> {
        RuleSet::from_json(&RuleSet::toml_to_json(text)?)
    }

    /// The JSON form of a TOML rules file, as [`RuleSet::from_json`] reads it and the widget receives it:
    /// tables become objects, integers and floats numbers. Only TOML syntax errors are reported here; dates
    /// and times become `null`, which `from_json` rejects.
    #[cfg(feature = "toml")]
    pub fn toml_to_json(text: &str) -> Result<Value, RulesError> {
        parse::toml_to_json(text)
    }

    /// Problems that depend on the content around the rules, for the caller to log: suggested articles that
    /// `known_articles` does not know.
    pub fn validate(&self, known_articles: &dyn Fn(&str) -> bool) -> Vec<String> {
        let mut problems = Vec::new();
        for rule in &self.rules {
            for item in &rule.suggest {
                if let Item::Article(id) = item
                    && !known_articles(id)
                {
                    problems.push(format!("rule {} suggests unknown article `{id}`", rule.id));
                }
            }
        }
        for (index, fallback) in self.fallbacks.iter().enumerate() {
            for id in fallback.articles.iter().filter(|id| !known_articles(id)) {
                problems.push(format!(
                    "fallback #{} ({}) suggests unknown article `{id}`",
                    index + 1,
                    fallback.surface
                ));
            }
        }
        problems
    }

    /// The rule with this id.
    pub(crate) fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.id == id)
    }

    /// `wording` read as another reason for rule `id` (what a wording experiment gives in its place).
    fn reason_wording(&self, id: &str, wording: &Value) -> Result<Localized<Template>, String> {
        let rule = self
            .rule(id)
            .ok_or_else(|| format!("unknown rule `{id}`"))?;
        parse::rewording("reason", &rule.reason.en, wording)
    }

    /// Why `wording` cannot stand in for rule `id`'s reason, if it cannot.
    pub fn reason_wording_problem(&self, id: &str, wording: &Value) -> Option<String> {
        self.reason_wording(id, wording).err()
    }

    /// Rule `id` gives `wording` as its reason from now on (a wording experiment's variant, applied where the
    /// reasons are rendered); false, changing nothing, when `wording` cannot stand in for it.
    pub fn reword(&mut self, id: &str, wording: &Value) -> bool {
        let Ok(reason) = self.reason_wording(id, wording) else {
            return false;
        };
        // Found: `reason_wording` knows the rule, and ids are unique.
        if let Some(rule) = self.rules.iter_mut().find(|rule| rule.id == id) {
            rule.reason = reason;
        }
        true
    }

    /// Every article any rule or fallback can suggest.
    pub fn article_ids(&self) -> BTreeSet<String> {
        let from_rules = self.rules.iter().flat_map(|rule| {
            rule.suggest.iter().filter_map(|item| match item {
                Item::Article(id) => Some(id.clone()),
                Item::Flow(_) | Item::Action { .. } => None,
            })
        });
        let from_fallbacks = self
            .fallbacks
            .iter()
            .flat_map(|fallback| fallback.articles.iter().cloned());
        from_rules.chain(from_fallbacks).collect()
    }

    /// The help items for this situation, best first, at most [`MAX_SUGGESTIONS`].
    ///
    /// Every rule whose conditions all hold fires, highest priority first and in file order on ties. An item
    /// chosen by several rules appears once, where its best rule put it, with each rule's reason. Articles the
    /// catalog does not have are skipped. When that leaves nothing, the first fallback for the user's surface
    /// (and role, if it names one) is used; with no such fallback the list is empty and the caller fills it.
    pub fn suggest(
        &self,
        context: &Context,
        extra_facts: &Map<String, Value>,
        catalog: &dyn Fn(&str) -> Option<ArticleSummary>,
        clock: Clock,
        fmt: &dyn Formatter,
    ) -> Vec<Suggestion> {
        let facts = Facts::new(context, extra_facts);
        let calendar = LocalCalendar::new(clock);
        let locale = context.locale.as_deref();
        let fired = self.fired(&facts, &calendar, fmt, locale);
        let mut list = SuggestionList {
            items: Vec::new(),
            locale,
        };
        for (rule, reason) in &fired {
            for item in &rule.suggest {
                list.add(item, reason, rule.priority, catalog);
            }
        }
        if list.items.is_empty()
            && let Some((fallback, reason)) = self.fallbacks.iter().find_map(|fallback| {
                Some((fallback, fallback.fire(&facts, &calendar, fmt, locale)?))
            })
        {
            for id in &fallback.articles {
                list.add(&Item::Article(id.clone()), &reason, 0, catalog);
            }
        }
        list.items
    }

    /// Every rule whose conditions hold, with its reason: highest priority first, file order on ties.
    fn fired(
        &self,
        facts: &Facts,
        calendar: &LocalCalendar,
        fmt: &dyn Formatter,
        locale: Option<&str>,
    ) -> Vec<(&Rule, Reason)> {
        let mut fired: Vec<(&Rule, Reason)> = self
            .rules
            .iter()
            .filter_map(|rule| Some((rule, rule.fire(facts, calendar, fmt, locale)?)))
            .collect();
        // A stable sort, so equal priorities keep file order.
        fired.sort_by_key(|(rule, _)| Reverse(rule.priority));
        fired
    }
}

impl Rule {
    /// Whether the rule suggests this article.
    pub(crate) fn suggests_article(&self, id: &str) -> bool {
        self.suggest
            .iter()
            .any(|item| matches!(item, Item::Article(article) if article == id))
    }

    /// The reason this rule gives in the locale's language, if all its conditions hold and its template can
    /// be filled.
    fn fire(
        &self,
        facts: &Facts,
        calendar: &LocalCalendar,
        fmt: &dyn Formatter,
        locale: Option<&str>,
    ) -> Option<Reason> {
        let holds = self
            .when
            .iter()
            .all(|condition| condition.holds(facts.get(&condition.fact), calendar));
        if !holds {
            return None;
        }
        let text = self.reason.get(locale).render(facts, calendar, fmt)?;
        // Every translation cites the English template's facts; taking them from English keeps their order
        // the same in every language.
        let uses = self
            .when
            .iter()
            .map(|condition| (condition.fact.clone(), condition.usage()))
            .chain(self.reason.en.uses());
        Some(Reason {
            source: ReasonSource::Rule,
            rule_id: Some(self.id.clone()),
            text,
            facts: facts_used(uses, facts, calendar, fmt),
        })
    }
}

impl Fallback {
    /// The reason this fallback gives in the locale's language, if it is for the user's surface and role and
    /// its template can be filled.
    fn fire(
        &self,
        facts: &Facts,
        calendar: &LocalCalendar,
        fmt: &dyn Formatter,
        locale: Option<&str>,
    ) -> Option<Reason> {
        let is = |path: &str, name: &str| facts.get(path).and_then(Value::as_str) == Some(name);
        let role_name = self.role.map(Role::as_str);
        if !is("surface", self.surface.as_str()) || role_name.is_some_and(|role| !is("role", role))
        {
            return None;
        }
        let text = self.reason.get(locale).render(facts, calendar, fmt)?;
        let mut uses = vec![("surface".to_owned(), Usage::default())];
        if self.role.is_some() {
            uses.push(("role".to_owned(), Usage::default()));
        }
        Some(Reason {
            source: ReasonSource::Fallback,
            rule_id: None,
            text,
            facts: facts_used(
                uses.into_iter().chain(self.reason.en.uses()),
                facts,
                calendar,
                fmt,
            ),
        })
    }
}

/// The suggestions being collected: deduplicated, capped, in order of first appearance.
struct SuggestionList<'a> {
    items: Vec<Suggestion>,
    /// The user's locale, for action labels.
    locale: Option<&'a str>,
}

impl SuggestionList<'_> {
    /// Adds `item` with `reason`, or adds the reason to the item already listed.
    fn add(
        &mut self,
        item: &Item,
        reason: &Reason,
        priority: i32,
        catalog: &dyn Fn(&str) -> Option<ArticleSummary>,
    ) {
        if let Some(existing) = self.items.iter_mut().find(|s| is_same(&s.item, item)) {
            // The same rule may name an item twice; its reason is already there.
            if !existing.reasons.contains(reason) {
                existing.reasons.push(reason.clone());
            }
            return;
        }
        if self.items.len() >= MAX_SUGGESTIONS {
            return;
        }
        let item = match item {
            Item::Article(id) => match catalog(id) {
                Some(summary) => SuggestedItem::Article(summary),
                None => return,
            },
            // Flows are offered apart, by `suggest_flows`.
            Item::Flow(_) => return,
            Item::Action {
                kind,
                label,
                topic,
                step,
            } => SuggestedItem::Action(Action {
                kind: *kind,
                label: label.get(self.locale).clone(),
                topic: topic.clone(),
                step: step.clone(),
            }),
        };
        self.items.push(Suggestion {
            item,
            reasons: vec![reason.clone()],
            priority,
        });
    }
}

/// Whether a listed item is the one a rule names: the same article, or the same action on the same target
/// (labels may differ between rules; the first one wins).
fn is_same(listed: &SuggestedItem, item: &Item) -> bool {
    match (listed, item) {
        (SuggestedItem::Article(summary), Item::Article(id)) => summary.id == *id,
        (
            SuggestedItem::Action(action),
            Item::Action {
                kind, topic, step, ..
            },
        ) => action.kind == *kind && action.topic == *topic && action.step == *step,
        _ => false,
    }
}
