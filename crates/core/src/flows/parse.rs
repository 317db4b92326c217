//! Reading a flow file (as JSON) into a checked [`Flow`], collecting every problem on the way.
//!
//! Each step is read on its own, so one broken step does not hide the problems of the others; what a step
//! leads to is noted even when its texts are wrong, so the graph checks ([`super::graph`]) still run.

use super::graph::{self, Node};
use super::problem::{Expected, FlowProblem, FlowProblemCode as Code, StepKindName, template_code};
use super::step::{STEP_KEYS, StepReader};
use super::{
    Flow, LANGUAGES, MAX_ID_CHARS, MAX_LABEL_CHARS, MAX_STEPS, MAX_TEXT_CHARS, Step, StepKind,
};
use crate::rules::localized::{self, Localized, LocalizedProblem};
use crate::rules::template::Template;
use serde_json::{Map, Value};
use std::collections::HashMap;

type Table = Map<String, Value>;

const FILE_KEYS: [&str; 4] = ["version", "title", "topic", "step"];
/// Reads the file name and TOML text into a [`super::FlowDocument`].
#[cfg(feature = "toml")]
pub(super) fn document_from_toml(
    file_name: &str,
    text: &str,
) -> Result<super::FlowDocument, Vec<FlowProblem>> {
    let problem = |problem| FlowProblem {
        file: file_name.to_owned(),
        step: None,
        field: None,
        problem,
    };
    let id = file_name
        .strip_suffix(".toml")
        .filter(|id| is_id(id))
        .map(str::to_owned);
    let file = match toml::from_str::<toml::Table>(text) {
        Ok(table) => Ok(crate::rules::parse::toml_to_value(toml::Value::Table(
            table,
        ))),
        Err(error) => {
            let (line, column) = error
                .span()
                .map_or((0, 0), |span| line_and_column(text, span.start));
            Err(problem(Code::Syntax {
                line,
                column,
                detail: error.message().to_owned(),
            }))
        }
    };
    match (id, file) {
        (Some(id), Ok(file)) => Ok(super::FlowDocument { id, file }),
        (id, file) => Err(id
            .is_none()
            .then(|| problem(Code::FileName))
            .into_iter()
            .chain(file.err())
            .collect()),
    }
}

/// The 1-based line and column (in characters) of a byte offset.
#[cfg(feature = "toml")]
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (at, c) in text.char_indices() {
        if at >= offset {
            break;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// Checks a flow file's JSON and builds the flow, or returns every problem found.
pub(super) fn parse(file: &str, id: &str, value: &Value) -> Result<Flow, Vec<FlowProblem>> {
    let mut reader = Reader {
        file,
        problems: Vec::new(),
    };
    let top = Place::top();
    if !is_id(id) {
        reader.add(&top, None, Code::FileName);
    }
    let Value::Object(root) = value else {
        reader.add(
            &top,
            None,
            Code::WrongType {
                expected: Expected::Table,
            },
        );
        return Err(reader.problems);
    };
    reader.check_keys(&top, root, &FILE_KEYS, None);
    let version = reader.version(root);
    let title = reader.required(&top, root, "title", |reader, place| {
        reader.plain_text(place, root, "title", MAX_LABEL_CHARS)
    });
    let topic = reader.required(&top, root, "topic", |reader, place| {
        reader.id(place, root, "topic")
    });
    let raw_steps = reader.list(&top, root, "step", MAX_STEPS);

    let ids: Vec<Option<String>> = raw_steps
        .iter()
        .enumerate()
        .map(|(index, value)| {
            let place = Place::top().child(&format!("step[{index}]"));
            match value {
                Value::Object(table) => reader.required(&place, table, "id", |reader, place| {
                    reader.id(place, table, "id")
                }),
                _ => None,
            }
        })
        .collect();
    let mut positions: HashMap<&str, usize> = HashMap::new();
    for (index, id) in ids.iter().enumerate() {
        let Some(id) = id else { continue };
        if positions.contains_key(id.as_str()) {
            let place = Place::step(index, Some(id));
            reader.add(&place, Some("id"), Code::DuplicateId);
        } else {
            positions.insert(id, index);
        }
    }

    let drafts: Vec<(Option<StepKind>, Node)> = raw_steps
        .iter()
        .enumerate()
        .map(|(index, value)| {
            let mut step = StepReader {
                reader: &mut reader,
                place: Place::step(index, ids[index].as_deref()),
                positions: &positions,
                node: Node {
                    id: ids[index].clone(),
                    field: format!("step[{index}]"),
                    ..Node::default()
                },
            };
            let kind = step.read(value);
            (kind, step.node)
        })
        .collect();
    let nodes: Vec<Node> = drafts.iter().map(|(_, node)| node.clone()).collect();
    for (index, field, problem) in graph::check(&nodes) {
        reader.problems.push(FlowProblem {
            file: file.to_owned(),
            step: nodes[index].id.clone(),
            field: Some(field),
            problem,
        });
    }

    let steps: Option<Vec<Step>> = drafts
        .into_iter()
        .zip(ids)
        .map(|((kind, _), id)| {
            Some(Step {
                id: id?,
                kind: kind?,
            })
        })
        .collect();
    match (reader.problems.is_empty(), version, title, topic, steps) {
        (true, Some(version), Some(title), Some(topic), Some(steps)) if !steps.is_empty() => {
            Ok(Flow {
                id: id.to_owned(),
                version,
                title,
                topic,
                steps,
            })
        }
        _ => Err(reader.problems),
    }
}

/// Where in the file a value is: the step it belongs to, and its key path.
#[derive(Clone, Debug)]
pub(super) struct Place {
    pub(super) step: Option<String>,
    pub(super) path: String,
}

impl Place {
    fn top() -> Place {
        Place {
            step: None,
            path: String::new(),
        }
    }

    fn step(index: usize, id: Option<&str>) -> Place {
        Place {
            step: id.map(str::to_owned),
            path: format!("step[{index}]"),
        }
    }

    /// The place of `key` (or `key[3]`) under this one.
    pub(super) fn child(&self, key: &str) -> Place {
        Place {
            step: self.step.clone(),
            path: self.field(key),
        }
    }

    pub(super) fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

/// The problems found so far, and the readers of each kind of value.
pub(super) struct Reader<'a> {
    file: &'a str,
    pub(super) problems: Vec<FlowProblem>,
}

impl Reader<'_> {
    /// Records a problem at `place`, or at its `key` when given.
    pub(super) fn add(&mut self, place: &Place, key: Option<&str>, problem: Code) {
        let field = match key {
            Some(key) => Some(place.field(key)),
            None => (!place.path.is_empty()).then(|| place.path.clone()),
        };
        self.problems.push(FlowProblem {
            file: self.file.to_owned(),
            step: place.step.clone(),
            field,
            problem,
        });
    }

    /// Flags keys outside `allowed`: unknown to flows, or (with `kind`) belonging to another kind of step.
    pub(super) fn check_keys(
        &mut self,
        place: &Place,
        table: &Table,
        allowed: &[&str],
        kind: Option<StepKindName>,
    ) {
        for key in table.keys().filter(|key| !allowed.contains(&key.as_str())) {
            let problem = match kind {
                Some(kind) if STEP_KEYS.contains(&key.as_str()) => Code::KeyNotForStep { kind },
                _ => Code::UnknownKey,
            };
            self.add(place, Some(key), problem);
        }
    }

    /// Reads `key` with `read`, or records that it is missing.
    pub(super) fn required<T>(
        &mut self,
        place: &Place,
        table: &Table,
        key: &str,
        read: impl FnOnce(&mut Self, &Place) -> Option<T>,
    ) -> Option<T> {
        if table.contains_key(key) {
            read(self, place)
        } else {
            self.add(place, Some(key), Code::Missing);
            None
        }
    }

    fn version(&mut self, root: &Table) -> Option<u32> {
        let top = Place::top();
        self.required(&top, root, "version", |reader, place| {
            let version = root
                .get("version")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .filter(|&n| n >= 1);
            if version.is_none() {
                let expected = Expected::PositiveInteger;
                reader.add(place, Some("version"), Code::WrongType { expected });
            }
            version
        })
    }

    /// An id: a string of 1–64 characters `a–z 0–9 - _`.
    pub(super) fn id(&mut self, place: &Place, table: &Table, key: &str) -> Option<String> {
        match table.get(key)? {
            Value::String(id) if is_id(id) => Some(id.clone()),
            Value::String(_) => {
                self.add(place, Some(key), Code::InvalidId);
                None
            }
            _ => {
                let expected = Expected::String;
                self.add(place, Some(key), Code::WrongType { expected });
                None
            }
        }
    }

    /// A list of tables of at least one and at most `max` entries; entries beyond `max` are not read.
    pub(super) fn list<'t>(
        &mut self,
        place: &Place,
        table: &'t Table,
        key: &str,
        max: usize,
    ) -> &'t [Value] {
        let list = match table.get(key) {
            None => {
                self.add(place, Some(key), Code::Missing);
                return &[];
            }
            Some(Value::Array(list)) => list.as_slice(),
            Some(_) => {
                let expected = Expected::ListOfTables;
                self.add(place, Some(key), Code::WrongType { expected });
                return &[];
            }
        };
        if list.is_empty() {
            self.add(place, Some(key), Code::TooFew { min: 1 });
        }
        if list.len() > max {
            self.add(place, Some(key), Code::TooMany { max });
        }
        &list[..list.len().min(max)]
    }

    /// A title or label: plain text in one or more languages.
    pub(super) fn plain_text(
        &mut self,
        place: &Place,
        table: &Table,
        key: &str,
        max_chars: usize,
    ) -> Option<Localized<String>> {
        self.localized(place, table, key, |text| {
            within(text, max_chars).map(|()| text.to_owned())
        })
    }

    /// A step's `text`: a template in one or more languages, each translation with the English placeholders.
    pub(super) fn template_text(
        &mut self,
        place: &Place,
        table: &Table,
        key: &str,
    ) -> Option<Localized<Template>> {
        let text = self.localized(place, table, key, |text| {
            within(text, MAX_TEXT_CHARS)?;
            Template::parse(text).map_err(template_code)
        })?;
        let mut same = true;
        for (language, translation) in text.translations() {
            if let Some(difference) = text.en.placeholder_difference(translation) {
                same = false;
                let problem = Code::PlaceholdersDiffer {
                    language: language.to_owned(),
                    missing: difference.missing,
                    extra: difference.extra,
                };
                self.add(place, Some(&format!("{key}.{language}")), problem);
            }
        }
        same.then_some(text)
    }

    /// A text in the rules' localized form, in the widget's languages.
    fn localized<T>(
        &mut self,
        place: &Place,
        table: &Table,
        key: &str,
        parse: impl Fn(&str) -> Result<T, Code>,
    ) -> Option<Localized<T>> {
        let text = match localized::parse(table, key, parse) {
            Ok(text) => text,
            Err(problem) => {
                let (field, problem) = match problem {
                    LocalizedProblem::Missing { key } => (key, Code::Missing),
                    LocalizedProblem::NotText { key } => {
                        let expected = Expected::Text;
                        (key, Code::WrongType { expected })
                    }
                    LocalizedProblem::NotALanguage { key, language } => {
                        (format!("{key}.{language}"), Code::NotALanguage { language })
                    }
                    LocalizedProblem::EmptyTranslation { key, language } => {
                        let expected = Expected::String;
                        (format!("{key}.{language}"), Code::WrongType { expected })
                    }
                    LocalizedProblem::Text { key, problem } => (key, problem),
                    LocalizedProblem::Translation {
                        key,
                        language,
                        problem,
                    } => (format!("{key}.{language}"), problem),
                    LocalizedProblem::NoEnglish { key } => (key, Code::MissingEnglish),
                };
                self.add(place, Some(&field), problem);
                return None;
            }
        };
        let mut known = true;
        for (language, _) in text.translations() {
            if !LANGUAGES.contains(&language) {
                known = false;
                let problem = Code::UnknownLanguage {
                    language: language.to_owned(),
                };
                self.add(place, Some(&format!("{key}.{language}")), problem);
            }
        }
        known.then_some(text)
    }
}

/// Whether `text` is 1–64 characters of `a–z 0–9 - _`.
pub(super) fn is_id(text: &str) -> bool {
    (1..=MAX_ID_CHARS).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// `Err` when `text` is longer than `max` characters.
fn within(text: &str, max: usize) -> Result<(), Code> {
    if text.chars().count() > max {
        Err(Code::TooLong { max })
    } else {
        Ok(())
    }
}
