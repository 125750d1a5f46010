#!/usr/bin/env bash
# Makes the AOT cache (app.aot, Java 25: JEP 483/514/515) that docker/start.sh starts from: a training run that starts
# the application as start.sh does, serves each kind of request once, then stops; the JVM writes the classes it loaded
# and linked, and its method profiles, at exit. Run by the Dockerfile, and by scripts/benchmark.sh outside a container.
#   APP_HOME, JAVA_HOME, JAVA_OPTS as for start.sh; TRAIN_PORT (default 18080)
set -euo pipefail
APP_HOME="${APP_HOME:-$(cd "$(dirname "$0")" && pwd)}"
port="${TRAIN_PORT:-18080}"
rm -f "$APP_HOME/app.aot"
# The training's decisions are recorded in a throw-away folder, never in the image.
records="$(mktemp -d)"
JAVA_OPTS="${JAVA_OPTS:-} -XX:AOTCacheOutput=$APP_HOME/app.aot" SERVER_PORT="$port" CHARTE_RECORDS_FOLDER="$records" \
  sh "$(dirname "$0")/start.sh" --spring.main.banner-mode=off --logging.level.root=warn &
app=$!
trap 'kill "$app" 2>/dev/null || true; rm -rf "$records"' EXIT

# method path [cookie] [body]: one HTTP/1.1 request over bash's /dev/tcp, answer discarded. A subshell, because a
# failed redirection on exec ends the shell that runs it.
request() (
  body="${4:-}"
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s %s HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nCookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$1" "$2" "${3:-}" "${#body}" "$body" >&3
  cat <&3 > /dev/null
)
for _ in $(seq 1 300); do
  request GET /cookies 2>/dev/null && break
  kill -0 "$app" 2>/dev/null || { echo "training run failed" >&2; exit 1; }
  sleep 0.2
done
decided='cookies_preferences=v=1&rev=1&at=1795932419&id=soCcOCAWcIs0bR4gvBJbww&accepted=&refused=statistics'
for _ in 1 2 3; do
  request GET '/cookies?lang=en'
  request GET /cookies "$decided"
  request GET '/cookies?cookies=manage' "$decided"
  request GET '/cookies/banner?return=/datasets'
  request GET /cookies/consent
  request POST /cookies/consent '' 'decision=reject-all&return=/cookies'
  request GET /nowhere
  request GET /actuator/health
done
kill -TERM "$app"
wait "$app" || true
[ -s "$APP_HOME/app.aot" ] || { echo "no AOT cache was written" >&2; exit 1; }
