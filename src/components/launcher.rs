//! The round button in the page's corner that opens and closes the panel.

use crate::state::WidgetState;
use leptos::prelude::*;

/// The help icon, shared with the loader's placeholder launcher.
const HELP_ICON: &str = include_str!("../../style/icons/help.svg");

/// The launcher button. It replaces the loader's placeholder, which has the same look and place.
#[component]
pub fn Launcher() -> impl IntoView {
    let state = expect_context::<WidgetState>();
    view! {
        <button
            type="button"
            class="sp-launcher"
            node_ref=state.launcher
            aria-label="Help"
            aria-controls="sp-panel"
            aria-expanded=move || state.open.get().to_string()
            on:click=move |_| state.set_open(!state.open.get_untracked())
        >
            <span class="sp-launcher__art" inner_html=HELP_ICON></span>
            <span class="sp-launcher__label">"Help"</span>
        </button>
    }
}
