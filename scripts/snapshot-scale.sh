#!/usr/bin/env bash
# Snapshots at scale (docs/consent-records.md, "What the visitor was shown"): prints figures; not a test. With 1,000
# sites (a folder of copies of examples/sites/opendata.yaml, each answering its own host), for the jar before
# snapshots (SNAPSHOT_BEFORE_JAR, e.g. built from the commit before them) and this one, side by side, twice each:
#   - start: process start to the first served charter;
#   - then every site's charter and banner served in French and in English: how many snapshots the records folder
#     holds, and their bytes (one per site and language; never per visitor nor per request).
#   SNAPSHOT_BEFORE_JAR=/path/to/before.jar scripts/snapshot-scale.sh   (builds this jar first unless BENCH_NO_BUILD=1)
#   SNAPSHOT_SITES: the number of sites (default 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
count="${SNAPSHOT_SITES:-1000}"
before="${SNAPSHOT_BEFORE_JAR:?the jar before snapshots (SNAPSHOT_BEFORE_JAR)}"
work=target/snapshot-scale
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  ./mvnw -q -DskipTests package
fi
rm -rf "$work" && mkdir -p "$work/sites"
cp target/charte-cookies.jar "$work/after.jar"
python3 - "$work/sites" "$count" <<'PY'
import sys
folder, count = sys.argv[1], int(sys.argv[2])
text = open("examples/sites/opendata.yaml", encoding="utf-8").read()
for i in range(1, count + 1):
    site = text.replace("hosts: [opendata.example.org, www.opendata.example.org]", "hosts: [site-%d.example.org]" % i)
    site = site.replace("name: Opendatasoft", "name: Site %d" % i)
    open("%s/site-%d.yaml" % (folder, i), "w", encoding="utf-8").write(site)
PY

app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then
    kill -TERM "$app_pid" 2> /dev/null || true
    wait "$app_pid" 2> /dev/null || true
  fi
}
trap cleanup EXIT

echo "before: $(uptime)"
printf '%-7s %4s %6s %9s %10s %12s\n' jar run sites start_ms snapshots snapshot_kib
for run in 1 2; do
  for jar in before after; do
    file=$([ "$jar" = before ] && echo "$before" || echo "$work/after.jar")
    records="$work/records-$jar-$run"
    port=$(free_port)
    log="$work/app-$jar-$run.log"
    started=$(date +%s%N)
    java -jar "$file" --server.port="$port" --charte.registry.folder="$work/sites" \
      --charte.records.folder="$records" --charte.render-cache.maximum-pages=8000 > "$log" 2>&1 &
    app_pid=$!
    until curl -fs -o /dev/null -H "Host: site-1.example.org" "http://127.0.0.1:$port/cookies"; do
      kill -0 "$app_pid" 2> /dev/null || { echo "snapshot-scale: the application stopped, see $log" >&2; exit 1; }
      sleep 0.05
    done
    start_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    for i in $(seq 1 "$count"); do
      for language in fr en; do
        curl -fs -o /dev/null -H "Host: site-$i.example.org" -H "Accept-Language: $language" \
          "http://127.0.0.1:$port/cookies"
        curl -fs -o /dev/null -H "Host: site-$i.example.org" -H "Accept-Language: $language" \
          "http://127.0.0.1:$port/cookies/banner?return=/"
      done
    done
    snapshots=$(find "$records" -path '*/snapshots/*.html' 2> /dev/null | wc -l)
    kib=$(find "$records" -path '*/snapshots/*' -type f -printf '%s\n' 2> /dev/null | awk '{s += $1} END {printf "%d", s / 1024}')
    printf '%-7s %4s %6s %9s %10s %12s\n' "$jar" "$run" "$count" "$start_ms" "$snapshots" "$kib"
    cleanup
    app_pid=""
  done
done
echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)."
echo "uptime: $(uptime)"
