//! Signing in, and choosing a password from the one-time link `agents add` prints.

use super::header::Header;
use crate::api::{self, ClientError};
use crate::components::glyph;
use crate::i18n::{K, tr, use_lang};
use crate::route::{Route, replace};
use crate::state::{Auth, Notice, error_text, field_error, retry_time};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Shortest and longest password the desk accepts.
const PASSWORD_CHARS: (usize, usize) = (12, 256);

/// A field's error line, tied to its control by `id` (the control's `aria-describedby`).
#[component]
pub fn FieldMessage(
    /// The element id the control points at.
    id: &'static str,
    /// The message, when there is one.
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p class="sp-field__error" id=id data-testid=id hidden=move || message.with(Option::is_none)>
            {glyph("⚠ ")}
            {move || message.get()}
        </p>
    }
}

/// The sign-in form. Keeps the typed email through failures.
#[component]
pub fn SignIn() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ClientError>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let (typed_email, typed_password) = (email.get_untracked(), password.get_untracked());
        spawn_local(async move {
            let answer = api::sign_in(typed_email.trim(), &typed_password).await;
            pending.set(false);
            match answer {
                Ok(agent) => {
                    auth.notice.set(None);
                    auth.agent.set(Some(agent));
                }
                Err(err) => {
                    password.set(String::new());
                    error.set(Some(err));
                }
            }
        });
    };
    let message = move || {
        let lang = use_lang();
        if let Some(err) = error.get() {
            return Some(match err.status() {
                Some(401) => lang.t(K::WrongCredentials).to_owned(),
                Some(429) => lang.f(K::TooManyAttempts, &[("time", &retry_time(lang, &err))]),
                // Field problems are shown beside their fields.
                Some(422) => return None,
                Some(403) => error_text(lang, &err),
                _ => lang.f(K::DeskUnreachable, &[("detail", &err.detail())]),
            });
        }
        auth.notice.get().map(|notice| match notice {
            Notice::SessionEnded => lang.t(K::SessionEnded).to_owned(),
            Notice::PasswordSaved => lang.t(K::PasswordSaved).to_owned(),
            Notice::Unreachable(detail) => lang.f(K::DeskUnreachable, &[("detail", &detail)]),
        })
    };
    let email_error =
        Signal::derive(move || error.with(|err| field_error(use_lang(), err.as_ref(), "email")));
    let password_error =
        Signal::derive(move || error.with(|err| field_error(use_lang(), err.as_ref(), "password")));
    view! {
        <Header/>
        <main id="main" tabindex="-1" class="sp-main sp-main--narrow">
            <h1>{tr(K::SignInTitle)}</h1>
            <div role="alert" class="sp-alert" data-testid="sign-in-message" hidden=move || message().is_none()>
                {message}
            </div>
            <form class="sp-form" on:submit=submit novalidate data-testid="sign-in-form">
                <div class="sp-field">
                    <label for="sign-in-email">{tr(K::Email)}</label>
                    <input id="sign-in-email" type="email" autocomplete="username" required
                        data-testid="sign-in-email"
                        aria-invalid=move || email_error.with(Option::is_some).then_some("true")
                        aria-describedby="sign-in-email-error"
                        prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                    <FieldMessage id="sign-in-email-error" message=email_error/>
                </div>
                <div class="sp-field">
                    <label for="sign-in-password">{tr(K::Password)}</label>
                    <input id="sign-in-password" type="password" autocomplete="current-password" required
                        data-testid="sign-in-password"
                        aria-invalid=move || password_error.with(Option::is_some).then_some("true")
                        aria-describedby="sign-in-password-error"
                        prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                    <FieldMessage id="sign-in-password-error" message=password_error/>
                </div>
                <button type="submit" class="sp-button sp-button--primary" data-testid="sign-in-submit"
                    disabled=pending>
                    {move || if pending.get() { tr(K::SigningIn)() } else { tr(K::SignIn)() }}
                </button>
            </form>
        </main>
    }
}

/// "Choose your password" for the set-password link's `token`; signs in once the password is set.
#[component]
pub fn SetPassword(
    /// The one-time token from `#set-password=…`.
    token: String,
) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ClientError>);
    let mismatch = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let token = StoredValue::new(token);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let typed = password.get_untracked();
        mismatch.set(typed != confirm.get_untracked());
        if mismatch.get_untracked() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let set = api::set_password(&token.get_value(), &typed).await;
            let agent = match set {
                Ok(agent) => agent,
                Err(err) => {
                    pending.set(false);
                    error.set(Some(err));
                    return;
                }
            };
            // Setting the password ends every session of the agent: sign in with it now.
            let signed_in = api::sign_in(&agent.email, &typed).await;
            pending.set(false);
            match signed_in {
                Ok(agent) => {
                    auth.notice.set(None);
                    auth.agent.set(Some(agent));
                }
                Err(_) => auth.notice.set(Some(Notice::PasswordSaved)),
            }
            // The token is spent: drop it from the address bar and the history.
            replace(&Route::Inbox);
        });
    };
    let message = move || {
        let lang = use_lang();
        error.with(|err| match err.as_ref()?.status() {
            Some(404) => Some(lang.t(K::LinkExpired).to_owned()),
            Some(422) => None,
            _ => err.as_ref().map(|err| error_text(lang, err)),
        })
    };
    let password_error =
        Signal::derive(move || error.with(|err| field_error(use_lang(), err.as_ref(), "password")));
    let confirm_error = Signal::derive(move || {
        mismatch
            .get()
            .then(|| use_lang().t(K::PasswordsDiffer).to_owned())
    });
    view! {
        <Header/>
        <main id="main" tabindex="-1" class="sp-main sp-main--narrow">
            <h1>{tr(K::SetPasswordTitle)}</h1>
            <div role="alert" class="sp-alert" data-testid="set-password-message" hidden=move || message().is_none()>
                {message}
            </div>
            <form class="sp-form" on:submit=submit novalidate data-testid="set-password-form">
                <p class="sp-hint" id="password-hint">{tr(K::PasswordHint)}</p>
                <div class="sp-field">
                    <label for="new-password">{tr(K::NewPassword)}</label>
                    <input id="new-password" type="password" autocomplete="new-password" required
                        minlength=PASSWORD_CHARS.0 maxlength=PASSWORD_CHARS.1
                        data-testid="new-password"
                        aria-invalid=move || password_error.with(Option::is_some).then_some("true")
                        aria-describedby="password-hint new-password-error"
                        prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                    <FieldMessage id="new-password-error" message=password_error/>
                </div>
                <div class="sp-field">
                    <label for="confirm-password">{tr(K::ConfirmPassword)}</label>
                    <input id="confirm-password" type="password" autocomplete="new-password" required
                        data-testid="confirm-password"
                        aria-invalid=move || mismatch.get().then_some("true")
                        aria-describedby="confirm-password-error"
                        prop:value=confirm on:input=move |ev| confirm.set(event_target_value(&ev))/>
                    <FieldMessage id="confirm-password-error" message=confirm_error/>
                </div>
                <button type="submit" class="sp-button sp-button--primary" data-testid="set-password-submit"
                    disabled=pending>
                    {move || if pending.get() { tr(K::Saving)() } else { tr(K::SavePassword)() }}
                </button>
            </form>
        </main>
    }
}
