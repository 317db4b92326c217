//! "Suggested for you": the help items for the user's situation, each with "Why am I seeing this?".

use crate::api::Api;
use crate::host::Host;
use crate::i18n::{Language, Msg, t};
use crate::navigation::{Navigation, View};
use crate::page_context::PageContext;
use crate::site::Site;
use crate::usage::Usage;
use leptos::prelude::*;
use signpost_core::context::Context;
use signpost_core::insights::events::EventKind;
use signpost_core::rules::{ActionKind, FactUsed, Reason, ReasonSource, SuggestedItem, Suggestion};
use std::collections::HashSet;

/// The suggestions list. Rebuilt whenever the context changes, so explanations always match the facts.
#[component]
pub fn SuggestionList() -> impl IntoView {
    let (navigation, site, host, usage) = (
        expect_context::<Navigation>(),
        expect_context::<Site>(),
        expect_context::<Host>(),
        expect_context::<Usage>(),
    );
    // Which explanations are open, by item key: kept across context changes.
    let expanded = RwSignal::new(HashSet::<String>::new());

    // The experiments' variants, asked for once the user has opened the widget, and again when the page's
    // context changes.
    let (api, page) = (expect_context::<Api>(), expect_context::<PageContext>());
    Effect::new(move || {
        if navigation.is_open() {
            let context = page.with(Context::clone);
            site.assign_variants(api.clone(), || usage.experiment_unit(), context);
        }
    });
    Effect::new(move || {
        if navigation.is_open() {
            for (experiment, variant) in site.exposures() {
                usage.exposed(&experiment, variant);
            }
        }
    });

    Effect::new(move || {
        if navigation.is_open() {
            let shown: Vec<String> =
                site.with_suggestions(|list| list.iter().map(shown_key).collect());
            if !shown.is_empty() {
                for key in &shown {
                    usage.record(EventKind::SuggestionShown, Some(key));
                }
                host.emit("suggestion:shown", &serde_json::json!({ "items": shown }));
            }
        }
    });

    move || {
        let items: Vec<Suggestion> = site.with_suggestions(Vec::clone);
        if items.is_empty() {
            return view! { <p class="sp-section__empty">{t(Msg::SuggestionsEmpty)}</p> }
                .into_any();
        }
        view! {
            <ul class="sp-suggestions">
                {items
                    .into_iter()
                    .enumerate()
                    .map(|(index, suggestion)| view! { <SuggestionItem index suggestion expanded/> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// A stable key for an item.
fn shown_key(suggestion: &Suggestion) -> String {
    match &suggestion.item {
        SuggestedItem::Article(article) => format!("article:{}", article.id),
        SuggestedItem::Action(action) => match action.kind {
            ActionKind::OnboardingStep => {
                format!("step:{}", action.step.as_deref().unwrap_or_default())
            }
            ActionKind::Contact => {
                format!("contact:{}", action.topic.as_deref().unwrap_or_default())
            }
            ActionKind::Status => "status".to_owned(),
        },
    }
}

/// One suggestion and its explanation.
#[component]
fn SuggestionItem(
    /// Position in the list, for element ids.
    index: usize,
    suggestion: Suggestion,
    /// Open explanations, by item key.
    expanded: RwSignal<HashSet<String>>,
) -> impl IntoView {
    let (navigation, host, usage) = (
        expect_context::<Navigation>(),
        expect_context::<Host>(),
        expect_context::<Usage>(),
    );
    let key = shown_key(&suggestion);
    let followed = key.clone();
    let is_open = {
        let key = key.clone();
        Signal::derive(move || expanded.with(|open| open.contains(&key)))
    };
    let toggle = move |_| {
        let key = key.clone();
        expanded.update(|open| {
            if !open.remove(&key) {
                usage.record(EventKind::ExplanationOpened, Some(&key));
                open.insert(key);
            }
        })
    };
    let explanation_id = format!("sp-why-{index}");
    let (title, detail, on_click): (String, String, Box<dyn Fn()>) = match &suggestion.item {
        SuggestedItem::Article(article) => {
            let id = article.id.clone();
            (
                article.title.clone(),
                article.summary.clone(),
                Box::new(move || {
                    host.emit(
                        "suggestion:clicked",
                        &serde_json::json!({ "article": id, "source": "suggestion" }),
                    );
                    navigation.go(View::Article(id.clone()));
                }),
            )
        }
        SuggestedItem::Action(action) => {
            let (kind, step, topic) = (action.kind, action.step.clone(), action.topic.clone());
            (
                action.label.clone(),
                String::new(),
                Box::new(move || match kind {
                    // The host page owns its onboarding flow: it listens for this and navigates.
                    ActionKind::OnboardingStep => host.emit(
                        "suggestion:clicked",
                        &serde_json::json!({ "action": "onboarding_step", "step": step }),
                    ),
                    ActionKind::Contact => navigation.go(View::Contact {
                        topic: topic.clone(),
                    }),
                    ActionKind::Status => navigation.go(View::Status),
                }),
            )
        }
    };
    view! {
        <li class="sp-suggestion">
            <button
                type="button"
                class="sp-suggestion__open"
                on:click=move |_| {
                    usage.record(EventKind::SuggestionFollowed, Some(&followed));
                    on_click()
                }
            >
                // dir=auto: an English article in an Arabic panel keeps its punctuation where it belongs.
                <span class="sp-suggestion__title" dir="auto">{title}</span>
                {(!detail.is_empty()).then(|| view! { <span class="sp-suggestion__summary" dir="auto">{detail}</span> })}
            </button>
            <button
                type="button"
                class="sp-why"
                aria-expanded=move || is_open.get().to_string()
                aria-controls=explanation_id.clone()
                on:click=toggle
            >
                {t(Msg::WhyAmISeeingThis)}
            </button>
            <div id=explanation_id class="sp-explanation" hidden=move || !is_open.get()>
                {suggestion.reasons.into_iter().map(|reason| view! { <Explanation reason/> }).collect_view()}
            </div>
        </li>
    }
}

/// One reason: its sentence, the facts behind it, and where it came from.
#[component]
fn Explanation(reason: Reason) -> impl IntoView {
    let language = expect_context::<Language>();
    let origin = move || {
        let ui = language.ui();
        match (reason.source, &reason.rule_id) {
            (ReasonSource::Rule, Some(rule)) => ui.format(Msg::OriginRule, &[("rule", rule)]),
            (ReasonSource::Fallback, _) => ui.text(Msg::OriginFallback).to_owned(),
            (ReasonSource::Search, _) => ui.text(Msg::OriginSearch).to_owned(),
            (ReasonSource::Incident, _) => ui.text(Msg::OriginIncident).to_owned(),
            (ReasonSource::Rule, None) => ui.text(Msg::OriginRuleUnnamed).to_owned(),
        }
    };
    view! {
        <div class="sp-explanation__reason">
            <p class="sp-explanation__text">{reason.text}</p>
            {(!reason.facts.is_empty()).then(|| view! {
                <dl class="sp-facts">
                    {reason.facts.into_iter().map(|fact| view! {
                        <div class="sp-facts__row">
                            <dt>{fact_label(&fact)}</dt>
                            <dd>{fact.shown}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            })}
            <p class="sp-explanation__origin">{origin}</p>
        </div>
    }
}

/// How "Why am I seeing this?" names a fact (and the contact form, which sends what it showed):
/// "order.promised_by" → "Order promised by".
pub fn fact_label(fact: &FactUsed) -> String {
    let words = fact.path.replace(['.', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
