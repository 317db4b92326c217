//! Publishing on the status page: the form that opens an incident (name, impact, status, components, message)
//! and the one that schedules maintenance (name, window, components, message). Both keep what was typed when
//! the desk refuses it, show its problems beside the fields and move focus to the first.

use super::inbox::surface_label;
use super::sign_in::FieldMessage;
use super::status_page::{
    StatusState, focus_first_error, impact_label, item_status_label, list_separator, words,
};
use crate::api::{self, ClientError};
use crate::components::glyph;
use crate::i18n::{K, Lang, tr, use_lang};
use crate::model::{OpenIncident, ScheduleMaintenance};
use crate::state::{error_text, field_error, list_error};
use crate::status::{Choice, Draft, IMPACTS, OPEN_STATUSES, component_choices};
use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_core::feed::{Impact, IncidentStatus, Timestamp};
use wasm_bindgen::JsValue;

/// Which form is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Incident,
    Maintenance,
}

/// The open-incident form's fields.
#[derive(Clone, Copy)]
pub struct IncidentFields {
    pub name: RwSignal<String>,
    /// Default: minor.
    pub impact: RwSignal<Impact>,
    /// Default: investigating.
    pub status: RwSignal<IncidentStatus>,
    /// Component names, in the order they were ticked.
    pub components: RwSignal<Vec<String>>,
    pub message: RwSignal<String>,
    pub error: RwSignal<Option<ClientError>>,
    pub pending: RwSignal<bool>,
}

impl IncidentFields {
    fn new() -> Self {
        IncidentFields {
            name: RwSignal::new(String::new()),
            impact: RwSignal::new(Impact::Minor),
            status: RwSignal::new(IncidentStatus::Investigating),
            components: RwSignal::new(Vec::new()),
            message: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            pending: RwSignal::new(false),
        }
    }

    fn clear(self) {
        self.name.set(String::new());
        self.impact.set(Impact::Minor);
        self.status.set(IncidentStatus::Investigating);
        self.components.set(Vec::new());
        self.message.set(String::new());
        self.error.set(None);
    }
}

/// The maintenance form's fields; `start` and `end` as a `datetime-local` input gives them (local time).
#[derive(Clone, Copy)]
pub struct MaintenanceFields {
    pub name: RwSignal<String>,
    pub start: RwSignal<String>,
    pub end: RwSignal<String>,
    pub components: RwSignal<Vec<String>>,
    pub message: RwSignal<String>,
    pub error: RwSignal<Option<ClientError>>,
    pub pending: RwSignal<bool>,
}

impl MaintenanceFields {
    fn new() -> Self {
        MaintenanceFields {
            name: RwSignal::new(String::new()),
            start: RwSignal::new(String::new()),
            end: RwSignal::new(String::new()),
            components: RwSignal::new(Vec::new()),
            message: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            pending: RwSignal::new(false),
        }
    }

    fn clear(self) {
        for text in [self.name, self.start, self.end, self.message] {
            text.set(String::new());
        }
        self.components.set(Vec::new());
        self.error.set(None);
    }
}

/// Both forms, and which one is shown. Each keeps its text while the other is shown.
#[derive(Clone, Copy)]
pub struct ComposeFields {
    pub kind: RwSignal<Kind>,
    pub incident: IncidentFields,
    pub maintenance: MaintenanceFields,
}

impl ComposeFields {
    pub fn new() -> Self {
        ComposeFields {
            kind: RwSignal::new(Kind::Incident),
            incident: IncidentFields::new(),
            maintenance: MaintenanceFields::new(),
        }
    }

    /// What the shown form would publish (tracked); none until something is typed or chosen.
    pub fn draft(self) -> Option<Draft> {
        match self.kind.get() {
            Kind::Incident => {
                let f = self.incident;
                let touched = !f.name.with(String::is_empty)
                    || !f.components.with(Vec::is_empty)
                    || !f.message.with(String::is_empty);
                touched.then(|| Draft::Incident {
                    name: f.name.get(),
                    impact: f.impact.get(),
                    status: f.status.get(),
                    components: f.components.get(),
                    message: f.message.get(),
                })
            }
            Kind::Maintenance => {
                let f = self.maintenance;
                let touched = !f.name.with(String::is_empty)
                    || !f.start.with(String::is_empty)
                    || !f.components.with(Vec::is_empty)
                    || !f.message.with(String::is_empty);
                touched.then(|| Draft::Maintenance {
                    name: f.name.get(),
                    from: f.start.with(|start| local_unix(start)),
                    until: f.end.with(|end| local_unix(end)),
                    components: f.components.get(),
                    message: f.message.get(),
                })
            }
        }
    }
}

/// Unix seconds of a `datetime-local` value (`2026-12-01T02:00`, the browser's time zone); none when empty or
/// not a date.
fn local_unix(value: &str) -> Option<i64> {
    if value.trim().is_empty() {
        return None;
    }
    // A date and time without an offset is local time in JavaScript.
    let ms = js_sys::Date::new(&JsValue::from_str(value)).get_time();
    (!ms.is_nan()).then(|| (ms / 1000.0).floor() as i64)
}

/// A `datetime-local` value as the desk reads it (RFC 3339, UTC); as typed when it is not a date, so the desk
/// says what is wrong with it.
fn wire_time(value: &str) -> String {
    local_unix(value).map_or_else(
        || value.trim().to_owned(),
        |unix| Timestamp::from_unix(unix).as_str().to_owned(),
    )
}

/// The browser's time zone, e.g. `Europe/Paris`.
fn time_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_default()
}

/// None for blank text: the desk then uses the name.
fn optional(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// `chosen` in the order the choices are listed (the desk creates new components in the order named).
fn in_list_order(chosen: Vec<String>, choices: &[Choice]) -> Vec<String> {
    let listed = choices
        .iter()
        .filter(|choice| chosen.contains(&choice.name))
        .map(|choice| choice.name.clone());
    let unlisted = chosen
        .iter()
        .filter(|name| !choices.iter().any(|choice| choice.name == **name))
        .cloned();
    listed.chain(unlisted).collect()
}

/// "Open an incident" / "Schedule maintenance".
#[component]
pub fn Compose() -> impl IntoView {
    let state = expect_context::<StatusState>();
    let kind = state.compose.kind;
    let toggle = move |to: Kind, label: K, testid: &'static str| {
        view! {
            <button type="button" class="sp-toggle" data-testid=testid
                aria-pressed=move || (kind.get() == to).to_string() on:click=move |_| kind.set(to)>
                {tr(label)}
            </button>
        }
    };
    view! {
        <section class="sp-status__compose" aria-labelledby="compose-title" data-testid="compose">
            <h2 id="compose-title">
                {move || use_lang().t(match kind.get() {
                    Kind::Incident => K::OpenIncident,
                    Kind::Maintenance => K::ScheduleMaintenance,
                })}
            </h2>
            <div class="sp-composer__modes" role="group" aria-label=tr(K::WhatToPublish)>
                {toggle(Kind::Incident, K::KindIncident, "compose-incident")}
                {toggle(Kind::Maintenance, K::KindMaintenance, "compose-maintenance")}
            </div>
            {move || match kind.get() {
                Kind::Incident => view! { <IncidentForm/> }.into_any(),
                Kind::Maintenance => view! { <MaintenanceForm/> }.into_any(),
            }}
        </section>
    }
}

/// The words of a 422 no field explains, or of any other failure.
fn general_error(error: RwSignal<Option<ClientError>>) -> impl Fn() -> Option<String> + Copy {
    move || {
        error.with(|err| {
            err.as_ref()
                .filter(|err| err.fields().is_empty())
                .map(|err| error_text(use_lang(), err))
        })
    }
}

/// The problems of one field (tracked).
fn problems(error: RwSignal<Option<ClientError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || error.with(|err| field_error(use_lang(), err.as_ref(), field)))
}

const INCIDENT_ORDER: &[(&str, &str)] = &[
    ("name", "incident-name"),
    ("impact", "incident-impact"),
    ("status", "incident-status"),
    ("components", "incident-component-0"),
    ("message", "incident-message"),
];

/// Opens an incident.
#[component]
fn IncidentForm() -> impl IntoView {
    let state = expect_context::<StatusState>();
    let f = state.compose.incident;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if f.pending.get_untracked() {
            return;
        }
        let choices = choices_now(state);
        let request = OpenIncident {
            name: f.name.get_untracked(),
            impact: f.impact.with_untracked(|impact| impact.as_str().to_owned()),
            status: f.status.with_untracked(|status| status.as_str().to_owned()),
            components: in_list_order(f.components.get_untracked(), &choices),
            message: optional(f.message.get_untracked()),
        };
        f.pending.set(true);
        spawn_local(async move {
            let done = state.auth.check(api::open_incident(&request).await);
            f.pending.set(false);
            match done {
                Ok(()) => {
                    f.clear();
                    state.say(K::IncidentOpened, &request.name);
                    state.reload();
                }
                Err(err) => {
                    focus_first_error(&err, INCIDENT_ORDER);
                    f.error.set(Some(err));
                }
            }
        });
    };
    let general = general_error(f.error);
    let (name_error, impact_error, status_error, message_error) = (
        problems(f.error, "name"),
        problems(f.error, "impact"),
        problems(f.error, "status"),
        problems(f.error, "message"),
    );
    let components_error = Signal::derive(move || {
        f.error
            .with(|err| list_error(use_lang(), err.as_ref(), "components"))
    });
    view! {
        <form class="sp-form" novalidate data-testid="incident-form" aria-labelledby="compose-title"
            on:submit=submit>
            <div role="alert" class="sp-alert" data-testid="incident-error" hidden=move || general().is_none()>
                {general}
            </div>
            <div class="sp-field">
                <label for="incident-name">{tr(K::Name)}</label>
                <input id="incident-name" data-testid="incident-name" type="text" autocomplete="off"
                    aria-required="true" aria-describedby="incident-name-error"
                    aria-invalid=move || name_error.with(Option::is_some).then_some("true")
                    prop:value=f.name on:input=move |ev| f.name.set(event_target_value(&ev))/>
                <FieldMessage id="incident-name-error" message=name_error/>
            </div>
            <div class="sp-form__row">
                <div class="sp-field">
                    <label for="incident-impact">{tr(K::ImpactLabel)}</label>
                    <select id="incident-impact" data-testid="incident-impact"
                        aria-describedby="incident-impact-error"
                        aria-invalid=move || impact_error.with(Option::is_some).then_some("true")
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(picked) = IMPACTS.into_iter().find(|i| i.as_str() == value) {
                                f.impact.set(picked);
                            }
                        }>
                        {IMPACTS.into_iter().map(|option| {
                            let (value, label) = (option.as_str().to_owned(), impact_label(&option));
                            let text = value.clone();
                            view! {
                                <option value=value prop:selected=move || f.impact.with(|i| *i == option)>
                                    {move || words(use_lang(), label, &text)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <FieldMessage id="incident-impact-error" message=impact_error/>
                </div>
                <div class="sp-field">
                    <label for="incident-status">{tr(K::Status)}</label>
                    <select id="incident-status" data-testid="incident-status"
                        aria-describedby="incident-status-error"
                        aria-invalid=move || status_error.with(Option::is_some).then_some("true")
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(picked) = OPEN_STATUSES.into_iter().find(|s| s.as_str() == value) {
                                f.status.set(picked);
                            }
                        }>
                        {OPEN_STATUSES.into_iter().map(|option| {
                            let (value, label) = (option.as_str().to_owned(), item_status_label(&option));
                            let text = value.clone();
                            view! {
                                <option value=value prop:selected=move || f.status.with(|s| *s == option)>
                                    {move || words(use_lang(), label, &text)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <FieldMessage id="incident-status-error" message=status_error/>
                </div>
            </div>
            <ComponentPicker prefix="incident" chosen=f.components error=components_error/>
            <div class="sp-field">
                <label for="incident-message">{tr(K::Message)}</label>
                <textarea id="incident-message" data-testid="incident-message" rows="3"
                    aria-describedby="incident-message-hint incident-message-error"
                    aria-invalid=move || message_error.with(Option::is_some).then_some("true")
                    prop:value=f.message on:input=move |ev| f.message.set(event_target_value(&ev))>
                </textarea>
                <p class="sp-hint" id="incident-message-hint">{tr(K::MessageHint)}</p>
                <FieldMessage id="incident-message-error" message=message_error/>
            </div>
            <div class="sp-form__buttons">
                <button type="submit" class="sp-button sp-button--primary" data-testid="incident-submit"
                    disabled=f.pending>
                    {move || use_lang().t(if f.pending.get() { K::Saving } else { K::OpenIncidentSubmit })}
                </button>
            </div>
        </form>
    }
}

const MAINTENANCE_ORDER: &[(&str, &str)] = &[
    ("name", "maintenance-name"),
    ("scheduled_for", "maintenance-start"),
    ("scheduled_until", "maintenance-end"),
    ("components", "maintenance-component-0"),
    ("message", "maintenance-message"),
];

/// Schedules maintenance.
#[component]
fn MaintenanceForm() -> impl IntoView {
    let state = expect_context::<StatusState>();
    let f = state.compose.maintenance;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if f.pending.get_untracked() {
            return;
        }
        let choices = choices_now(state);
        let request = ScheduleMaintenance {
            name: f.name.get_untracked(),
            components: in_list_order(f.components.get_untracked(), &choices),
            scheduled_for: f.start.with_untracked(|start| wire_time(start)),
            scheduled_until: f.end.with_untracked(|end| wire_time(end)),
            message: optional(f.message.get_untracked()),
        };
        f.pending.set(true);
        spawn_local(async move {
            let done = state.auth.check(api::schedule_maintenance(&request).await);
            f.pending.set(false);
            match done {
                Ok(()) => {
                    f.clear();
                    state.say(K::MaintenanceScheduled, &request.name);
                    state.reload();
                }
                Err(err) => {
                    focus_first_error(&err, MAINTENANCE_ORDER);
                    f.error.set(Some(err));
                }
            }
        });
    };
    let general = general_error(f.error);
    let (name_error, start_error, end_error, message_error) = (
        problems(f.error, "name"),
        problems(f.error, "scheduled_for"),
        problems(f.error, "scheduled_until"),
        problems(f.error, "message"),
    );
    let components_error = Signal::derive(move || {
        f.error
            .with(|err| list_error(use_lang(), err.as_ref(), "components"))
    });
    let zone = time_zone();
    view! {
        <form class="sp-form" novalidate data-testid="maintenance-form" aria-labelledby="compose-title"
            on:submit=submit>
            <div role="alert" class="sp-alert" data-testid="maintenance-error" hidden=move || general().is_none()>
                {general}
            </div>
            <div class="sp-field">
                <label for="maintenance-name">{tr(K::Name)}</label>
                <input id="maintenance-name" data-testid="maintenance-name" type="text" autocomplete="off"
                    aria-required="true" aria-describedby="maintenance-name-error"
                    aria-invalid=move || name_error.with(Option::is_some).then_some("true")
                    prop:value=f.name on:input=move |ev| f.name.set(event_target_value(&ev))/>
                <FieldMessage id="maintenance-name-error" message=name_error/>
            </div>
            <div class="sp-form__row">
                <div class="sp-field">
                    <label for="maintenance-start">{tr(K::Starts)}</label>
                    <input id="maintenance-start" data-testid="maintenance-start" type="datetime-local"
                        aria-required="true" aria-describedby="maintenance-time-hint maintenance-start-error"
                        aria-invalid=move || start_error.with(Option::is_some).then_some("true")
                        prop:value=f.start on:input=move |ev| f.start.set(event_target_value(&ev))/>
                    <FieldMessage id="maintenance-start-error" message=start_error/>
                </div>
                <div class="sp-field">
                    <label for="maintenance-end">{tr(K::Ends)}</label>
                    <input id="maintenance-end" data-testid="maintenance-end" type="datetime-local"
                        aria-required="true" aria-describedby="maintenance-time-hint maintenance-end-error"
                        aria-invalid=move || end_error.with(Option::is_some).then_some("true")
                        prop:value=f.end on:input=move |ev| f.end.set(event_target_value(&ev))/>
                    <FieldMessage id="maintenance-end-error" message=end_error/>
                </div>
            </div>
            <p class="sp-hint" id="maintenance-time-hint">
                {move || use_lang().f(K::TimeZoneHint, &[("zone", &zone)])}
            </p>
            <ComponentPicker prefix="maintenance" chosen=f.components error=components_error/>
            <div class="sp-field">
                <label for="maintenance-message">{tr(K::Message)}</label>
                <textarea id="maintenance-message" data-testid="maintenance-message" rows="3"
                    aria-describedby="maintenance-message-hint maintenance-message-error"
                    aria-invalid=move || message_error.with(Option::is_some).then_some("true")
                    prop:value=f.message on:input=move |ev| f.message.set(event_target_value(&ev))>
                </textarea>
                <p class="sp-hint" id="maintenance-message-hint">{tr(K::MessageHint)}</p>
                <FieldMessage id="maintenance-message-error" message=message_error/>
            </div>
            <div class="sp-form__buttons">
                <button type="submit" class="sp-button sp-button--primary" data-testid="maintenance-submit"
                    disabled=f.pending>
                    {move || use_lang().t(if f.pending.get() { K::Saving } else { K::ScheduleSubmit })}
                </button>
            </div>
        </form>
    }
}

/// The components to choose from now (untracked).
fn choices_now(state: StatusState) -> Vec<Choice> {
    state.map.with_untracked(|map| {
        state
            .feed
            .with_untracked(|feed| component_choices(feed.as_ref(), map))
    })
}

/// Where a component's incidents show: "shows on: Checkout, Order page".
fn shows_on(lang: Lang, choice: &Choice) -> String {
    if choice.surfaces.is_empty() {
        return lang.t(K::ShowsNowhere).to_owned();
    }
    let pages: Vec<&str> = choice
        .surfaces
        .iter()
        .filter_map(|surface| surface_label(surface.as_str()))
        .map(|key| lang.t(key))
        .collect();
    lang.f(K::ShowsOn, &[("pages", &pages.join(list_separator(lang)))])
}

/// The component checkboxes of a form, each with the pages it shows on.
#[component]
fn ComponentPicker(
    /// The form's id prefix: `incident` or `maintenance`.
    prefix: &'static str,
    /// The names ticked.
    chosen: RwSignal<Vec<String>>,
    /// The problems with the components, from a 422.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<StatusState>();
    let choices = Memo::new(move |_| {
        state.map.with(|map| {
            state
                .feed
                .with(|feed| component_choices(feed.as_ref(), map))
        })
    });
    let (hint_id, error_id) = (
        format!("{prefix}-components-hint"),
        format!("{prefix}-components-error"),
    );
    let described_by = format!("{hint_id} {error_id}");
    view! {
        <fieldset class="sp-fieldset sp-components" data-testid=format!("{prefix}-components")
            aria-describedby=described_by>
            <legend>{tr(K::AffectedComponents)}</legend>
            <p class="sp-hint" id=hint_id>{tr(K::ComponentsHint)}</p>
            <p class="sp-muted" hidden=move || choices.with(|choices| !choices.is_empty())>
                {tr(K::NoComponents)}
            </p>
            <For each=move || choices.get().into_iter().enumerate() key=|pair| pair.clone()
                children=move |(index, choice)| {
                    let id = format!("{prefix}-component-{index}");
                    let name = choice.name.clone();
                    let (checked_name, toggled_name) = (name.clone(), name.clone());
                    view! {
                        <div class="sp-check">
                            <input type="checkbox" id=id.clone() data-testid=format!("{prefix}-component")
                                data-component=name.clone()
                                prop:checked=move || chosen.with(|chosen| chosen.contains(&checked_name))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|chosen| {
                                        chosen.retain(|other| *other != toggled_name);
                                        if on {
                                            chosen.push(toggled_name.clone());
                                        }
                                    });
                                }/>
                            <label for=id>
                                <span class="sp-check__name">{name}</span>
                                " "
                                <span class="sp-check__where">{move || shows_on(use_lang(), &choice)}</span>
                            </label>
                        </div>
                    }
                }/>
            <p class="sp-field__error" id=error_id.clone() data-testid=error_id
                hidden=move || error.with(Option::is_none)>
                {glyph("⚠ ")}
                {move || error.get()}
            </p>
        </fieldset>
    }
}
