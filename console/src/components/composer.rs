//! The composer: a reply to the customer or an internal note, sent with the button or Ctrl/⌘+Enter. It keeps
//! its text when sending fails, tells the others when this agent types a reply, and asks before sending while
//! another agent is replying too.

use super::sign_in::FieldMessage;
use super::ticket::TicketState;
use crate::api::{self, ClientError};
use crate::i18n::{K, tr, use_lang};
use crate::state::{error_text, field_error};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Quiet this long after a keystroke ends "typing": long enough to cover a pause to think, so a teammate about
/// to send is still warned that this reply is on its way.
const TYPING_IDLE: Duration = Duration::from_secs(8);

/// The reply / internal note box.
#[component]
pub fn Composer() -> impl IntoView {
    let state = expect_context::<TicketState>();
    let note = RwSignal::new(false);
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ClientError>);
    let pending = RwSignal::new(false);
    // The name of the agent replying too, while the confirmation is asked.
    let confirm = RwSignal::new(None::<String>);
    let idle_timer = StoredValue::new_local(None::<TimeoutHandle>);
    let confirm_button = NodeRef::<html::Button>::new();
    let textarea = NodeRef::<html::Textarea>::new();

    let stop_typing = move || {
        if let Some(timer) = idle_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        if state.typing.get_untracked() {
            state.typing.set(false);
            state.announce();
        }
    };
    let typed = move |ev| {
        body.set(event_target_value(&ev));
        // Notes collide with no one: only a reply counts as typing.
        if note.get_untracked() {
            return;
        }
        if !state.typing.get_untracked() {
            state.typing.set(true);
            state.announce();
        }
        if let Some(timer) = idle_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        idle_timer.set_value(set_timeout_with_handle(stop_typing, TYPING_IDLE).ok());
    };
    let deliver = move || {
        let text = body.get_untracked();
        let internal = note.get_untracked();
        let id = state.id.get_value();
        confirm.set(None);
        pending.set(true);
        spawn_local(async move {
            let sent = state.check(api::add_message(&id, text.trim(), internal).await);
            pending.set(false);
            match sent {
                Ok(()) => {
                    error.set(None);
                    body.set(String::new());
                    stop_typing();
                    state.say(if internal { K::NoteAdded } else { K::ReplySent });
                    state.reload();
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let send = move || {
        if pending.get_untracked() {
            return;
        }
        let replying = state.viewers.with_untracked(|viewers| {
            viewers
                .iter()
                .find(|v| v.typing)
                .map(|v| v.agent.name.clone())
        });
        match replying {
            Some(name) if !note.get_untracked() => {
                confirm.set(Some(name));
                // Focus moves to the question, so it is read and answered from the keyboard.
                request_animation_frame(move || {
                    if let Some(button) = confirm_button.get() {
                        let _ = button.focus();
                    }
                });
            }
            _ => deliver(),
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            send();
        }
    };
    let cancel = move |_| {
        confirm.set(None);
        if let Some(textarea) = textarea.get() {
            let _ = textarea.focus();
        }
    };
    let body_error = Signal::derive(move || {
        error.with(|err| {
            let lang = use_lang();
            field_error(lang, err.as_ref(), "body").or_else(|| {
                err.as_ref()
                    .filter(|err| err.fields().is_empty())
                    .map(|err| error_text(lang, err))
            })
        })
    });
    view! {
        <section class="sp-composer" class:sp-composer--note=note aria-labelledby="composer-title"
            data-testid="composer">
            <h2 id="composer-title" class="sp-sr-only">{move || if note.get() { tr(K::Note)() } else { tr(K::Reply)() }}</h2>
            <div class="sp-composer__modes" role="group" aria-label=tr(K::Reply)>
                <button type="button" class="sp-toggle" aria-pressed=move || (!note.get()).to_string()
                    data-testid="reply-toggle" on:click=move |_| note.set(false)>
                    {tr(K::Reply)}
                </button>
                <button type="button" class="sp-toggle" aria-pressed=move || note.get().to_string()
                    data-testid="note-toggle" on:click=move |_| { note.set(true); stop_typing(); }>
                    {tr(K::Note)}
                </button>
            </div>
            <label for="composer-body" class="sp-composer__label">
                {move || if note.get() { tr(K::NoteLabel)() } else { tr(K::ReplyLabel)() }}
            </label>
            <textarea id="composer-body" node_ref=textarea data-testid="composer-body" rows="6"
                maxlength="5000" aria-keyshortcuts="r"
                aria-describedby="composer-hint composer-error"
                aria-invalid=move || body_error.with(Option::is_some).then_some("true")
                prop:value=body on:input=typed on:keydown=keydown on:blur=move |_| stop_typing()>
            </textarea>
            <p class="sp-hint" id="composer-hint">{tr(K::SendHint)}</p>
            <FieldMessage id="composer-error" message=body_error/>
            <div class="sp-confirm" role="group" aria-labelledby="confirm-question" data-testid="send-confirm"
                hidden=move || confirm.with(Option::is_none)>
                <p id="confirm-question">
                    {move || confirm.get().map(|name| use_lang().f(K::ReplyingToo, &[("name", &name)]))}
                </p>
                <button type="button" class="sp-button sp-button--primary" node_ref=confirm_button
                    data-testid="send-anyway" on:click=move |_| deliver()>
                    {tr(K::SendAnyway)}
                </button>
                <button type="button" class="sp-button" data-testid="send-cancel" on:click=cancel>
                    {tr(K::Cancel)}
                </button>
            </div>
            <button type="button" class="sp-button sp-button--primary" data-testid="send-button"
                disabled=move || pending.get() || body.with(|b| b.trim().is_empty())
                on:click=move |_| send()>
                {move || match (pending.get(), note.get()) {
                    (true, _) => tr(K::Sending)(),
                    (false, true) => tr(K::AddNote)(),
                    (false, false) => tr(K::Send)(),
                }}
            </button>
        </section>
    }
}
