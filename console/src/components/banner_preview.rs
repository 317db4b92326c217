//! The banner each demo page's widget would show, now and once the draft being written is published, rendered
//! as text in the widget's words (its banner labels) with the console's colours.

use super::inbox::surface_label;
use super::status_page::StatusState;
use crate::i18n::{K, Lang, tr, use_lang};
use crate::state::Clock;
use crate::status::{Banner, Draft, PREVIEW_SURFACES, banner};
use leptos::prelude::*;
use signpost_core::embed::Surface;
use signpost_core::feed::Severity;

/// The label and CSS modifier of a banner, as the widget words it.
fn banner_words(banner: &Banner) -> (K, &'static str) {
    if banner.upcoming {
        return (K::SevScheduled, "maintenance");
    }
    match banner.severity {
        Severity::Critical => (K::SevCritical, "critical"),
        Severity::Major => (K::SevMajor, "major"),
        Severity::Minor => (K::SevMinor, "minor"),
        Severity::Maintenance => (K::SevMaintenance, "maintenance"),
        Severity::None => (K::SevNone, "none"),
    }
}

/// One banner, or the words for none.
fn render(lang: Lang, shown: Option<Banner>) -> AnyView {
    let Some(shown) = shown else {
        return view! { <p class="sp-preview__none" data-testid="preview-none">{lang.t(K::NoBanner)}</p> }
            .into_any();
    };
    let (label, modifier) = banner_words(&shown);
    let title = if shown.title.trim().is_empty() {
        lang.t(K::Untitled).to_owned()
    } else {
        shown.title
    };
    view! {
        <div class=format!("sp-banner sp-banner--{modifier}") data-testid="preview-banner" data-severity=modifier>
            <p class="sp-banner__impact">{lang.t(label)}</p>
            <p class="sp-banner__title" data-testid="preview-title">{title}</p>
            {(!shown.body.is_empty()).then(|| view! {
                <p class="sp-banner__body" data-testid="preview-body">{shown.body}</p>
            })}
        </div>
    }
    .into_any()
}

/// The preview of every demo page.
#[component]
pub fn BannerPreview(
    /// What is being written; none while the forms are empty.
    draft: Memo<Option<Draft>>,
) -> impl IntoView {
    let state = expect_context::<StatusState>();
    let now = expect_context::<Clock>().0;
    let now_unix = Memo::new(move |_| (now.get() / 1000.0).floor() as i64);
    // The feed as it would be after publishing, once per change of the draft or the feed.
    let after = Memo::new(move |_| {
        let now = now_unix.get();
        draft.with(|draft| {
            let draft = draft.as_ref()?;
            state
                .feed
                .with(|feed| feed.as_ref().map(|feed| draft.apply(feed, now)))
        })
    });
    let loaded = move || state.feed.with(Option::is_some);
    let page = move |surface: Surface| {
        let current = Memo::new(move |_| {
            let now = now_unix.get();
            state.map.with(|map| {
                state.feed.with(|feed| {
                    feed.as_ref()
                        .and_then(|feed| banner(feed, map, surface, now))
                })
            })
        });
        let next = Memo::new(move |_| {
            let now = now_unix.get();
            state.map.with(|map| {
                after.with(|after| after.as_ref().map(|after| banner(after, map, surface, now)))
            })
        });
        let label = surface_label(surface.as_str()).unwrap_or(K::SOther);
        view! {
            <li class="sp-preview__page" data-testid="preview-surface" data-surface=surface.as_str()>
                <h3>{tr(label)}</h3>
                <div class="sp-preview__pair">
                    <div class="sp-preview__side" data-testid="preview-now">
                        <p class="sp-preview__when">{tr(K::PreviewNow)}</p>
                        {move || render(use_lang(), current.get())}
                    </div>
                    <div class="sp-preview__side" data-testid="preview-after"
                        hidden=move || next.with(Option::is_none)>
                        <p class="sp-preview__when">{tr(K::PreviewAfter)}</p>
                        {move || next.get().map(|shown| render(use_lang(), shown))}
                        <p class="sp-muted" data-testid="preview-same"
                            hidden=move || next.with(|next| next.as_ref() != Some(&current.get()))>
                            {tr(K::NoChange)}
                        </p>
                    </div>
                </div>
            </li>
        }
    };
    view! {
        <section class="sp-preview" aria-labelledby="banner-preview-title" data-testid="banner-preview">
            <h2 id="banner-preview-title">{tr(K::PreviewTitle)}</h2>
            <p class="sp-hint">{tr(K::PreviewHint)}</p>
            <p role="status" class="sp-muted" hidden=loaded>{tr(K::Loading)}</p>
            <ul class="sp-preview__pages" hidden=move || !loaded()>
                {PREVIEW_SURFACES.map(page)}
            </ul>
        </section>
    }
}
