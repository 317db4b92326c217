//! Texts a rules file may give in several languages: reasons and action labels.
//!
//! Each is either a string, the English text, or a table of language → text with `en` in it:
//! `reason = { en = "Order {order.id} …", es = "El pedido {order.id} …" }`. The user gets the text for the
//! language subtag of their locale (`es-MX` → `es`), else the English one.

use serde_json::{Map, Value};

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

/// Reads `key` of `table`: a non-empty string, or a table of language → non-empty string that has `en`.
/// `parse` reads each text; its errors on a translation are prefixed with the translation's name, `reason.es`.
pub(crate) fn parse<T>(
    table: &Map<String, Value>,
    key: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Localized<T>, String> {
    let texts = match table.get(key) {
        None => return Err(format!("missing `{key}`")),
        Some(Value::String(text)) if !text.trim().is_empty() => {
            return Ok(Localized::english(parse(text)?));
        }
        Some(Value::Object(texts)) => texts,
        Some(_) => {
            return Err(format!(
                "`{key}` must be a non-empty string, or a table of language → text like `{{ en = \"…\", es = \"…\" }}`"
            ));
        }
    };
    let mut en = None;
    let mut translations = Vec::new();
    for (language, text) in texts {
        let is_subtag =
            (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
        if !is_subtag {
            return Err(format!(
                "`{key}` has a text for `{language}`: translations are keyed by lowercase language (`es`, `pt`), without a region"
            ));
        }
        let text = match text {
            Value::String(text) if !text.trim().is_empty() => text,
            _ => return Err(format!("`{key}.{language}` must be a non-empty string")),
        };
        let text = parse(text).map_err(|problem| format!("`{key}.{language}`: {problem}"))?;
        if language == "en" {
            en = Some(text);
        } else {
            translations.push((language.clone(), text));
        }
    }
    let en = en.ok_or_else(|| {
        format!(
            "`{key}` has no `en`: the English text is required, for users whose language it lacks"
        )
    })?;
    Ok(Localized { en, translations })
}
