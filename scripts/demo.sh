#!/usr/bin/env bash
# Installs whatever is missing, builds the widget in release and starts the desk with SQLite and the sample help
# center, serving the demo pages, with a demo admin for the console and a few tickets for the team to work.
source "$(dirname "$0")/lib/env.sh"
bash scripts/install.sh

step "release build of the widget, the console and the desk"
trunk build --release
(cd console && trunk build --release)
cargo build --release -p signpost-desk
desk="$CARGO_TARGET_DIR/release/signpost-desk"
database="${DATABASE_URL:-sqlite://data/demo.db}"

# Each event stream (a page with the widget open) holds an open file: allow as many as the system does.
ulimit -n "$(ulimit -Hn)"
listen="${SIGNPOST_LISTEN:-127.0.0.1:8080}"
# Ticket access tokens are derived from a key: the demo makes one once and keeps it beside its database, so the
# threads a browser filed still open after a restart.
mkdir -p data
if [ -z "${SIGNPOST_TOKEN_KEY:-}" ]; then
  [ -s data/demo-token-key ] || (umask 077 && openssl rand -hex 32 > data/demo-token-key)
  export SIGNPOST_TOKEN_KEY="$(cat data/demo-token-key)"
fi

# The console's demo admin: a password made on this machine at the first start, kept beside the database.
admin_email="admin@demo.example"
if [ ! -s data/demo-admin-password ]; then
  password="$(openssl rand -base64 18)"
  if printf '%s' "$password" | "$desk" agents add --database "$database" --name "Demo Admin" \
      --email "$admin_email" --role admin --password-stdin >/dev/null; then
    (umask 077 && printf '%s\n' "$password" > data/demo-admin-password)
  else
    echo "The demo database has a demo admin whose password is lost: remove data/demo.db to start afresh." >&2
  fi
fi

"$desk" serve --listen "$listen" --database "$database" --content content &
desk_pid=$!
trap 'kill "$desk_pid" 2>/dev/null' INT TERM EXIT
for _ in $(seq 1 600); do
  curl -fsS "http://$listen/healthz" >/dev/null 2>&1 && break
  kill -0 "$desk_pid" 2>/dev/null || exit 1
  sleep 0.1
done
# A few tickets so the console is not empty; each is filed once (the idempotency key makes a rerun a no-op).
for ticket in demo/tickets/*.json; do
  curl -fsS -o /dev/null -X POST "http://$listen/v1/tickets" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: demo-$(basename "$ticket" .json)" --data-binary "@$ticket" \
    || echo "could not file the demo ticket $ticket" >&2
done

cat <<MSG

Signpost demo, with the widget embedded by its script tag:
  http://$listen/demo/checkout     buyer checkout (a card payment that fails)
  http://$listen/demo/order        buyer order page (an order past its promised date)
  http://$listen/demo/onboarding   seller onboarding (an ID document was rejected)
Each page has a "Help language" picker; add ?lang=ar (or es, fr, de, pt-BR, ja) to open it in that language.

The support team's console, signed in as the demo admin (the agent API is in /openapi.json):
  http://$listen/console/
  email:    $admin_email
  password: $(cat data/demo-admin-password 2>/dev/null || echo "(lost: remove data/demo.db and restart)")
Stop with Ctrl-C.

MSG
wait "$desk_pid"
