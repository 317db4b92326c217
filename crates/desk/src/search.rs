//! Full-text search over the help center with tantivy: BM25 with English stemming, a title boost, typo
//! tolerance and prefix matching for the word being typed, and highlighted snippets.
//!
//! Typos and prefixes are resolved against the index's own vocabulary before searching, so corrected and
//! completed words are scored by BM25 like any other (tantivy's fuzzy queries score every match the same).

use signpost_core::help::{Audience, SearchHit};
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TantivyDocument, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexReader, Term};

const ANALYZER: &str = "signpost_en";
/// A title hit counts this many times a body hit. These three weights were tuned on the judged query sets in
/// scripts/bench/queries (see the README's search figures).
const TITLE_BOOST: f32 = 1.5;
/// A corrected or completed word counts less than the word as typed.
const CORRECTION_WEIGHT: f32 = 0.85;
const PREFIX_WEIGHT: f32 = 0.5;
/// Completions considered for the word being typed, most frequent first.
const MAX_COMPLETIONS: usize = 12;
const SNIPPET_CHARS: usize = 180;

/// A document to index.
pub struct Indexed<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub tags: &'a [String],
    pub text: &'a str,
    pub audience: Audience,
    pub locale: &'a str,
}

/// What to search for.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    /// Only articles in this language (`en`, `es`, …).
    pub language: Option<&'a str>,
    /// Only articles for this audience or for all.
    pub audience: Option<Audience>,
    pub limit: usize,
}

/// The index and the vocabulary used to correct and complete query words.
pub struct SearchIndex {
    reader: IndexReader,
    analyzer: TextAnalyzer,
    title: Field,
    display_title: Field,
    body: Field,
    id: Field,
    audience: Field,
    language: Field,
    /// Every word of the corpus as written (lowercased, folded), with its index term and document count.
    /// Typos and prefixes are matched against these surface words, not stems: "certifcate" is one edit from
    /// "certificate", while its stem is further from "certif".
    words: BTreeMap<String, Word>,
    /// Surface words by character count, for typo candidates.
    by_length: HashMap<usize, Vec<String>>,
}

/// A surface word: the term it is indexed as (`None` for stop words) and how many documents use it.
struct Word {
    term: Option<String>,
    documents: u32,
}

/// Text to index terms: words, lowercased, accents folded, stop words dropped, stemmed.
fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| (*w).to_owned()),
        ))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Words that carry no topic. Lucene's English list, plus the question words and pronouns help-center queries
/// are full of ("where is my order"), which would otherwise match titles phrased as questions.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "how", "what", "when", "where", "which", "who",
    "why", "i", "me", "my", "we", "our", "you", "your", "do", "does", "did", "can", "could",
    "should", "would", "am", "been", "has", "have", "any", "some",
];

/// Text to surface words: the analyser without stop words and stemming.
fn word_splitter() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = vec![];
    while let Some(token) = stream.next() {
        tokens.push(token.text.clone());
    }
    tokens
}

fn audience_name(audience: Audience) -> &'static str {
    match audience {
        Audience::Buyer => "buyer",
        Audience::Seller => "seller",
        Audience::All => "all",
    }
}

/// The language subtag of a BCP 47 locale, lowercased: `pt-BR` → `pt`.
pub fn language_of(locale: &str) -> String {
    locale
        .split(['-', '_'])
        .next()
        .unwrap_or(locale)
        .to_ascii_lowercase()
}

impl SearchIndex {
    /// Indexes `documents` in memory.
    pub fn build<'a>(
        documents: impl IntoIterator<Item = Indexed<'a>>,
    ) -> tantivy::Result<SearchIndex> {
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING | STORED);
        let title = schema.add_text_field("title", text.clone());
        // Stored apart from the indexed title, which carries extra spellings.
        let display_title = schema.add_text_field("display_title", STORED);
        // Stored for snippets.
        let body = schema.add_text_field("body", text.set_stored());
        let audience = schema.add_text_field("audience", STRING);
        let language = schema.add_text_field("language", STRING);
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(ANALYZER, analyzer());

        let mut stemmer = analyzer();
        let mut splitter = word_splitter();
        let mut words = BTreeMap::<String, Word>::new();
        let mut writer = index.writer_with_num_threads(1, 64_000_000)?;
        for doc in documents {
            // The summary reads as the article's first paragraph; tags are keywords and weigh like the title.
            let body_text = with_joined_hyphenations(&format!("{}\n{}", doc.summary, doc.text));
            let title_text =
                with_joined_hyphenations(&format!("{}\n{}", doc.title, doc.tags.join(" ")));
            let mut seen = std::collections::HashSet::new();
            for field_text in [title_text.as_str(), body_text.as_str()] {
                for word in tokens(&mut splitter, field_text) {
                    if seen.insert(word.clone()) {
                        let entry = words.entry(word).or_insert_with_key(|word| Word {
                            term: tokens(&mut stemmer, word).pop(),
                            documents: 0,
                        });
                        entry.documents += 1;
                    }
                }
            }
            let mut document = TantivyDocument::default();
            document.add_text(id, doc.id);
            document.add_text(title, &title_text);
            document.add_text(display_title, doc.title);
            document.add_text(body, &body_text);
            document.add_text(audience, audience_name(doc.audience));
            document.add_text(language, language_of(doc.locale));
            writer.add_document(document)?;
        }
        writer.commit()?;
        let mut by_length = HashMap::<usize, Vec<String>>::new();
        for word in words.keys() {
            by_length
                .entry(word.chars().count())
                .or_default()
                .push(word.clone());
        }
        Ok(SearchIndex {
            reader: index.reader()?,
            analyzer: analyzer(),
            title,
            display_title,
            body,
            id,
            audience,
            language,
            words,
            by_length,
        })
    }

    /// The best matches for `request`, best first.
    pub fn search(&self, request: &SearchRequest) -> tantivy::Result<Vec<SearchHit>> {
        let words = self.query_words(request.query);
        if words.is_empty() || request.limit == 0 {
            return Ok(vec![]);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![];
        let mut matched_terms = vec![];
        for word in &words {
            // A word scores as its best reading: completions of "led" (ledr, ledg, ledb…) must not add up.
            let mut readings: Vec<Box<dyn Query>> = vec![];
            for (term, weight) in &word.terms {
                matched_terms.push(term.clone());
                let fields = [(self.title, TITLE_BOOST), (self.body, 1.0)].map(|(field, boost)| {
                    let query = TermQuery::new(
                        Term::from_field_text(field, term),
                        IndexRecordOption::WithFreqs,
                    );
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(query), boost * weight))
                            as Box<dyn Query>,
                    )
                });
                readings.push(Box::new(BooleanQuery::new(fields.into())));
            }
            clauses.push((
                Occur::Should,
                Box::new(DisjunctionMaxQuery::with_tie_breaker(readings, 0.1)),
            ));
        }
        let text_query = BooleanQuery::new(clauses);
        let mut filtered: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(text_query.clone()))];
        if let Some(language) = request.language {
            filtered.push((
                Occur::Must,
                self.keyword(self.language, &language_of(language)),
            ));
        }
        if let Some(audience) = request.audience.filter(|a| *a != Audience::All) {
            let either = BooleanQuery::new(vec![
                (
                    Occur::Should,
                    self.keyword(self.audience, audience_name(audience)),
                ),
                (Occur::Should, self.keyword(self.audience, "all")),
            ]);
            filtered.push((Occur::Must, Box::new(either)));
        }
        let query = BooleanQuery::new(filtered);

        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(request.limit).order_by_score())?;
        let mut snippets = SnippetGenerator::create(&searcher, &text_query, self.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let mut snippet = snippets.snippet_from_doc(&doc);
            snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
            let stored_body = text(self.body);
            let snippet = match snippet.to_html() {
                html if html.is_empty() => escape(&first_chars(&stored_body, SNIPPET_CHARS)),
                html => html,
            };
            hits.push(SearchHit {
                id: text(self.id),
                title: text(self.display_title),
                snippet,
                score,
                matched_terms: matched_terms.clone(),
            });
        }
        Ok(hits)
    }

    fn keyword(&self, field: Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    /// Splits the query into words, each with the index terms it stands for: its own term when indexed, else
    /// the terms of its typo corrections and completions; the last word, while still being typed, also stands
    /// for its completions.
    fn query_words(&self, query: &str) -> Vec<QueryWord> {
        let typing = !query.ends_with(char::is_whitespace);
        let surface = tokens(&mut word_splitter(), query);
        let mut stemmer = self.analyzer.clone();
        let count = surface.len();
        surface
            .into_iter()
            .enumerate()
            .filter_map(|(position, word)| {
                // Stop words carry no meaning of their own, and "on" is not the start of "online".
                let own = tokens(&mut stemmer, &word).pop()?;
                let mut terms = vec![];
                if self.is_indexed(&own) {
                    terms.push((own, 1.0));
                } else {
                    terms.extend(
                        self.corrections(&word)
                            .into_iter()
                            .map(|t| (t, CORRECTION_WEIGHT)),
                    );
                }
                if typing && position + 1 == count {
                    for completion in self.completions(&word) {
                        if !terms.iter().any(|(t, _)| *t == completion) {
                            terms.push((completion, PREFIX_WEIGHT));
                        }
                    }
                }
                (!terms.is_empty()).then_some(QueryWord { terms })
            })
            .collect()
    }

    fn is_indexed(&self, term: &str) -> bool {
        let searcher = self.reader.searcher();
        [self.title, self.body].into_iter().any(|field| {
            searcher
                .doc_freq(&Term::from_field_text(field, term))
                .is_ok_and(|count| count > 0)
        })
    }

    /// Terms of the corpus words starting with `prefix`, most used first.
    fn completions(&self, prefix: &str) -> Vec<String> {
        if prefix.chars().count() < 2 {
            return vec![];
        }
        let mut found: Vec<(u32, &str)> = self
            .words
            .range(prefix.to_owned()..)
            .take_while(|(word, _)| word.starts_with(prefix))
            .filter(|(word, _)| word.len() > prefix.len())
            .filter_map(|(_, word)| Some((word.documents, word.term.as_deref()?)))
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let mut terms: Vec<String> = vec![];
        for (_, term) in found {
            if !terms.iter().any(|t| t == term) {
                terms.push(term.to_owned());
            }
            if terms.len() == MAX_COMPLETIONS {
                break;
            }
        }
        terms
    }

    /// Terms of the corpus words within the edit distance a word of this length tolerates, closest and most
    /// used first.
    fn corrections(&self, word: &str) -> Vec<String> {
        let length = word.chars().count();
        let max_distance = match length {
            0..=3 => return vec![],
            4..=7 => 1,
            _ => 2,
        };
        let mut found = vec![];
        for candidate_length in length.saturating_sub(max_distance)..=length + max_distance {
            for candidate in self.by_length.get(&candidate_length).into_iter().flatten() {
                let known = &self.words[candidate];
                if let (Some(distance), Some(term)) = (
                    bounded_distance(word, candidate, max_distance),
                    known.term.as_ref(),
                ) {
                    found.push((distance, std::cmp::Reverse(known.documents), term.clone()));
                }
            }
        }
        found.sort();
        let mut terms: Vec<String> = vec![];
        for (_, _, term) in found {
            if !terms.contains(&term) && terms.len() < 3 {
                terms.push(term);
            }
        }
        terms
    }
}

struct QueryWord {
    /// Index terms with their weights.
    terms: Vec<(String, f32)>,
}

/// Optimal string alignment distance (Levenshtein plus adjacent swaps), or `None` beyond `max`.
fn bounded_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut previous2: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(previous2[j - 2] + 1);
            }
            row_min = row_min.min(current[j]);
        }
        if row_min > max {
            return None;
        }
        previous2 = std::mem::replace(&mut previous, current);
    }
    Some(previous[b.len()]).filter(|d| *d <= max)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        let docs = [
            (
                "refund-timeline",
                "How long refunds take",
                "Refunds reach your card in 3–5 business days.",
                Audience::Buyer,
            ),
            (
                "request-refund",
                "Request a refund",
                "Ask the seller for a refund from the order page.",
                Audience::Buyer,
            ),
            (
                "late-delivery",
                "My order is late",
                "Shipping can take longer; open a case after 3 days.",
                Audience::Buyer,
            ),
            (
                "payout-hold",
                "Why is my payout on hold?",
                "New sellers' payouts are held for 7 days.",
                Audience::Seller,
            ),
            (
                "bootloader",
                "Burn the bootloader",
                "Use a programmer to burn the bootloader <b>safely</b>.",
                Audience::All,
            ),
        ];
        SearchIndex::build(docs.iter().map(|(id, title, text, audience)| Indexed {
            id,
            title,
            summary: "",
            tags: &[],
            text,
            audience: *audience,
            locale: "en",
        }))
        .unwrap()
    }

    fn ids(index: &SearchIndex, query: &str, audience: Option<Audience>) -> Vec<String> {
        let request = SearchRequest {
            query,
            language: Some("en"),
            audience,
            limit: 10,
        };
        index
            .search(&request)
            .unwrap()
            .into_iter()
            .map(|hit| hit.id)
            .collect()
    }

    #[test]
    fn stems_and_boosts_titles() {
        let found = ids(&index(), "refunds ", None);
        assert_eq!(
            found[..2],
            ["request-refund", "refund-timeline"].map(String::from)[..]
        );
    }

    #[test]
    fn tolerates_typos_and_completes_the_last_word() {
        assert!(ids(&index(), "refnd ", None).contains(&"request-refund".to_owned()));
        assert_eq!(ids(&index(), "bootloder", None)[0], "bootloader");
        assert_eq!(ids(&index(), "pay", None)[0], "payout-hold");
        // A finished word is not completed: "pay " alone matches nothing indexed.
        assert!(ids(&index(), "pay ", None).is_empty());
    }

    #[test]
    fn filters_by_audience_and_language() {
        assert!(ids(&index(), "payout", Some(Audience::Buyer)).is_empty());
        assert_eq!(
            ids(&index(), "payout", Some(Audience::Seller)),
            ["payout-hold"]
        );
        let request = SearchRequest {
            query: "refund",
            language: Some("es"),
            audience: None,
            limit: 10,
        };
        assert!(index().search(&request).unwrap().is_empty());
    }

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        let hits = index()
            .search(&SearchRequest {
                query: "programmer",
                limit: 1,
                ..Default::default()
            })
            .unwrap();
        assert!(
            hits[0].snippet.contains("<mark>programmer</mark>"),
            "{}",
            hits[0].snippet
        );
        assert!(hits[0].snippet.contains("&lt;b&gt;"), "{}", hits[0].snippet);
    }

    #[test]
    fn distance_counts_swaps_as_one_edit() {
        assert_eq!(bounded_distance("recieve", "receive", 1), Some(1));
        assert_eq!(bounded_distance("refnd", "refund", 1), Some(1));
        assert_eq!(bounded_distance("abc", "xyz", 2), None);
    }
}
