//! The banner at the top of every view: the skip link, the console's name, the language picker and, when
//! signed in, the sections (the inbox, the insights and, for admins, the status page), the agent, the
//! live-update state, the shortcuts button and sign-out.

use crate::api;
use crate::components::glyph;
use crate::hooks::LiveMode;
use crate::i18n::{K, Lang, UiLang, tr};
use crate::route::{CurrentRoute, Route};
use crate::state::{Auth, Live};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The page's banner. With `help` (signed in), it shows the agent's controls.
#[component]
pub fn Header(
    /// Opens the keyboard shortcuts dialog; none before sign-in.
    #[prop(optional)]
    help: Option<RwSignal<bool>>,
    /// The live updates' state, shown while signed in. A prop, not a context: a context provided by the
    /// workspace would outlive its signals when signing out draws this header again.
    #[prop(optional)]
    live: Option<Live>,
) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let skip = |event: leptos::ev::MouseEvent| {
        // The hash is the router's: focus <main> instead of following `#main`.
        event.prevent_default();
        if let Some(main) = document()
            .get_element_by_id("main")
            .and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    };
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            auth.notice.set(None);
            auth.agent.set(None);
        });
    };
    view! {
        <header class="sp-header">
            <a class="sp-skip" href="#main" on:click=skip>{tr(K::SkipToMain)}</a>
            <span class="sp-header__brand">{tr(K::AppName)}</span>
            {help.map(|_| view! { <Sections/> })}
            {live.map(|live| view! {
                <span class="sp-header__live" data-testid="live-state">
                    {move || match live.mode.get() {
                        LiveMode::Streaming => view! {
                            {glyph("● ")}{tr(K::LiveOn)}
                        }.into_any(),
                        LiveMode::Polling => view! {
                            {glyph("◌ ")}{tr(K::LivePolling)}
                        }.into_any(),
                    }}
                </span>
            })}
            <LanguagePicker/>
            {help.map(|help| view! {
                <button type="button" class="sp-button sp-button--quiet" data-testid="shortcuts-button"
                    aria-keyshortcuts="?" on:click=move |_| help.set(true)>
                    {tr(K::Shortcuts)}
                </button>
                <span class="sp-header__agent" data-testid="agent-name">
                    {move || auth.agent.with(|agent| agent.as_ref().map(|agent| agent.name.clone()))}
                </span>
                <button type="button" class="sp-button sp-button--quiet" data-testid="sign-out"
                    on:click=sign_out>
                    {tr(K::SignOut)}
                </button>
            })}
        </header>
    }
}

/// Which section of the console a route belongs to: a ticket is part of the inbox.
fn section(route: &Route) -> Route {
    match route {
        Route::Insights => Route::Insights,
        Route::Status => Route::Status,
        Route::Inbox | Route::Ticket(_) | Route::SetPassword(_) => Route::Inbox,
    }
}

/// The links between the sections: the inbox and the insights for every agent, the status page for admins.
#[component]
fn Sections() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let route = use_context::<CurrentRoute>();
    let link = move |to: Route, label: K, testid: &'static str| {
        let href = to.href();
        let here = move || {
            route
                .is_some_and(|route| route.0.with(|route| section(route) == to))
                .then_some("page")
        };
        view! {
            <a class="sp-header__link" href=href data-testid=testid aria-current=here>{tr(label)}</a>
        }
    };
    view! {
        <nav class="sp-header__nav" aria-label=tr(K::Sections)>
            {link(Route::Inbox, K::InboxTitle, "nav-inbox")}
            {link(Route::Insights, K::InsightsTitle, "nav-insights")}
            {move || auth.is_admin().then(|| link(Route::Status, K::StatusPageTitle, "nav-status"))}
        </nav>
    }
}

/// The interface language.
#[component]
fn LanguagePicker() -> impl IntoView {
    let lang = expect_context::<UiLang>().0;
    let change = move |event| {
        if let Some(picked) = Lang::find(&event_target_value(&event)) {
            lang.set(picked);
        }
    };
    view! {
        <label class="sp-header__lang">
            <span>{tr(K::Language)}</span>
            <select data-testid="language" on:change=change>
                {Lang::ALL.map(|option| view! {
                    <option value=option.tag() lang=option.tag()
                        prop:selected=move || lang.get() == option>
                        {option.name()}
                    </option>
                })}
            </select>
        </label>
    }
}
