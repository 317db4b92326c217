//! Full-text search over the help center, in the user's language: articles in that language first, then the
//! English articles not translated into it, so a help center translated in part still finds everything.
//!
//! Each language has its own tantivy index and analysis ([`analysis`]): English as tuned on the judged query
//! sets, Spanish, French, German and Portuguese stemmed with accents folded, German compounds found by their
//! parts, Arabic normalised and light-stemmed ([`arabic`]), Japanese in character pairs ([`japanese`]). Queries
//! forgive typos, complete the word being typed ([`vocabulary`]) and take the site's synonyms into account
//! ([`synonyms`]); results carry highlighted snippets ([`index`]).

mod analysis;
mod arabic;
mod document;
mod index;
mod japanese;
mod query;
mod synonyms;
mod tokens;
mod vocabulary;

pub use document::Indexed;
pub use synonyms::Synonyms;

use index::LanguageIndex;
use signpost_core::help::{Audience, SearchHit};
use std::collections::BTreeMap;

/// What to search for.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    /// The user's language (`es`, `pt-BR`, …): its articles first, then the English articles not translated
    /// into it. English when absent.
    pub language: Option<&'a str>,
    /// Only articles for this audience or for all.
    pub audience: Option<Audience>,
    pub limit: usize,
}

/// The help center's articles, one index per language.
pub struct SearchIndex {
    languages: BTreeMap<String, LanguageIndex>,
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
    /// Indexes `documents` in memory, each in its language's index, with the site's synonyms.
    pub fn build<'a>(
        documents: impl IntoIterator<Item = Indexed<'a>>,
        synonyms: &Synonyms,
    ) -> tantivy::Result<SearchIndex> {
        let mut by_language = BTreeMap::<String, Vec<Indexed>>::new();
        for document in documents {
            by_language
                .entry(language_of(document.locale))
                .or_default()
                .push(document);
        }
        let languages = by_language
            .into_iter()
            .map(|(language, documents)| {
                let index = LanguageIndex::build(&language, &documents, synonyms.of(&language))?;
                Ok((language, index))
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(SearchIndex { languages })
    }

    /// The best matches for `request`: in its language best first, then in English best first.
    pub fn search(&self, request: &SearchRequest) -> tantivy::Result<Vec<SearchHit>> {
        let language = request
            .language
            .map(language_of)
            .unwrap_or_else(|| "en".into());
        let own = self.languages.get(&language);
        let mut hits = match own {
            Some(index) => {
                index.search(request.query, request.audience, request.limit, &|_| false)?
            }
            None => vec![],
        };
        if language != "en"
            && hits.len() < request.limit
            && let Some(english) = self.languages.get("en")
        {
            let translated = |id: &str| own.is_some_and(|index| index.contains(id));
            let limit = request.limit - hits.len();
            hits.extend(english.search(request.query, request.audience, limit, &translated)?);
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests;
