//! Guided flows: small decision trees that walk a user to an answer, or to a person with every answer noted.
//!
//! A flow is a file in the content folder, `flows/<id>.toml`; the file name is its id, the one rules
//! suggest with `{ flow = "<id>" }`. It is read as JSON ([`FlowDocument::parse`]) so the widget needs no TOML
//! parser; the `toml` feature adds [`FlowDocument::from_toml`] and [`parse_flow`] for the desk.
//!
//! ```toml
//! version = 3                       # bump on every edit: counts are kept per version
//! topic = "order-not-arrived"       # the contact topic for hand-offs and "Talk to a person"
//! title.en = "Where is my order?"
//! title.es = "¿Dónde está mi pedido?"
//!
//! [[step]]                          # the first step is where the flow starts
//! id = "check"
//! default = "ask"                   # a branch always has a default
//! branch = [
//!   { when = [{ fact = "order.id", exists = true }, { fact = "order.promised_by", days_since = { gt = 0 } }], next = "late" },
//! ]
//!
//! [[step]]
//! id = "ask"
//! text.en = "Has your order shipped?"
//! [[step.choice]]
//! label.en = "Yes"
//! next = "tracking"
//! [[step.choice]]
//! label.en = "Not yet"
//! next = "person"
//!
//! [[step]]
//! id = "tracking"
//! text.en = "Track package shows the carrier's latest scans."
//! article = "track-order"
//! next = "person"                   # "I still need help"; "This solved it" resolves here
//!
//! [[step]]
//! id = "late"
//! text.en = "Order {order.id} is late."   # cites only facts every way here required in a branch
//! article = "late-delivery"
//! next = "person"
//!
//! [[step]]
//! id = "person"
//! end = "handoff"                   # or end = "resolved"
//! text.en = "We'll pass your answers on."
//! ```
//!
//! Steps, by the keys they have:
//! - **question**: `text` and `[[step.choice]]` entries (`label`, `next`): the user picks one.
//! - **branch**: `branch = [{ when = [...], next }]` and `default`: the first branch whose conditions all hold
//!   leads on, else `default`. Conditions are the rules engine's (`crate::rules`), on the same facts.
//! - **answer**: `text` and/or `article`, an optional page `action`, and `next`. The user either says "This
//!   solved it" (the flow ends resolved) or "I still need help" (on to `next`).
//! - **end**: `end = "resolved"` or `end = "handoff"` (with an optional `topic`), and an optional `text`.
//!
//! `text`, `label` and `title` are a string (English) or a table of language → text with `en`, in the
//! widget's [`LANGUAGES`]; translations of a `text` use the English text's placeholders (`{order.id}`,
//! `{order.promised_by|days_since}`, as in reason templates). A text may only cite facts that every way to its
//! step has required in a branch, so it never shows a hole. Flows have no loops, so "step 2 of up to 4" has a
//! longest path to count.
//!
//! Loading checks all of it and returns every problem found ([`FlowProblem`]: file, step, field, code). The
//! pure runner, [`Flow::walk`], takes the facts and the user's replies and gives the step to show, the
//! progress, and the outcome.

#[cfg(feature = "toml")]
mod catalog;
mod graph;
mod parse;
mod path;
mod problem;
mod run;
mod step;
#[cfg(all(test, feature = "toml"))]
mod tests;
#[cfg(test)]
mod tests_json;
#[cfg(test)]
mod tests_props;

#[cfg(feature = "toml")]
pub use catalog::FlowCatalog;
pub use path::{FlowPath, PathEvent, PathStep};
pub use problem::{Expected, FlowProblem, FlowProblemCode, StepKindName};
pub use run::{CurrentStep, Outcome, Reply, ShownAction, Situation, StepView, Walk, WalkState};

use crate::rules::localized::Localized;
use crate::rules::template::Template;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// The languages texts may be given in: the language subtags of the widget's interface languages (`pt` is
/// its `pt-BR`).
pub const LANGUAGES: [&str; 7] = ["en", "es", "fr", "de", "pt", "ar", "ja"];

/// Most steps in a flow.
pub const MAX_STEPS: usize = 40;
/// Most choices in a question: more stop being a guided path.
pub const MAX_CHOICES: usize = 8;
/// Most branches in a branch step.
pub const MAX_BRANCHES: usize = 12;
/// Most conditions in one branch.
pub const MAX_CONDITIONS: usize = 8;
/// Longest `text`, in characters, per language.
pub const MAX_TEXT_CHARS: usize = 800;
/// Longest `title` or `label`, in characters, per language.
pub const MAX_LABEL_CHARS: usize = 100;
/// Longest id (of a flow, step, topic or article).
pub const MAX_ID_CHARS: usize = 64;

/// A flow file as the widget receives it: its id (the file name without `.toml`) and the file as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowDocument {
    /// The flow's id, e.g. `where-is-my-order`.
    pub id: String,
    /// The file, converted from TOML: tables become objects.
    pub file: Value,
}

impl FlowDocument {
    /// Reads a flow file's name and TOML text; only the file name and TOML syntax are checked here.
    #[cfg(feature = "toml")]
    pub fn from_toml(file_name: &str, text: &str) -> Result<FlowDocument, Vec<FlowProblem>> {
        parse::document_from_toml(file_name, text)
    }

    /// Checks the flow and builds it, or returns every problem found.
    pub fn parse(&self) -> Result<Flow, Vec<FlowProblem>> {
        parse::parse(&format!("{}.toml", self.id), &self.id, &self.file)
    }
}

/// Reads and checks a flow file: [`FlowDocument::from_toml`], then [`FlowDocument::parse`].
#[cfg(feature = "toml")]
pub fn parse_flow(file_name: &str, text: &str) -> Result<Flow, Vec<FlowProblem>> {
    FlowDocument::from_toml(file_name, text)?.parse()
}

/// What a list of flows needs: a suggestion names a flow with this.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowSummary {
    /// The flow's id.
    pub id: String,
    /// The flow file's `version`.
    pub version: u32,
    /// The title in the user's language, else English.
    pub title: String,
}

/// A checked flow: every step reachable, no loops, every leaf an end.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    id: String,
    version: u32,
    title: Localized<String>,
    topic: String,
    /// The first step is the start; every `next` is an index into this list.
    steps: Vec<Step>,
}

/// One step of a flow.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    id: String,
    kind: StepKind,
}

/// What a step does.
#[derive(Clone, Debug, PartialEq)]
enum StepKind {
    Question {
        text: Localized<Template>,
        choices: Vec<Choice>,
    },
    Branch {
        branches: Vec<Branch>,
        default: usize,
    },
    Answer {
        text: Option<Localized<Template>>,
        article: Option<String>,
        action: Option<PageAction>,
        next: usize,
    },
    Resolved {
        text: Option<Localized<Template>>,
    },
    Handoff {
        text: Option<Localized<Template>>,
        topic: Option<String>,
    },
}

/// One choice of a question.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    label: Localized<String>,
    next: usize,
}

/// One branch of a branch step.
#[derive(Clone, Debug, PartialEq)]
struct Branch {
    when: Vec<crate::rules::condition::Condition>,
    next: usize,
}

/// A link an answer offers to something on the host page.
#[derive(Clone, Debug, PartialEq)]
struct PageAction {
    target: ActionTarget,
    label: Localized<String>,
}

/// Where a page action leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ActionTarget {
    /// The widget's service status view.
    Status,
    /// A step of seller onboarding: the widget emits an event and the host page navigates, as for rules.
    OnboardingStep {
        /// e.g. `identity_verification`.
        step: String,
    },
    /// Something the host page does, by a name it chose (e.g. `retry_payment`): the widget emits an event
    /// with the name.
    Page {
        /// e.g. `track_package`.
        name: String,
    },
}

impl Flow {
    /// The flow's id, its file name without `.toml`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The file's `version`: counts are kept per version, so an edit starts a new series.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The title in the language of a BCP 47 locale, else English.
    pub fn title(&self, locale: Option<&str>) -> &str {
        self.title.get(locale)
    }

    /// The contact topic of hand-offs that name none, and of "Talk to a person".
    pub fn topic(&self) -> &str {
        &self.topic
    }

    /// The flow as a list shows it.
    pub fn summary(&self, locale: Option<&str>) -> FlowSummary {
        FlowSummary {
            id: self.id.clone(),
            version: self.version,
            title: self.title(locale).to_owned(),
        }
    }

    /// The most steps a user can be shown on one way through, whatever the facts (branches are not shown).
    pub fn longest_path(&self) -> usize {
        graph::longest_from(
            0,
            self.steps.len(),
            |index| self.visible(index),
            |index| self.successors(index, None),
        )
    }

    /// Every article a step shows.
    pub fn article_ids(&self) -> BTreeSet<String> {
        self.steps
            .iter()
            .filter_map(|step| match &step.kind {
                StepKind::Answer { article, .. } => article.clone(),
                _ => None,
            })
            .collect()
    }

    /// Every contact topic a hand-off can use: the flow's, and those hand-off steps name.
    pub fn topics(&self) -> BTreeSet<String> {
        let named = self.steps.iter().filter_map(|step| match &step.kind {
            StepKind::Handoff { topic, .. } => topic.clone(),
            _ => None,
        });
        named.chain([self.topic.clone()]).collect()
    }

    /// Problems that depend on the content around the flow: articles `known_articles` does not know.
    pub fn check_articles(&self, known_articles: &dyn Fn(&str) -> bool) -> Vec<FlowProblem> {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(index, step)| match &step.kind {
                StepKind::Answer {
                    article: Some(article),
                    ..
                } if !known_articles(article) => Some(FlowProblem {
                    file: format!("{}.toml", self.id),
                    step: Some(step.id.clone()),
                    field: Some(format!("step[{index}].article")),
                    problem: FlowProblemCode::UnknownArticle {
                        article: article.clone(),
                    },
                }),
                _ => None,
            })
            .collect()
    }

    /// Problems that depend on the site: hand-offs to contact topics `known_topics` does not know.
    pub fn check_topics(&self, known_topics: &dyn Fn(&str) -> bool) -> Vec<FlowProblem> {
        let file = format!("{}.toml", self.id);
        let flow_topic = (!known_topics(&self.topic)).then(|| FlowProblem {
            file: file.clone(),
            step: None,
            field: Some("topic".into()),
            problem: FlowProblemCode::UnknownTopic {
                topic: self.topic.clone(),
            },
        });
        let step_topics =
            self.steps
                .iter()
                .enumerate()
                .filter_map(|(index, step)| match &step.kind {
                    StepKind::Handoff {
                        topic: Some(topic), ..
                    } if !known_topics(topic) => Some(FlowProblem {
                        file: file.clone(),
                        step: Some(step.id.clone()),
                        field: Some(format!("step[{index}].topic")),
                        problem: FlowProblemCode::UnknownTopic {
                            topic: topic.clone(),
                        },
                    }),
                    _ => None,
                });
        flow_topic.into_iter().chain(step_topics).collect()
    }

    /// Whether the user is shown the step (and so it counts in "step N of up to M").
    fn visible(&self, index: usize) -> bool {
        matches!(
            self.steps.get(index).map(|step| &step.kind),
            Some(StepKind::Question { .. } | StepKind::Answer { .. })
        )
    }

    /// The steps a step can lead to. With `taken`, a branch step leads only where the facts took it.
    fn successors(&self, index: usize, taken: Option<&dyn Fn(usize) -> usize>) -> Vec<usize> {
        match self.steps.get(index).map(|step| &step.kind) {
            Some(StepKind::Question { choices, .. }) => {
                choices.iter().map(|choice| choice.next).collect()
            }
            Some(StepKind::Branch { branches, default }) => match taken {
                Some(taken) => vec![taken(index)],
                None => branches
                    .iter()
                    .map(|branch| branch.next)
                    .chain([*default])
                    .collect(),
            },
            Some(StepKind::Answer { next, .. }) => vec![*next],
            Some(StepKind::Resolved { .. } | StepKind::Handoff { .. }) | None => Vec::new(),
        }
    }
}
