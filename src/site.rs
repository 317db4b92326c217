//! The site as the desk describes it, as one context: its rules and article catalog (`GET /v1/site`), and the
//! help items they suggest for the page's context, re-run locally on every change.

use crate::api::Api;
use crate::host::warn;
use crate::i18n::Language;
use crate::intl::IntlFormatter;
use crate::page_context::PageContext;
use crate::status_feed::StatusFeed;
use leptos::prelude::*;
use serde_json::{Map, Value};
use signpost_core::context::Context;
use signpost_core::experiments::{self, Assignment, AssignmentRequest, Variation};
use signpost_core::feed::incident_facts;
use signpost_core::help::SiteConfig;
use signpost_core::insights::InsightsSettings;
use signpost_core::rules::{Clock, FlowSuggestion, Reason, RuleSet, Suggestion};
use signpost_core::suggest::suggestions;
use signpost_core::tickets::ResponseTargets;

/// Gives rules the reasons of the variants the user is in.
type Reworder = fn(&mut RuleSet, &[Variation]);

/// The site's configuration once loaded, and the suggestions for the current context.
#[derive(Clone, Copy)]
pub struct Site {
    config: RwSignal<Option<SiteConfig>>,
    /// The help items for the current context, best first, with the user's experiment variants applied.
    suggestions: Memo<Vec<Suggestion>>,
    rules: Memo<Option<RuleSet>>,
    page: PageContext,
    language: Language,
    /// The experiments' variants for this user; `None` until the desk has answered.
    variations: RwSignal<Option<Vec<Variation>>>,
    /// The page context the variants were last asked for.
    asked: StoredValue<Option<Context>>,
    /// Puts the variants of the rules' reasons into the rules; handed over with the variants (its code is in
    /// their chunk, `usage`).
    reworder: StoredValue<Option<Reworder>>,
    feed: StatusFeed,
}

impl Site {
    /// Nothing loaded yet. Suggestions follow `page`, the language and the open incidents in `feed`.
    pub fn new(page: PageContext, language: Language, feed: StatusFeed) -> Self {
        let config = RwSignal::new(None::<SiteConfig>);
        let variations = RwSignal::new(None::<Vec<Variation>>);
        let reworder = StoredValue::new(None::<Reworder>);
        let rules = Memo::new(move |_| {
            let mut rules = config.with(|site| {
                let rules = site.as_ref().map(|s| &s.rules).filter(|r| !r.is_null())?;
                RuleSet::from_json(rules)
                    .map_err(|err| warn(&format!("the desk's rules are unusable: {err}")))
                    .ok()
            })?;
            // With the user's variants of the rules' reasons, explanations render them as the rules' own.
            variations.with(|known| {
                if let (Some(known), Some(reword)) = (known, reworder.get_value()) {
                    reword(&mut rules, known);
                }
            });
            Some(rules)
        });
        let suggestions = Memo::new(move |_| {
            let formatter = IntlFormatter::new(language.ui(), &language.locale());
            config.with(|site| {
                let Some(site) = site else { return vec![] };
                page.with(|context| {
                    rules.with(|rules| {
                        let facts = feed.with(|s| s.map(incident_facts).unwrap_or_default());
                        let mut list = suggestions(
                            rules.as_ref(),
                            &site.articles,
                            context,
                            &facts,
                            clock(),
                            &formatter,
                        );
                        variations.with(|known| {
                            let assignment = match known {
                                Some(known) => Assignment::Known(known),
                                None => Assignment::Pending,
                            };
                            experiments::apply(&mut list, &site.experiment_rules, assignment);
                        });
                        list
                    })
                })
            })
        });
        Site {
            config,
            suggestions,
            rules,
            page,
            language,
            variations,
            asked: StoredValue::new(None),
            reworder,
            feed,
        }
    }

    /// Fetches the site from the desk, and again whenever the language changes (the catalog is per language).
    pub fn load(self, api: Api, language: Language) {
        let latest = StoredValue::new(0_u32);
        Effect::new(move || {
            let (api, locale) = (api.clone(), language.locale());
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
                    Err(err) => warn(&format!("suggestions are unavailable: {err}")),
                }
            });
        });
    }

    /// Uses `config`: its rules for suggestions, its status components for the status feed.
    pub fn set(&self, config: SiteConfig) {
        self.feed.set_components(config.status_components.clone());
        let _ = self.config.try_set(Some(config));
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
            self.reworder.set_value(Some(experiments::reword));
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
            self.suggestions.with(|list| {
                experiments::exposures(list, known.as_deref().unwrap_or_default())
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

    /// The help items for the current context, best first (tracked).
    pub fn with_suggestions<R>(&self, read: impl FnOnce(&Vec<Suggestion>) -> R) -> R {
        self.suggestions.with(read)
    }

    /// The guided flows the rules offer for the current context, best first (tracked). Worked out on each
    /// call rather than kept: a list of rarely more than one does not pay for its own signal's code.
    pub fn flows(&self) -> Vec<FlowSuggestion> {
        let formatter = IntlFormatter::new(self.language.ui(), &self.language.locale());
        self.config.with(|site| {
            let Some(site) = site.as_ref().filter(|site| !site.flows.is_empty()) else {
                return vec![];
            };
            let catalog = |id: &str| site.flows.iter().find(|flow| flow.id == id).cloned();
            self.rules.with(|rules| {
                let Some(rules) = rules else { return vec![] };
                self.page.with(|context| {
                    let facts = self.extra_facts();
                    rules.suggest_flows(context, &facts, &catalog, clock(), &formatter)
                })
            })
        })
    }

    /// What flows and rules may know beyond the page: the open incidents (tracked).
    pub fn extra_facts(&self) -> Map<String, Value> {
        self.feed
            .with(|s| s.map(incident_facts).unwrap_or_default())
    }

    /// Reads the help items now, for an event handler.
    pub fn with_suggestions_untracked<R>(&self, read: impl FnOnce(&Vec<Suggestion>) -> R) -> R {
        self.suggestions.with_untracked(read)
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

/// Now, as the user's calendar sees it.
pub fn clock() -> Clock {
    Clock {
        now_unix_seconds: (js_sys::Date::now() / 1000.0) as i64,
        utc_offset_minutes: -(js_sys::Date::new_0().get_timezone_offset() as i32),
    }
}
