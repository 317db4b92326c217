//! Japanese: written without spaces, so runs of kanji and kana are cut into overlapping pairs of characters
//! ("注文をキャンセル" → 注文 文を をキ キャ ャン ンセ セル), the way Lucene's CJK bigram filter does. A query
//! typed without spaces then finds the article through the pairs it shares, and no dictionary is needed.
//! Latin words and digits in between (full-width or not) are words as usual.

use super::tokens::PreparedTokens;
use tantivy::tokenizer::Token;

/// Splits text into character pairs of kanji and kana runs (a lone character stays one), and words of
/// letters and digits.
#[derive(Clone, Default)]
pub struct Tokenizer {
    tokens: Vec<Token>,
}

impl tantivy::tokenizer::Tokenizer for Tokenizer {
    type TokenStream<'a> = PreparedTokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreparedTokens<'a> {
        self.tokens.clear();
        // The current run: its characters (as written, or narrowed) with their byte ranges.
        let mut run: Vec<(char, usize, usize)> = vec![];
        let mut run_is_cjk = false;
        for (offset, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let end = offset + c.len_utf8();
            let kind = if is_cjk(c) {
                Some((true, c))
            } else {
                let narrow = narrowed(c);
                narrow.is_alphanumeric().then_some((false, narrow))
            };
            match kind {
                Some((cjk, c)) if run.is_empty() || cjk == run_is_cjk => {
                    run_is_cjk = cjk;
                    run.push((c, offset, end));
                }
                _ => {
                    self.flush(&run, run_is_cjk);
                    run.clear();
                    if let Some((cjk, c)) = kind {
                        run_is_cjk = cjk;
                        run.push((c, offset, end));
                    }
                }
            }
        }
        PreparedTokens::new(&mut self.tokens)
    }
}

impl Tokenizer {
    fn flush(&mut self, run: &[(char, usize, usize)], cjk: bool) {
        let mut push = |chars: &[(char, usize, usize)]| {
            if let (Some(first), Some(last)) = (chars.first(), chars.last()) {
                self.tokens.push(Token {
                    offset_from: first.1,
                    offset_to: last.2,
                    position: self.tokens.len(),
                    text: chars.iter().map(|(c, _, _)| c).collect(),
                    position_length: 1,
                });
            }
        };
        if cjk && run.len() > 1 {
            run.windows(2).for_each(&mut push);
        } else {
            push(run);
        }
    }
}

/// Kanji, hiragana, katakana (with the prolonged sound mark), half-width katakana and the iteration marks.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{309F}'   // hiragana
        | '\u{30A1}'..='\u{30FA}' // katakana
        | '\u{30FC}'..='\u{30FF}' // prolonged sound mark, iteration marks
        | '\u{3005}' | '\u{3006}' // 々 〆
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}' // half-width katakana
    )
}

/// Full-width ASCII (ＡＢＣ１２３) as ordinary ASCII.
fn narrowed(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Particles and the pairs of the commonest endings and function words ("です", "ます", "ください"), which
/// every text shares and no query is about.
pub const STOP_WORDS: &[&str] = &[
    "は", "が", "を", "に", "で", "と", "の", "も", "へ", "や", "か", "ね", "よ", "な", "です",
    "ます", "ませ", "せん", "した", "して", "する", "され", "ない", "ある", "いる", "この", "その",
    "あの", "どの", "から", "まで", "より", "など", "こと", "もの", "ため", "よう", "ので", "のは",
    "には", "では", "とは", "って", "くだ", "ださ", "さい", "でき", "きま", "れま", "りま", "しま",
    "あり",
];

#[cfg(test)]
mod tests {
    use super::super::analysis::Analysis;
    use super::super::tokens::tokens;

    fn texts(analysis: Analysis, text: &str) -> Vec<String> {
        tokens(&mut analysis.words(), text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn kanji_and_kana_become_pairs_and_latin_words_stay_words() {
        assert_eq!(
            texts(Analysis::Japanese, "返品ラベル・PayPal払い"),
            ["返品", "品ラ", "ラベ", "ベル", "paypal", "払い"]
        );
        assert_eq!(
            texts(Analysis::Japanese, "ＩＤ　２段階"),
            ["id", "2", "段階"]
        );
        assert_eq!(texts(Analysis::Japanese, "円"), ["円"]);
    }

    #[test]
    fn function_pairs_are_dropped_from_terms() {
        let terms: Vec<String> = tokens(&mut Analysis::Japanese.terms(), "届きません")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(terms, ["届き"]);
    }
}
