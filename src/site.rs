//! The site as the desk describes it, as one context: its rules and article catalog (`GET /v1/site`), and the
//! help items they suggest for the page's context. Once the panel first opens, the desk works out the first
//! suggestions (`POST /v1/suggestions`) while the rules engine's chunk loads; from then on the engine works them
//! out here on every change.

use crate::api::Api;
use crate::components::chunk;
use crate::desk_suggestions;
use crate::host::warn;
use crate::i18n::Language;
use crate::intl::IntlFormatter;
use crate::navigation::Navigation;
use crate::page_context::PageContext;
use crate::status_feed::StatusFeed;
use leptos::prelude::*;
use serde_json::{Map, Value};
use signpost_core::context::Context;
use signpost_core::experiments::{self, Assignment, AssignmentRequest, Variation};
use signpost_core::feed::{Summary, incident_facts};
use signpost_core::help::SiteConfig;
use signpost_core::insights::InsightsSettings;
use signpost_core::rules::{Clock, FlowSuggestion, Reason, RuleSet, Suggestion};
use signpost_core::suggest::{Suggested, suggested};
use signpost_core::tickets::ResponseTargets;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU32, Ordering};

/// What the rules engine works the suggestions out from.
pub struct Inputs<'a> {
    pub site: &'a SiteConfig,
    /// Which of the site's configurations `site` is: the engine reads its rules once per version.
    pub site_version: u32,
    pub context: &'a Context,
    /// Facts from beyond the page: the open incidents.
    pub facts: &'a Map<String, Value>,
    /// The user's experiment variants, once the desk has said.
    pub variations: Option<&'a [Variation]>,
    pub formatter: &'a IntlFormatter,
    pub clock: Clock,
}

/// Counts the site configurations set in this page, across widgets (one shut down and started again shares the
/// engine's memory of the rules it read): the engine reads the rules again only for a new one.
static SITE_VERSIONS: AtomicU32 = AtomicU32::new(0);

/// The wait before the rules engine's chunk is fetched again after a failure, doubling up to the most.
const FIRST_RETRY_MS: f64 = 1_000.0;
const MAX_RETRY_MS: f64 = 30_000.0;

/// The rules engine (chunk `rules`).
pub type Engine = fn(&Inputs<'_>) -> Suggested;

/// Where the rules engine is.
#[derive(Clone, Copy)]
enum EngineState {
    /// Not needed yet: the panel has not opened.
    Unwanted,
    /// Its chunk is on its way; the desk works the suggestions out meanwhile.
    Loading,
    /// Its chunk could not be fetched at first and is tried again; the desk's answers stand in for it.
    Retrying,
    Loaded(Engine),
}

/// The site's configuration once loaded, and the suggestions for the current context.
#[derive(Clone, Copy)]
pub struct Site {
    config: RwSignal<Option<SiteConfig>>,
    /// Which configuration `config` is, of every one set in this page (see [`SITE_VERSIONS`]).
    config_version: StoredValue<u32>,
    /// The help items and flows for the current context, with the user's experiment variants applied.
    suggested: Memo<Suggested>,
    engine: RwSignal<EngineState>,
    /// The desk's latest answer, shown until the engine is loaded.
    from_desk: RwSignal<Suggested>,
    page: PageContext,
    /// The experiments' variants for this user; `None` until the desk has answered.
    variations: RwSignal<Option<Vec<Variation>>>,
    /// The page context the variants were last asked for.
    asked: StoredValue<Option<Context>>,
    /// The desk could not give the site's settings: what waits for them goes on without.
    unavailable: RwSignal<bool>,
    feed: StatusFeed,
}

impl Site {
    /// Nothing loaded yet. Suggestions follow `page`, the language and the open incidents in `feed`.
    pub fn new(page: PageContext, language: Language, feed: StatusFeed) -> Self {
        let config = RwSignal::new(None::<SiteConfig>);
        let variations = RwSignal::new(None::<Vec<Variation>>);
        let engine = RwSignal::new(EngineState::Unwanted);
        let from_desk = RwSignal::new(Suggested::default());
        let config_version = StoredValue::new(0_u32);
        let suggested = Memo::new(move |_| {
            config.with(|site| {
                let Some(site) = site else {
                    return Suggested::default();
                };
                let mut found = match engine.get() {
                    EngineState::Loaded(work_out) => {
                        let formatter = IntlFormatter::new(language.ui(), &language.locale());
                        let facts = feed.with(incident_facts_of);
                        page.with(|context| {
                            variations.with(|known| {
                                work_out(&Inputs {
                                    site,
                                    site_version: config_version.get_value(),
                                    context,
                                    facts: &facts,
                                    variations: known.as_deref(),
                                    formatter: &formatter,
                                    clock: clock(),
                                })
                            })
                        })
                    }
                    EngineState::Unwanted | EngineState::Loading | EngineState::Retrying => {
                        from_desk.get()
                    }
                };
                variations.with(|known| {
                    let assignment = match known {
                        Some(known) => Assignment::Known(known),
                        None => Assignment::Pending,
                    };
                    experiments::apply(&mut found.items, &site.experiment_rules, assignment);
                });
                found
            })
        });
        Site {
            config,
            config_version,
            suggested,
            engine,
            from_desk,
            page,
            variations,
            asked: StoredValue::new(None),
            unavailable: RwSignal::new(false),
            feed,
        }
    }

    /// Fetches the site from the desk, and again whenever the language changes (the catalog is per language);
    /// and once the panel first opens, works out the suggestions.
    pub fn load(self, api: Api, language: Language, navigation: Navigation) {
        let latest = StoredValue::new(0_u32);
        let api_for_site = api.clone();
        Effect::new(move || {
            let (api, locale) = (api_for_site.clone(), language.locale());
            let asked = latest.get_value().wrapping_add(1);
            latest.set_value(asked);
            leptos::task::spawn_local(async move {
                let answer = api.site(&locale).await;
                // The catalog of a language the page has switched away from since is dropped, whenever it
                // arrives: the newer language's follows.
                // (`try_`: the widget may have been shut down meanwhile.)
                if latest.try_get_value() != Some(asked) {
                    return;
                }
                match answer {
                    Ok(site) => self.set(site),
                    Err(err) => {
                        warn(&format!("suggestions are unavailable: {err}"));
                        let _ = self.unavailable.try_set(true);
                    }
                }
            });
        });
        let engine = self.engine;
        Effect::new(move || {
            if navigation.is_open() && matches!(engine.get_untracked(), EngineState::Unwanted) {
                engine.set(EngineState::Loading);
                leptos::task::spawn_local(async move {
                    crate::time::after_paint().await;
                    // Every try after the first follows a failure: the desk's answers stand in meanwhile.
                    let tried = Cell::new(false);
                    let fetch = || {
                        if tried.replace(true) {
                            let _ = engine.try_set(EngineState::Retrying);
                        }
                        chunk::rules_engine()
                    };
                    let wanted = move || !engine.is_disposed();
                    if let Some(work_out) =
                        chunk::load_with_retry(fetch, FIRST_RETRY_MS, MAX_RETRY_MS, wanted).await
                    {
                        let _ = engine.try_set(EngineState::Loaded(work_out));
                    }
                });
            }
        });
        self.ask_desk_until_engine(api);
    }

    /// While the engine's chunk loads, asks the desk for the suggestions of each new context, language or
    /// incident, and keeps the latest answer. Not when an experiment varies the rules: the desk does not know
    /// the user's variants, and an explanation must show the variant it reports as seen.
    fn ask_desk_until_engine(self, api: Api) {
        let latest = StoredValue::new(0_u32);
        // What was last asked: a change elsewhere (the status feed's first quiet answer, the catalog) asks nothing.
        let asked_for = StoredValue::new(None::<(Map<String, Value>, Map<String, Value>)>);
        Effect::new(move || {
            if !matches!(
                self.engine.get(),
                EngineState::Loading | EngineState::Retrying
            ) {
                return;
            }
            let known = self
                .config
                .with(|site| site.as_ref().map(|site| site.experiment_rules.is_empty()));
            if known != Some(true) {
                return;
            }
            let (context, facts) = (self.page.json(), self.extra_facts());
            let repeated = asked_for.with_value(|last| {
                last.as_ref()
                    .is_some_and(|(c, f)| *c == context && *f == facts)
            });
            if repeated {
                return;
            }
            asked_for.set_value(Some((context.clone(), facts.clone())));
            let asked = latest.get_value().wrapping_add(1);
            latest.set_value(asked);
            let (api, from_desk) = (api.clone(), self.from_desk);
            leptos::task::spawn_local(async move {
                let answer = desk_suggestions::ask(&api, context, facts, clock()).await;
                if latest.try_get_value() != Some(asked) {
                    return;
                }
                match answer {
                    Ok(suggested) => {
                        let _ = from_desk.try_set(suggested);
                    }
                    Err(err) => warn(&format!("suggestions are unavailable: {err}")),
                }
            });
        });
    }

    /// Uses `config`: its rules for suggestions, its status components for the status feed.
    pub fn set(&self, config: SiteConfig) {
        self.feed.set_components(config.status_components.clone());
        self.config_version
            .set_value(SITE_VERSIONS.fetch_add(1, Ordering::Relaxed) + 1);
        let _ = self.config.try_set(Some(config));
    }

    /// Whether the site's settings have come, or the desk could not give them (tracked). Until then nobody knows
    /// whether the site collects insights, so whether the user can take part in an experiment.
    pub fn settled(&self) -> bool {
        self.config.with(Option::is_some) || self.unavailable.get()
    }

    /// Whether an experiment varies one of the site's rules' articles or reasons (tracked).
    pub fn varies_rules(&self) -> bool {
        self.config.with(|site| {
            site.as_ref()
                .is_some_and(|s| !s.experiment_rules.is_empty())
        })
    }

    /// Asks the desk which experiment variants the user (`unit`, settled only when asked) gets on this page,
    /// once per context. Without a unit (nothing collected, or Global Privacy Control) and when the desk cannot
    /// say, the user gets the control.
    pub fn assign_variants(
        &self,
        api: Api,
        unit: impl FnOnce() -> Option<String>,
        context: Context,
    ) {
        if self
            .asked
            .with_value(|asked| asked.as_ref() == Some(&context))
        {
            return;
        }
        self.asked.set_value(Some(context.clone()));
        let Some(unit) = unit() else {
            self.variations.set(Some(vec![]));
            return;
        };
        // Another context may be a protected one: the articles under test wait for the desk's answer again.
        self.variations.set(None);
        let site = *self;
        leptos::task::spawn_local(async move {
            match crate::components::chunk::variants_fetcher().await {
                Ok(fetch) => fetch(site, api, AssignmentRequest { unit, context }),
                Err(_) => site.know_variants(vec![]),
            }
        });
    }

    /// Asks the desk for the variants of `request` (in the `usage` chunk: encoding the context and reading
    /// the answer are most of the weight).
    pub fn fetch_variants(self, api: Api, request: AssignmentRequest) {
        leptos::task::spawn_local(async move {
            let answer = api.assignment(&request).await;
            // The answer for a context the page has left since is dropped: the newer question's follows.
            if self
                .asked
                .with_value(|asked| asked.as_ref() != Some(&request.context))
            {
                return;
            }
            self.know_variants(answer.map(|a| a.variations).unwrap_or_else(|err| {
                warn(&format!("experiments are unavailable: {err}"));
                vec![]
            }));
        });
    }

    fn know_variants(&self, variations: Vec<Variation>) {
        let _ = self.variations.try_set(Some(variations));
    }

    /// Whether an experiment varies the contact view's status during an incident (untracked).
    pub fn varies_status_first(&self) -> bool {
        self.config
            .with_untracked(|site| site.as_ref().is_some_and(|s| s.experiment_status_first))
    }

    /// Whether an experiment varies the large-order criterion (untracked).
    pub fn varies_large_order(&self) -> bool {
        self.config
            .with_untracked(|site| site.as_ref().is_some_and(|s| s.experiment_large_order))
    }

    /// Whether the desk put the user in an experiment on the large-order criterion on this page (untracked):
    /// a ticket filed before it has answered is not.
    pub fn in_large_order(&self) -> bool {
        self.variations
            .with_untracked(|known| known.as_deref().is_some_and(experiments::large_order))
    }

    /// The user's variation of the contact view's status (tracked): `None` until the desk has answered, then
    /// the variation if the user is in one.
    pub fn status_first(&self) -> Option<Option<Variation>> {
        self.variations.with(|known| {
            known
                .as_deref()
                .map(|known| experiments::status_first(known).cloned())
        })
    }

    /// The user's variation of article `id`'s text (tracked): `None` until the desk has answered, then the
    /// variation if the user is in one.
    pub fn text_variation(&self, id: &str) -> Option<Option<Variation>> {
        self.variations.with(|known| {
            known
                .as_deref()
                .map(|known| experiments::text_variation(known, id).cloned())
        })
    }

    /// The experiment variants the suggestions list shows now (tracked).
    pub fn exposures(&self) -> Vec<(String, u32)> {
        self.variations.with(|known| {
            self.suggested.with(|found| {
                experiments::exposures(&found.items, known.as_deref().unwrap_or_default())
                    .into_iter()
                    .map(|v| (v.experiment.clone(), v.variant))
                    .collect()
            })
        })
    }

    /// The variants of rules' reasons that an explanation citing `reasons` shows (untracked).
    pub fn reason_exposures(&self, reasons: &[Reason]) -> Vec<(String, u32)> {
        self.variations.with_untracked(|known| {
            experiments::reason_exposures(reasons, known.as_deref().unwrap_or_default())
                .map(|v| (v.experiment.clone(), v.variant))
                .collect()
        })
    }

    /// Whether explanations can be shown (tracked): the desk words dates and amounts plainly, so while the
    /// engine that words them in the user's language is on its way, they wait for it (a moment; the desk's
    /// stand in if its chunk cannot be fetched).
    pub fn explains(&self) -> bool {
        !matches!(self.engine.get(), EngineState::Loading)
    }

    /// The help items for the current context, best first (tracked).
    pub fn with_suggestions<R>(&self, read: impl FnOnce(&Vec<Suggestion>) -> R) -> R {
        self.suggested.with(|found| read(&found.items))
    }

    /// The guided flows the rules offer for the current context, best first (tracked).
    pub fn with_flows<R>(&self, read: impl FnOnce(&Vec<FlowSuggestion>) -> R) -> R {
        self.suggested.with(|found| read(&found.flows))
    }

    /// What flows and rules may know beyond the page: the open incidents (tracked).
    pub fn extra_facts(&self) -> Map<String, Value> {
        self.feed.with(incident_facts_of)
    }

    /// Whether the site collects insights and the dimensions it cuts them by; `None` until the site is loaded.
    pub fn insights_untracked(&self) -> Option<InsightsSettings> {
        self.config
            .try_with_untracked(|site| site.as_ref().map(|s| s.insights.clone()))
            .flatten()
    }

    /// How soon each team replies, as the site promises (the defaults until it is loaded).
    pub fn response_targets(&self) -> ResponseTargets {
        self.config
            .with_untracked(|site| site.as_ref().map(|s| s.response_targets.clone()))
            .unwrap_or_default()
    }
}

/// The facts the open incidents in the status feed add to the page's. The browser lowercases the names: Rust's
/// case table weighed 7 KB in the main module.
fn incident_facts_of(summary: Option<&Summary>) -> Map<String, Value> {
    let lowercase = |name: &str| String::from(js_sys::JsString::from(name).to_lower_case());
    summary
        .map(|summary| incident_facts(summary, lowercase))
        .unwrap_or_default()
}

/// Now, as the user's calendar sees it.
pub fn clock() -> Clock {
    Clock {
        now_unix_seconds: (js_sys::Date::now() / 1000.0) as i64,
        utc_offset_minutes: -(js_sys::Date::new_0().get_timezone_offset() as i32),
    }
}

/// The site's rules as the engine last read them, and what from: reading them is most of the engine's work,
/// and they change only with the site and the user's variants.
struct RulesRead {
    site_version: u32,
    variations: Option<Vec<Variation>>,
    rules: Option<RuleSet>,
}

thread_local! {
    static RULES_READ: RefCell<Option<RulesRead>> = const { RefCell::new(None) };
}

/// The site's rules with the reasons of the user's variants; a warning says why they are unusable.
fn read_rules(site: &SiteConfig, variations: Option<&[Variation]>) -> Option<RuleSet> {
    if site.rules.is_null() {
        return None;
    }
    let mut rules = RuleSet::from_json(&site.rules)
        .map_err(|err| warn(&format!("the desk's rules are unusable: {err}")))
        .ok()?;
    if let Some(known) = variations {
        experiments::reword(&mut rules, known);
    }
    Some(rules)
}

/// The rules engine: the site's rules (with the reasons of the user's variants) applied to a context, giving
/// the help items and flows. In chunk `rules`, with everything only it uses.
pub fn work_out(inputs: &Inputs<'_>) -> Suggested {
    let Inputs {
        site,
        site_version,
        context,
        facts,
        variations,
        formatter,
        clock,
    } = *inputs;
    RULES_READ.with_borrow_mut(|read| {
        let current = read.as_ref().is_some_and(|read| {
            read.site_version == site_version && read.variations.as_deref() == variations
        });
        if !current {
            *read = Some(RulesRead {
                site_version,
                variations: variations.map(<[Variation]>::to_vec),
                rules: read_rules(site, variations),
            });
        }
        let rules = read.as_ref().and_then(|read| read.rules.as_ref());
        suggested(
            rules,
            &site.articles,
            &site.flows,
            context,
            facts,
            clock,
            formatter,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use serde_json::json;
    use signpost_core::help::{ArticleSummary, Audience};
    use signpost_core::rules::SuggestedItem;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// A site whose one rule suggests `article` to every buyer.
    fn site_suggesting(article: &str) -> SiteConfig {
        serde_json::from_value(json!({
            "rules": {"rule": [{
                "id": "buyers",
                "when": [{"fact": "role", "equals": "buyer"}],
                "suggest": [{"article": article}],
                "reason": "You are buying.",
            }]},
            "articles": [ArticleSummary {
                id: article.to_owned(),
                title: format!("About {article}"),
                summary: String::new(),
                audience: Audience::All,
                surfaces: vec![],
                locale: "en".to_owned(),
                updated: None,
            }],
        }))
        .expect("a site")
    }

    fn suggested_articles(site: &SiteConfig, site_version: u32) -> Vec<String> {
        let (context, _) =
            Context::from_json(json!({"role": "buyer"}).as_object().expect("an object"));
        let found = work_out(&Inputs {
            site,
            site_version,
            context: &context,
            facts: &Map::new(),
            variations: None,
            formatter: &IntlFormatter::new(Locale::default(), "en"),
            clock: clock(),
        });
        found
            .items
            .into_iter()
            .map(|suggestion| match suggestion.item {
                SuggestedItem::Article(article) => article.id,
                SuggestedItem::Action(action) => action.label,
            })
            .collect()
    }

    #[wasm_bindgen_test]
    fn the_rules_see_the_open_incidents_and_the_lowercased_names_of_their_components() {
        let summary = Summary::parse(
            r#"{"incidents": [
                {"id": "open", "status": "investigating",
                 "components": [{"id": "p", "name": "Payments"}, {"id": "s", "name": "SEPA-Überweisungen"}]},
                {"id": "over", "status": "resolved", "components": [{"id": "c", "name": "Checkout"}]}
            ]}"#,
        )
        .expect("a feed");
        assert_eq!(
            Value::Object(incident_facts_of(Some(&summary))),
            json!({"incidents": {"active": ["open", "payments", "sepa-überweisungen"]}})
        );
        assert!(incident_facts_of(None).is_empty());
    }

    #[wasm_bindgen_test]
    fn a_new_version_of_the_site_brings_its_new_rules() {
        let next_version = || SITE_VERSIONS.fetch_add(1, Ordering::Relaxed) + 1;
        let (first, version) = (site_suggesting("fees"), next_version());
        assert_eq!(suggested_articles(&first, version), ["fees"]);
        assert_eq!(
            suggested_articles(&first, version),
            ["fees"],
            "from the rules as read"
        );
        let edited = site_suggesting("returns");
        assert_eq!(suggested_articles(&edited, next_version()), ["returns"]);
    }
}
