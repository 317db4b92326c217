//! The search box and its results: results while typing, stale requests cancelled, arrow keys to choose.
//!
//! Every keystroke asks the desk at once (no debounce: the answer is painted within a frame or two of the key
//! on a good connection) and aborts the request it makes stale, so only the latest answer is ever painted. Each
//! answer painted is recorded in [`SearchesMade`], so a request to support can say what the user looked for.

use crate::api::Api;
use crate::api::ClientError;
use crate::host::Host;
use crate::i18n::{Language, Msg, t};
use crate::markup;
use crate::navigation::{Navigation, View};
use crate::page_context::PageContext;
use crate::searches::SearchesMade;
use crate::usage::Usage;
use leptos::prelude::*;
use signpost_core::help::SearchHit;
use signpost_core::insights::events::EventKind;
use signpost_core::suggest::audience_of;

/// What the results area shows.
#[derive(Clone, Debug, PartialEq)]
enum Results {
    /// Nothing asked yet for the current text.
    Idle,
    Found(Vec<SearchHit>),
    Failed(ClientError),
}

/// The search box; `query` is shared with the panel, which hides suggestions while there is a query.
#[component]
pub fn Search(
    /// What the user has typed.
    query: RwSignal<String>,
) -> impl IntoView {
    let (language, navigation) = (expect_context::<Language>(), expect_context::<Navigation>());
    let (page, host) = (expect_context::<PageContext>(), expect_context::<Host>());
    let (searches, usage) = (expect_context::<SearchesMade>(), expect_context::<Usage>());
    let api = StoredValue::new(expect_context::<Api>());
    let results = RwSignal::new(Results::Idle);
    let active = RwSignal::new(None::<usize>);
    let input = NodeRef::<leptos::html::Input>::new();
    // Back from an article lands in the search box, where the reader left off.
    Effect::new(move |was_home: Option<bool>| {
        let home = navigation.view.with(|view| *view == View::Home);
        if home && was_home == Some(false) {
            // After the view update has unhidden the box.
            request_animation_frame(move || {
                if let Some(input) = input.get_untracked() {
                    let _ = input.focus();
                }
            });
        }
        home
    });
    let in_flight = StoredValue::new_local(None::<web_sys::AbortController>);

    let cancel = move || {
        in_flight.update_value(|controller| {
            if let Some(controller) = controller.take() {
                controller.abort();
            }
        });
    };

    let run = move |text: String| {
        let Ok(controller) = web_sys::AbortController::new() else {
            return;
        };
        let signal = controller.signal();
        in_flight.set_value(Some(controller));
        let api = api.get_value();
        let locale = language.locale();
        let audience = page.with_untracked(audience_of);
        leptos::task::spawn_local(async move {
            let outcome = api.search(&text, &locale, audience, &signal).await;
            // A newer keystroke aborted this request, or the text changed meanwhile: its answer is stale.
            if signal.aborted() || query.get_untracked().trim() != text {
                return;
            }
            active.set(None);
            results.set(match outcome {
                Ok(found) => {
                    usage.searched(&text, found.results.len());
                    searches.record(text, found.results.len());
                    Results::Found(found.results)
                }
                Err(err) => Results::Failed(err),
            });
        });
    };

    // The page's `Signpost('search', q)`: type it for the user.
    Effect::new(move || {
        if let Some(text) = navigation.take_search_request() {
            cancel();
            query.set(text.clone());
            let text = text.trim().to_owned();
            if !text.is_empty() {
                run(text);
            }
        }
    });

    let on_input = move |event: web_sys::Event| {
        let text = event_target_value(&event);
        query.set(text.clone());
        cancel();
        let text = text.trim().to_owned();
        if text.is_empty() {
            results.set(Results::Idle);
            return;
        }
        run(text);
    };

    let hits = move || match results.get() {
        Results::Found(hits) => hits,
        _ => vec![],
    };
    let open = move |id: String| {
        usage.record(EventKind::ResultOpened, Some(&id));
        host.emit(
            "suggestion:clicked",
            &serde_json::json!({ "article": id, "source": "search" }),
        );
        navigation.go(View::Article(id));
    };

    let on_keydown = move |event: web_sys::KeyboardEvent| {
        let count = hits().len();
        match event.key().as_str() {
            "ArrowDown" if count > 0 => {
                event.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                event.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" => {
                if let Some(hit) = hits().get(active.get_untracked().unwrap_or(0)) {
                    event.prevent_default();
                    open(hit.id.clone());
                }
            }
            "Escape" if !query.get_untracked().is_empty() => {
                // The first Escape clears the search; the next one closes the panel.
                event.stop_propagation();
                cancel();
                query.set(String::new());
                results.set(Results::Idle);
            }
            _ => {}
        }
    };

    let announcement = move || {
        let ui = language.ui();
        match results.get() {
            Results::Idle => String::new(),
            Results::Found(hits) => ui.count(Msg::ArticlesFound, hits.len()),
            Results::Failed(_) => ui.text(Msg::SearchUnavailable).to_owned(),
        }
    };

    view! {
        <div class="sp-search">
            <input
                type="search"
                class="sp-search__input"
                placeholder=t(Msg::SearchPlaceholder)
                aria-label=t(Msg::SearchLabel)
                role="combobox"
                aria-autocomplete="list"
                aria-controls="sp-results"
                aria-expanded=move || (!hits().is_empty()).to_string()
                aria-activedescendant=move || active.get().map(|i| format!("sp-result-{i}"))
                autocomplete="off"
                node_ref=input
                enterkeyhint="search"
                prop:value=move || query.get()
                on:input=on_input
                on:keydown=on_keydown
            />
            <p class="sp-visually-hidden" role="status">{announcement}</p>
            <ul id="sp-results" class="sp-results" role="listbox" aria-label=t(Msg::SearchResults) hidden=move || hits().is_empty()>
                {move || {
                    hits()
                        .into_iter()
                        .enumerate()
                        .map(|(index, hit)| {
                            let (id, title) = (hit.id, hit.title);
                            let (marked, after) = markup::highlights(&hit.snippet);
                            view! {
                                <li
                                    id=format!("sp-result-{index}")
                                    class="sp-result"
                                    role="option"
                                    aria-selected=move || (active.get() == Some(index)).to_string()
                                    on:click=move |_| open(id.clone())
                                >
                                    // dir=auto: an English article in an Arabic panel keeps its punctuation where it belongs.
                                    <span class="sp-result__title" dir="auto">{title}</span>
                                    <span class="sp-result__snippet" dir="auto">
                                        {marked.into_iter().map(|(before, mark)| view! { {before}<mark>{mark}</mark> }).collect_view()}
                                        {after}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || match results.get() {
                Results::Found(hits) if hits.is_empty() => Some(view! {
                    <p class="sp-search__empty">
                        {language.ui().format(Msg::NoResultsBefore, &[("query", query.get().trim())])}
                        <button type="button" class="sp-link-button" on:click=move |_| navigation.go(View::Contact { topic: None })>
                            {t(Msg::NoResultsLink)}
                        </button>
                        {t(Msg::NoResultsAfter)}
                    </p>
                }.into_any()),
                Results::Failed(_) => Some(view! {
                    <p class="sp-search__empty" role="alert">{t(Msg::SearchUnavailableRetry)}</p>
                }.into_any()),
                _ => None,
            }}
        </div>
    }
}
