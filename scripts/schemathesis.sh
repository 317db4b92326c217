#!/usr/bin/env bash
# Fuzzes the desk's API from its own /openapi.json with schemathesis (PyPI): starts a debug desk on a free port
# with a throw-away SQLite database and the agent token, runs a bounded number of examples per operation, and
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
step "desk on $url (log: $dir/desk.log)"
# Limits high enough that the run tests the endpoints rather than the limits (429s are in the document too).
SIGNPOST_AGENT_TOKEN="$agent_token" \
SIGNPOST_TOKEN_KEY="schemathesis-token-key-0123456789abcdef" \
SIGNPOST_IDENTITY_SECRET="schemathesis-identity-secret-0123456789" \
  "$DESK_BIN" serve --listen "127.0.0.1:$port" --database "sqlite://$dir/desk.db" --data-dir "$dir/data" \
  --content "$ROOT/content" --widget-dir "$dir/dist" --demo-dir "$ROOT/demo" \
  --tickets-per-address-per-hour 1000000 --tickets-per-email-per-hour 1000000 \
  --replies-per-address-per-hour 1000000 --votes-per-address-per-hour 1000000 \
  --searches-per-address-per-minute 1000000 --agent-failures-per-address 1000000 > "$dir/desk.log" 2>&1 &
desk_pid=$!
for _ in $(seq 1 600); do
  curl -fsS "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$desk_pid" 2>/dev/null || { cat "$dir/desk.log"; echo "the desk exited" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$url/healthz" >/dev/null

step "schemathesis: $examples examples per operation"
# The status stream never ends (it is an event stream): it is left out. Every other operation is run with the
# agent token, which the ticket routes read as a (wrong) ticket access token.
set +e
# Run from the throw-away folder: schemathesis keeps its example database in the working directory.
cd "$dir"
"$venv/bin/st" run "$url/openapi.json" --url "$url" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples "$examples" --seed 1 --workers 2 --request-timeout 10 \
  --exclude-path /v1/status/stream \
  -H "Authorization: Bearer $agent_token" \
  --no-color "$@"
status=$?
set -e
if grep -q "internal error\|panicked" "$dir/desk.log"; then
  echo "the desk logged internal errors:" >&2
  grep -A3 "internal error\|panicked" "$dir/desk.log" | head -40 >&2
  status=1
fi
exit "$status"
