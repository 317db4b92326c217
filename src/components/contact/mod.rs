//! "Contact support": the form (one component per field, in `fields`), what it will send with the request
//! (`consent`), and the confirmation (`confirmation`).

mod confirmation;
mod consent;
mod fields;

use crate::api::Api;
use crate::components::{BackButton, focus_when_shown};
use crate::i18n::{Language, Msg, client_error, t, topic_label};
use crate::identity::VerifiedUser;
use crate::navigation::{Navigation, View};
use crate::outbox::{Outbox, Pending, Sent};
use crate::page_context::PageContext;
use crate::site::Site;
use crate::status_feed::{Headline, StatusFeed};
use crate::storage;
use crate::usage::Usage;
use confirmation::Confirmation;
use consent::{Consent, ContextConsent, TicketSources};
use fields::{EmailField, FieldProblems, MessageField, SubjectField, TopicField};
use leptos::html;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use signpost_core::context::Context;
use signpost_core::tickets::{self, DEFAULT_TOPICS, NewTicket, TicketCreated};

const DRAFT_KEY: &str = "draft";

/// What the user has typed, kept locally once they start so nothing is lost to a closed tab.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct DraftText {
    topic: String,
    subject: String,
    message: String,
    email: String,
    /// The key the request was first sent with: a retry of the same draft must not file a second ticket.
    idempotency_key: Option<String>,
}

/// The draft the fields edit; every edit is stored.
#[derive(Clone, Copy)]
pub struct Draft(RwSignal<DraftText>);

impl Draft {
    /// Reads the draft (tracked).
    fn read<R>(&self, read: impl FnOnce(&DraftText) -> R) -> R {
        self.0.with(read)
    }

    /// Changes the draft, and keeps it, now that the user has typed something.
    fn edit(&self, change: impl FnOnce(&mut DraftText)) {
        self.0.update(change);
        self.0
            .with_untracked(|draft| storage::save(DRAFT_KEY, draft));
    }
}

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
    let navigation = expect_context::<Navigation>();
    view! {
        <button
            type="button"
            class="sp-button sp-button--primary"
            on:click=move |_| navigation.go(View::Contact { topic: None })
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
    let (language, outbox) = (expect_context::<Language>(), expect_context::<Outbox>());
    let user = expect_context::<VerifiedUser>();
    let sources = TicketSources::from_context();
    let mut saved: DraftText = storage::load(DRAFT_KEY).unwrap_or_default();
    // The page's prefill wins where it says something; it is stored only once the user types.
    if let Some(prefill) = expect_context::<Navigation>().take_prefill() {
        saved.subject = prefill.subject.unwrap_or(saved.subject);
        saved.message = prefill.message.unwrap_or(saved.message);
        saved.idempotency_key = None;
    }
    let initial_topic = topic
        .or(Some(saved.topic.clone()).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| "other".into());
    let draft = Draft(RwSignal::new(DraftText {
        topic: initial_topic,
        ..saved
    }));
    let consent = RwSignal::new(Consent::default());
    let problems = FieldProblems::new();
    let general_error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let form = NodeRef::<html::Form>::new();
    let heading = NodeRef::<html::H3>::new();
    focus_when_shown(heading);
    let step = status_step(form);
    let (site, usage) = (expect_context::<Site>(), expect_context::<Usage>());
    // Asked as the form opens, so the desk's answer is in before the user sends: a ticket filed in the
    // experiment on the large-order criterion carries the unit the desk assigns it by.
    if site.varies_large_order() {
        ask_for_variants(site, usage);
    }

    let submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let current = draft.0.get_untracked();
        let subject = if current.subject.trim().is_empty() {
            topic_label(language.ui_untracked(), &current.topic)
        } else {
            current.subject.clone()
        };
        // A verified user's address comes with the identity; it also travels in the body, so a retry after
        // the token expired still reaches them.
        let verified_email = user.email_untracked();
        let ticket = NewTicket {
            topic: current.topic.clone(),
            subject,
            message: current.message.clone(),
            email: verified_email
                .clone()
                .or(Some(current.email.clone()).filter(|e| !e.trim().is_empty())),
            context: sources.ticket_context(consent.get_untracked()),
            experiment_unit: site.in_large_order().then(|| usage.linked_unit()).flatten(),
        };
        let topics: Vec<&str> = DEFAULT_TOPICS.iter().map(|(id, _)| *id).collect();
        let found = tickets::validate(&ticket, &topics, verified_email.is_some());
        general_error.set(None);
        if !found.is_empty() {
            problems.set(found);
            focus_first_invalid(form);
            return;
        }
        problems.set(vec![]);
        let key = current.idempotency_key.clone().unwrap_or_else(new_key);
        draft.edit(|d| d.idempotency_key = Some(key.clone()));
        sending.set(true);
        leptos::task::spawn_local(async move {
            let pending = Pending {
                idempotency_key: key.clone(),
                // A ticket of strings, numbers and lists always makes JSON.
                ticket: serde_json::to_value(&ticket).unwrap_or_default(),
            };
            let sent = outbox.send(pending).await;
            sending.set(false);
            match sent {
                Sent::Filed(created) => {
                    storage::remove(DRAFT_KEY);
                    crate::handoff::sent();
                    outcome.set(Some(Outcome::Filed(created)));
                }
                Sent::Queued => {
                    storage::remove(DRAFT_KEY);
                    crate::handoff::sent();
                    outcome.set(Some(Outcome::Queued(key)));
                }
                Sent::Refused(err) => match err.body().filter(|body| !body.fields.is_empty()) {
                    Some(body) => {
                        problems.set(body.fields);
                        focus_first_invalid(form);
                    }
                    None => {
                        let ui = language.ui_untracked();
                        general_error.set(Some(
                            ui.format(Msg::RequestFailed, &[("error", &client_error(ui, &err))]),
                        ))
                    }
                },
            }
        });
    };

    let form_view = move || {
        view! {
            <KnownIncident/>
            {sources.handoff_note().map(|note| view! { <p class="sp-contact__note" dir="auto">{note}</p> })}
            <form class="sp-form" novalidate node_ref=form on:submit=submit>
                <p class="sp-form__error" role="alert">{move || general_error.get()}</p>
                <TopicField draft problems/>
                <SubjectField draft problems/>
                <MessageField draft problems/>
                <EmailField draft problems/>
                <ContextConsent consent sources/>
                // aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
                <button type="submit" class="sp-button sp-button--primary" aria-disabled=move || sending.get().to_string()>
                    {move || language.text(if sending.get() { Msg::Sending } else { Msg::SendRequest })}
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
            {move || (outcome.get().is_none() && step.get() == Step::StatusFirst).then(|| view! {
                <KnownIncident/>
                <div class="sp-still">
                    <p class="sp-feedback__question">{t(Msg::StillNeedHelp)}</p>
                    <button type="button" class="sp-button sp-button--primary" on:click=move |_| step.set(Step::Form)>
                        {t(Msg::ContactSupport)}
                    </button>
                </div>
            })}
            {move || (outcome.get().is_none() && step.get() == Step::Form).then(form_view)}
        </div>
    }
}

/// The longest the contact view waits for the user's variant before showing the form.
const DECIDING_AT_MOST: std::time::Duration = std::time::Duration::from_secs(2);

/// What the contact view shows before the user has sent anything.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    /// Waiting for the user's variant of the experiment on the status during an incident.
    Deciding,
    /// The incident as a step of its own, the form one button away.
    StatusFirst,
    Form,
}

/// The form, unless an incident shows on this page and an experiment varies the status: then the user's variant
/// decides (the status above the form, or as a step before it), is reported as an exposure, and until the desk
/// has answered neither shows, for at most [`DECIDING_AT_MOST`]: a desk slow to answer never keeps the form from
/// the user (who then gets it, and is not exposed). Moving from the status step to the form puts focus in the
/// form's first field.
fn status_step(form: NodeRef<html::Form>) -> RwSignal<Step> {
    let (site, usage, page, feed) = (
        expect_context::<Site>(),
        expect_context::<Usage>(),
        expect_context::<PageContext>(),
        expect_context::<StatusFeed>(),
    );
    let experimenting = site.varies_status_first() && untrack(|| incident(page, feed)).is_some();
    let step = RwSignal::new(if experimenting {
        Step::Deciding
    } else {
        Step::Form
    });
    if experimenting {
        ask_for_variants(site, usage);
        Effect::new(move || {
            if step.get_untracked() != Step::Deciding {
                return;
            }
            let Some(variation) = site.status_first() else {
                return;
            };
            let first = variation.is_some_and(|variation| {
                usage.exposed(&variation.experiment, variation.variant);
                variation.variant == 1
            });
            step.set(if first { Step::StatusFirst } else { Step::Form });
        });
        set_timeout(
            move || {
                if step.try_get_untracked() == Some(Step::Deciding) {
                    step.set(Step::Form);
                }
            },
            DECIDING_AT_MOST,
        );
    }
    Effect::new(move |before: Option<Step>| {
        let now = step.get();
        if before == Some(Step::StatusFirst) && now == Step::Form {
            focus_first_field(form);
        }
        now
    });
    step
}

/// Asks the desk for the user's variants on this page (once per context, however many parts of the view ask).
fn ask_for_variants(site: Site, usage: Usage) {
    let page = expect_context::<PageContext>();
    site.assign_variants(
        expect_context::<Api>(),
        || usage.experiment_unit(),
        page.with_untracked(Context::clone),
    );
}

/// The incident open on this page, if any (tracked).
fn incident(page: PageContext, feed: StatusFeed) -> Option<Headline> {
    feed.headline(page.surface(), (js_sys::Date::now() / 1000.0) as i64)
        .filter(|h| !h.upcoming)
}

/// An incident on this page, above the form: the user may not need to write at all.
#[component]
fn KnownIncident() -> impl IntoView {
    let language = expect_context::<Language>();
    let (page, feed) = (
        expect_context::<PageContext>(),
        expect_context::<StatusFeed>(),
    );
    move || {
        incident(page, feed).map(|h| {
            view! {
                <div class="sp-banner sp-banner--major sp-contact__incident">
                    <p class="sp-banner__title">{language.ui().format(Msg::WeAreAware, &[("title", &h.title)])}</p>
                    <p class="sp-banner__body">{t(Msg::YouMayNotNeedUs)} " " {h.body}</p>
                </div>
            }
        })
    }
}

fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            let (now, random) = (js_sys::Date::now(), js_sys::Math::random());
            format!("k{}{}", now as u64, (random * 1e15) as u64)
        })
}

/// Moves focus to the first field marked invalid, after the view has marked it.
fn focus_first_invalid(form: NodeRef<html::Form>) {
    focus_first(form, "[aria-invalid='true']");
}

/// Moves focus to the form's first field, once it is drawn.
fn focus_first_field(form: NodeRef<html::Form>) {
    focus_first(form, "select, input, textarea");
}

fn focus_first(form: NodeRef<html::Form>, selector: &'static str) {
    request_animation_frame(move || {
        if let Some(first) = form
            .get_untracked()
            .and_then(|f| f.query_selector(selector).ok().flatten())
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            let _ = first.focus();
        }
    });
}
