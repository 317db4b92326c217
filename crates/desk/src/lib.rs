//! The Signpost desk: serves the widget and the demo pages, and (through later modules) help content, status
//! and tickets, storing in SQLite or PostgreSQL.

pub mod app;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod content;
pub mod db;
pub mod demo;
pub mod digest;
pub mod error;
pub mod help;
pub mod identity;
pub mod search;
pub mod status;
pub mod tickets;
pub mod webhooks;
pub mod widget;
