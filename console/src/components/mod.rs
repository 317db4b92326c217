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
