//! Service status as the widget shows it: the banner at the top of the panel, and the status view with every
//! open incident's timeline (the feed they show is `status_feed`'s). Incident text is shown as text, never as
//! HTML.

use crate::components::{BackButton, focus_when_shown};
use crate::i18n::{Language, Locale, Msg, t};
use crate::intl::{object, relative_time};
use crate::navigation::{Navigation, View};
use crate::page_context::PageContext;
use crate::status_feed::{Headline, StatusFeed};
use js_sys::{Array, Intl};
use leptos::prelude::*;
use signpost_core::feed::{Incident, IncidentStatus, Severity, Summary};
use std::collections::HashSet;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// Words and CSS modifier for a severity.
pub fn severity_words(severity: Severity) -> (Msg, &'static str) {
    match severity {
        Severity::Critical => (Msg::SeverityCritical, "critical"),
        Severity::Major => (Msg::SeverityMajor, "major"),
        Severity::Minor => (Msg::SeverityMinor, "minor"),
        Severity::Maintenance => (Msg::SeverityMaintenance, "maintenance"),
        Severity::None => (Msg::SeverityNone, "none"),
    }
}

fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The banner at the top of the panel when something affects this page.
#[component]
pub fn StatusBanner() -> impl IntoView {
    let (language, navigation) = (expect_context::<Language>(), expect_context::<Navigation>());
    let (page, feed) = (
        expect_context::<PageContext>(),
        expect_context::<StatusFeed>(),
    );
    let now = RwSignal::new(now_unix());
    // Keeps "Updated 5 minutes ago" true while the panel stays open.
    if let Ok(ticker) =
        set_interval_with_handle(move || now.set(now_unix()), Duration::from_secs(30))
    {
        on_cleanup(move || ticker.clear());
    }
    let current = Memo::new(move |_| feed.headline(page.surface(), now.get()));

    // Tell the user when what they were looking at is over; announce a critical incident once, assertively.
    let resolved = RwSignal::new(None::<String>);
    let alert = RwSignal::new(String::new());
    let announced = StoredValue::new(HashSet::<String>::new());
    let was_open = StoredValue::new(HashSet::<String>::new());
    Effect::new(move |previous: Option<Option<Headline>>| {
        let now_showing = current.get();
        if let Some(Some(before)) = &previous
            && !before.upcoming
            && now_showing.as_ref().is_none_or(|h| h.id != before.id)
            && feed.with_untracked(|s| s.is_some_and(|s| !is_open(s, &before.id)))
        {
            resolved.set(Some(
                language
                    .ui_untracked()
                    .format(Msg::ResolvedNote, &[("title", &before.title)]),
            ));
        }
        if let Some(headline) = &now_showing {
            // A newly opened incident replaces the last "Resolved" note; one that was already open does not.
            if was_open.with_value(|open| !open.contains(&headline.id)) {
                resolved.set(None);
            }
            if headline.severity == Severity::Critical
                && announced.with_value(|a| !a.contains(&headline.id))
            {
                announced.update_value(|a| {
                    a.insert(headline.id.clone());
                });
                alert.set(format!(
                    "{}: {}",
                    language
                        .ui_untracked()
                        .text(severity_words(headline.severity).0),
                    headline.title
                ));
            }
        }
        was_open.set_value(feed.with_untracked(|s| s.map(open_ids).unwrap_or_default()));
        now_showing
    });

    view! {
        <p class="sp-visually-hidden" role="alert">{move || alert.get()}</p>
        <div class="sp-status-live" role="status" aria-live="polite">
            {move || resolved.get().map(|text| view! { <p class="sp-banner sp-banner--resolved">{text}</p> })}
            {move || current.get().map(|headline| {
                let (words, modifier) = severity_words(headline.severity);
                let ui = language.ui();
                let label = ui.text(if headline.upcoming { Msg::ScheduledMaintenance } else { words });
                let updated = headline.updated_unix.map(|then| {
                    ui.format(Msg::UpdatedAgo, &[("when", &relative_time(&language.locale(), then - now.get()))])
                });
                view! {
                    <div class=format!("sp-banner sp-banner--{modifier}")>
                        <p class="sp-banner__impact">{label}</p>
                        <p class="sp-banner__title" dir="auto">{headline.title}</p>
                        {(!headline.body.is_empty()).then(|| view! { <p class="sp-banner__body" dir="auto">{headline.body}</p> })}
                        <p class="sp-banner__meta">
                            {updated}
                            <button type="button" class="sp-link-button" on:click=move |_| navigation.go(View::Status)>
                                {t(Msg::ViewStatus)}
                            </button>
                        </p>
                    </div>
                }
            })}
        </div>
    }
}

fn open_ids(summary: &Summary) -> HashSet<String> {
    summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .filter(|i| i.is_unresolved())
        .map(|i| i.id.clone())
        .collect()
}

fn is_open(summary: &Summary, id: &str) -> bool {
    summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .any(|i| i.id == id && i.is_unresolved())
}

/// Every open incident and maintenance with its timeline.
#[component]
pub fn StatusView() -> impl IntoView {
    let (language, feed) = (expect_context::<Language>(), expect_context::<StatusFeed>());
    let heading = NodeRef::<leptos::html::H3>::new();
    focus_when_shown(heading);
    let format_time = move |unix: i64| -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(unix as f64 * 1000.0));
        let options = object(&[
            ("dateStyle", "medium".into()),
            ("timeStyle", "short".into()),
        ]);
        Intl::DateTimeFormat::new(
            &Array::of1(&JsValue::from_str(&language.locale())),
            &options,
        )
        .format()
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
    };
    let entries = move || {
        feed.with(|summary| {
            summary
                .map(|s| {
                    s.incidents
                        .iter()
                        .chain(&s.scheduled_maintenances)
                        .filter(|i| i.is_unresolved())
                        .cloned()
                        .collect::<Vec<Incident>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="sp-status-view">
            <BackButton to=View::Home/>
            <h3 class="sp-article__title" tabindex="-1" node_ref=heading>{t(Msg::ServiceStatus)}</h3>
            {move || {
                let list = entries();
                if list.is_empty() {
                    return view! { <p class="sp-section__empty">{t(Msg::AllSystemsOperational)}</p> }.into_any();
                }
                view! {
                    <ul class="sp-incidents">
                        {list.into_iter().map(|incident| {
                            let words = language.text(if incident.is_maintenance() { Msg::SeverityMaintenance } else { severity_words(impact_severity(&incident)).0 });
                            view! {
                                <li class="sp-incident">
                                    <p class="sp-banner__impact">{words}</p>
                                    <h4 class="sp-incident__title" dir="auto">{incident.name.clone()}</h4>
                                    <ol class="sp-timeline">
                                        {incident.incident_updates.into_iter().map(|update| {
                                            let when = update.created_at.as_ref().and_then(|t| t.unix_seconds()).map(&format_time);
                                            view! {
                                                <li class="sp-timeline__item">
                                                    <p class="sp-timeline__status">{status_words(language.ui(), &update.status)} " · " {when}</p>
                                                    <p class="sp-timeline__body" dir="auto">{update.body}</p>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ol>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

fn impact_severity(incident: &Incident) -> Severity {
    use signpost_core::feed::Impact;
    match incident.impact {
        Impact::Critical => Severity::Critical,
        Impact::Major => Severity::Major,
        Impact::Minor => Severity::Minor,
        Impact::Maintenance => Severity::Maintenance,
        _ => Severity::None,
    }
}

fn status_words(ui: Locale, status: &IncidentStatus) -> String {
    let msg = match status {
        IncidentStatus::Investigating => Msg::IncidentInvestigating,
        IncidentStatus::Identified => Msg::IncidentIdentified,
        IncidentStatus::Monitoring => Msg::IncidentMonitoring,
        IncidentStatus::Resolved => Msg::IncidentResolved,
        IncidentStatus::Postmortem => Msg::IncidentPostmortem,
        IncidentStatus::Scheduled => Msg::IncidentScheduled,
        IncidentStatus::InProgress => Msg::IncidentInProgress,
        IncidentStatus::Verifying => Msg::IncidentVerifying,
        IncidentStatus::Completed => Msg::IncidentCompleted,
        // A status this feed invented: its own word is the best there is.
        IncidentStatus::Unknown(text) => return text.clone(),
    };
    ui.text(msg).to_owned()
}
