//! The way back to the host page: events for the listeners registered with `Signpost('on', …)`, and warnings.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Delivers widget events to the loader, which calls the page's listeners.
#[derive(Clone, Copy)]
pub struct Host {
    emit: StoredValue<js_sys::Function, LocalStorage>,
}

impl Host {
    /// Wraps the loader's `emit(name, detail)` callback.
    pub fn new(emit: js_sys::Function) -> Self {
        Host {
            emit: StoredValue::new_local(emit),
        }
    }

    /// Fires `name` with a JSON-serialisable detail. A throwing listener is the page's problem, not ours:
    /// the loader isolates each call.
    pub fn emit(&self, name: &str, detail: &serde_json::Value) {
        let detail = js_sys::JSON::parse(&detail.to_string()).unwrap_or(JsValue::NULL);
        self.emit.with_value(|emit| {
            let _ = emit.call2(&JsValue::NULL, &JsValue::from_str(name), &detail);
        });
    }
}

/// Writes a warning for the page's developers to the console.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("Signpost: {message}")));
}
