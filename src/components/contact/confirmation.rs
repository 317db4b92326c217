//! The confirmation after "Send request": the ticket id, the team, and when to expect a reply; or that the
//! request is saved to send later.

use super::Outcome;
use crate::i18n::{Language, Locale, Msg, queue_name, t};
use crate::intl::{IntlFormatter, object};
use crate::navigation::{Navigation, View};
use crate::outbox::Outbox;
use crate::site::Site;
use crate::triage_reason::triage_reason;
use js_sys::{Array, Intl};
use leptos::html;
use leptos::prelude::*;
use signpost_core::tickets::{Priority, Queue, ResponseTargets};
use wasm_bindgen::JsValue;

/// The confirmation of `outcome`.
#[component]
pub fn Confirmation(outcome: Outcome) -> impl IntoView {
    let (language, navigation) = (expect_context::<Language>(), expect_context::<Navigation>());
    let (outbox, site) = (expect_context::<Outbox>(), expect_context::<Site>());
    // A queued request turns into a filed one when the outbox delivers it.
    let created = move || match &outcome {
        Outcome::Filed(created) => Some(created.clone()),
        Outcome::Queued(key) => outbox.filed_as(key),
    };
    // One element that stays while its content turns from "Saved" into "Sent", so focus stays on it too.
    let confirmation = NodeRef::<html::Div>::new();
    crate::components::focus_when_shown(confirmation);
    let content = move || match created() {
        None => view! {
            <div class="sp-banner sp-banner--maintenance">
                <p class="sp-banner__title">{t(Msg::SavedTitle)}</p>
                <p class="sp-banner__body">{t(Msg::SavedBody)}</p>
            </div>
        }
        .into_any(),
        Some(created) => {
            let ui = language.ui();
            let due = reply_by(
                &site.response_targets(),
                ui,
                &language.locale(),
                created.queue,
                created.priority,
                &created.first_response_due,
            );
            let format = IntlFormatter::new(ui, &language.locale());
            let reasons: Vec<String> = created
                .reasons
                .iter()
                .filter_map(|reason| triage_reason(ui, &format, reason))
                .collect();
            view! {
                <div class="sp-banner sp-banner--resolved">
                    <p class="sp-banner__title">{ui.format(Msg::RequestSent, &[("id", &created.id)])}</p>
                    <p class="sp-banner__body">{ui.text(queue_name(created.queue))} " · " {due}</p>
                    {created.masked_card_numbers.then(|| view! {
                        <p class="sp-banner__body">{ui.text(Msg::CardNumberHidden)}</p>
                    })}
                    {(!reasons.is_empty()).then(|| view! {
                        <ul class="sp-reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    })}
                    <button type="button" class="sp-link-button" on:click=move |_| navigation.go(View::Requests)>
                        {ui.text(Msg::SeeYourRequests)}
                    </button>
                </div>
            }
            .into_any()
        }
    };
    view! { <div class="sp-confirmation" tabindex="-1" node_ref=confirmation>{content}</div> }
}
/// "We usually reply within 1 hour — by 14:30".
fn reply_by(
    targets: &ResponseTargets,
    ui: Locale,
    locale: &str,
    queue: Queue,
    priority: Priority,
    due: &str,
) -> String {
    let minutes = targets.minutes(queue, priority);
    let (amount, unit) = match minutes {
        m if m < 60 => (m, "minute"),
        m if m < 1_440 => (m / 60, "hour"),
        m => (m / 1_440, "day"),
    };
    // "1 hour", "2 Stunden", "ساعتان": the browser knows each language's units and plurals.
    let locales = Array::of1(&JsValue::from_str(locale));
    let within = Intl::NumberFormat::new(
        &locales,
        &object(&[
            ("style", "unit".into()),
            ("unit", unit.into()),
            ("unitDisplay", "long".into()),
        ]),
    )
    .format()
    .call1(&JsValue::NULL, &JsValue::from_f64(amount as f64))
    .ok()
    .and_then(|s| s.as_string())
    .unwrap_or_default();
    let date = js_sys::Date::new(&JsValue::from_str(due));
    let same_day = date.to_date_string() == js_sys::Date::new_0().to_date_string();
    let options = if same_day {
        object(&[("timeStyle", "short".into())])
    } else {
        object(&[
            ("weekday", "short".into()),
            ("hour", "numeric".into()),
            ("minute", "2-digit".into()),
        ])
    };
    let by = Intl::DateTimeFormat::new(&locales, &options)
        .format()
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    ui.format(Msg::ReplyWithin, &[("within", &within), ("by", &by)])
}
