//! "What we'll send with your request": one checkbox per item of context (what the page said, and what the user
//! saw and searched for here), and the ticket context built from the items the user left checked.

use crate::components::fact_label;
use crate::handoff::{self, Handoff};
use crate::i18n::{Language, Msg, t};
use crate::page_context::PageContext;
use crate::reading::ArticlesRead;
use crate::searches::SearchesMade;
use crate::site::Site;
use crate::status_feed::StatusFeed;
use leptos::prelude::*;
use signpost_core::rules::{Reason, SuggestedItem};
use signpost_core::tickets::{
    ActiveIncident, ExplanationFact, LIST_MAX_ITEMS, SearchMade, ShownSuggestion, TicketContext,
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

/// Picks one item's checkbox out of [`Consent`].
type ConsentFlag = fn(&mut Consent) -> &mut bool;

/// One line of "What we'll send": its checkbox's name, what it says, and its flag in [`Consent`].
struct ConsentLine {
    name: &'static str,
    label: String,
    flag: ConsentFlag,
    /// Whether it can go with what the other lines hold; withheld and not to be ticked while it cannot.
    allowed: fn(&Consent) -> bool,
}

impl ConsentLine {
    /// A line the user decides on alone.
    fn new(name: &'static str, label: String, flag: ConsentFlag) -> Self {
        ConsentLine {
            name,
            label,
            flag,
            allowed: |_| true,
        }
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

    /// The context sent with the ticket: the page's surface, locale and role always, every other item only
    /// with the user's consent.
    pub fn ticket_context(&self, consent: Consent) -> TicketContext {
        let ctx = self.page.with_untracked(Clone::clone);
        let mut sent = TicketContext {
            surface: ctx.surface,
            locale: ctx.locale.clone(),
            role: ctx.role,
            ..Default::default()
        };
        if consent.page {
            sent.page_url = ctx.page.as_ref().and_then(|p| p.url.clone());
        }
        if consent.order
            && let Some(order) = &ctx.order
        {
            sent.order_id = order.id.clone();
            sent.order_status = order.status.clone();
            sent.payment_status = order.payment_status.clone();
            sent.order_amount = order.amount;
            sent.order_currency = order.currency.clone();
        }
        if consent.onboarding
            && let Some(onboarding) = &ctx.onboarding
        {
            sent.onboarding_step = onboarding.step.clone();
            sent.onboarding_blockers = onboarding.blockers.clone();
        }
        if consent.suggestions {
            sent.suggestions_shown = self.shown_suggestions();
            if !consent.sends_explanations() {
                sent.suggestions_shown.iter_mut().for_each(|s| {
                    s.reasons.clear();
                    s.explanation.clear();
                });
            }
        }
        if consent.searches {
            sent.searches = self.searches.get_value();
        }
        if consent.articles {
            sent.articles_read = self.read.get_untracked();
        }
        if consent.incidents {
            sent.active_incidents = self.active_incidents();
        }
        if consent.flow {
            sent.flow_path = self
                .handoff
                .with_value(|h| h.as_ref().map(|h| h.path.clone()));
        }
        sent
    }

    /// What the guided flow the user handed off from says above the form.
    pub fn handoff_note(&self) -> Option<String> {
        self.handoff
            .with_value(|h| h.as_ref().and_then(|h| h.note.clone()))
    }

    fn shown_suggestions(&self) -> Vec<ShownSuggestion> {
        self.site.with_suggestions_untracked(|list| {
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
        })
    }

    fn active_incidents(&self) -> Vec<ActiveIncident> {
        self.feed.with_untracked(|s| {
            s.map(|s| {
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
        })
    }
}

/// The facts "Why am I seeing this?" shows under `reasons`, each once (a rule's reasons often cite the same
/// ones), as many as a ticket may carry.
fn explanation(reasons: &[Reason]) -> Vec<ExplanationFact> {
    let mut facts: Vec<ExplanationFact> = vec![];
    for used in reasons.iter().flat_map(|reason| &reason.facts) {
        let fact = ExplanationFact {
            fact: fact_label(used),
            detail: used.shown.clone(),
        };
        if facts.len() < LIST_MAX_ITEMS && !facts.contains(&fact) {
            facts.push(fact);
        }
    }
    facts
}

/// "What we'll send with your request", one checkbox per item the page knows.
#[component]
pub fn ContextConsent(
    /// What the user agreed to send.
    consent: RwSignal<Consent>,
    /// The form's, so what is listed is what is sent.
    sources: TicketSources,
) -> impl IntoView {
    let ctx = sources.page.with_untracked(Clone::clone);
    let ui = expect_context::<Language>().ui_untracked();
    let mut lines: Vec<ConsentLine> = vec![];
    if let Some(url) = ctx.page.as_ref().and_then(|p| p.url.clone()) {
        let label = ui.format(Msg::SendPage, &[("url", &url)]);
        lines.push(ConsentLine::new("page", label, |c| &mut c.page));
    }
    if let Some(id) = ctx.order.as_ref().and_then(|o| o.id.clone()) {
        let label = ui.format(Msg::SendOrder, &[("id", &id)]);
        lines.push(ConsentLine::new("order", label, |c| &mut c.order));
    }
    if let Some(step) = ctx.onboarding.as_ref().and_then(|o| o.step.clone()) {
        let label = ui.format(Msg::SendOnboarding, &[("step", &step.replace('_', " "))]);
        lines.push(ConsentLine::new("onboarding", label, |c| &mut c.onboarding));
    }
    let shown = sources.shown_suggestions();
    if !shown.is_empty() {
        let titles: Vec<&str> = shown.iter().map(|s| s.title.as_str()).collect();
        let label = ui.format(Msg::SendSuggestions, &[("titles", &titles.join(", "))]);
        lines.push(ConsentLine::new("suggestions", label, |c| {
            &mut c.suggestions
        }));
    }
    // Suggestions often share their reasons: each fact is listed once.
    let mut facts: Vec<String> = vec![];
    for explained in shown.iter().flat_map(|s| &s.explanation) {
        let fact = ui.format(
            Msg::SentFact,
            &[("fact", &explained.fact), ("detail", &explained.detail)],
        );
        if !facts.contains(&fact) {
            facts.push(fact);
        }
    }
    if !facts.is_empty() {
        let label = ui.format(Msg::SendExplanations, &[("facts", &facts.join(", "))]);
        lines.push(ConsentLine {
            allowed: Consent::explanations_allowed,
            ..ConsentLine::new("explanations", label, |c| &mut c.explanations)
        });
    }
    let searches = sources.searches.get_value();
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
        lines.push(ConsentLine::new("searches", label, |c| &mut c.searches));
    }
    let read = sources.read.get_untracked();
    if !read.is_empty() {
        let titles: Vec<String> = read.into_iter().map(|a| a.title).collect();
        let label = ui.format(Msg::SendArticles, &[("titles", &titles.join(", "))]);
        lines.push(ConsentLine::new("articles", label, |c| &mut c.articles));
    }
    if let Some(title) = sources
        .handoff
        .with_value(|h| h.as_ref().map(|h| h.title.clone()))
    {
        let label = ui.format(Msg::SendFlowAnswers, &[("title", &title)]);
        lines.push(ConsentLine::new("flow", label, |c| &mut c.flow));
    }
    let incidents = sources.active_incidents();
    if !incidents.is_empty() {
        let names: Vec<String> = incidents.into_iter().map(|i| i.name).collect();
        let label = ui.format(Msg::SendIncidents, &[("names", &names.join(", "))]);
        lines.push(ConsentLine::new("incidents", label, |c| &mut c.incidents));
    }
    (!lines.is_empty()).then(|| {
        view! {
            <fieldset class="sp-consent">
                <legend class="sp-field__label">{t(Msg::WhatWeSend)}</legend>
                {lines.into_iter().map(|ConsentLine { name, label, flag, allowed }| view! {
                    <label class="sp-consent__item">
                        <input
                            type="checkbox"
                            name=format!("send-{name}")
                            prop:checked=move || consent.with(|c| { let mut c = *c; allowed(&c) && *flag(&mut c) })
                            prop:disabled=move || consent.with(|c| !allowed(c))
                            on:change=move |e| {
                                let checked = event_target_checked(&e);
                                consent.update(|c| *flag(c) = checked);
                            }
                        />
                        <span>{label}</span>
                    </label>
                }).collect_view()}
            </fieldset>
        }
    })
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
