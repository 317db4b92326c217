//! What a guided flow hands the contact form: the way the user took, for the agent. Kept outside any signal,
//! since only the flow and the form (each in its own chunk) touch it, and the form reads it once as it opens.

use signpost_core::flows::FlowPath;
use std::cell::RefCell;

/// A hand-off from a guided flow.
#[derive(Clone, Debug, PartialEq)]
pub struct Handoff {
    /// Every answer on the way, sent with the ticket (if the user leaves it ticked).
    pub path: FlowPath,
    /// The flow's title, as the user saw it.
    pub title: String,
    /// The hand-off step's text, e.g. "Your answers so far are added to your request".
    pub note: Option<String>,
}

thread_local! {
    static LAST: RefCell<Option<Handoff>> = const { RefCell::new(None) };
}

/// Keeps the hand-off for the contact form the flow opens next.
pub fn keep(handoff: Handoff) {
    LAST.with(|last| *last.borrow_mut() = Some(handoff));
}

/// The hand-off whose request is not sent yet.
pub fn pending() -> Option<Handoff> {
    LAST.with(|last| last.borrow().clone())
}

/// Forgets the hand-off once its request is on its way.
pub fn sent() {
    LAST.with(|last| *last.borrow_mut() = None);
}
