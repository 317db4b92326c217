//! One ticket: the thread, the composer, the actions (status, assignee, take, re-route), who else is on it, and
//! beside them what the user saw. Refetched on every live event and after every write.

use super::composer::Composer;
use super::inbox::{DueText, PriorityBadge, queue_label, status_label};
use super::reroute::RerouteDialog;
use super::seen::SeenPanel;
use super::seen::triage::topic_label;
use crate::api::{self, ClientError};
use crate::components::glyph;
use crate::hooks::{use_interval, use_shortcuts};
use crate::i18n::{K, Lang, UiLang, tr, use_lang};
use crate::intl;
use crate::model::{AgentMessage, AgentRef, AgentView, Author, Viewer};
use crate::route::{Route, go};
use crate::state::{Auth, Live, error_text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_core::tickets::TicketStatus;
use std::time::Duration;

/// How often presence is renewed while the ticket is open (the desk forgets a viewer after ~30 s).
const PRESENCE_EVERY: Duration = Duration::from_secs(10);

/// The open ticket's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct TicketState {
    pub id: StoredValue<String>,
    pub view: RwSignal<Option<AgentView>>,
    pub error: RwSignal<Option<ClientError>>,
    /// The other agents with the ticket open.
    pub viewers: RwSignal<Vec<Viewer>>,
    /// Whether this agent is typing a reply (sent with every presence call).
    pub typing: RwSignal<bool>,
    /// A polite status line after a write ("Saved.").
    pub status_line: RwSignal<String>,
    auth: Auth,
    /// Read in async tasks, which run outside the component tree's contexts.
    lang: RwSignal<Lang>,
}

impl TicketState {
    /// Fetches the ticket again.
    pub fn reload(self) {
        let id = self.id.get_value();
        spawn_local(async move {
            match self.auth.check(api::ticket(&id).await) {
                Ok(view) => {
                    self.error.set(None);
                    self.view.set(Some(view));
                }
                Err(err) => self.error.set(Some(err)),
            }
        });
    }

    /// Tells the desk this agent is here (and typing, or not); learns who else is.
    pub fn announce(self) {
        let (id, typing) = (self.id.get_value(), self.typing.get_untracked());
        spawn_local(async move {
            if let Ok(presence) = self.auth.check(api::presence(&id, typing).await) {
                self.viewers.set(presence.viewers);
            }
        });
    }

    /// Runs a write, then refetches; `Ok` says "Saved." politely.
    pub fn write<F>(self, call: F, error: RwSignal<Option<ClientError>>)
    where
        F: std::future::Future<Output = Result<(), ClientError>> + 'static,
    {
        spawn_local(async move {
            match self.auth.check(call.await) {
                Ok(()) => {
                    error.set(None);
                    self.saved();
                    self.reload();
                }
                Err(err) => error.set(Some(err)),
            }
        });
    }

    /// Passes `result` on; a 401 signs the agent out.
    pub fn check<T>(self, result: Result<T, ClientError>) -> Result<T, ClientError> {
        self.auth.check(result)
    }

    /// Says `message` in the polite status line.
    pub fn say(self, message: K) {
        self.status_line
            .set(self.lang.get_untracked().t(message).to_owned());
    }

    /// Says "Saved.".
    pub fn saved(self) {
        self.say(K::Saved);
    }

    /// Assigns the ticket to the signed-in agent.
    pub fn take(self, error: RwSignal<Option<ClientError>>) {
        let (id, me) = (self.id.get_value(), self.auth.agent_id());
        self.write(async move { api::assign(&id, me).await }, error);
    }
}

/// The ticket view for `id`.
#[component]
pub fn TicketPage(
    /// e.g. `SP-12`.
    id: String,
) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let live = expect_context::<Live>();
    let state = TicketState {
        id: StoredValue::new(id.clone()),
        view: RwSignal::new(None),
        error: RwSignal::new(None),
        viewers: RwSignal::new(Vec::new()),
        typing: RwSignal::new(false),
        status_line: RwSignal::new(String::new()),
        auth,
        lang: expect_context::<UiLang>().0,
    };
    provide_context(state);
    // A live event may be another agent arriving or starting to type: ask again. Renewing our own presence
    // changes nothing the desk watches (only who is here and who types), so this cannot echo back as an event.
    Effect::new(move || {
        live.tick.track();
        state.reload();
        state.announce();
    });
    use_interval(PRESENCE_EVERY, move || state.announce());
    on_cleanup(move || {
        spawn_local(async move {
            let _ = api::leave(&id).await;
        })
    });
    let action_error = RwSignal::new(None::<ClientError>);
    let reroute_open = RwSignal::new(false);
    use_shortcuts(move |key, event| match key {
        "Escape" => {
            let in_field = event
                .target()
                .and_then(|target| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(target).ok()
                })
                .filter(|element| {
                    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                });
            match in_field {
                // Leaving a field first keeps a half-written reply from vanishing with the view.
                Some(field) => {
                    let _ = field.blur();
                }
                None => go(&Route::Inbox),
            }
        }
        "r" => {
            event.prevent_default();
            if let Some(body) = document().get_element_by_id("composer-body") {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(body).focus();
            }
        }
        "a" => state.take(action_error),
        _ => {}
    });
    let subject = Memo::new(move |_| {
        state
            .view
            .with(|view| view.as_ref().map(|view| view.subject.clone()))
    });
    view! {
        <main id="main" tabindex="-1" class="sp-main sp-ticket">
            <a href=Route::Inbox.href() class="sp-back" data-testid="back">
                <span aria-hidden="true" class="sp-back__arrow">{"← "}</span>{tr(K::BackToInbox)}
            </a>
            <div role="alert" class="sp-alert" hidden=move || state.error.with(Option::is_none)>
                {move || state.error.with(|err| err.as_ref().map(|err| match err.status() {
                    Some(404) => use_lang().t(K::TicketNotFound).to_owned(),
                    _ => error_text(use_lang(), err),
                }))}
            </div>
            <Show when=move || subject.with(Option::is_some)
                fallback=move || view! {
                    <h1>{move || state.id.get_value()}</h1>
                    <p role="status" hidden=move || state.error.with(Option::is_some)>{tr(K::Loading)}</p>
                }>
                <h1 data-testid="ticket-subject" dir="auto">{move || subject.get()}</h1>
                <TicketMeta/>
                <Presence/>
                <div class="sp-ticket__grid">
                    <div class="sp-ticket__work">
                        <Actions error=action_error reroute_open/>
                        <Thread/>
                        <Composer/>
                    </div>
                    <SeenPanel/>
                </div>
                <RerouteDialog open=reroute_open/>
            </Show>
            <p class="sp-sr-only" role="status" data-testid="ticket-status-line">
                {move || state.status_line.get()}
            </p>
        </main>
    }
}

/// Id, status, queue, priority, first-reply target, opened date, assignee.
#[component]
fn TicketMeta() -> impl IntoView {
    let state = expect_context::<TicketState>();
    let meta = Memo::new(move |_| {
        state.view.with(|view| {
            view.as_ref().map(|v| {
                let answered = v
                    .messages
                    .iter()
                    .any(|m| m.author == Author::Agent && !m.internal);
                (
                    v.id.clone(),
                    v.status,
                    v.queue,
                    v.priority,
                    v.first_response_due.clone(),
                    answered,
                    v.created_at.clone(),
                    v.topic.clone(),
                )
            })
        })
    });
    move || {
        meta.get().map(|(id, status, queue, priority, due, answered, created, topic)| {
            let lang = use_lang();
            view! {
                <dl class="sp-meta" data-testid="ticket-meta">
                    <div><dt>{tr(K::ColTicket)}</dt><dd data-testid="ticket-id">{id}</dd></div>
                    <div><dt>{tr(K::Status)}</dt><dd>{tr(status_label(status))}</dd></div>
                    <div><dt>{tr(K::Queue)}</dt><dd>{tr(queue_label(queue))}</dd></div>
                    <div><dt>{tr(K::Priority)}</dt><dd><PriorityBadge priority/></dd></div>
                    <div><dt>{tr(K::FirstReply)}</dt><dd><DueText due answered/></dd></div>
                    <div><dt>{tr(K::Topic)}</dt><dd>{topic_label(lang, &topic)}</dd></div>
                    <div><dt class="sp-sr-only">{tr(K::OpenedOn)}</dt>
                        <dd>{lang.f(K::OpenedOn, &[("date", &intl::date_time(lang, &created))])}</dd></div>
                </dl>
            }
        })
    }
}

/// "Ana is also viewing" / "Ana is typing a reply…", one line per other agent.
#[component]
fn Presence() -> impl IntoView {
    let state = expect_context::<TicketState>();
    view! {
        <div class="sp-presence" role="status" aria-live="polite" data-testid="presence">
            <For each=move || state.viewers.get() key=|viewer| (viewer.agent.id, viewer.typing) let:viewer>
                <p class="sp-presence__line">
                    <span aria-hidden="true">{if viewer.typing { "✎ " } else { "• " }}</span>
                    {move || use_lang().f(
                        if viewer.typing { K::TypingReply } else { K::AlsoViewing },
                        &[("name", &viewer.agent.name)],
                    )}
                </p>
            </For>
        </div>
    }
}

/// Status, assignee, "Take it" and re-route.
#[component]
fn Actions(
    /// Where an action's failure is shown.
    error: RwSignal<Option<ClientError>>,
    /// Opens the re-route dialog.
    reroute_open: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<TicketState>();
    let team = LocalResource::new(|| async { api::team().await.unwrap_or_default() });
    let status = Memo::new(move |_| {
        state
            .view
            .with(|view| view.as_ref().map(|view| view.status))
    });
    let assignee = Memo::new(move |_| {
        state
            .view
            .with(|view| view.as_ref().and_then(|view| view.assignee.clone()))
    });
    let pick_status = move |ev| {
        let picked = event_target_value(&ev);
        let Some(picked) = [
            TicketStatus::Open,
            TicketStatus::Pending,
            TicketStatus::Solved,
        ]
        .into_iter()
        .find(|status| status.as_str() == picked) else {
            return;
        };
        let id = state.id.get_value();
        state.write(async move { api::set_status(&id, picked).await }, error);
    };
    let pick_assignee = move |ev| {
        let agent_id = event_target_value(&ev).parse::<i64>().ok();
        let id = state.id.get_value();
        state.write(async move { api::assign(&id, agent_id).await }, error);
    };
    // The team, plus the current assignee if they are no longer on it (disabled since), so the select shows them.
    let options = move || {
        let mut team: Vec<AgentRef> = team.get().unwrap_or_default();
        if let Some(current) = assignee.get()
            && !team.iter().any(|agent| agent.id == current.id)
        {
            team.push(current);
        }
        team
    };
    view! {
        <section class="sp-actions" aria-labelledby="actions-title" data-testid="actions">
            <h2 id="actions-title" class="sp-sr-only">{tr(K::Actions)}</h2>
            <div class="sp-filter">
                <label for="ticket-status">{tr(K::Status)}</label>
                <select id="ticket-status" data-testid="status-select" on:change=pick_status
                    aria-describedby="actions-error">
                    {[TicketStatus::Open, TicketStatus::Pending, TicketStatus::Solved].map(|option| view! {
                        <option value=option.as_str() prop:selected=move || status.get() == Some(option)>
                            {tr(status_label(option))}
                        </option>
                    })}
                </select>
            </div>
            <div class="sp-filter">
                <label for="ticket-assignee">{tr(K::Assignee)}</label>
                <select id="ticket-assignee" data-testid="assign-select" on:change=pick_assignee
                    aria-describedby="actions-error">
                    <option value="" prop:selected=move || assignee.with(Option::is_none)>{tr(K::Unassigned)}</option>
                    {move || options().into_iter().map(|agent| {
                        let id = agent.id;
                        view! {
                            <option value=id.to_string()
                                prop:selected=move || assignee.with(|a| a.as_ref().map(|a| a.id) == Some(id))>
                                {agent.name}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class="sp-button" data-testid="take-button" aria-keyshortcuts="a"
                on:click=move |_| state.take(error)>
                {tr(K::TakeIt)}
            </button>
            <button type="button" class="sp-button" data-testid="reroute-button" aria-haspopup="dialog"
                on:click=move |_| reroute_open.set(true)>
                {tr(K::Reroute)}
            </button>
            <p class="sp-field__error" id="actions-error" data-testid="actions-error" role="alert"
                hidden=move || error.with(Option::is_none)>
                {glyph("⚠ ")}
                {move || error.with(|err| err.as_ref().map(|err| {
                    let lang = use_lang();
                    let fields: Vec<String> = err.fields().iter()
                        .map(|field| crate::state::problem_text(lang, &field.problem)).collect();
                    if fields.is_empty() { error_text(lang, err) } else { fields.join(" ") }
                }))}
            </p>
        </section>
    }
}

/// The messages, oldest first: the customer's, agents' replies, and internal notes, each labelled in words.
#[component]
fn Thread() -> impl IntoView {
    let state = expect_context::<TicketState>();
    let messages = Memo::new(move |_| {
        state.view.with(|view| {
            view.as_ref()
                .map(|view| view.messages.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="sp-thread" aria-labelledby="thread-title">
            <h2 id="thread-title">{tr(K::Conversation)}</h2>
            <ol class="sp-thread__list">
                // The thread only grows: a message's place is its key.
                <For each=move || messages.get().into_iter().enumerate() key=|(at, _)| *at let:item>
                    <MessageItem message=item.1/>
                </For>
            </ol>
        </section>
    }
}

/// One message.
#[component]
fn MessageItem(
    /// The message.
    message: AgentMessage,
) -> impl IntoView {
    let AgentMessage {
        author,
        body,
        created_at,
        internal,
        agent,
    } = message;
    let author_name = match author {
        Author::User => "user",
        Author::Agent => "agent",
        Author::System => "system",
    };
    let kind = if internal { "note" } else { author_name };
    let who = move || {
        let lang = use_lang();
        match (author, &agent) {
            (Author::User, _) => lang.t(K::Customer).to_owned(),
            (Author::Agent, Some(agent)) => lang.f(K::AgentNamed, &[("name", &agent.name)]),
            (Author::Agent, None) => lang.f(K::AgentNamed, &[("name", "")]).trim().to_owned(),
            // The status page wrote it, in every language's word for it.
            (Author::System, _) => lang.t(K::StatusPageTitle).to_owned(),
        }
    };
    view! {
        <li class=format!("sp-message sp-message--{kind}") data-testid="message"
            data-author=author_name
            data-internal=internal.to_string()>
            <p class="sp-message__head">
                <span class="sp-message__who">{who}</span>
                <span class="sp-message__time">{move || intl::date_time(use_lang(), &created_at)}</span>
            </p>
            {internal.then(|| view! {
                <p class="sp-message__note">{tr(K::InternalNote)}</p>
            })}
            <p class="sp-message__body" dir="auto">{body}</p>
        </li>
    }
}
