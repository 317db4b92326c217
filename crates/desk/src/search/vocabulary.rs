//! The words of one language's articles, each as written (lowercased, folded) with the index terms it was
//! indexed as, for reading query words: a word typed without its accents finds its term, a typo finds the
//! words it is one or two edits from, the word being typed finds its completions, and in languages that glue
//! words together a word finds the compounds that contain it.
//!
//! Typos and prefixes are matched against surface words, not stems: "certifcate" is one edit from
//! "certificate", while its stem is further from "certif".

use std::collections::{BTreeMap, HashMap, HashSet};

/// Completions considered for the word being typed, most used first.
const MAX_COMPLETIONS: usize = 12;
/// Corrections kept for a typo, closest and most used first.
const MAX_CORRECTIONS: usize = 3;
/// Compounds a word may stand for, most used first.
const MAX_COMPOUNDS: usize = 8;
/// A compound part must be a word, and so must what is left of the compound beside it: "antrag" is a part
/// of "ruckerstattungsantrag", "zahl" is not one of "zahlung".
const MIN_PART_CHARS: usize = 4;
/// Linking letters (Fugenelemente) between the parts of a German compound: "Zahlung-s-problem".
const LINKS: &[&str] = &["", "s", "es", "n", "en", "e"];

/// Surface words and their terms.
#[derive(Default)]
pub struct Vocabulary {
    words: BTreeMap<String, Word>,
    /// Surface words by character count, for typo candidates.
    by_length: HashMap<usize, Vec<String>>,
}

/// A surface word: the terms it is indexed as (none for a stop word) and how many documents use it.
#[derive(Default)]
struct Word {
    terms: Vec<String>,
    documents: u32,
}

impl Vocabulary {
    /// Adds one document's distinct words, each with the term it is indexed as (`None` for a stop word).
    pub fn add_document<'a>(
        &mut self,
        words: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) {
        let mut seen = HashSet::new();
        for (surface, term) in words {
            if !self.words.contains_key(surface) {
                self.words.insert(surface.to_owned(), Word::default());
            }
            let Some(word) = self.words.get_mut(surface) else {
                continue;
            };
            if let Some(term) = term
                && !word.terms.iter().any(|known| known == term)
            {
                word.terms.push(term.to_owned());
            }
            // Words written differently ("Café", "cafe") can share a surface form: one document each.
            if seen.insert(surface) {
                word.documents += 1;
            }
        }
    }

    /// Makes the vocabulary ready for lookups once every document is added.
    pub fn finish(&mut self) {
        self.by_length.clear();
        for word in self.words.keys() {
            self.by_length
                .entry(word.chars().count())
                .or_default()
                .push(word.clone());
        }
    }

    /// The terms `surface` was indexed as: `None` for a word the articles never use, empty for a stop word.
    pub fn terms_of(&self, surface: &str) -> Option<&[String]> {
        self.words.get(surface).map(|word| word.terms.as_slice())
    }

    /// Terms of the words starting with `prefix`, most used first.
    pub fn completions(&self, prefix: &str) -> Vec<String> {
        let found = self
            .words
            .range(prefix.to_owned()..)
            .take_while(|(word, _)| word.starts_with(prefix))
            .filter(|(word, _)| word.len() > prefix.len());
        most_used(found.map(|(_, word)| word), MAX_COMPLETIONS)
    }

    /// The term of the most used word that is `word` with an ending of at most two letters: "probleme" for
    /// "problem", whose stems differ ("problem", "probl").
    pub fn inflected(&self, word: &str) -> Option<String> {
        let length = word.chars().count();
        self.words
            .range(word.to_owned()..)
            .take_while(|(surface, _)| surface.starts_with(word))
            .filter(|(surface, _)| surface.chars().count() <= length + 2)
            .filter_map(|(_, known)| Some((known.documents, known.terms.first()?)))
            .max_by_key(|(documents, _)| *documents)
            .map(|(_, term)| term.clone())
    }

    /// The words within the edit distance a word of this length tolerates, with their terms, closest and most
    /// used first, one word per term.
    pub fn corrections(&self, word: &str) -> Vec<(String, String)> {
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
                    known.terms.first(),
                ) {
                    let rank = (distance, std::cmp::Reverse(known.documents));
                    found.push((rank, term.clone(), candidate));
                }
            }
        }
        found.sort();
        let mut corrections: Vec<(String, String)> = vec![];
        for (_, term, surface) in found {
            if !corrections.iter().any(|(_, known)| *known == term)
                && corrections.len() < MAX_CORRECTIONS
            {
                corrections.push((surface.clone(), term));
            }
        }
        corrections
    }

    /// Terms of the compounds that contain `term` as a part, most used first: "antrag" is in
    /// "ruckerstattungsantrag" and "antragsformular".
    pub fn compounds_containing(&self, term: &str) -> Vec<String> {
        if term.chars().count() < MIN_PART_CHARS {
            return vec![];
        }
        let found = self.words.values().filter(|word| {
            word.terms.iter().any(|compound| {
                compound.match_indices(term).any(|(at, _)| {
                    let (before, after) = (&compound[..at], &compound[at + term.len()..]);
                    before.chars().count() >= MIN_PART_CHARS
                        || after.chars().count() >= MIN_PART_CHARS
                })
            })
        });
        most_used(found, MAX_COMPOUNDS)
    }

    /// The terms of the two words a compound typed whole is made of ("zahlungsproblem" → zahlung, problem),
    /// when `term_of` finds both in the articles.
    pub fn parts_of(
        compound: &str,
        term_of: impl Fn(&str) -> Option<String>,
    ) -> Option<[String; 2]> {
        let long_enough = |part: &str| part.chars().count() >= MIN_PART_CHARS;
        compound
            .char_indices()
            .map(|(at, _)| compound.split_at(at))
            .filter(|(head, tail)| long_enough(head) && long_enough(tail))
            .find_map(|(head, tail)| {
                let tail = term_of(tail)?;
                LINKS.iter().find_map(|link| {
                    let head = head.strip_suffix(link).filter(|head| long_enough(head))?;
                    Some([term_of(head)?, tail.clone()])
                })
            })
    }
}

/// The distinct terms of `words`, those used by more documents first, at most `limit`.
fn most_used<'a>(words: impl Iterator<Item = &'a Word>, limit: usize) -> Vec<String> {
    let mut found: Vec<(u32, &str)> = words
        .filter_map(|word| Some((word.documents, word.terms.first()?.as_str())))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut terms: Vec<String> = vec![];
    for (_, term) in found {
        if !terms.iter().any(|t| t == term) {
            terms.push(term.to_owned());
        }
        if terms.len() == limit {
            break;
        }
    }
    terms
}

/// Optimal string alignment distance (Levenshtein plus adjacent swaps), or `None` beyond `max`.
pub fn bounded_distance(a: &str, b: &str, max: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[(&str, &str)]) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        vocabulary.add_document(words.iter().map(|(surface, term)| (*surface, Some(*term))));
        vocabulary.finish();
        vocabulary
    }

    #[test]
    fn distance_counts_swaps_as_one_edit() {
        assert_eq!(bounded_distance("recieve", "receive", 1), Some(1));
        assert_eq!(bounded_distance("refnd", "refund", 1), Some(1));
        assert_eq!(bounded_distance("abc", "xyz", 2), None);
    }

    #[test]
    fn compounds_are_found_by_their_parts_and_split_into_them() {
        let german = vocabulary(&[
            ("ruckerstattungsantrag", "ruckerstattungsantrag"),
            ("zahlung", "zahlung"),
            ("problem", "problem"),
        ]);
        assert_eq!(
            german.compounds_containing("antrag"),
            ["ruckerstattungsantrag"]
        );
        // "zahl" + "ung" is a word and its ending, not two words.
        assert!(german.compounds_containing("zahl").is_empty());
        let term_of = |surface: &str| german.terms_of(surface)?.first().cloned();
        assert_eq!(
            Vocabulary::parts_of("zahlungsproblem", term_of),
            Some(["zahlung".to_owned(), "problem".to_owned()])
        );
        assert_eq!(Vocabulary::parts_of("zahlungsfrist", term_of), None);
    }
}
