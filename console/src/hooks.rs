//! Reactive helpers that tie a browser resource to the current owner, shaped like leptos-use's `use_x`:
//! listeners, timers, the live inbox and status streams, and the keyboard shortcut filter.

use leptos::ev::{self, EventDescriptor};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Listens for `event` on `target` until the current owner is cleaned up.
pub fn use_event_listener<Ev>(
    target: impl Into<web_sys::EventTarget>,
    event: Ev,
    handler: impl FnMut(Ev::EventType) + 'static,
) where
    Ev: EventDescriptor + 'static,
    Ev::EventType: 'static,
{
    let target: web_sys::EventTarget = target.into();
    let name = event.name();
    let closure = Closure::<dyn FnMut(Ev::EventType)>::new(handler);
    let _ = target.add_event_listener_with_callback(&name, closure.as_ref().unchecked_ref());
    // Kept until removed: dropping the closure while the browser can still call it would fail.
    let listening = StoredValue::new_local((target, name, closure));
    on_cleanup(move || {
        listening.with_value(|(target, name, closure)| {
            let _ =
                target.remove_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        })
    });
}

/// Calls `tick` every `every` until the current owner is cleaned up.
pub fn use_interval(every: Duration, tick: impl Fn() + 'static) {
    if let Ok(handle) = set_interval_with_handle(tick, every) {
        on_cleanup(move || handle.clear());
    }
}

/// Whether the inbox follows the desk's event stream, or polls because the stream failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveMode {
    Streaming,
    Polling,
}

/// Stream errors before any event that mean the stream is blocked, not just flaky.
const FAILURES_BEFORE_POLLING: u32 = 2;
const POLL_EVERY: Duration = Duration::from_secs(10);
/// While polling, the stream is tried again every this many polls (30 s).
const RECONNECT_EVERY_POLLS: u32 = 3;

/// An open event stream and its callbacks, which must live as long as it does. Dropping it closes the stream.
struct Connection {
    stream: web_sys::EventSource,
    _on_event: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_open: Closure<dyn FnMut(web_sys::Event)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.stream.close();
    }
}

/// Opens `url` and calls `on_change` with each `event`'s data; switches `mode` to polling when the stream is
/// refused or keeps failing, and back to streaming (with one catch-up `on_change(None)`) when it opens again.
fn connect(
    url: &str,
    event: &str,
    mode: RwSignal<LiveMode>,
    on_change: Rc<dyn Fn(Option<String>)>,
) -> Option<Connection> {
    let stream = web_sys::EventSource::new(url).ok()?;
    let received = Rc::new(Cell::new(false));
    let on_event = {
        let (received, on_change) = (received.clone(), on_change.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            received.set(true);
            on_change(event.data().as_string());
        })
    };
    let on_open = {
        let on_change = on_change.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            // Back from polling: catch up on what happened while the stream was down.
            if mode.get_untracked() == LiveMode::Polling {
                mode.set(LiveMode::Streaming);
                on_change(None);
            }
        })
    };
    let failures = Cell::new(0u32);
    let watched = stream.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        // EventSource retries a dropped connection by itself, but gives up for good on a refusal (an HTTP
        // error such as a 401): then, or when it keeps failing before delivering anything, poll.
        failures.set(failures.get() + 1);
        let gave_up = watched.ready_state() == web_sys::EventSource::CLOSED;
        let blocked = !received.get() && failures.get() >= FAILURES_BEFORE_POLLING;
        if gave_up || blocked {
            watched.close();
            mode.set(LiveMode::Polling);
            // Fetch now rather than at the next poll: a refusal is often a session that ended (a disabled
            // agent), and the fetch's 401 is what tells the console.
            on_change(None);
        }
    });
    let _ = stream.add_event_listener_with_callback(event, on_event.as_ref().unchecked_ref());
    stream.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    stream.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Connection {
        stream,
        _on_event: on_event,
        _on_open: on_open,
        _on_error: on_error,
    })
}

/// Follows `url`'s `event` events, calling `on_change` for each; when the stream is refused or keeps failing,
/// polls (calls `on_change`) every 10 s and tries the stream again every 30 s. Lives as long as the owner.
pub fn use_live(
    url: &'static str,
    event: &'static str,
    on_change: impl Fn() + 'static,
) -> ReadSignal<LiveMode> {
    use_live_data(url, event, move |_| on_change())
}

/// [`use_live`], with each event's data: `on_change(Some(data))` for an event, `on_change(None)` for a poll or
/// the catch-up after the stream came back (then fetch the state).
pub fn use_live_data(
    url: &'static str,
    event: &'static str,
    on_change: impl Fn(Option<String>) + 'static,
) -> ReadSignal<LiveMode> {
    let on_change: Rc<dyn Fn(Option<String>)> = Rc::new(on_change);
    let mode = RwSignal::new(LiveMode::Streaming);
    let poll = on_change.clone();
    let open = move || connect(url, event, mode, on_change.clone());
    // Dropped with the owner, which closes the stream.
    let connection = StoredValue::new_local(open());
    if connection.with_value(Option::is_none) {
        mode.set(LiveMode::Polling);
    }
    let polls = Cell::new(0u32);
    use_interval(POLL_EVERY, move || {
        if mode.get_untracked() != LiveMode::Polling {
            polls.set(0);
            return;
        }
        poll(None);
        polls.set(polls.get() + 1);
        if polls.get().is_multiple_of(RECONNECT_EVERY_POLLS) {
            connection.set_value(open());
        }
    });
    mode.read_only()
}

/// The key of a keyboard shortcut, or `None` when the event is not one: typed into a field, with a modifier,
/// or while a dialog is open (the dialog handles its own keys). Escape passes in fields, so a field can be left.
pub fn shortcut_key(event: &web_sys::KeyboardEvent) -> Option<String> {
    if event.ctrl_key() || event.meta_key() || event.alt_key() || event.default_prevented() {
        return None;
    }
    let key = event.key();
    let document = document();
    if document
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
    {
        return None;
    }
    let typing = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || element
                    .closest("[contenteditable]")
                    .ok()
                    .flatten()
                    .is_some()
        });
    (!typing || key == "Escape").then_some(key)
}

/// Calls `on_key` with each shortcut key pressed anywhere on the page, for as long as the owner lives.
pub fn use_shortcuts(on_key: impl Fn(&str, &web_sys::KeyboardEvent) + 'static) {
    use_event_listener(window(), ev::keydown, move |event| {
        if let Some(key) = shortcut_key(&event) {
            on_key(&key, &event);
        }
    });
}
