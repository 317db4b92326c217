//! "How was the help you got?": a solved ticket's one satisfaction question (CSAT), at the end of its thread.
//! The answer can be changed; what the user typed stays when sending fails.

use crate::api::Api;
use crate::i18n::{Language, Msg, client_error, t};
use crate::usage::Usage;
use leptos::prelude::*;
use signpost_core::insights::events::EventKind;
use signpost_core::tickets::{COMMENT_MAX_CHARS, MAX_RATING, Satisfaction, TicketView};

/// The question, for ticket `id` opened with `token`; an answer updates `thread`.
#[component]
pub fn SatisfactionQuestion(
    id: String,
    token: String,
    thread: RwSignal<Option<TicketView>>,
) -> impl IntoView {
    let (api, language, usage) = (
        expect_context::<Api>(),
        expect_context::<Language>(),
        expect_context::<Usage>(),
    );
    let given = thread.with_untracked(|t| t.as_ref().and_then(|t| t.satisfaction.clone()));
    let rating = RwSignal::new(given.as_ref().map(|g| g.rating));
    let comment = RwSignal::new(given.and_then(|g| g.comment).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let thanks = move || {
        let rated = thread.with(|t| t.as_ref()?.satisfaction.as_ref().map(|s| s.rating))?;
        Some(
            language
                .ui()
                .format(Msg::CsatThanks, &[("rating", &rated.to_string())]),
        )
    };

    let send = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        let Some(rating) = rating.get_untracked() else {
            error.set(Some(t(Msg::CsatQuestion)().to_owned()));
            return;
        };
        if sending.get_untracked() {
            return;
        }
        let comment = Some(comment.get_untracked()).filter(|c| !c.trim().is_empty());
        let (api, id, token) = (api.clone(), id.clone(), token.clone());
        sending.set(true);
        leptos::task::spawn_local(async move {
            match api
                .rate_help(&id, &token, &Satisfaction { rating, comment })
                .await
            {
                Ok(view) => {
                    thread.set(Some(view));
                    error.set(None);
                    usage.record(EventKind::SurveyAnswered, Some(&id));
                }
                Err(err) => {
                    let ui = language.ui_untracked();
                    error.set(Some(
                        ui.format(Msg::ReplyFailed, &[("error", &client_error(ui, &err))]),
                    ));
                }
            }
            sending.set(false);
        });
    };

    view! {
        <form class="sp-form sp-csat" on:submit=send data-part="csat">
            <fieldset class="sp-csat__scale">
                <legend class="sp-field__label">{t(Msg::CsatQuestion)}</legend>
                {(1..=MAX_RATING).map(|n| view! {
                    <label class="sp-csat__choice">
                        <input type="radio" name="sp-csat" value=n.to_string()
                            prop:checked=move || rating.get() == Some(n)
                            on:change=move |_| rating.set(Some(n))/>
                        <span>{t(scale_word(n))}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <label class="sp-field">
                <span class="sp-field__label">{t(Msg::CsatComment)}</span>
                <textarea class="sp-input" rows="2" maxlength=COMMENT_MAX_CHARS.to_string()
                    prop:value=move || comment.get() on:input=move |e| comment.set(event_target_value(&e))></textarea>
            </label>
            <p class="sp-form__error" role="alert">{move || error.get()}</p>
            <p class="sp-csat__thanks" role="status">{thanks}</p>
            <button type="submit" class="sp-button" aria-disabled=move || sending.get().to_string()>{t(Msg::CsatSend)}</button>
        </form>
    }
}

/// The words for a point of the scale.
fn scale_word(rating: u8) -> Msg {
    match rating {
        1 => Msg::Csat1,
        2 => Msg::Csat2,
        3 => Msg::Csat3,
        4 => Msg::Csat4,
        _ => Msg::Csat5,
    }
}
