//! Texts a rules file may give in several languages: reasons and action labels.
//!
//! Each is either a string, the English text, or a table of language → text with `en` in it:
//! `reason = { en = "Order {order.id} …", es = "El pedido {order.id} …" }`. The user gets the text for the
//! language subtag of their locale (`es-MX` → `es`), else the English one.

use serde_json::{Map, Value};
use std::fmt;

/// A text with its translations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Localized<T> {
    /// The English text: the default, and the reference translations are checked against.
    pub en: T,
    /// Other languages by lowercase language subtag (`es`, `ar`), in file order; never `en`.
    translations: Vec<(String, T)>,
}

impl<T> Localized<T> {
    /// A text in English only.
    pub(crate) fn english(en: T) -> Self {
        Localized {
            en,
            translations: Vec::new(),
        }
    }

    /// The text for a BCP 47 locale's language, else English.
    pub(crate) fn get(&self, locale: Option<&str>) -> &T {
        let language = locale
            .and_then(|tag| tag.split(['-', '_']).next())
            .unwrap_or_default();
        self.translations
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(language))
            .map_or(&self.en, |(_, text)| text)
    }

    /// Each translation with its language, English excepted.
    pub(crate) fn translations(&self) -> impl Iterator<Item = (&str, &T)> {
        self.translations
            .iter()
            .map(|(language, text)| (language.as_str(), text))
    }
}

/// Why a localized text cannot be read; `E` is what the text's own parser reports. `Display` gives the
/// English the rules file's errors use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LocalizedProblem<E> {
    /// The key is absent.
    Missing { key: String },
    /// Neither a non-empty string nor a table.
    NotText { key: String },
    /// A translation keyed by something other than a lowercase language subtag (`ES`, `pt-BR`).
    NotALanguage { key: String, language: String },
    /// A translation that is not a non-empty string.
    EmptyTranslation { key: String, language: String },
    /// A plain string (the English text) its parser refused.
    Text { key: String, problem: E },
    /// A translation in a table (`en` included) its parser refused.
    Translation {
        key: String,
        language: String,
        problem: E,
    },
    /// A table without `en`.
    NoEnglish { key: String },
}

impl<E: fmt::Display> fmt::Display for LocalizedProblem<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LocalizedProblem::Missing { key } => write!(f, "missing `{key}`"),
            LocalizedProblem::NotText { key } => write!(
                f,
                "`{key}` must be a non-empty string, or a table of language → text like `{{ en = \"…\", es = \"…\" }}`"
            ),
            LocalizedProblem::NotALanguage { key, language } => write!(
                f,
                "`{key}` has a text for `{language}`: translations are keyed by lowercase language (`es`, `pt`), without a region"
            ),
            LocalizedProblem::EmptyTranslation { key, language } => {
                write!(f, "`{key}.{language}` must be a non-empty string")
            }
            // The rules' errors name the rule; a plain text's problem names its placeholder.
            LocalizedProblem::Text { problem, .. } => problem.fmt(f),
            LocalizedProblem::Translation {
                key,
                language,
                problem,
            } => write!(f, "`{key}.{language}`: {problem}"),
            LocalizedProblem::NoEnglish { key } => write!(
                f,
                "`{key}` has no `en`: the English text is required, for users whose language it lacks"
            ),
        }
    }
}

/// Whether `tag` is how translations are keyed: a lowercase language subtag without a region (`es`, `pt`).
pub fn is_language_subtag(tag: &str) -> bool {
    (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase())
}

/// Reads `key` of `table`: a non-empty string, or a table of language → non-empty string that has `en`.
/// `parse` reads each text; its problem comes back with the translation's language when the text is in a table.
pub(crate) fn parse<T, E>(
    table: &Map<String, Value>,
    key: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<Localized<T>, LocalizedProblem<E>> {
    parse_value(table.get(key), key, parse)
}

/// Reads `value`, the text named `key` (absent: `None`), as [`parse`] reads a table's.
pub(crate) fn parse_value<T, E>(
    value: Option<&Value>,
    key: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<Localized<T>, LocalizedProblem<E>> {
    let owned_key = || key.to_owned();
    let texts = match value {
        None => return Err(LocalizedProblem::Missing { key: owned_key() }),
        Some(Value::String(text)) if !text.trim().is_empty() => {
            return parse(text)
                .map(Localized::english)
                .map_err(|problem| LocalizedProblem::Text {
                    key: owned_key(),
                    problem,
                });
        }
        Some(Value::Object(texts)) => texts,
        Some(_) => return Err(LocalizedProblem::NotText { key: owned_key() }),
    };
    let mut en = None;
    let mut translations = Vec::new();
    for (language, text) in texts {
        if !is_language_subtag(language) {
            return Err(LocalizedProblem::NotALanguage {
                key: owned_key(),
                language: language.clone(),
            });
        }
        let text = match text {
            Value::String(text) if !text.trim().is_empty() => text,
            _ => {
                return Err(LocalizedProblem::EmptyTranslation {
                    key: owned_key(),
                    language: language.clone(),
                });
            }
        };
        let text = parse(text).map_err(|problem| LocalizedProblem::Translation {
            key: owned_key(),
            language: language.clone(),
            problem,
        })?;
        if language == "en" {
            en = Some(text);
        } else {
            translations.push((language.clone(), text));
        }
    }
    let en = en.ok_or_else(|| LocalizedProblem::NoEnglish { key: owned_key() })?;
    Ok(Localized { en, translations })
}
