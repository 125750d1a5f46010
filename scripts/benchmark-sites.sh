#!/usr/bin/env bash
# Many sites in one process (README, "Several sites"): prints figures; not a test. For 1, 100 and 1,000 sites (a
# folder of copies of examples/sites/opendata.yaml, each answering its own host), starts java -jar
# target/charte-cookies.jar on the folder and measures:
#   - start: process start to the first served charter, and what Spring Boot says of its own start;
#   - memory: the process's RSS and the heap in use after a full GC (jcmd), once every site's charter was served once;
#   - per request: wrk against /cookies, one host (the same site's cached page each time) and every host in turn (each
#     site's own cached page), requests/s and p50 / p99;
#   - finding a site: one map lookup of the host, whatever the number of sites (Sites.forHost).
#   scripts/benchmark.sh sites    (about 4 minutes: builds the jar first unless BENCH_NO_BUILD=1)
#   BENCH_SITES: the site counts (default "1 100 1000"); BENCH_DURATION: seconds per wrk run (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
counts="${BENCH_SITES:-1 100 1000}"
duration="${BENCH_DURATION:-5}"
work=target/benchmark-sites
for tool in wrk curl java jcmd python3; do
  command -v "$tool" > /dev/null || { echo "benchmark: $tool is needed" >&2; exit 1; }
done
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  ./mvnw -q -DskipTests package
fi
rm -rf "$work" && mkdir -p "$work"

app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then
    kill -TERM "$app_pid" 2> /dev/null || true
    wait "$app_pid" 2> /dev/null || true
  fi
}
trap cleanup EXIT

# Picks a host in turn for each request: site-1.example.org ... site-N.example.org.
cat > "$work/hosts.lua" <<'LUA'
local count = tonumber(os.getenv("SITES"))
local i = 0
request = function()
  i = (i % count) + 1
  return wrk.format("GET", "/cookies", { ["Host"] = "site-" .. i .. ".example.org", ["Accept-Language"] = "fr" })
end
LUA

echo "before: $(uptime)"
printf '%-6s %9s %9s %9s %9s %12s %14s %12s %14s\n' sites start_ms boot_s rss_mb heap_mb one_host_rps one_p50/p99_ms all_hosts_rps all_p50/p99_ms
for count in $counts; do
  folder="$work/sites-$count"
  mkdir -p "$folder"
  python3 - "$folder" "$count" <<'PY'
import sys
folder, count = sys.argv[1], int(sys.argv[2])
text = open("examples/sites/opendata.yaml", encoding="utf-8").read()
for i in range(1, count + 1):
    site = text.replace("hosts: [opendata.example.org, www.opendata.example.org]", "hosts: [site-%d.example.org]" % i)
    site = site.replace("name: Opendatasoft", "name: Site %d" % i)
    open("%s/site-%d.yaml" % (folder, i), "w", encoding="utf-8").write(site)
PY
  port=$(free_port)
  log="$work/app-$count.log"
  started=$(date +%s%N)
  java -jar target/charte-cookies.jar --server.port="$port" --charte.registry.folder="$folder" \
    --charte.records.folder="$work/records-$count" --charte.render-cache.maximum-pages=4000 > "$log" 2>&1 &
  app_pid=$!
  until curl -fs -o /dev/null -H "Host: site-1.example.org" "http://127.0.0.1:$port/cookies"; do
    kill -0 "$app_pid" 2> /dev/null || { echo "benchmark: the application stopped, see $log" >&2; exit 1; }
    sleep 0.05
  done
  start_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  boot_s=$(grep -o 'Started CharteCookiesApplication in [0-9.]* seconds' "$log" | grep -o '[0-9.]* seconds' | cut -d' ' -f1)
  # Every site's charter once (cached from then on), then the steady state.
  for i in $(seq 1 "$count"); do
    curl -fs -o /dev/null -H "Host: site-$i.example.org" -H "Accept-Language: fr" "http://127.0.0.1:$port/cookies"
  done
  wrk -t1 -c8 -d"$duration"s -H "Host: site-1.example.org" -H "Accept-Language: fr" "http://127.0.0.1:$port/cookies" > /dev/null
  one=$(wrk -t1 -c8 -d"$duration"s --latency -H "Host: site-1.example.org" -H "Accept-Language: fr" \
    "http://127.0.0.1:$port/cookies")
  all=$(SITES=$count wrk -t1 -c8 -d"$duration"s --latency -s "$work/hosts.lua" "http://127.0.0.1:$port/cookies")
  rps() { echo "$1" | awk '/Requests\/sec/ {printf "%d", $2}'; }
  ms() {
    echo "$1" | awk '
      function millis(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      / 50%/ { p50 = millis($2) } / 99%/ { p99 = millis($2) } END { printf "%.2f/%.2f", p50, p99 }'
  }
  jcmd "$app_pid" GC.run > /dev/null
  heap_mb=$(jcmd "$app_pid" GC.heap_info | awk '/used/ && /heap|garbage-first/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); printf "%d", v / 1024; exit}}')
  rss_mb=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$app_pid/status")
  printf '%-6s %9s %9s %9s %9s %12s %14s %12s %14s\n' "$count" "$start_ms" "${boot_s:-?}" "$rss_mb" "${heap_mb:-?}" \
    "$(rps "$one")" "$(ms "$one")" "$(rps "$all")" "$(ms "$all")"
  cleanup
  app_pid=""
done
echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t1 -c8, ${duration}s per run."
echo "uptime: $(uptime)"
