//! One component per thing the user sees.

mod launcher;
mod panel;

pub use launcher::Launcher;
pub use panel::Panel;
