//! What the widget reports of its use to the desk's insights (`POST /v1/events`), private by design: no cookies;
//! events are linked by an install id only where the site lets the widget store anything (written with the
//! first event, which follows the user opening the widget), else by an id for this page view; with the
//! browser's Global Privacy Control on they are counted and not linked at all, and no identity goes with them.
//! Events are sent in batches a few seconds apart, and with `navigator.sendBeacon` when the page is hidden,
//! so a closing tab loses nothing and nothing waits for an answer.
//!
//! Recording is a push in the main module; making and sending a batch is in the `usage` chunk, fetched with
//! the first event.

use crate::identity::VerifiedUser;
use crate::page_context::PageContext;
use crate::site::Site;
use crate::storage;
use leptos::prelude::*;
use signpost_core::context::Context;
use signpost_core::embed::StoragePolicy;
use signpost_core::insights::events::{
    Event, EventBatch, EventKind, ID_MAX_CHARS, MAX_EVENTS, PageFacts, QUERY_MAX_CHARS, Unit,
};
use signpost_core::insights::{DIMENSION_MAX_CHARS, InsightsSettings};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Where the install id is kept: it exists once the user has acted on the site, after which storing is allowed.
pub const INSTALL_KEY: &str = "install";
/// An answer this soon after the one before, for text that continues it, means the user was still typing.
const STILL_TYPING_MS: f64 = 1_000.0;
/// How long events wait for others to go with them.
const BATCH_DELAY: Duration = Duration::from_secs(4);

/// A batch on its way out: the events, what links them, and who sends them.
pub struct Outgoing {
    pub endpoint: String,
    pub unit: Unit,
    pub returning: bool,
    pub identity: Option<String>,
    pub events: Vec<Event>,
}

/// Sends a batch, given the page's context and the site's settings (the `usage` chunk).
pub type Sender = fn(Outgoing, &Context, &InsightsSettings);

/// The events not sent yet, and what links them.
#[derive(Default)]
struct Log {
    endpoint: String,
    policy: StoragePolicy,
    /// The unit and whether the user was here before, settled at the first event: an install id needs the
    /// user to have acted.
    unit: Option<(Unit, bool)>,
    /// The experiments whose exposure this page view has reported.
    exposed: Vec<String>,
    /// Each event with the time it happened (`Date.now()`).
    pending: Vec<(Event, f64)>,
    /// The search box's latest answer, until the user stops typing: only the search they settle on counts.
    typing: Option<(Event, f64)>,
    flush_scheduled: bool,
    /// What sends a batch, once its chunk is loaded.
    sender: Option<Sender>,
    loading_sender: bool,
}

thread_local! {
    // One log for the page, like localStorage: the loader starts one widget per page.
    static LOG: RefCell<Log> = RefCell::default();
}

fn with_log<R>(change: impl FnOnce(&mut Log) -> R) -> R {
    LOG.with_borrow_mut(change)
}

/// Records the widget's use and sends it to the desk.
#[derive(Clone, Copy)]
pub struct Usage {
    site: Site,
    page: PageContext,
    user: VerifiedUser,
}

impl Usage {
    /// A log for this page view, sending to `desk`; flushed when the page is hidden.
    pub fn new(
        desk: &str,
        policy: StoragePolicy,
        site: Site,
        page: PageContext,
        user: VerifiedUser,
    ) -> Self {
        with_log(|log| {
            *log = Log {
                endpoint: format!("{desk}/v1/events"),
                policy,
                ..Log::default()
            }
        });
        let usage = Usage { site, page, user };
        usage.flush_when_hidden();
        usage
    }

    /// Records `kind` about `item` (an article or suggestion), if the site collects insights.
    pub fn record(&self, kind: EventKind, item: Option<&str>) {
        self.push(
            event(
                kind,
                item.map(|item| item.chars().take(ID_MAX_CHARS).collect()),
            ),
            js_sys::Date::now(),
        );
    }

    /// The id experiments assign this user by, settling the unit as the first event would (the user has opened
    /// the widget). `None` when the site collects nothing or the browser asks not to be tracked: such users
    /// get the control and are never counted in an experiment.
    pub fn experiment_unit(&self) -> Option<String> {
        match self.linked_unit()? {
            Unit::Install { id } | Unit::PageView { id } => Some(id),
            Unit::Unlinked => None,
        }
    }

    /// The unit of [`Self::experiment_unit`], saying whether it is the install's or this page view's: what a
    /// ticket under an experiment on the large-order criterion carries.
    pub fn linked_unit(&self) -> Option<Unit> {
        if self.site.insights_untracked().is_none_or(|s| !s.enabled) {
            return None;
        }
        let unit = with_log(|log| log.unit.get_or_insert_with(|| unit(log.policy)).0.clone());
        (unit != Unit::Unlinked).then_some(unit)
    }

    /// Records that an experiment's variant was shown, once per page view.
    pub fn exposed(&self, experiment: &str, variant: u32) {
        let first = with_log(|log| {
            let seen = log.exposed.iter().any(|e| e == experiment);
            if !seen {
                log.exposed.push(experiment.to_owned());
            }
            !seen
        });
        if first {
            let mut exposure = event(EventKind::Exposed, Some(experiment.to_owned()));
            exposure.variant = Some(variant);
            self.push(exposure, js_sys::Date::now());
        }
    }

    /// Records a vote on an article.
    pub fn voted(&self, article: &str, helpful: bool) {
        let mut vote = event(EventKind::ArticleVoted, Some(article.to_owned()));
        vote.helpful = Some(helpful);
        self.push(vote, js_sys::Date::now());
    }

    /// Records an answer of the search box; an answer that continues the one before while the user is still
    /// typing replaces it, so only the search they settle on counts.
    pub fn searched(&self, query: &str, results: usize) {
        let now = js_sys::Date::now();
        let mut answer = event(EventKind::Searched, None);
        answer.query = Some(query.chars().take(QUERY_MAX_CHARS).collect());
        answer.results = Some(results.min(u32::MAX as usize) as u32);
        let settled = with_log(|log| {
            let continues = log.typing.as_ref().is_some_and(|(before, at)| {
                let (before, now_typed) = (before.query.as_deref(), answer.query.as_deref());
                let (before, now_typed) =
                    (before.unwrap_or_default(), now_typed.unwrap_or_default());
                now - at < STILL_TYPING_MS
                    && (now_typed.starts_with(before) || before.starts_with(now_typed))
            });
            log.typing.replace((answer, now)).filter(|_| !continues)
        });
        match settled {
            Some((search, at)) => self.push(search, at),
            None => self.schedule_flush(),
        }
    }

    fn push(&self, event: Event, at: f64) {
        if self.site.insights_untracked().is_some_and(|s| !s.enabled) {
            return;
        }
        let full = with_log(|log| {
            if log.unit.is_none() {
                log.unit = Some(unit(log.policy));
            }
            log.pending.push((event, at));
            log.pending.len() >= MAX_EVENTS
        });
        self.load_sender();
        if full {
            self.flush();
        } else {
            self.schedule_flush();
        }
    }

    /// Fetches the sender's chunk, once (again after a failure), and flushes when it is there.
    fn load_sender(&self) {
        if !with_log(|log| {
            log.sender.is_none() && !std::mem::replace(&mut log.loading_sender, true)
        }) {
            return;
        }
        let usage = *self;
        leptos::task::spawn_local(async move {
            crate::time::after_paint().await;
            let sender = crate::components::chunk::usage_sender().await.ok();
            with_log(|log| {
                log.sender = sender;
                log.loading_sender = false;
            });
            usage.schedule_flush();
        });
    }

    fn schedule_flush(&self) {
        if !with_log(|log| std::mem::replace(&mut log.flush_scheduled, true)) {
            let usage = *self;
            set_timeout(move || usage.flush(), BATCH_DELAY);
        }
    }

    /// Sends what is pending once the site's settings and the sender are there (until then it waits).
    fn flush(&self) {
        let typed = with_log(|log| {
            log.flush_scheduled = false;
            log.typing.take()
        });
        if let Some((search, at)) = typed {
            self.push(search, at);
        }
        let Some(settings) = self.site.insights_untracked() else {
            if with_log(|log| !log.pending.is_empty()) {
                self.schedule_flush();
            }
            return;
        };
        let ready = with_log(|log| {
            let (send, (unit, returning)) = (log.sender?, log.unit.clone()?);
            let now = js_sys::Date::now();
            let events: Vec<Event> = log
                .pending
                .drain(..)
                .map(|(mut event, at)| {
                    event.age_ms = (now - at).max(0.0) as u64;
                    event
                })
                .collect();
            let outgoing = Outgoing {
                endpoint: log.endpoint.clone(),
                identity: None,
                unit,
                returning,
                events,
            };
            Some((send, outgoing))
        });
        let Some((send, mut outgoing)) = ready else {
            return;
        };
        if settings.enabled && !outgoing.events.is_empty() {
            if outgoing.unit != Unit::Unlinked {
                outgoing.identity = self.user.token();
            }
            self.page
                .with_untracked(|context| send(outgoing, context, &settings));
        }
    }

    /// Sends what is pending when the page is hidden (a tab switched away) or left (`pagehide`, where the page
    /// may still count as visible): the last moments a browser reliably lets a page send anything.
    fn flush_when_hidden(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let usage = *self;
        let on_hidden = Closure::<dyn Fn()>::new(move || {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_none_or(|d| d.hidden());
            if hidden {
                usage.flush();
            }
        });
        let on_leave = Closure::<dyn Fn()>::new(move || usage.flush());
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                on_hidden.as_ref().unchecked_ref(),
            );
        }
        let _ =
            window.add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref());
        // Listeners for the page's lifetime: the widget lives as long as the page.
        on_hidden.forget();
        on_leave.forget();
    }
}

fn event(kind: EventKind, item: Option<String>) -> Event {
    Event {
        kind,
        age_ms: 0,
        item,
        query: None,
        results: None,
        helpful: None,
        variant: None,
    }
}

/// What links this page view's events, and whether the user was here before.
fn unit(policy: StoragePolicy) -> (Unit, bool) {
    let no_tracking = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"globalPrivacyControl".into()).ok())
        .is_some_and(|gpc| gpc.as_bool() == Some(true));
    if no_tracking {
        return (Unit::Unlinked, false);
    }
    let fresh = || {
        web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|crypto| crypto.random_uuid())
            .unwrap_or_else(|| format!("{:x}", (js_sys::Math::random() * 1e15) as u64))
    };
    if policy == StoragePolicy::None {
        return (Unit::PageView { id: fresh() }, false);
    }
    match storage::load::<String>(INSTALL_KEY) {
        Some(id) => (Unit::Install { id }, true),
        None => {
            let id = fresh();
            storage::save(INSTALL_KEY, &id);
            (Unit::Install { id }, false)
        }
    }
}

/// Makes the batch and hands it to the browser, which sends it even as the page unloads (the `usage` chunk).
pub fn send(outgoing: Outgoing, context: &Context, settings: &InsightsSettings) {
    let batch = EventBatch {
        unit: outgoing.unit,
        returning: outgoing.returning,
        identity: outgoing.identity,
        page: facts(context, settings),
        events: outgoing.events,
    };
    let (Some(window), Ok(body)) = (web_sys::window(), serde_json::to_string(&batch)) else {
        return;
    };
    // A string body goes as text/plain: no preflight, across origins too.
    let _ = window
        .navigator()
        .send_beacon_with_opt_str(&outgoing.endpoint, Some(&body));
}

/// The page's facts as reports cut them: only the context fields the site marked, as short text.
fn facts(context: &Context, settings: &InsightsSettings) -> PageFacts {
    let dimensions = settings
        .dimensions
        .iter()
        .filter_map(|name| {
            let value = match context.custom.get(name)? {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Number(number) => number.to_string(),
                serde_json::Value::Bool(yes) => yes.to_string(),
                _ => return None,
            };
            Some((
                name.clone(),
                value.chars().take(DIMENSION_MAX_CHARS).collect(),
            ))
        })
        .collect();
    let locale = context.locale.as_deref().unwrap_or("en");
    PageFacts {
        surface: context.surface.unwrap_or_default(),
        language: locale
            .split('-')
            .next()
            .unwrap_or("en")
            .to_ascii_lowercase(),
        audience: context.role,
        dimensions,
    }
}
