//! The widget's state and the commands that change it, apart from any view so tests can drive it.

use crate::host::{Host, warn};
use leptos::html;
use leptos::prelude::*;
use serde_json::{Map, Value, json};
use signpost_core::context::{Context, merge_patch};
use signpost_core::embed::EmbedConfig;

/// Everything the widget knows, shared by its components as one `Copy` handle.
#[derive(Clone, Copy)]
pub struct WidgetState {
    /// How the page embedded the widget.
    pub config: StoredValue<EmbedConfig>,
    /// Whether the panel is showing.
    pub open: RwSignal<bool>,
    /// The page's context as merged from every `setContext` call, before parsing.
    raw_context: RwSignal<Map<String, Value>>,
    /// The parsed context the widget acts on.
    pub context: Memo<Context>,
    host: Host,
    /// The launcher, which gets focus back when the panel closes from inside.
    pub launcher: NodeRef<html::Button>,
    /// The panel element.
    pub panel: NodeRef<html::Div>,
}

impl WidgetState {
    /// Fresh state for a page: panel closed, no context beyond the embed config.
    pub fn new(config: EmbedConfig, host: Host) -> Self {
        let surface = config.surface;
        let raw_context = RwSignal::new(Map::new());
        let context = Memo::new(move |_| {
            let (mut context, warnings) = raw_context.with(Context::from_json);
            for warning in warnings {
                warn(&warning.to_string());
            }
            context.surface.get_or_insert(surface);
            context
        });
        WidgetState {
            config: StoredValue::new(config),
            open: RwSignal::new(false),
            raw_context,
            context,
            host,
            launcher: NodeRef::new(),
            panel: NodeRef::new(),
        }
    }

    /// Shows or hides the panel, telling the page's `open` / `close` listeners when it changes.
    ///
    /// Closing hands focus back to the launcher only when focus was in the panel, so an API `close` never
    /// steals it from the page.
    pub fn set_open(&self, open: bool) {
        if self.open.get_untracked() == open {
            return;
        }
        let focus_was_inside = self
            .panel
            .get_untracked()
            .is_some_and(|panel| focus_is_inside(&panel));
        self.open.set(open);
        if !open
            && focus_was_inside
            && let Some(launcher) = self.launcher.get_untracked()
        {
            let _ = launcher.focus();
        }
        self.host
            .emit(if open { "open" } else { "close" }, &Value::Null);
    }

    /// Runs one command of the JS API that the loader forwarded.
    pub fn command(&self, name: &str, args: Vec<Value>) {
        match name {
            "open" => self.set_open(true),
            "close" => self.set_open(false),
            "toggle" => self.set_open(!self.open.get_untracked()),
            "setContext" => match args.into_iter().next() {
                Some(Value::Object(patch)) => {
                    self.raw_context.update(|stored| merge_patch(stored, patch))
                }
                other => warn(&format!(
                    "setContext expects an object, got {}",
                    json!(other)
                )),
            },
            unknown => warn(&format!("unknown command `{unknown}`")),
        }
    }
}

/// Whether keyboard focus is on `element` or inside it, looking through the shadow root it lives in.
fn focus_is_inside(element: &web_sys::HtmlElement) -> bool {
    let root = element.get_root_node();
    let active = js_sys::Reflect::get(&root, &"activeElement".into())
        .ok()
        .and_then(|value| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(value).ok());
    active.is_some_and(|node| element.contains(Some(&node)))
}
