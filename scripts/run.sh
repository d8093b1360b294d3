#!/usr/bin/env bash
# Starts the action server and the Rasa server; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

.venv/bin/rasa run actions --port "$ACTION_PORT" --actions actions &
pids+=($!)
.venv/bin/rasa run --port "$RASA_PORT" --model models/send-assistant.tar.gz \
  --credentials credentials.yml --endpoints endpoints.yml --logging-config-file logging.yml &
pids+=($!)

echo "Waiting for the assistant to start..."
up=""
for _ in $(seq 1 180); do
  if curl -fs "http://localhost:${RASA_PORT}/" >/dev/null 2>&1; then up=yes; break; fi
  kill -0 "${pids[@]}" 2>/dev/null || break
  sleep 1
done
if [ -z "$up" ]; then echo "The assistant did not start: see the messages above." >&2; exit 1; fi
cat <<MSG

The assistant is running.
  Chat (REST):  curl -s localhost:${RASA_PORT}/webhooks/rest/webhook -d '{"sender":"me","message":"hello"}'
  Demo page:    http://localhost:${RASA_PORT}/webhooks/webchat/demo
  Staff page:   http://localhost:${RASA_PORT}/webhooks/webchat/staff
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
