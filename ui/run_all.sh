#!/usr/bin/env bash
# Start the IMMEX Guide API and the Streamlit UI together; Ctrl-C stops both.
set -uo pipefail

cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
API_HOST="${ASSISTANT_API_HOST:-127.0.0.1}"
API_PORT="${ASSISTANT_API_PORT:-8000}"
UI_PORT="${ASSISTANT_UI_PORT:-8501}"
READY_TIMEOUT_S="${ASSISTANT_READY_TIMEOUT_S:-120}"
export ASSISTANT_UI_API_URL="${ASSISTANT_UI_API_URL:-http://${API_HOST}:${API_PORT}}"
export HF_HUB_OFFLINE=1

API_PID=""
UI_PID=""

stop() {
  trap - INT TERM EXIT
  [[ -z "$API_PID$UI_PID" ]] && return
  echo
  echo "Stopping IMMEX Guide..."
  for pid in "$UI_PID" "$API_PID"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null
  done
  for pid in "$UI_PID" "$API_PID"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null
  done
  echo "Stopped."
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

port_busy() {
  "$BIN/python" - "$1" <<'PY'
import socket, sys
s = socket.socket()
s.settimeout(0.5)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
}

for port in "$API_PORT" "$UI_PORT"; do
  if port_busy "$port"; then
    echo "Port $port is already in use: stop what runs there or set ASSISTANT_API_PORT / ASSISTANT_UI_PORT." >&2
    exit 1
  fi
done

echo "Starting the API on http://${API_HOST}:${API_PORT} ..."
"$BIN/assistant" serve --host "$API_HOST" --port "$API_PORT" &
API_PID=$!

echo "Waiting for the API to be ready (GET /readyz, up to ${READY_TIMEOUT_S}s) ..."
ready=0
for ((i = 0; i < READY_TIMEOUT_S * 2; i++)); do
  if ! kill -0 "$API_PID" 2>/dev/null; then
    echo "The API process exited; see its messages above (did 'assistant ingest' run?)." >&2
    exit 1
  fi
  if "$BIN/python" -c "import httpx,sys; sys.exit(0 if httpx.get('http://${API_HOST}:${API_PORT}/readyz', timeout=2).status_code == 200 else 1)" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.5
done
if [[ "$ready" -ne 1 ]]; then
  echo "The API did not become ready in ${READY_TIMEOUT_S}s; check http://${API_HOST}:${API_PORT}/readyz" >&2
  exit 1
fi

echo "Starting the UI on http://127.0.0.1:${UI_PORT} ..."
"$BIN/streamlit" run ui/app.py --server.headless true --server.port "$UI_PORT" \
  --server.address "${ASSISTANT_UI_HOST:-127.0.0.1}" \
  --browser.gatherUsageStats false --client.toolbarMode minimal --client.showErrorDetails none &
UI_PID=$!

cat <<MSG

  IMMEX Guide is running
    UI : http://127.0.0.1:${UI_PORT}
    API: http://${API_HOST}:${API_PORT}   (docs: /docs, health: /healthz, ready: /readyz)

  Press Ctrl-C to stop both.

MSG

# Exit (and stop the other one) as soon as either process ends.
wait -n "$API_PID" "$UI_PID"
rc=$?
# Ctrl-C reaches the children too; they end cleanly (0) or by the signal (>128): stop quietly.
if ((rc != 0 && rc <= 128)); then
  echo "A process failed with status $rc (see its messages above); stopping the other." >&2
fi
exit "$rc"
