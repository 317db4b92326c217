//! Reading a query against one language's articles: its words, what each may stand for (its own terms, typo
//! corrections, compound parts or compounds, completions of the word being typed), and the site's synonyms
//! where their phrases match.
//!
//! Corrections, completions and compounds are resolved against the vocabulary before searching, so they are
//! scored by BM25 like any other term (tantivy's fuzzy queries score every match the same). What a query may
//! cost is bounded: at most [`MAX_QUERY_WORDS`] words are read, and only the first [`MAX_EXPANDED_WORDS`]
//! that need it are corrected or looked up in compounds, so a long nonsense query costs a few typos, not dozens.

use super::analysis::Analysis;
use super::synonyms::Synonym;
use super::tokens::tokens;
use super::vocabulary::Vocabulary;
use tantivy::tokenizer::TextAnalyzer;

/// A corrected word counts less than the word as typed, a completed one less still.
const CORRECTION_WEIGHT: f32 = 0.85;
const PREFIX_WEIGHT: f32 = 0.5;
/// A compound found by one of its parts counts less than the part itself.
const COMPOUND_WEIGHT: f32 = 0.7;
/// Words of a query that are read; the rest are ignored (a 200-character query has at most 100).
pub const MAX_QUERY_WORDS: usize = 16;
/// Words of a query that may be corrected or looked up in compounds, each a scan of the vocabulary.
pub const MAX_EXPANDED_WORDS: usize = 4;

/// Reads queries against the articles of one language.
pub struct QueryReader {
    analysis: Analysis,
    analyzer: TextAnalyzer,
    splitter: TextAnalyzer,
    vocabulary: Vocabulary,
    /// Whether the index keeps words as written, so that readings name them.
    keeps_written: bool,
    synonyms: Vec<Expansion>,
}

/// A query word: the readings it may stand for (its own term, corrections, completions, compounds). It scores
/// as its best reading: completions of "led" (ledr, ledg, ledb…) must not add up.
#[derive(Clone, Debug)]
pub struct QueryWord {
    pub readings: Vec<Reading>,
}

/// One reading of a query word: terms that together stand for it (one, or the parts of a compound), its weight,
/// and the word it reads as written, when the index keeps words as written.
#[derive(Clone, Debug)]
pub struct Reading {
    pub terms: Vec<String>,
    pub weight: f32,
    pub as_written: Option<String>,
}

/// A stretch of the query with what else it means: the words as typed first, then a synonym's phrases. It
/// scores as its best alternative.
pub struct QueryPart {
    pub alternatives: Vec<Vec<QueryWord>>,
}

/// A synonym read against the articles: the terms of its phrase, and its other phrases as query words.
struct Expansion {
    phrase: Vec<String>,
    also: Vec<Vec<QueryWord>>,
}

/// A word of the query as typed: its surface form, the terms it stands for as written, and whether it is
/// the word still being typed.
struct Typed {
    surface: String,
    own: Vec<String>,
    typing: bool,
}

impl QueryReader {
    /// A reader for the articles whose words are `vocabulary`, with the site's `synonyms` for their language;
    /// `indexed` tells whether a term is in the index.
    pub fn new(
        analysis: Analysis,
        vocabulary: Vocabulary,
        keeps_written: bool,
        synonyms: &[Synonym],
        indexed: &dyn Fn(&str) -> bool,
    ) -> QueryReader {
        let mut reader = QueryReader {
            analysis,
            analyzer: analysis.terms(),
            splitter: analysis.words(),
            vocabulary,
            keeps_written,
            synonyms: vec![],
        };
        reader.synonyms = synonyms
            .iter()
            .filter_map(|synonym| reader.expansion(synonym, indexed))
            .collect();
        reader
    }

    /// Reads the query: its words with what each may stand for, grouped where a synonym's phrase matched.
    pub fn read(&self, query: &str, indexed: &dyn Fn(&str) -> bool) -> Vec<QueryPart> {
        let typing = !query.ends_with(char::is_whitespace);
        let surface = tokens(&mut self.splitter.clone(), query);
        let count = surface.len();
        let typed: Vec<Typed> = surface
            .into_iter()
            .enumerate()
            .filter_map(|(position, word)| {
                // Stop words carry no meaning of their own, and "on" is not the start of "online".
                let own = self.own_terms(&word.text);
                (!own.is_empty()).then_some(Typed {
                    surface: word.text,
                    own,
                    typing: typing && position + 1 == count,
                })
            })
            .take(MAX_QUERY_WORDS)
            .collect();

        let mut expansions_left = MAX_EXPANDED_WORDS;
        let mut parts = vec![];
        let mut at = 0;
        while at < typed.len() {
            let synonym = self.synonym_at(&typed, at);
            let length = synonym.map_or(1, |synonym| synonym.phrase.len());
            let as_typed: Vec<QueryWord> = typed[at..at + length]
                .iter()
                .map(|word| self.readings(word, &mut expansions_left, indexed))
                .filter(|word| !word.readings.is_empty())
                .collect();
            let alternatives: Vec<Vec<QueryWord>> = std::iter::once(as_typed)
                .chain(
                    synonym
                        .into_iter()
                        .flat_map(|synonym| synonym.also.iter().cloned()),
                )
                .filter(|words| !words.is_empty())
                .collect();
            if !alternatives.is_empty() {
                parts.push(QueryPart { alternatives });
            }
            at += length;
        }
        parts
    }

    /// The longest synonym whose phrase starts at word `at` of the query.
    fn synonym_at(&self, typed: &[Typed], at: usize) -> Option<&Expansion> {
        self.synonyms
            .iter()
            .filter(|synonym| {
                let rest = &typed[at..];
                synonym.phrase.len() <= rest.len()
                    && synonym
                        .phrase
                        .iter()
                        .zip(rest)
                        .all(|(term, word)| word.own.contains(term))
            })
            .max_by_key(|synonym| synonym.phrase.len())
    }

    /// What a typed word may stand for: its own terms when the articles use them, else its corrections and,
    /// in compounding languages, the parts it is made of; in compounding languages also the compounds that
    /// contain it; and, while it is being typed, its completions.
    fn readings(
        &self,
        word: &Typed,
        expansions_left: &mut usize,
        indexed: &dyn Fn(&str) -> bool,
    ) -> QueryWord {
        let mut readings: Vec<Reading> = vec![];
        let mut add = |terms: Vec<String>, weight: f32, surface: Option<&str>| {
            if !readings.iter().any(|known| known.terms == terms) {
                readings.push(Reading {
                    terms,
                    weight,
                    as_written: surface.and_then(|surface| self.as_written(surface)),
                });
            }
        };
        let own_indexed: Vec<&String> = word.own.iter().filter(|t| indexed(t)).collect();
        let expand = *expansions_left > 0;
        for term in &own_indexed {
            add(vec![(*term).clone()], 1.0, Some(&word.surface));
        }
        if expand && (own_indexed.is_empty() || self.analysis.compounds()) {
            *expansions_left -= 1;
            if own_indexed.is_empty() {
                for (surface, term) in self.vocabulary.corrections(&word.surface) {
                    add(vec![term], CORRECTION_WEIGHT, Some(&surface));
                }
            }
            if self.analysis.compounds() {
                let term_of = |surface: &str| {
                    self.own_terms(surface)
                        .into_iter()
                        .find(|term| indexed(term))
                        .or_else(|| self.vocabulary.inflected(surface))
                };
                if own_indexed.is_empty()
                    && let Some(parts) = Vocabulary::parts_of(&word.surface, term_of)
                {
                    add(parts.into(), CORRECTION_WEIGHT, None);
                }
                for term in &word.own {
                    for compound in self.vocabulary.compounds_containing(term) {
                        add(vec![compound], COMPOUND_WEIGHT, None);
                    }
                }
            }
        }
        if word.typing && word.surface.chars().count() >= self.analysis.min_prefix_chars() {
            for completion in self.vocabulary.completions(&word.surface) {
                add(vec![completion], PREFIX_WEIGHT, None);
            }
        }
        QueryWord { readings }
    }

    /// `surface` when it is a word of the articles and the index keeps words as written.
    fn as_written(&self, surface: &str) -> Option<String> {
        let known = self
            .vocabulary
            .terms_of(surface)
            .is_some_and(|terms| !terms.is_empty());
        (self.keeps_written && known).then(|| surface.to_owned())
    }

    /// The terms a surface word stands for as written: those it was indexed as, or what the analyser makes of
    /// a word the articles never use. Empty for a stop word.
    fn own_terms(&self, surface: &str) -> Vec<String> {
        match self.vocabulary.terms_of(surface) {
            Some(terms) => terms.to_vec(),
            None => tokens(&mut self.analyzer.clone(), surface)
                .into_iter()
                .map(|token| token.text)
                .collect(),
        }
    }

    /// A synonym read against this index, or nothing when none of its other phrases is in the articles.
    fn expansion(&self, synonym: &Synonym, indexed: &dyn Fn(&str) -> bool) -> Option<Expansion> {
        let phrase: Vec<String> = tokens(&mut self.analyzer.clone(), &synonym.phrase)
            .into_iter()
            .map(|token| token.text)
            .collect();
        let also: Vec<Vec<QueryWord>> = synonym
            .also
            .iter()
            .map(|other| {
                tokens(&mut self.splitter.clone(), other)
                    .into_iter()
                    .map(|word| QueryWord {
                        readings: self
                            .own_terms(&word.text)
                            .into_iter()
                            .filter(|term| indexed(term))
                            .map(|term| Reading {
                                terms: vec![term],
                                weight: 1.0,
                                as_written: self.as_written(&word.text),
                            })
                            .collect(),
                    })
                    .filter(|word| !word.readings.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|words| !words.is_empty())
            .collect();
        (!phrase.is_empty() && !also.is_empty()).then_some(Expansion { phrase, also })
    }
}
