#!/usr/bin/env bash
# Prints the figures the README quotes: widget bundle sizes, search quality (MiniSearch and Signpost side by side,
# in English, Spanish and Arabic), search latency of the desk (Arduino help center and a synthetic 20,000-article
# one, ordinary and 199-character nonsense queries) and keystroke-to-results in the widget. The desk runs in
# release, started and stopped by the scripts under scripts/bench/.
source "$(dirname "$0")/lib/env.sh"
bash scripts/install.sh
step "release build of the widget and the desk"
trunk build --release >/dev/null
cargo build --release -p signpost-desk
step "sizes"
node scripts/bench/sizes.mjs dist

arduino="${ARDUINO_CORPUS:-$ROOT/../shared/data/help-center-arduino}"
step "search quality: Arduino help center"
node scripts/bench/desk.mjs --content "$arduino" -- node scripts/bench/search-quality.mjs --corpus arduino
step "search quality: Marketly sample help center"
node scripts/bench/desk.mjs --content content -- node scripts/bench/search-quality.mjs --corpus marketly
for language in es ar; do
  step "search quality: Marketly sample help center in $language"
  node scripts/bench/desk.mjs --content content -- node scripts/bench/search-quality.mjs --corpus marketly --language "$language"
done

step "search latency (generates the 20k corpus in ~/.cache/signpost-bench on first run)"
node scripts/bench/search-latency.mjs
step "keystroke to results in the widget"
node scripts/bench/keystroke.mjs
