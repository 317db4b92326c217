//! The root: language, session check, and which of sign-in, set-password and the workspace is shown.

use super::header::Header;
use super::inbox::Inbox;
use super::insights::InsightsPage;
use super::shortcuts::ShortcutsDialog;
use super::sign_in::{SetPassword, SignIn};
use super::status_page::StatusPage;
use super::ticket::TicketPage;
use crate::api;
use crate::filters::Filters;
use crate::hooks::{use_interval, use_live, use_shortcuts};
use crate::i18n::{K, Lang, UiLang, tr};
use crate::route::{CurrentRoute, Route, use_route};
use crate::state::{Auth, Clock, InboxState, Live, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// What the page shows, by route and session.
#[derive(Clone, Debug, PartialEq)]
enum Gate {
    Checking,
    SetPassword(String),
    SignIn,
    Workspace,
}

/// The console.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::detect());
    provide_context(UiLang(lang));
    Effect::new(move || {
        let lang = lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
            let _ = html.set_attribute("dir", if lang.is_rtl() { "rtl" } else { "ltr" });
        }
        document().set_title(lang.t(K::AppName));
    });
    let auth = Auth::default();
    provide_context(auth);
    let route = use_route();
    provide_context(CurrentRoute(route));
    let checked = RwSignal::new(false);
    spawn_local(async move {
        match api::session().await {
            Ok(agent) => auth.agent.set(Some(agent)),
            // Simply not signed in: no notice.
            Err(err) if err.status() == Some(401) => {}
            Err(err) => auth.notice.set(Some(Notice::Unreachable(err.detail()))),
        }
        checked.set(true);
    });
    let gate = Memo::new(move |_| {
        let signed_in = auth.agent.with(Option::is_some);
        match route.get() {
            Route::SetPassword(token) => Gate::SetPassword(token),
            _ if !checked.get() => Gate::Checking,
            _ if signed_in => Gate::Workspace,
            _ => Gate::SignIn,
        }
    });
    move || match gate.get() {
        Gate::Checking => view! {
            <Header/>
            <main id="main" tabindex="-1" class="sp-main sp-main--narrow">
                <h1>{tr(K::AppName)}</h1>
                <p role="status">{tr(K::Loading)}</p>
            </main>
        }
        .into_any(),
        Gate::SetPassword(token) => view! { <SetPassword token/> }.into_any(),
        Gate::SignIn => view! { <SignIn/> }.into_any(),
        Gate::Workspace => view! { <Workspace route/> }.into_any(),
    }
}

/// The signed-in console: live updates, the inbox, a ticket, the insights or the status page, and the shortcuts
/// dialog.
#[component]
fn Workspace(
    /// The current route (the inbox, a ticket, the insights or the status page).
    route: RwSignal<Route>,
) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let mode = use_live("/v1/agent/stream", "inbox", move || {
        tick.update(|n| *n += 1)
    });
    let live = Live { tick, mode };
    provide_context(live);
    let now = RwSignal::new(js_sys::Date::now());
    use_interval(Duration::from_secs(30), move || {
        now.set(js_sys::Date::now())
    });
    provide_context(Clock(now));
    provide_context(InboxState {
        filters: RwSignal::new(Filters::default()),
        selected: RwSignal::new(None),
    });
    let help = RwSignal::new(false);
    use_shortcuts(move |key, event| {
        if key == "?" {
            event.prevent_default();
            help.set(true);
        }
    });
    // Only a change of view re-renders: the set-password route never reaches the workspace.
    let view = Memo::new(move |_| match route.get() {
        Route::SetPassword(_) => Route::Inbox,
        other => other,
    });
    view! {
        <Header help live/>
        {move || match view.get() {
            Route::Ticket(id) => view! { <TicketPage id/> }.into_any(),
            Route::Insights => view! { <InsightsPage/> }.into_any(),
            Route::Status => view! { <StatusPage/> }.into_any(),
            Route::Inbox | Route::SetPassword(_) => view! { <Inbox/> }.into_any(),
        }}
        <ShortcutsDialog open=help/>
    }
}
