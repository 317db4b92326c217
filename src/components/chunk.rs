//! Parts the release build cuts out of the main wasm module, each fetched the first time it is needed (views
//! when the user goes there, identity when the page calls `identify`), and [`Chunk`], which shows such a view,
//! or a way to try again when its chunk cannot be fetched.
//!
//! With the cargo feature `split` (on in Trunk's build, see index.html) each function below becomes a split point:
//! its code, and whatever only it uses, moves into the wasm chunk it names, and calling it fetches that chunk
//! first (once). Without the feature (`cargo test`, clippy) they are ordinary functions.

use crate::api::Api;
use crate::components::suggestions::explain;
use crate::components::{
    ArticleView, BackButton, ContactForm, FlowView, NudgeBubble, RequestList, StatusView, Thread,
    focus_when_shown,
};
use crate::i18n::{Msg, t};
use crate::identity::VerifiedUser;
use crate::navigation::View;
use crate::outbox::Outbox;
use leptos::html;
use leptos::prelude::*;
use signpost_core::rules::Reason;
use std::future::Future;

/// A view's chunk could not be fetched (offline, blocked, or a build the desk no longer serves). Nothing about
/// the failure is remembered: the next call fetches again.
#[derive(Clone, Copy, Debug)]
pub struct ChunkFailed;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// Declares `async fn name() -> Result<Maker, ChunkFailed>`, where `Maker` is a function (a plain `fn` pointer,
/// so it can live in a signal) that builds the view; its code, and whatever only it uses, is in the wasm chunk
/// `chunk`. Functions naming the same chunk share its file. The split is `fallible`: a chunk that fails to load
/// is an `Err`, never a panic (which under `panic = "abort"` would stop the whole widget).
macro_rules! in_chunk {
    ($chunk:ident: $(#[$doc:meta])* fn $name:ident() -> $maker:ty = $make:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Result<$maker, ChunkFailed> {
            Ok($make)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Result<$maker, ChunkFailed> {
            Ok($make)
        }
    };
}

in_chunk!(article:
    /// The article view, for an article id (chunk `article`).
    fn article() -> fn(String) -> AnyView = |id| view! { <ArticleView id/> }.into_any()
);

in_chunk!(article:
    /// An article shown inside a guided flow's answer, which has its own ways on (chunk `article`).
    fn article_in_flow() -> fn(String) -> AnyView = |id| view! { <ArticleView id in_flow=true/> }.into_any()
);

in_chunk!(flow:
    /// A guided flow, by id (chunk `flow`).
    fn flow() -> fn(String) -> AnyView = |id| view! { <FlowView id/> }.into_any()
);

in_chunk!(nudge:
    /// The nudge beside the launcher (chunk `nudge`): most page views have none.
    fn nudge() -> fn(serde_json::Value) -> AnyView = |nudge| {
        // Read as every answer is (`crate::json`): serde_json's reader would keep float printing in the main module.
        crate::json::from_str(&nudge.to_string())
            .map_or_else(|_| ().into_any(), |nudge| view! { <NudgeBubble nudge/> }.into_any())
    }
);

in_chunk!(why:
    /// "Why am I seeing this?": a suggestion's reasons, built on the first click (chunk `why`, prefetched when
    /// the pointer or focus reaches the button, so the click shows them at once).
    fn explanation() -> fn(Vec<Reason>) -> AnyView = explain
);

in_chunk!(rules:
    /// The rules engine, which works out the suggestions for each context (chunk `rules`): fetched when the
    /// panel first opens, while the desk works out the first ones.
    fn rules_engine() -> crate::site::Engine = crate::site::work_out
);

in_chunk!(status:
    /// The view of every open incident and maintenance (chunk `status`).
    fn status() -> fn() -> AnyView = || view! { <StatusView/> }.into_any()
);

in_chunk!(status:
    /// Reads the status feed and works out what it means for the page (chunk `status`, with the view): fetched
    /// the first time the feed has something open or planned.
    fn status_reader() -> crate::status_feed::Reader = crate::status_feed::Reader::new()
);

in_chunk!(contact:
    /// The contact form, for a preselected topic (chunk `contact`). A form opened once stays loaded, so a
    /// request written online can still be saved and sent later when the connection drops.
    fn contact() -> fn(Option<String>) -> AnyView = |topic| view! { <ContactForm topic/> }.into_any()
);

in_chunk!(contact:
    /// Sends the tickets waiting in the outbox (chunk `contact`, with the form that sends them at first):
    /// fetched when the page loads with something waiting, or comes back online.
    fn outbox_sender() -> fn(Outbox) = Outbox::flush_waiting
);

in_chunk!(requests:
    /// "Your requests", this browser's tickets (chunk `requests`).
    fn requests() -> fn() -> AnyView = || view! { <RequestList/> }.into_any()
);

in_chunk!(requests:
    /// One ticket's conversation, by id (chunk `requests`, with the list that leads to it).
    fn thread() -> fn(String) -> AnyView = |id| view! { <Thread id/> }.into_any()
);

in_chunk!(identity:
    /// Verifies the page's identity token and brings that user's tickets (chunk `identity`).
    fn identity() -> fn(VerifiedUser, String, Api, Outbox) = VerifiedUser::identify
);

in_chunk!(usage:
    /// Sends a batch of usage events to the desk (chunk `usage`, fetched with the first event: encoding the
    /// batch is the only part of reporting that weighs anything).
    fn usage_sender() -> crate::usage::Sender = crate::usage::send
);

in_chunk!(usage:
    /// Asks the desk for the user's experiment variants and hands them to the site (chunk `usage`, already
    /// fetched when the widget opened: only an opened widget lists suggestions).
    fn variants_fetcher() -> fn(crate::site::Site, Api, signpost_core::experiments::AssignmentRequest) =
        crate::site::Site::fetch_variants
);

/// Starts fetching `load`'s chunk before the user needs it (on hover or focus of the control that leads there);
/// the split loader keeps it, so the later call finds it loaded.
pub fn prefetch<F, M>(load: impl FnOnce() -> F)
where
    F: Future<Output = Result<M, ChunkFailed>> + 'static,
{
    let loading = load();
    leptos::task::spawn_local(async move {
        let _ = loading.await;
    });
}

/// Fetches `load`'s chunk, trying again while `wanted()`, waiting `first_ms` and then twice as long each time up
/// to `max_ms`: the desk serves the chunks, so while it or the network is down their fetch fails like any
/// request. `None` once no longer wanted.
pub async fn load_with_retry<F, M>(
    load: impl Fn() -> F,
    first_ms: f64,
    max_ms: f64,
    wanted: impl Fn() -> bool,
) -> Option<M>
where
    F: Future<Output = Result<M, ChunkFailed>>,
{
    let mut delay = first_ms;
    loop {
        if let Ok(made) = load().await {
            return Some(made);
        }
        crate::time::sleep_about(delay).await;
        if !wanted() {
            return None;
        }
        delay = (delay * 2.0).min(max_ms);
    }
}

/// The view `show` makes with what `load` fetched: nothing shows while the chunk downloads (a frame or two on a
/// good connection; views show their own progress once running). When the chunk cannot be fetched, a message in
/// the user's language with a way to try again and a way back takes its place; the rest of the panel, and
/// whatever the user typed there, stays as it was.
#[component]
pub fn Chunk<L, F, M, S>(
    /// One of this module's functions.
    load: L,
    /// Builds the view with the function `load` returned.
    show: S,
    /// A part inside a view rather than a view of its own: the failure message offers no way back.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView
where
    L: Fn() -> F + Copy + Send + Sync + 'static,
    F: Future<Output = Result<M, ChunkFailed>> + 'static,
    M: Copy + Send + Sync + 'static,
    S: Fn(M) -> AnyView + Send + Sync + 'static,
{
    let loaded = RwSignal::new(None::<Result<M, ChunkFailed>>);
    let fetch = move || {
        loaded.set(None);
        leptos::task::spawn_local(async move {
            let result = load().await;
            // The user may have left the view meanwhile.
            loaded.try_set(Some(result));
        });
    };
    fetch();
    move || match loaded.get()? {
        Ok(make) => Some(show(make)),
        Err(ChunkFailed) => Some(view! { <ChunkFailedMessage retry=fetch inline/> }.into_any()),
    }
}

/// In place of a view whose chunk could not be fetched. Focus moves to "Try again", so the keyboard and screen
/// reader user is not left on the hidden control that led here.
#[component]
fn ChunkFailedMessage(
    /// Fetches the chunk again.
    retry: impl Fn() + Send + Sync + 'static,
    /// Shown inside a view, which has its own way back.
    inline: bool,
) -> impl IntoView {
    let button = NodeRef::<html::Button>::new();
    focus_when_shown(button);
    view! {
        <div class="sp-chunk-failed">
            {(!inline).then(|| view! { <BackButton to=View::Home/> })}
            <p class="sp-chunk-failed__message" role="alert">{t(Msg::PartFailed)}</p>
            <button type="button" class="sp-button" node_ref=button on:click=move |_| retry()>
                {t(Msg::TryAgain)}
            </button>
        </div>
    }
}
