//! The articles of one language in a tantivy index: BM25 over the language's analysis with a title boost, the
//! query as [`super::query`] reads it, and highlighted snippets.

use super::analysis::Analysis;
use super::document::{Indexed, audience_name};
use super::query::{QueryReader, QueryWord, Reading};
use super::synonyms::Synonym;
use super::tokens::tokens;
use super::vocabulary::Vocabulary;
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
/// A title hit counts this many times a body hit. This weight and those of corrections and completions
/// ([`super::query`]) were tuned on the judged query sets in scripts/bench/queries (see the README's search
/// figures).
const TITLE_BOOST: f32 = 1.5;
/// A word found as written adds this much to its stem's score, in stemmed languages.
const AS_WRITTEN_WEIGHT: f32 = 0.5;
const SNIPPET_CHARS: usize = 180;

/// The index of one language and what reads queries against it.
pub struct LanguageIndex {
    reader: IndexReader,
    fields: Fields,
    ids: HashSet<String>,
    query: QueryReader,
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
        let reader = index.reader()?;
        let indexed = |term: &str| is_indexed(&reader, &fields, term);
        let query = QueryReader::new(
            analysis,
            vocabulary,
            fields.words.is_some(),
            synonyms,
            &indexed,
        );
        Ok(LanguageIndex {
            reader,
            fields,
            ids,
            query,
        })
    }

    /// How many terms `query` is searched with, for bounding its cost.
    #[cfg(test)]
    pub fn term_count(&self, query: &str) -> usize {
        self.query
            .read(query, &|term| is_indexed(&self.reader, &self.fields, term))
            .iter()
            .flat_map(|part| part.alternatives.iter().flatten())
            .flat_map(|word| word.readings.iter())
            .map(|reading| reading.terms.len())
            .sum()
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
        let parts = self
            .query
            .read(query, &|term| is_indexed(&self.reader, &self.fields, term));
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
}

/// Whether `term` is in the title or body of an article.
fn is_indexed(reader: &IndexReader, fields: &Fields, term: &str) -> bool {
    let searcher = reader.searcher();
    [fields.title, fields.body].into_iter().any(|field| {
        searcher
            .doc_freq(&Term::from_field_text(field, term))
            .is_ok_and(|count| count > 0)
    })
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
