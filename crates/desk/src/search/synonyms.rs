//! The site's synonyms, per language: what a phrase people type also means in the site's own words, applied
//! to queries (`content/synonyms.toml`):
//!
//! ```toml
//! [en]
//! "fake" = ["counterfeit", "not genuine"]
//! "back in stock" = ["sold out"]
//! ```
//!
//! One way: typing "fake" also finds "counterfeit", not the reverse (list both to get both). A file with any
//! problem is refused whole, each problem named with its line, language and phrase.

use super::analysis::Analysis;
use super::tokens::tokens;
use std::collections::{BTreeMap, HashMap};

/// Longest phrase, in characters and in searchable words: a synonym is a few words, not a paragraph, and
/// every word it adds costs every query that uses it.
const MAX_PHRASE_CHARS: usize = 80;
const MAX_PHRASE_WORDS: usize = 6;
/// Most phrases one phrase may also mean.
const MAX_ALTERNATIVES: usize = 10;

/// Synonyms by language subtag.
#[derive(Clone, Debug, Default)]
pub struct Synonyms {
    by_language: HashMap<String, Vec<Synonym>>,
}

/// A phrase and what else it means.
#[derive(Clone, Debug)]
pub struct Synonym {
    pub phrase: String,
    pub also: Vec<String>,
}

/// The file's shape: language tables of phrase = [phrases], with where each table and entry sits.
type File = BTreeMap<String, toml::Spanned<BTreeMap<String, toml::Spanned<toml::Value>>>>;

impl Synonyms {
    /// Reads and checks a synonyms file; every problem found, with its line, when there is any.
    pub fn parse(text: &str) -> Result<Synonyms, Vec<String>> {
        let file: File = toml::from_str(text).map_err(|err| vec![one_line(&err.to_string())])?;
        let line = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
        let mut problems = vec![];
        let mut by_language = HashMap::new();
        for (language, table) in file {
            let table_line = line(table.span().start);
            if !(2..=3).contains(&language.len())
                || !language.bytes().all(|b| b.is_ascii_lowercase())
            {
                problems.push(format!(
                    "line {table_line}: [{language}]: not a language subtag (en, es, pt, …)"
                ));
                continue;
            }
            let mut terms = Analysis::of(&language).terms();
            let mut check = |phrase: &str| -> Result<Vec<String>, String> {
                let words: Vec<String> = tokens(&mut terms, phrase)
                    .into_iter()
                    .map(|t| t.text)
                    .collect();
                if phrase.chars().count() > MAX_PHRASE_CHARS {
                    Err(format!("longer than {MAX_PHRASE_CHARS} characters"))
                } else if words.is_empty() {
                    Err("has no searchable word (only stop words or punctuation)".into())
                } else if words.len() > MAX_PHRASE_WORDS {
                    Err(format!("more than {MAX_PHRASE_WORDS} searchable words"))
                } else {
                    Ok(words)
                }
            };
            let mut seen: HashMap<Vec<String>, (String, usize)> = HashMap::new();
            let mut synonyms = vec![];
            let mut entries: Vec<_> = table.into_inner().into_iter().collect();
            entries.sort_by_key(|(_, value)| value.span().start);
            for (phrase, value) in entries {
                let at = line(value.span().start);
                let mut problem = |what: String| {
                    problems.push(format!("line {at}: [{language}] {phrase:?}: {what}"))
                };
                match check(&phrase) {
                    Err(what) => problem(what),
                    Ok(words) => match seen.get(&words) {
                        Some((first, first_line)) => {
                            problem(format!("the same words as {first:?} on line {first_line}"))
                        }
                        None => {
                            seen.insert(words, (phrase.clone(), at));
                        }
                    },
                }
                let also = match value.into_inner() {
                    toml::Value::Array(items) => items,
                    other => {
                        problem(format!(
                            "expected a list of words or phrases, found {}",
                            other.type_str()
                        ));
                        continue;
                    }
                };
                if also.is_empty() {
                    problem("the list is empty".into());
                } else if also.len() > MAX_ALTERNATIVES {
                    problem(format!("more than {MAX_ALTERNATIVES} phrases"));
                }
                let mut phrases = vec![];
                for item in also {
                    match item {
                        toml::Value::String(text) => match check(&text) {
                            Ok(_) => phrases.push(text),
                            Err(what) => problem(format!("{text:?} {what}")),
                        },
                        other => problem(format!(
                            "found a {}, not a word or phrase in quotes",
                            other.type_str()
                        )),
                    }
                }
                synonyms.push(Synonym {
                    phrase,
                    also: phrases,
                });
            }
            by_language.insert(language, synonyms);
        }
        if problems.is_empty() {
            Ok(Synonyms { by_language })
        } else {
            Err(problems)
        }
    }

    /// The synonyms of one language, in file order.
    pub fn of(&self, language: &str) -> &[Synonym] {
        self.by_language.get(language).map_or(&[], Vec::as_slice)
    }
}

/// toml's errors quote the offending line over several lines; a log line wants one.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_phrases_per_language() {
        let synonyms = Synonyms::parse(
            "[en]\nfake = [\"counterfeit\", \"not genuine\"]\n\"back in stock\" = [\"sold out\"]\n\n[es]\nfalso = [\"falsificación\"]\n",
        )
        .unwrap();
        assert_eq!(synonyms.of("en").len(), 2);
        assert_eq!(synonyms.of("en")[0].phrase, "fake");
        assert_eq!(synonyms.of("en")[0].also, ["counterfeit", "not genuine"]);
        assert_eq!(synonyms.of("es")[0].also, ["falsificación"]);
        assert!(synonyms.of("fr").is_empty());
    }

    #[test]
    fn every_problem_is_named_with_its_line_language_and_phrase() {
        let problems = Synonyms::parse(
            "[en]\nfake = \"counterfeit\"\nthe = [\"a\"]\n\n[english]\nx = [\"y\"]\n\n[es]\nfalso = []\nfalsos = [\"imitación\"]\n",
        )
        .unwrap_err();
        assert_eq!(
            problems,
            [
                "line 2: [en] \"fake\": expected a list of words or phrases, found string",
                "line 3: [en] \"the\": has no searchable word (only stop words or punctuation)",
                "line 3: [en] \"the\": \"a\" has no searchable word (only stop words or punctuation)",
                "line 5: [english]: not a language subtag (en, es, pt, …)",
                "line 9: [es] \"falso\": the list is empty",
                "line 10: [es] \"falsos\": the same words as \"falso\" on line 9",
            ]
        );
    }

    #[test]
    fn toml_syntax_errors_keep_their_position() {
        let problems = Synonyms::parse("[en]\nfake = [\"counterfeit\"\n").unwrap_err();
        assert!(problems[0].contains("line 2"), "{problems:?}");
    }
}
