#!/usr/bin/env bash
# Starts the action server and the Rasa server; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
# Behind a reverse proxy (README "Behind a reverse proxy"): TRUSTED_PROXY_COUNT=1 makes Sanic
# take the client address from X-Forwarded-For, which is only safe when nobody can reach Rasa
# except through the proxy; so Rasa then listens on RASA_INTERFACE (default 127.0.0.1), never
# on every interface. Without a trusted proxy, forwarded headers are ignored.
TRUSTED_PROXY_COUNT="${TRUSTED_PROXY_COUNT:-0}"
if [ "$TRUSTED_PROXY_COUNT" != "0" ]; then
  RASA_INTERFACE="${RASA_INTERFACE:-127.0.0.1}"
  case "$RASA_INTERFACE" in
    0.0.0.0|::|"[::]")
      echo "TRUSTED_PROXY_COUNT=$TRUSTED_PROXY_COUNT needs Rasa on loopback or a private address (RASA_INTERFACE), not $RASA_INTERFACE: anyone could forge X-Forwarded-For." >&2
      exit 1;;
  esac
  export SANIC_PROXIES_COUNT="$TRUSTED_PROXY_COUNT"
else
  RASA_INTERFACE="${RASA_INTERFACE:-0.0.0.0}"
  unset SANIC_PROXIES_COUNT SANIC_REAL_IP_HEADER SANIC_FORWARDED_SECRET
fi

pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

.venv/bin/rasa run actions --port "$ACTION_PORT" --actions actions &
pids+=($!)
.venv/bin/rasa run --interface "$RASA_INTERFACE" --port "$RASA_PORT" --model models/send-assistant.tar.gz \
  --credentials credentials.yml --endpoints endpoints.yml --logging-config-file logging.yml &
pids+=($!)

case "$RASA_INTERFACE" in 0.0.0.0|::|"[::]") host=localhost;; *) host="$RASA_INTERFACE";; esac
example_id=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')  # sender ids are 128-bit random
echo "Waiting for the assistant to start..."
up=""
for _ in $(seq 1 180); do
  if curl -fs "http://${host}:${RASA_PORT}/" >/dev/null 2>&1; then up=yes; break; fi
  kill -0 "${pids[@]}" 2>/dev/null || break
  sleep 1
done
if [ -z "$up" ]; then echo "The assistant did not start: see the messages above." >&2; exit 1; fi
cat <<MSG

The assistant is running.
  Chat (REST):  curl -s ${host}:${RASA_PORT}/webhooks/rest/webhook -H 'Content-Type: application/json' \\
                  -d '{"sender":"${example_id}","message":"hello"}'
  Demo page:    http://${host}:${RASA_PORT}/webhooks/webchat/demo
  Staff page:   http://${host}:${RASA_PORT}/webhooks/webchat/staff
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
