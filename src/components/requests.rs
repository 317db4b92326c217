//! "Your requests": the tickets this browser filed, and each one's conversation, live.

use crate::api::Api;
use crate::components::satisfaction::SatisfactionQuestion;
use crate::components::{BackButton, focus_when_shown};
use crate::hooks::{EventStream, Polling, use_stream_or_poll};
use crate::i18n::{Language, Msg, client_error, queue_name, t};
use crate::navigation::{Navigation, View};
use crate::outbox::Outbox;
use leptos::prelude::*;
use signpost_core::tickets::{Author, NewMessage, TicketStatus, TicketView};

/// How often a thread is fetched when its event stream cannot be used (and the longest wait while the desk
/// does not answer).
const POLLING: Polling = Polling {
    every_ms: 5_000.0,
    max_wait_ms: 60_000.0,
};

fn status_words(status: &TicketStatus) -> Msg {
    match status {
        TicketStatus::Open => Msg::TicketOpen,
        TicketStatus::Pending => Msg::TicketPending,
        TicketStatus::Solved => Msg::TicketSolved,
    }
}

/// The list of this browser's tickets.
#[component]
pub fn RequestList() -> impl IntoView {
    let (language, navigation) = (expect_context::<Language>(), expect_context::<Navigation>());
    let outbox = expect_context::<Outbox>();
    let heading = NodeRef::<leptos::html::H3>::new();
    focus_when_shown(heading);
    view! {
        <div class="sp-requests">
            <BackButton to=View::Home/>
            <h3 class="sp-article__title" tabindex="-1" node_ref=heading>{t(Msg::YourRequests)}</h3>
            {move || {
                let waiting = outbox.with_waiting(Vec::len);
                (waiting > 0).then(|| view! {
                    <p class="sp-banner sp-banner--maintenance">
                        {language.ui().count(Msg::WaitingToSend, waiting)}
                    </p>
                })
            }}
            <ul class="sp-suggestions">
                {move || outbox.with_filed(<[_]>::to_vec).into_iter().map(|filed| {
                    let id = filed.created.id.clone();
                    view! {
                        <li class="sp-suggestion">
                            <button type="button" class="sp-suggestion__open" on:click=move |_| navigation.go(View::Thread(id.clone()))>
                                <span class="sp-suggestion__title" dir="auto">{filed.subject}</span>
                                <span class="sp-suggestion__summary">{filed.created.id.clone()} " · " {t(queue_name(filed.created.queue))}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || outbox.with_filed(<[_]>::is_empty).then(|| view! { <p class="sp-section__empty">{t(Msg::NoRequests)}</p> })}
        </div>
    }
}

/// One ticket's conversation, with agent replies arriving live and a reply box.
#[component]
pub fn Thread(
    /// Ticket id, e.g. `SP-1042`.
    id: String,
) -> impl IntoView {
    let language = expect_context::<Language>();
    let token = expect_context::<Outbox>().access_token(&id);
    let thread = RwSignal::new(None::<TicketView>);
    let reply = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let api = expect_context::<Api>();
    // The first time the thread is there; live updates re-render it, and must not pull focus from the reply box.
    let heading = NodeRef::<leptos::html::H3>::new();
    focus_when_shown(heading);

    if let Some(token) = token.clone() {
        follow(thread, api.clone(), id.clone(), token.clone());
        let (api, id) = (api.clone(), id.clone());
        leptos::task::spawn_local(async move {
            if let Ok(view) = api.ticket(&id, &token).await {
                let _ = thread.try_set(Some(view));
            }
        });
    }

    // Asked once the ticket is solved; a memo, so live updates of the thread keep what the user chose.
    let solved = Memo::new(move |_| {
        thread.with(|t| t.as_ref().is_some_and(|t| t.status == TicketStatus::Solved))
    });
    let (rated_id, rated_token) = (id.clone(), token.clone());
    let send = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        let body = reply.get_untracked();
        let (Some(token), false) = (
            token.clone(),
            body.trim().is_empty() || sending.get_untracked(),
        ) else {
            return;
        };
        let (api, id) = (api.clone(), id.clone());
        sending.set(true);
        leptos::task::spawn_local(async move {
            match api.reply(&id, &token, &NewMessage { body }).await {
                Ok(view) => {
                    thread.set(Some(view));
                    reply.set(String::new());
                    error.set(None);
                }
                // What they typed stays in the box.
                Err(err) => {
                    let ui = language.ui_untracked();
                    error.set(Some(
                        ui.format(Msg::ReplyFailed, &[("error", &client_error(ui, &err))]),
                    ))
                }
            }
            sending.set(false);
        });
    };

    view! {
        <div class="sp-thread">
            <BackButton to=View::Requests/>
            {move || thread.get().map(|ticket| view! {
                <h3 class="sp-article__title" tabindex="-1" node_ref=heading dir="auto">{ticket.subject.clone()}</h3>
                <p class="sp-thread__meta">{ticket.id.clone()} " · " {t(status_words(&ticket.status))} " · " {t(queue_name(ticket.queue))}</p>
                <ol class="sp-messages" aria-live="polite">
                    {ticket.messages.into_iter().map(|m| {
                        let (class, who) = match m.author {
                            Author::Agent => ("sp-message sp-message--agent", t(Msg::AuthorSupport)),
                            Author::User => ("sp-message sp-message--user", t(Msg::AuthorYou)),
                            // An incident the request named was updated: news, not a reply.
                            Author::System => ("sp-message sp-message--system", t(Msg::ServiceStatus)),
                        };
                        view! { <li class=class><p class="sp-message__who">{who}</p><p class="sp-message__body" dir="auto">{m.body}</p></li> }
                    }).collect_view()}
                </ol>
            })}
            {move || solved.get().then(|| rated_token.clone().map(|token| {
                view! { <SatisfactionQuestion id=rated_id.clone() token thread/> }
            }))}
            <form class="sp-form" on:submit=send>
                <label class="sp-field">
                    <span class="sp-field__label">{t(Msg::YourReply)}</span>
                    <textarea class="sp-input" rows="3" prop:value=move || reply.get() on:input=move |e| reply.set(event_target_value(&e))></textarea>
                </label>
                <p class="sp-form__error" role="alert">{move || error.get()}</p>
                // aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
                <button type="submit" class="sp-button sp-button--primary" aria-disabled=move || sending.get().to_string()>{t(Msg::SendReply)}</button>
            </form>
        </div>
    }
}

/// Keeps `thread` current while it is on screen: from the desk's event stream, or by fetching it every few
/// seconds when the stream is refused or blocked (a proxy, a CSP).
fn follow(thread: RwSignal<Option<TicketView>>, api: Api, id: String, token: String) {
    // The stream's URL carries a one-time stream ticket, asked for with the access token in a header (a token in
    // a URL lands in logs); the hook belongs to the thread's view, whose call this task outlives.
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        let stream = api
            .ticket_stream_url(&id, &token)
            .await
            .ok()
            .map(|url| EventStream {
                url,
                event: "ticket",
            });
        let Some(owner) = owner.filter(|_| !thread.is_disposed()) else {
            return;
        };
        owner.with(|| {
            use_stream_or_poll(
                stream,
                move || {
                    let (api, id, token) = (api.clone(), id.clone(), token.clone());
                    async move { api.ticket(&id, &token).await.ok() }
                },
                POLLING,
                |data| crate::json::from_str(data).ok(),
                move |view| {
                    let _ = thread.try_set(Some(view));
                },
            )
        });
    });
}
