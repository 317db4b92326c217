//! Keeps `WidgetState::status` current from a Statuspage-compatible feed: the desk's event stream when the
//! feed is the desk's own, else (or when the stream is blocked) polling `summary.json`, revalidated by ETag.

use crate::host::warn;
use crate::state::WidgetState;
use leptos::prelude::*;
use signpost_core::status::{IncidentStatus, Summary};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Polling interval while the feed answers.
const POLL_MS: i32 = 10_000;
/// Longest wait between attempts while the feed does not answer.
const MAX_BACKOFF_MS: i32 = 120_000;
/// Stream errors before any event arrives that mean the stream is blocked (a proxy, a CSP), not just flaky.
const STREAM_FAILURES_BEFORE_POLLING: u32 = 2;

/// Starts following the status feed for as long as the widget is mounted, and tells the page's
/// `status:changed` listeners whenever what is open changes.
pub fn follow(state: WidgetState) {
    announce_changes(state);
    let (desk, status_url) = state
        .config
        .with_value(|c| (c.desk.clone(), c.status_url.clone()));
    match status_url {
        Some(url) => poll(state, url),
        None => stream(state, desk),
    }
}

/// Fires `status:changed` with `{ indicator, incidents: [{ id, name, status, impact }] }` (open incidents and
/// maintenance in progress) when they change; a first reading with nothing open is no change.
fn announce_changes(state: WidgetState) {
    Effect::new(move |previous: Option<serde_json::Value>| {
        let now = state.status.with(|summary| {
            let Some(summary) = summary else {
                return serde_json::Value::Null;
            };
            let open: Vec<serde_json::Value> = summary
                .incidents
                .iter()
                .chain(&summary.scheduled_maintenances)
                .filter(|i| i.is_unresolved() && i.status != IncidentStatus::Scheduled)
                .map(|i| {
                    serde_json::json!({
                        "id": i.id, "name": i.name, "status": i.status, "impact": i.impact,
                    })
                })
                .collect();
            serde_json::json!({ "indicator": summary.status.indicator, "incidents": open })
        });
        let first_and_quiet = previous.as_ref().is_none_or(serde_json::Value::is_null)
            && now["incidents"].as_array().is_none_or(Vec::is_empty);
        if !now.is_null() && previous.as_ref() != Some(&now) && !first_and_quiet {
            state.emit("status:changed", now.clone());
        }
        now
    });
}

fn apply(state: WidgetState, json: &str) {
    match Summary::parse(json) {
        Ok(summary) => state.status.set(Some(summary)),
        // Keep showing the last good state.
        Err(err) => warn(&format!("status feed ignored: {err}")),
    }
}

fn stream(state: WidgetState, desk: String) {
    let summary_url = format!("{desk}/api/v2/summary.json");
    let Ok(source) = web_sys::EventSource::new(&format!("{desk}/v1/status/stream")) else {
        return poll(state, summary_url);
    };
    let received = StoredValue::new(false);
    let failures = StoredValue::new(0u32);
    let on_summary =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            received.set_value(true);
            if let Some(data) = event.data().as_string() {
                apply(state, &data);
            }
        });
    let fallback_source = source.clone();
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        // EventSource reconnects by itself after a network error, but gives up for good on a refusal (an HTTP
        // error, the wrong content type): then, or when it keeps failing before delivering anything, poll.
        failures.update_value(|n| *n += 1);
        let gave_up = fallback_source.ready_state() == web_sys::EventSource::CLOSED;
        let blocked =
            !received.get_value() && failures.get_value() >= STREAM_FAILURES_BEFORE_POLLING;
        if gave_up || blocked {
            fallback_source.close();
            poll(state, summary_url.clone());
        }
    });
    let _ = source.add_event_listener_with_callback("summary", on_summary.as_ref().unchecked_ref());
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let closures = StoredValue::new_local((on_summary, on_error, source));
    on_cleanup(move || {
        closures.with_value(|(_, _, source)| source.close());
    });
}

fn poll(state: WidgetState, url: String) {
    // Lives as long as the widget's owner: when it is disposed, `alive` can no longer be read.
    let alive = StoredValue::new(());
    leptos::task::spawn_local(async move {
        let mut wait = POLL_MS;
        while alive.try_get_value().is_some() {
            let request = gloo_net::http::Request::get(&url).cache(web_sys::RequestCache::NoCache);
            match request.send().await {
                Ok(response) if response.ok() => {
                    if let Ok(text) = response.text().await {
                        apply(state, &text);
                    }
                    wait = POLL_MS;
                }
                _ => wait = (wait * 2).min(MAX_BACKOFF_MS),
            }
            crate::time::sleep_about(f64::from(wait)).await;
        }
    });
}
