//! Reading the rules file into checked rules and fallbacks.
//!
//! The file is written in TOML (`content/rules.toml`) but read here as JSON, which is how the widget receives
//! it: the browser build carries no TOML parser. With the `toml` feature, `toml_to_json` converts the text.
//! Every `[[rule]]` and `[[fallback]]` is read by hand so every error names the rule it is in and says
//! exactly what is wrong.

use super::condition::Condition;
use super::localized::{self, Localized};
use super::nudges::NudgeSpec;
use super::template::Template;
use super::{ActionKind, RulesError};
use crate::context::Role;
use crate::embed::Surface;
use serde_json::{Map, Value};

type Table = Map<String, Value>;

/// A `[[rule]]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Rule {
    pub id: String,
    pub priority: i32,
    pub when: Vec<Condition>,
    pub suggest: Vec<Item>,
    pub reason: Localized<Template>,
    /// What the rule says first, beside the launcher, when it fires (a proactive rule).
    pub nudge: Option<NudgeSpec>,
}

/// A `[[fallback]]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fallback {
    pub surface: Surface,
    pub role: Option<Role>,
    pub articles: Vec<String>,
    pub reason: Localized<Template>,
}

/// One entry of a rule's `suggest`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    Article(String),
    /// A guided flow, by id (its file name in `content/flows/`).
    Flow(String),
    Action {
        kind: ActionKind,
        label: Localized<String>,
        topic: Option<String>,
        step: Option<String>,
    },
}

/// Converts the TOML text of a rules file to the JSON the rest of this module reads (see [`toml_to_value`]).
#[cfg(feature = "toml")]
pub(crate) fn toml_to_json(text: &str) -> Result<Value, RulesError> {
    let table: toml::Table =
        toml::from_str(text).map_err(|error| RulesError::Syntax(error.to_string()))?;
    Ok(toml_to_value(toml::Value::Table(table)))
}

/// A content file's TOML as the JSON its checks read: integers and floats become numbers, tables objects.
/// Dates and times, which no content file accepts, become `null`: every check rejects it with the message it
/// gave the date. (`toml::from_str::<Value>` would give them as objects with a private marker key, which some
/// checks read as tables.) `nan` and `inf`, which JSON cannot hold, become `null` too.
#[cfg(feature = "toml")]
pub(crate) fn toml_to_value(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::String(text),
        toml::Value::Integer(n) => Value::from(n),
        toml::Value::Float(n) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(_) => Value::Null,
        toml::Value::Array(list) => Value::Array(list.into_iter().map(toml_to_value).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(key, value)| (key, toml_to_value(value)))
                .collect(),
        ),
    }
}

/// Reads the whole file: an object with optional lists `rule` and `fallback`, and nothing else.
pub(crate) fn parse_file(file: &Value) -> Result<(Vec<Rule>, Vec<Fallback>), RulesError> {
    let syntax = |problem: &str| RulesError::Syntax(problem.to_owned());
    let Value::Object(file) = file else {
        return Err(syntax(
            "expected a table (a JSON object) with optional `rule` and `fallback` lists",
        ));
    };
    check_keys(file, &["rule", "fallback"]).map_err(RulesError::Syntax)?;
    let list = |key: &str| match file.get(key) {
        None => Ok(&[][..]),
        Some(Value::Array(list)) => Ok(list.as_slice()),
        Some(_) => Err(RulesError::Syntax(format!(
            "`{key}` must be a list of tables (`[[{key}]]`)"
        ))),
    };
    let (raw_rules, raw_fallbacks) = (list("rule")?, list("fallback")?);

    let mut rules: Vec<Rule> = Vec::with_capacity(raw_rules.len());
    for (index, value) in raw_rules.iter().enumerate() {
        let Value::Object(table) = value else {
            return Err(RulesError::Rule {
                id: format!("#{}", index + 1),
                problem: "must be a table".into(),
            });
        };
        let rule = parse_rule(index, table)?;
        if rules.iter().any(|earlier| earlier.id == rule.id) {
            return Err(RulesError::Rule {
                id: rule.id,
                problem: "duplicate id: an earlier rule already uses it".into(),
            });
        }
        rules.push(rule);
    }
    let fallbacks = raw_fallbacks
        .iter()
        .enumerate()
        .map(|(index, value)| {
            let problem = |problem| RulesError::Fallback {
                number: index + 1,
                problem,
            };
            match value {
                Value::Object(table) => parse_fallback(table).map_err(problem),
                _ => Err(problem("must be a table".into())),
            }
        })
        .collect::<Result<_, _>>()?;
    Ok((rules, fallbacks))
}

fn parse_rule(index: usize, table: &Table) -> Result<Rule, RulesError> {
    let id = match table.get("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id.clone(),
        _ => {
            // Without an id, the position is the best name there is.
            return Err(RulesError::Rule {
                id: format!("#{}", index + 1),
                problem: "needs a non-empty string `id`".into(),
            });
        }
    };
    let problem = |problem: String| RulesError::Rule {
        id: id.clone(),
        problem,
    };
    check_keys(
        table,
        &["id", "priority", "when", "suggest", "reason", "nudge"],
    )
    .map_err(problem)?;
    let priority = match table.get("priority") {
        None => 0,
        Some(value) => value
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .ok_or_else(|| problem("`priority` must be a whole number".into()))?,
    };
    let when = non_empty_list(table, "when")
        .and_then(|list| {
            list.iter()
                .map(|entry| Condition::parse(entry).map_err(|problem| problem.to_string()))
                .collect()
        })
        .map_err(problem)?;
    let suggest = non_empty_list(table, "suggest")
        .and_then(|list| list.iter().map(parse_item).collect())
        .map_err(problem)?;
    let reason = reason(table).map_err(problem)?;
    let nudge = table
        .get("nudge")
        .map(NudgeSpec::parse)
        .transpose()
        .map_err(problem)?;
    Ok(Rule {
        id,
        priority,
        when,
        suggest,
        reason,
        nudge,
    })
}

fn parse_item(value: &Value) -> Result<Item, String> {
    let Value::Object(table) = value else {
        return Err(
            "each `suggest` entry must be a table like `{ article = \"...\" }` or `{ flow = \"...\" }`"
                .into(),
        );
    };
    if table.contains_key("article") {
        check_keys(table, &["article"])?;
        return Ok(Item::Article(string(table, "article")?.to_owned()));
    }
    if table.contains_key("flow") {
        check_keys(table, &["flow"])?;
        return Ok(Item::Flow(string(table, "flow")?.to_owned()));
    }
    let label = || {
        localized::parse(table, "label", |text| {
            Ok::<_, std::convert::Infallible>(text.to_owned())
        })
        .map_err(|problem| problem.to_string())
    };
    let kind = match table.get("action") {
        Some(Value::String(name)) => name.as_str(),
        Some(_) => return Err("`action` must be a string".into()),
        None => return Err("a `suggest` entry needs `article`, `flow` or `action`".into()),
    };
    let (kind, label, topic, step) = match kind {
        "contact" => {
            check_keys(table, &["action", "topic", "label"])?;
            let topic = string(table, "topic")?.to_owned();
            let label = match table.get("label") {
                None => Localized::english("Contact support".to_owned()),
                Some(_) => label()?,
            };
            (ActionKind::Contact, label, Some(topic), None)
        }
        "status" => {
            check_keys(table, &["action", "label"])?;
            (ActionKind::Status, label()?, None, None)
        }
        "onboarding_step" => {
            check_keys(table, &["action", "step", "label"])?;
            let step = string(table, "step")?.to_owned();
            (ActionKind::OnboardingStep, label()?, None, Some(step))
        }
        other => {
            return Err(format!(
                "unknown action `{other}` (expected contact, status, onboarding_step)"
            ));
        }
    };
    Ok(Item::Action {
        kind,
        label,
        topic,
        step,
    })
}

fn parse_fallback(table: &Table) -> Result<Fallback, String> {
    check_keys(table, &["surface", "role", "articles", "reason"])?;
    let surface = string(table, "surface")?
        .parse::<Surface>()
        .map_err(|error| error.to_string())?;
    let role = match table.get("role").map(Value::as_str) {
        None => None,
        Some(Some("buyer")) => Some(Role::Buyer),
        Some(Some("seller")) => Some(Role::Seller),
        Some(_) => return Err("`role` must be `buyer` or `seller`".into()),
    };
    let articles = non_empty_list(table, "articles")?
        .iter()
        .map(|article| match article {
            Value::String(id) if !id.trim().is_empty() => Ok(id.clone()),
            _ => Err("`articles` must list article ids".to_owned()),
        })
        .collect::<Result<_, _>>()?;
    let reason = reason(table)?;
    Ok(Fallback {
        surface,
        role,
        articles,
        reason,
    })
}

/// A `reason`: a template, or a table of language → template whose translations all use the English
/// template's placeholders, so every language cites the same facts and fires in the same situations.
fn reason(table: &Table) -> Result<Localized<Template>, String> {
    let reason = localized::parse(table, "reason", Template::parse)
        .map_err(|problem| problem.to_string())?;
    for (language, translation) in reason.translations() {
        if let Some(difference) = reason.en.placeholder_difference(translation) {
            return Err(format!(
                "`reason.{language}` must use the same placeholders as `reason.en`: {difference}"
            ));
        }
    }
    Ok(reason)
}

/// `value` read as another text for one of a rule's texts, its `key` (what a wording experiment shows in its
/// place): written as the rule's own is, every translation with the placeholders of the rule's English text
/// `own`, so every variant fires and renders where the rule does.
pub(crate) fn rewording(
    key: &str,
    own: &Template,
    value: &Value,
) -> Result<Localized<Template>, String> {
    let text =
        localized::parse_value(Some(value), key, Template::parse).map_err(|p| p.to_string())?;
    for (language, translation) in std::iter::once(("en", &text.en)).chain(text.translations()) {
        if let Some(difference) = own.placeholder_difference(translation) {
            return Err(format!(
                "`{key}.{language}` must use the same placeholders as the rule's own `{key}.en`: {difference}"
            ));
        }
    }
    Ok(text)
}

/// Rejects keys outside `allowed`, which are almost always typos.
pub(crate) fn check_keys(table: &Table, allowed: &[&str]) -> Result<(), String> {
    match table.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(format!(
            "unknown key `{key}` (expected {})",
            allowed.join(", ")
        )),
        None => Ok(()),
    }
}

fn string<'a>(table: &'a Table, key: &str) -> Result<&'a str, String> {
    match table.get(key) {
        Some(Value::String(text)) if !text.trim().is_empty() => Ok(text),
        Some(_) => Err(format!("`{key}` must be a non-empty string")),
        None => Err(format!("missing `{key}`")),
    }
}

fn non_empty_list<'a>(table: &'a Table, key: &str) -> Result<&'a [Value], String> {
    match table.get(key) {
        Some(Value::Array(list)) if !list.is_empty() => Ok(list),
        Some(_) => Err(format!("`{key}` must be a non-empty list")),
        None => Err(format!("missing `{key}`")),
    }
}
