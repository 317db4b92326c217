//! The re-route dialog: another queue or priority, and why (a reason code, with words required for "other").

use super::inbox::{priority_label, queue_label};
use super::modal::Modal;
use super::sign_in::FieldMessage;
use super::ticket::TicketState;
use crate::api::{self, ClientError};
use crate::i18n::{K, tr, use_lang};
use crate::model::{Reroute, RerouteReason};
use crate::state::{error_text, field_error};
use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_core::tickets::{Priority, Queue};

fn reason_label(reason: RerouteReason) -> K {
    match reason {
        RerouteReason::WrongTopic => K::RWrongTopic,
        RerouteReason::WrongUrgency => K::RWrongUrgency,
        RerouteReason::NeedsSpecialist => K::RNeedsSpecialist,
        RerouteReason::Other => K::ROther,
    }
}

/// The re-route dialog for the open ticket.
#[component]
pub fn RerouteDialog(
    /// Shown while true.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<TicketState>();
    let queue = RwSignal::new(Queue::General);
    let priority = RwSignal::new(Priority::Normal);
    let reason = RwSignal::new(None::<RerouteReason>);
    let details = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ClientError>);
    let pending = RwSignal::new(false);
    // Each opening starts from the ticket as it stands.
    Effect::new(move || {
        if open.get() {
            state.view.with_untracked(|view| {
                if let Some(view) = view {
                    queue.set(view.queue);
                    priority.set(view.priority);
                }
            });
            error.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(reason_code) = reason.get_untracked() else {
            // Asked of the desk anyway would be a 422 on reason_code: say it here, beside the radios.
            error.set(Some(missing("reason_code")));
            return;
        };
        let request = Reroute {
            queue: queue.get_untracked(),
            priority: priority.get_untracked(),
            reason_code,
            reason: details.get_untracked().trim().to_owned(),
        };
        if reason_code == RerouteReason::Other && request.reason.is_empty() {
            error.set(Some(missing("reason")));
            return;
        }
        let id = state.id.get_value();
        pending.set(true);
        spawn_local(async move {
            let done = state.check(api::reroute(&id, &request).await);
            pending.set(false);
            match done {
                Ok(()) => {
                    reason.set(None);
                    details.set(String::new());
                    open.set(false);
                    state.saved();
                    state.reload();
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let message_for = move |field: &'static str| {
        Signal::derive(move || error.with(|err| field_error(use_lang(), err.as_ref(), field)))
    };
    let general = move || {
        error.with(|err| {
            err.as_ref()
                .filter(|err| err.fields().is_empty())
                .map(|err| error_text(use_lang(), err))
        })
    };
    view! {
        <Modal open title=K::RerouteTitle id="reroute-dialog">
            <form class="sp-form" on:submit=submit novalidate>
                <div role="alert" class="sp-alert" hidden=move || general().is_none()>{general}</div>
                <div class="sp-field">
                    <label for="reroute-queue">{tr(K::Queue)}</label>
                    <select id="reroute-queue" data-testid="reroute-queue" aria-describedby="reroute-queue-error"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(picked) = Queue::ALL.into_iter().find(|q| q.as_str() == value) {
                                queue.set(picked);
                            }
                        }>
                        {Queue::ALL.map(|option| view! {
                            <option value=option.as_str() prop:selected=move || queue.get() == option>
                                {tr(queue_label(option))}
                            </option>
                        })}
                    </select>
                    <FieldMessage id="reroute-queue-error" message=message_for("queue")/>
                </div>
                <div class="sp-field">
                    <label for="reroute-priority">{tr(K::Priority)}</label>
                    <select id="reroute-priority" data-testid="reroute-priority"
                        aria-describedby="reroute-priority-error"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(picked) = Priority::ALL.into_iter().find(|p| p.as_str() == value) {
                                priority.set(picked);
                            }
                        }>
                        {Priority::ALL.map(|option| view! {
                            <option value=option.as_str() prop:selected=move || priority.get() == option>
                                {tr(priority_label(option))}
                            </option>
                        })}
                    </select>
                    <FieldMessage id="reroute-priority-error" message=message_for("priority")/>
                </div>
                <fieldset class="sp-fieldset" data-testid="reroute-reason" aria-describedby="reroute-reason-error">
                    <legend>{tr(K::Reason)}</legend>
                    {RerouteReason::ALL.map(|option| {
                        let id = format!("reroute-reason-{}", option.as_str());
                        view! {
                            <div class="sp-radio">
                                <input type="radio" name="reroute-reason" id=id.clone() value=option.as_str()
                                    data-testid=id.clone()
                                    prop:checked=move || reason.get() == Some(option)
                                    on:change=move |_| reason.set(Some(option))/>
                                <label for=id>{tr(reason_label(option))}</label>
                            </div>
                        }
                    })}
                    <FieldMessage id="reroute-reason-error" message=message_for("reason_code")/>
                </fieldset>
                <div class="sp-field">
                    <label for="reroute-details">{tr(K::Details)}</label>
                    <textarea id="reroute-details" data-testid="reroute-details" rows="3"
                        aria-describedby="reroute-details-hint reroute-details-error"
                        aria-required=move || (reason.get() == Some(RerouteReason::Other)).to_string()
                        prop:value=details on:input=move |ev| details.set(event_target_value(&ev))>
                    </textarea>
                    <p class="sp-hint" id="reroute-details-hint">{tr(K::DetailsHint)}</p>
                    <FieldMessage id="reroute-details-error" message=message_for("reason")/>
                </div>
                <div class="sp-form__buttons">
                    <button type="submit" class="sp-button sp-button--primary" data-testid="reroute-submit"
                        disabled=pending>
                        {tr(K::Reroute)}
                    </button>
                    <button type="button" class="sp-button" data-testid="reroute-cancel"
                        on:click=move |_| open.set(false)>
                        {tr(K::Cancel)}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

/// A 422 as the desk would give it for a missing `field`, to show a check made before sending the same way.
fn missing(field: &str) -> ClientError {
    use signpost_core::wire::{ErrorBody, ErrorCode, FieldError, Problem};
    ClientError::Status {
        status: 422,
        body: Some(ErrorBody {
            code: ErrorCode::ValidationFailed,
            message: String::new(),
            fields: vec![FieldError::new(field, Problem::Required)],
        }),
        retry_after: None,
    }
}
