//! The round button in the page's corner that opens and closes the panel.

use crate::components::severity_words;
use crate::i18n::{Language, Msg};
use crate::navigation::Navigation;
use crate::page_context::PageContext;
use crate::status_feed::StatusFeed;
use leptos::prelude::*;
use signpost_core::embed::Surface;
use signpost_core::feed::Severity;

// The help icon's drawing (`HELP_ICON_PATH`), from the file the loader's placeholder launcher draws too.
include!(concat!(env!("OUT_DIR"), "/help_icon.rs"));

/// The launcher button. It replaces the loader's placeholder, which has the same look and place.
#[component]
pub fn Launcher(
    /// The site's own label; "Help" in the user's language when it has none.
    label: Option<String>,
    /// Whether the site opens the widget from its own button instead.
    hidden: bool,
) -> impl IntoView {
    let navigation = expect_context::<Navigation>();
    let language = expect_context::<Language>();
    let (page, feed) = (
        expect_context::<PageContext>(),
        expect_context::<StatusFeed>(),
    );
    // While the panel is closed, the launcher carries the news: a badge, and a name that says what is wrong.
    let issue = Memo::new(move |_| {
        let surface = page.surface();
        let now = (js_sys::Date::now() / 1000.0) as i64;
        feed.headline(surface, now)
            .filter(|h| !h.upcoming && h.severity != Severity::None)
            .map(|h| (surface, h.severity))
    });
    let custom = StoredValue::new(label);
    let label = move || {
        custom
            .get_value()
            .unwrap_or_else(|| language.text(Msg::Help).to_owned())
    };
    let name = move || {
        let ui = language.ui();
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
            node_ref=navigation.launcher
            hidden=hidden
            aria-label=name
            aria-controls="sp-panel"
            aria-expanded=move || navigation.is_open().to_string()
            on:click=move |_| navigation.toggle()
        >
            <span class="sp-launcher__art">
                <svg class="sp-launcher__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d=HELP_ICON_PATH/>
                </svg>
            </span>
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
