//! Reading one step of a flow file: its kind, texts, ways on and conditions. What it leads to and the facts
//! its texts cite are noted in its [`Node`] for the graph checks, even when other parts of it do not read.

use super::graph::{Cite, Edge, Node};
use super::parse::{Place, Reader};
use super::problem::{Expected, FlowProblemCode as Code, StepKindName, condition_code};
use super::{
    ActionTarget, Branch, Choice, MAX_BRANCHES, MAX_CHOICES, MAX_CONDITIONS, MAX_LABEL_CHARS,
    PageAction, StepKind,
};
use crate::rules::condition::Condition;
use crate::rules::localized::Localized;
use crate::rules::template::Template;
use serde_json::{Map, Value};
use std::collections::HashMap;

type Table = Map<String, Value>;

/// Every key a step can have; which apply depends on its kind ([`allowed_keys`]).
pub(super) const STEP_KEYS: [&str; 10] = [
    "id", "text", "choice", "branch", "default", "article", "action", "next", "end", "topic",
];

/// Reads one step, noting its node for the graph checks.
pub(super) struct StepReader<'r, 'a> {
    pub(super) reader: &'r mut Reader<'a>,
    /// The step's place: its id and `step[i]`.
    pub(super) place: Place,
    /// Each step id's position, for the ways on.
    pub(super) positions: &'r HashMap<&'r str, usize>,
    /// The step as the graph checks see it.
    pub(super) node: Node,
}

impl StepReader<'_, '_> {
    /// The step's kind, when everything in it reads; problems are recorded either way.
    pub(super) fn read(&mut self, value: &Value) -> Option<StepKind> {
        let Value::Object(table) = value else {
            let expected = Expected::Table;
            self.reader
                .add(&self.place, None, Code::WrongType { expected });
            self.node.unread = true;
            return None;
        };
        let end = match table.get("end") {
            None => None,
            Some(Value::String(end)) if end == "resolved" => Some(Some(StepKindName::Resolved)),
            Some(Value::String(end)) if end == "handoff" => Some(Some(StepKindName::Handoff)),
            Some(_) => {
                let choices = vec!["resolved".to_owned(), "handoff".to_owned()];
                self.reader
                    .add(&self.place, Some("end"), Code::OneOf { choices });
                Some(None)
            }
        };
        let kind = match end {
            Some(end) => end,
            None if table.contains_key("branch") => Some(StepKindName::Branch),
            None if table.contains_key("choice") => Some(StepKindName::Question),
            None => Some(StepKindName::Answer),
        };
        // An unreadable `end` is still an end: check the keys of the more permissive one.
        let keys_of = kind.unwrap_or(StepKindName::Handoff);
        self.reader
            .check_keys(&self.place, table, allowed_keys(keys_of), Some(keys_of));
        match kind? {
            StepKindName::Question => self.question(table),
            StepKindName::Branch => self.branch(table),
            StepKindName::Answer => self.answer(table),
            StepKindName::Resolved => {
                let text = self.optional_text(table);
                Some(StepKind::Resolved { text: text? })
            }
            StepKindName::Handoff => {
                let text = self.optional_text(table);
                let topic = self.optional(table, "topic", |step, place| {
                    step.reader.id(place, table, "topic")
                });
                Some(StepKind::Handoff {
                    text: text?,
                    topic: topic?,
                })
            }
        }
    }

    fn question(&mut self, table: &Table) -> Option<StepKind> {
        let text = self.text(table, "text");
        let mut choices = Some(Vec::new());
        let list = self.reader.list(&self.place, table, "choice", MAX_CHOICES);
        self.node.unread |= list.is_empty();
        for (index, value) in list.iter().enumerate() {
            let place = self.place.child(&format!("choice[{index}]"));
            let choice = self.entry(&place, value, &["label", "next"], |step, entry| {
                let label = step
                    .reader
                    .required(&place, entry, "label", |reader, place| {
                        reader.plain_text(place, entry, "label", MAX_LABEL_CHARS)
                    });
                let next = step.target(&place, entry, "next", Vec::new(), Code::Missing);
                Some(Choice {
                    label: label?,
                    next: next?,
                })
            });
            match (choices.as_mut(), choice) {
                (Some(choices), Some(choice)) => choices.push(choice),
                _ => choices = None,
            }
        }
        Some(StepKind::Question {
            text: text?,
            choices: choices.filter(|choices| !choices.is_empty())?,
        })
    }

    fn branch(&mut self, table: &Table) -> Option<StepKind> {
        let mut branches = Some(Vec::new());
        let list = self.reader.list(&self.place, table, "branch", MAX_BRANCHES);
        self.node.unread |= list.is_empty();
        for (index, value) in list.iter().enumerate() {
            let place = self.place.child(&format!("branch[{index}]"));
            let branch = self.entry(&place, value, &["when", "next"], |step, entry| {
                let when = step.conditions(&place, entry);
                // What the branch guarantees is unknown, so is which facts are certain after it.
                step.node.unread |= when.is_none();
                let guarantees = when
                    .iter()
                    .flatten()
                    .filter(|condition| condition.requires_presence())
                    .map(|condition| condition.fact.clone())
                    .collect();
                let next = step.target(&place, entry, "next", guarantees, Code::Missing);
                Some(Branch {
                    when: when?,
                    next: next?,
                })
            });
            match (branches.as_mut(), branch) {
                (Some(branches), Some(branch)) => branches.push(branch),
                _ => branches = None,
            }
        }
        let place = self.place.clone();
        let default = self.target(&place, table, "default", Vec::new(), Code::NoDefault);
        Some(StepKind::Branch {
            branches: branches.filter(|branches| !branches.is_empty())?,
            default: default?,
        })
    }

    fn answer(&mut self, table: &Table) -> Option<StepKind> {
        let text = self.optional_text(table);
        let article = self.optional(table, "article", |step, place| {
            step.reader.id(place, table, "article")
        });
        if !table.contains_key("text") && !table.contains_key("article") {
            self.reader.add(&self.place, Some("text"), Code::Missing);
        }
        let action = self.optional(table, "action", |step, place| {
            let value = table.get("action")?;
            step.action(&place.child("action"), value)
        });
        let place = self.place.clone();
        let next = if table.contains_key("next") {
            self.target(&place, table, "next", Vec::new(), Code::Missing)
        } else {
            // An answer that leads nowhere neither resolves (that is "This solved it") nor hands off.
            self.reader.add(&place, None, Code::DeadEnd);
            self.node.unread = true;
            None
        };
        Some(StepKind::Answer {
            text: text?,
            article: article?,
            action: action?,
            next: next?,
        })
    }

    fn action(&mut self, place: &Place, value: &Value) -> Option<PageAction> {
        let Value::Object(table) = value else {
            let expected = Expected::Table;
            self.reader.add(place, None, Code::WrongType { expected });
            return None;
        };
        let target = match table.get("action").and_then(Value::as_str) {
            Some("status") => {
                self.reader
                    .check_keys(place, table, &["action", "label"], None);
                Some(ActionTarget::Status)
            }
            Some("onboarding_step") => {
                self.reader
                    .check_keys(place, table, &["action", "step", "label"], None);
                let step = self.reader.required(place, table, "step", |reader, place| {
                    reader.id(place, table, "step")
                });
                step.map(|step| ActionTarget::OnboardingStep { step })
            }
            Some("page") => {
                self.reader
                    .check_keys(place, table, &["action", "name", "label"], None);
                let name = self.reader.required(place, table, "name", |reader, place| {
                    reader.id(place, table, "name")
                });
                name.map(|name| ActionTarget::Page { name })
            }
            _ if !table.contains_key("action") => {
                self.reader.add(place, Some("action"), Code::Missing);
                None
            }
            _ => {
                let choices = ["status", "onboarding_step", "page"]
                    .map(str::to_owned)
                    .to_vec();
                self.reader
                    .add(place, Some("action"), Code::OneOf { choices });
                None
            }
        };
        let label = self
            .reader
            .required(place, table, "label", |reader, place| {
                reader.plain_text(place, table, "label", MAX_LABEL_CHARS)
            });
        Some(PageAction {
            target: target?,
            label: label?,
        })
    }

    /// A branch's `when`: a list of one to [`MAX_CONDITIONS`] conditions of the rules engine.
    fn conditions(&mut self, place: &Place, entry: &Table) -> Option<Vec<Condition>> {
        let list = match entry.get("when") {
            None => {
                self.reader.add(place, Some("when"), Code::Missing);
                return None;
            }
            Some(Value::Array(list)) if !list.is_empty() => list,
            Some(_) => {
                let expected = Expected::NonEmptyList;
                self.reader
                    .add(place, Some("when"), Code::WrongType { expected });
                return None;
            }
        };
        if list.len() > MAX_CONDITIONS {
            let max = MAX_CONDITIONS;
            self.reader.add(place, Some("when"), Code::TooMany { max });
            return None;
        }
        let mut conditions = Some(Vec::new());
        for (index, value) in list.iter().enumerate() {
            match Condition::parse(value) {
                Ok(condition) => {
                    if let Some(conditions) = conditions.as_mut() {
                        conditions.push(condition);
                    }
                }
                Err(problem) => {
                    let (key, problem) = condition_code(problem);
                    let at = place.child(&format!("when[{index}]"));
                    self.reader.add(&at, key.as_deref(), problem);
                    conditions = None;
                }
            }
        }
        conditions
    }

    /// A key naming the step to go to: notes the edge for the graph checks.
    fn target(
        &mut self,
        place: &Place,
        table: &Table,
        key: &str,
        guarantees: Vec<String>,
        when_missing: Code,
    ) -> Option<usize> {
        let problem = match table.get(key) {
            None => when_missing,
            Some(Value::String(target)) => match self.positions.get(target.as_str()) {
                Some(&to) => {
                    self.node.edges.push(Edge {
                        field: place.field(key),
                        to,
                        guarantees,
                    });
                    return Some(to);
                }
                None => Code::UnknownStep {
                    target: target.clone(),
                },
            },
            Some(_) => Code::WrongType {
                expected: Expected::String,
            },
        };
        self.reader.add(place, Some(key), problem);
        self.node.unread = true;
        None
    }

    /// A required text of this step, noting the facts it cites.
    fn text(&mut self, table: &Table, key: &str) -> Option<Localized<Template>> {
        let place = self.place.clone();
        let text = self.reader.required(&place, table, key, |reader, place| {
            reader.template_text(place, table, key)
        })?;
        self.node.cites.extend(text.en.uses().map(|(fact, _)| Cite {
            field: place.field(key),
            fact,
        }));
        Some(text)
    }

    /// `Some(None)` when the step has no `text`, `None` when it has one that does not read.
    fn optional_text(&mut self, table: &Table) -> Option<Option<Localized<Template>>> {
        self.optional(table, "text", |step, _| step.text(table, "text"))
    }

    /// `Some(None)` when `key` is absent, `None` when it is present and does not read.
    fn optional<T>(
        &mut self,
        table: &Table,
        key: &str,
        read: impl FnOnce(&mut Self, &Place) -> Option<T>,
    ) -> Option<Option<T>> {
        if !table.contains_key(key) {
            return Some(None);
        }
        let place = self.place.clone();
        read(self, &place).map(Some)
    }

    /// One table of a list (a choice, a branch), checked for its keys and read by `read`.
    fn entry<T>(
        &mut self,
        place: &Place,
        value: &Value,
        keys: &[&str],
        read: impl FnOnce(&mut Self, &Table) -> Option<T>,
    ) -> Option<T> {
        let Value::Object(entry) = value else {
            let expected = Expected::Table;
            self.reader.add(place, None, Code::WrongType { expected });
            self.node.unread = true;
            return None;
        };
        self.reader.check_keys(place, entry, keys, None);
        read(self, entry)
    }
}

/// The keys a kind of step has.
fn allowed_keys(kind: StepKindName) -> &'static [&'static str] {
    match kind {
        StepKindName::Question => &["id", "text", "choice"],
        StepKindName::Branch => &["id", "branch", "default"],
        StepKindName::Answer => &["id", "text", "article", "action", "next"],
        StepKindName::Resolved => &["id", "end", "text"],
        StepKindName::Handoff => &["id", "end", "text", "topic"],
    }
}
