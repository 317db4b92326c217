//! Everything the Signpost widget and desk must agree on: the wire types, and the pure logic both sides run.
//!
//! No web-sys, tokio or sqlx here, so every type compiles for the browser and the server alike and the
//! compiler checks the contract between them.

pub mod check;
pub mod context;
pub mod embed;
pub mod experiments;
pub mod feed;
pub mod flows;
pub mod help;
pub mod identity;
pub mod insights;
pub mod message;
pub mod notices;
#[cfg(feature = "openapi")]
mod openapi;
pub mod rules;
pub mod suggest;
pub mod tickets;
pub mod wire;
