//! The help panel: a non-modal dialog beside the launcher.

use crate::components::{
    ArticleView, ContactForm, RequestList, Search, StatusBanner, StatusView, SuggestionList, Thread,
};
use crate::state::{View, WidgetState};
use leptos::prelude::*;

/// The panel. Focus moves into it when it opens.
#[component]
pub fn Panel() -> impl IntoView {
    let state = expect_context::<WidgetState>();
    let panel = state.panel;

    // Showing and focusing in one step: focus only lands once the panel is no longer hidden, and a separate
    // attribute binding would update in an order of the scheduler's choosing.
    Effect::new(move || {
        let open = state.open.get();
        if let Some(panel) = panel.get() {
            panel.set_hidden(!open);
            if open {
                let _ = panel.focus();
            }
        }
    });

    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            state.set_open(false);
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
        >
            <header class="sp-panel__header">
                <h2 id="sp-panel-title" class="sp-panel__title">"Help"</h2>
                <button
                    type="button"
                    class="sp-panel__close"
                    aria-label="Close help"
                    on:click=move |_| state.set_open(false)
                >
                    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4Z"/>
                    </svg>
                </button>
            </header>
            <div class="sp-panel__body">
                // The status view shows the same news in full.
                <div hidden=move || state.view.with(|view| *view == View::Status)>
                    <StatusBanner/>
                </div>
                // Home stays mounted under an open article, so Back returns to the same search and results.
                <div hidden=move || state.view.with(|view| *view != View::Home)>
                    <Home/>
                </div>
                {move || match state.view.get() {
                    View::Home => None,
                    View::Article(id) => Some(view! { <ArticleView id/> }.into_any()),
                    View::Status => Some(view! { <StatusView/> }.into_any()),
                    View::Contact { topic } => Some(view! { <ContactForm topic/> }.into_any()),
                    View::Requests => Some(view! { <RequestList/> }.into_any()),
                    View::Thread(id) => Some(view! { <Thread id/> }.into_any()),
                }}
            </div>
        </div>
    }
}

/// The panel's first view: search, suggestions, and contact.
#[component]
fn Home() -> impl IntoView {
    let state = expect_context::<WidgetState>();
    let query = RwSignal::new(String::new());
    view! {
        <Search query/>
        <section class="sp-section" aria-labelledby="sp-suggested-title" hidden=move || !query.get().trim().is_empty()>
            <h3 id="sp-suggested-title" class="sp-section__title">"Suggested for you"</h3>
            <SuggestionList/>
        </section>
        <section class="sp-section" aria-labelledby="sp-contact-title">
            <h3 id="sp-contact-title" class="sp-section__title">"Contact support"</h3>
            <p class="sp-section__empty">"Our support team is here if the articles don't answer your question."</p>
            <div class="sp-contact-entry">
                <button
                    type="button"
                    class="sp-button sp-button--primary"
                    on:click=move |_| state.view.set(View::Contact { topic: None })
                >
                    "Contact support"
                </button>
                {move || (!state.filed.with(Vec::is_empty) || !state.outbox.with(Vec::is_empty)).then(|| view! {
                    <button type="button" class="sp-button" on:click=move |_| state.view.set(View::Requests)>
                        "Your requests"
                    </button>
                })}
            </div>
        </section>
    }
}
