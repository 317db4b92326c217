//! The articles of one language in a tantivy index: BM25 over the language's analysis with a title boost,
//! query words read through the language's vocabulary (typos, the word being typed, compounds) and the site's
//! synonyms, and highlighted snippets.
//!
//! Corrections, completions and compounds are resolved against the vocabulary before searching, so they are
//! scored by BM25 like any other term (tantivy's fuzzy queries score every match the same). What a query may
//! cost is bounded: at most [`MAX_QUERY_WORDS`] words are read, and only the first [`MAX_EXPANDED_WORDS`]
//! are corrected or looked up in compounds, so a long nonsense query costs a few typos, not dozens.

use super::analysis::{Analysis, tokens};
use super::synonyms::Synonym;
use super::vocabulary::Vocabulary;
use super::{Indexed, audience_name};
use signpost_core::help::{Audience, SearchHit};
use std::collections::{HashMap, HashSet};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{AsciiFoldingFilter, RawTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, Term};

const ANALYZER: &str = "signpost";
/// The analyser of the fields holding words as written (see [`Fields::words`]).
const WORDS_ANALYZER: &str = "signpost_words";
/// A title hit counts this many times a body hit. These three weights were tuned on the judged query sets in
/// scripts/bench/queries (see the README's search figures).
const TITLE_BOOST: f32 = 1.5;
/// A corrected or completed word counts less than the word as typed.
const CORRECTION_WEIGHT: f32 = 0.85;
const PREFIX_WEIGHT: f32 = 0.5;
/// A compound found by one of its parts counts less than the part itself.
const COMPOUND_WEIGHT: f32 = 0.7;
/// A word found as written adds this much to its stem's score, in stemmed languages.
const AS_WRITTEN_WEIGHT: f32 = 0.5;
/// Words of a query that are read; the rest are ignored (a 200-character query has at most 100).
pub const MAX_QUERY_WORDS: usize = 16;
/// Words of a query that may be corrected or looked up in compounds, each a scan of the vocabulary.
pub const MAX_EXPANDED_WORDS: usize = 4;
const SNIPPET_CHARS: usize = 180;

/// The index of one language and what reads queries against it.
pub struct LanguageIndex {
    analysis: Analysis,
    reader: IndexReader,
    analyzer: TextAnalyzer,
    splitter: TextAnalyzer,
    fields: Fields,
    vocabulary: Vocabulary,
    ids: HashSet<String>,
    synonyms: Vec<Expansion>,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    /// Stored apart from the indexed title, which carries extra spellings and the tags.
    display_title: Field,
    /// Stored for snippets.
    body: Field,
    audience: Field,
    /// In stemmed languages other than English, the title and body again as words written (folded, not
    /// stemmed), so that a word matching as typed ranks above the other words of its stem: "حسابي" (my account)
    /// above "حساب" (account), "devolución" above "devolver".
    words: Option<(Field, Field)>,
}

/// A query word: the readings it may stand for (its own term, corrections, completions, compounds). It scores
/// as its best reading: completions of "led" (ledr, ledg, ledb…) must not add up.
#[derive(Clone, Debug)]
struct QueryWord {
    readings: Vec<Reading>,
}

/// One reading of a query word: terms that together stand for it (one, or the parts of a compound), its weight,
/// and the word it reads as written, when the index keeps words as written.
#[derive(Clone, Debug)]
struct Reading {
    terms: Vec<String>,
    weight: f32,
    as_written: Option<String>,
}

/// A stretch of the query with what else it means: the words as typed first, then a synonym's phrases. It
/// scores as its best alternative.
struct QueryPart {
    alternatives: Vec<Vec<QueryWord>>,
}

/// A synonym read against this index: the terms of its phrase, and its other phrases as query words.
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

impl LanguageIndex {
    /// Indexes `documents`, all in `language`, in memory.
    pub fn build(
        language: &str,
        documents: &[Indexed],
        synonyms: &[Synonym],
    ) -> tantivy::Result<LanguageIndex> {
        let analysis = Analysis::of(language);
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let mut schema = Schema::builder();
        let fields = Fields {
            id: schema.add_text_field("id", STRING | STORED),
            title: schema.add_text_field("title", text.clone()),
            display_title: schema.add_text_field("display_title", STORED),
            body: schema.add_text_field("body", text.set_stored()),
            audience: schema.add_text_field("audience", STRING),
            words: analysis.stems().then(|| {
                (
                    schema.add_text_field("title_words", words.clone()),
                    schema.add_text_field("body_words", words),
                )
            }),
        };
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(ANALYZER, analysis.terms());
        index
            .tokenizers()
            .register(WORDS_ANALYZER, analysis.words());

        let mut words = WordReader::new(analysis);
        let mut vocabulary = Vocabulary::default();
        let mut ids = HashSet::new();
        let mut writer = index.writer_with_num_threads(1, 64_000_000)?;
        for doc in documents {
            // The summary reads as the article's first paragraph; tags are keywords and weigh like the title.
            let body_text = with_joined_hyphenations(&format!("{}\n{}", doc.summary, doc.text));
            let title_text =
                with_joined_hyphenations(&format!("{}\n{}", doc.title, doc.tags.join(" ")));
            words.read(&[&title_text, &body_text], &mut vocabulary);
            ids.insert(doc.id.to_owned());
            let mut document = TantivyDocument::default();
            document.add_text(fields.id, doc.id);
            document.add_text(fields.title, &title_text);
            document.add_text(fields.display_title, doc.title);
            document.add_text(fields.body, &body_text);
            document.add_text(fields.audience, audience_name(doc.audience));
            if let Some((title_words, body_words)) = fields.words {
                document.add_text(title_words, &title_text);
                document.add_text(body_words, &body_text);
            }
            writer.add_document(document)?;
        }
        writer.commit()?;
        vocabulary.finish();
        let mut built = LanguageIndex {
            analysis,
            reader: index.reader()?,
            analyzer: analysis.terms(),
            splitter: analysis.words(),
            fields,
            vocabulary,
            ids,
            synonyms: vec![],
        };
        built.synonyms = synonyms
            .iter()
            .filter_map(|synonym| built.expansion(synonym))
            .collect();
        Ok(built)
    }

    /// Whether the article `id` is in this language.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The best matches for `query` among the articles for `audience` (or for all), best first, leaving out
    /// the articles `skip` names.
    pub fn search(
        &self,
        query: &str,
        audience: Option<Audience>,
        limit: usize,
        skip: &dyn Fn(&str) -> bool,
    ) -> tantivy::Result<Vec<SearchHit>> {
        let parts = self.read_query(query);
        if parts.is_empty() || limit == 0 {
            return Ok(vec![]);
        }
        let mut matched_terms = vec![];
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![];
        for part in &parts {
            for word in part.alternatives.iter().flatten() {
                for reading in &word.readings {
                    matched_terms.extend(reading.terms.iter().cloned());
                }
            }
            match part.alternatives.as_slice() {
                // The words as typed, each a clause of its own.
                [words] => clauses.extend(
                    words
                        .iter()
                        .map(|word| (Occur::Should, self.word_query(word))),
                ),
                alternatives => {
                    let alternatives = alternatives
                        .iter()
                        .map(|words| self.words_query(words))
                        .collect();
                    clauses.push((
                        Occur::Should,
                        Box::new(DisjunctionMaxQuery::new(alternatives)),
                    ));
                }
            }
        }
        let mut seen = HashSet::new();
        matched_terms.retain(|term| seen.insert(term.clone()));
        let text_query = BooleanQuery::new(clauses);
        let mut filtered: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(text_query.clone()))];
        if let Some(audience) = audience.filter(|a| *a != Audience::All) {
            let either = BooleanQuery::new(vec![
                (
                    Occur::Should,
                    self.keyword(self.fields.audience, audience_name(audience)),
                ),
                (Occur::Should, self.keyword(self.fields.audience, "all")),
            ]);
            filtered.push((Occur::Must, Box::new(either)));
        }
        let query = BooleanQuery::new(filtered);

        let searcher = self.reader.searcher();
        // Enough to fill `limit` after the skipped articles are left out.
        let wanted = limit + self.ids.iter().filter(|id| skip(id)).count();
        let top = searcher.search(&query, &TopDocs::with_limit(wanted).order_by_score())?;
        let mut snippets = SnippetGenerator::create(&searcher, &text_query, self.fields.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(limit);
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let id = text(self.fields.id);
            if skip(&id) {
                continue;
            }
            let mut snippet = snippets.snippet_from_doc(&doc);
            snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
            let snippet = match snippet.to_html() {
                html if html.is_empty() => {
                    escape(&first_chars(&text(self.fields.body), SNIPPET_CHARS))
                }
                html => html,
            };
            hits.push(SearchHit {
                id,
                title: text(self.fields.display_title),
                snippet,
                score,
                matched_terms: matched_terms.clone(),
            });
            if hits.len() == limit {
                break;
            }
        }
        Ok(hits)
    }

    /// Reads the query: its words with what each may stand for, grouped where a synonym's phrase matched.
    fn read_query(&self, query: &str) -> Vec<QueryPart> {
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
                .map(|word| self.readings(word, &mut expansions_left))
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
    fn readings(&self, word: &Typed, expansions_left: &mut usize) -> QueryWord {
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
        let indexed: Vec<&String> = word.own.iter().filter(|t| self.is_indexed(t)).collect();
        let expand = *expansions_left > 0;
        for term in &indexed {
            add(vec![(*term).clone()], 1.0, Some(&word.surface));
        }
        if expand && (indexed.is_empty() || self.analysis.compounds()) {
            *expansions_left -= 1;
            if indexed.is_empty() {
                for (surface, term) in self.vocabulary.corrections(&word.surface) {
                    add(vec![term], CORRECTION_WEIGHT, Some(&surface));
                }
            }
            if self.analysis.compounds() {
                let term_of = |surface: &str| {
                    self.own_terms(surface)
                        .into_iter()
                        .find(|term| self.is_indexed(term))
                        .or_else(|| self.vocabulary.inflected(surface))
                };
                if indexed.is_empty()
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
        (self.fields.words.is_some() && known).then(|| surface.to_owned())
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
    fn expansion(&self, synonym: &Synonym) -> Option<Expansion> {
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
                            .filter(|term| self.is_indexed(term))
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

    fn is_indexed(&self, term: &str) -> bool {
        let searcher = self.reader.searcher();
        [self.fields.title, self.fields.body]
            .into_iter()
            .any(|field| {
                searcher
                    .doc_freq(&Term::from_field_text(field, term))
                    .is_ok_and(|count| count > 0)
            })
    }

    /// A word scores as its best reading, with a little of the others.
    fn word_query(&self, word: &QueryWord) -> Box<dyn Query> {
        let readings = word
            .readings
            .iter()
            .map(|reading| self.reading_query(reading))
            .collect();
        Box::new(DisjunctionMaxQuery::with_tie_breaker(readings, 0.1))
    }

    /// Words that each add to the score.
    fn words_query(&self, words: &[QueryWord]) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            words
                .iter()
                .map(|word| (Occur::Should, self.word_query(word)))
                .collect(),
        ))
    }

    /// A reading's terms in the title or the body, each adding to the score, and its word as written.
    fn reading_query(&self, reading: &Reading) -> Box<dyn Query> {
        let (title, body) = (self.fields.title, self.fields.body);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = reading
            .terms
            .iter()
            .map(|term| {
                (
                    Occur::Should,
                    self.term_query(title, body, term, reading.weight),
                )
            })
            .collect();
        if let (Some(surface), Some((title_words, body_words))) =
            (&reading.as_written, self.fields.words)
        {
            let weight = reading.weight * AS_WRITTEN_WEIGHT;
            clauses.push((
                Occur::Should,
                self.term_query(title_words, body_words, surface, weight),
            ));
        }
        match <[_; 1]>::try_from(clauses) {
            Ok([(_, one)]) => one,
            Err(clauses) => Box::new(BooleanQuery::new(clauses)),
        }
    }

    /// A term in the title (boosted) or the body.
    fn term_query(&self, title: Field, body: Field, term: &str, weight: f32) -> Box<dyn Query> {
        let fields = [(title, TITLE_BOOST), (body, 1.0)].map(|(field, boost)| {
            let query = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), boost * weight)) as Box<dyn Query>,
            )
        });
        Box::new(BooleanQuery::new(fields.into()))
    }

    fn keyword(&self, field: Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    /// How many terms `query` is searched with, for bounding its cost.
    #[cfg(test)]
    pub fn term_count(&self, query: &str) -> usize {
        self.read_query(query)
            .iter()
            .flat_map(|part| part.alternatives.iter().flatten())
            .flat_map(|word| word.readings.iter())
            .map(|reading| reading.terms.len())
            .sum()
    }
}

/// Reads the words of the articles for the vocabulary, analysing each distinct word once.
struct WordReader {
    written: TextAnalyzer,
    fold: TextAnalyzer,
    terms: TextAnalyzer,
    /// Each word as written (lowercased) with its surface form and its term (`None` for a stop word).
    known: HashMap<String, (String, Option<String>)>,
}

impl WordReader {
    fn new(analysis: Analysis) -> WordReader {
        WordReader {
            written: analysis.written_words(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(AsciiFoldingFilter)
                .build(),
            terms: analysis.terms(),
            known: HashMap::new(),
        }
    }

    /// Adds the words of one document's `texts` to `vocabulary`: each with its surface form and the term it
    /// is indexed as. The term comes from the word as written, since some stemmers need its accents; the
    /// surface form has them folded, as queries do.
    fn read(&mut self, texts: &[&str], vocabulary: &mut Vocabulary) {
        let mut written = HashSet::new();
        for text in texts {
            written.extend(tokens(&mut self.written, text).into_iter().map(|t| t.text));
        }
        for word in &written {
            if !self.known.contains_key(word) {
                let surface = tokens(&mut self.fold, word)
                    .pop()
                    .map_or_else(|| word.clone(), |t| t.text);
                let term = tokens(&mut self.terms, word).pop().map(|t| t.text);
                self.known.insert(word.clone(), (surface, term));
            }
        }
        vocabulary.add_document(written.iter().filter_map(|word| {
            let (surface, term) = self.known.get(word)?;
            Some((surface.as_str(), term.as_deref()))
        }));
    }
}

/// Appends the joined form of hyphenated words ("Wi-Fi" → also "WiFi"), so both spellings find the article.
fn with_joined_hyphenations(text: &str) -> String {
    let joined: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|word| {
            word.contains('-')
                && word
                    .split('-')
                    .all(|part| part.chars().any(char::is_alphabetic))
        })
        .map(|word| word.replace('-', ""))
        .collect();
    if joined.is_empty() {
        text.to_owned()
    } else {
        format!("{text}\n{}", joined.join(" "))
    }
}

fn first_chars(text: &str, count: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(count) {
        Some((end, _)) => format!("{}…", &flat[..end]),
        None => flat,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
