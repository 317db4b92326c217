//! "Suggested for you": the help items for the user's situation, each with "Why am I seeing this?".

use crate::api::Api;
use crate::components::Chunk;
use crate::components::chunk::{self, prefetch};
use crate::host::Host;
use crate::i18n::{Language, Locale, Msg, t};
use crate::navigation::{Navigation, View};
use crate::page_context::PageContext;
use crate::site::Site;
use crate::usage::Usage;
use leptos::prelude::*;
use signpost_core::context::Context;
use signpost_core::insights::events::EventKind;
use signpost_core::rules::{
    ActionKind, FlowSuggestion, Reason, ReasonSource, SuggestedItem, Suggestion,
};
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

    // The variants of experiments on the rules' articles, asked for once the user has opened the widget, and
    // again when the page's context changes.
    let (api, page) = (expect_context::<Api>(), expect_context::<PageContext>());
    Effect::new(move || {
        if navigation.is_open() && site.varies_rules() {
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

    // The lines shown, by key: the rules' suggestions in their order, then the flows offered beside them. A
    // memo, so new reasons for the same lines (the engine's after the desk's) are not reported as shown again.
    let shown = Memo::new(move |_| {
        let mut shown: Vec<String> =
            site.with_suggestions(|list| list.iter().map(shown_key).collect());
        site.with_flows(|flows| shown.extend(flows.iter().map(flow_key)));
        shown
    });
    Effect::new(move || {
        if navigation.is_open() {
            let shown = shown.get();
            if !shown.is_empty() {
                for key in &shown {
                    usage.record(EventKind::SuggestionShown, Some(key));
                }
                host.emit("suggestion:shown", &serde_json::json!({ "items": shown }));
            }
        }
    });

    // Keyed, so a line that stays (as when the rules engine takes over from the desk's first answer) keeps its
    // place, its focus and its open explanation.
    let lines = move || {
        // Guided flows first: a rule offers one where a few questions settle the user's case.
        let mut lines: Vec<Listed> = site.with_flows(|flows| flows.iter().map(flow_item).collect());
        site.with_suggestions(|list| lines.extend(list.iter().map(suggestion_item)));
        lines
    };
    let empty =
        Memo::new(move |_| site.with_flows(Vec::is_empty) && site.with_suggestions(Vec::is_empty));
    move || {
        if empty.get() {
            return view! { <p class="sp-section__empty">{t(Msg::SuggestionsEmpty)}</p> }
                .into_any();
        }
        view! {
            <ul class="sp-suggestions">
                <For
                    each=lines
                    key=|line| (line.key.clone(), line.title.clone(), line.detail.clone())
                    let(line)
                >
                    <SuggestionItem line expanded/>
                </For>
            </ul>
        }
        .into_any()
    }
}

/// One line of the list, whatever it offers.
struct Listed {
    /// Its stable key, as usage events name it.
    key: String,
    title: String,
    /// A line under the title; empty for none.
    detail: String,
    /// What following it does.
    target: Target,
}

/// What following a line does.
enum Target {
    Article(String),
    Action {
        kind: ActionKind,
        step: Option<String>,
        topic: Option<String>,
    },
    Flow(String),
}

fn flow_key(flow: &FlowSuggestion) -> String {
    format!("flow:{}", flow.flow.id)
}

fn flow_item(flow: &FlowSuggestion) -> Listed {
    Listed {
        key: flow_key(flow),
        title: flow.flow.title.clone(),
        detail: String::new(),
        target: Target::Flow(flow.flow.id.clone()),
    }
}

fn suggestion_item(suggestion: &Suggestion) -> Listed {
    let (title, detail, target) = match &suggestion.item {
        SuggestedItem::Article(article) => (
            article.title.clone(),
            article.summary.clone(),
            Target::Article(article.id.clone()),
        ),
        SuggestedItem::Action(action) => (
            action.label.clone(),
            String::new(),
            Target::Action {
                kind: action.kind,
                step: action.step.clone(),
                topic: action.topic.clone(),
            },
        ),
    };
    Listed {
        key: shown_key(suggestion),
        title,
        detail,
        target,
    }
}

/// The reasons of the line with this key now (tracked): the rules engine's replace the desk's when it arrives.
fn reasons_now(site: Site, key: &str) -> Vec<Reason> {
    let flow = site.with_flows(|flows| {
        let flow = flows.iter().find(|flow| flow_key(flow) == key)?;
        Some(flow.reasons.clone())
    });
    flow.or_else(|| {
        site.with_suggestions(|list| {
            let suggestion = list.iter().find(|s| shown_key(s) == key)?;
            Some(suggestion.reasons.clone())
        })
    })
    .unwrap_or_default()
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

/// One line of the list and its explanation.
#[component]
fn SuggestionItem(
    line: Listed,
    /// Open explanations, by item key.
    expanded: RwSignal<HashSet<String>>,
) -> impl IntoView {
    let (navigation, host, usage, site) = (
        expect_context::<Navigation>(),
        expect_context::<Host>(),
        expect_context::<Usage>(),
        expect_context::<Site>(),
    );
    let Listed {
        key,
        title,
        detail,
        target,
    } = line;
    let followed = key.clone();
    let is_open = {
        let key = key.clone();
        Signal::derive(move || expanded.with(|open| open.contains(&key)))
    };
    // An id from the key: `contact:order-not-arrived` → `sp-why-contact-order-not-arrived`.
    let explanation_id: String = "sp-why-"
        .chars()
        .chain(
            key.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }),
        )
        .collect();
    let reasons = {
        let key = key.clone();
        move || reasons_now(site, &key)
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
    let flow = matches!(target, Target::Flow(_));
    let on_click = move || match &target {
        Target::Article(id) => {
            host.emit(
                "suggestion:clicked",
                &serde_json::json!({ "article": id, "source": "suggestion" }),
            );
            navigation.go(View::Article(id.clone()));
        }
        Target::Flow(id) => {
            host.emit(
                "suggestion:clicked",
                &serde_json::json!({ "flow": id, "source": "suggestion" }),
            );
            navigation.go(View::Flow(id.clone()));
        }
        // The host page owns its onboarding flow: it listens for this and navigates.
        Target::Action {
            kind: ActionKind::OnboardingStep,
            step,
            ..
        } => host.emit(
            "suggestion:clicked",
            &serde_json::json!({ "action": "onboarding_step", "step": step }),
        ),
        Target::Action {
            kind: ActionKind::Contact,
            topic,
            ..
        } => navigation.go(View::Contact {
            topic: topic.clone(),
        }),
        Target::Action {
            kind: ActionKind::Status,
            ..
        } => navigation.go(View::Status),
    };
    view! {
        // Marked apart: the articles and actions are what `POST /v1/suggestions` answers; flows are offered beside.
        <li class=if flow { "sp-suggestion sp-suggestion--flow" } else { "sp-suggestion" }>
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
                {flow.then(|| view! { <span class="sp-suggestion__summary">{t(Msg::FlowBlurb)}</span> })}
            </button>
            <button
                type="button"
                class="sp-why"
                aria-expanded=move || is_open.get().to_string()
                aria-controls=explanation_id.clone()
                on:click=toggle
                on:pointerenter=|_| prefetch(chunk::explanation)
                on:focus=|_| prefetch(chunk::explanation)
            >
                {t(Msg::WhyAmISeeingThis)}
            </button>
            <div id=explanation_id class="sp-explanation" hidden=move || !is_open.get()>
                // Once the rules engine can word them in the user's language (see `Site::explains`).
                {move || (is_open.get() && site.explains()).then(|| {
                    let reasons = reasons.clone();
                    view! { <Chunk load=chunk::explanation show=move |explain| explain(reasons()) inline=true/> }
                })}
            </div>
        </li>
    }
}

/// A suggestion's reasons (in chunk `why`), reporting the variant of a rule's reason among them as shown.
pub(crate) fn explain(reasons: Vec<Reason>) -> AnyView {
    let (site, usage) = (expect_context::<Site>(), expect_context::<Usage>());
    for (experiment, variant) in site.reason_exposures(&reasons) {
        usage.exposed(&experiment, variant);
    }
    reasons
        .into_iter()
        .map(|reason| view! { <Explanation reason/> })
        .collect_view()
        .into_any()
}

/// One reason: its sentence, the facts behind it, and where it came from (in chunk `why` with the nudge's).
#[component]
pub(crate) fn Explanation(reason: Reason) -> impl IntoView {
    let language = expect_context::<Language>();
    let origin = move || {
        let ui = language.ui();
        match (reason.source, &reason.rule_id) {
            (ReasonSource::Rule, Some(rule)) => ui.format(Msg::OriginRule, &[("rule", rule)]),
            (ReasonSource::Fallback, _) => ui.text(Msg::OriginFallback).to_owned(),
            (ReasonSource::Search, _) => ui.text(Msg::OriginSearch).to_owned(),
            (ReasonSource::Incident, _) => ui.text(Msg::OriginIncident).to_owned(),
            (ReasonSource::Pushed, _) => ui.text(Msg::OriginPushed).to_owned(),
            (ReasonSource::Rule, None) => ui.text(Msg::OriginRuleUnnamed).to_owned(),
        }
    };
    view! {
        <div class="sp-explanation__reason">
            {(!reason.text.is_empty()).then(|| view! { <p class="sp-explanation__text">{reason.text}</p> })}
            {(!reason.facts.is_empty()).then(|| view! {
                <dl class="sp-facts">
                    {reason.facts.into_iter().map(|fact| {
                        let name = fact_name(&fact.path);
                        view! {
                            <div class="sp-facts__row">
                                <dt>{move || fact_label(language.ui(), &name)}</dt>
                                <dd>{fact.shown}</dd>
                            </div>
                        }
                    }).collect_view()}
                </dl>
            })}
            <p class="sp-explanation__origin">{origin}</p>
        </div>
    }
}

/// A fact's name as a request carries it to the support team, whose console words it in the agent's language:
/// "order.promised_by" → "Order promised by".
pub fn fact_name(path: &str) -> String {
    let words = path.replace(['.', '_'], " ");
    let (first, rest) = words.split_at(words.chars().next().map_or(0, char::len_utf8));
    // The browser's case tables, not Rust's: those weighed 4.6 KB in each chunk that names facts.
    String::from(js_sys::JsString::from(first).to_upper_case()) + rest
}

/// The facts the rules may cite that have words in every language, by path.
const FACT_LABELS: [(&str, Msg); 18] = [
    ("surface", Msg::FactSurface),
    ("locale", Msg::FactLocale),
    ("role", Msg::FactRole),
    ("page.url", Msg::FactPageUrl),
    ("page.title", Msg::FactPageTitle),
    ("order.id", Msg::FactOrderId),
    ("order.status", Msg::FactOrderStatus),
    ("order.placed_at", Msg::FactOrderPlacedAt),
    ("order.promised_by", Msg::FactOrderPromisedBy),
    ("order.shipped_at", Msg::FactOrderShippedAt),
    ("order.delivered_at", Msg::FactOrderDeliveredAt),
    ("order.payment_status", Msg::FactOrderPaymentStatus),
    ("order.amount", Msg::FactOrderAmount),
    ("order.currency", Msg::FactOrderCurrency),
    ("onboarding.step", Msg::FactOnboardingStep),
    ("onboarding.completed", Msg::FactOnboardingCompleted),
    ("onboarding.blockers", Msg::FactOnboardingBlockers),
    ("incidents.active", Msg::FactIncidentsActive),
];

/// How the user reads the fact named `name` (a [`fact_name`]) in `ui`'s language; a fact of the site's own
/// (`custom.…`) keeps its name.
pub fn fact_label(ui: Locale, name: &str) -> String {
    // The known paths are ASCII: their words match the name but for its capital, as the console matches them,
    // without asking the browser to capitalise each of them at every label.
    let known = FACT_LABELS
        .iter()
        .find(|(path, _)| path.replace(['.', '_'], " ").eq_ignore_ascii_case(name));
    match known {
        Some(&(_, msg)) => ui.text(msg).to_owned(),
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_core::rules::KNOWN_FACTS;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_fact_a_rule_can_cite_reads_in_every_language() {
        let english = Locale::default();
        // `order` and the like are cited by their fields.
        let leaves = KNOWN_FACTS.iter().filter(|path| {
            !KNOWN_FACTS
                .iter()
                .any(|other| other.starts_with(&format!("{path}.")))
        });
        for path in leaves {
            assert!(
                FACT_LABELS.iter().any(|(known, _)| known == path),
                "{path} has no words in locales/"
            );
            let name = fact_name(path);
            for ui in Locale::all().filter(|&ui| ui != english) {
                assert_ne!(fact_label(ui, &name), name, "{}: {path}", ui.tag());
            }
        }
        // English names the facts in plain words, as the console does, not as a request carries them.
        assert_eq!(
            fact_label(english, "Order promised by"),
            "Delivery promised by"
        );
        let spanish = Locale::find("es").unwrap();
        assert_eq!(fact_label(spanish, "Order status"), "Estado del pedido");
        assert_eq!(
            fact_label(spanish, "Custom loyalty tier"),
            "Custom loyalty tier"
        );
    }
}
