//! "What we'll send with your request": one checkbox per item of context the page gave, and the ticket context
//! built from the items the user left checked.

use crate::i18n::{Language, Msg, t};
use crate::page_context::PageContext;
use crate::reading::ArticlesRead;
use crate::site::Site;
use crate::status_feed::StatusFeed;
use leptos::prelude::*;
use signpost_core::rules::SuggestedItem;
use signpost_core::tickets::{ActiveIncident, ShownSuggestion, TicketContext};

/// Which context items the user agreed to send.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Consent {
    page: bool,
    order: bool,
    onboarding: bool,
    suggestions: bool,
    articles: bool,
    incidents: bool,
}

impl Default for Consent {
    fn default() -> Self {
        Consent {
            page: true,
            order: true,
            onboarding: true,
            suggestions: true,
            articles: true,
            incidents: true,
        }
    }
}

/// Picks one item's checkbox out of [`Consent`].
type ConsentFlag = fn(&mut Consent) -> &mut bool;

/// The contexts a ticket's context comes from.
#[derive(Clone, Copy)]
pub struct TicketSources {
    page: PageContext,
    site: Site,
    feed: StatusFeed,
    read: ArticlesRead,
}

impl TicketSources {
    /// From the component's contexts.
    pub fn from_context() -> Self {
        TicketSources {
            page: expect_context(),
            site: expect_context(),
            feed: expect_context(),
            read: expect_context(),
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
            // Reasons cite order and onboarding facts: without consent to those, send the titles alone.
            if !(consent.order && consent.onboarding) {
                sent.suggestions_shown
                    .iter_mut()
                    .for_each(|s| s.reasons.clear());
            }
        }
        if consent.articles {
            sent.articles_read = self.read.get_untracked();
        }
        if consent.incidents {
            sent.active_incidents = self.active_incidents();
        }
        sent
    }

    fn shown_suggestions(&self) -> Vec<ShownSuggestion> {
        self.site.with_suggestions_untracked(|list| {
            list.iter()
                .filter_map(|s| match &s.item {
                    SuggestedItem::Article(a) => Some(ShownSuggestion {
                        id: a.id.clone(),
                        title: a.title.clone(),
                        reasons: s.reasons.iter().map(|r| r.text.clone()).collect(),
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

/// "What we'll send with your request", one checkbox per item the page knows.
#[component]
pub fn ContextConsent(consent: RwSignal<Consent>) -> impl IntoView {
    let sources = TicketSources::from_context();
    let ctx = sources.page.with_untracked(Clone::clone);
    let ui = expect_context::<Language>().ui_untracked();
    let mut items: Vec<(&'static str, String, ConsentFlag)> = vec![];
    if let Some(url) = ctx.page.as_ref().and_then(|p| p.url.clone()) {
        items.push(("page", ui.format(Msg::SendPage, &[("url", &url)]), |c| {
            &mut c.page
        }));
    }
    if let Some(id) = ctx.order.as_ref().and_then(|o| o.id.clone()) {
        items.push(("order", ui.format(Msg::SendOrder, &[("id", &id)]), |c| {
            &mut c.order
        }));
    }
    if let Some(step) = ctx.onboarding.as_ref().and_then(|o| o.step.clone()) {
        items.push((
            "onboarding",
            ui.format(Msg::SendOnboarding, &[("step", &step.replace('_', " "))]),
            |c| &mut c.onboarding,
        ));
    }
    let shown = sources.shown_suggestions();
    if !shown.is_empty() {
        let titles: Vec<String> = shown.into_iter().map(|s| s.title).collect();
        items.push((
            "suggestions",
            ui.format(Msg::SendSuggestions, &[("titles", &titles.join(", "))]),
            |c| &mut c.suggestions,
        ));
    }
    let read = sources.read.get_untracked();
    if !read.is_empty() {
        let titles: Vec<String> = read.into_iter().map(|a| a.title).collect();
        items.push((
            "articles",
            ui.format(Msg::SendArticles, &[("titles", &titles.join(", "))]),
            |c| &mut c.articles,
        ));
    }
    let incidents = sources.active_incidents();
    if !incidents.is_empty() {
        let names: Vec<String> = incidents.into_iter().map(|i| i.name).collect();
        items.push((
            "incidents",
            ui.format(Msg::SendIncidents, &[("names", &names.join(", "))]),
            |c| &mut c.incidents,
        ));
    }
    (!items.is_empty()).then(|| {
        view! {
            <fieldset class="sp-consent">
                <legend class="sp-field__label">{t(Msg::WhatWeSend)}</legend>
                {items.into_iter().map(|(name, label, flag)| view! {
                    <label class="sp-consent__item">
                        <input
                            type="checkbox"
                            name=format!("send-{name}")
                            prop:checked=move || consent.with(|c| { let mut c = *c; *flag(&mut c) })
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
