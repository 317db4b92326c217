//! The help panel: a non-modal dialog beside the launcher.

use crate::components::chunk;
use crate::components::{Chunk, ContactSupportButton, Search, StatusBanner, SuggestionList};
use crate::hooks::use_event_listener;
use crate::i18n::{Msg, t};
use crate::navigation::{Navigation, View, focused_within};
use crate::outbox::Outbox;
use js_sys::Reflect;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The close button's cross, given as a value so that Leptos builds the icon instead of writing it as HTML,
/// which a page enforcing Trusted Types refuses.
const CLOSE_ICON_PATH: &str =
    "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4Z";

/// The panel. Focus moves into it when it opens.
#[component]
pub fn Panel() -> impl IntoView {
    let navigation = expect_context::<Navigation>();
    let panel = navigation.panel;

    // Showing and focusing in one step: focus only lands once the panel is no longer hidden, and a separate
    // attribute binding would update in an order of the scheduler's choosing.
    Effect::new(move || {
        let open = navigation.is_open();
        if let Some(panel) = panel.get() {
            panel.set_hidden(!open);
            if open {
                let _ = panel.focus();
            }
        }
    });

    // The contact form must open even after the connection drops (its request then waits in the outbox), so
    // its chunk is fetched when the panel opens rather than when the form does. The split loader keeps a loaded
    // chunk, and forgets a failed fetch so the next opening tries again.
    Effect::new(move || {
        if navigation.is_open() {
            leptos::task::spawn_local(async {
                crate::time::after_paint().await;
                let _ = chunk::contact().await;
            });
        }
    });

    follow_visual_viewport(panel);

    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            navigation.set_open(false);
        }
    };

    view! {
        <div
            id="sp-panel"
            class="sp-panel"
            role="dialog"
            aria-modal="false"
            aria-labelledby="sp-panel-title"
            tabindex="-1"
            hidden
            node_ref=panel
            on:keydown=on_keydown
            on:focusin=move |_| {
                if let Some(panel) = panel.get_untracked() {
                    reveal_focused(&panel);
                }
            }
        >
            // Not <header>: inside a dialog it would still be a second `banner` landmark on the host page.
            <div class="sp-panel__header">
                <h2 id="sp-panel-title" class="sp-panel__title">{t(Msg::Help)}</h2>
                <button
                    type="button"
                    class="sp-panel__close"
                    aria-label=t(Msg::CloseHelp)
                    on:click=move |_| navigation.set_open(false)
                >
                    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d=CLOSE_ICON_PATH/>
                    </svg>
                </button>
            </div>
            <div class="sp-panel__body">
                // The status view shows the same news in full.
                <div hidden=move || navigation.view.with(|view| *view == View::Status)>
                    <StatusBanner/>
                </div>
                // Home stays mounted under an open article, so Back returns to the same search and results.
                <div hidden=move || navigation.view.with(|view| *view != View::Home)>
                    <Home/>
                </div>
                {move || match navigation.view.get() {
                    View::Home => None,
                    View::Article(id) => Some(view! { <Chunk load=chunk::article show=move |article| article(id.clone())/> }.into_any()),
                    View::Status => Some(view! { <Chunk load=chunk::status show=|status| status()/> }.into_any()),
                    View::Contact { topic } => Some(view! { <Chunk load=chunk::contact show=move |contact| contact(topic.clone())/> }.into_any()),
                    View::Requests => Some(view! { <Chunk load=chunk::requests show=|requests| requests()/> }.into_any()),
                    View::Thread(id) => Some(view! { <Chunk load=chunk::thread show=move |thread| thread(id.clone())/> }.into_any()),
                    View::Flow(id) => Some(view! { <Chunk load=chunk::flow show=move |flow| flow(id.clone())/> }.into_any()),
                }}
            </div>
        </div>
    }
}

/// Keeps the panel's size in step with the visual viewport, which shrinks when a phone's on-screen keyboard
/// opens: the full-screen panel (see widget.css) then ends above the keyboard, and so does the field in use.
fn follow_visual_viewport(panel: NodeRef<html::Div>) {
    let Some(viewport) = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"visualViewport".into()).ok())
        .filter(|v| v.is_object())
    else {
        return;
    };
    let fit = move |viewport: &JsValue| {
        let Some(panel) = panel.get_untracked() else {
            return;
        };
        let pixels = |name: &str| {
            let value = Reflect::get(viewport, &name.into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or_default();
            // Written by JavaScript: Rust's float formatting would weigh 5 KB in the main module.
            let number = js_sys::Number::from(value).to_string_with_radix(10);
            format!("{}px", number.map(String::from).unwrap_or_default())
        };
        let style = web_sys::HtmlElement::style(&panel);
        let _ = style.set_property("--sp-viewport-height", &pixels("height"));
        let _ = style.set_property("--sp-viewport-top", &pixels("offsetTop"));
        reveal_focused(&panel);
    };
    let target: web_sys::EventTarget = viewport.unchecked_into();
    let on_resize = {
        let viewport = target.clone();
        move |_| fit(&viewport)
    };
    let on_scroll = {
        let viewport = target.clone();
        move |_| fit(&viewport)
    };
    use_event_listener(target.clone(), ev::resize, on_resize);
    use_event_listener(target, ev::scroll, on_scroll);
}

/// Scrolls the focused field into the panel's visible part: the keyboard that just opened (or the panel that
/// just shrank above it) may cover it, and the browser does not scroll a field that still shows a sliver.
fn reveal_focused(panel: &web_sys::HtmlElement) {
    if let Some(element) = focused_within(panel) {
        let options = crate::intl::object(&[("block", "nearest".into())]);
        if let Ok(scroll) = Reflect::get(&element, &"scrollIntoView".into()) {
            let _ = scroll
                .unchecked_into::<js_sys::Function>()
                .call1(&element, &options);
        }
    }
}

/// The panel's first view: search, suggestions, and contact.
#[component]
fn Home() -> impl IntoView {
    let (navigation, outbox) = (expect_context::<Navigation>(), expect_context::<Outbox>());
    let query = RwSignal::new(String::new());
    view! {
        <Search query/>
        <section class="sp-section" aria-labelledby="sp-suggested-title" hidden=move || !query.get().trim().is_empty()>
            <h3 id="sp-suggested-title" class="sp-section__title">{t(Msg::SuggestedForYou)}</h3>
            <SuggestionList/>
        </section>
        <section class="sp-section" aria-labelledby="sp-contact-title">
            <h3 id="sp-contact-title" class="sp-section__title">{t(Msg::ContactSupport)}</h3>
            <p class="sp-section__empty">{t(Msg::ContactBlurb)}</p>
            <div class="sp-contact-entry">
                <ContactSupportButton/>
                {move || outbox.has_requests().then(|| view! {
                    <button type="button" class="sp-button" on:click=move |_| navigation.go(View::Requests)>
                        {t(Msg::YourRequests)}
                    </button>
                })}
            </div>
        </section>
    }
}
