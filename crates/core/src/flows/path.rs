//! The way a user took through a flow: every branch the facts took and every reply, as the ticket filed from
//! the flow carries it, so the agent sees every answer without asking again.

use super::{
    MAX_BRANCHES, MAX_CONDITIONS, MAX_ID_CHARS, MAX_LABEL_CHARS, MAX_STEPS, MAX_TEXT_CHARS,
};
use crate::check::{Check, Text};
use crate::rules::FactUsed;
use crate::wire::Problem;
use serde::{Deserialize, Serialize};

/// One decision on the way through a flow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    /// The step's id.
    pub step: String,
    /// What was decided there.
    #[serde(flatten)]
    pub event: PathEvent,
}

/// What was decided at a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum PathEvent {
    /// The facts chose a branch (`None`: none held, so the default), after testing these facts.
    Branched {
        branch: Option<usize>,
        facts: Vec<FactUsed>,
    },
    /// The user answered a question. Texts as the user saw them; the English beside them when different.
    Answered {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        question: Option<String>,
        choice: usize,
        answer: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        question_en: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        answer_en: Option<String>,
    },
    /// The user read an answer (and its article) and still needed help.
    NotSolved {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        article: Option<String>,
    },
}

/// The way a user took through a flow, sent with the ticket filed from it so the agent sees every answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowPath {
    /// The flow's id.
    pub flow: String,
    /// The flow's version.
    pub version: u32,
    /// Every decision, in order.
    pub steps: Vec<PathStep>,
}

impl FlowPath {
    /// Checks a path received with a ticket: sizes and shapes a flow can produce, with problems named under
    /// `field` (e.g. `context.flow_path`). A path that passes may still name a flow or version the desk no
    /// longer has; it is the user's account of their answers, kept as sent.
    pub fn check(&self, field: &str, check: &mut Check) {
        let id = Text::line(MAX_ID_CHARS).required();
        check.text(&format!("{field}.flow"), &self.flow, id);
        check.expect(
            self.version >= 1,
            &format!("{field}.version"),
            Problem::OutOfRange {
                min: 1,
                max: i64::from(u32::MAX),
            },
        );
        // A loop-free flow visits each step at most once.
        check.list(
            &format!("{field}.steps"),
            &self.steps,
            MAX_STEPS,
            |check, field, step| {
                check.text(&format!("{field}.step"), &step.step, id);
                match &step.event {
                    PathEvent::Branched { facts, .. } => {
                        let max = MAX_BRANCHES * MAX_CONDITIONS;
                        check.list(
                            &format!("{field}.facts"),
                            facts,
                            max,
                            |check, field, fact| {
                                check.text(
                                    &format!("{field}.path"),
                                    &fact.path,
                                    Text::line(200).required(),
                                );
                                check.text(
                                    &format!("{field}.shown"),
                                    &fact.shown,
                                    Text::line(MAX_TEXT_CHARS),
                                );
                                let size =
                                    serde_json::to_string(&fact.value).map_or(0, |text| text.len());
                                check.expect(
                                    size <= 1_000,
                                    &format!("{field}.value"),
                                    Problem::TooLong { max: 1_000 },
                                );
                            },
                        );
                    }
                    PathEvent::Answered {
                        question,
                        answer,
                        question_en,
                        answer_en,
                        ..
                    } => {
                        let text = Text::lines(MAX_TEXT_CHARS);
                        let label = Text::line(MAX_LABEL_CHARS);
                        check.optional_text(
                            &format!("{field}.question"),
                            question.as_deref(),
                            text,
                        );
                        check.text(&format!("{field}.answer"), answer, label.required());
                        check.optional_text(
                            &format!("{field}.question_en"),
                            question_en.as_deref(),
                            text,
                        );
                        check.optional_text(
                            &format!("{field}.answer_en"),
                            answer_en.as_deref(),
                            label,
                        );
                    }
                    PathEvent::NotSolved { article } => {
                        check.optional_text(&format!("{field}.article"), article.as_deref(), id);
                    }
                }
            },
        );
    }
}
