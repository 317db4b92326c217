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
    // The rules and article catalog, fetched once: suggestions then follow every context change locally.
    let (api, locale) = (state.api.get_value(), state.locale());
    crate::status::follow(state);
    crate::outbox::start(state);
    leptos::task::spawn_local(async move {
        match api.site(&locale).await {
            Ok(site) => state.site.set(Some(site)),
            Err(err) => crate::host::warn(&format!("suggestions are unavailable: {err}")),
        }
    });
    view! {
        <div class="sp-root">
            <Panel/>
            <Launcher/>
        </div>
    }
}
