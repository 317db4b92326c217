//! One `when` entry: a fact and the operators it must satisfy, parsed from the rules file (as JSON) and tested
//! against the facts.
//!
//! Evaluation never fails: a missing fact, a value of the wrong type or an unparsable date simply does not match.

use super::date::LocalCalendar;
use super::facts::{PathProblem, Usage, check_path};
use serde_json::Value;
use std::fmt;

/// A fact and the tests it must pass (all of them).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Condition {
    /// Dotted path of the fact.
    pub fact: String,
    tests: Vec<Test>,
}

/// One operator with its operand.
#[derive(Clone, Debug, PartialEq)]
enum Test {
    Equals(Scalar),
    In(Vec<Scalar>),
    Exists(bool),
    Contains(Scalar),
    Number(Comparison, f64),
    Days(Direction, Comparison, i64),
}

/// A value written in the rules file.
#[derive(Clone, Debug, PartialEq)]
enum Scalar {
    Text(String),
    Number(f64),
    Bool(bool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comparison {
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Equal,
}

/// Which way whole days are counted between a date and the user's today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    /// today − date: positive for the past.
    Since,
    /// date − today: positive for the future.
    Until,
}

/// Why a `when` entry cannot be read. `Display` gives the English the rules file's errors use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ConditionProblem {
    /// The entry is not a table.
    NotATable,
    /// The entry has no `fact`.
    NoFact,
    /// `fact` is not a string.
    FactNotAString,
    /// `fact` is not a path, or not a known fact.
    Path(PathProblem),
    /// An operator this engine does not have.
    UnknownOperator { fact: String, operator: String },
    /// An operator whose operand has the wrong shape.
    WrongOperand {
        fact: String,
        operator: String,
        expected: Operand,
    },
    /// A `days_since`/`days_until` bound other than gt, gte, lt, lte, equals.
    UnknownComparison {
        fact: String,
        operator: String,
        comparison: String,
    },
    /// Only `fact`, no operator.
    NoOperator { fact: String },
    /// `surface` or `role` compared with a name it never has.
    NeverNamed {
        fact: String,
        name: String,
        names: &'static [&'static str],
    },
    /// `surface` or `role` compared with something other than a name.
    NotAName { fact: String },
}

/// The operand shapes operators expect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    /// A string, number or boolean (`equals`, `contains`).
    Scalar,
    /// `true` or `false` (`exists`).
    Boolean,
    /// A list with at least one value (`in`).
    NonEmptyList,
    /// A list of strings, numbers or booleans (`in`).
    ScalarList,
    /// A number (`gt`, `gte`, `lt`, `lte`).
    Number,
    /// A table of comparisons like `{ gt = 0 }` (`days_since`, `days_until`).
    DaysTable,
    /// Whole numbers of days (the bounds of `days_since`, `days_until`).
    WholeDays,
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operand::Scalar => "a string, number or boolean",
            Operand::Boolean => "true or false",
            Operand::NonEmptyList => "a non-empty list",
            Operand::ScalarList => "a list of strings, numbers or booleans",
            Operand::Number => "a number",
            Operand::DaysTable => "a table like `{ gt = 0 }`",
            Operand::WholeDays => "whole numbers of days",
        })
    }
}

impl fmt::Display for ConditionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConditionProblem::NotATable => f.write_str(
                "each `when` entry must be a table like `{ fact = \"...\", equals = ... }`",
            ),
            ConditionProblem::NoFact => f.write_str("a `when` entry has no `fact`"),
            ConditionProblem::FactNotAString => f.write_str("`fact` must be a string"),
            ConditionProblem::Path(problem) => problem.fmt(f),
            ConditionProblem::UnknownOperator { fact, operator } => write!(
                f,
                "unknown operator `{operator}` on `{fact}` (expected equals, in, exists, contains, gt, gte, lt, lte, days_since, days_until)"
            ),
            ConditionProblem::WrongOperand {
                fact,
                operator,
                expected,
            } => write!(f, "`{operator}` on `{fact}` expects {expected}"),
            ConditionProblem::UnknownComparison {
                fact,
                operator,
                comparison,
            } => write!(
                f,
                "`{operator}` on `{fact}` has unknown comparison `{comparison}` (expected gt, gte, lt, lte, equals)"
            ),
            ConditionProblem::NoOperator { fact } => {
                write!(f, "the condition on `{fact}` has no operator")
            }
            ConditionProblem::NeverNamed { fact, name, names } => write!(
                f,
                "`{fact}` is never `{name}` (expected one of: {})",
                names.join(", ")
            ),
            ConditionProblem::NotAName { fact } => {
                write!(f, "`{fact}` is compared with a value that is not a name")
            }
        }
    }
}

impl Scalar {
    fn from_json(value: &Value) -> Option<Scalar> {
        match value {
            Value::String(text) => Some(Scalar::Text(text.clone())),
            Value::Number(n) => n.as_f64().map(Scalar::Number),
            Value::Bool(b) => Some(Scalar::Bool(*b)),
            _ => None,
        }
    }

    /// Same type and same value; `3` equals `3.0`, but never `"3"`.
    fn matches(&self, value: &Value) -> bool {
        match self {
            Scalar::Text(text) => value.as_str() == Some(text.as_str()),
            Scalar::Number(number) => value.as_f64() == Some(*number),
            Scalar::Bool(flag) => value.as_bool() == Some(*flag),
        }
    }
}

impl Comparison {
    fn from_name(name: &str) -> Option<Comparison> {
        Some(match name {
            "gt" => Comparison::Greater,
            "gte" => Comparison::GreaterOrEqual,
            "lt" => Comparison::Less,
            "lte" => Comparison::LessOrEqual,
            "equals" => Comparison::Equal,
            _ => return None,
        })
    }

    fn holds<T: PartialOrd>(self, left: T, right: T) -> bool {
        match self {
            Comparison::Greater => left > right,
            Comparison::GreaterOrEqual => left >= right,
            Comparison::Less => left < right,
            Comparison::LessOrEqual => left <= right,
            Comparison::Equal => left == right,
        }
    }
}

impl Condition {
    /// Reads `{ fact = "...", <operator> = ..., ... }`.
    pub(crate) fn parse(value: &Value) -> Result<Condition, ConditionProblem> {
        let Value::Object(table) = value else {
            return Err(ConditionProblem::NotATable);
        };
        let fact = match table.get("fact") {
            Some(Value::String(fact)) => fact.clone(),
            Some(_) => return Err(ConditionProblem::FactNotAString),
            None => return Err(ConditionProblem::NoFact),
        };
        check_path(&fact).map_err(ConditionProblem::Path)?;
        let mut tests = Vec::new();
        for (operator, operand) in table.iter().filter(|(key, _)| *key != "fact") {
            tests.extend(parse_operator(&fact, operator, operand)?);
        }
        if tests.is_empty() {
            return Err(ConditionProblem::NoOperator { fact });
        }
        check_names(&fact, &tests)?;
        Ok(Condition { fact, tests })
    }

    /// Whether the fact (`None` when absent) passes every test.
    pub(crate) fn holds(&self, value: Option<&Value>, calendar: &LocalCalendar) -> bool {
        match value {
            None => self.tests.iter().all(|test| *test == Test::Exists(false)),
            Some(value) => self.tests.iter().all(|test| test.holds(value, calendar)),
        }
    }

    /// How this condition uses its fact, for showing it.
    pub(crate) fn usage(&self) -> Usage {
        Usage {
            date: self.tests.iter().any(|test| matches!(test, Test::Days(..))),
            ..Usage::default()
        }
    }

    /// Whether the condition can only hold when its fact has a value (see [`Condition::holds`]: an absent
    /// fact passes `exists = false` and nothing else).
    pub(crate) fn requires_presence(&self) -> bool {
        !self.tests.iter().all(|test| *test == Test::Exists(false))
    }
}

impl Test {
    fn holds(&self, value: &Value, calendar: &LocalCalendar) -> bool {
        match self {
            Test::Exists(expected) => *expected,
            Test::Equals(scalar) => scalar.matches(value),
            Test::In(list) => list.iter().any(|scalar| scalar.matches(value)),
            Test::Contains(scalar) => value
                .as_array()
                .is_some_and(|items| items.iter().any(|item| scalar.matches(item))),
            Test::Number(comparison, bound) => value
                .as_f64()
                .is_some_and(|number| comparison.holds(number, *bound)),
            Test::Days(direction, comparison, bound) => value
                .as_str()
                .and_then(|text| calendar.local_day(text))
                .is_some_and(|day| {
                    let days = match direction {
                        Direction::Since => calendar.today() - day,
                        Direction::Until => day - calendar.today(),
                    };
                    comparison.holds(days, *bound)
                }),
        }
    }
}

/// Reads one `operator = operand` of a condition; a date operator yields one test per bound.
fn parse_operator(
    fact: &str,
    operator: &str,
    operand: &Value,
) -> Result<Vec<Test>, ConditionProblem> {
    let wrong = |expected: Operand| ConditionProblem::WrongOperand {
        fact: fact.to_owned(),
        operator: operator.to_owned(),
        expected,
    };
    let scalar = || Scalar::from_json(operand).ok_or_else(|| wrong(Operand::Scalar));
    let test = match operator {
        "equals" => Test::Equals(scalar()?),
        "contains" => Test::Contains(scalar()?),
        "exists" => Test::Exists(operand.as_bool().ok_or_else(|| wrong(Operand::Boolean))?),
        "in" => {
            let list = operand
                .as_array()
                .filter(|list| !list.is_empty())
                .ok_or_else(|| wrong(Operand::NonEmptyList))?;
            let scalars: Option<Vec<Scalar>> = list.iter().map(Scalar::from_json).collect();
            Test::In(scalars.ok_or_else(|| wrong(Operand::ScalarList))?)
        }
        "gt" | "gte" | "lt" | "lte" => {
            let bound = match operand {
                Value::Number(n) => n.as_f64().ok_or_else(|| wrong(Operand::Number))?,
                _ => return Err(wrong(Operand::Number)),
            };
            let comparison =
                Comparison::from_name(operator).ok_or_else(|| wrong(Operand::Number))?;
            Test::Number(comparison, bound)
        }
        "days_since" | "days_until" => {
            let direction = match operator {
                "days_since" => Direction::Since,
                _ => Direction::Until,
            };
            let bounds = operand
                .as_object()
                .filter(|bounds| !bounds.is_empty())
                .ok_or_else(|| wrong(Operand::DaysTable))?;
            return bounds
                .iter()
                .map(|(name, days)| {
                    let comparison = Comparison::from_name(name).ok_or_else(|| {
                        ConditionProblem::UnknownComparison {
                            fact: fact.to_owned(),
                            operator: operator.to_owned(),
                            comparison: name.clone(),
                        }
                    })?;
                    let days = days.as_i64().ok_or_else(|| wrong(Operand::WholeDays))?;
                    Ok(Test::Days(direction, comparison, days))
                })
                .collect();
        }
        other => {
            return Err(ConditionProblem::UnknownOperator {
                fact: fact.to_owned(),
                operator: other.to_owned(),
            });
        }
    };
    Ok(vec![test])
}

/// `surface` and `role` only take a few names: a misspelt one would silently never match.
fn check_names(fact: &str, tests: &[Test]) -> Result<(), ConditionProblem> {
    let names: &'static [&'static str] = match fact {
        "surface" => &["checkout", "order", "onboarding", "other"],
        "role" => &["buyer", "seller"],
        _ => return Ok(()),
    };
    let compared = tests.iter().flat_map(|test| match test {
        Test::Equals(scalar) | Test::Contains(scalar) => std::slice::from_ref(scalar),
        Test::In(list) => list.as_slice(),
        _ => &[],
    });
    for scalar in compared {
        match scalar {
            Scalar::Text(name) if names.contains(&name.as_str()) => {}
            Scalar::Text(name) => {
                return Err(ConditionProblem::NeverNamed {
                    fact: fact.to_owned(),
                    name: name.clone(),
                    names,
                });
            }
            _ => {
                return Err(ConditionProblem::NotAName {
                    fact: fact.to_owned(),
                });
            }
        }
    }
    Ok(())
}
