//! Tickets that could not be sent yet wait here, in `localStorage`, each with the idempotency key it was first
//! sent with. They are retried with backoff and jitter, when the browser comes back online, and when any page
//! with the widget loads; the desk files each key once, so a ticket is delivered exactly once.

use crate::api::ClientError;
use crate::state::WidgetState;
use crate::storage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use signpost_core::identity::UserTicket;
use signpost_core::tickets::{NewTicket, TicketCreated};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const OUTBOX_KEY: &str = "outbox";
const FILED_KEY: &str = "tickets";
const FIRST_RETRY_MS: f64 = 2_000.0;
const MAX_RETRY_MS: f64 = 60_000.0;

/// A ticket waiting to be sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub idempotency_key: String,
    pub ticket: NewTicket,
}

/// A ticket the desk has, as this browser remembers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Filed {
    pub idempotency_key: String,
    pub subject: String,
    pub created: TicketCreated,
}

/// What became of one attempt to send.
pub enum Sent {
    Filed(TicketCreated),
    /// Saved in the outbox; it will go out later.
    Queued,
    /// The desk refused it; the user must change something.
    Refused(ClientError),
}

/// One attempt to file `pending`, under the user's verified identity when the page gave one.
async fn deliver(state: WidgetState, pending: &Pending) -> Result<TicketCreated, ClientError> {
    let identity = state
        .identity
        .with_untracked(|known| known.as_ref().map(|v| v.token.clone()));
    state
        .api
        .get_value()
        .create_ticket(
            &pending.ticket,
            &pending.idempotency_key,
            identity.as_deref(),
        )
        .await
}

/// The tickets this browser filed, newest first.
pub fn load_filed() -> Vec<Filed> {
    storage::load(FILED_KEY).unwrap_or_default()
}

/// The tickets waiting to be sent.
pub fn load_pending() -> Vec<Pending> {
    storage::load(OUTBOX_KEY).unwrap_or_default()
}

/// Sends `pending` now; on a transient failure it joins the outbox.
pub async fn send(state: WidgetState, pending: Pending) -> Sent {
    match deliver(state, &pending).await {
        Ok(created) => {
            record_filed(state, &pending, created.clone());
            Sent::Filed(created)
        }
        Err(err) if err.is_transient() => {
            state.outbox.update(|outbox| {
                if !outbox
                    .iter()
                    .any(|p| p.idempotency_key == pending.idempotency_key)
                {
                    outbox.push(pending.clone());
                }
                storage::save(OUTBOX_KEY, outbox);
            });
            state.emit(
                "ticket:queued",
                serde_json::json!({ "subject": pending.ticket.subject }),
            );
            schedule_flush(state, not_before(err.retry_after_ms()).max(FIRST_RETRY_MS));
            Sent::Queued
        }
        Err(err) => Sent::Refused(err),
    }
}

fn record_filed(state: WidgetState, pending: &Pending, created: TicketCreated) {
    state.emit(
        "ticket:created",
        serde_json::json!({ "id": created.id, "queue": created.queue }),
    );
    state.outbox.update(|outbox| {
        outbox.retain(|p| p.idempotency_key != pending.idempotency_key);
        if outbox.is_empty() {
            storage::remove(OUTBOX_KEY);
        } else {
            storage::save(OUTBOX_KEY, outbox);
        }
    });
    state.filed.update(|filed| {
        if !filed
            .iter()
            .any(|f| f.idempotency_key == pending.idempotency_key)
        {
            filed.insert(
                0,
                Filed {
                    idempotency_key: pending.idempotency_key.clone(),
                    subject: pending.ticket.subject.clone(),
                    created,
                },
            );
            storage::save(FILED_KEY, filed);
        }
    });
}

/// Adds the verified user's tickets filed on other devices (or before this browser's storage was cleared) to
/// "Your requests".
pub fn add_from_desk(state: WidgetState, tickets: Vec<UserTicket>) {
    state.filed.update(|filed| {
        for ticket in tickets {
            if filed.iter().any(|f| f.created.id == ticket.id) {
                continue;
            }
            filed.push(Filed {
                idempotency_key: String::new(),
                subject: ticket.subject,
                created: TicketCreated {
                    id: ticket.id,
                    access_token: ticket.access_token,
                    queue: ticket.queue,
                    priority: ticket.priority,
                    first_response_due: ticket.first_response_due,
                    reasons: vec![],
                    masked_card_numbers: false,
                },
            });
        }
    });
}

/// Sends everything in the outbox; what still cannot go stays for the next try, `Err` with the longest wait the
/// desk asked for (a 429's or 503's `Retry-After`), if any.
pub async fn flush(state: WidgetState) -> Result<(), Option<f64>> {
    let waiting = state.outbox.get_untracked();
    let mut unsent: Result<(), Option<f64>> = Ok(());
    for pending in waiting {
        match deliver(state, &pending).await {
            Ok(created) => record_filed(state, &pending, created),
            Err(err) if err.is_transient() => {
                let longest = match (unsent.err().flatten(), err.retry_after_ms()) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                unsent = Err(longest);
            }
            // Refused for good (the desk's rules changed under it): drop it rather than retry forever.
            Err(err) => {
                crate::host::warn(&format!("a saved request was refused and dropped: {err}"));
                state.outbox.update(|outbox| {
                    outbox.retain(|p| p.idempotency_key != pending.idempotency_key);
                    storage::save(OUTBOX_KEY, outbox);
                });
            }
        }
    }
    unsent
}

/// A delay that, with the jitter of `sleep_about` (which may take a fifth off), is never shorter than the
/// `asked_ms` the desk asked for.
fn not_before(asked_ms: Option<f64>) -> f64 {
    asked_ms.unwrap_or(0.0) * 1.25
}

/// Retries in `delay_ms` (with jitter), doubling the wait while the desk stays unreachable, and never sooner
/// than the desk asked.
fn schedule_flush(state: WidgetState, delay_ms: f64) {
    if state.flushing.get_untracked() {
        return;
    }
    state.flushing.set(true);
    leptos::task::spawn_local(async move {
        let mut delay = delay_ms;
        loop {
            crate::time::sleep_about(delay).await;
            if state
                .outbox
                .try_with_untracked(Vec::is_empty)
                .unwrap_or(true)
            {
                break;
            }
            match flush(state).await {
                Ok(()) => break,
                Err(asked) => {
                    delay = (delay * 2.0)
                        .clamp(FIRST_RETRY_MS, MAX_RETRY_MS)
                        .max(not_before(asked));
                }
            }
        }
        let _ = state.flushing.try_set(false);
    });
}

/// At start: send what an earlier page left behind, and send again whenever the browser comes back online.
pub fn start(state: WidgetState) {
    if !state.outbox.get_untracked().is_empty() {
        schedule_flush(state, 0.0);
    }
    let on_online = Closure::<dyn Fn()>::new(move || {
        if !state.outbox.get_untracked().is_empty() {
            leptos::task::spawn_local(async move {
                let _ = flush(state).await;
            });
        }
    });
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        let listener = StoredValue::new_local(on_online);
        on_cleanup(move || {
            if let Some(window) = web_sys::window() {
                listener.with_value(|l| {
                    let _ = window
                        .remove_event_listener_with_callback("online", l.as_ref().unchecked_ref());
                });
            }
        });
    }
}
