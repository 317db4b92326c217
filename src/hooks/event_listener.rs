//! `use_event_listener`: add a listener now, remove it when the owner is cleaned up.

use leptos::ev::EventDescriptor;
use leptos::prelude::*;
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
    // Kept here until removed: dropping the closure while the browser can still call it would fail.
    let listening = StoredValue::new_local((target, name, closure));
    on_cleanup(move || {
        listening.with_value(|(target, name, closure)| {
            let _ =
                target.remove_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        })
    });
}
