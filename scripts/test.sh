#!/usr/bin/env bash
# Installs whatever is missing, then runs every check: format, lints, unit and integration tests (desk on SQLite
# and PostgreSQL), widget tests in headless Chromium, and end-to-end tests of the release build.
source "$(dirname "$0")/lib/env.sh"
source "$ROOT/scripts/lib/postgres.sh"
bash scripts/install.sh

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (desk and core, then the widget and the console for wasm)"
cargo clippy --workspace --exclude signpost --exclude signpost-console --all-targets -- -D warnings
cargo clippy -p signpost --all-targets --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p signpost --lib --target wasm32-unknown-unknown --features split -- -D warnings
cargo clippy -p signpost-console --all-targets --target wasm32-unknown-unknown -- -D warnings

step "desk layers: axum only in routes, no import cycle, files under 500 lines"
node scripts/desk-layers.mjs

step "PostgreSQL for the desk tests"
start_postgres

step "core and desk tests (SQLite and PostgreSQL)"
cargo test --workspace --exclude signpost --exclude signpost-console

step "console unit tests (native: the wording and the status page's banner rules)"
cargo test -p signpost-console --lib

step "widget tests in headless Chromium"
cargo test -p signpost --target wasm32-unknown-unknown

step "release build of the widget and the console, and the desk"
trunk build --release
(cd console && trunk build --release)
cargo build -p signpost-desk

step "end-to-end tests in Chromium"
node --test --test-concurrency=1 tests/e2e/
