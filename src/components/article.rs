//! One help article inside the panel: sanitised body, updated date, and {t(Msg::WasThisHelpful)}.

use crate::api::{Api, ClientError};
use crate::components::{BackButton, ContactSupportButton, focus_when_shown};
use crate::host::Host;
use crate::i18n::{Language, Locale, Msg, t};
use crate::intl::IntlFormatter;
use crate::markup;
use crate::navigation::{Navigation, View};
use crate::page_context::PageContext;
use crate::reading::ArticlesRead;
use crate::site::Site;
use crate::usage::Usage;
use leptos::html;
use leptos::prelude::*;
use signpost_core::context::Context;
use signpost_core::experiments::Variation;
use signpost_core::help::{Article, FeedbackRequest};
use signpost_core::insights::events::EventKind;
use signpost_core::rules::Formatter;
use wasm_bindgen::JsCast;

/// The article `id`, fetched in the widget's locale.
#[component]
pub fn ArticleView(
    /// Article id.
    id: String,
    /// Shown inside a guided flow's answer: the flow has its own ways back and on, and keeps focus.
    #[prop(optional)]
    in_flow: bool,
) -> impl IntoView {
    let (language, navigation) = (expect_context::<Language>(), expect_context::<Navigation>());
    let (host, usage) = (expect_context::<Host>(), expect_context::<Usage>());
    let loaded = RwSignal::new(None::<Result<Article, ClientError>>);
    let heading = NodeRef::<html::H3>::new();
    let show = move |article: Result<Article, ClientError>, variation: Option<Variation>| {
        if let Ok(article) = &article {
            usage.record(EventKind::ArticleRead, Some(&article.summary.id));
            if let Some(variation) = variation {
                usage.exposed(&variation.experiment, variation.variant);
            }
            host.emit(
                "article:viewed",
                &serde_json::json!({ "id": article.summary.id }),
            );
        }
        let _ = loaded.try_set(Some(article));
    };
    let api = expect_context::<Api>();
    let fetched = RwSignal::new(None::<Result<Article, ClientError>>);
    {
        let (api, locale, id) = (api.clone(), language.locale(), id.clone());
        leptos::task::spawn_local(async move {
            let _ = fetched.try_set(Some(api.article(&id, &locale, 0).await));
        });
    }
    // An article whose text an experiment varies waits for the user's variant: never the article's own text
    // first and then another.
    let (site, page) = (expect_context::<Site>(), expect_context::<PageContext>());
    let decided = StoredValue::new(false);
    Effect::new(move || {
        let Some(article) = fetched.get() else { return };
        if decided.get_value() {
            return;
        }
        if article.as_ref().map_or(true, |a| a.experiment.is_none()) {
            decided.set_value(true);
            return show(article, None);
        }
        // Opened before the site's settings came, it waits for them too: asked now, the user would get the
        // article's own text and never be counted.
        if !site.settled() {
            return;
        }
        let context = page.with_untracked(Context::clone);
        site.assign_variants(api.clone(), || usage.experiment_unit(), context);
        let Some(variation) = site.text_variation(&id) else {
            return;
        };
        decided.set_value(true);
        match variation {
            Some(variation) if variation.variant > 0 => {
                let (api, locale, id) = (api.clone(), language.locale(), id.clone());
                leptos::task::spawn_local(async move {
                    match api.article(&id, &locale, variation.variant).await {
                        Ok(text) => show(Ok(text), Some(variation)),
                        // The variant's text is out of reach: the article's own, and no exposure.
                        Err(_) => show(article, None),
                    }
                });
            }
            variation => show(article, variation),
        }
    });
    // Screen readers start at the title once it is there.
    if !in_flow {
        focus_when_shown(heading);
    }

    // Links to other articles open here; every other link opens in a new tab (the desk set target=_blank).
    let on_body_click = move |event: web_sys::MouseEvent| {
        let link = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='/articles/']").ok().flatten());
        if let Some(href) = link.and_then(|a| a.get_attribute("href")) {
            event.prevent_default();
            let id = href.trim_start_matches("/articles/").to_owned();
            navigation.go(View::Article(id));
        }
    };

    view! {
        <div class="sp-article">
            {(!in_flow).then(|| view! { <BackButton to=View::Home/> })}
            {move || match loaded.get() {
                None => view! { <p class="sp-article__loading" role="status">{t(Msg::ArticleLoading)}</p> }.into_any(),
                Some(Err(_)) => view! {
                    <p class="sp-article__error" role="alert">{t(Msg::ArticleFailed)}</p>
                }.into_any(),
                Some(Ok(article)) => {
                    let body = NodeRef::<html::Div>::new();
                    body.on_load(move |body| markup::build(&body, &article.html));
                    let id = article.summary.id.clone();
                    let title = article.summary.title.clone();
                    // The article's own language and direction: an English fallback inside an Arabic interface
                    // reads left to right.
                    let lang = article.summary.locale.clone();
                    let dir = if Locale::find(&lang).is_some_and(Locale::is_rtl) { "rtl" } else { "ltr" };
                    view! {
                        {article.requested_locale.map(|_| view! {
                            <p class="sp-article__note">{t(Msg::ArticleInEnglish)}</p>
                        })}
                        <article class="sp-article__content" aria-labelledby="sp-article-title">
                            <h3 id="sp-article-title" class="sp-article__title" tabindex="-1" node_ref=heading lang=lang.clone() dir=dir>
                                {article.summary.title}
                            </h3>
                            // Rendered from Markdown and sanitised by the desk (ammonia), built here as elements.
                            <div class="sp-article__body" lang=lang dir=dir node_ref=body on:click=on_body_click></div>
                            {article.summary.updated.as_deref().and_then(|date| local_date(date, language)).map(|date| view! {
                                <p class="sp-article__updated">{language.ui().format(Msg::UpdatedOn, &[("date", &date)])}</p>
                            })}
                            <Feedback id title/>
                            {(!in_flow).then(|| view! {
                                <div class="sp-still">
                                    <p class="sp-feedback__question">{t(Msg::StillNeedHelp)}</p>
                                    <ContactSupportButton/>
                                </div>
                            })}
                        </article>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// {t(Msg::WasThisHelpful)} Yes / No, recorded at the desk.
#[component]
fn Feedback(
    /// Article id.
    id: String,
    /// Article title, remembered with the vote for a later ticket.
    title: String,
) -> impl IntoView {
    let (page, read, host, usage) = (
        expect_context::<PageContext>(),
        expect_context::<ArticlesRead>(),
        expect_context::<Host>(),
        expect_context::<Usage>(),
    );
    let language = expect_context::<Language>();
    let api = StoredValue::new(expect_context::<Api>());
    let sent = RwSignal::new(None::<bool>);
    let vote = move |helpful: bool| {
        let id = id.clone();
        let vote = FeedbackRequest {
            helpful,
            surface: page.surface_untracked(),
            session_id: session_id(),
        };
        sent.set(Some(helpful));
        read.record(&id, &title, Some(helpful));
        usage.voted(&id, helpful);
        host.emit(
            "article:rated",
            &serde_json::json!({ "id": id, "helpful": helpful }),
        );
        let api = api.get_value();
        leptos::task::spawn_local(async move {
            // A lost vote is not worth interrupting the reader for.
            let _ = api.feedback(&id, &vote).await;
        });
    };
    let vote_yes = vote.clone();
    view! {
        <div class="sp-feedback" role="group" aria-labelledby="sp-feedback-question">
            <p id="sp-feedback-question" class="sp-feedback__question">{t(Msg::WasThisHelpful)}</p>
            <div class="sp-feedback__buttons" hidden=move || sent.get().is_some()>
                <button type="button" class="sp-button" on:click=move |_| vote_yes(true)>{t(Msg::Yes)}</button>
                <button type="button" class="sp-button" on:click=move |_| vote(false)>{t(Msg::No)}</button>
            </div>
            <p class="sp-feedback__thanks" role="status">
                {move || sent.get().map(|_| language.text(Msg::ThanksForFeedback))}
            </p>
        </div>
    }
}

/// `YYYY-MM-DD` as the user's locale writes dates.
fn local_date(iso: &str, language: Language) -> Option<String> {
    let mut parts = iso.splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Some(IntlFormatter::new(language.ui(), &language.locale()).date(year as i32, month, day))
}

/// An anonymous id for this browser tab, created on the first vote (nothing is stored before the user acts).
fn session_id() -> String {
    const KEY: &str = "signpost.session";
    let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(existing) = storage
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
    {
        return existing;
    }
    let id = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("t{}", js_sys::Date::now() as u64));
    if let Some(storage) = storage {
        let _ = storage.set_item(KEY, &id);
    }
    id
}
