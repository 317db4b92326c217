#!/usr/bin/env bash
# Prints the figures the README quotes: widget bundle sizes and the main wasm module's largest items, triage
# accuracy per language, search quality (MiniSearch and Signpost side by side, in English, Spanish and Arabic),
# search latency of the desk (Arduino help center and a synthetic 20,000-article one, ordinary and 199-character
# nonsense queries), keystroke-to-results in the widget, what the widget costs the page it is on (bytes with
# nobody opening it, click to panel, cold first open on a slow phone, Lighthouse with and without it), and the
# load figures (tickets per second on SQLite and PostgreSQL, summary.json, stream fan-out, search growth), and
# insights (event ingest, rollup and report times at 1 M and 10 M events). The
# desk runs in release, started and stopped by the scripts under scripts/bench/.
source "$(dirname "$0")/lib/env.sh"
source "$ROOT/scripts/lib/postgres.sh"
bash scripts/install.sh
# The load generator (benches only: scripts/test.sh does not need it).
if ! command -v wrk >/dev/null; then
  step "apt-get install wrk"
  if [ "$(id -u)" = 0 ]; then run=(); else run=(sudo); fi
  "${run[@]}" apt-get update -qq
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
# Lighthouse (benches only, pinned in its own package); never a browser download.
lighthouse=scripts/bench/lighthouse
if [ ! -f "$lighthouse/node_modules/.install-stamp" ] || [ "$lighthouse/package-lock.json" -nt "$lighthouse/node_modules/.install-stamp" ]; then
  step "npm ci --prefix $lighthouse"
  npm ci --prefix "$lighthouse" --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$lighthouse/node_modules/.install-stamp"
fi
# 10,000 event streams need as many open files in the desk and in their clients: raise the soft limit to the
# hard one (20,000 on the development machine).
ulimit -n "$(ulimit -Hn)"
step "release build of the widget and the desk"
trunk build --release >/dev/null
cargo build --release -p signpost-desk
step "sizes"
node scripts/bench/sizes.mjs dist
step "the main wasm module's largest functions and data"
node scripts/bench/wasm-items.mjs dist

arduino="${ARDUINO_CORPUS:-$ROOT/../shared/data/help-center-arduino}"
step "search quality: Arduino help center"
node scripts/bench/desk.mjs --content "$arduino" -- node scripts/bench/search-quality.mjs --corpus arduino
step "search quality: Marketly sample help center"
node scripts/bench/desk.mjs --content content -- node scripts/bench/search-quality.mjs --corpus marketly
for language in es ar; do
  step "search quality: Marketly sample help center in $language"
  node scripts/bench/desk.mjs --content content -- node scripts/bench/search-quality.mjs --corpus marketly --language "$language"
done

step "triage: accuracy on the judged sets, model size and training time, time per ticket"
cargo run --release -q -p signpost-core --features toml --example triage_eval

step "search latency (generates the 20k corpus in ~/.cache/signpost-bench on first run)"
node scripts/bench/search-latency.mjs
step "keystroke to results in the widget"
node scripts/bench/keystroke.mjs
step "page cost: bytes without opening, click to panel, cold first open, Lighthouse with and without the widget"
node scripts/bench/page-cost.mjs

step "insights: event ingest on SQLite at 20,000 events/s for 60 s, tickets with and without it"
node scripts/bench/insights-ingest.mjs --seconds 60 --rate 20000
step "insights: storing, rolling up and reporting a month of 1 M and 10 M events (SQLite)"
cargo run --release -q -p signpost-desk --example insights_bench

step "load: tickets, summary.json, stream fan-out, search growth (about 10 minutes)"
start_postgres
node scripts/bench/load.mjs --seconds 10
