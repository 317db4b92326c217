//! Arabic: the same word is written many ways, so letters are normalised before anything else, then the
//! definite article, the common prefixes and the common suffixes are stripped (a light stemmer in the manner
//! of Larkey's "light10").
//!
//! Normalisation: diacritics (harakat) and tatweel are dropped; alef with hamza or madda (أ إ آ ٱ) becomes
//! bare alef, hamza on waw and yeh (ؤ ئ) the bare letter, alef maqsura (ى) yeh, taa marbuta (ة) haa; the
//! Persian kaf and yeh become Arabic ones; Arabic-Indic digits become 0–9. "إرجاع" and "ارجاع", "الشحنة"
//! and "الشحنه" are then one word.

use super::tokens::PreparedTokens;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream};

/// Splits text into words on anything that is neither a letter, a digit nor a mark inside a word, and
/// normalises each word's letters. Offsets are those of the original text, so snippets highlight it.
#[derive(Clone, Default)]
pub struct Tokenizer {
    tokens: Vec<Token>,
}

impl tantivy::tokenizer::Tokenizer for Tokenizer {
    type TokenStream<'a> = PreparedTokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreparedTokens<'a> {
        self.tokens.clear();
        let mut word = String::new();
        let mut start = None;
        let mut end = 0;
        for (offset, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match classify(c) {
                Char::Letter(letter) => {
                    start.get_or_insert(offset);
                    word.push(letter);
                    end = offset + c.len_utf8();
                }
                // A mark belongs to the word it sits in; alone it starts nothing.
                Char::Mark if start.is_some() => end = offset + c.len_utf8(),
                Char::Mark => {}
                Char::Separator => {
                    if let Some(from) = start.take() {
                        self.tokens.push(Token {
                            offset_from: from,
                            offset_to: end,
                            position: self.tokens.len(),
                            text: std::mem::take(&mut word),
                            position_length: 1,
                        });
                    }
                }
            }
        }
        PreparedTokens::new(&mut self.tokens)
    }
}

enum Char {
    /// A letter or digit, normalised.
    Letter(char),
    /// Dropped, but part of the word.
    Mark,
    Separator,
}

fn classify(c: char) -> Char {
    match c {
        // Harakat, superscript alef, Quranic annotation marks, tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => Char::Mark,
        'أ' | 'إ' | 'آ' | 'ٱ' => Char::Letter('ا'),
        'ؤ' => Char::Letter('و'),
        'ئ' | 'ى' | 'ی' => Char::Letter('ي'),
        'ة' => Char::Letter('ه'),
        'ک' => Char::Letter('ك'),
        '٠'..='٩' => Char::Letter(digit(c, '٠')),
        '۰'..='۹' => Char::Letter(digit(c, '۰')),
        c if c.is_alphanumeric() => Char::Letter(c),
        _ => Char::Separator,
    }
}

fn digit(c: char, zero: char) -> char {
    char::from_digit(u32::from(c) - u32::from(zero), 10).unwrap_or(c)
}

/// Normalises one word as the tokenizer does (for stop words and synonyms written in ordinary spelling).
pub fn normalise(word: &str) -> String {
    word.chars()
        .filter_map(|c| match classify(c) {
            Char::Letter(letter) => Some(letter),
            _ => None,
        })
        .collect()
}

/// Strips the conjunction و, the definite article with the prepositions glued to it, and common suffixes
/// (plural, dual, possessive), always leaving a stem of at least two letters (three after a lone و). Words
/// whose own letters start like the article lose them too, with or without the article, so both forms meet.
#[derive(Clone, Copy)]
pub struct LightStemmer;

/// Longest first, so "وال" goes before "و".
const PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];
/// In the order they are tried, each at most once: "مشترياتها" loses "ها" and then "ات".
const SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// The light stem of a normalised word.
pub fn light_stem(word: &str) -> &str {
    let letters = |s: &str| s.chars().count();
    let mut stem = word;
    if let Some(rest) = stem.strip_prefix('و')
        && letters(rest) >= 3
    {
        stem = rest;
    }
    if let Some(rest) = PREFIXES
        .iter()
        .find_map(|prefix| stem.strip_prefix(prefix))
        .filter(|rest| letters(rest) >= 2)
    {
        stem = rest;
    }
    // Once hamza is normalised away, "إلغاء" reads as the article and "غاء"; "الإلغاء" must meet it there.
    if let Some(rest) = stem.strip_prefix("ال").filter(|rest| letters(rest) >= 2) {
        stem = rest;
    }
    for suffix in SUFFIXES {
        if let Some(rest) = stem.strip_suffix(suffix).filter(|rest| letters(rest) >= 2) {
            stem = rest;
        }
    }
    stem
}

impl TokenFilter for LightStemmer {
    type Tokenizer<T: tantivy::tokenizer::Tokenizer> = LightStemmerFilter<T>;

    fn transform<T: tantivy::tokenizer::Tokenizer>(self, tokenizer: T) -> LightStemmerFilter<T> {
        LightStemmerFilter { inner: tokenizer }
    }
}

/// [`LightStemmer`] applied to a tokenizer.
#[derive(Clone)]
pub struct LightStemmerFilter<T> {
    inner: T,
}

impl<T: tantivy::tokenizer::Tokenizer> tantivy::tokenizer::Tokenizer for LightStemmerFilter<T> {
    type TokenStream<'a> = LightStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LightStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`LightStemmerFilter`].
pub struct LightStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for LightStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stem = light_stem(&token.text);
        if stem.len() != token.text.len() {
            token.text = stem.to_owned();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Words that carry no topic, in ordinary spelling (normalised when the filter is made): prepositions,
/// pronouns, particles, the question words of help-center queries in standard and colloquial Arabic
/// ("كيف", "وين", "ليش", "ازاي") and the request verbs they start with ("أريد", "ابغى", "عايز").
const STOP_WORDS: &str = "\
    في من إلى على عن مع عند لدى بين بعد قبل حتى منذ هذا هذه ذلك تلك هؤلاء \
    هناك هنا الذي التي الذين اللذين اللتين ما ماذا متى أين كيف لماذا هل كم \
    أي لا لم لن ليس قد لقد كان كانت يكون تكون أن إن أو أم ثم إذا لو كل بعض \
    غير هو هي هم هن أنا نحن أنت أنتم لي لك له لها لهم لنا به بها فيه فيها \
    منه منها عليه عليها إليه إليها عنه عنها أيضا فقط يا وين فين ليش ليه شو \
    ايش إيش ازاي إزاي شلون أريد اريد أبغى ابغى ابي أبي عايز بدي ممكن يمكن \
    يمكنني أستطيع";

/// The stop words, normalised as the tokenizer normalises text.
pub fn stop_words() -> Vec<String> {
    STOP_WORDS.split_whitespace().map(normalise).collect()
}

#[cfg(test)]
mod tests {
    use super::super::analysis::Analysis;
    use super::super::tokens::tokens;
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(&mut Analysis::Arabic.terms(), text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn spellings_of_one_word_meet() {
        // Hamza on alef or not, diacritics, tatweel, taa marbuta or haa.
        assert_eq!(terms("إِرْجَاع"), terms("ارجاع"));
        assert_eq!(terms("الشحنة"), terms("شحنـــه"));
        assert_eq!(terms("مسؤول"), terms("مسوول"));
        assert_eq!(
            terms("على"),
            Vec::<String>::new(),
            "a stop word however written"
        );
    }

    #[test]
    fn the_article_prefixes_and_suffixes_come_off() {
        assert_eq!(light_stem("الاسترداد"), "استرداد");
        assert_eq!(light_stem("والطلب"), "طلب");
        assert_eq!(light_stem("بالبطاقه"), "بطاق");
        assert_eq!(light_stem("طلبي"), "طلب");
        assert_eq!(light_stem("المنتجات"), "منتج");
        // Short words keep their letters.
        assert_eq!(light_stem("وصل"), "وصل");
        // "إلغاء" with and without the article.
        assert_eq!(
            light_stem(&normalise("الإلغاء")),
            light_stem(&normalise("إلغاء"))
        );
    }

    #[test]
    fn offsets_point_at_the_original_text() {
        let text = "تتبُّع الشحنة";
        let found = tokens(&mut Analysis::Arabic.words(), text);
        assert_eq!(&text[found[0].offset_from..found[0].offset_to], "تتبُّع");
        assert_eq!(found[0].text, "تتبع");
        assert_eq!(&text[found[1].offset_from..found[1].offset_to], "الشحنة");
    }

    #[test]
    fn arabic_indic_digits_are_digits() {
        assert_eq!(terms("٣٠ يوم"), ["30", "يوم"]);
    }
}
