//! Where the user is in the widget, as one context: whether the panel is open, which view it shows, and what the
//! page asked a view to start with.

use crate::host::Host;
use crate::usage::Usage;
use leptos::html;
use leptos::prelude::*;
use serde_json::Value;
use signpost_core::insights::events::EventKind;

/// What the panel shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Search, suggestions and the way to contact support.
    #[default]
    Home,
    /// One article, by id.
    Article(String),
    /// Every open incident and maintenance with its timeline.
    Status,
    /// The contact form, with a topic chosen for the user.
    Contact { topic: Option<String> },
    /// This browser's tickets.
    Requests,
    /// One ticket's conversation, by id.
    Thread(String),
    /// A guided flow, by id.
    Flow(String),
}

/// What the page filled in with `Signpost('newTicket', { topic, subject, message })` (the topic travels in
/// [`View::Contact`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prefill {
    pub subject: Option<String>,
    pub message: Option<String>,
}

/// The panel and its views.
#[derive(Clone, Copy)]
pub struct Navigation {
    open: RwSignal<bool>,
    /// What the panel shows.
    pub view: RwSignal<View>,
    /// A search the page asked for (`Signpost('search', q)`), for the search box to run.
    search_request: RwSignal<Option<String>>,
    /// What the page filled into the contact form, until the form takes it.
    prefill: RwSignal<Option<Prefill>>,
    /// The launcher, which gets focus back when the panel closes from inside.
    pub launcher: NodeRef<html::Button>,
    /// The panel element.
    pub panel: NodeRef<html::Div>,
    /// The page element that had focus when the panel opened.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    host: Host,
    usage: Usage,
}

impl Navigation {
    /// A closed panel on the home view; `host` hears when it opens and closes, `usage` when it opens.
    pub fn new(host: Host, usage: Usage) -> Self {
        Navigation {
            open: RwSignal::new(false),
            view: RwSignal::new(View::Home),
            search_request: RwSignal::new(None),
            prefill: RwSignal::new(None),
            launcher: NodeRef::new(),
            panel: NodeRef::new(),
            opener: StoredValue::new_local(None),
            host,
            usage,
        }
    }

    /// Whether the panel is showing (tracked).
    pub fn is_open(&self) -> bool {
        self.open.get()
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
            .is_some_and(|panel| focused_within(&panel).is_some());
        if open {
            // The page's own button, when it opened us: focus goes back there if there is no launcher.
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                .filter(|e| e.local_name() != "signpost-widget");
            self.opener.set_value(active);
        }
        self.open.set(open);
        if !open && focus_was_inside {
            let launcher = self.launcher.get_untracked().filter(|l| !l.hidden());
            match (launcher, self.opener.get_value()) {
                (Some(launcher), _) => {
                    let _ = launcher.focus();
                }
                (None, Some(opener)) => {
                    let _ = opener.focus();
                }
                (None, None) => {}
            }
        }
        self.host
            .emit(if open { "open" } else { "close" }, &Value::Null);
        if open {
            self.usage.record(EventKind::Opened, None);
        }
    }

    /// Opens the panel if it is closed, closes it if it is open.
    pub fn toggle(&self) {
        self.set_open(!self.open.get_untracked());
    }

    /// Switches the panel to `view`.
    pub fn go(&self, view: View) {
        match view {
            View::Status => self.usage.record(EventKind::StatusViewed, None),
            View::Contact { .. } => self.usage.record(EventKind::ContactStarted, None),
            _ => {}
        }
        self.view.set(view);
    }

    /// Opens the panel on `view`.
    pub fn show(&self, view: View) {
        self.go(view);
        self.set_open(true);
    }

    /// Opens home and runs the page's search for `query`.
    pub fn search(&self, query: String) {
        self.show(View::Home);
        self.search_request.set(Some(query));
    }

    /// The page's search, once: the search box takes it (tracked, so the box hears of the next one).
    pub fn take_search_request(&self) -> Option<String> {
        let query = self.search_request.get()?;
        self.search_request.set(None);
        Some(query)
    }

    /// Opens the contact form on `topic` with what the page filled in.
    pub fn new_ticket(&self, topic: Option<String>, prefill: Prefill) {
        self.prefill.set(Some(prefill));
        self.show(View::Contact { topic });
    }

    /// What the page filled in, once: the form takes it as it opens.
    pub fn take_prefill(&self) -> Option<Prefill> {
        let prefill = self.prefill.get_untracked()?;
        self.prefill.set(None);
        Some(prefill)
    }
}

/// The element with keyboard focus if it is `element` or inside it, looking through the shadow root it lives in.
pub fn focused_within(element: &web_sys::HtmlElement) -> Option<web_sys::Element> {
    let root = element.get_root_node();
    js_sys::Reflect::get(&root, &"activeElement".into())
        .ok()
        .and_then(|value| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(value).ok())
        .filter(|active| element.contains(Some(active)))
}
