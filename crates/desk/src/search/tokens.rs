//! Running an analyser, and the token stream of the tokenizers that prepare their tokens up front.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream};

/// The tokens `analyzer` makes of `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = vec![];
    while let Some(token) = stream.next() {
        tokens.push(token.clone());
    }
    tokens
}

/// A token stream over tokens made up front, for tokenizers that normalise text while splitting it.
pub struct PreparedTokens<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl<'a> PreparedTokens<'a> {
    pub fn new(tokens: &'a mut [Token]) -> Self {
        PreparedTokens { tokens, next: 0 }
    }
}

impl TokenStream for PreparedTokens<'_> {
    fn advance(&mut self) -> bool {
        let more = self.next < self.tokens.len();
        self.next += usize::from(more);
        more
    }

    // Called only after `advance` returned true, as the trait requires.
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
