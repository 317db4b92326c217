//! The desk's API tests, in one binary: each module a feature, every storage test on SQLite and on
//! PostgreSQL (`SIGNPOST_TEST_POSTGRES` names the server; `scripts/test.sh` starts one), against a real desk on
//! port 0 with a fresh database per test. Shared requests are methods of `helpers::TestDesk`.

#[macro_use]
mod helpers;

mod agents;
mod connections;
mod experiments;
mod faults;
mod flows;
mod health;
mod help;
mod identity;
mod inbox;
mod insights;
mod insights_flows;
mod insights_kept;
mod json;
mod limits;
mod nudges;
mod openapi;
mod proactive;
mod secrets;
mod shutdown;
mod status;
mod tickets;
mod triage;
mod webhooks;
