//! The root component: the launcher and the panel it opens.

use crate::components::{Launcher, Panel, chunk};
use crate::contexts::Contexts;
use crate::host::Host;
use leptos::prelude::*;

/// The whole widget. It provides each of the widget's narrow contexts, and starts what runs for as long as it
/// is mounted: the interface's messages, the status feed, the outbox and the site's rules.
#[component]
pub fn App(
    /// The widget's contexts, made by `start` (or a test).
    widget: Contexts,
) -> impl IntoView {
    widget.provide();
    let (desk, status_url, assets, label, hide_launcher, nudge) = widget.config.with_value(|c| {
        (
            c.desk.clone(),
            c.status_url.clone(),
            c.assets.clone(),
            c.launcher_label.clone(),
            c.hide_launcher,
            c.nudge.clone(),
        )
    });
    widget.language.fetch_messages(assets);
    widget.feed.follow(&desk, status_url, widget.host);
    widget.outbox.start();
    // The rules and article catalog, fetched again only when the language changes; suggestions once the panel
    // opens.
    widget
        .site
        .load(widget.api.get_value(), widget.language, widget.navigation);
    let language = widget.language;
    view! {
        <div
            class="sp-root"
            lang=move || language.ui().tag()
            dir=move || if language.ui().is_rtl() { "rtl" } else { "ltr" }
        >
            <Panel/>
            {nudge.and_then(|nudge| nudge_view(nudge, widget.host, hide_launcher))}
            <Launcher label hidden=hide_launcher/>
        </div>
    }
}

/// The desk's nudge for this page view (a `Nudge` as JSON), from its own chunk (nothing when that cannot be
/// fetched). A site that hides the launcher hears of it instead (the `nudge` event), to show it by its own button.
fn nudge_view(
    nudge: serde_json::Value,
    host: Host,
    launcher_hidden: bool,
) -> Option<impl IntoView> {
    if launcher_hidden {
        host.emit("nudge", &nudge);
        return None;
    }
    let made = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        if let Ok(make) = chunk::nudge().await {
            made.set(Some(make));
        }
    });
    Some(move || made.get().map(|make| make(nudge.clone())))
}
