//! "What the user saw": the context the widget sent with the ticket (page, language, identity, order,
//! onboarding, the guided flow they went through (see [`flow`]), suggestions with what their "Why am I seeing
//! this?" said, searches, articles, incident banners), why triage routed it (in sentences, see [`triage`]), and
//! the user's earlier tickets. A part the user withheld is simply absent. Everything is text.

mod flow;
pub(super) mod triage;

use super::inbox::{status_label, surface_label};
use super::ticket::TicketState;
use crate::components::glyph;
use crate::i18n::{K, Lang, tr, use_lang};
use crate::intl;
use crate::model::{AgentView, Explanation};
use crate::route::Route;
use leptos::prelude::*;
use serde_json::Value;
use signpost_core::tickets::TriageReason;

/// The panel beside the thread.
#[component]
pub fn SeenPanel() -> impl IntoView {
    let state = expect_context::<TicketState>();
    // Re-rendered only when the ticket's view changes, not on every refetch.
    let view = Memo::new(move |_| state.view.get());
    view! {
        <section class="sp-seen" aria-labelledby="seen-title" data-testid="seen">
            <h2 id="seen-title">{tr(K::SeenTitle)}</h2>
            {move || view.get().map(|ticket| {
                let lang = use_lang();
                seen(lang, ticket)
            })}
        </section>
    }
}

/// A titled part of the panel.
fn part(lang: Lang, testid: &'static str, title: K, body: impl IntoView) -> impl IntoView {
    view! {
        <section class="sp-seen__part" data-testid=testid>
            <h3>{lang.t(title)}</h3>
            {body}
        </section>
    }
}

/// A term and its value, when there is a value.
fn fact(lang: Lang, term: K, value: Option<String>) -> Option<impl IntoView> {
    value.map(|value| view! { <div><dt>{lang.t(term)}</dt><dd>{value}</dd></div> })
}

fn seen(lang: Lang, ticket: AgentView) -> impl IntoView {
    let context = ticket.context;
    let page = (context.surface.is_some() || context.page_url.is_some()).then(|| {
        let surface = context.surface.as_deref().map(|surface| {
            surface_label(surface).map_or_else(|| surface.to_owned(), |key| lang.t(key).to_owned())
        });
        let url = context.page_url.clone().map(|url| {
            // Only web addresses become links; anything else (a `javascript:` URL) stays text.
            if url.starts_with("https://") || url.starts_with("http://") {
                let href = url.clone();
                view! {
                    <a href=href rel="noopener noreferrer" target="_blank" class="sp-seen__url">{url}</a>
                }
                .into_any()
            } else {
                view! { <span class="sp-seen__url">{url}</span> }.into_any()
            }
        });
        part(lang, "seen-page", K::SeenPage, view! { <p>{surface}</p><p>{url}</p> })
    });
    let language = context.locale.clone().map(|locale| {
        part(
            lang,
            "seen-language",
            K::SeenLanguage,
            view! { <p>{locale}</p> },
        )
    });
    let role = context
        .role
        .as_deref()
        .or(ticket.identity.as_ref().and_then(|i| i.role.as_deref()))
        .map(|role| match role {
            "buyer" => lang.t(K::Buyer).to_owned(),
            "seller" => lang.t(K::Seller).to_owned(),
            other => other.to_owned(),
        });
    let identity = match ticket.identity.filter(|identity| identity.verified) {
        Some(identity) => view! {
            <p class="sp-seen__verified">{glyph("✓ ")}{lang.t(K::Verified)}</p>
            <dl class="sp-facts">
                {fact(lang, K::SeenIdentity, Some(identity.user_id))}
                {fact(lang, K::Email, identity.email)}
                {fact(lang, K::Customer, identity.name)}
                {fact(lang, K::Role, role)}
            </dl>
        }
        .into_any(),
        None => view! {
            <p>{lang.t(K::NotVerified)}</p>
            <dl class="sp-facts">
                {fact(lang, K::Email, ticket.email)}
                {fact(lang, K::Role, role)}
            </dl>
        }
        .into_any(),
    };
    let identity = part(lang, "seen-identity", K::SeenIdentity, identity);
    let has_order = context.order_id.is_some()
        || context.order_status.is_some()
        || context.payment_status.is_some()
        || context.order_amount.is_some();
    let order = has_order.then(|| {
        let amount = context
            .order_amount
            .map(|amount| intl::money(lang, amount, context.order_currency.as_deref()));
        part(
            lang,
            "seen-order",
            K::SeenOrder,
            view! {
                <dl class="sp-facts">
                    {fact(lang, K::OrderId, context.order_id)}
                    {fact(lang, K::OrderStatus, context.order_status)}
                    {fact(lang, K::PaymentStatus, context.payment_status)}
                    {fact(lang, K::Amount, amount)}
                </dl>
            },
        )
    });
    let onboarding = (context.onboarding_step.is_some() || !context.onboarding_blockers.is_empty()).then(|| {
        let blockers = (!context.onboarding_blockers.is_empty()).then(|| view! {
            <div>
                <dt>{lang.t(K::Blockers)}</dt>
                <dd><ul>{context.onboarding_blockers.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul></dd>
            </div>
        });
        part(lang, "seen-onboarding", K::SeenOnboarding, view! {
            <dl class="sp-facts">{fact(lang, K::Step, context.onboarding_step)}{blockers}</dl>
        })
    });
    let flow = context
        .flow_path
        .map(|path| flow::flow_part(lang, path, context.locale.clone(), &context.articles_read));
    let suggestions = (!context.suggestions_shown.is_empty()).then(|| {
        part(
            lang,
            "seen-suggestions",
            K::SeenSuggestions,
            view! {
                <ul class="sp-seen__list">
                    {context.suggestions_shown.into_iter().map(|suggestion| {
                        let why = why_shown(lang, suggestion.reasons, suggestion.explanation);
                        view! {
                            <li data-testid="suggestion">
                                <p class="sp-seen__title"><bdi>{suggestion.title}</bdi></p>
                                {why}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            },
        )
    });
    let searches = (!context.searches.is_empty()).then(|| {
        part(lang, "seen-searches", K::SeenSearches, view! {
            <ul class="sp-seen__list">
                {context.searches.into_iter().map(|search| {
                    let found = if search.results == 0 {
                        view! {
                            <span class="sp-seen__none" data-testid="no-results">
                                {glyph("⚠ ")}{lang.t(K::NoResults)}
                            </span>
                        }.into_any()
                    } else {
                        view! {
                            <span class="sp-muted">{lang.f(K::ResultsN, &[("n", &intl::number(lang, search.results as f64))])}</span>
                        }.into_any()
                    };
                    view! { <li><q><bdi>{search.query}</bdi></q>" — "{found}</li> }
                }).collect_view()}
            </ul>
        })
    });
    let articles = (!context.articles_read.is_empty()).then(|| {
        part(
            lang,
            "seen-articles",
            K::SeenArticles,
            view! {
                <ul class="sp-seen__list">
                    {context.articles_read.into_iter().map(|article| {
                        let vote = match article.helpful() {
                            Some(true) => lang.t(K::VoteUp),
                            Some(false) => lang.t(K::VoteDown),
                            None => lang.t(K::NoVote),
                        };
                        view! { <li><bdi>{article.title}</bdi>" — "<span class="sp-muted">{vote}</span></li> }
                    }).collect_view()}
                </ul>
            },
        )
    });
    let incidents = (!context.active_incidents.is_empty()).then(|| {
        part(lang, "seen-incidents", K::SeenIncidents, view! {
            <ul class="sp-seen__list">
                {context.active_incidents.into_iter().map(|incident| {
                    let impact = incident.impact.map(|impact| lang.f(K::Impact, &[("impact", &impact)]));
                    view! { <li>{incident.name}" "<span class="sp-muted">{impact}</span></li> }
                }).collect_view()}
            </ul>
        })
    });
    let model = match ticket.triage_model {
        Some(Value::Null) | None => lang.t(K::RulesOnly).to_owned(),
        Some(version) => lang.f(K::ModelVersion, &[("v", &scalar(&version))]),
    };
    let figures = triage::IntlFigures(lang);
    let triage = part(
        lang,
        "seen-triage",
        K::SeenTriage,
        view! {
            <ul class="sp-seen__list">
                {ticket.triage_reasons.iter().map(|reason| {
                    let text = triage::sentence(lang, &figures, reason);
                    // An earlier desk's sentence is in whatever language it was stored in.
                    let text = match reason {
                        TriageReason::Recorded { .. } => view! { <bdi>{text}</bdi> }.into_any(),
                        _ => text.into_any(),
                    };
                    view! { <li data-testid="triage-reason" data-code=triage::code(reason)>{text}</li> }
                }).collect_view()}
            </ul>
            <p class="sp-muted" data-testid="triage-model">{model}</p>
        },
    );
    let earlier = (!ticket.earlier_tickets.is_empty()).then(|| {
        part(lang, "earlier-tickets", K::EarlierTickets, view! {
            <ul class="sp-seen__list">
                {ticket.earlier_tickets.into_iter().map(|earlier| view! {
                    <li>
                        <a href=Route::Ticket(earlier.id.clone()).href()>{earlier.id.clone()}" · "<bdi>{earlier.subject}</bdi></a>
                        " "<span class="sp-muted">{lang.t(status_label(earlier.status))}" · "
                            {intl::date_time(lang, &earlier.created_at)}</span>
                    </li>
                }).collect_view()}
            </ul>
        })
    });
    let masked = ticket
        .masked_card_numbers
        .then(|| view! { <p class="sp-muted">{lang.t(K::MaskedCards)}</p> });
    view! {
        {page}{language}{identity}{order}{onboarding}{flow}{suggestions}{searches}{articles}{incidents}{triage}{earlier}{masked}
    }
}

/// A JSON scalar as text (strings without quotes).
fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A suggestion's "Why am I seeing this?" as the user read it: its sentences, then the facts they cite (named
/// in the agent's language, valued as the user read them); none when the user did not send it.
fn why_shown(lang: Lang, reasons: Vec<String>, facts: Vec<Explanation>) -> Option<impl IntoView> {
    if reasons.is_empty() && facts.is_empty() {
        return None;
    }
    let reasons = (!reasons.is_empty()).then(|| {
        view! {
            <ul class="sp-seen__reasons" data-testid="suggestion-reasons">
                {reasons.into_iter().map(|reason| view! { <li><bdi>{reason}</bdi></li> }).collect_view()}
            </ul>
        }
    });
    let facts = (!facts.is_empty()).then(|| {
        view! {
            <dl class="sp-facts sp-seen__explanation" data-testid="suggestion-explanation">
                {facts.into_iter().map(|item| view! {
                    <div>
                        <dt>{triage::fact_label(lang, &item.fact)}</dt>
                        <dd><bdi>{item.detail}</bdi></dd>
                    </div>
                }).collect_view()}
            </dl>
        }
    });
    Some(view! {
        <div class="sp-seen__why">
            <p class="sp-seen__why-title">{lang.t(K::WhyShown)}</p>
            {reasons}
            {facts}
        </div>
    })
}
