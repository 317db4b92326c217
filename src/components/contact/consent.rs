//! "What we'll send with your request": one checkbox per item of context (what the page said, and what the user
//! saw and searched for here), and the ticket context built from the items the user left checked.

use crate::components::{fact_label, fact_name};
use crate::handoff::{self, Handoff};
use crate::i18n::{Language, Locale, Msg, t};
use crate::page_context::PageContext;
use crate::reading::ArticlesRead;
use crate::searches::SearchesMade;
use crate::site::Site;
use crate::status_feed::StatusFeed;
use leptos::prelude::*;
use signpost_core::context::Context;
use signpost_core::feed::Summary;
use signpost_core::rules::{Reason, SuggestedItem, Suggestion};
use signpost_core::tickets::{
    ActiveIncident, ArticleRead, ExplanationFact, LIST_MAX_ITEMS, SearchMade, ShownSuggestion,
    TicketContext,
};

/// Which context items the user agreed to send.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Consent {
    page: bool,
    order: bool,
    onboarding: bool,
    suggestions: bool,
    explanations: bool,
    searches: bool,
    articles: bool,
    incidents: bool,
    flow: bool,
}

impl Default for Consent {
    fn default() -> Self {
        Consent {
            page: true,
            order: true,
            onboarding: true,
            suggestions: true,
            explanations: true,
            searches: true,
            articles: true,
            incidents: true,
            flow: true,
        }
    }
}

impl Consent {
    /// Whether the explanations may go: they explain the suggestions, so go only with them, and cite order and
    /// onboarding facts ("Order A-1043 was due…"), so stay behind with those.
    fn explanations_allowed(&self) -> bool {
        self.suggestions && self.order && self.onboarding
    }

    /// Whether the suggestions go with the reasons and facts that explain them.
    fn sends_explanations(&self) -> bool {
        self.explanations && self.explanations_allowed()
    }
}

/// The lines "What we'll send" can hold, one per item of context.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Line {
    Page,
    Order,
    Onboarding,
    Suggestions,
    Explanations,
    Searches,
    Articles,
    Flow,
    Incidents,
}

impl Line {
    /// Its checkbox's name, after `send-`.
    fn name(self) -> &'static str {
        match self {
            Line::Page => "page",
            Line::Order => "order",
            Line::Onboarding => "onboarding",
            Line::Suggestions => "suggestions",
            Line::Explanations => "explanations",
            Line::Searches => "searches",
            Line::Articles => "articles",
            Line::Flow => "flow",
            Line::Incidents => "incidents",
        }
    }

    /// Its checkbox in [`Consent`].
    fn flag(self, consent: &mut Consent) -> &mut bool {
        match self {
            Line::Page => &mut consent.page,
            Line::Order => &mut consent.order,
            Line::Onboarding => &mut consent.onboarding,
            Line::Suggestions => &mut consent.suggestions,
            Line::Explanations => &mut consent.explanations,
            Line::Searches => &mut consent.searches,
            Line::Articles => &mut consent.articles,
            Line::Flow => &mut consent.flow,
            Line::Incidents => &mut consent.incidents,
        }
    }

    /// Whether it can go with what the other lines hold; withheld and not to be ticked while it cannot.
    fn allowed(self, consent: &Consent) -> bool {
        self != Line::Explanations || consent.explanations_allowed()
    }

    /// Whether it goes: allowed and ticked.
    fn sends(self, mut consent: Consent) -> bool {
        self.allowed(&consent) && *self.flag(&mut consent)
    }
}

/// The contexts a ticket's context comes from.
#[derive(Clone, Copy)]
pub struct TicketSources {
    page: PageContext,
    site: Site,
    feed: StatusFeed,
    read: ArticlesRead,
    /// The searches as the form opened on them: an answer still on its way then is not sent unlisted.
    searches: StoredValue<Vec<SearchMade>>,
    /// The guided flow the user handed off from, as the form opened.
    handoff: StoredValue<Option<Handoff>>,
}

impl TicketSources {
    /// From the component's contexts.
    pub fn from_context() -> Self {
        TicketSources {
            page: expect_context(),
            site: expect_context(),
            feed: expect_context(),
            read: expect_context(),
            searches: StoredValue::new(expect_context::<SearchesMade>().settled()),
            handoff: StoredValue::new(handoff::pending()),
        }
    }

    /// Everything a ticket may carry from this page view (tracked): the form lists it as it changes, so what is
    /// listed is what is sent.
    fn sendable(&self) -> Sendable {
        Sendable {
            context: self.page.with(Clone::clone),
            suggestions: self.site.with_suggestions(|list| shown(list)),
            searches: self.searches.get_value(),
            articles: self.read.get(),
            incidents: self.feed.with(active_incidents),
            handoff: self.handoff.get_value(),
        }
    }

    /// The context sent with the ticket: the page's surface, locale and role always, every other item only
    /// with the user's consent.
    pub fn ticket_context(&self, consent: Consent) -> TicketContext {
        let Sendable {
            context,
            mut suggestions,
            searches,
            articles,
            incidents,
            handoff,
        } = untrack(|| self.sendable());
        let mut sent = TicketContext {
            surface: context.surface,
            locale: context.locale.clone(),
            role: context.role,
            ..Default::default()
        };
        if consent.page {
            sent.page_url = context.page.as_ref().and_then(|p| p.url.clone());
        }
        if consent.order
            && let Some(order) = &context.order
        {
            sent.order_id = order.id.clone();
            sent.order_status = order.status.clone();
            sent.payment_status = order.payment_status.clone();
            sent.order_amount = order.amount;
            sent.order_currency = order.currency.clone();
        }
        if consent.onboarding
            && let Some(onboarding) = &context.onboarding
        {
            sent.onboarding_step = onboarding.step.clone();
            sent.onboarding_blockers = onboarding.blockers.clone();
        }
        if consent.suggestions {
            if !consent.sends_explanations() {
                suggestions.iter_mut().for_each(|s| {
                    s.reasons.clear();
                    s.explanation.clear();
                });
            }
            sent.suggestions_shown = suggestions;
        }
        if consent.searches {
            sent.searches = searches;
        }
        if consent.articles {
            sent.articles_read = articles;
        }
        if consent.incidents {
            sent.active_incidents = incidents;
        }
        if consent.flow {
            sent.flow_path = handoff.map(|h| h.path);
        }
        sent
    }

    /// What the guided flow the user handed off from says above the form.
    pub fn handoff_note(&self) -> Option<String> {
        self.handoff
            .with_value(|h| h.as_ref().and_then(|h| h.note.clone()))
    }

    /// "What we'll send", a line per item there is (tracked).
    fn lines(&self, ui: Locale) -> Vec<(Line, String)> {
        let Sendable {
            context,
            suggestions,
            searches,
            articles,
            incidents,
            handoff,
        } = self.sendable();
        let mut lines = vec![];
        if let Some(url) = context.page.and_then(|p| p.url) {
            lines.push((Line::Page, ui.format(Msg::SendPage, &[("url", &url)])));
        }
        if let Some(id) = context.order.and_then(|o| o.id) {
            lines.push((Line::Order, ui.format(Msg::SendOrder, &[("id", &id)])));
        }
        if let Some(step) = context.onboarding.and_then(|o| o.step) {
            let step = step.replace('_', " ");
            lines.push((
                Line::Onboarding,
                ui.format(Msg::SendOnboarding, &[("step", &step)]),
            ));
        }
        if !suggestions.is_empty() {
            let titles: Vec<&str> = suggestions.iter().map(|s| s.title.as_str()).collect();
            let label = ui.format(Msg::SendSuggestions, &[("titles", &titles.join(", "))]);
            lines.push((Line::Suggestions, label));
        }
        // Suggestions often share their reasons: each fact is listed once.
        let mut facts: Vec<String> = vec![];
        for explained in suggestions.iter().flat_map(|s| &s.explanation) {
            let fact = ui.format(
                Msg::SentFact,
                &[
                    ("fact", &fact_label(ui, &explained.fact)),
                    ("detail", &explained.detail),
                ],
            );
            if !facts.contains(&fact) {
                facts.push(fact);
            }
        }
        if !facts.is_empty() {
            let label = ui.format(Msg::SendExplanations, &[("facts", &facts.join(", "))]);
            lines.push((Line::Explanations, label));
        }
        if !searches.is_empty() {
            let queries: Vec<String> = searches
                .iter()
                .map(|s| {
                    let found = if s.results == 0 {
                        Msg::SentSearchNoResults
                    } else {
                        Msg::SentSearch
                    };
                    ui.format(found, &[("query", &s.query)])
                })
                .collect();
            let label = ui.format(Msg::SendSearches, &[("queries", &queries.join(", "))]);
            lines.push((Line::Searches, label));
        }
        if !articles.is_empty() {
            let titles: Vec<String> = articles.into_iter().map(|a| a.title).collect();
            let label = ui.format(Msg::SendArticles, &[("titles", &titles.join(", "))]);
            lines.push((Line::Articles, label));
        }
        if let Some(handoff) = handoff {
            let label = ui.format(Msg::SendFlowAnswers, &[("title", &handoff.title)]);
            lines.push((Line::Flow, label));
        }
        if !incidents.is_empty() {
            let names: Vec<String> = incidents.into_iter().map(|i| i.name).collect();
            let label = ui.format(Msg::SendIncidents, &[("names", &names.join(", "))]);
            lines.push((Line::Incidents, label));
        }
        lines
    }
}

/// Everything a ticket may carry from this page view, before the user's consent.
struct Sendable {
    context: Context,
    suggestions: Vec<ShownSuggestion>,
    searches: Vec<SearchMade>,
    articles: Vec<ArticleRead>,
    incidents: Vec<ActiveIncident>,
    handoff: Option<Handoff>,
}

/// The articles among the suggestions, as a ticket carries them.
fn shown(list: &[Suggestion]) -> Vec<ShownSuggestion> {
    list.iter()
        .filter_map(|s| match &s.item {
            SuggestedItem::Article(a) => Some(ShownSuggestion {
                id: a.id.clone(),
                title: a.title.clone(),
                reasons: s.reasons.iter().map(|r| r.text.clone()).collect(),
                explanation: explanation(&s.reasons),
            }),
            SuggestedItem::Action(_) => None,
        })
        .collect()
}

/// The incidents of the feed not resolved yet.
fn active_incidents(feed: Option<&Summary>) -> Vec<ActiveIncident> {
    feed.map(|s| {
        s.incidents
            .iter()
            .filter(|i| i.is_unresolved())
            .map(|i| ActiveIncident {
                id: i.id.clone(),
                name: i.name.clone(),
                impact: i.impact.as_str().to_owned(),
            })
            .collect()
    })
    .unwrap_or_default()
}

/// The facts "Why am I seeing this?" shows under `reasons`, each once (a rule's reasons often cite the same
/// ones), as many as a ticket may carry.
fn explanation(reasons: &[Reason]) -> Vec<ExplanationFact> {
    let mut facts: Vec<ExplanationFact> = vec![];
    for used in reasons.iter().flat_map(|reason| &reason.facts) {
        let fact = ExplanationFact {
            fact: fact_name(&used.path),
            detail: used.shown.clone(),
        };
        if facts.len() < LIST_MAX_ITEMS && !facts.contains(&fact) {
            facts.push(fact);
        }
    }
    facts
}

/// "What we'll send with your request", one checkbox per item the page knows, following what it knows while
/// the form is open (a page opened straight to the form learns its suggestions after).
#[component]
pub fn ContextConsent(
    /// What the user agreed to send.
    consent: RwSignal<Consent>,
    /// The form's, so what is listed is what is sent.
    sources: TicketSources,
) -> impl IntoView {
    let language = expect_context::<Language>();
    // Drawn again only when a line's words change, so a ticked box keeps its focus meanwhile.
    let lines = Memo::new(move |_| sources.lines(language.ui()));
    move || {
        let lines = lines.get();
        (!lines.is_empty()).then(|| {
            view! {
                <fieldset class="sp-consent">
                    <legend class="sp-field__label">{t(Msg::WhatWeSend)}</legend>
                    {lines.into_iter().map(|(line, label)| view! {
                        <label class="sp-consent__item">
                            <input
                                type="checkbox"
                                name=format!("send-{}", line.name())
                                prop:checked=move || consent.with(|c| line.sends(*c))
                                prop:disabled=move || consent.with(|c| !line.allowed(c))
                                on:change=move |e| {
                                    let checked = event_target_checked(&e);
                                    consent.update(|c| *line.flag(c) = checked);
                                }
                            />
                            <span>{label}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::rules::{FactUsed, ReasonSource};
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn reason(facts: &[(&str, &str)]) -> Reason {
        Reason {
            source: ReasonSource::Rule,
            rule_id: Some("late-delivery".into()),
            text: "Order A-1043 was due 3 days ago.".into(),
            facts: facts
                .iter()
                .map(|(path, shown)| FactUsed {
                    path: (*path).into(),
                    value: (*shown).into(),
                    shown: (*shown).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_explanation_is_each_fact_as_the_user_read_it_once() {
        let reasons = [
            reason(&[("order.status", "shipped"), ("order.id", "A-1043")]),
            reason(&[("order.id", "A-1043"), ("order.promised_by", "3 days ago")]),
        ];
        let facts: Vec<(String, String)> = explanation(&reasons)
            .into_iter()
            .map(|f| (f.fact, f.detail))
            .collect();
        assert_eq!(
            facts,
            [
                ("Order status".to_owned(), "shipped".to_owned()),
                ("Order id".to_owned(), "A-1043".to_owned()),
                ("Order promised by".to_owned(), "3 days ago".to_owned()),
            ]
        );
    }

    #[test]
    fn the_explanation_holds_what_a_ticket_may_carry() {
        let paths: Vec<String> = (0..30).map(|i| format!("custom.fact_{i}")).collect();
        let facts: Vec<(&str, &str)> = paths.iter().map(|p| (p.as_str(), "yes")).collect();
        assert_eq!(explanation(&[reason(&facts)]).len(), LIST_MAX_ITEMS);
    }

    #[test]
    fn explanations_go_only_with_the_suggestions_order_and_onboarding() {
        assert!(Consent::default().sends_explanations());
        for withhold in [
            |c: &mut Consent| c.explanations = false,
            |c: &mut Consent| c.suggestions = false,
            |c: &mut Consent| c.order = false,
            |c: &mut Consent| c.onboarding = false,
        ] {
            let mut consent = Consent::default();
            withhold(&mut consent);
            assert!(!consent.sends_explanations(), "{consent:?}");
        }
        let own_choice = Consent {
            explanations: false,
            ..Consent::default()
        };
        assert!(
            own_choice.explanations_allowed(),
            "unticking the line itself leaves it free to tick again"
        );
    }
}
