//! The flow runner: from the facts and the user's replies so far, the step to show (branches on facts already
//! taken), "step N of up to M", and how the flow ended. Pure: the clock and the formatting come in, so the
//! widget and the tests run the same code.
//!
//! The widget keeps only the replies. Each reply re-runs [`Flow::walk`]; Back drops the last reply
//! ([`Walk::back_to`]). Replies that do not fit the flow (it changed since they were given) are left unused
//! rather than guessed at.

use super::path::{FlowPath, PathEvent, PathStep};
use super::{ActionTarget, Flow, Localized, StepKind};
use crate::context::Context;
use crate::rules::date::LocalCalendar;
use crate::rules::facts::{Facts, facts_used};
use crate::rules::template::Template;
use crate::rules::{Clock, FactUsed, Formatter};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What the flow may know about the user's situation: the facts the rules read.
#[derive(Clone, Copy, Debug)]
pub struct Situation<'a> {
    /// The page's context.
    pub context: &'a Context,
    /// Facts from outside the page, e.g. `incidents.active`.
    pub extra_facts: &'a Map<String, Value>,
    /// The user's moment, for `days_since` and dates.
    pub clock: Clock,
}

/// One thing the user did at a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// At a question: the choice, by position (from 0).
    Choose { choice: usize },
    /// At an answer: "I still need help".
    NotSolved,
    /// At an answer: "This solved it".
    Solved,
    /// At any step: "Talk to a person".
    TalkToPerson,
    /// At any step: the user closed the flow.
    Leave,
}

/// Where a walk through a flow stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Walk {
    /// The flow's id.
    pub flow: String,
    /// The flow's version.
    pub version: u32,
    /// Every decision so far, in order: branches taken on facts, and the user's replies.
    pub path: Vec<PathStep>,
    /// The step to show, or how the flow ended.
    pub state: WalkState,
    /// How many of the replies were used. The rest did not fit: the flow had ended, or a reply did not match
    /// its step (the flow changed since it was given).
    pub replies_used: usize,
}

/// The step to show, or how the flow ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum WalkState {
    /// Waiting for the user's reply at this step.
    At(CurrentStep),
    /// Over.
    Ended(Outcome),
}

/// The step the user is at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentStep {
    /// The step's id.
    pub step: String,
    /// Its place among the steps shown so far, from 1: "step `number` of up to `of_up_to`".
    pub number: usize,
    /// The most steps this walk can show: those shown before, this one, and the longest way on from here
    /// with the facts as they are. Never less than `number`.
    pub of_up_to: usize,
    /// Whether there is a step to go back to.
    pub can_go_back: bool,
    /// What to show.
    #[serde(flatten)]
    pub view: StepView,
}

/// What a step shows, in the user's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepView {
    /// A question and its choices; reply with [`Reply::Choose`].
    Question {
        /// `None` when a fact it cites has no value that reads well: show the flow's title instead.
        text: Option<String>,
        choices: Vec<String>,
    },
    /// An answer; reply with [`Reply::Solved`] or [`Reply::NotSolved`].
    Answer {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        /// The article to show, by id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        article: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        action: Option<ShownAction>,
    },
}

/// A page action as the user sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownAction {
    /// Where it leads.
    #[serde(flatten)]
    pub target: ActionTarget,
    /// The button text.
    pub label: String,
}

/// How a walk ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// "This solved it" at an answer, or a resolved end.
    Resolved {
        step: String,
        /// The resolved end's text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
    },
    /// A hand-off end, or "Talk to a person": open the contact form on `topic` with [`Walk::flow_path`].
    HandedOff {
        step: String,
        topic: String,
        /// The hand-off end's text, to show above the form.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
    },
    /// The user left at this step.
    Abandoned { step: String },
}

impl Flow {
    /// Walks the flow with these facts and replies: branches decide on the facts, replies at the steps the
    /// user is shown, in order.
    pub fn walk(&self, situation: &Situation, replies: &[Reply], fmt: &dyn Formatter) -> Walk {
        let facts = Facts::new(situation.context, situation.extra_facts);
        let calendar = LocalCalendar::new(situation.clock);
        let texts = Texts {
            facts: &facts,
            calendar: &calendar,
            fmt,
            locale: situation.context.locale.as_deref(),
        };
        let mut path = Vec::new();
        let mut used = 0;
        let mut at = 0;
        let mut shown = 0;
        // Every step leads only to steps not yet on the way (a checked flow has no loops, and every `next` is
        // a position in `steps`), so this ends within `steps.len()` rounds.
        let state = loop {
            let step = &self.steps[at];
            let id = step.id.clone();
            let view = match &step.kind {
                StepKind::Branch { .. } => {
                    let (branch, next) = self.branch_taken(at, &facts, &calendar);
                    let facts = self.branch_facts(at, branch, &texts);
                    path.push(PathStep {
                        step: id,
                        event: PathEvent::Branched { branch, facts },
                    });
                    at = next;
                    continue;
                }
                StepKind::Resolved { text } => {
                    let text = text.as_ref().and_then(|text| texts.render(text));
                    break WalkState::Ended(Outcome::Resolved { step: id, text });
                }
                StepKind::Handoff { text, topic } => {
                    let text = text.as_ref().and_then(|text| texts.render(text));
                    let topic = topic.clone().unwrap_or_else(|| self.topic.clone());
                    break WalkState::Ended(Outcome::HandedOff {
                        step: id,
                        topic,
                        text,
                    });
                }
                StepKind::Question { text, choices } => StepView::Question {
                    text: texts.render(text),
                    choices: choices
                        .iter()
                        .map(|choice| choice.label.get(texts.locale).clone())
                        .collect(),
                },
                StepKind::Answer {
                    text,
                    article,
                    action,
                    ..
                } => StepView::Answer {
                    text: text.as_ref().and_then(|text| texts.render(text)),
                    article: article.clone(),
                    action: action.as_ref().map(|action| ShownAction {
                        target: action.target.clone(),
                        label: action.label.get(texts.locale).clone(),
                    }),
                },
            };
            shown += 1;
            let waiting = |view| {
                WalkState::At(CurrentStep {
                    step: step.id.clone(),
                    number: shown,
                    of_up_to: shown - 1 + self.longest_on(at, &facts, &calendar),
                    can_go_back: used > 0,
                    view,
                })
            };
            let Some(&reply) = replies.get(used) else {
                break waiting(view);
            };
            let next = match (&step.kind, reply) {
                (_, Reply::TalkToPerson) => Err(Outcome::HandedOff {
                    step: id,
                    topic: self.topic.clone(),
                    text: None,
                }),
                (_, Reply::Leave) => Err(Outcome::Abandoned { step: id }),
                (StepKind::Answer { .. }, Reply::Solved) => Err(Outcome::Resolved {
                    step: id,
                    text: None,
                }),
                (StepKind::Answer { article, next, .. }, Reply::NotSolved) => {
                    let article = article.clone();
                    path.push(PathStep {
                        step: id,
                        event: PathEvent::NotSolved { article },
                    });
                    Ok(*next)
                }
                (StepKind::Question { text, choices }, Reply::Choose { choice })
                    if choice < choices.len() =>
                {
                    let chosen = &choices[choice];
                    let (question, question_en) = texts.both(text);
                    let answer = chosen.label.get(texts.locale).clone();
                    let answer_en = (chosen.label.en != answer).then(|| chosen.label.en.clone());
                    path.push(PathStep {
                        step: id,
                        event: PathEvent::Answered {
                            question,
                            choice,
                            answer,
                            question_en,
                            answer_en,
                        },
                    });
                    Ok(chosen.next)
                }
                // A reply that does not fit this step: stay here, leaving it and the rest unused.
                _ => break waiting(view),
            };
            used += 1;
            match next {
                Ok(next) => at = next,
                Err(outcome) => break WalkState::Ended(outcome),
            }
        };
        Walk {
            flow: self.id.clone(),
            version: self.version,
            path,
            state,
            replies_used: used,
        }
    }

    /// The most steps shown on any way on from `at`, `at` included, with branches decided by the facts.
    fn longest_on(&self, at: usize, facts: &Facts, calendar: &LocalCalendar) -> usize {
        let taken = |index: usize| self.branch_taken(index, facts, calendar).1;
        super::graph::longest_from(
            at,
            self.steps.len(),
            |index| self.visible(index),
            |index| self.successors(index, Some(&taken)),
        )
    }

    /// The first branch whose conditions all hold, and where it leads; `None` and the default when none does.
    fn branch_taken(
        &self,
        at: usize,
        facts: &Facts,
        calendar: &LocalCalendar,
    ) -> (Option<usize>, usize) {
        let Some(StepKind::Branch { branches, default }) =
            self.steps.get(at).map(|step| &step.kind)
        else {
            return (None, at);
        };
        branches
            .iter()
            .position(|branch| {
                branch
                    .when
                    .iter()
                    .all(|condition| condition.holds(facts.get(&condition.fact), calendar))
            })
            .map_or((None, *default), |index| {
                (Some(index), branches[index].next)
            })
    }

    /// The facts a branch step tested, as they read: the taken branch's, or every branch's for the default.
    fn branch_facts(&self, at: usize, taken: Option<usize>, texts: &Texts) -> Vec<FactUsed> {
        let Some(StepKind::Branch { branches, .. }) = self.steps.get(at).map(|step| &step.kind)
        else {
            return Vec::new();
        };
        let tested = branches
            .iter()
            .enumerate()
            .filter(|(index, _)| taken.is_none_or(|taken| taken == *index))
            .flat_map(|(_, branch)| &branch.when)
            .map(|condition| (condition.fact.clone(), condition.usage()));
        facts_used(tested, texts.facts, texts.calendar, texts.fmt)
    }
}

impl Walk {
    /// How many replies to keep to go back one step; `None` at the first step, where there is no way back.
    pub fn back_to(&self) -> Option<usize> {
        self.replies_used.checked_sub(1)
    }

    /// The way taken so far, for a ticket filed from this walk.
    pub fn flow_path(&self) -> FlowPath {
        FlowPath {
            flow: self.flow.clone(),
            version: self.version,
            steps: self.path.clone(),
        }
    }
}

/// Renders a flow's texts for one walk.
struct Texts<'a> {
    facts: &'a Facts,
    calendar: &'a LocalCalendar,
    fmt: &'a dyn Formatter,
    locale: Option<&'a str>,
}

impl Texts<'_> {
    /// The text in the user's language; `None` when a fact it cites does not read.
    fn render(&self, text: &Localized<Template>) -> Option<String> {
        text.get(self.locale)
            .render(self.facts, self.calendar, self.fmt)
    }

    /// The text as the user reads it, and the English when that differs.
    fn both(&self, text: &Localized<Template>) -> (Option<String>, Option<String>) {
        let shown = self.render(text);
        let english = text.en.render(self.facts, self.calendar, self.fmt);
        let english = english.filter(|english| Some(english) != shown.as_ref());
        (shown, english)
    }
}
