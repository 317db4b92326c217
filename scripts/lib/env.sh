# Sourced by the scripts: the paths and versions they share.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# One build cache for every checkout on this machine, so a fresh clone (as in CI) rebuilds only what changed.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/signpost-target}"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# Panic messages in the wasm name their crates' files: without the cargo home's path they read the same on every
# machine, so the widget's size (and its budget, scripts/build/sizes.mjs) does not depend on where cargo lives.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/="
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
TRUNK_VERSION=0.21.14
# Splits the widget's wasm (scripts/build/split.mjs); 0.2.2 reads what wasm_split_helpers 0.2.3 (Cargo.lock) writes.
WASM_SPLIT_CLI_VERSION=0.2.2
# The wasm-bindgen CLI must match the crate exactly (see Cargo.toml and Trunk.toml).
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')"
DESK_BIN="$CARGO_TARGET_DIR/debug/signpost-desk"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
