//! The Signpost desk: serves the widget, the help center, the status page and tickets, storing in SQLite or
//! PostgreSQL.
//!
//! Each feature is a logic module that imports no axum (`help`, `identity`, `status`, `tickets`, `webhooks`,
//! `widget`) and a routes file under [`routes`]. [`state`] holds the logic the routes share; [`config`] knows
//! nothing of the rest; [`app`] builds the parts from the config and merges the routes.

pub mod address;
pub mod agents;
pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod console_files;
pub mod content;
pub mod db;
pub mod digest;
pub mod error;
pub mod experiments;
pub mod help;
pub mod identity;
pub mod insights;
pub mod limits;
pub mod nudges;
pub mod redact;
pub mod routes;
pub mod search;
pub mod state;
pub mod status_page;
pub mod streams;
pub mod tickets;
pub mod triage;
pub mod webhooks;
pub mod widget;
