//! A modal dialog on the native `<dialog>`: `showModal` makes the rest of the page inert (the focus trap),
//! Escape closes it, and focus goes back to whatever had it before.

use crate::i18n::{K, tr};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A modal dialog, shown while `open` is true.
#[component]
pub fn Modal(
    /// Shown while true; set to false when the dialog closes (Escape, the close button).
    open: RwSignal<bool>,
    /// The dialog's title.
    title: K,
    /// The `id` of the title, for `aria-labelledby`, and the dialog's `data-testid` prefix.
    id: &'static str,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move || {
        let Some(dialog) = dialog.get() else {
            return;
        };
        if open.get() && !dialog.open() {
            opener.set_value(
                document()
                    .active_element()
                    .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()),
            );
            let _ = dialog.show_modal();
        } else if !open.get() && dialog.open() {
            dialog.close();
        }
    });
    let closed = move |_| {
        open.set(false);
        opener.with_value(|opener| {
            if let Some(opener) = opener {
                let _ = opener.focus();
            }
        });
    };
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=dialog class="sp-dialog" aria-labelledby=labelled_by data-testid=id
            on:close=closed>
            <div class="sp-dialog__head">
                <h2 id=title_id>{tr(title)}</h2>
                <button type="button" class="sp-button sp-button--quiet" data-testid=format!("{id}-close")
                    on:click=move |_| open.set(false)>
                    {tr(K::Close)}
                </button>
            </div>
            {children()}
        </dialog>
    }
}
