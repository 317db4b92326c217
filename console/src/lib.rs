//! Signpost console: the support team's inbox and ticket workspace, a Leptos app compiled to WebAssembly and
//! served by the desk under `/console/`. It talks to the desk's agent API (same origin, session cookie) through
//! [`api`] alone; everything the agent reads is rendered as text.

mod api;
mod components;
mod filters;
mod hooks;
mod i18n;
mod intl;
mod model;
mod reports;
mod route;
mod state;
mod status;

pub use components::App;
