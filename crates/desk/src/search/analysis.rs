//! How the text of each language becomes index terms, and the surface words that typos, prefixes and compounds
//! are matched against.
//!
//! English keeps the analyser the search figures were tuned with. Spanish, French, German and Portuguese are
//! stemmed by their Snowball stemmers before accents are folded, since the stemmers' suffix rules are written
//! with the accents ("devolución" and "devoluciones" both become "devolu"); a query typed without accents
//! finds its accented word through the vocabulary (see [`super::vocabulary`]). Arabic is normalised and
//! light-stemmed ([`super::arabic`]); Japanese, written without spaces, is cut into overlapping character
//! pairs ([`super::japanese`]). Any other language is lowercased and folded only.

use super::tokens::tokens;
use super::{arabic, japanese};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer,
};

/// Longer tokens (in bytes) are dropped: they are hashes, URLs or noise, never words someone searches for.
const MAX_TOKEN_BYTES: usize = 40;

/// The analysis of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analysis {
    English,
    Spanish,
    French,
    German,
    Portuguese,
    Arabic,
    Japanese,
    /// Languages without their own analysis: words lowercased and folded, nothing dropped or stemmed.
    Plain,
}

impl Analysis {
    /// The analysis for a language subtag (`es`, `pt`, …).
    pub fn of(language: &str) -> Analysis {
        match language {
            "en" => Analysis::English,
            "es" => Analysis::Spanish,
            "fr" => Analysis::French,
            "de" => Analysis::German,
            "pt" => Analysis::Portuguese,
            "ar" => Analysis::Arabic,
            "ja" => Analysis::Japanese,
            _ => Analysis::Plain,
        }
    }

    /// Text to index terms: words, normalised, stop words dropped, stemmed.
    pub fn terms(self) -> TextAnalyzer {
        match self {
            Analysis::English => TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(stop_words(ENGLISH_STOP_WORDS))
                .filter(Stemmer::new(Language::English))
                .build(),
            Analysis::Spanish | Analysis::French | Analysis::German | Analysis::Portuguese => {
                let (language, stop) = self.snowball();
                TextAnalyzer::builder(SimpleTokenizer::default())
                    .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                    .filter(LowerCaser)
                    .filter(stop_words(stop))
                    .filter(Stemmer::new(language))
                    .filter(AsciiFoldingFilter)
                    .build()
            }
            Analysis::Arabic => TextAnalyzer::builder(arabic::Tokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(stop_words(&arabic::stop_words()))
                .filter(arabic::LightStemmer)
                .build(),
            Analysis::Japanese => TextAnalyzer::builder(japanese::Tokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(stop_words(japanese::STOP_WORDS))
                .build(),
            Analysis::Plain => self.words(),
        }
    }

    /// Text to surface words: split and normalised as [`Analysis::terms`] does, accents folded, but nothing
    /// dropped or stemmed.
    pub fn words(self) -> TextAnalyzer {
        self.words_builder(true)
    }

    /// Text to words as written, lowercased: what [`Analysis::terms`] and [`Analysis::words`] make of one of
    /// them is what they make of it in its text.
    pub fn written_words(self) -> TextAnalyzer {
        self.words_builder(false)
    }

    fn words_builder(self, fold: bool) -> TextAnalyzer {
        let split = match self {
            Analysis::Arabic => TextAnalyzer::builder(arabic::Tokenizer::default()).dynamic(),
            Analysis::Japanese => TextAnalyzer::builder(japanese::Tokenizer::default()).dynamic(),
            _ => TextAnalyzer::builder(SimpleTokenizer::default()).dynamic(),
        };
        let words = split
            .filter_dynamic(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter_dynamic(LowerCaser);
        if fold {
            words.filter_dynamic(AsciiFoldingFilter).build()
        } else {
            words.build()
        }
    }

    /// Whether words are glued into compounds ("Rückerstattungsantrag"), so that a query word also stands
    /// for the compounds of the corpus that contain it, and a compound typed whole for its parts.
    pub fn compounds(self) -> bool {
        self == Analysis::German
    }

    /// Whether terms are stems, other than the words as written (English keeps the analysis it was tuned
    /// with, so it is left out).
    pub fn stems(self) -> bool {
        matches!(
            self,
            Analysis::Spanish
                | Analysis::French
                | Analysis::German
                | Analysis::Portuguese
                | Analysis::Arabic
        )
    }

    /// The shortest prefix worth completing: one character of Japanese is a word, two Latin letters barely are.
    pub fn min_prefix_chars(self) -> usize {
        match self {
            Analysis::Japanese => 1,
            _ => 2,
        }
    }

    fn snowball(self) -> (Language, &'static [&'static str]) {
        match self {
            Analysis::Spanish => (Language::Spanish, SPANISH_STOP_WORDS),
            Analysis::French => (Language::French, FRENCH_STOP_WORDS),
            Analysis::German => (Language::German, GERMAN_STOP_WORDS),
            _ => (Language::Portuguese, PORTUGUESE_STOP_WORDS),
        }
    }
}

/// A stop word filter for `words` as written and with their accents folded, since it runs before folding and
/// people type "como" for "cómo".
fn stop_words<S: AsRef<str>>(words: &[S]) -> StopWordFilter {
    let mut fold = TextAnalyzer::builder(RawTokenizer::default())
        .filter(AsciiFoldingFilter)
        .build();
    let mut all = vec![];
    for word in words {
        let word = word.as_ref();
        all.push(word.to_owned());
        all.extend(tokens(&mut fold, word).into_iter().map(|token| token.text));
    }
    StopWordFilter::remove(all)
}

/// Words that carry no topic. Lucene's English list, plus the question words and pronouns help-center queries
/// are full of ("where is my order"), which would otherwise match titles phrased as questions.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "how", "what", "when", "where", "which", "who",
    "why", "i", "me", "my", "we", "our", "you", "your", "do", "does", "did", "can", "could",
    "should", "would", "am", "been", "has", "have", "any", "some",
];

/// Articles, prepositions, pronouns, common forms of ser/estar/haber/tener, and the question words and
/// request verbs of help-center queries ("¿cómo puedo…?", "quiero…").
const SPANISH_STOP_WORDS: &[&str] = &[
    "a", "al", "algo", "algún", "alguna", "algunas", "alguno", "algunos", "ante", "antes", "aquí",
    "cada", "como", "cómo", "con", "contra", "cual", "cuál", "cuáles", "cuando", "cuándo",
    "cuánto", "cuánta", "cuántos", "cuántas", "de", "del", "desde", "donde", "dónde", "durante",
    "e", "el", "él", "ella", "ellas", "ellos", "en", "entre", "era", "eres", "es", "esa", "esas",
    "ese", "eso", "esos", "esta", "está", "están", "estar", "estas", "estás", "este", "esto",
    "estos", "estoy", "fue", "fueron", "ha", "había", "han", "has", "hasta", "hay", "he", "hemos",
    "la", "las", "le", "les", "lo", "los", "me", "mi", "mí", "mis", "mucho", "muy", "nada", "ni",
    "no", "nos", "nosotros", "nuestra", "nuestro", "o", "os", "otra", "otro", "para", "pero",
    "poco", "por", "porque", "puede", "pueden", "puedo", "qué", "que", "quien", "quién", "quiero",
    "se", "sea", "ser", "si", "sí", "sin", "sobre", "son", "soy", "su", "sus", "también", "te",
    "tengo", "tiene", "tienen", "ti", "todo", "todos", "tu", "tú", "tus", "un", "una", "unas",
    "uno", "unos", "usted", "vosotros", "y", "ya", "yo",
];

/// Articles, prepositions, pronouns, common forms of être/avoir, the question words, and the letters left
/// by elision ("l'article" splits into "l" and "article").
const FRENCH_STOP_WORDS: &[&str] = &[
    "a", "à", "ai", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "comment", "d", "dans",
    "de", "des", "du", "elle", "elles", "en", "est", "et", "être", "eu", "il", "ils", "j", "je",
    "l", "la", "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "mes", "moi", "mon",
    "n", "ne", "nos", "notre", "nous", "on", "ont", "ou", "où", "par", "pas", "peut", "peux",
    "pour", "pourquoi", "qu", "quand", "que", "quel", "quelle", "quels", "quelles", "qui", "s",
    "sa", "se", "ses", "son", "sont", "suis", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu",
    "un", "une", "vos", "votre", "vous", "y",
];

/// Articles, prepositions, pronouns, common forms of sein/haben/werden/können, and the question words.
const GERMAN_STOP_WORDS: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bist", "da", "das",
    "dass", "dem", "den", "der", "des", "die", "dies", "diese", "dieser", "dieses", "du", "durch",
    "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "für", "hab", "habe", "haben",
    "hat", "ich", "ihr", "ihre", "im", "in", "ist", "kann", "kannst", "können", "man", "mein",
    "meine", "meinen", "meiner", "mich", "mir", "mit", "nach", "nicht", "noch", "nur", "ob",
    "oder", "sein", "seine", "sich", "sie", "sind", "so", "um", "und", "uns", "unser", "von",
    "vor", "war", "warum", "was", "wann", "wer", "werde", "werden", "wie", "wieso", "wir", "wird",
    "wo", "zu", "zum", "zur",
];

/// Articles, prepositions, pronouns, common forms of ser/estar/ter, and the question words.
const PORTUGUESE_STOP_WORDS: &[&str] = &[
    "a", "à", "ao", "aos", "as", "às", "com", "como", "da", "das", "de", "do", "dos", "e", "é",
    "ela", "elas", "ele", "eles", "em", "essa", "esse", "esta", "está", "estão", "este", "eu",
    "foi", "isso", "isto", "já", "lhe", "mas", "me", "meu", "meus", "minha", "minhas", "na", "nas",
    "não", "no", "nos", "nós", "o", "os", "ou", "para", "pela", "pelo", "por", "porque", "posso",
    "pode", "quando", "que", "qual", "quem", "se", "ser", "seu", "seus", "sua", "suas", "também",
    "tem", "tenho", "um", "uma", "você", "vocês",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(analysis: Analysis, text: &str) -> Vec<String> {
        tokens(&mut analysis.terms(), text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn romance_languages_stem_with_accents_then_fold_them() {
        assert_eq!(
            texts(
                Analysis::Spanish,
                "¿Cómo pido la devolución de mis devoluciones?"
            ),
            ["pid", "devolu", "devolu"]
        );
        assert_eq!(
            texts(Analysis::French, "l'expédition des colis"),
            ["expedit", "colis"]
        );
        assert_eq!(
            texts(Analysis::Portuguese, "Não recebi o reembolso"),
            ["receb", "reembols"]
        );
    }

    #[test]
    fn each_language_has_its_own_stop_words() {
        assert_eq!(
            texts(Analysis::German, "Wo ist meine Bestellung"),
            ["bestell"]
        );
        // "como" is an English word too: only Spanish drops it.
        assert_eq!(texts(Analysis::Spanish, "como"), Vec::<String>::new());
        assert_eq!(texts(Analysis::English, "como"), ["como"]);
    }
}
