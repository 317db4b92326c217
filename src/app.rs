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
    crate::status::follow(state);
    crate::outbox::start(state);
    // The rules and article catalog, fetched again only when the language changes: suggestions then follow
    // every context change locally.
    Effect::new(move || {
        let (api, locale) = (state.api.get_value(), state.locale());
        leptos::task::spawn_local(async move {
            match api.site(&locale).await {
                Ok(site) => state.site.set(Some(site)),
                Err(err) => crate::host::warn(&format!("suggestions are unavailable: {err}")),
            }
        });
    });
    let ui = state.ui;
    view! {
        <div class="sp-root" lang=move || ui.get().tag() dir=move || if ui.get().is_rtl() { "rtl" } else { "ltr" }>
            <Panel/>
            <Launcher/>
        </div>
    }
}
