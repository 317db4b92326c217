//! "Contact support": the form, what it will send with the request, and the confirmation.

use crate::api::ClientError;
use crate::components::headline;
use crate::components::{BackButton, focus_when_shown};
use crate::i18n::{Locale, Msg, client_error, field_problem, queue_name, t, topic_label};
use crate::intl::{IntlFormatter, object};
use crate::outbox::{self, Pending, Sent};
use crate::state::{View, WidgetState};
use crate::storage;
use crate::triage_reason::triage_reason;
use js_sys::{Array, Intl};
use leptos::html;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use signpost_core::rules::SuggestedItem;
use signpost_core::tickets::{
    self, ActiveIncident, DEFAULT_TOPICS, NewTicket, Priority, Queue, ResponseTargets,
    ShownSuggestion, TicketContext, TicketCreated,
};
use signpost_core::wire::FieldError;
use wasm_bindgen::JsValue;

const DRAFT_KEY: &str = "draft";

/// What the user has typed, kept locally once they start so nothing is lost to a closed tab.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Draft {
    topic: String,
    subject: String,
    message: String,
    email: String,
    /// The key the request was first sent with: a retry of the same draft must not file a second ticket.
    idempotency_key: Option<String>,
}

/// What the page filled in with `Signpost('newTicket', { topic, subject, message })` (the topic travels in
/// `View::Contact`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prefill {
    pub subject: Option<String>,
    pub message: Option<String>,
}

/// Which context items the user agreed to send.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Consent {
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

/// What happened to the last submission.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Filed(TicketCreated),
    /// Waiting in the outbox under this idempotency key.
    Queued(String),
}

/// "Contact support": the way from any view to the form, with no topic chosen.
#[component]
pub fn ContactSupportButton() -> impl IntoView {
    let state = expect_context::<WidgetState>();
    view! {
        <button
            type="button"
            class="sp-button sp-button--primary"
            on:click=move |_| state.view.set(View::Contact { topic: None })
        >
            {t(Msg::ContactSupport)}
        </button>
    }
}

/// The contact form; `topic` preselects one (from a suggestion or an article).
#[component]
pub fn ContactForm(
    /// Preselected topic id.
    topic: Option<String>,
) -> impl IntoView {
    let state = expect_context::<WidgetState>();
    let mut saved: Draft = storage::load(DRAFT_KEY).unwrap_or_default();
    // The page's prefill wins where it says something; it is stored only once the user types.
    if let Some(prefill) = state.prefill.get_untracked() {
        state.prefill.set(None);
        saved.subject = prefill.subject.unwrap_or(saved.subject);
        saved.message = prefill.message.unwrap_or(saved.message);
        saved.idempotency_key = None;
    }
    let initial_topic = topic
        .or(Some(saved.topic.clone()).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| "other".into());
    let draft = RwSignal::new(Draft {
        topic: initial_topic,
        ..saved
    });
    let consent = RwSignal::new(Consent::default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let general_error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let form = NodeRef::<html::Form>::new();
    let heading = NodeRef::<html::H3>::new();
    focus_when_shown(heading);

    // Keeps the draft once the user has typed something.
    let edit = move |change: &dyn Fn(&mut Draft)| {
        draft.update(|d| change(d));
        storage::save(DRAFT_KEY, &draft.get_untracked());
    };
    let subject_placeholder = move || topic_label(state.ui.get(), &draft.with(|d| d.topic.clone()));

    let context = move |consent: Consent| -> TicketContext {
        let ctx = state.context.get_untracked();
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
            sent.suggestions_shown = shown_suggestions(state);
            // Reasons cite order and onboarding facts: without consent to those, send the titles alone.
            if !(consent.order && consent.onboarding) {
                sent.suggestions_shown
                    .iter_mut()
                    .for_each(|s| s.reasons.clear());
            }
        }
        if consent.articles {
            sent.articles_read = state.articles_read.get_untracked();
        }
        if consent.incidents {
            sent.active_incidents = active_incidents(state);
        }
        sent
    };

    let submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let current = draft.get_untracked();
        let subject = if current.subject.trim().is_empty() {
            topic_label(state.ui.get_untracked(), &current.topic)
        } else {
            current.subject.clone()
        };
        // A verified user's address comes with the identity; it also travels in the body, so a retry after
        // the token expired still reaches them.
        let verified_email = state
            .identity
            .with_untracked(|v| v.as_ref().map(|v| v.identity.email.clone()));
        let ticket = NewTicket {
            topic: current.topic.clone(),
            subject,
            message: current.message.clone(),
            email: verified_email
                .clone()
                .or(Some(current.email.clone()).filter(|e| !e.trim().is_empty())),
            context: context(consent.get_untracked()),
        };
        let topics: Vec<&str> = DEFAULT_TOPICS.iter().map(|(id, _)| *id).collect();
        let problems = tickets::validate(&ticket, &topics, verified_email.is_some());
        general_error.set(None);
        if !problems.is_empty() {
            errors.set(problems);
            focus_first_invalid(form);
            return;
        }
        errors.set(vec![]);
        let key = current.idempotency_key.clone().unwrap_or_else(new_key);
        edit(&|d| d.idempotency_key = Some(key.clone()));
        sending.set(true);
        leptos::task::spawn_local(async move {
            let sent = outbox::send(
                state,
                Pending {
                    idempotency_key: key.clone(),
                    ticket,
                },
            )
            .await;
            sending.set(false);
            match sent {
                Sent::Filed(created) => {
                    storage::remove(DRAFT_KEY);
                    outcome.set(Some(Outcome::Filed(created)));
                }
                Sent::Queued => {
                    storage::remove(DRAFT_KEY);
                    outcome.set(Some(Outcome::Queued(key)));
                }
                Sent::Refused(ClientError::Status {
                    body: Some(body), ..
                }) if !body.fields.is_empty() => {
                    errors.set(body.fields);
                    focus_first_invalid(form);
                }
                Sent::Refused(err) => {
                    let ui = state.ui.get_untracked();
                    general_error.set(Some(
                        ui.format(Msg::RequestFailed, &[("error", &client_error(ui, &err))]),
                    ))
                }
            }
        });
    };

    let error_for = move |name: &'static str| {
        move || {
            errors.with(|list| {
                list.iter()
                    .find(|e| e.field == name)
                    .map(|e| field_problem(state.ui.get(), e))
            })
        }
    };
    let invalid = move |name: &'static str| {
        move || {
            errors
                .with(|list| list.iter().any(|e| e.field == name))
                .to_string()
        }
    };

    // Known incidents come first: the user may not need to write at all.
    let incident = move || {
        let surface = state.context.with(|c| c.surface.unwrap_or_default());
        let components = state.status_components();
        state
            .status
            .with(|s| {
                s.as_ref().and_then(|s| {
                    headline(
                        s,
                        &components,
                        surface,
                        (js_sys::Date::now() / 1000.0) as i64,
                    )
                })
            })
            .filter(|h| !h.upcoming)
    };

    let form_view = move || {
        view! {
            {move || incident().map(|h| view! {
                <div class="sp-banner sp-banner--major sp-contact__incident">
                    <p class="sp-banner__title">{state.ui.get().format(Msg::WeAreAware, &[("title", &h.title)])}</p>
                    <p class="sp-banner__body">{t(Msg::YouMayNotNeedUs)} " " {h.body}</p>
                </div>
            })}
            <form class="sp-form" novalidate node_ref=form on:submit=submit>
                <p class="sp-form__error" role="alert">{move || general_error.get()}</p>
                <label class="sp-field">
                    <span class="sp-field__label">{t(Msg::Topic)}</span>
                    <select
                        class="sp-input"
                        name="topic"
                        aria-invalid=invalid("topic")
                        on:change=move |e| edit(&|d| d.topic = event_target_value(&e))
                        prop:value=move || draft.with(|d| d.topic.clone())
                    >
                        {DEFAULT_TOPICS.iter().map(|(id, _)| view! { <option value=*id>{move || topic_label(state.ui.get(), id)}</option> }).collect_view()}
                    </select>
                    <span class="sp-field__error">{error_for("topic")}</span>
                </label>
                <label class="sp-field">
                    <span class="sp-field__label">{t(Msg::Subject)}</span>
                    <input
                        class="sp-input"
                        name="subject"
                        maxlength="150"
                        placeholder=subject_placeholder
                        aria-invalid=invalid("subject")
                        prop:value=move || draft.with(|d| d.subject.clone())
                        on:input=move |e| edit(&|d| d.subject = event_target_value(&e))
                    />
                    <span class="sp-field__error">{error_for("subject")}</span>
                </label>
                <label class="sp-field">
                    <span class="sp-field__label">{t(Msg::HowCanWeHelp)}</span>
                    <textarea
                        class="sp-input sp-input--message"
                        name="message"
                        rows="5"
                        aria-invalid=invalid("message")
                        prop:value=move || draft.with(|d| d.message.clone())
                        on:input=move |e| edit(&|d| d.message = event_target_value(&e))
                    ></textarea>
                    <span class="sp-field__error">{error_for("message")}</span>
                </label>
                {move || state.identity.with(|v| v.as_ref().map(|v| {
                    let email = v.identity.email.clone();
                    view! { <p class="sp-field__note">{move || state.ui.get().format(Msg::SignedInAs, &[("email", &email)])}</p> }
                }))}
                <label class="sp-field" hidden=move || state.identity.with(Option::is_some)>
                    <span class="sp-field__label">{t(Msg::YourEmail)}</span>
                    <input
                        class="sp-input"
                        name="email"
                        type="email"
                        autocomplete="email"
                        aria-invalid=invalid("email")
                        prop:value=move || draft.with(|d| d.email.clone())
                        on:input=move |e| edit(&|d| d.email = event_target_value(&e))
                    />
                    <span class="sp-field__error">{error_for("email")}</span>
                </label>
                <ContextConsent consent/>
                // aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
                <button type="submit" class="sp-button sp-button--primary" aria-disabled=move || sending.get().to_string()>
                    {move || state.text(if sending.get() { Msg::Sending } else { Msg::SendRequest })}
                </button>
            </form>
        }
    };

    view! {
        <div class="sp-contact">
            <BackButton to=View::Home/>
            <h3 class="sp-article__title" tabindex="-1" node_ref=heading>{t(Msg::ContactSupport)}</h3>
            <div role="status" class="sp-contact__status">
                {move || outcome.get().map(|outcome| view! { <Confirmation outcome/> })}
            </div>
            {move || outcome.get().is_none().then(form_view)}
        </div>
    }
}

/// "What we'll send with your request", one checkbox per item the page knows.
#[component]
fn ContextConsent(consent: RwSignal<Consent>) -> impl IntoView {
    let state = expect_context::<WidgetState>();
    let ctx = state.context.get_untracked();
    let ui = state.ui.get_untracked();
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
    let shown = shown_suggestions(state);
    if !shown.is_empty() {
        let titles: Vec<String> = shown.into_iter().map(|s| s.title).collect();
        items.push((
            "suggestions",
            ui.format(Msg::SendSuggestions, &[("titles", &titles.join(", "))]),
            |c| &mut c.suggestions,
        ));
    }
    let read = state.articles_read.get_untracked();
    if !read.is_empty() {
        let titles: Vec<String> = read.into_iter().map(|a| a.title).collect();
        items.push((
            "articles",
            ui.format(Msg::SendArticles, &[("titles", &titles.join(", "))]),
            |c| &mut c.articles,
        ));
    }
    let incidents = active_incidents(state);
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

/// The confirmation: the ticket id, the team, and when to expect a reply; or that it is saved to send later.
#[component]
fn Confirmation(outcome: Outcome) -> impl IntoView {
    let state = expect_context::<WidgetState>();
    // A queued request turns into a filed one when the outbox delivers it.
    let created = move || match &outcome {
        Outcome::Filed(created) => Some(created.clone()),
        Outcome::Queued(key) => state.filed.with(|filed| {
            filed
                .iter()
                .find(|f| &f.idempotency_key == key)
                .map(|f| f.created.clone())
        }),
    };
    // One element that stays while its content turns from "Saved" into "Sent", so focus stays on it too.
    let confirmation = NodeRef::<html::Div>::new();
    focus_when_shown(confirmation);
    let content = move || match created() {
        None => view! {
            <div class="sp-banner sp-banner--maintenance">
                <p class="sp-banner__title">{t(Msg::SavedTitle)}</p>
                <p class="sp-banner__body">{t(Msg::SavedBody)}</p>
            </div>
        }
        .into_any(),
        Some(created) => {
            let targets = state
                .site
                .with_untracked(|site| site.as_ref().map(|s| s.response_targets.clone()));
            let ui = state.ui.get();
            let due = reply_by(
                &targets.unwrap_or_default(),
                ui,
                &state.locale(),
                created.queue,
                created.priority,
                &created.first_response_due,
            );
            let format = IntlFormatter::new(&state.locale());
            let reasons: Vec<String> = created
                .reasons
                .iter()
                .filter_map(|reason| triage_reason(ui, &format, reason))
                .collect();
            view! {
                <div class="sp-banner sp-banner--resolved">
                    <p class="sp-banner__title">{ui.format(Msg::RequestSent, &[("id", &created.id)])}</p>
                    <p class="sp-banner__body">{ui.text(queue_name(created.queue))} " · " {due}</p>
                    {created.masked_card_numbers.then(|| view! {
                        <p class="sp-banner__body">{ui.text(Msg::CardNumberHidden)}</p>
                    })}
                    {(!reasons.is_empty()).then(|| view! {
                        <ul class="sp-reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    })}
                    <button type="button" class="sp-link-button" on:click=move |_| state.view.set(View::Requests)>
                        {ui.text(Msg::SeeYourRequests)}
                    </button>
                </div>
            }
            .into_any()
        }
    };
    view! { <div class="sp-confirmation" tabindex="-1" node_ref=confirmation>{content}</div> }
}

/// "We usually reply within 1 hour — by 14:30".
fn reply_by(
    targets: &ResponseTargets,
    ui: Locale,
    locale: &str,
    queue: Queue,
    priority: Priority,
    due: &str,
) -> String {
    let minutes = targets.minutes(queue, priority);
    let (amount, unit) = match minutes {
        m if m < 60 => (m, "minute"),
        m if m < 1_440 => (m / 60, "hour"),
        m => (m / 1_440, "day"),
    };
    // "1 hour", "2 Stunden", "ساعتان": the browser knows each language's units and plurals.
    let locales = Array::of1(&JsValue::from_str(locale));
    let within = Intl::NumberFormat::new(
        &locales,
        &object(&[
            ("style", "unit".into()),
            ("unit", unit.into()),
            ("unitDisplay", "long".into()),
        ]),
    )
    .format()
    .call1(&JsValue::NULL, &JsValue::from_f64(amount as f64))
    .ok()
    .and_then(|s| s.as_string())
    .unwrap_or_default();
    let date = js_sys::Date::new(&JsValue::from_str(due));
    let same_day = date.to_date_string() == js_sys::Date::new_0().to_date_string();
    let options = if same_day {
        object(&[("timeStyle", "short".into())])
    } else {
        object(&[
            ("weekday", "short".into()),
            ("hour", "numeric".into()),
            ("minute", "2-digit".into()),
        ])
    };
    let by = Intl::DateTimeFormat::new(&locales, &options)
        .format()
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    ui.format(Msg::ReplyWithin, &[("within", &within), ("by", &by)])
}

fn shown_suggestions(state: WidgetState) -> Vec<ShownSuggestion> {
    state.suggestions.with_untracked(|list| {
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

fn active_incidents(state: WidgetState) -> Vec<ActiveIncident> {
    state.status.with_untracked(|s| {
        s.as_ref()
            .map(|s| {
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

fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}{}", js_sys::Date::now(), js_sys::Math::random()))
}

/// Moves focus to the first field marked invalid, after the view has marked it.
fn focus_first_invalid(form: NodeRef<html::Form>) {
    request_animation_frame(move || {
        if let Some(first) = form
            .get_untracked()
            .and_then(|f| f.query_selector("[aria-invalid='true']").ok().flatten())
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            let _ = first.focus();
        }
    });
}
