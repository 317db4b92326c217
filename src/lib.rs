//! Signpost, the in-page support widget: a Leptos app compiled to WebAssembly.
//!
//! The loader script (`loader/loader.js`) owns the page-facing API and the placeholder launcher. Once it has
//! fetched this module it calls [`start`] with an element inside its shadow root, then forwards every widget
//! command to [`Widget::command`] as a name and a JSON array of arguments.
//!
//! The widget's state lives in small contexts, one per concern (see [`Contexts`]); each part reads only the
//! ones it needs.

mod api;
mod app;
mod command;
mod components;
mod contexts;
mod desk_suggestions;
mod handoff;
mod hooks;
mod host;
mod i18n;
mod identity;
mod intl;
mod json;
mod markup;
mod navigation;
mod outbox;
mod page_context;
mod reading;
mod searches;
mod site;
mod status_feed;
mod storage;
mod time;
mod triage_reason;
mod usage;

pub use app::App;
pub use contexts::Contexts;
pub use host::Host;
pub use navigation::View;

use leptos::mount::mount_to;
use leptos::prelude::*;
use signpost_core::embed::{EmbedConfig, Position};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// A running widget, as the loader holds it.
#[wasm_bindgen]
pub struct Widget {
    contexts: Contexts,
    // Dropping the owner disposes every signal and effect; dropping the handle removes the view.
    _view: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
    _owner: Owner,
}

/// Mounts the widget into `mount` (an element inside the loader's shadow root).
///
/// `config` is an [`EmbedConfig`] as JSON; `emit(name, detail)` delivers widget events to the page's listeners;
/// `messages` is the page's language's `messages-<tag>.json` as `tag`, when the loader fetched it beside the
/// module (so the panel opens in that language at once).
#[wasm_bindgen]
pub fn start(
    mount: web_sys::HtmlElement,
    config: &str,
    emit: js_sys::Function,
    tag: Option<String>,
    messages: Option<String>,
) -> Result<Widget, JsError> {
    console_error_panic_hook::set_once();
    let config: EmbedConfig = json::from_str(config)
        .map_err(|err| JsError::new(&format!("Signpost: bad config: {err}")))?;
    if let (Some(locale), Some(messages)) = (tag.as_deref().and_then(i18n::Locale::find), messages)
    {
        // A catalog that does not read is fetched again by the widget.
        if let Ok(messages) = json::from_str(&messages) {
            locale.learn(messages);
        }
    }
    storage::set_policy(config.storage);
    let owner = Owner::new();
    let (contexts, view) = owner.with(|| {
        let widget = Contexts::new(config, Host::new(emit));
        let host = js_sys::Reflect::get(&mount.get_root_node(), &"host".into()).ok();
        let view = mount_to(mount, move || view! { <App widget/> }.into_any());
        // After mounting, which starts the executor that effects run on.
        if let Some(host) = host.and_then(|host| host.dyn_into::<web_sys::Element>().ok()) {
            follow_reading_direction(host, widget);
        }
        (widget, view)
    });
    Ok(Widget {
        contexts,
        _view: view,
        _owner: owner,
    })
}

/// Moves the launcher and panel to the end of the reading direction (left in Arabic) as the language changes,
/// unless the site chose a corner. The host element is outside the view, so it is set here.
fn follow_reading_direction(host: web_sys::Element, widget: Contexts) {
    let (chosen, language) = (widget.config.with_value(|c| c.position), widget.language);
    Effect::new(move || {
        let side = match chosen {
            Some(Position::Left) => "left",
            Some(Position::Right) => "right",
            None if language.ui().is_rtl() => "left",
            None => "right",
        };
        let _ = host.set_attribute("data-position", side);
    });
}

#[wasm_bindgen]
impl Widget {
    /// Runs one API command; `args` is the JSON array of the arguments the page passed.
    pub fn command(&self, name: &str, args: &str) {
        let args: Vec<serde_json::Value> = json::from_str(args).unwrap_or_default();
        self.contexts.command(name, args);
    }
}
