//! A message as triage reads it: folded to one form per letter, split into words, searched for phrases.
//!
//! Users type without accents, in capitals, with curly apostrophes and full-width digits; folding all of that
//! away lets one phrase list match them all. Japanese has no spaces and Arabic glues prefixes (و, ب, ال) to
//! words, so phrases in those scripts match anywhere in the text, where Latin-script phrases match whole words
//! (or word starts, with `*`).

/// The subject and message of a ticket, folded and split into words.
#[derive(Debug)]
pub struct Text {
    folded: String,
    words: Vec<String>,
    /// For each word, whether a sentence ends after it: a phrase never runs on into the next sentence.
    ends_sentence: Vec<bool>,
    /// The distinct words, sorted, and the distinct letters beyond ASCII, sorted: triage tries thousands of
    /// phrases per ticket, and most are ruled out by a binary search here instead of a scan of the text.
    vocabulary: Vec<String>,
    letters: Vec<char>,
}

impl Text {
    /// Reads `text` (subject and message joined by a newline, for a ticket).
    pub fn new(text: &str) -> Text {
        let folded = fold(text);
        let mut words = Vec::new();
        let mut start = None;
        for (at, c) in folded.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    words.push(trim_apostrophes(&folded, from, at));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = start {
            words.push(trim_apostrophes(&folded, from, folded.len()));
        }
        words.retain(|(from, to)| from < to);
        let spans: Vec<(usize, usize)> = words
            .into_iter()
            .flat_map(|(from, to)| japanese_words(&folded, from, to))
            .collect();
        let ends_sentence = spans
            .iter()
            .enumerate()
            .map(|(at, (_, to))| {
                let next = spans.get(at + 1).map_or(folded.len(), |(from, _)| *from);
                ends_a_sentence(&folded[*to..next])
            })
            .collect();
        let words: Vec<String> = spans
            .into_iter()
            .map(|(from, to)| folded[from..to].to_owned())
            .collect();
        let mut vocabulary = words.clone();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let mut letters: Vec<char> = folded.chars().filter(|c| !c.is_ascii()).collect();
        letters.sort_unstable();
        letters.dedup();
        Text {
            folded,
            words,
            ends_sentence,
            vocabulary,
            letters,
        }
    }

    /// The folded text.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The words, in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// Where `phrase` first occurs, as the text that matched. `phrase` is written folded (lowercase, no
    /// accents): Latin-script words separated by single spaces match whole words, and a word ending in `*`
    /// matches any word starting with it (`refund*`: refunds, refunded). A phrase with no Latin letters
    /// (Japanese, Arabic) matches anywhere, spaces included as written.
    pub fn find(&self, phrase: &str) -> Option<String> {
        self.occurrences(phrase).next().map(|(_, matched)| matched)
    }

    /// Every occurrence of `phrase`, matched as [`Text::find`] matches: the word it starts at (none for
    /// Japanese and Arabic phrases, which match anywhere, once) and the text that matched.
    pub fn occurrences<'a>(
        &'a self,
        phrase: &'a str,
    ) -> Box<dyn Iterator<Item = (Option<usize>, String)> + 'a> {
        if !phrase.chars().any(|c| c.is_ascii_alphabetic()) {
            let found = self.may_hold(phrase) && self.folded.contains(phrase);
            return Box::new(
                found
                    .then(|| (None, phrase.trim_end_matches('*').to_owned()))
                    .into_iter(),
            );
        }
        let first = phrase.split(' ').next().unwrap_or(phrase);
        if !self.has_word(first) {
            return Box::new(std::iter::empty());
        }
        let parts: Vec<&str> = phrase.split(' ').collect();
        let windows = self.words.windows(parts.len()).enumerate();
        Box::new(windows.filter_map(move |(at, window)| {
            let matched =
                window
                    .iter()
                    .zip(&parts)
                    .all(|(word, part)| match part.strip_suffix('*') {
                        Some(stem) => word.starts_with(stem),
                        None => word == part,
                    });
            let one_sentence = !self.ends_sentence[at..at + parts.len() - 1]
                .iter()
                .any(|ends| *ends);
            (matched && one_sentence).then(|| (Some(at), window.join(" ")))
        }))
    }

    /// Whether a word is `part`, or starts with it when it ends in `*`, as a phrase's word is matched.
    fn has_word(&self, part: &str) -> bool {
        match part.strip_suffix('*') {
            // Words starting with the stem sort together, from the first word not below it.
            Some(stem) => {
                let first = self.vocabulary.partition_point(|word| word.as_str() < stem);
                self.vocabulary
                    .get(first)
                    .is_some_and(|word| word.starts_with(stem))
            }
            None => self
                .vocabulary
                .binary_search_by(|word| word.as_str().cmp(part))
                .is_ok(),
        }
    }

    /// Whether the text has the first letter of `phrase` when that letter is beyond ASCII: a Japanese or
    /// Arabic phrase can only occur then (a quick test before the text is searched for the whole phrase).
    fn may_hold(&self, phrase: &str) -> bool {
        match phrase.chars().next() {
            Some(first) if !first.is_ascii() => self.letters.binary_search(&first).is_ok(),
            _ => true,
        }
    }

    /// The first of `phrases` that occurs, as the text that matched.
    pub fn find_any<'p>(&self, phrases: impl IntoIterator<Item = &'p str>) -> Option<String> {
        phrases.into_iter().find_map(|phrase| self.find(phrase))
    }
}

/// The phrases of a `|`-separated list, as the phrase tables are written.
pub fn phrases(list: &str) -> impl Iterator<Item = &str> {
    list.split('|')
        .map(str::trim)
        .filter(|phrase| !phrase.is_empty())
}

/// Whether `gap`, what stands between two words, ends a sentence: a full stop before a space (not the point
/// of 12.99), a question or exclamation mark, or a line break.
fn ends_a_sentence(gap: &str) -> bool {
    gap.contains(['!', '?', '\n', '。', '！', '？', '؟']) || gap.contains(". ")
}

/// Japanese is written without spaces: a run is cut where kanji or katakana start after another kind of
/// letter, so a word keeps its kana ending (`届かない`, `荷物が`) and reads as one in an explanation.
fn japanese_words(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = from;
    let mut previous = None;
    for (at, c) in text[from..to].char_indices() {
        let kind = script(c);
        let starts_word = match (previous, kind) {
            (Some(before), Script::Kanji | Script::Katakana) => before != kind,
            _ => false,
        };
        if starts_word && from + at > start {
            words.push((start, from + at));
            start = from + at;
        }
        previous = Some(kind);
    }
    words.push((start, to));
    words
}

#[derive(Clone, Copy, PartialEq)]
enum Script {
    Hiragana,
    Katakana,
    Kanji,
    Other,
}

fn script(c: char) -> Script {
    match c {
        '\u{3040}'..='\u{309f}' => Script::Hiragana,
        '\u{30a0}'..='\u{30ff}' => Script::Katakana,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' => Script::Kanji,
        _ => Script::Other,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

fn trim_apostrophes(text: &str, from: usize, to: usize) -> (usize, usize) {
    let word = &text[from..to];
    let start = from + (word.len() - word.trim_start_matches('\'').len());
    let end = to - (word.len() - word.trim_end_matches('\'').len());
    (start, end.max(start))
}

/// Lowercase, without Latin accents, Arabic vowel marks or tatweel, with one form of each Arabic letter that is
/// written several ways, half-width Latin letters and digits, and straight apostrophes.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => folded.push('a'),
            'ç' | 'ć' | 'č' => folded.push('c'),
            'è'..='ë' | 'ē' | 'ę' | 'ě' => folded.push('e'),
            'ì'..='ï' | 'ī' => folded.push('i'),
            'ñ' | 'ń' => folded.push('n'),
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => folded.push('o'),
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => folded.push('u'),
            'ý' | 'ÿ' => folded.push('y'),
            'ß' => folded.push_str("ss"),
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '´' => folded.push('\''),
            // Full-width ASCII (Japanese keyboards): Ａ１！ → a1!
            '\u{ff01}'..='\u{ff5e}' => {
                let ascii = char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c);
                folded.extend(ascii.to_lowercase());
            }
            '\u{3000}' => folded.push(' '),
            // Arabic: short vowels and other marks, and the tatweel, carry no meaning for matching.
            '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{0640}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => folded.push('ا'),
            'ى' => folded.push('ي'),
            'ة' => folded.push('ه'),
            _ => folded.push(c),
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_one_form_of_each_letter() {
        assert_eq!(fold("Cobráron DOS VECES"), "cobraron dos veces");
        assert_eq!(fold("Straße, garçon, ÉTÉ"), "strasse, garcon, ete");
        assert_eq!(fold("won’t"), "won't");
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("أُسْرَة"), "اسره");
    }

    #[test]
    fn words_are_letters_and_digits_with_inner_apostrophes() {
        let text = Text::new("Hasn't ARRIVED—yet 'quoted' 3x");
        let words: Vec<&str> = text.words().collect();
        assert_eq!(words, ["hasn't", "arrived", "yet", "quoted", "3x"]);
        let text = Text::new("注文した荷物が届かない、カードが使えない");
        let words: Vec<&str> = text.words().collect();
        assert_eq!(
            words,
            ["注文した", "荷物が", "届かない", "カードが", "使えない"]
        );
    }

    #[test]
    fn latin_phrases_match_whole_words_or_word_starts() {
        let text = Text::new("The courtesy of prepayments, on hold");
        assert_eq!(text.find("court"), None);
        assert_eq!(text.find("payment*"), None);
        assert_eq!(text.find("prepay*"), Some("prepayments".into()));
        assert_eq!(text.find("on hold"), Some("on hold".into()));
        let text = Text::new("Refunded? A refund, then refunds");
        assert_eq!(text.find("refunds"), Some("refunds".into()));
        assert_eq!(text.find("refunde*"), Some("refunded".into()));
        assert_eq!(text.find("refundz*"), None);
        assert_eq!(text.find("refun"), None);
        assert_eq!(
            Text::new("Me cobráron dos veces").find("cobr* dos veces"),
            Some("cobraron dos veces".into())
        );
    }

    #[test]
    fn phrases_stay_within_a_sentence() {
        let text =
            Text::new("Einstellen geht nicht. Ich hab nichts gemacht, nicht ich!\nDas war's");
        assert_eq!(text.occurrences("nicht ich").count(), 1);
        assert_eq!(text.find("nichts gemacht"), Some("nichts gemacht".into()));
        assert_eq!(text.find("ich das"), None);
        assert_eq!(
            Text::new("paid 12.99 twice").find("12 99 twice"),
            Some("12 99 twice".into())
        );
    }

    #[test]
    fn japanese_and_arabic_phrases_match_anywhere() {
        let text = Text::new("注文したのに二重に請求されました");
        assert_eq!(text.find("二重に請求"), Some("二重に請求".into()));
        let text = Text::new("وتم سحب المبلغ مرتين من بطاقتي");
        assert_eq!(text.find("مرتين"), Some("مرتين".into()));
        assert_eq!(text.find("ثلاث مرات"), None);
    }
}
