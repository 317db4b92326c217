//! The contact form's fields, one component each, with the limits core checks against and the problem found
//! with each shown under it.

use super::Draft;
use crate::i18n::{Language, Msg, field_problem, t, topic_label};
use crate::identity::VerifiedUser;
use leptos::prelude::*;
use signpost_core::tickets::{
    DEFAULT_TOPICS, EMAIL_MAX_CHARS, MESSAGE_MAX_CHARS, SUBJECT_MAX_CHARS,
};
use signpost_core::wire::FieldError;

/// The problems the form's own check or the desk found, by field.
#[derive(Clone, Copy)]
pub struct FieldProblems(RwSignal<Vec<FieldError>>);

impl FieldProblems {
    /// None yet.
    pub fn new() -> Self {
        FieldProblems(RwSignal::new(vec![]))
    }

    /// Replaces the problems shown.
    pub fn set(&self, problems: Vec<FieldError>) {
        self.0.set(problems);
    }

    /// Whether `field` has a problem (tracked).
    fn is_invalid(&self, field: &str) -> bool {
        self.0.with(|list| list.iter().any(|e| e.field == field))
    }

    /// What is wrong with `field`, in the user's language (tracked).
    fn message(&self, field: &str, language: Language) -> Option<String> {
        self.0.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| field_problem(language.ui(), &e.problem))
        })
    }
}

impl Default for FieldProblems {
    fn default() -> Self {
        FieldProblems::new()
    }
}

/// One labelled field: its control, and what is wrong with it below. (A function, not a component with
/// `Children`: each field's control keeps its own type instead of being erased into an `AnyView`, which would
/// cost the widget's weight.)
fn field(
    label: Msg,
    name: &'static str,
    problems: FieldProblems,
    hidden: impl Fn() -> bool + Send + Sync + 'static,
    control: impl IntoView + 'static,
) -> impl IntoView {
    let language = expect_context::<Language>();
    view! {
        <label class="sp-field" hidden=hidden>
            <span class="sp-field__label">{t(label)}</span>
            {control}
            <span class="sp-field__error">{move || problems.message(name, language)}</span>
        </label>
    }
}

/// The `hidden` of a field that always shows.
fn always_shown() -> bool {
    false
}

/// The topic, from the default topics.
#[component]
pub fn TopicField(draft: Draft, problems: FieldProblems) -> impl IntoView {
    let language = expect_context::<Language>();
    let control = view! {
        <select
            class="sp-input"
            name="topic"
            aria-invalid=move || problems.is_invalid("topic").to_string()
            on:change=move |e| draft.edit(|d| d.topic = event_target_value(&e))
            prop:value=move || draft.read(|d| d.topic.clone())
        >
            {DEFAULT_TOPICS.iter().map(|(id, _)| view! {
                <option value=*id>{move || topic_label(language.ui(), id)}</option>
            }).collect_view()}
        </select>
    };
    field(Msg::Topic, "topic", problems, always_shown, control)
}

/// The subject; left empty, the topic's name is sent (and shown as the placeholder).
#[component]
pub fn SubjectField(draft: Draft, problems: FieldProblems) -> impl IntoView {
    let language = expect_context::<Language>();
    let control = view! {
        <input
            class="sp-input"
            name="subject"
            maxlength=SUBJECT_MAX_CHARS
            placeholder=move || topic_label(language.ui(), &draft.read(|d| d.topic.clone()))
            aria-invalid=move || problems.is_invalid("subject").to_string()
            prop:value=move || draft.read(|d| d.subject.clone())
            on:input=move |e| draft.edit(|d| d.subject = event_target_value(&e))
        />
    };
    field(Msg::Subject, "subject", problems, always_shown, control)
}

/// "How can we help?"
#[component]
pub fn MessageField(draft: Draft, problems: FieldProblems) -> impl IntoView {
    let control = view! {
        <textarea
            class="sp-input sp-input--message"
            name="message"
            rows="5"
            maxlength=MESSAGE_MAX_CHARS
            aria-invalid=move || problems.is_invalid("message").to_string()
            prop:value=move || draft.read(|d| d.message.clone())
            on:input=move |e| draft.edit(|d| d.message = event_target_value(&e))
        ></textarea>
    };
    field(
        Msg::HowCanWeHelp,
        "message",
        problems,
        always_shown,
        control,
    )
}

/// The address to reply to; a verified user's comes with their identity, and the form says so instead.
#[component]
pub fn EmailField(draft: Draft, problems: FieldProblems) -> impl IntoView {
    let (language, user) = (
        expect_context::<Language>(),
        expect_context::<VerifiedUser>(),
    );
    let control = view! {
        <input
            class="sp-input"
            name="email"
            type="email"
            autocomplete="email"
            maxlength=EMAIL_MAX_CHARS
            aria-invalid=move || problems.is_invalid("email").to_string()
            prop:value=move || draft.read(|d| d.email.clone())
            on:input=move |e| draft.edit(|d| d.email = event_target_value(&e))
        />
    };
    view! {
        {move || user.email().map(|email| view! {
            <p class="sp-field__note">{move || language.ui().format(Msg::SignedInAs, &[("email", &email)])}</p>
        })}
        {field(Msg::YourEmail, "email", problems, move || user.email().is_some(), control)}
    }
}
