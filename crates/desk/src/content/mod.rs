//! The help center: every article of a content folder, parsed, rendered, indexed, and the folder's rules.
//!
//! A folder is loaded whole into a new [`HelpCenter`] and swapped in, so a reload never serves half a folder.
//! A broken file is logged with its path and reason and left out; everything else is served. That includes
//! the search synonyms (`synonyms.toml`): a file with a problem is refused whole and search runs without it.

mod flows;
mod library;
// Public for the fuzz targets (fuzz/), which read articles as the desk does.
pub mod markdown;

use crate::experiments::Experiments;
use crate::search::{Indexed, SearchIndex, SearchRequest, Synonyms, language_of};
use anyhow::Context as _;
use library::{Library, VARIANTS_DIR, text_problem};
use markdown::ParsedArticle;
use signpost_core::context::Context;
use signpost_core::embed::{SiteEmbed, Surface};
use signpost_core::feed::ComponentMap;
use signpost_core::flows::{FlowCatalog, FlowDocument, FlowSummary};
use signpost_core::help::{Article, ArticleSummary, SearchHit, SiteConfig};
use signpost_core::insights::{InsightsSettings, MAX_DIMENSIONS};
use signpost_core::rules::{Clock, PlainFormatter, RuleSet};
use signpost_core::suggest::{Suggested, SuggestionsRequest, SuggestionsResponse, suggested};
use signpost_core::tickets::model::{Example, read_examples};
use signpost_core::tickets::{ResponseTargets, TriageSettings};
use std::collections::HashSet;
use std::path::Path;

/// One loaded content folder.
pub struct HelpCenter {
    articles: Library,
    /// The texts an experiment shows in an article's place (`variants/`): never listed, searched or suggested.
    texts: Library,
    index: SearchIndex,
    /// The folder's `rules.toml`, checked, and as the JSON the widget reads; none when absent or broken.
    rules: Option<(RuleSet, serde_json::Value)>,
    /// The folder's `status-components.toml`, else the marketplace defaults.
    status_components: ComponentMap,
    /// The folder's `response-targets.toml`, else the defaults.
    response_targets: ResponseTargets,
    /// The folder's `triage.toml`, else none (no amount raises a ticket).
    triage_settings: TriageSettings,
    /// The examples the first triage model is trained from, and every retraining starts from.
    triage_seed: Vec<Example>,
    /// The folder's `insights.toml`, else the defaults (on, no dimensions).
    insights: InsightsSettings,
    /// The usable experiments of the folder's `experiments.toml`.
    experiments: Experiments,
    /// The guided flows of the folder's `flows/` that passed their checks.
    flows: FlowCatalog,
}

/// The rules file of a content folder; optional.
const RULES_FILE: &str = "rules.toml";
/// First-reply targets per priority, and business hours; optional.
const RESPONSE_TARGETS_FILE: &str = "response-targets.toml";
const EMBED_FILE: &str = "embed.toml";
/// Which status components concern which surfaces; optional.
const STATUS_COMPONENTS_FILE: &str = "status-components.toml";
/// Large-order thresholds per currency for triage; optional.
const TRIAGE_FILE: &str = "triage.toml";
/// Labelled messages the triage model learns from; optional (without them, the topic routes tickets).
const TRIAGE_SEED_FILE: &str = "triage/seed.jsonl";
/// Whether the widget reports its use, and the context fields reports are cut by; optional.
const INSIGHTS_FILE: &str = "insights.toml";
/// Experiments on self-service content, and the contexts none may run in; optional.
const EXPERIMENTS_FILE: &str = "experiments.toml";
/// Search synonyms per language; optional.
const SYNONYMS_FILE: &str = "synonyms.toml";
/// Articles per surface the site config offers for suggestions when no rule applies.
const ARTICLES_PER_SURFACE: usize = 5;

impl std::fmt::Debug for HelpCenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HelpCenter")
            .field("articles", &self.articles.all().len())
            .finish()
    }
}

impl HelpCenter {
    /// Which status components concern which surface (`status-components.toml`).
    pub fn status_components(&self) -> &ComponentMap {
        &self.status_components
    }

    /// Loads every `*.md` file under `dir` (recursively; README.md files are documentation, not articles),
    /// those of `variants/` as texts for experiments.
    pub fn load(dir: &Path) -> anyhow::Result<HelpCenter> {
        let variants = dir.join(VARIANTS_DIR);
        let articles = Library::load(dir, Some(&variants))
            .with_context(|| format!("reading content folder {}", dir.display()))?;
        let texts = match Library::load(&variants, None) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Library::default(),
            texts => texts.with_context(|| format!("reading {}", variants.display()))?,
        };
        let known = |id: &str| articles.has(id, "en");
        let synonyms = load_synonyms(&dir.join(SYNONYMS_FILE));
        let index = SearchIndex::build(
            articles.all().iter().map(|a| Indexed {
                id: &a.summary.id,
                title: &a.summary.title,
                summary: &a.summary.summary,
                tags: &a.tags,
                text: &a.text,
                audience: a.summary.audience,
                locale: &a.summary.locale,
            }),
            &synonyms,
        )
        .context("building the search index")?;
        let rules = load_rules(&dir.join(RULES_FILE), &known);
        tracing::info!(
            folder = %dir.display(),
            articles = articles.all().len(),
            rules = rules.is_some(),
            "help center loaded"
        );
        let status_components = load_status_components(&dir.join(STATUS_COMPONENTS_FILE));
        let response_targets = load_toml(&dir.join(RESPONSE_TARGETS_FILE), "response targets");
        let triage_settings = load_toml(&dir.join(TRIAGE_FILE), "triage settings");
        let triage_seed = load_triage_seed(&dir.join(TRIAGE_SEED_FILE));
        let insights = load_insights(&dir.join(INSIGHTS_FILE));
        let experiments = Experiments::load(
            &dir.join(EXPERIMENTS_FILE),
            rules.as_ref().map(|(rules, _)| rules),
            &known,
            &|article, text| text_problem(&articles, &texts, article, text),
        );
        let flows = flows::load_flows(dir, &known, rules.as_ref().map(|(rules, _)| rules));
        Ok(HelpCenter {
            articles,
            texts,
            index,
            rules,
            status_components,
            response_targets,
            triage_settings,
            triage_seed,
            insights,
            experiments,
            flows,
        })
    }

    /// The flow file with this id, as the widget runs it.
    pub fn flow(&self, id: &str) -> Option<&FlowDocument> {
        self.flows.document(id)
    }

    /// The flow with this id as a list shows it (its version, titled in the locale's language).
    pub fn flow_summary(&self, id: &str, locale: &str) -> Option<FlowSummary> {
        self.flows.get(id).map(|flow| flow.summary(Some(locale)))
    }

    /// The suggestion rules (`rules.toml`), when they loaded.
    pub fn rules(&self) -> Option<&RuleSet> {
        self.rules.as_ref().map(|(rules, _)| rules)
    }

    /// The experiments the folder defines (`experiments.toml`).
    pub fn experiments(&self) -> &Experiments {
        &self.experiments
    }

    /// Whether the widget reports its use, and the dimensions reports are cut by (`insights.toml`).
    pub fn insights(&self) -> &InsightsSettings {
        &self.insights
    }

    /// Number of articles in every language.
    pub fn len(&self) -> usize {
        self.articles.all().len()
    }

    /// Whether the folder had no usable article.
    pub fn is_empty(&self) -> bool {
        self.articles.all().is_empty()
    }

    /// The article in the requested locale's language, else in English (marked with the locale asked for).
    fn find(&self, id: &str, locale: &str) -> Option<(&ParsedArticle, Option<String>)> {
        self.articles.find(id, locale)
    }

    /// One article with its sanitised body, naming the experiment on its text if one may vary it.
    pub fn article(&self, id: &str, locale: &str) -> Option<Article> {
        self.find(id, locale).map(|(article, fallback)| Article {
            summary: article.summary.clone(),
            html: article.html.clone(),
            requested_locale: fallback,
            experiment: self
                .experiments
                .text_experiment(id)
                .map(|spec| spec.id.clone()),
        })
    }

    /// Article `id` as variant `variant` of the experiment on its text shows it: the variant's title and text
    /// under the article's id. The article's own for the control, and when no experiment still running has
    /// that variant: a stopped experiment gives everyone the control.
    pub fn article_variant(
        &self,
        id: &str,
        locale: &str,
        variant: u32,
        stopped: &HashSet<String>,
    ) -> Option<Article> {
        let control = self.article(id, locale)?;
        let text = self
            .experiments
            .text_experiment(id)
            .filter(|spec| !stopped.contains(&spec.id))
            .and_then(|spec| spec.text(variant))
            .and_then(|text| self.texts.find(text, locale));
        let Some((text, fallback)) = text else {
            return Some(control);
        };
        Some(Article {
            summary: ArticleSummary {
                title: text.summary.title.clone(),
                summary: text.summary.summary.clone(),
                locale: text.summary.locale.clone(),
                updated: text.summary.updated.clone(),
                ..control.summary
            },
            html: text.html.clone(),
            requested_locale: fallback,
            experiment: control.experiment,
        })
    }

    /// One article's summary.
    pub fn summary(&self, id: &str, locale: &str) -> Option<ArticleSummary> {
        self.find(id, locale)
            .map(|(article, _)| article.summary.clone())
    }

    /// Searches articles in the request's language first, then the English articles not translated into it.
    pub fn search(&self, request: &SearchRequest) -> anyhow::Result<Vec<SearchHit>> {
        Ok(self.index.search(request)?)
    }
}

impl HelpCenter {
    /// What the widget needs to suggest help locally: the rules, and the articles and flows they and the
    /// automatic fallback can name, in the locale's language where translated.
    pub fn site_config(&self, locale: &str) -> SiteConfig {
        let (articles, flows) = self.catalog(locale);
        SiteConfig {
            rules: self
                .rules
                .as_ref()
                .map_or(serde_json::Value::Null, |(_, json)| json.clone()),
            articles,
            status_components: self.status_components.clone(),
            response_targets: self.response_targets.clone(),
            insights: self.insights.clone(),
            experiment_rules: self.experiments.varied_rules(),
            experiment_status_first: self.experiments.varies_status_first(),
            experiment_large_order: self.experiments.varies_large_order(),
            flows,
        }
    }

    /// The articles the rules and the automatic fallback can name, and the guided flows, in the locale's
    /// language where translated.
    fn catalog(&self, locale: &str) -> (Vec<ArticleSummary>, Vec<FlowSummary>) {
        let named = self.rules.iter().flat_map(|(rules, _)| rules.article_ids());
        let written_for = Surface::ALL.into_iter().flat_map(|surface| {
            self.english()
                .filter(move |a| a.summary.surfaces.contains(&surface))
                .take(ARTICLES_PER_SURFACE)
                .map(|a| a.summary.id.clone())
        });
        let mut seen = HashSet::new();
        let articles = named
            .chain(written_for)
            .filter_map(|id| self.summary(&id, locale))
            .filter(|article| seen.insert(article.id.clone()))
            .collect();
        (articles, self.flows.summaries(Some(locale)))
    }

    /// Exactly what the widget would suggest for this request (with English formatting).
    pub fn suggestions(&self, request: &SuggestionsRequest, now: Clock) -> SuggestionsResponse {
        let (context, warnings) = Context::from_json(&request.context);
        let locale = context.locale.as_deref().unwrap_or("en");
        let (articles, catalog_flows) = self.catalog(locale);
        let Suggested { items, flows } = suggested(
            self.rules.as_ref().map(|(rules, _)| rules),
            &articles,
            &catalog_flows,
            &context,
            &request.extra_facts,
            request.clock.unwrap_or(now),
            &PlainFormatter,
        );
        SuggestionsResponse {
            suggestions: items,
            flows,
            warnings: warnings.iter().map(ToString::to_string).collect(),
        }
    }

    /// How soon support promises a first reply.
    pub fn response_targets(&self) -> &ResponseTargets {
        &self.response_targets
    }

    /// Thresholds triage reads.
    pub fn triage_settings(&self) -> &TriageSettings {
        &self.triage_settings
    }

    /// The triage model's seed examples.
    pub fn triage_seed(&self) -> &[Example] {
        &self.triage_seed
    }

    /// Every English article, in folder order.
    fn english(&self) -> impl Iterator<Item = &ParsedArticle> {
        self.articles
            .all()
            .iter()
            .filter(|a| language_of(&a.summary.locale) == "en")
    }
}

/// Reads and checks a rules file. Problems are logged; a broken file means no rules, not no content.
fn load_rules(
    path: &Path,
    known_article: &dyn Fn(&str) -> bool,
) -> Option<(RuleSet, serde_json::Value)> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return None,
        Err(err) => {
            tracing::warn!(path = %path.display(), reason = %err, "rules skipped");
            return None;
        }
    };
    let parsed =
        RuleSet::toml_to_json(&text).and_then(|json| Ok((RuleSet::from_json(&json)?, json)));
    match parsed {
        Ok((rules, json)) => {
            for problem in rules.validate(known_article) {
                tracing::warn!(path = %path.display(), %problem, "rules file");
            }
            Some((rules, json))
        }
        Err(err) => {
            tracing::warn!(path = %path.display(), reason = %err, "rules skipped");
            None
        }
    }
}

/// One `[[component]]` of `status-components.toml`: exactly one of `name`, `id` or `keyword`, and its surfaces.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentEntry {
    name: Option<String>,
    id: Option<String>,
    keyword: Option<String>,
    surfaces: Vec<Surface>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentsFile {
    component: Vec<ComponentEntry>,
}

/// Reads how the site wants the widget on its pages (`embed.toml`, read once at start: the desk writes it into
/// the loader). A broken file is logged and the widget's defaults used instead.
pub fn load_site_embed(dir: &Path) -> SiteEmbed {
    let path = dir.join(EMBED_FILE);
    let settings = match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str::<SiteEmbed>(&text).map_err(|err| err.to_string()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return SiteEmbed::default(),
        Err(err) => Err(err.to_string()),
    }
    .and_then(|settings| match settings.problems() {
        problems if problems.is_empty() => Ok(settings),
        problems => Err(problems.join("; ")),
    });
    settings.unwrap_or_else(|reason| {
        tracing::warn!(path = %path.display(), %reason, "embed settings skipped; using the defaults");
        SiteEmbed::default()
    })
}

/// Reads the search synonyms. A file with problems is refused whole, each problem logged with the file and
/// its line, language and phrase; search then runs without synonyms.
fn load_synonyms(path: &Path) -> Synonyms {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Synonyms::default(),
        Err(err) => {
            tracing::warn!(path = %path.display(), reason = %err, "synonyms skipped");
            return Synonyms::default();
        }
    };
    Synonyms::parse(&text).unwrap_or_else(|problems| {
        for problem in problems {
            tracing::warn!(path = %path.display(), %problem, "synonyms refused; searching without them");
        }
        Synonyms::default()
    })
}

/// Reads an optional TOML file of settings. Problems are logged and the defaults used instead.
fn load_toml<T: serde::de::DeserializeOwned + Default>(path: &Path, what: &str) -> T {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).unwrap_or_else(|err| {
            tracing::warn!(path = %path.display(), reason = %err, "{what} skipped; using the defaults");
            T::default()
        }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => T::default(),
        Err(err) => {
            tracing::warn!(path = %path.display(), reason = %err, "{what} skipped; using the defaults");
            T::default()
        }
    }
}

/// Reads `insights.toml`; a site marking more dimensions than reports keep is told which are dropped.
fn load_insights(path: &Path) -> InsightsSettings {
    let mut settings: InsightsSettings = load_toml(path, "insights settings");
    if settings.dimensions.len() > MAX_DIMENSIONS {
        tracing::warn!(path = %path.display(), dropped = ?&settings.dimensions[MAX_DIMENSIONS..],
            "at most {MAX_DIMENSIONS} dimensions; the rest are not reported");
        settings.dimensions.truncate(MAX_DIMENSIONS);
    }
    settings
}

/// Reads the triage seed. A broken file is logged and left out whole: a model half-trained on it would route
/// worse than the topics alone.
fn load_triage_seed(path: &Path) -> Vec<Example> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(err) => {
            tracing::warn!(path = %path.display(), reason = %err, "triage seed skipped");
            return Vec::new();
        }
    };
    read_examples(&text).unwrap_or_else(|err| {
        tracing::warn!(path = %path.display(), reason = %err, "triage seed skipped");
        Vec::new()
    })
}

/// Reads the component-to-surface map. Problems are logged and the marketplace defaults used instead.
fn load_status_components(path: &Path) -> ComponentMap {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return ComponentMap::default_marketplace();
        }
        Err(err) => {
            tracing::warn!(path = %path.display(), reason = %err, "status components skipped");
            return ComponentMap::default_marketplace();
        }
    };
    let parsed: Result<ComponentsFile, String> =
        toml::from_str(&text).map_err(|err| err.to_string());
    let map = parsed.and_then(|file| {
        file.component.into_iter().enumerate().try_fold(
            ComponentMap::new(),
            |map, (index, entry)| match (entry.name, entry.id, entry.keyword) {
                (Some(name), None, None) => Ok(map.name(&name, &entry.surfaces)),
                (None, Some(id), None) => Ok(map.id(&id, &entry.surfaces)),
                (None, None, Some(word)) => Ok(map.keyword(&word, &entry.surfaces)),
                _ => Err(format!(
                    "component #{}: give exactly one of name, id or keyword",
                    index + 1
                )),
            },
        )
    });
    map.unwrap_or_else(|reason| {
        tracing::warn!(path = %path.display(), %reason, "status components skipped; using the defaults");
        ComponentMap::default_marketplace()
    })
}
