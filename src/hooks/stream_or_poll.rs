//! `use_stream_or_poll`: follow a server's event stream, and poll instead when the stream cannot be used.

use super::use_event_listener;
use leptos::ev;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// Stream errors before any event arrives that mean the stream is blocked (a proxy, a CSP), not just flaky.
const FAILURES_BEFORE_POLLING: u32 = 2;

/// A Server-Sent Events stream and the event that carries each new state.
pub struct EventStream {
    pub url: String,
    /// The event name, e.g. `summary`.
    pub event: &'static str,
}

/// How often to poll.
#[derive(Clone, Copy, Debug)]
pub struct Polling {
    /// The wait between polls while the fetch succeeds.
    pub every_ms: f64,
    /// The longest wait: it doubles after each failed fetch, up to this.
    pub max_wait_ms: f64,
}

/// One poll: true when it got the state.
type PollOnce = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = bool>>>>;

/// Calls `on_update` with every new state for as long as the current owner lives: from `stream` (each event's
/// data read by `decode`), or, when there is no stream or it is refused or blocked, from `fetch` on the
/// `polling` schedule. `fetch` gives `None` when it could not get the state.
pub fn use_stream_or_poll<T, Fetch, Fut>(
    stream: Option<EventStream>,
    fetch: Fetch,
    polling: Polling,
    decode: fn(&str) -> Option<T>,
    on_update: impl Fn(T) + 'static,
) where
    T: 'static,
    Fetch: Fn() -> Fut + 'static,
    Fut: Future<Output = Option<T>> + 'static,
{
    let on_update = Rc::new(on_update);
    let on_event = {
        let on_update = on_update.clone();
        Box::new(move |data: String| {
            if let Some(state) = decode(&data) {
                on_update(state);
            }
        })
    };
    let poll_once: PollOnce = Rc::new(move || {
        let (state, on_update) = (fetch(), on_update.clone());
        Box::pin(async move {
            let Some(state) = state.await else {
                return false;
            };
            on_update(state);
            true
        })
    });
    follow(stream, poll_once, polling, on_event);
}

/// The part of [`use_stream_or_poll`] that does not depend on the state's type, compiled once.
fn follow(
    stream: Option<EventStream>,
    poll_once: PollOnce,
    polling: Polling,
    on_event: Box<dyn Fn(String)>,
) {
    // Lives as long as the owner: once it is disposed, polling stops and late answers are dropped.
    let alive = StoredValue::new(());
    let poll = move || {
        let poll_once = poll_once.clone();
        leptos::task::spawn_local(async move {
            let mut wait = polling.every_ms;
            while alive.try_get_value().is_some() {
                wait = if poll_once().await {
                    polling.every_ms
                } else {
                    (wait * 2.0).min(polling.max_wait_ms)
                };
                crate::time::sleep_about(wait).await;
            }
        });
    };
    let Some(stream) = stream else {
        return poll();
    };
    let Ok(source) = web_sys::EventSource::new(&stream.url) else {
        return poll();
    };
    let received = StoredValue::new(false);
    let failures = StoredValue::new(0u32);
    use_event_listener(
        source.clone(),
        ev::Custom::<web_sys::MessageEvent>::new(stream.event),
        move |event| {
            received.set_value(true);
            if let Some(data) = event.data().as_string() {
                on_event(data);
            }
        },
    );
    let fallback = source.clone();
    use_event_listener(source.clone(), ev::error, move |_| {
        // EventSource reconnects by itself after a network error, but gives up for good on a refusal (an HTTP
        // error, the wrong content type): then, or when it keeps failing before delivering anything, poll.
        failures.update_value(|n| *n += 1);
        let gave_up = fallback.ready_state() == web_sys::EventSource::CLOSED;
        let blocked = !received.get_value() && failures.get_value() >= FAILURES_BEFORE_POLLING;
        if gave_up || blocked {
            fallback.close();
            poll();
        }
    });
    let source = StoredValue::new_local(source);
    on_cleanup(move || source.with_value(web_sys::EventSource::close));
}
