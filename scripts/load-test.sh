#!/usr/bin/env bash
# Load, soak and shutdown test (a script that prints figures, not a unit test).
# Starts the application as the container does (extracted jar layers, docker/start.sh and its JVM options, the heap
# MaxRAMPercentage=60 gives in a 512 MB container), warms it up, then drives it with wrk at 64 connections over a mix of charter views and consent posts
# (scripts/load-mix.lua), and prints requests, non-2xx/3xx answers, socket errors and RSS before and after.
# Then it sends SIGTERM in the middle of a second load and reports what was lost at shutdown.
#   scripts/load-test.sh [seconds]      (default 60; needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-60}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

. scripts/common.sh
[ -f target/charte-cookies.jar ] || ./mvnw -q -B package -DskipTests
work=target/load-test
rm -rf "$work" && mkdir -p "$work"
extract_like_the_image "$work/app"

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
start_app() {
  port=$(free_port)
  APP_HOME="$work/app" SERVER_PORT="$port" \
    JAVA_OPTS="-Xmx307m" \
    sh "$work/app/start.sh" > "$work/app-$1.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health" && return 0
    kill -0 "$app" 2>/dev/null || { cat "$work/app-$1.log"; exit 1; }
    sleep 0.5
  done
  echo "application did not start" >&2; exit 1
}
summary() {
  # wrk's own lines: requests, errors, non-2xx/3xx
  grep -E "requests in|Requests/sec|Socket errors|Non-2xx|Latency" "$1" | sed 's/^ */  /'
}

echo "== load: 64 connections, ${duration}s, mix of charter views and consent posts"
start_app load
wrk -t2 -c64 -d10s -s scripts/load-mix.lua "http://127.0.0.1:$port" > "$work/warmup.txt"
rss_before=$(rss_mb "$app")
wrk -t2 -c64 -d"${duration}s" --latency -s scripts/load-mix.lua "http://127.0.0.1:$port" > "$work/load.txt"
rss_after=$(rss_mb "$app")
summary "$work/load.txt"
grep -q "Non-2xx" "$work/load.txt" || echo "  Non-2xx or 3xx responses: 0"
grep -q "Socket errors" "$work/load.txt" || echo "  Socket errors: 0"
echo "  RSS after warm-up: ${rss_before} MB, after the load: ${rss_after} MB ($(( (rss_after - rss_before) * 100 / rss_before ))%)"
kill -TERM "$app"; wait "$app" || true

echo "== shutdown under load: SIGTERM 5 s into a 15 s load"
start_app shutdown
wrk -t2 -c64 -d15s -s scripts/load-mix.lua "http://127.0.0.1:$port" > "$work/shutdown.txt" &
load=$!
sleep 5
term_at=$(date +%s.%N)
kill -TERM "$app"
status=0; wait "$app" || status=$?
stopped_at=$(date +%s.%N)
wait "$load" || true
summary "$work/shutdown.txt"
printf '  exit status %d, stopped %.2f s after SIGTERM\n' "$status" "$(echo "$stopped_at - $term_at" | bc)"
grep -o "Graceful shutdown complete" "$work/app-shutdown.log" | sed 's/^/  /' || echo "  no graceful shutdown line in the log"
# The application's own count (Micrometer's http.server.requests), said once its web server has stopped.
grep -o "Requests answered: .*" "$work/app-shutdown.log" | sed 's/^/  application: /' || echo "  no request count in the log"
echo "  (after SIGTERM the listener closes: wrk counts its retries against it as write errors, and connections the"
echo "   kernel had accepted but the application never received as read errors; 'still in progress' counts requests"
echo "   the application received and did not answer)"
