//! What the page told the widget about the user's situation (`Signpost('setContext', …)`), as one context.

use crate::host::warn;
use crate::i18n::Language;
use leptos::prelude::*;
use serde_json::{Map, Value};
use signpost_core::context::{Context, Page, merge_patch};
use signpost_core::embed::Surface;

/// The page's context: every `setContext` patch merged, and the parsed [`Context`] the widget acts on.
#[derive(Clone, Copy)]
pub struct PageContext {
    /// The merged patches, before parsing.
    raw: RwSignal<Map<String, Value>>,
    parsed: Memo<Context>,
}

impl PageContext {
    /// An empty context on `surface` (the script tag's), in the interface's language.
    pub fn new(surface: Surface, language: Language) -> Self {
        let raw = RwSignal::new(Map::new());
        let parsed = Memo::new(move |_| {
            let (mut context, warnings) = raw.with(Context::from_json);
            for warning in warnings {
                warn(&warning.to_string());
            }
            context.surface.get_or_insert(surface);
            // The interface's language, whatever the page said: reasons read in the language around them.
            context.locale = Some(language.locale());
            context.page.get_or_insert_with(current_page);
            context
        });
        PageContext { raw, parsed }
    }

    /// Merges a `setContext` patch (JSON merge patch: `null` removes a key).
    pub fn merge(&self, patch: Map<String, Value>) {
        self.raw.update(|stored| merge_patch(stored, patch));
    }

    /// Reads the context; a view that calls this follows every change.
    pub fn with<R>(&self, read: impl FnOnce(&Context) -> R) -> R {
        self.parsed.with(read)
    }

    /// Reads the context now, for an event handler.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&Context) -> R) -> R {
        self.parsed.with_untracked(read)
    }

    /// The context as the desk reads it (`Context::from_json`), tracked: the page's own keys, with the surface,
    /// language and page the widget filled in. Built from the page's JSON, not by encoding [`Context`], whose
    /// encoder would weigh on the main module.
    pub fn json(&self) -> Map<String, Value> {
        let mut json = self.raw.get();
        self.with(|context| {
            if let Some(surface) = context.surface {
                json.insert("surface".into(), surface.as_str().into());
            }
            if let Some(locale) = &context.locale {
                json.insert("locale".into(), locale.as_str().into());
            }
            if let Some(page) = context.page.as_ref().filter(|_| !json.contains_key("page")) {
                let mut fields = Map::new();
                for (key, value) in [("url", &page.url), ("title", &page.title)] {
                    if let Some(value) = value {
                        fields.insert(key.into(), value.as_str().into());
                    }
                }
                json.insert("page".into(), fields.into());
            }
        });
        json
    }

    /// The page's surface (tracked).
    pub fn surface(&self) -> Surface {
        self.with(|c| c.surface.unwrap_or_default())
    }

    /// The page's surface now, for an event handler.
    pub fn surface_untracked(&self) -> Surface {
        self.with_untracked(|c| c.surface.unwrap_or_default())
    }
}

/// The host page's address and title, for when the page does not say.
fn current_page() -> Page {
    let document = web_sys::window().and_then(|w| w.document());
    Page {
        url: document.as_ref().and_then(|d| d.url().ok()),
        title: document.map(|d| d.title()).filter(|t| !t.is_empty()),
    }
}
