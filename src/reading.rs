//! The articles the user read here, with their votes, as one context: the article view records them, and the
//! contact form offers to send them with a request.

use leptos::prelude::*;
use signpost_core::tickets::ArticleRead;

/// Articles read in this page view, in reading order.
#[derive(Clone, Copy)]
pub struct ArticlesRead(RwSignal<Vec<ArticleRead>>);

impl ArticlesRead {
    /// Nothing read yet.
    pub fn new() -> Self {
        ArticlesRead(RwSignal::new(vec![]))
    }

    /// Remembers that the user read an article (and, once they vote, whether it helped).
    pub fn record(&self, id: &str, title: &str, helpful: Option<bool>) {
        self.0
            .update(|read| match read.iter_mut().find(|a| a.id == id) {
                Some(known) => known.helpful = helpful.or(known.helpful),
                None => read.push(ArticleRead {
                    id: id.to_owned(),
                    title: title.to_owned(),
                    helpful,
                }),
            });
    }

    /// Everything read so far (tracked).
    pub fn get(&self) -> Vec<ArticleRead> {
        self.0.get()
    }
}

impl Default for ArticlesRead {
    fn default() -> Self {
        ArticlesRead::new()
    }
}
