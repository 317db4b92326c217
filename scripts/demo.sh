#!/usr/bin/env bash
# Installs whatever is missing, builds the widget in release and starts the desk with SQLite and the sample help
# center, serving the demo pages.
source "$(dirname "$0")/lib/env.sh"
bash scripts/install.sh

step "release build of the widget and the desk"
trunk build --release
cargo build --release -p signpost-desk

# Each event stream (a page with the widget open) holds an open file: allow as many as the system does.
ulimit -n "$(ulimit -Hn)"
listen="${SIGNPOST_LISTEN:-127.0.0.1:8080}"
cat <<MSG

Signpost demo, with the widget embedded by its script tag:
  http://$listen/demo/checkout     buyer checkout (a card payment that fails)
  http://$listen/demo/order        buyer order page (an order past its promised date)
  http://$listen/demo/onboarding   seller onboarding (an ID document was rejected)
Each page has a "Help language" picker; add ?lang=ar (or es, fr, de, pt-BR, ja) to open it in that language.
Stop with Ctrl-C.

MSG
exec "$CARGO_TARGET_DIR/release/signpost-desk" serve --listen "$listen" \
  --database "${DATABASE_URL:-sqlite://data/demo.db}" --content content
