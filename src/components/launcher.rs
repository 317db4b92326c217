//! The round button in the page's corner that opens and closes the panel.

use crate::components::{headline, severity_words};
use crate::state::WidgetState;
use leptos::prelude::*;
use signpost_core::status::Severity;

/// The help icon, shared with the loader's placeholder launcher.
const HELP_ICON: &str = include_str!("../../style/icons/help.svg");

/// The launcher button. It replaces the loader's placeholder, which has the same look and place.
#[component]
pub fn Launcher() -> impl IntoView {
    let state = expect_context::<WidgetState>();
    // While the panel is closed, the launcher carries the news: a badge, and a name that says what is wrong.
    let issue = Memo::new(move |_| {
        let surface = state.context.with(|c| c.surface.unwrap_or_default());
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let components = state.status_components();
        state.status.with(|s| {
            s.as_ref()
                .and_then(|s| headline(s, &components, surface, now))
                .filter(|h| !h.upcoming && h.severity != Severity::None)
                .map(|h| (surface, h.severity))
        })
    });
    let name = move || match issue.get() {
        Some((surface, Severity::Maintenance)) => format!("Help — maintenance affecting {surface}"),
        Some((surface, _)) => format!("Help — service issue affecting {surface}"),
        None => "Help".to_owned(),
    };
    view! {
        <button
            type="button"
            class="sp-launcher"
            node_ref=state.launcher
            aria-label=name
            aria-controls="sp-panel"
            aria-expanded=move || state.open.get().to_string()
            on:click=move |_| state.set_open(!state.open.get_untracked())
        >
            <span class="sp-launcher__art" inner_html=HELP_ICON></span>
            <span class="sp-launcher__label">"Help"</span>
            <span
                class=move || issue.get().map_or("sp-launcher__badge".to_owned(), |(_, severity)| {
                    format!("sp-launcher__badge sp-launcher__badge--{}", severity_words(severity).1)
                })
                hidden=move || issue.get().is_none()
                aria-hidden="true"
            ></span>
        </button>
    }
}
