//! The desk's HTTP side: one routes file per feature, each with its own `router()`, over the feature's logic
//! (which imports no axum). `app.rs` merges them; [`extract`] holds the extractors they share.

pub mod console;
pub mod console_files;
pub mod demo;
pub mod error;
pub mod experiments;
pub mod extract;
pub mod health;
pub mod help;
pub mod identity;
pub mod inbox;
pub mod insights;
pub mod nudges;
pub mod openapi;
pub mod status_page;
pub mod tickets;
pub mod triage;
pub mod webhooks;
pub mod widget;
