//! The nudge: a short message beside the launcher that the desk chose for this page view (a proactive rule that
//! fires on the page, or a message the marketplace pushed for the user), before anyone opened the widget.
//!
//! Polite: announced through a live region, never takes focus, sits above the launcher in the widget's corner
//! (as narrow as the phone layout needs), and goes away when the panel opens or the user dismisses it. A
//! dismissal is remembered where the site lets the widget store anything, as is the day's count once the user
//! has acted on the site before (the install id exists), so the desk's caps hold across page views.

use crate::components::suggestions::Explanation;
use crate::host::Host;
use crate::i18n::{Msg, t};
use crate::navigation::Navigation;
use crate::storage;
use crate::usage::INSTALL_KEY;
use leptos::prelude::*;
use serde_json::json;
use signpost_core::notices::{Nudge, NudgeMemory};

/// Where the browser's nudge memory is kept (`signpost.nudges`, which the loader sends to the desk).
const MEMORY_KEY: &str = "nudges";
const MS_PER_DAY: f64 = 86_400_000.0;

/// The nudge beside the launcher.
#[component]
pub fn NudgeBubble(nudge: Nudge) -> impl IntoView {
    let navigation = expect_context::<Navigation>();
    let host = expect_context::<Host>();
    let Nudge { id, text, reason } = nudge;
    let id = StoredValue::new(id);
    let showing = RwSignal::new(true);
    let why_open = RwSignal::new(false);
    // Filled a frame after the live region is in the page, so screen readers hear it as news.
    let message = RwSignal::new(String::new());
    request_animation_frame(move || message.set(text));
    if storage::load::<String>(INSTALL_KEY).is_some() {
        remember(|memory| memory.record_shown(today()));
    }
    host.emit("nudge:shown", &json!({ "id": id.get_value() }));
    Effect::new(move || {
        if navigation.is_open() {
            showing.set(false);
        }
    });
    let dismiss = move || {
        remember(|memory| memory.dismiss(&id.get_value()));
        showing.set(false);
        host.emit("nudge:dismissed", &json!({ "id": id.get_value() }));
        if let Some(launcher) = navigation.launcher.get_untracked() {
            let _ = launcher.focus();
        }
    };
    let open = move |_| {
        host.emit("nudge:opened", &json!({ "id": id.get_value() }));
        navigation.set_open(true);
    };
    let explanation_id = "sp-nudge-why";
    view! {
        <Show when=move || showing.get()>
            <aside
                class="sp-nudge"
                aria-label=t(Msg::NudgeLabel)
                on:keydown=move |event| {
                    if event.key() == "Escape" {
                        event.stop_propagation();
                        dismiss();
                    }
                }
            >
                <p class="sp-nudge__text" role="status" dir="auto">{move || message.get()}</p>
                <div class="sp-nudge__actions">
                    <button type="button" class="sp-button sp-nudge__open" on:click=open>
                        {t(Msg::NudgeOpen)}
                    </button>
                    <button
                        type="button"
                        class="sp-why"
                        aria-expanded=move || why_open.get().to_string()
                        aria-controls=explanation_id
                        on:click=move |_| why_open.update(|open| *open = !*open)
                    >
                        {t(Msg::WhyAmISeeingThis)}
                    </button>
                </div>
                <div id=explanation_id class="sp-explanation" hidden=move || !why_open.get()>
                    <Explanation reason=reason.clone()/>
                </div>
                <button
                    type="button"
                    class="sp-nudge__close"
                    aria-label=t(Msg::NudgeDismiss)
                    on:click=move |_| dismiss()
                >
                    "×"
                </button>
            </aside>
        </Show>
    }
}

/// Changes the browser's nudge memory and stores it.
fn remember(change: impl FnOnce(&mut NudgeMemory)) {
    let mut memory: NudgeMemory = storage::load(MEMORY_KEY).unwrap_or_default();
    change(&mut memory);
    storage::save(MEMORY_KEY, &memory);
}

/// Days since 1970 (UTC), as the desk counts them.
fn today() -> i64 {
    (js_sys::Date::now() / MS_PER_DAY).floor() as i64
}
