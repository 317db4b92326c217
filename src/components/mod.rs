//! One component per thing the user sees.

mod article;
mod back;
pub mod chunk;
mod contact;
mod flow;
mod launcher;
mod nudge;
mod panel;
mod requests;
mod satisfaction;
mod search;
mod status_view;
mod suggestions;

pub use article::ArticleView;
pub use back::BackButton;
pub use chunk::Chunk;
pub use contact::{ContactForm, ContactSupportButton};
pub use flow::FlowView;
pub use launcher::Launcher;
pub use nudge::NudgeBubble;
pub use panel::Panel;
pub use requests::{RequestList, Thread};
pub use search::Search;
pub use status_view::{StatusBanner, StatusView, severity_words};
pub use suggestions::{SuggestionList, fact_label, fact_name};

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use wasm_bindgen::JsCast;

/// Moves keyboard focus to `target` the first time it is on screen. A view that replaces the one holding focus
/// must take it, or focus falls to the page: screen readers lose their place and Escape stops closing the panel.
pub fn focus_when_shown<E>(target: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |focused: Option<bool>| {
        if focused == Some(true) {
            return true;
        }
        target
            .get()
            .map(|element| element.unchecked_ref::<web_sys::HtmlElement>().focus())
            .is_some()
    });
}
