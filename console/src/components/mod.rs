//! The console's views, one component (or a few small ones) per file.

mod app;
mod banner_preview;
mod composer;
mod header;
mod inbox;
mod insights;
mod modal;
mod reroute;
mod seen;
mod shortcuts;
mod sign_in;
mod status_compose;
mod status_page;
mod ticket;

pub use app::App;

use leptos::prelude::*;

/// A symbol that repeats what the words beside it say, hidden from screen readers. The symbol is a value, not a
/// literal: Leptos writes a wholly static element into the page as HTML, which the console's policy (Trusted
/// Types) refuses.
pub fn glyph(symbol: &'static str) -> impl IntoView {
    view! { <span aria-hidden="true">{symbol}</span> }
}
