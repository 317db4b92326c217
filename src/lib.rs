//! Signpost, the in-page support widget: a Leptos app compiled to WebAssembly.
//!
//! The loader script (`loader/loader.js`) owns the page-facing API and the placeholder launcher. Once it has
//! fetched this module it calls [`start`] with an element inside its shadow root, then forwards every widget
//! command to [`Widget::command`] as a name and a JSON array of arguments.

mod api;
mod app;
mod components;
mod host;
mod intl;
mod outbox;
mod state;
mod status;
mod storage;
mod time;

pub use app::App;
pub use host::Host;
pub use state::{View, WidgetState};

use leptos::mount::mount_to;
use leptos::prelude::*;
use signpost_core::embed::EmbedConfig;
use wasm_bindgen::prelude::*;

/// A running widget, as the loader holds it.
#[wasm_bindgen]
pub struct Widget {
    state: WidgetState,
    // Dropping the owner disposes every signal and effect; dropping the handle removes the view.
    _view: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
    _owner: Owner,
}

/// Mounts the widget into `mount` (an element inside the loader's shadow root).
///
/// `config` is an [`EmbedConfig`] as JSON; `emit(name, detail)` delivers widget events to the page's listeners.
#[wasm_bindgen]
pub fn start(
    mount: web_sys::HtmlElement,
    config: &str,
    emit: js_sys::Function,
) -> Result<Widget, JsError> {
    console_error_panic_hook::set_once();
    let config: EmbedConfig = serde_json::from_str(config)
        .map_err(|err| JsError::new(&format!("Signpost: bad config: {err}")))?;
    let owner = Owner::new();
    let (state, view) = owner.with(|| {
        let state = WidgetState::new(config, Host::new(emit));
        let view = mount_to(mount, move || view! { <App state/> }.into_any());
        (state, view)
    });
    Ok(Widget {
        state,
        _view: view,
        _owner: owner,
    })
}

#[wasm_bindgen]
impl Widget {
    /// Runs one API command; `args` is the JSON array of the arguments the page passed.
    pub fn command(&self, name: &str, args: &str) {
        let args: Vec<serde_json::Value> = serde_json::from_str(args).unwrap_or_default();
        self.state.command(name, args);
    }
}
