//! The status page (admins): the open incidents and maintenances with their components and latest update, an
//! update / resolve form under each incident, the form that opens an incident or schedules maintenance, and the
//! banner each demo page would show. It follows the public status stream (the summary comes with each event)
//! and reads the feed again after every write. Agents who open it are told it is for admins.

use super::banner_preview::BannerPreview;
use super::sign_in::FieldMessage;
use super::status_compose::{Compose, ComposeFields};
use crate::api::{self, ClientError};
use crate::hooks::use_live_data;
use crate::i18n::{K, Lang, UiLang, tr, use_lang};
use crate::intl;
use crate::model::UpdateIncident;
use crate::route::Route;
use crate::state::{Auth, error_text, field_error, is_about};
use crate::status::{Draft, UPDATE_STATUSES, open_items};
use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_core::feed::{ComponentMap, Impact, Incident, IncidentStatus, Summary};
use wasm_bindgen::JsCast;

/// An impact's name; none for a value this console does not know.
pub fn impact_label(impact: &Impact) -> Option<K> {
    Some(match impact {
        Impact::None => K::ImpNone,
        Impact::Minor => K::ImpMinor,
        Impact::Major => K::ImpMajor,
        Impact::Critical => K::ImpCritical,
        Impact::Maintenance => K::KindMaintenance,
        Impact::Unknown(_) => return None,
    })
}

/// An incident or maintenance status's name; none for a value this console does not know.
pub fn item_status_label(status: &IncidentStatus) -> Option<K> {
    Some(match status {
        IncidentStatus::Investigating => K::StInvestigating,
        IncidentStatus::Identified => K::StIdentified,
        IncidentStatus::Monitoring => K::StMonitoring,
        IncidentStatus::Resolved => K::StResolved,
        IncidentStatus::Postmortem => K::StPostmortem,
        IncidentStatus::Scheduled => K::StScheduled,
        IncidentStatus::InProgress => K::StInProgress,
        IncidentStatus::Verifying => K::StVerifying,
        IncidentStatus::Completed => K::StCompleted,
        IncidentStatus::Unknown(_) => return None,
    })
}

/// The words for a feed value: its name, else the feed's own text.
pub fn words(lang: Lang, key: Option<K>, text: &str) -> String {
    key.map_or_else(|| text.to_owned(), |key| lang.t(key).to_owned())
}

/// Moves focus to the element with `id`, once the view has caught up.
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || focus_element(document().get_element_by_id(id)));
}

fn focus_element(element: Option<web_sys::Element>) {
    if let Some(element) =
        element.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Moves focus to the first control (in form order) that a 422 found a problem with. `order` pairs each wire
/// field with its control's id.
pub fn focus_first_error(error: &ClientError, order: &'static [(&'static str, &'static str)]) {
    let first = order.iter().find(|(field, id)| {
        error
            .fields()
            .iter()
            .any(|problem| is_about(&problem.field, field))
            && document().get_element_by_id(id).is_some()
    });
    if let Some((_, id)) = first {
        focus_later(id);
    }
}

/// The status page's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct StatusState {
    /// The feed as last read; none until the first answer.
    pub feed: RwSignal<Option<Summary>>,
    /// Which components concern which surfaces (the site's, once read).
    pub map: RwSignal<ComponentMap>,
    /// Why the feed could not be read.
    pub load_error: RwSignal<Option<ClientError>>,
    /// The polite line after a write: "Incident opened: …".
    pub announcement: RwSignal<String>,
    /// The open-incident and maintenance forms.
    pub compose: ComposeFields,
    /// The update / resolve form of one incident.
    pub update: UpdateFields,
    pub auth: Auth,
    /// Read in async tasks, which run outside the component tree's contexts.
    lang: RwSignal<Lang>,
}

impl StatusState {
    fn new(auth: Auth) -> Self {
        StatusState {
            feed: RwSignal::new(None),
            map: RwSignal::new(ComponentMap::default_marketplace()),
            load_error: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            compose: ComposeFields::new(),
            update: UpdateFields::new(),
            auth,
            lang: expect_context::<UiLang>().0,
        }
    }

    /// Reads the feed again.
    pub fn reload(self) {
        spawn_local(async move {
            match api::status_summary().await {
                Ok(summary) => {
                    self.load_error.set(None);
                    self.feed.set(Some(summary));
                }
                Err(err) => self.load_error.set(Some(err)),
            }
        });
    }

    /// Says `message` (with the item's `name`) in the polite status line. Emptied first, so the same words
    /// twice in a row are announced twice.
    pub fn say(self, message: K, name: &str) {
        let text = self
            .lang
            .get_untracked()
            .f(message, &[("name", name.trim())]);
        self.announcement.set(String::new());
        request_animation_frame(move || {
            let _ = self.announcement.try_set(text);
        });
    }

    /// What the preview shows after publishing (tracked): an open update form's change, else the open-incident
    /// or maintenance form's, once something is typed or chosen.
    fn draft(self) -> Option<Draft> {
        if self.update.target.with(Option::is_some) {
            return self.update.draft();
        }
        self.compose.draft()
    }
}

/// The update / resolve form's fields; `target` is the incident it is open for.
#[derive(Clone, Copy)]
pub struct UpdateFields {
    pub target: RwSignal<Option<String>>,
    pub status: RwSignal<IncidentStatus>,
    pub message: RwSignal<String>,
    pub error: RwSignal<Option<ClientError>>,
    pub pending: RwSignal<bool>,
}

impl UpdateFields {
    fn new() -> Self {
        UpdateFields {
            target: RwSignal::new(None),
            status: RwSignal::new(IncidentStatus::Identified),
            message: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            pending: RwSignal::new(false),
        }
    }

    /// Opens the form for incident `id`, starting from `status`.
    fn open(self, id: String, status: IncidentStatus) {
        self.status.set(status);
        self.message.set(String::new());
        self.error.set(None);
        self.target.set(Some(id));
    }

    /// The update being written (tracked).
    fn draft(self) -> Option<Draft> {
        Some(Draft::Update {
            id: self.target.get()?,
            status: self.status.get(),
            message: self.message.get(),
        })
    }
}

/// The status page for admins; an explanation for agents.
#[component]
pub fn StatusPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let admin = Memo::new(move |_| auth.is_admin());
    move || {
        if admin.get() {
            view! { <StatusWorkspace/> }.into_any()
        } else {
            view! { <AdminsOnly/> }.into_any()
        }
    }
}

/// What an agent sees at `#/status`.
#[component]
fn AdminsOnly() -> impl IntoView {
    view! {
        <main id="main" tabindex="-1" class="sp-main sp-main--narrow">
            <h1>{tr(K::StatusPageTitle)}</h1>
            <div class="sp-notice" data-testid="admins-only">
                <p><strong>{tr(K::AdminsOnly)}</strong></p>
                <p>{tr(K::AdminsOnlyHint)}</p>
            </div>
            <a href=Route::Inbox.href() class="sp-back" data-testid="back">
                <span aria-hidden="true" class="sp-back__arrow">{"← "}</span>{tr(K::BackToInbox)}
            </a>
        </main>
    }
}

/// The admin's status page.
#[component]
fn StatusWorkspace() -> impl IntoView {
    let state = StatusState::new(expect_context::<Auth>());
    provide_context(state);
    state.reload();
    spawn_local(async move {
        // The defaults stay when the site cannot be read: the preview then guesses as the widget would.
        if let Ok(map) = api::status_components().await {
            let _ = state.map.try_set(map);
        }
    });
    // Each event carries the whole summary; a poll or a reconnection reads it.
    use_live_data("/v1/status/stream", "summary", move |data| {
        match data.and_then(|text| Summary::parse(&text).ok()) {
            Some(summary) => {
                state.load_error.set(None);
                state.feed.set(Some(summary));
            }
            None => state.reload(),
        }
    });
    // An incident resolved elsewhere takes its open update form with it.
    Effect::new(move || {
        let Some(id) = state.update.target.get() else {
            return;
        };
        let gone = state.feed.with(|feed| {
            feed.as_ref()
                .is_some_and(|feed| !open_items(feed).iter().any(|(item, _)| item.id == id))
        });
        if gone {
            state.update.target.set(None);
        }
    });
    let draft = Memo::new(move |_| state.draft());
    view! {
        <main id="main" tabindex="-1" class="sp-main sp-status">
            <h1>{tr(K::StatusPageTitle)}</h1>
            <p class="sp-status__announcer" role="status" data-testid="status-announcer">
                {move || state.announcement.get()}
            </p>
            <div role="alert" class="sp-alert" data-testid="status-error"
                hidden=move || state.load_error.with(Option::is_none)>
                {move || state.load_error.with(|err| err.as_ref().map(|err| error_text(use_lang(), err)))}
            </div>
            <OpenItems/>
            <div class="sp-status__grid">
                <Compose/>
                <BannerPreview draft/>
            </div>
        </main>
    }
}

/// The open incidents, then the maintenances.
#[component]
fn OpenItems() -> impl IntoView {
    let state = expect_context::<StatusState>();
    let ids = Memo::new(move |_| {
        state.feed.with(|feed| {
            feed.as_ref().map_or_else(Vec::new, |feed| {
                open_items(feed)
                    .into_iter()
                    .map(|(item, maintenance)| (item.id.clone(), maintenance))
                    .collect::<Vec<_>>()
            })
        })
    });
    let loaded = move || state.feed.with(Option::is_some);
    view! {
        <section class="sp-status__open" aria-labelledby="status-open-title" data-testid="status-open">
            <h2 id="status-open-title" tabindex="-1">{tr(K::OpenNowTitle)}</h2>
            <p role="status" class="sp-muted" hidden=move || loaded() || state.load_error.with(Option::is_some)>
                {tr(K::Loading)}
            </p>
            <p class="sp-muted" data-testid="status-empty" hidden=move || !loaded() || !ids.with(Vec::is_empty)>
                {tr(K::NothingOpen)}
            </p>
            <ul class="sp-items" hidden=move || ids.with(Vec::is_empty)>
                <For each=move || ids.get() key=|(id, _)| id.clone()
                    children=move |(id, maintenance)| view! { <ItemRow id maintenance/> }/>
            </ul>
        </section>
    }
}

fn find<'a>(feed: &'a Summary, id: &str) -> Option<&'a Incident> {
    open_items(feed)
        .into_iter()
        .map(|(item, _)| item)
        .find(|item| item.id == id)
}

/// The CSS modifier of an impact's badge.
fn impact_modifier(impact: &Impact) -> &'static str {
    match impact {
        Impact::None => "none",
        Impact::Minor => "minor",
        Impact::Major => "major",
        Impact::Critical => "critical",
        Impact::Maintenance => "maintenance",
        Impact::Unknown(_) => "minor",
    }
}

/// One open incident or maintenance, with its update form when open.
#[component]
fn ItemRow(
    /// The item's id in the feed.
    id: String,
    /// A maintenance (no update or resolve here).
    maintenance: bool,
) -> impl IntoView {
    let state = expect_context::<StatusState>();
    let item = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .feed
                .with(|feed| feed.as_ref().and_then(|feed| find(feed, &id)).cloned())
        })
    };
    let editing = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .update
                .target
                .with(|target| target.as_deref() == Some(id.as_str()))
        })
    };
    let open = {
        let id = id.clone();
        move |resolve: bool| {
            let id = id.clone();
            move |_| {
                let status = if resolve {
                    IncidentStatus::Resolved
                } else {
                    item.with_untracked(|item| {
                        item.as_ref()
                            .map(|item| item.status.clone())
                            .filter(|status| UPDATE_STATUSES.contains(status))
                            .unwrap_or(IncidentStatus::Identified)
                    })
                };
                state.update.open(id.clone(), status);
            }
        }
    };
    let name = Signal::derive(move || {
        item.with(|item| {
            item.as_ref()
                .map(|item| item.name.clone())
                .unwrap_or_default()
        })
    });
    let form_id = id.clone();
    view! {
        <li class="sp-item" data-testid="status-item" data-item-id=id
            data-kind=if maintenance { "maintenance" } else { "incident" }>
            {move || item.get().map(|item| details(use_lang(), item, maintenance))}
            {(!maintenance).then(|| view! {
                <div class="sp-form__buttons" hidden=editing>
                    <button type="button" class="sp-button" data-testid="update-button" on:click=open(false)>
                        {tr(K::PostUpdate)}
                    </button>
                    <button type="button" class="sp-button" data-testid="resolve-button" on:click=open(true)>
                        {tr(K::Resolve)}
                    </button>
                </div>
                <Show when=move || editing.get()>
                    <UpdateForm id=form_id.clone() name/>
                </Show>
            })}
        </li>
    }
}

/// An item's name, impact, status, components, window and latest update, as text.
fn details(lang: Lang, item: Incident, maintenance: bool) -> impl IntoView {
    let components = if item.components.is_empty() {
        lang.t(K::EveryPage).to_owned()
    } else {
        item.components
            .iter()
            .map(|component| component.name.as_str())
            .collect::<Vec<_>>()
            .join(list_separator(lang))
    };
    let window = maintenance.then(|| {
        let time = |at: &Option<signpost_core::feed::Timestamp>| {
            at.as_ref()
                .map(|at| intl::date_time(lang, at.as_str()))
                .unwrap_or_default()
        };
        let text = lang.f(
            K::WindowText,
            &[("from", &time(&item.scheduled_for)), ("until", &time(&item.scheduled_until))],
        );
        view! { <div><dt>{lang.t(K::Window)}</dt><dd data-testid="status-item-window">{text}</dd></div> }
    });
    let latest = item.latest_update().map(|update| {
        let when = update
            .display_at
            .as_ref()
            .or(update.created_at.as_ref())
            .map(|at| intl::date_time(lang, at.as_str()));
        (when, update.body.clone())
    });
    let kind = if maintenance {
        K::KindMaintenance
    } else {
        K::KindIncident
    };
    view! {
        <h3 class="sp-item__name" data-testid="status-item-name">{item.name.clone()}</h3>
        <p class="sp-item__tags">
            <span class="sp-sr-only">{lang.t(kind)}" "</span>
            <span class=format!("sp-badge sp-badge--impact-{}", impact_modifier(&item.impact))
                data-testid="status-item-impact">
                {words(lang, impact_label(&item.impact), item.impact.as_str())}
            </span>
            " "
            <span class="sp-item__status" data-testid="status-item-status">
                {words(lang, item_status_label(&item.status), item.status.as_str())}
            </span>
        </p>
        <dl class="sp-facts sp-item__facts">
            <div><dt>{lang.t(K::Components)}</dt><dd data-testid="status-item-components">{components}</dd></div>
            {window}
            {latest.map(|(when, body)| view! {
                <div>
                    <dt>{lang.t(K::LatestUpdate)}</dt>
                    <dd data-testid="status-item-update">
                        {when.map(|when| view! { <span class="sp-item__time">{when}</span> })}
                        <span class="sp-item__body">{body}</span>
                    </dd>
                </div>
            })}
        </dl>
    }
}

/// How the language separates the items of a list.
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "、",
        Lang::Ar => "، ",
        _ => ", ",
    }
}

/// The controls of the update form, in order, by wire field.
const UPDATE_ORDER: &[(&str, &str)] = &[("status", "update-status"), ("message", "update-message")];

/// Posts an update to incident `id`, or resolves it.
#[component]
fn UpdateForm(
    /// The incident's id.
    id: String,
    /// The incident's name, for the form's label and the announcement.
    name: Signal<String>,
) -> impl IntoView {
    let state = expect_context::<StatusState>();
    let fields = state.update;
    let id = StoredValue::new(id);
    let resolving = Memo::new(move |_| {
        fields
            .status
            .with(|status| *status == IncidentStatus::Resolved)
    });
    focus_later("update-status");
    let close = move || {
        fields.target.set(None);
        let selector = format!(
            "[data-item-id=\"{}\"] [data-testid=\"update-button\"]",
            id.get_value().replace(['"', '\\'], "")
        );
        request_animation_frame(move || {
            focus_element(document().query_selector(&selector).ok().flatten())
        });
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if fields.pending.get_untracked() {
            return;
        }
        let (status, message) = (
            fields.status.get_untracked(),
            fields.message.get_untracked(),
        );
        let resolve = status == IncidentStatus::Resolved;
        let request = UpdateIncident {
            status: (!resolve).then(|| status.as_str().to_owned()),
            // Resolving without words: the desk says it has been resolved.
            message: (!resolve || !message.trim().is_empty()).then_some(message),
        };
        let (id, name) = (id.get_value(), name.get_untracked());
        fields.pending.set(true);
        spawn_local(async move {
            let done = if resolve {
                api::resolve_incident(&id, &request).await
            } else {
                api::update_incident(&id, &request).await
            };
            let done = state.auth.check(done);
            fields.pending.set(false);
            match done {
                Ok(()) => {
                    fields.error.set(None);
                    fields.target.set(None);
                    state.say(
                        if resolve {
                            K::IncidentResolved
                        } else {
                            K::UpdatePosted
                        },
                        &name,
                    );
                    state.reload();
                    // A resolved incident leaves the list: land on the list's heading.
                    if resolve {
                        focus_later("status-open-title");
                    } else {
                        close();
                    }
                }
                Err(err) => {
                    focus_first_error(&err, UPDATE_ORDER);
                    fields.error.set(Some(err));
                }
            }
        });
    };
    let keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            close();
        }
    };
    let message_for = move |field: &'static str| {
        Signal::derive(move || {
            fields
                .error
                .with(|err| field_error(use_lang(), err.as_ref(), field))
        })
    };
    let (status_error, message_error) = (message_for("status"), message_for("message"));
    let general = move || {
        fields.error.with(|err| {
            err.as_ref()
                .filter(|err| err.fields().is_empty())
                .map(|err| error_text(use_lang(), err))
        })
    };
    view! {
        <form class="sp-form sp-item__form" novalidate data-testid="update-form" on:submit=submit on:keydown=keydown
            aria-label=move || use_lang().f(K::UpdateFormLabel, &[("name", &name.get())])>
            <div role="alert" class="sp-alert" data-testid="update-error" hidden=move || general().is_none()>
                {general}
            </div>
            <div class="sp-field">
                <label for="update-status">{tr(K::Status)}</label>
                <select id="update-status" data-testid="update-status" aria-describedby="update-status-error"
                    aria-invalid=move || status_error.with(Option::is_some).then_some("true")
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(picked) = UPDATE_STATUSES.iter().find(|s| s.as_str() == value) {
                            fields.status.set(picked.clone());
                        }
                    }>
                    {UPDATE_STATUSES.into_iter().map(|option| {
                        let (value, label) = (option.as_str().to_owned(), item_status_label(&option));
                        let text = value.clone();
                        view! {
                            <option value=value prop:selected=move || fields.status.with(|s| *s == option)>
                                {move || words(use_lang(), label, &text)}
                            </option>
                        }
                    }).collect_view()}
                </select>
                <FieldMessage id="update-status-error" message=status_error/>
            </div>
            <div class="sp-field">
                <label for="update-message">{tr(K::Message)}</label>
                <textarea id="update-message" data-testid="update-message" rows="3"
                    aria-describedby="update-message-hint update-message-error"
                    aria-invalid=move || message_error.with(Option::is_some).then_some("true")
                    prop:value=fields.message on:input=move |ev| fields.message.set(event_target_value(&ev))>
                </textarea>
                <p class="sp-hint" id="update-message-hint">
                    {move || use_lang().t(if resolving.get() { K::ResolveHint } else { K::UpdateMessageHint })}
                </p>
                <FieldMessage id="update-message-error" message=message_error/>
            </div>
            <div class="sp-form__buttons">
                <button type="submit" class="sp-button sp-button--primary" data-testid="update-submit"
                    disabled=fields.pending>
                    {move || use_lang().t(if resolving.get() { K::ResolveSubmit } else { K::UpdateSubmit })}
                </button>
                <button type="button" class="sp-button" data-testid="update-cancel" on:click=move |_| close()>
                    {tr(K::Cancel)}
                </button>
            </div>
        </form>
    }
}
