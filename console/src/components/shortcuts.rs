//! The list of keyboard shortcuts, opened with `?` or the header's button.

use super::modal::Modal;
use crate::i18n::{K, tr};
use leptos::prelude::*;

/// Every shortcut: the keys, and what they do.
const SHORTCUTS: [(&str, K); 8] = [
    ("j", K::ShortcutNext),
    ("k", K::ShortcutPrev),
    ("Enter", K::ShortcutOpen),
    ("r", K::ShortcutReply),
    ("a", K::ShortcutAssign),
    ("Escape", K::ShortcutBack),
    ("?", K::ShortcutHelp),
    ("Ctrl + Enter / ⌘ + Enter", K::ShortcutSend),
];

/// The shortcuts dialog.
#[component]
pub fn ShortcutsDialog(
    /// Shown while true.
    open: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <Modal open title=K::ShortcutsTitle id="shortcuts-dialog">
            <table class="sp-shortcuts">
                <thead>
                    <tr><th scope="col">{tr(K::Key)}</th><th scope="col">{tr(K::Action)}</th></tr>
                </thead>
                <tbody>
                    {SHORTCUTS.map(|(keys, action)| view! {
                        <tr><td><kbd>{keys}</kbd></td><td>{tr(action)}</td></tr>
                    })}
                </tbody>
            </table>
        </Modal>
    }
}
