//! The "Back" link at the top of every view below the home view.

use crate::i18n::{Msg, t};
use crate::navigation::{Navigation, View};
use leptos::prelude::*;

/// Goes back to `to`.
#[component]
pub fn BackButton(
    /// The view to return to.
    to: View,
) -> impl IntoView {
    let navigation = expect_context::<Navigation>();
    view! {
        <button type="button" class="sp-back" on:click=move |_| navigation.go(to.clone())>
            // A block, not a literal: Leptos writes a wholly static element as HTML, which a page enforcing Trusted
            // Types refuses.
            <span aria-hidden="true" class="sp-back__arrow">{"←"}</span>
            {t(Msg::Back)}
        </button>
    }
}
