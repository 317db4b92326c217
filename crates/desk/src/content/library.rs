//! A set of parsed Markdown files by id and language: the folder's articles, and the texts of `variants/` that
//! only an experiment shows in an article's place.

use super::markdown::{self, ParsedArticle};
use crate::search::language_of;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The folder of texts experiments show in an article's place; optional.
pub const VARIANTS_DIR: &str = "variants";

/// Parsed files, each once per `(id, language)`.
#[derive(Default)]
pub struct Library {
    articles: Vec<ParsedArticle>,
    /// `(id, language)` → index into `articles`.
    by_key: HashMap<(String, String), usize>,
}

impl Library {
    /// Parses every `*.md` file under `dir` but those under `skip` (README.md files are documentation). A
    /// file that cannot be read or parsed, or repeats an id in its language, is logged and left out.
    pub fn load(dir: &Path, skip: Option<&Path>) -> std::io::Result<Library> {
        let mut files = vec![];
        collect_markdown(dir, skip, &mut files)?;
        files.sort();
        let mut library = Library::default();
        for path in files {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parsed = std::fs::read_to_string(&path)
                .map_err(|err| err.to_string())
                .and_then(|source| markdown::parse(&source, &stem));
            match parsed {
                Ok(article) => {
                    let key = (
                        article.summary.id.clone(),
                        language_of(&article.summary.locale),
                    );
                    if library.by_key.contains_key(&key) {
                        tracing::warn!(path = %path.display(), id = %key.0, "article skipped: duplicate id");
                        continue;
                    }
                    library.by_key.insert(key, library.articles.len());
                    library.articles.push(article);
                }
                Err(reason) => tracing::warn!(path = %path.display(), %reason, "article skipped"),
            }
        }
        Ok(library)
    }

    /// Every file, in folder order.
    pub fn all(&self) -> &[ParsedArticle] {
        &self.articles
    }

    /// Whether `id` is written in `language` (`en`, `pt`…).
    pub fn has(&self, id: &str, language: &str) -> bool {
        self.by_key
            .contains_key(&(id.to_owned(), language.to_owned()))
    }

    /// The languages `id` is written in.
    pub fn languages(&self, id: &str) -> Vec<&str> {
        let mut languages: Vec<&str> = self
            .by_key
            .keys()
            .filter(|(key, _)| key == id)
            .map(|(_, language)| language.as_str())
            .collect();
        languages.sort_unstable();
        languages
    }

    /// `id` in the requested locale's language, else in English (with the locale asked for).
    pub fn find(&self, id: &str, locale: &str) -> Option<(&ParsedArticle, Option<String>)> {
        let wanted = language_of(locale);
        if let Some(&i) = self.by_key.get(&(id.to_owned(), wanted)) {
            return Some((&self.articles[i], None));
        }
        let &i = self.by_key.get(&(id.to_owned(), "en".to_owned()))?;
        Some((&self.articles[i], Some(locale.to_owned())))
    }
}

/// Why variant text `text` cannot stand in for `article`: it is missing, or not written in every language the
/// article is (a reader would get the article in their language in one variant and English in the other).
pub fn text_problem(
    articles: &Library,
    texts: &Library,
    article: &str,
    text: &str,
) -> Option<String> {
    if !texts.has(text, "en") {
        return Some(format!(
            "unknown text `{text}` (expected `{VARIANTS_DIR}/{text}.md`)"
        ));
    }
    let missing: Vec<&str> = articles
        .languages(article)
        .into_iter()
        .filter(|language| !texts.has(text, language))
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "text `{text}` is not written in every language of `{article}`: missing {}",
            missing.join(", ")
        )
    })
}

fn collect_markdown(
    dir: &Path,
    skip: Option<&Path>,
    files: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if skip != Some(path.as_path()) {
                collect_markdown(&path, skip, files)?;
            }
        } else if path.extension().is_some_and(|ext| ext == "md")
            && !path
                .file_name()
                .is_some_and(|name| name.eq_ignore_ascii_case("README.md"))
        {
            files.push(path);
        }
    }
    Ok(())
}
