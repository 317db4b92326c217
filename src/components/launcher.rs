//! The round button in the page's corner that opens and closes the panel.

use crate::components::{headline, severity_words};
use crate::i18n::Msg;
use crate::state::WidgetState;
use leptos::prelude::*;
use signpost_core::embed::Surface;
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
    // The site's own label, else "Help" in the user's language.
    let custom = StoredValue::new(state.config.with_value(|c| c.launcher_label.clone()));
    let label = move || {
        custom
            .get_value()
            .unwrap_or_else(|| state.text(Msg::Help).to_owned())
    };
    let name = move || {
        let ui = state.ui.get();
        match issue.get() {
            Some((surface, severity)) => {
                let msg = if severity == Severity::Maintenance {
                    Msg::LauncherMaintenance
                } else {
                    Msg::LauncherIssue
                };
                ui.format(msg, &[("surface", ui.text(surface_words(surface)))])
            }
            None => label(),
        }
    };
    view! {
        <button
            type="button"
            class="sp-launcher"
            node_ref=state.launcher
            hidden=state.config.with_value(|c| c.hide_launcher)
            aria-label=name
            aria-controls="sp-panel"
            aria-expanded=move || state.open.get().to_string()
            on:click=move |_| state.set_open(!state.open.get_untracked())
        >
            <span class="sp-launcher__art" inner_html=HELP_ICON></span>
            <span class="sp-launcher__label">{label}</span>
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

/// How a surface is named in "service issue affecting …".
fn surface_words(surface: Surface) -> Msg {
    match surface {
        Surface::Checkout => Msg::SurfaceCheckout,
        Surface::Order => Msg::SurfaceOrder,
        Surface::Onboarding => Msg::SurfaceOnboarding,
        Surface::Other => Msg::SurfaceOther,
    }
}
