//! The searches the user ran here, as one context: the search box records every answer it shows, and the
//! contact form offers to send the searches the user settled on with a request.
//!
//! Recording is a push, since it runs on every keystroke in the main module; telling settled searches from
//! the answers shown while the user was still typing happens in [`SearchesMade::settled`], which only the
//! contact form (a part loaded on demand) calls.

use leptos::prelude::*;
use signpost_core::tickets::SearchMade;

/// Answers kept: a long visit types many, and the form wants only the last few searches they settle into.
const ANSWERS_KEPT: usize = 100;
/// Searches a request carries: what the user tried last tells an agent the most.
const SEARCHES_SENT: usize = 10;
/// An answer this soon after the one before, for text that continues it, means the user was still typing.
const STILL_TYPING_MS: f64 = 1_000.0;

/// One answer the search box showed.
#[derive(Clone, Debug, PartialEq)]
struct Answer {
    /// The trimmed text it answered.
    query: String,
    results: u32,
    /// `Date.now()` when it was shown.
    at_ms: f64,
}

/// The search box's answers in this page view, oldest first.
#[derive(Clone, Copy)]
pub struct SearchesMade(StoredValue<Vec<Answer>>);

impl SearchesMade {
    /// Nothing searched yet.
    pub fn new() -> Self {
        SearchesMade(StoredValue::new(vec![]))
    }

    /// Remembers that the search box showed `results` articles for `query`.
    pub fn record(&self, query: String, results: usize) {
        self.0.update_value(|answers| {
            if answers.len() == ANSWERS_KEPT {
                answers.remove(0);
            }
            answers.push(Answer {
                query,
                results: results as u32,
                at_ms: js_sys::Date::now(),
            });
        });
    }

    /// The searches the user settled on, oldest first, at most [`SEARCHES_SENT`].
    pub fn settled(&self) -> Vec<SearchMade> {
        self.0.with_value(|answers| settle(answers))
    }
}

impl Default for SearchesMade {
    fn default() -> Self {
        SearchesMade::new()
    }
}

/// The searches in `answers`: an answer to text the user was still typing (continued within
/// [`STILL_TYPING_MS`]) gives way to the next one, and the same query twice in a row counts once, with its
/// latest count.
fn settle(answers: &[Answer]) -> Vec<SearchMade> {
    let mut settled: Vec<SearchMade> = vec![];
    let mut previous_at = f64::NEG_INFINITY;
    for answer in answers {
        let typing = answer.at_ms - previous_at < STILL_TYPING_MS;
        previous_at = answer.at_ms;
        if settled
            .last()
            .is_some_and(|last| typing && continues(&last.query, &answer.query))
        {
            settled.pop();
        }
        if settled
            .last()
            .is_some_and(|last| last.query == answer.query)
        {
            settled.pop();
        }
        settled.push(SearchMade {
            query: answer.query.clone(),
            results: answer.results,
        });
    }
    let older = settled.len().saturating_sub(SEARCHES_SENT);
    settled.drain(..older);
    settled
}

/// Whether `next` was typed on from `last`: more letters, or some taken back.
fn continues(last: &str, next: &str) -> bool {
    next.starts_with(last) || last.starts_with(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn answer(query: &str, results: u32, at_ms: f64) -> Answer {
        Answer {
            query: query.into(),
            results,
            at_ms,
        }
    }

    fn queries(answers: &[Answer]) -> Vec<(String, u32)> {
        settle(answers)
            .into_iter()
            .map(|s| (s.query, s.results))
            .collect()
    }

    #[test]
    fn answers_while_typing_give_way_to_the_text_the_user_stopped_at() {
        let typed: Vec<Answer> = ["r", "re", "ref", "refu", "refun", "refund"]
            .iter()
            .enumerate()
            .map(|(i, text)| answer(text, 9 - i as u32, i as f64 * 150.0))
            .collect();
        assert_eq!(queries(&typed), [("refund".to_owned(), 4)]);
    }

    #[test]
    fn a_pause_settles_a_search() {
        let answers = [
            answer("refund", 4, 0.0),
            // Read for two seconds, then typed on.
            answer("refund card", 2, 2_000.0),
            answer("refund car", 3, 2_200.0),
            answer("refund card", 2, 2_400.0),
        ];
        assert_eq!(
            queries(&answers),
            [("refund".to_owned(), 4), ("refund card".to_owned(), 2)]
        );
    }

    #[test]
    fn other_words_typed_at_once_are_another_search() {
        let answers = [answer("refund", 4, 0.0), answer("x", 0, 300.0)];
        assert_eq!(
            queries(&answers),
            [("refund".to_owned(), 4), ("x".to_owned(), 0)]
        );
    }

    #[test]
    fn a_repeated_search_counts_once_with_its_latest_count() {
        let answers = [
            answer("xqzvwkj", 0, 0.0),
            answer("xqzvwkj", 1, 60_000.0),
            answer("refund", 4, 120_000.0),
            answer("xqzvwkj", 1, 180_000.0),
        ];
        assert_eq!(
            queries(&answers),
            [
                ("xqzvwkj".to_owned(), 1),
                ("refund".to_owned(), 4),
                ("xqzvwkj".to_owned(), 1)
            ]
        );
    }

    #[test]
    fn a_search_typed_again_counts_once() {
        let mut answers = vec![answer("refund", 4, 0.0)];
        answers.extend(
            ["r", "re", "ref", "refu", "refun", "refund"]
                .iter()
                .enumerate()
                .map(|(i, text)| answer(text, 5, 5_000.0 + i as f64 * 150.0)),
        );
        assert_eq!(queries(&answers), [("refund".to_owned(), 5)]);
    }

    #[test]
    fn only_the_last_searches_are_sent() {
        let answers: Vec<Answer> = (0..25)
            .map(|i| answer(&format!("query {i}"), i, i as f64 * 5_000.0))
            .collect();
        let settled = queries(&answers);
        assert_eq!(settled.len(), SEARCHES_SENT);
        assert_eq!(settled[0], ("query 15".to_owned(), 15));
        assert_eq!(settled[9], ("query 24".to_owned(), 24));
    }

    #[test]
    fn the_oldest_answers_make_room() {
        let searches = SearchesMade::new();
        for i in 0..=ANSWERS_KEPT {
            searches.record(format!("query {i}"), i);
        }
        searches.0.with_value(|answers| {
            assert_eq!(answers.len(), ANSWERS_KEPT);
            assert_eq!(answers[0].query, "query 1");
        });
    }
}
