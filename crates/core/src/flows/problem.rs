//! What can be wrong with a flow file, as codes with parameters: the desk refuses the file with these, and
//! whoever shows them (a log, the console) words them. `Display` is the English for logs only.

use crate::rules::condition::{ConditionProblem, Operand};
use crate::rules::facts::PathProblem;
use crate::rules::template::TemplateProblem;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem with a flow file: where it is and what it is.
///
/// On the wire: `{"file":"where-is-my-order.toml","step":"late","field":"step[2].choice[1].next",
/// "problem":"unknown_step","target":"lat"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowProblem {
    /// The file's name, e.g. `where-is-my-order.toml`.
    pub file: String,
    /// The id of the step the problem is in, when it is in a step that has a readable id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Where in the file: keys and list positions from the top, e.g. `step[2].choice[1].next` or `title.es`
    /// (positions count from 0). Absent when the problem is the whole file's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong, with its parameters.
    #[serde(flatten)]
    pub problem: FlowProblemCode,
}

/// Every problem a flow file can have, by code (`"problem": "unreachable"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum FlowProblemCode {
    /// The file is not TOML; the position of the first error (1-based). `detail` has the parser's words, for
    /// logs only.
    Syntax {
        line: usize,
        column: usize,
        #[serde(skip)]
        detail: String,
    },
    /// The file name is not `<id>.toml` with an id of 1–64 characters `a–z 0–9 - _`.
    FileName,
    /// A required key is absent.
    Missing,
    /// A value of the wrong type or shape.
    WrongType { expected: Expected },
    /// A key no flow file has, usually a typo.
    UnknownKey,
    /// A key of another kind of step (a `next` on a question, whose choices lead on).
    KeyNotForStep { kind: StepKindName },
    /// Not one of `choices`.
    OneOf { choices: Vec<String> },
    /// An id (of a step, a topic or an article) that is not 1–64 characters `a–z 0–9 - _`.
    InvalidId,
    /// An id an earlier step already has.
    DuplicateId,
    /// Fewer than `min` entries.
    TooFew { min: usize },
    /// More than `max` entries.
    TooMany { max: usize },
    /// A text longer than `max` characters.
    TooLong { max: usize },
    /// A step that shows something but neither leads on, resolves, nor hands off.
    DeadEnd,
    /// A branch without `default`, for when no branch's conditions hold.
    NoDefault,
    /// A choice, branch or `next` leading to a step the file does not have.
    UnknownStep { target: String },
    /// A step no choice, branch or `next` leads to from the first step.
    Unreachable,
    /// A way back to an earlier step: `steps` is the loop, from the step led back to, to the step leading back.
    /// Flows are trees without loops, so "step 2 of up to 4" has a longest path to count.
    Cycle { steps: Vec<String> },
    /// A text cites a fact that is not certain to have a value there: some way to the step passes no branch
    /// whose conditions need it.
    UnguardedFact { fact: String },
    /// A condition or placeholder names something that is not a dotted fact path.
    NotAFactPath { fact: String },
    /// A condition or placeholder names a fact neither the context nor the caller has (and not `custom.…`).
    UnknownFact { fact: String },
    /// A condition with an operator the rules engine does not have.
    UnknownOperator { operator: String },
    /// A condition whose operator has an operand of the wrong shape.
    WrongOperand {
        operator: String,
        expected: Expected,
    },
    /// A `days_since` or `days_until` bound other than gt, gte, lt, lte, equals.
    UnknownComparison { comparison: String },
    /// A condition with a fact and no operator.
    NoOperator,
    /// A `{` or `}` without its partner in a text (a literal brace is written twice).
    UnmatchedBrace { brace: String },
    /// A placeholder filter the templates do not have.
    UnknownFilter { filter: String },
    /// A shift in days on a filter that is not a date filter, or beyond 100 000 days.
    BadShift,
    /// A translation keyed by something other than a lowercase language subtag (`ES`, `pt-BR`).
    NotALanguage { language: String },
    /// A translation in a language the widget does not speak (see [`super::LANGUAGES`]).
    UnknownLanguage { language: String },
    /// A table of translations without `en`.
    MissingEnglish,
    /// A translation whose placeholders are not the English text's (counted with repeats; order is free).
    PlaceholdersDiffer {
        language: String,
        missing: Vec<String>,
        extra: Vec<String>,
    },
    /// A step shows an article the help center does not have.
    UnknownArticle { article: String },
    /// A hand-off to a contact topic the site does not offer.
    UnknownTopic { topic: String },
    /// A code this build does not know (from a newer desk). Never produced here.
    #[serde(other)]
    Unknown,
}

/// The shapes a value can be expected to have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    /// A table (a JSON object).
    Table,
    /// A list of tables (`[[step]]`).
    ListOfTables,
    /// A non-empty string.
    String,
    /// A non-empty string, or a table of language → non-empty string with `en`.
    Text,
    /// A whole number from 1.
    PositiveInteger,
    /// A string, number or boolean.
    Scalar,
    /// `true` or `false`.
    Boolean,
    /// A list with at least one value.
    NonEmptyList,
    /// A list of strings, numbers or booleans.
    ScalarList,
    /// A number.
    Number,
    /// A table of day comparisons like `{ gt = 0 }`.
    DaysTable,
    /// Whole numbers of days.
    WholeDays,
}

/// The kinds of step, named as problems name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKindName {
    /// Asks the user, who picks a `choice`.
    Question,
    /// Decides on the facts (`branch` and `default`).
    Branch,
    /// Shows a text, an article or a page action; "This solved it", or on to `next`.
    Answer,
    /// `end = "resolved"`.
    Resolved,
    /// `end = "handoff"`.
    Handoff,
}

impl fmt::Display for StepKindName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StepKindName::Question => "a question",
            StepKindName::Branch => "a branch",
            StepKindName::Answer => "an answer",
            StepKindName::Resolved => "a resolved end",
            StepKindName::Handoff => "a hand-off",
        })
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Table => "a table",
            Expected::ListOfTables => "a list of tables",
            Expected::String => "a non-empty string",
            Expected::Text => {
                "a non-empty string, or a table of language → text like `{ en = \"…\", es = \"…\" }`"
            }
            Expected::PositiveInteger => "a whole number from 1",
            Expected::Scalar => "a string, number or boolean",
            Expected::Boolean => "true or false",
            Expected::NonEmptyList => "a non-empty list",
            Expected::ScalarList => "a list of strings, numbers or booleans",
            Expected::Number => "a number",
            Expected::DaysTable => "a table like `{ gt = 0 }`",
            Expected::WholeDays => "whole numbers of days",
        })
    }
}

impl fmt::Display for FlowProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FlowProblemCode as Code;
        let list = |items: &[String]| format!("`{}`", items.join("`, `"));
        match self {
            Code::Syntax {
                line,
                column,
                detail,
            } => write!(f, "not TOML (line {line}, column {column}): {detail}"),
            Code::FileName => f.write_str(
                "the file name must be `<id>.toml`, the id 1–64 characters of a–z, 0–9, - and _",
            ),
            Code::Missing => f.write_str("missing"),
            Code::WrongType { expected } => write!(f, "must be {expected}"),
            Code::UnknownKey => f.write_str("unknown key"),
            Code::KeyNotForStep { kind } => write!(f, "does nothing on {kind}"),
            Code::OneOf { choices } => write!(f, "must be one of {}", list(choices)),
            Code::InvalidId => f.write_str("must be 1–64 characters of a–z, 0–9, - and _"),
            Code::DuplicateId => f.write_str("an earlier step already has this id"),
            Code::TooFew { min } => write!(f, "needs at least {min}"),
            Code::TooMany { max } => write!(f, "at most {max}"),
            Code::TooLong { max } => write!(f, "at most {max} characters"),
            Code::DeadEnd => f.write_str(
                "leads nowhere: give it `next`, or make it an end (`end = \"resolved\"` or `\"handoff\"`)",
            ),
            Code::NoDefault => {
                f.write_str("a branch needs `default`, the step to take when no branch holds")
            }
            Code::UnknownStep { target } => write!(f, "leads to unknown step `{target}`"),
            Code::Unreachable => f.write_str("no way leads here from the first step"),
            Code::Cycle { steps } => write!(f, "leads back in a loop: {}", steps.join(" → ")),
            Code::UnguardedFact { fact } => write!(
                f,
                "cites `{fact}`, but not every way here passes a branch that needs it"
            ),
            Code::NotAFactPath { fact } => write!(f, "`{fact}` is not a fact path"),
            Code::UnknownFact { fact } => write!(f, "unknown fact `{fact}`"),
            Code::UnknownOperator { operator } => write!(f, "unknown operator `{operator}`"),
            Code::WrongOperand { operator, expected } => {
                write!(f, "`{operator}` expects {expected}")
            }
            Code::UnknownComparison { comparison } => write!(
                f,
                "unknown comparison `{comparison}` (expected gt, gte, lt, lte, equals)"
            ),
            Code::NoOperator => f.write_str("the condition has no operator"),
            Code::UnmatchedBrace { brace } => write!(
                f,
                "a `{brace}` without its partner (write `{brace}{brace}` for a brace)"
            ),
            Code::UnknownFilter { filter } => write!(
                f,
                "unknown filter `{filter}` (expected date, days_since, days_until, amount, words)"
            ),
            Code::BadShift => {
                f.write_str("only date filters take a shift in days, like `date+30`")
            }
            Code::NotALanguage { language } => write!(
                f,
                "`{language}` is not a lowercase language subtag (`es`, `pt`, without a region)"
            ),
            Code::UnknownLanguage { language } => write!(
                f,
                "the widget does not speak `{language}` (it speaks {})",
                super::LANGUAGES.join(", ")
            ),
            Code::MissingEnglish => f.write_str("has no `en`, which every text needs"),
            Code::PlaceholdersDiffer {
                language,
                missing,
                extra,
            } => {
                write!(f, "`{language}` must use the English text's placeholders")?;
                if !missing.is_empty() {
                    write!(f, "; missing {}", list(missing))?;
                }
                if !extra.is_empty() {
                    write!(f, "; extra {}", list(extra))?;
                }
                Ok(())
            }
            Code::UnknownArticle { article } => write!(f, "unknown article `{article}`"),
            Code::UnknownTopic { topic } => write!(f, "unknown contact topic `{topic}`"),
            Code::Unknown => f.write_str("a problem this build does not know"),
        }
    }
}

impl fmt::Display for FlowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(step) = &self.step {
            write!(f, ": step `{step}`")?;
        }
        if let Some(field) = &self.field {
            write!(f, " ({field})")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for FlowProblem {}

pub(super) fn template_code(problem: TemplateProblem) -> FlowProblemCode {
    match problem {
        TemplateProblem::UnmatchedClose => FlowProblemCode::UnmatchedBrace { brace: "}".into() },
        TemplateProblem::UnmatchedOpen => FlowProblemCode::UnmatchedBrace { brace: "{".into() },
        TemplateProblem::Path { problem, .. } => path_code(problem),
        TemplateProblem::UnknownFilter { filter, .. } => FlowProblemCode::UnknownFilter { filter },
        TemplateProblem::BadShift { .. } => FlowProblemCode::BadShift,
    }
}

fn path_code(problem: PathProblem) -> FlowProblemCode {
    match problem {
        PathProblem::NotAPath(fact) => FlowProblemCode::NotAFactPath { fact },
        PathProblem::UnknownFact(fact) => FlowProblemCode::UnknownFact { fact },
    }
}

/// The code for a condition's problem, and the key of the condition it is at (`fact`, or the operator).
pub(super) fn condition_code(problem: ConditionProblem) -> (Option<String>, FlowProblemCode) {
    match problem {
        ConditionProblem::NotATable => (
            None,
            FlowProblemCode::WrongType {
                expected: Expected::Table,
            },
        ),
        ConditionProblem::NoFact => (Some("fact".into()), FlowProblemCode::Missing),
        ConditionProblem::FactNotAString => (
            Some("fact".into()),
            FlowProblemCode::WrongType {
                expected: Expected::String,
            },
        ),
        // The name is under one of several operators; the condition is the place.
        ConditionProblem::NotAName { .. } => (
            None,
            FlowProblemCode::WrongType {
                expected: Expected::String,
            },
        ),
        ConditionProblem::Path(problem) => (Some("fact".into()), path_code(problem)),
        ConditionProblem::UnknownOperator { operator, .. } => (
            Some(operator.clone()),
            FlowProblemCode::UnknownOperator { operator },
        ),
        ConditionProblem::WrongOperand {
            operator, expected, ..
        } => {
            let expected = match expected {
                Operand::Scalar => Expected::Scalar,
                Operand::Boolean => Expected::Boolean,
                Operand::NonEmptyList => Expected::NonEmptyList,
                Operand::ScalarList => Expected::ScalarList,
                Operand::Number => Expected::Number,
                Operand::DaysTable => Expected::DaysTable,
                Operand::WholeDays => Expected::WholeDays,
            };
            (
                Some(operator.clone()),
                FlowProblemCode::WrongOperand { operator, expected },
            )
        }
        ConditionProblem::UnknownComparison {
            operator,
            comparison,
            ..
        } => (
            Some(operator),
            FlowProblemCode::UnknownComparison { comparison },
        ),
        ConditionProblem::NoOperator { .. } => (None, FlowProblemCode::NoOperator),
        ConditionProblem::NeverNamed { names, .. } => (
            None,
            FlowProblemCode::OneOf {
                choices: names.iter().map(|name| (*name).to_owned()).collect(),
            },
        ),
    }
}
