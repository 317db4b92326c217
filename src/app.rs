//! The root component: the launcher and the panel it opens.

use crate::components::{Launcher, Panel};
use crate::state::WidgetState;
use leptos::prelude::*;

/// The whole widget. Everything below reads [`WidgetState`] from context.
#[component]
pub fn App(
    /// The widget's state, created by `start` (or a test).
    state: WidgetState,
) -> impl IntoView {
    provide_context(state);
    view! {
        <div class="sp-root">
            <Panel/>
            <Launcher/>
        </div>
    }
}
