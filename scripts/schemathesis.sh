#!/usr/bin/env bash
# Fuzzes the desk's API from its own /openapi.json with schemathesis (PyPI): starts a debug desk on a free port
# with a throw-away SQLite database, a seeded ticket, incident and identity, runs a bounded number of examples per operation, and
# fails on any 5xx or any response that contradicts the document (status code, content type, headers, body).
# Not part of scripts/test.sh; takes a few minutes. `SCHEMATHESIS_EXAMPLES=N` changes the examples per operation,
# extra arguments go to `st run`.
source "$(dirname "$0")/lib/env.sh"

SCHEMATHESIS_VERSION=4.32.5
examples="${SCHEMATHESIS_EXAMPLES:-25}"
venv="$HOME/.cache/signpost-schemathesis"
if [ "$("$venv/bin/st" --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ]; then
  step "pip install schemathesis==$SCHEMATHESIS_VERSION (into $venv)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

step "cargo build -p signpost-desk"
cargo build -p signpost-desk

dir="$(mktemp -d)"
desk_pid=""
cleanup() {
  if [ -n "$desk_pid" ]; then kill "$desk_pid" 2>/dev/null || true; wait "$desk_pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
# A stand-in widget build, as the desk's API tests use: the API is under test, not the widget.
mkdir -p "$dir/dist"
printf '%s' "/*loader*/var assets='__SIGNPOST_VERSION__/',site=__SIGNPOST_SITE__;" > "$dir/dist/loader.js"
printf '%s' 'export default function init() {}' > "$dir/dist/signpost.js"
printf '\0asm\1\0\0\0' > "$dir/dist/signpost_bg.wasm"
printf '%s' '.sp-panel{display:flex}' > "$dir/dist/widget.css"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
agent_token="schemathesis-agent-token-0123456789abcdef"
identity_secret="schemathesis-identity-secret-0123456789"
step "desk on $url (log: $dir/desk.log)"
# Limits high enough that the run tests the endpoints rather than the limits (429s are in the document too).
SIGNPOST_AGENT_TOKEN="$agent_token" \
SIGNPOST_TOKEN_KEY="schemathesis-token-key-0123456789abcdef" \
SIGNPOST_IDENTITY_SECRET="$identity_secret" \
  "$DESK_BIN" serve --listen "127.0.0.1:$port" --database "sqlite://$dir/desk.db" --data-dir "$dir/data" \
  --content "$ROOT/content" --widget-dir "$dir/dist" --demo-dir "$ROOT/demo" \
  --tickets-per-address-per-hour 1000000 --tickets-per-email-per-hour 1000000 \
  --replies-per-address-per-hour 1000000 --votes-per-address-per-hour 1000000 \
  --searches-per-address-per-minute 1000000 --agent-failures-per-address 1000000 \
  --sign-in-failures-per-account 1000000 > "$dir/desk.log" 2>&1 &
desk_pid=$!
for _ in $(seq 1 600); do
  curl -fsS "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$desk_pid" 2>/dev/null || { cat "$dir/desk.log"; echo "the desk exited" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$url/healthz" >/dev/null

step "seed: a ticket filed by an identified user, an incident, an article"
identity="$("$DESK_BIN" identity mint --secret "$identity_secret" --user-id u-fuzz \
  --email fuzz@example.com --role buyer --ttl-seconds 7200)"
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
created="$(curl -fsS "$url/v1/tickets" -H 'Content-Type: application/json' -H 'Idempotency-Key: schemathesis-seed' \
  -H "X-Signpost-Identity: $identity" \
  -d '{"topic": "order-not-arrived", "subject": "Where is my parcel?", "message": "It has not arrived."}')"
ticket_id="$(json "['id']" <<<"$created")"
ticket_token="$(json "['access_token']" <<<"$created")"
incident_id="$(curl -fsS "$url/v1/agent/incidents" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $agent_token" -d '{"name": "Payments are slow", "impact": "minor"}' | json "['id']")"
article_id="$(curl -fsS "$url/v1/search?q=refund" | json "['results'][0]['id']")"
# The seeded ids fill the path parameters, and each security scheme gets its credential, so the runs reach past
# the 404s and 401s into the handlers.
cat > "$dir/schemathesis.toml" <<TOML
max-stream-events = 1

[auth.openapi.agent_token]
bearer = "$agent_token"

[auth.openapi.ticket_token]
bearer = "$ticket_token"

[auth.openapi.identity]
api_key = "$identity"

[[operations]]
include-path-regex = "^/v1/(agent/)?tickets/"
parameters = { id = "$ticket_id" }

[[operations]]
include-path-regex = "^/v1/articles/"
parameters = { id = "$article_id" }

[[operations]]
include-path-regex = "^/v1/agent/incidents/"
parameters = { id = "$incident_id" }
TOML

step "schemathesis: $examples examples per operation"
set +e
# Run from the throw-away folder: schemathesis keeps its example database in the working directory.
cd "$dir"
"$venv/bin/st" --config-file "$dir/schemathesis.toml" run "$url/openapi.json" --url "$url" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples "$examples" --seed 1 --workers 2 --request-timeout 10 --no-color "$@"
status=$?
set -e
if grep -q "internal error\|panicked" "$dir/desk.log"; then
  echo "the desk logged internal errors:" >&2
  grep -A3 "internal error\|panicked" "$dir/desk.log" | head -40 >&2
  status=1
fi
exit "$status"
