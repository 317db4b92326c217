//! The tickets this browser has, as one context: those filed, and those that could not be sent yet. The latter
//! wait in `localStorage`, each with the idempotency key it was first sent with, and are retried with backoff
//! and jitter, when the browser comes back online, and when any page with the widget loads; the desk files each
//! key once, so a ticket is delivered exactly once.
//!
//! The filed tickets are read from storage by the first code that shows or changes them, and sending is done by
//! code that loads with the contact form (or when something waits): the ticket types' code stays out of the
//! module every page view loads.
//!
//! The stored lists belong to one user: the verified user they were stored for, or nobody (filed anonymously).
//! A verified user's lists stay unseen and unsent until the desk verifies that user again; another user's
//! identity deletes them (the desk keeps the tickets, and lists them again for their owner).

use crate::api::{Api, ClientError};
use crate::components::chunk::{load_with_retry, outbox_sender};
use crate::hooks::use_event_listener;
use crate::host::{Host, warn};
use crate::identity::VerifiedUser;
use crate::storage;
use crate::usage::Usage;
use leptos::ev;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use signpost_core::identity::UserTicket;
use signpost_core::insights::events::EventKind;
use signpost_core::tickets::TicketCreated;

const OUTBOX_KEY: &str = "outbox";
const FILED_KEY: &str = "tickets";
/// Whose the stored lists are: the verified user's id; absent when filed anonymously.
const OWNER_KEY: &str = "owner";
const FIRST_RETRY_MS: f64 = 2_000.0;
const MAX_RETRY_MS: f64 = 60_000.0;

/// A ticket waiting to be sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub idempotency_key: String,
    /// The [`NewTicket`](signpost_core::tickets::NewTicket) as JSON, as the contact form built it: the outbox,
    /// which loads with the page, only keeps and sends it, so the ticket types' code loads with the form.
    pub ticket: serde_json::Value,
}

impl Pending {
    /// The ticket's subject, for the page's events and "Your requests".
    fn subject(&self) -> &str {
        self.ticket["subject"].as_str().unwrap_or_default()
    }
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

/// The tickets waiting to be sent and those filed, with the way to send them.
#[derive(Clone, Copy)]
pub struct Outbox {
    /// Tickets waiting to be sent.
    waiting: RwSignal<Vec<Pending>>,
    /// Tickets this browser filed (and, for a verified user, those filed elsewhere), newest first; `None` until
    /// first needed (see [`Outbox::read_filed`]).
    filed: RwSignal<Option<Vec<Filed>>>,
    /// Whether storage held filed tickets when the page loaded, for "Your requests" before they are read.
    stored_filed: bool,
    /// Whether a retry loop is running.
    flushing: RwSignal<bool>,
    /// Whose tickets the lists above are: the verified user's id, or `None` for anonymous ones.
    owner: StoredValue<Option<String>>,
    api: StoredValue<Api>,
    user: VerifiedUser,
    host: Host,
    usage: Usage,
}

impl Outbox {
    /// The outbox as earlier pages left it; tickets go to `api` under `user`'s identity, and `host` hears of
    /// each one queued and filed. A verified user's stored tickets wait for [`Outbox::claim`].
    pub fn new(api: Api, user: VerifiedUser, host: Host, usage: Usage) -> Self {
        let anonymous = storage::load::<String>(OWNER_KEY).is_none();
        let (waiting, filed, stored_filed) = if anonymous {
            let waiting = storage::load(OUTBOX_KEY).unwrap_or_default();
            (waiting, None, storage::has(FILED_KEY))
        } else {
            (Vec::new(), Some(Vec::new()), false)
        };
        Outbox {
            waiting: RwSignal::new(waiting),
            filed: RwSignal::new(filed),
            stored_filed,
            flushing: RwSignal::new(false),
            owner: StoredValue::new(None),
            api: StoredValue::new(api),
            user,
            host,
            usage,
        }
    }

    /// Reads the tickets waiting to be sent (tracked).
    pub fn with_waiting<R>(&self, read: impl FnOnce(&Vec<Pending>) -> R) -> R {
        self.waiting.with(read)
    }

    /// Reads the tickets filed, newest first (tracked).
    pub fn with_filed<R>(&self, read: impl FnOnce(&[Filed]) -> R) -> R {
        self.read_filed();
        self.filed
            .with(|filed| read(filed.as_deref().unwrap_or_default()))
    }

    /// Whether there is anything to list under "Your requests" (tracked), without reading the filed tickets.
    pub fn has_requests(&self) -> bool {
        !self.waiting.with(Vec::is_empty)
            || self.filed.with(|filed| {
                filed
                    .as_ref()
                    .map_or(self.stored_filed, |filed| !filed.is_empty())
            })
    }

    /// Reads the filed tickets from storage, the first time they are needed. Nothing changes for whoever
    /// watches: they were there all along.
    fn read_filed(&self) {
        if self.filed.with_untracked(Option::is_none) {
            let stored = storage::load(FILED_KEY).unwrap_or_default();
            self.filed.update_untracked(|filed| *filed = Some(stored));
        }
    }

    /// Changes the filed tickets (read first, if they were not yet).
    fn update_filed(&self, change: impl FnOnce(&mut Vec<Filed>)) {
        self.read_filed();
        self.filed
            .update(|filed| change(filed.get_or_insert_with(Vec::new)));
    }

    /// The ticket filed under `idempotency_key`, once it is (tracked).
    pub fn filed_as(&self, idempotency_key: &str) -> Option<TicketCreated> {
        self.with_filed(|filed| {
            filed
                .iter()
                .find(|f| f.idempotency_key == idempotency_key)
                .map(|f| f.created.clone())
        })
    }

    /// The access token of ticket `id`, if this browser filed it.
    pub fn access_token(&self, id: &str) -> Option<String> {
        self.read_filed();
        self.filed.with_untracked(|filed| {
            filed
                .as_deref()
                .unwrap_or_default()
                .iter()
                .find(|f| f.created.id == id)
                .map(|f| f.created.access_token.clone())
        })
    }

    /// At start: sends what an earlier page left behind, and sends again whenever the browser comes back online.
    pub fn start(self) {
        if !self.waiting.get_untracked().is_empty() {
            self.send_waiting();
        }
        if let Some(window) = web_sys::window() {
            use_event_listener(window, ev::online, move |_| {
                if !self.waiting.get_untracked().is_empty() {
                    self.send_waiting();
                }
            });
        }
    }

    /// Whether nothing waits to be sent (or the widget was shut down), for a retry loop to stop.
    fn nothing_waits(&self) -> bool {
        self.waiting
            .try_with_untracked(Vec::is_empty)
            .unwrap_or(true)
    }

    /// Sends what waits with the sending code, fetched first (it loads with the contact form's chunk, since most
    /// page views have nothing waiting); its fetch is retried as a send would be, for as long as something waits.
    fn send_waiting(self) {
        leptos::task::spawn_local(async move {
            let wanted = move || !self.nothing_waits();
            if let Some(flush) =
                load_with_retry(outbox_sender, FIRST_RETRY_MS, MAX_RETRY_MS, wanted).await
            {
                flush(self);
            }
        });
    }

    /// Sends what waits now, and keeps trying with backoff while the desk cannot take it. A retry loop already
    /// waiting (the browser has just come back online) gets one try now as well; the desk files each key once.
    pub fn flush_waiting(self) {
        if self.flushing.get_untracked() {
            leptos::task::spawn_local(async move {
                let _ = self.flush().await;
            });
        } else {
            self.schedule_flush(0.0);
        }
    }

    /// Sends `pending` now; on a transient failure it joins the outbox.
    pub async fn send(self, pending: Pending) -> Sent {
        match self.deliver(&pending).await {
            Ok(created) => {
                self.record_filed(&pending, created.clone());
                Sent::Filed(created)
            }
            Err(err) if err.is_transient() => {
                self.waiting.update(|waiting| {
                    push_new(waiting, pending.clone(), |p| p.idempotency_key.clone());
                });
                self.persist();
                self.host.emit(
                    "ticket:queued",
                    &serde_json::json!({ "subject": pending.subject() }),
                );
                self.schedule_flush(not_before(err.retry_after_ms()).max(FIRST_RETRY_MS));
                Sent::Queued
            }
            Err(err) => Sent::Refused(err),
        }
    }

    /// Makes the lists `user_id`'s, whom the desk has just verified: their stored tickets come back (and those
    /// waiting are sent), tickets filed anonymously on this browser become theirs, and another user's go.
    pub fn claim(&self, user_id: &str) {
        self.read_filed();
        if self.owner.get_value().is_some_and(|owner| owner != user_id) {
            self.waiting.set(Vec::new());
            self.filed.set(Some(Vec::new()));
        }
        if storage::load::<String>(OWNER_KEY).as_deref() == Some(user_id) {
            let stored_waiting: Vec<Pending> = storage::load(OUTBOX_KEY).unwrap_or_default();
            let stored_filed: Vec<Filed> = storage::load(FILED_KEY).unwrap_or_default();
            self.waiting.update(|waiting| {
                for pending in stored_waiting {
                    push_new(waiting, pending, |p| p.idempotency_key.clone());
                }
            });
            self.update_filed(|filed| {
                for ticket in stored_filed {
                    push_new(filed, ticket, |f| f.created.id.clone());
                }
            });
        }
        self.owner.set_value(Some(user_id.to_owned()));
        self.persist();
        if !self.waiting.get_untracked().is_empty() {
            self.schedule_flush(0.0);
        }
    }

    /// Stores both lists as the current owner's, in place of whatever another user left. Empty lists are
    /// removed, so nothing is written before the user has filed something.
    fn persist(&self) {
        self.read_filed();
        let waiting = self.waiting.get_untracked();
        let filed = self.filed.get_untracked().unwrap_or_default();
        save_or_remove(OUTBOX_KEY, &waiting);
        save_or_remove(FILED_KEY, &filed);
        match self.owner.get_value() {
            Some(owner) if !(waiting.is_empty() && filed.is_empty()) => {
                storage::save(OWNER_KEY, &owner)
            }
            _ => storage::remove(OWNER_KEY),
        }
    }

    /// Adds the verified user's tickets filed on other devices (or before this browser's storage was cleared)
    /// to "Your requests".
    pub fn add_from_desk(&self, tickets: Vec<UserTicket>) {
        self.update_filed(|filed| {
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

    /// One attempt to file `pending`, under the user's verified identity when the page gave one.
    async fn deliver(&self, pending: &Pending) -> Result<TicketCreated, ClientError> {
        let api = self
            .api
            .try_get_value()
            .ok_or_else(|| ClientError::Network("the widget was shut down".into()))?;
        api.create_ticket(
            &pending.ticket,
            &pending.idempotency_key,
            self.user.token().as_deref(),
        )
        .await
    }

    fn record_filed(&self, pending: &Pending, created: TicketCreated) {
        self.host.emit(
            "ticket:created",
            &serde_json::json!({ "id": created.id, "queue": created.queue }),
        );
        self.usage.record(EventKind::TicketFiled, Some(&created.id));
        self.waiting.update(|waiting| {
            waiting.retain(|p| p.idempotency_key != pending.idempotency_key);
        });
        self.update_filed(|filed| {
            if !filed
                .iter()
                .any(|f| f.idempotency_key == pending.idempotency_key)
            {
                filed.insert(
                    0,
                    Filed {
                        idempotency_key: pending.idempotency_key.clone(),
                        subject: pending.subject().to_owned(),
                        created,
                    },
                );
            }
        });
        self.persist();
    }

    /// Sends everything waiting; what still cannot go stays for the next try, `Err` with the longest wait the
    /// desk asked for (a 429's or 503's `Retry-After`), if any.
    async fn flush(self) -> Result<(), Option<f64>> {
        let waiting = self.waiting.get_untracked();
        let mut unsent: Result<(), Option<f64>> = Ok(());
        for pending in waiting {
            match self.deliver(&pending).await {
                Ok(created) => self.record_filed(&pending, created),
                Err(err) if err.is_transient() => {
                    let longest = match (unsent.err().flatten(), err.retry_after_ms()) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        (a, b) => a.or(b),
                    };
                    unsent = Err(longest);
                }
                // Refused for good (the desk's rules changed under it): drop it rather than retry forever.
                Err(err) => {
                    warn(&format!("a saved request was refused and dropped: {err}"));
                    self.waiting.update(|waiting| {
                        waiting.retain(|p| p.idempotency_key != pending.idempotency_key);
                    });
                    self.persist();
                }
            }
        }
        unsent
    }

    /// Retries in `delay_ms` (with jitter), doubling the wait while the desk stays unreachable, and never sooner
    /// than the desk asked.
    fn schedule_flush(self, delay_ms: f64) {
        if self.flushing.get_untracked() {
            return;
        }
        self.flushing.set(true);
        leptos::task::spawn_local(async move {
            let mut delay = delay_ms;
            loop {
                crate::time::sleep_about(delay).await;
                if self.nothing_waits() {
                    break;
                }
                match self.flush().await {
                    Ok(()) => break,
                    Err(asked) => {
                        delay = (delay * 2.0)
                            .clamp(FIRST_RETRY_MS, MAX_RETRY_MS)
                            .max(not_before(asked));
                    }
                }
            }
            let _ = self.flushing.try_set(false);
        });
    }
}

/// Appends `item` unless `list` already holds one with the same `key`.
fn push_new<T, K: PartialEq>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> K) {
    let new = key(&item);
    if !list.iter().any(|held| key(held) == new) {
        list.push(item);
    }
}

/// Stores `list` under `key`, or removes the key when the list is empty.
fn save_or_remove<T: Serialize>(key: &str, list: &[T]) {
    if list.is_empty() {
        storage::remove(key);
    } else {
        storage::save(key, &list);
    }
}

/// A delay that, with the jitter of `sleep_about` (which may take a fifth off), is never shorter than the
/// `asked_ms` the desk asked for.
fn not_before(asked_ms: Option<f64>) -> f64 {
    asked_ms.unwrap_or(0.0) * 1.25
}
