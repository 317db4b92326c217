#!/usr/bin/env bash
# Installs whatever is missing to build, run and test Signpost on Debian. Idempotent: quick when all is there.
source "$(dirname "$0")/lib/env.sh"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing_debs=()
command -v chromium >/dev/null || missing_debs+=(chromium)
command -v chromedriver >/dev/null || missing_debs+=(chromium-driver)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing_debs+=(postgresql)
command -v brotli >/dev/null || missing_debs+=(brotli)
command -v node >/dev/null || missing_debs+=(nodejs npm)
if [ ${#missing_debs[@]} -gt 0 ]; then
  step "apt-get install ${missing_debs[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (about 3 minutes, once)"
  # Unoptimised: Trunk only starts the tools that do the work (cargo, the split step's hook), so a widget build
  # takes as long with it (112 s against 120 s optimised), and it compiles in 2.8 minutes instead of 7.5 (its
  # own profile links with fat LTO in one codegen unit). No TLS or update check: it downloads nothing here.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --locked --version "$TRUNK_VERSION" --no-default-features
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  # Not --locked: its lock file pins a webpki-roots version the registry no longer has. No TLS: its test runner
  # talks to a local chromedriver over plain HTTP.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --no-default-features
fi

if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_CLI_VERSION:"; then
  step "cargo install wasm_split_cli_support $WASM_SPLIT_CLI_VERSION (about 2 minutes, once)"
  cargo install wasm_split_cli_support --locked --version "=$WASM_SPLIT_CLI_VERSION" --features build-binary
fi

# npm: the minifier, wasm-opt (binaryen 132) and the browser-test libraries; never a browser download.
if [ ! -f node_modules/.install-stamp ] || [ package-lock.json -nt node_modules/.install-stamp ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.install-stamp
fi
