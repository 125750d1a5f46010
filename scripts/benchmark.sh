#!/usr/bin/env bash
# Benchmark (prints figures; not a test). Builds, then for each mode starts the application, warms it up until its
# throughput is steady, and measures it with wrk against Debian's nginx serving byte-identical copies of its pages, in
# the same minute on the same machine:
#   - as a browser asks (Accept-Encoding: gzip, deflate, br; a browser's Accept and Accept-Language) and plain (no
#     Accept-Encoding): /cookies in French and in English, /cookies with a decision, the banner fragment; nginx serves
#     plain copies, and for the browser-like rows copies compressed once with gzip -9 (gzip_static);
#   - POST /cookies/consent, both ways (no nginx equivalent: absolute figures);
#   - /cookies?utm_source=<unique> against the cached /cookies, and a forced miss, /cookies/banner?return=/p<unique>,
#     against the cached banner.
# Every pair runs three times, interleaved (nginx, app, nginx, app...); the script prints every run, the median ratio
# app/nginx and the application's p50 and p99. For the container recipe also: process start to first served request,
# alternately with the footprint's one-controller application run by the same recipe (the framework alone), and RSS
# after a 30 s load mix. Then the gzip weights and a summary table.
#   scripts/benchmark.sh sites                    1, 100 and 1,000 sites in one process: scripts/benchmark-sites.sh
#   scripts/benchmark.sh footprint                start and RSS against a one-controller Spring Boot application:
#                                                 scripts/benchmark-footprint.sh
#   scripts/benchmark.sh ceiling                  the hot path against nginx and against the framework alone (a
#                                                 one-controller application answering the same bytes from memory):
#                                                 scripts/benchmark-ceiling.sh
#   scripts/benchmark.sh compare COMMIT           this working tree against an earlier commit, both jars started at
#                                                 once and asked the same requests in turn: scripts/benchmark-compare.sh
#   scripts/benchmark.sh [both|container|jar]     (default both: about 13 minutes on a quiet 2-core machine, of which
#                                                  10 are the 120 measurements of 5 s; 16 measured on a busy one)
#     container  as the image runs it: extracted layers, docker/train.sh's AOT cache, docker/start.sh, the image's
#                JAVA_OPTS and MALLOC_ARENA_MAX (Dockerfile), heap as in a 256 MB container, on Temurin 25
#     jar        java -jar target/charte-cookies.jar on Temurin 25 and no options
#     records    the consent POST's cost of recording: recording on and off (charte.records.enabled), interleaved, on
#                the embedded H2 and on a throw-away PostgreSQL cluster (Debian's postgresql), as the container runs
#                (start.sh, the image's JAVA_OPTS, Temurin 25): throughput at saturation and the ratio on/off, p50/p99
#                at saturation and at a moderate load (2 connections), processor time per POST and which threads spend
#                it, the backlog during and after, records written = POSTs answered (8 to 15 minutes; not part of
#                both, which says how to run it)
#   Needs wrk and nginx (apt-get install -y wrk nginx-light), curl, gzip, python3 and a Java 25 JDK.
#   BENCH_JAVA_HOME: the Java (default: a JDK 25 found as ./mvnw finds one); NGINX: the nginx binary; BENCH_DURATION: seconds per
#   measurement (default 5); BENCH_WARMUP_CAP: seconds of warm-up at most (default 150), BENCH_WARMUP_MIN: at
#   least (default 45); BENCH_GZIP_LEVEL: gzip level
#   of nginx's copies (default 9). Mode records only: BENCH_STORES, the stores measured (default "h2 postgresql");
#   BENCH_RECORDS_RUNS, the interleaved runs of each (default 3).
#   BENCH_RESULTS: the folder where each run's output is kept (default target/benchmark-results).
set -euo pipefail
cd "$(dirname "$0")/.."
# Every run's output is kept as printed, in a file named by what ran, when and on which commit: the figures in docs/
# are such files, copied unchanged into docs/results/, never retyped.
case "${1:-both}" in
  both | container | jar | records | sites | footprint | ceiling) ;;
  compare) [ -n "${2:-}" ] || { echo "usage: $0 compare COMMIT" >&2; exit 2; } ;;
  *) echo "usage: $0 [both|container|jar|records|sites|footprint|ceiling|compare COMMIT]" >&2; exit 2 ;;
esac
results="${BENCH_RESULTS:-target/benchmark-results}"
mkdir -p "$results"
result_file="$results/${1:-both}${2:+-vs-$2}-$(date -u +%Y-%m-%dT%H%MZ)-$(git describe --always --dirty 2> /dev/null || echo no-git).txt"
exec > >(tee "$result_file") 2>&1
echo "== scripts/benchmark.sh ${*:-both}, commit $(git log -1 --format='%h (%cs)' 2> /dev/null || echo unknown)," \
  "$(date -u '+%Y-%m-%d %H:%M UTC'); this output is kept in $result_file"
# Many sites in one process (start, memory, per-request cost for 1, 100 and 1,000 sites): a script of its own.
if [ "${1:-}" = sites ]; then
  exec scripts/benchmark-sites.sh
fi
# Start and memory against a one-controller Spring Boot application: a script of its own.
if [ "${1:-}" = footprint ]; then
  exec scripts/benchmark-footprint.sh
fi
# The hot path against nginx and against the framework alone: a script of its own.
if [ "${1:-}" = ceiling ]; then
  exec scripts/benchmark-ceiling.sh
fi
# This tree against an earlier commit: a script of its own.
if [ "${1:-}" = compare ]; then
  exec scripts/benchmark-compare.sh "$2"
fi
started_at=$SECONDS

case "${1:-both}" in
  both) modes="container jar" ;;
  container | jar | records) modes="$1" ;;
esac
duration="${BENCH_DURATION:-5}"
warmup_cap="${BENCH_WARMUP_CAP:-150}"
warmup_min="${BENCH_WARMUP_MIN:-45}"
gzip_level="${BENCH_GZIP_LEVEL:-9}"
records_runs="${BENCH_RECORDS_RUNS:-3}"
records_stores="${BENCH_STORES:-h2 postgresql}"
steady_percent=5
NGINX="${NGINX:-/usr/sbin/nginx}"

missing() { echo "benchmark: $1" >&2; exit 1; }
command -v wrk > /dev/null || missing "wrk is needed: apt-get install -y wrk"
[ -x "$NGINX" ] || missing "nginx is needed at $NGINX (set NGINX): apt-get install -y nginx-light"
"$NGINX" -V 2>&1 | grep -q -- --with-http_gzip_static_module || missing "$NGINX has no gzip_static module"
for tool in curl gzip python3; do
  command -v "$tool" > /dev/null || missing "$tool is needed"
done
# Options a JVM would read from the environment would change what either mode measures.
for variable in JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS JAVA_OPTS MALLOC_ARENA_MAX; do
  if [ -n "${!variable:-}" ]; then
    echo "benchmark: ignoring $variable from the environment" >&2
    unset "$variable"
  fi
done

# The image's JVM settings (docker/start.sh's, always given) and glibc setting (the Dockerfile's); -Xmx150m, added as
# JAVA_OPTS, is the heap MaxRAMPercentage=60 gives in a 256 MB container (docker run -m 256m), which the figures below
# are about.
image_opts="-Xmx150m"
start_opts="$(sed -n 's/^IMAGE_OPTS="\([^"]*\)".*/\1/p' docker/start.sh)"
image_arenas=$(grep -o 'MALLOC_ARENA_MAX=[0-9]*' Dockerfile | head -1 | cut -d= -f2)
if [ -z "$start_opts" ] || [ -z "$image_arenas" ]; then
  missing "no IMAGE_OPTS in docker/start.sh or no MALLOC_ARENA_MAX in the Dockerfile"
fi

. scripts/common.sh
# The JDK 25 common.sh put first on the PATH, unless one is named.
runtime="${BENCH_JAVA_HOME:-$(dirname "$(dirname "$(command -v java)")")}"
[ "$(java_feature "$runtime/bin/java")" -ge 25 ] 2> /dev/null || missing "no Java 25 at $runtime: install one or set BENCH_JAVA_HOME"
work=target/benchmark

app_pid=""
nginx_pid=""
# Stops a process this script started: SIGTERM, then SIGKILL after 20 s.
stop() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2> /dev/null || return 0
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
}
records_pids=""
pg_stop=""
cleanup() {
  stop "$app_pid"
  stop "$nginx_pid"
  for pid in $records_pids; do stop "$pid"; done
  [ -z "$pg_stop" ] || $pg_stop > /dev/null 2>&1 || true
  # A start-time measurement interrupted midway leaves its application's pid here.
  [ -f "$work/start-time.pid" ] && stop "$(cat "$work/start-time.pid")"
  rm -f "$work/start-time.pid"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Requests as a browser sends them: a page (a navigation) and the banner fragment (a fetch() from the page's script).
gzip_header="Accept-Encoding: gzip, deflate, br"
page_accept="Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
fetch_accept="Accept: */*"
french="Accept-Language: fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"
english="Accept-Language: en-US,en;q=0.9"
decided="Cookie: cookies_preferences=v=1&rev=1&at=$(date +%s)&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=statistics"
post_body="decision=custom&category=statistics&return=/cookies"

# Says how busy the machine is: with a load average above the number of processors, other work takes CPU time from
# wrk, nginx and the application, and the figures (p99 first) are noisier than usual.
load_note() {
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
    echo "   BUSY MACHINE: load average $load on $(nproc) processors $1; other work competes for the CPU, figures are noisier"
  else
    echo "   load average $load on $(nproc) processors $1"
  fi
}

ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } printf "%.2f", v }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
at_least() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "n/a" && v >= t) ? "met" : "NOT MET" }'; }
at_most() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "NOT MET" }'; }

# One measurement: wrk -t1 -c16 for $duration s with the given arguments (options, then the URL). Sets rps, p50, p99
# (ms) and bad (non-2xx/3xx answers and socket errors, if any).
measure() {
  local out
  out=$(wrk -t1 -c16 -d"${duration}s" --latency "$@")
  rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<< "$out")
  answered=$(awk '/ requests in / { print $1 }' <<< "$out")
  [ "${rps:-0}" -gt 0 ] || missing "wrk got no answers from ${*: -1}"
  p50=$(awk '$1 == "50%" { print $2 }' <<< "$out" | ms)
  p99=$(awk '$1 == "99%" { print $2 }' <<< "$out" | ms)
  bad=$(awk '/Non-2xx/ { printf " %s non-2xx/3xx", $5 } /Socket errors/ { sub(/^ */, ""); printf " (%s)", $0 }' <<< "$out")
}

# Starts the application in the mode $1 on a free port; sets app_pid, app_url, and started (seconds to the first
# answer, polling every 50 ms: the container mode's start figure is measured more finely below).
start_app() {
  local mode="$1" port begin
  port=$(free_port)
  begin=$(date +%s.%N)
  if [ "$mode" = container ]; then
    APP_HOME="$work/app" SERVER_PORT="$port" JAVA_HOME="$runtime" JAVA_OPTS="$image_opts" \
      MALLOC_ARENA_MAX="$image_arenas" sh "$work/app/start.sh" > "$work/$mode.log" 2>&1 &
  else
    SERVER_PORT="$port" "$runtime/bin/java" -jar target/charte-cookies.jar > "$work/$mode.log" 2>&1 &
  fi
  app_pid=$!
  app_url="http://127.0.0.1:$port"
  for _ in $(seq 1 1200); do
    if curl -fs -o /dev/null "$app_url/cookies"; then
      started=$(awk -v a="$begin" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
      return 0
    fi
    kill -0 "$app_pid" 2> /dev/null || { tail -20 "$work/$mode.log" >&2; missing "the application ($mode) did not start"; }
    sleep 0.05
  done
  missing "the application ($mode) did not answer within 60 s"
}

# Repeats 5 s runs of the load mix until the last three runs are within $steady_percent % of each other and at least
# $warmup_min seconds have passed (on a busy machine two close runs can both still be cold: the JIT of a plain
# java -jar needed over 100 s once), or $warmup_cap seconds have passed.
warm_up() {
  local begin=$SECONDS runs="" change
  while true; do
    rps=$(wrk -t1 -c16 -d5s -s scripts/benchmark-mix.lua "$app_url" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')
    [ "${rps:-0}" -gt 0 ] || missing "wrk got no answers from the application during the warm-up"
    runs="$runs $rps"
    if [ "$(wc -w <<< "$runs")" -ge 3 ] && [ $((SECONDS - begin)) -ge "$warmup_min" ]; then
      change=$(tr ' ' '\n' <<< "$runs" | grep . | tail -3 | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f", (hi - lo) / lo * 100 }')
      if awk -v c="$change" -v t="$steady_percent" 'BEGIN { exit !(c < t) }'; then
        echo "  steady after $((SECONDS - begin)) s: last three runs within $change % (mix req/s:$runs)"
        return 0
      fi
    fi
    if [ $((SECONDS - begin)) -ge "$warmup_cap" ]; then
      echo "  CAP REACHED: not steady after $((SECONDS - begin)) s, measuring anyway (mix req/s:$runs)"
      return 0
    fi
  done
}

# Saves the application's answers as nginx's copies: plain ones under plain/, and under browser/ the identity answer
# to the browser's request with its gzip -$gzip_level copy beside it. Checks that the application's gzip answer holds
# the same bytes, and says its size.
copy_page() { # name, path, then the request's headers (curl -H ...) without Accept-Encoding
  local name="$1" path="$2" www="$work/nginx/www" encoding size
  shift 2
  curl -fsS "$@" "$app_url$path" -o "$www/browser/$name.html"
  gzip -k -f -"$gzip_level" "$www/browser/$name.html"
  curl -fsS -D "$work/answer.headers" -o "$work/answer.body" "$@" -H "$gzip_header" "$app_url$path"
  encoding=$(tr -d '\r' < "$work/answer.headers" | awk -F': *' 'tolower($1) == "content-encoding" { print $2 }')
  size=$(wc -c < "$work/answer.body")
  if [ "$encoding" = gzip ]; then
    if gzip -dc < "$work/answer.body" | cmp -s - "$www/browser/$name.html"; then
      encoding="gzip, same bytes once decompressed"
    else
      encoding="gzip, DIFFERENT bytes once decompressed"
    fi
  fi
  printf '  %-8s %6d B identity; the app sends %5d B (%s); nginx %5d B (gzip -%s)\n' "$name" \
    "$(wc -c < "$www/browser/$name.html")" "$size" "${encoding:-identity}" \
    "$(wc -c < "$www/browser/$name.html.gz")" "$gzip_level"
}
copy_plain() { # name, path, then the request's headers
  local name="$1" path="$2"
  shift 2
  curl -fsS "$@" "$app_url$path" -o "$work/nginx/www/plain/$name.html"
}

# A row: nginx's copy and the application, three times interleaved, then the medians; with a cache-busting
# companion (a wrk script asking for $unique_prefix<n>, each request a new path), measured right after each
# application run and compared with it and with nginx. ROW_TARGET: the ratio to nginx the row must reach (default 0.5).
#   row label nginx-path app-path unique-label unique-prefix [wrk options (headers)...]
row() {
  local label="$1" nginx_path="$2" app_path="$3" unique_label="$4" unique_prefix="$5" run target="${ROW_TARGET:-0.5}"
  local ratios=() p50s=() p99s=() apps=() nginxes=() unique_ratios=() unique_rps=() unique_p99s=() app_rps
  local unique_nginx_ratios=()
  shift 5
  for run in 1 2 3; do
    measure "$@" "$nginx_url$nginx_path"
    nginxes+=("$rps")
    printf '  %-24s run %d  nginx %6s req/s p99 %5s ms%s' "$label" "$run" "$rps" "$p99" "$bad"
    app_rps=$rps
    measure "$@" "$app_url$app_path"
    apps+=("$rps"); p50s+=("$p50"); p99s+=("$p99"); ratios+=("$(ratio "$rps" "$app_rps")")
    printf ' | app %6s req/s p50 %5s p99 %5s ms%s | ratio %s\n' "$rps" "$p50" "$p99" "$bad" "${ratios[-1]}"
    if [ -n "$unique_label" ]; then
      app_rps=$rps
      BENCH_PATH_PREFIX="$unique_prefix" measure "$@" -s scripts/benchmark-unique.lua "$app_url"
      unique_rps+=("$rps"); unique_p99s+=("$p99"); unique_ratios+=("$(ratio "$rps" "$app_rps")")
      unique_nginx_ratios+=("$(ratio "$rps" "${nginxes[-1]}")")
      printf '  %-24s run %d  app %6s req/s p50 %5s p99 %5s ms%s | / cached %s | / nginx %s\n' "$unique_label" "$run" \
        "$rps" "$p50" "$p99" "$bad" "${unique_ratios[-1]}" "${unique_nginx_ratios[-1]}"
    fi
  done
  local m_ratio m_p99
  m_ratio=$(median "${ratios[@]}")
  m_p99=$(median "${p99s[@]}")
  printf '  %-24s median: app/nginx %s (target >= %s: %s); app p50 %s ms, p99 %s ms (target <= 5 ms: %s)\n' "$label" \
    "$m_ratio" "$target" "$(at_least "$m_ratio" "$target")" "$(median "${p50s[@]}")" "$m_p99" "$(at_most "$m_p99" 5)"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$mode_label" "$label" "$(median "${apps[@]}")" \
    "$(median "${nginxes[@]}")" "$m_ratio" "$m_p99" >> "$work/summary.md"
  if [ -n "$unique_label" ]; then
    m_ratio=$(median "${unique_ratios[@]}")
    m_p99=$(median "${unique_p99s[@]}")
    local m_nginx
    m_nginx=$(median "${unique_nginx_ratios[@]}")
    printf '  %-24s median: / cached %s; / nginx %s (target >= %s: %s); app p99 %s ms (target <= 5 ms: %s)\n' \
      "$unique_label" "$m_ratio" "$m_nginx" "$target" "$(at_least "$m_nginx" "$target")" "$m_p99" "$(at_most "$m_p99" 5)"
    printf '| %s | %s | %s | %s | %s (/ cached %s) | %s |\n' "$mode_label" "$unique_label" \
      "$(median "${unique_rps[@]}")" "$(median "${nginxes[@]}")" "$m_nginx" "$m_ratio" "$m_p99" >> "$work/summary.md"
  fi
}

# The application alone (no nginx equivalent), three runs.
alone() { # label, then wrk options and the URL
  local label="$1" run rpses=() p50s=() p99s=()
  shift
  for run in 1 2 3; do
    measure "$@"
    rpses+=("$rps"); p50s+=("$p50"); p99s+=("$p99")
    printf '  %-24s run %d  app %6s req/s p50 %5s p99 %5s ms%s\n' "$label" "$run" "$rps" "$p50" "$p99" "$bad"
  done
  printf '  %-24s median: app %s req/s, p50 %s ms, p99 %s ms (target <= 5 ms: %s)\n' "$label" "$(median "${rpses[@]}")" \
    "$(median "${p50s[@]}")" "$(median "${p99s[@]}")" "$(at_most "$(median "${p99s[@]}")" 5)"
  printf '| %s | %s | %s | - | - | %s |\n' "$mode_label" "$label" "$(median "${rpses[@]}")" "$(median "${p99s[@]}")" \
    >> "$work/summary.md"
}

echo "== machine: $(nproc) processors (nproc), $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "   wrk, nginx and the application share these processors, with whatever else runs on the machine. Absolute"
echo "   req/s and latencies do not carry over to other machines (nor to another moment on this one): compare the"
echo "   ratios, each measured against nginx in the same minute."
echo "== settings: wrk -t1 -c16 -d${duration}s per measurement (short, so that both modes fit in about 13 minutes), 3 interleaved runs"
echo "   per row, medians of the runs; warm-up: 5 s runs of scripts/benchmark-mix.lua until the last three are within"
echo "   $steady_percent % of each other, after ${warmup_min} s at least and ${warmup_cap} s at most; nginx: 1 worker, sendfile, gzip_static with copies compressed"
echo "   once by gzip -$gzip_level; modes: $modes"

rm -rf "$work" && mkdir -p "$work/nginx/www/plain" "$work/nginx/www/browser" "$work/nginx/tmp"
echo '| mode | row | app req/s | nginx req/s | ratio | app p99 ms |' > "$work/summary.md"
echo '| --- | --- | ---: | ---: | ---: | ---: |' >> "$work/summary.md"
build_began=$SECONDS
./mvnw -q -B package -DskipTests > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; missing "the build failed"; }
echo "== build: $((SECONDS - build_began)) s ($(git log -1 --format='%h %s' 2> /dev/null | cut -c1-80))"

# The consent POST's cost of recording (mode records): two applications at once, recording on and off, each warmed
# up until their JIT compilers are nearly done, then three interleaved runs of each (on, off, on, off...): at
# saturation (wrk -c16: throughput, the ratio on/off, processor time per POST and where it goes) and at a moderate load
# (wrk -c2: latency without the queueing of a saturated 2-core machine); the backlog (charte.records.backlog) sampled
# during the "on" runs and read after them; and afterwards the records written compared with the POSTs answered.
# Processor time (clock ticks, user + system) used so far by a process and its children that are still running
# (PostgreSQL: the postmaster and its backends).
cpu_ticks() {
  local pid total=0
  for pid in "$@" $(ps --ppid "$(tr ' ' ',' <<< "$*")" -o pid= 2> /dev/null); do
    total=$((total + $(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2> /dev/null || echo 0)))
  done
  echo "$total"
}
# The application's processor time so far, per kind of thread: "requests writer database jit other" (clock ticks):
# Tomcat's threads (the carriers of the requests' virtual threads, poller, acceptor: Linux keeps 15 characters of a
# thread's name); the record writer; H2's own threads (page serialization, the MVStore's background writer); the JIT
# compilers; the rest (the serial GC runs in the "VM Thread", Tomcat's poller...).
thread_ticks() {
  local task comm ticks requests=0 writer=0 database=0 jit=0 other=0
  for task in /proc/"$1"/task/*; do
    comm=$(cat "$task/comm" 2> /dev/null) || continue
    ticks=$(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "$task/stat" 2> /dev/null) || continue
    case "$comm" in
      http-nio-* | ForkJoinPool-*) requests=$((requests + ticks)) ;;
      consent-records*) writer=$((writer + ticks)) ;;
      H2-* | MVStore*) database=$((database + ticks)) ;;
      C1\ Compiler* | C2\ Compiler*) jit=$((jit + ticks)) ;;
      *) other=$((other + ticks)) ;;
    esac
  done
  echo "$requests $writer $database $jit $other"
}
per_post() { # ticks before, after: microseconds of processor time per POST answered (in $answered)
  awk -v a="$1" -v b="$2" -v n="$answered" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (b - a) * 1e6 / hz / n }'
}
# Thread kinds' ticks before and after (thread_ticks' output): "total requests writer database jit other" in
# microseconds per POST answered.
split_per_post() {
  awk -v n="$answered" -v hz="$(getconf CLK_TCK)" 'NR == 1 { for (i = 1; i <= 5; i++) a[i] = $i }
    NR == 2 { t = 0; for (i = 1; i <= 5; i++) { d[i] = ($i - a[i]) * 1e6 / hz / n; t += d[i] }
      printf "%.0f %.0f %.0f %.0f %.0f %.0f", t, d[1], d[2], d[3], d[4], d[5] }' <(echo "$1") <(echo "$2")
}
records_metric() { # url, series (with its labels, as Prometheus prints them): its value, or 0
  curl -fs "$1/actuator/prometheus" | awk -v s="$2" 'index($0, s " ") == 1 { v = $2 } END { printf "%.0f", v + 0 }'
}
jit_share() { # thread_ticks before, after: the JIT's share of the process's processor time between them, in percent
  awk 'NR == 1 { for (i = 1; i <= 5; i++) a[i] = $i } NR == 2 { t = 0; for (i = 1; i <= 5; i++) t += $i - a[i]
    printf "%.0f", (t > 0) ? ($4 - a[4]) * 100 / t : 0 }' <(echo "$1") <(echo "$2")
}
posts_answered() { # url: POST /cookies/consent answered (all statuses)
  curl -fs "$1/actuator/prometheus" \
    | awk '/^http_server_requests_seconds_count\{/ && /method="POST"/ && /uri="\/cookies\/consent"/ { n += $2 } END { printf "%.0f", n }'
}
start_records_app() { # name, recording (true|false), then VAR=value settings; sets records_url
  local name="$1" enabled="$2" port
  shift 2
  port=$(free_port)
  # The backlog and the answered posts are read from /actuator/prometheus, exposed here (not by default); start.sh then
  # works Spring's beans out at run time (a slower start, the same work per request).
  env APP_HOME="$work/app" SERVER_PORT="$port" JAVA_HOME="$runtime" JAVA_OPTS="$image_opts" \
    MALLOC_ARENA_MAX="$image_arenas" MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,prometheus \
    CHARTE_RECORDS_ENABLED="$enabled" CHARTE_RECORDS_FOLDER="$work/records-$name" "$@" \
    sh "$work/app/start.sh" > "$work/$name.log" 2>&1 &
  records_pids="$records_pids $!"
  records_pid=$!
  records_url="http://127.0.0.1:$port"
  for _ in $(seq 1 1200); do
    curl -fs -o /dev/null "$records_url/cookies" && return 0
    kill -0 "$!" 2> /dev/null || { tail -20 "$work/$name.log" >&2; missing "the application ($name) did not start"; }
    sleep 0.05
  done
  missing "the application ($name) did not answer within 60 s"
}
# Waits (10 s at most) until the "on" application's backlog is back to 0; sets drained to the seconds it took, or "no".
await_drained() {
  local begin=$SECONDS
  drained=no
  for _ in $(seq 1 100); do
    if [ "$(records_metric "$1" charte_records_backlog)" = 0 ]; then drained=$((SECONDS - begin)); return 0; fi
    sleep 0.1
  done
}
records_store() { # label, then the settings of the database
  local label="$1" on off run begin sampler off_sampler jit_on jit_off jit_growth most drained posts written on_pid off_pid db_pid
  local before after db_before split rps_on=() rps_off=() p99_on=() p99_off=() p50_on=() p50_off=() ratios=()
  local cpu_on=() cpu_off=() db_on=() req_on=() req_off=() writer_on=() h2_on=() jit_on_runs=() jit_off_runs=()
  local mod_p50_on=() mod_p99_on=() mod_p50_off=() mod_p99_off=() mod_ratio=() mod_rps_on=() mod_rps_off=() backlogs=()
  shift
  echo "== $label"
  start_records_app "$label-on" true "$@"; on=$records_url; on_pid=$records_pid
  start_records_app "$label-off" false "$@"; off=$records_url; off_pid=$records_pid
  db_pid=""
  [ -z "$pg_stop" ] || db_pid=$(head -1 "$pg_home/data/postmaster.pid")
  # Warm-up: alternating 5 s POST runs until the JIT compilers of each took less than 5 % of its processor time during
  # its last run: measured earlier, after 45 s the JIT still took 150 to 300 us per POST, more in "on" (it has H2's
  # code to compile too), which the figures counted as the cost of recording.
  begin=$SECONDS
  # Both applications' metrics are read every second from here on, as during the runs: the scrape's own code is then
  # compiled before the measurements, and it costs both the same.
  ( while true; do records_metric "$off" charte_records_backlog > /dev/null; sleep 1; done ) &
  off_sampler=$!
  ( while true; do records_metric "$on" charte_records_backlog; echo; sleep 1; done ) > "$work/backlog-$label-warm-up.txt" &
  sampler=$!
  while true; do
    before=$(thread_ticks "$on_pid")
    wrk -t1 -c16 -d5s -s scripts/benchmark-post.lua "$on/cookies/consent" > /dev/null
    jit_on=$(jit_share "$before" "$(thread_ticks "$on_pid")")
    before=$(thread_ticks "$off_pid")
    wrk -t1 -c16 -d5s -s scripts/benchmark-post.lua "$off/cookies/consent" > /dev/null
    jit_off=$(jit_share "$before" "$(thread_ticks "$off_pid")")
    jit_growth="$jit_on % on, $jit_off % off"
    if [ $((SECONDS - begin)) -ge "$warmup_min" ] && [ "$jit_on" -lt 5 ] && [ "$jit_off" -lt 5 ]; then
      echo "  warmed up for $((SECONDS - begin)) s (alternating 5 s POST runs; the JIT's share of the last ones: $jit_growth)"
      break
    fi
    if [ $((SECONDS - begin)) -ge "$warmup_cap" ]; then
      echo "  CAP REACHED: warmed up for $((SECONDS - begin)) s, the JIT still compiles ($jit_growth of the last runs)"
      break
    fi
  done
  kill "$sampler" 2> /dev/null; wait "$sampler" 2> /dev/null || true
  load_note "before the measurements"
  for run in $(seq 1 "$records_runs"); do
    # The backlog every second while the "on" application is under load.
    ( while true; do records_metric "$on" charte_records_backlog; echo; sleep 1; done ) > "$work/backlog-$label-$run.txt" &
    sampler=$!
    before=$(thread_ticks "$on_pid"); db_before=$( [ -z "$db_pid" ] || cpu_ticks "$db_pid")
    measure -s scripts/benchmark-post.lua "$on/cookies/consent"
    # The writer's last batch is the run's too: its processor time counts once the backlog is back to 0.
    await_drained "$on"
    kill "$sampler" 2> /dev/null; wait "$sampler" 2> /dev/null || true
    split=$(split_per_post "$before" "$(thread_ticks "$on_pid")")
    read -r total requests writer database jit _ <<< "$split"
    cpu_on+=("$total"); req_on+=("$requests"); writer_on+=("$writer"); h2_on+=("$database"); jit_on_runs+=("$jit")
    [ -z "$db_pid" ] || db_on+=("$(per_post "$db_before" "$(cpu_ticks "$db_pid")")")
    rps_on+=("$rps"); p50_on+=("$p50"); p99_on+=("$p99")
    most=$(sort -n "$work/backlog-$label-$run.txt" | tail -1); backlogs+=("${most:-0}")
    printf '  %-10s run %d  on  %5s req/s p50 %6s p99 %6s ms%s | CPU/POST %4s us: requests %s, writer %s, H2 %s, JIT %s%s | backlog at most %s, 0 after %s s\n' \
      "$label" "$run" "$rps" "$p50" "$p99" "$bad" "$total" "$requests" "$writer" "$database" "$jit" \
      "${db_pid:+ + PostgreSQL ${db_on[-1]:-}}" "${most:-0}" "$drained"
    before=$(thread_ticks "$off_pid")
    measure -s scripts/benchmark-post.lua "$off/cookies/consent"
    split=$(split_per_post "$before" "$(thread_ticks "$off_pid")")
    read -r total requests writer database jit _ <<< "$split"
    cpu_off+=("$total"); req_off+=("$requests"); jit_off_runs+=("$jit")
    rps_off+=("$rps"); p50_off+=("$p50"); p99_off+=("$p99"); ratios+=("$(ratio "${rps_on[-1]}" "$rps")")
    printf '  %-10s run %d  off %5s req/s p50 %6s p99 %6s ms%s | CPU/POST %4s us: requests %s, JIT %s | on/off %s\n' \
      "$label" "$run" "$rps" "$p50" "$p99" "$bad" "$total" "$requests" "$jit" "${ratios[-1]}"
    # A moderate load: 2 connections, well below saturation, so that p99 is the request's, not the queue's.
    measure_moderate -s scripts/benchmark-post.lua "$on/cookies/consent"
    mod_rps_on+=("$rps"); mod_p50_on+=("$p50"); mod_p99_on+=("$p99")
    await_drained "$on"
    measure_moderate -s scripts/benchmark-post.lua "$off/cookies/consent"
    mod_rps_off+=("$rps"); mod_p50_off+=("$p50"); mod_p99_off+=("$p99"); mod_ratio+=("$(ratio "${mod_rps_on[-1]}" "$rps")")
    printf '  %-10s run %d  moderate (wrk -c2): on %5s req/s p50 %5s p99 %5s ms | off %5s req/s p50 %5s p99 %5s ms\n' \
      "$label" "$run" "${mod_rps_on[-1]}" "${mod_p50_on[-1]}" "${mod_p99_on[-1]}" "$rps" "$p50" "$p99"
  done
  kill "$off_sampler" 2> /dev/null; wait "$off_sampler" 2> /dev/null || true
  # Written = answered, once the backlog is back to 0 (it should be within a second or two).
  await_drained "$on"
  posts=$(posts_answered "$on")
  written=$(records_metric "$on" charte_records_written_total)
  if [ "$drained" = no ]; then drained="NOT back to 0 within 10 s"; else drained="back to 0"; fi
  echo "  after the runs: backlog $drained; $written records written for $posts POSTs answered" \
    "($( [ "$written" = "$posts" ] && echo equal || echo DIFFERENT))"
  local m_ratio m_p99 m_mod_p99 cpu_ratio
  m_ratio=$(median "${ratios[@]}")
  m_p99=$(median "${p99_on[@]}")
  m_mod_p99=$(median "${mod_p99_on[@]}")
  cpu_ratio=$(ratio "$(median "${cpu_off[@]}")" "$(median "${cpu_on[@]}")")
  printf '  %-10s median at saturation (wrk -c16): on %s req/s (p50 %s, p99 %s ms), off %s req/s (p50 %s, p99 %s ms); on/off %s (target >= 0.7: %s)\n' \
    "$label" "$(median "${rps_on[@]}")" "$(median "${p50_on[@]}")" "$m_p99" "$(median "${rps_off[@]}")" \
    "$(median "${p50_off[@]}")" "$(median "${p99_off[@]}")" "$m_ratio" "$(at_least "$m_ratio" 0.7)"
  printf '  %-10s median at a moderate load (wrk -c2): on p50 %s, p99 %s ms (target <= 10 ms: %s); off p50 %s, p99 %s ms; on/off %s req/s\n' \
    "$label" "$(median "${mod_p50_on[@]}")" "$m_mod_p99" "$(at_most "$m_mod_p99" 10)" "$(median "${mod_p50_off[@]}")" \
    "$(median "${mod_p99_off[@]}")" "$(median "${mod_ratio[@]}")"
  printf '  %-10s median processor time per POST: on %s us (requests %s, writer %s, H2 %s, JIT %s%s), off %s us (requests %s, JIT %s): off/on %s\n' \
    "$label" "$(median "${cpu_on[@]}")" "$(median "${req_on[@]}")" "$(median "${writer_on[@]}")" "$(median "${h2_on[@]}")" \
    "$(median "${jit_on_runs[@]}")" "${db_pid:+, + PostgreSQL $(median "${db_on[@]}")}" "$(median "${cpu_off[@]}")" \
    "$(median "${req_off[@]}")" "$(median "${jit_off_runs[@]}")" "$cpu_ratio"
  printf '| %s | %s | %s | %s | %s / %s | %s / %s | %s us%s / %s us: %s | %s, %s | %s: %s / %s |\n' "$label" \
    "$(median "${rps_on[@]}")" "$(median "${rps_off[@]}")" "$m_ratio" "$m_p99" "$(median "${p99_off[@]}")" "$m_mod_p99" \
    "$(median "${mod_p99_off[@]}")" "$(median "${cpu_on[@]}")" "${db_pid:+ (+ PostgreSQL $(median "${db_on[@]}") us)}" \
    "$(median "${cpu_off[@]}")" "$cpu_ratio" "$(printf '%s\n' "${backlogs[@]}" | sort -n | tail -1)" "$drained" \
    "$( [ "$written" = "$posts" ] && echo equal || echo DIFFERENT)" "$written" "$posts" >> "$work/records.md"
  for pid in $records_pids; do stop "$pid"; done
  records_pids=""
}
# wrk at a moderate load: 2 connections (sets what measure sets).
measure_moderate() {
  local out
  out=$(wrk -t1 -c2 -d"${duration}s" --latency "$@")
  rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<< "$out")
  [ "${rps:-0}" -gt 0 ] || missing "wrk got no answers from ${*: -1}"
  p50=$(awk '$1 == "50%" { print $2 }' <<< "$out" | ms)
  p99=$(awk '$1 == "99%" { print $2 }' <<< "$out" | ms)
}
records_benchmark() {
  local pg_bin pg_port as_postgres=()
  echo "== consent POST, recording on and off, interleaved: at saturation wrk -t1 -c16 -d${duration}s, at a moderate load"
  echo "   wrk -t1 -c2 -d${duration}s (scripts/benchmark-post.lua: a browser's form); processor time per POST from"
  echo "   /proc/<pid>/task (Tomcat's threads: virtual threads' carriers, poller; the record writer, H2's threads, the JIT; the total adds GC and the rest);"
  echo "   the container's recipe: docker/start.sh (requests on virtual threads), its options $start_opts, JAVA_OPTS=\"$image_opts\", $("$runtime/bin/java" -version 2>&1 | head -1)"
  echo "   Absolute figures on a shared 2-core machine say little (the load average is printed with them); the ratios"
  echo "   on/off, measured in the same minute, say more."
  extract_like_the_image "$work/app"
  echo '| store | on req/s | off req/s | on/off | p99 ms on / off, saturation | p99 ms on / off, moderate | CPU per POST on / off: off/on | backlog: most, after | written = answered |' > "$work/records.md"
  echo '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |' >> "$work/records.md"
  case " $records_stores " in *" h2 "*) records_store h2 ;; esac

  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
  if [[ " $records_stores " != *" postgresql "* ]]; then
    :
  elif [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "== PostgreSQL: not installed (apt-get install -y postgresql), skipped"
  else
    pg_port=$(free_port)
    pg_home="$PWD/$work/postgresql"
    mkdir -p "$pg_home"
    if [ "$(id -u)" = 0 ]; then
      chown postgres:postgres "$pg_home"
      as_postgres=(runuser -u postgres --)
    fi
    "${as_postgres[@]}" "$pg_bin/initdb" --auth=trust --username=charte --encoding=UTF8 -D "$pg_home/data" > "$work/initdb.log" 2>&1 \
      || { tail -20 "$work/initdb.log" >&2; missing "initdb failed"; }
    # Durable commits (fsync on, as in production): each batch of records is one commit.
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_home/data" -l "$pg_home/server.log" -w -t 60 \
      -o "-p $pg_port -k $pg_home -c listen_addresses=127.0.0.1" start > /dev/null \
      || { tail -20 "$pg_home/server.log" >&2; missing "PostgreSQL did not start"; }
    pg_stop="${as_postgres[*]} $pg_bin/pg_ctl -D $pg_home/data -m fast -w stop"
    echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }'): a throw-away cluster on port $pg_port (both applications share it)"
    records_store postgresql SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
      SPRING_DATASOURCE_USERNAME=charte
    $pg_stop > /dev/null
    pg_stop=""
  fi
  echo
  echo "== summary (medians of $records_runs runs; targets: on/off >= 0.7 at saturation, p99 on <= 10 ms at a moderate load, a"
  echo "   backlog back to 0, records written = POSTs answered)"
  cat "$work/records.md"
  echo "== run time $((SECONDS - started_at)) s"
  load_note "at the end"
}
if [ "$modes" = records ]; then
  records_benchmark
  exit 0
fi

nginx_port=$(free_port)
nginx_url="http://127.0.0.1:$nginx_port"
cat > "$work/nginx/nginx.conf" << CONF
daemon off;
master_process off;
worker_processes 1;
error_log $PWD/$work/nginx/error.log warn;
pid $PWD/$work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  types { text/html html; }
  charset utf-8;
  gzip_static on;
  gzip_vary on;
  client_body_temp_path $PWD/$work/nginx/tmp/body;
  proxy_temp_path $PWD/$work/nginx/tmp/proxy;
  fastcgi_temp_path $PWD/$work/nginx/tmp/fastcgi;
  uwsgi_temp_path $PWD/$work/nginx/tmp/uwsgi;
  scgi_temp_path $PWD/$work/nginx/tmp/scgi;
  server { listen 127.0.0.1:$nginx_port; root $PWD/$work/nginx/www; location = /nothing { return 204; } }
}
CONF
"$NGINX" -p "$work/nginx" -c "$PWD/$work/nginx/nginx.conf" &
nginx_pid=$!

for mode in $modes; do
  if [ "$mode" = container ]; then
    version=$("$runtime/bin/java" -version 2>&1 | head -1)
  else
    version=$("$runtime/bin/java" -version 2>&1 | head -1)
  fi
  # The summary table's label: the mode and the Java version number.
  mode_label="$mode, Java $(cut -d'"' -f2 <<< "$version")"
  echo
  echo "#### mode: $mode ($version)"
  if [ "$mode" = container ]; then
    echo "   extracted layers, AOT cache from docker/train.sh, docker/start.sh ($(nproc) processors, requests on virtual threads),"
    echo "   start.sh's options $start_opts, JAVA_OPTS=\"$image_opts\", MALLOC_ARENA_MAX=$image_arenas"
    extract_like_the_image "$work/app"
    train_began=$SECONDS
    APP_HOME="$work/app" TRAIN_PORT=$(free_port) JAVA_HOME="$runtime" JAVA_OPTS="$image_opts" \
      MALLOC_ARENA_MAX="$image_arenas" "$work/app/train.sh" > "$work/train.log" 2>&1 \
      || { tail -20 "$work/train.log" >&2; missing "the training run failed"; }
    echo "== AOT cache: trained in $((SECONDS - train_began)) s, $(($(wc -c < "$work/app/app.aot") / 1048576)) MB"

    # The framework alone in the same recipe: the footprint's one-controller application, Spring AOT processed,
    # extracted, trained and started by the same scripts, with the same options.
    ONE_CONTROLLER_AOT=true one_controller_app "$work/reference"
    ./mvnw -q -B -f "$work/reference/pom.xml" package > "$work/reference-build.log" 2>&1 \
      || { tail -30 "$work/reference-build.log" >&2; missing "the one-controller application did not build"; }
    extract_like_the_image "$work/reference-app" "$work/reference/target/reference.jar"
    APP_HOME="$work/reference-app" TRAIN_PORT=$(free_port) JAVA_HOME="$runtime" JAVA_OPTS="$image_opts" \
      MALLOC_ARENA_MAX="$image_arenas" "$work/reference-app/train.sh" > "$work/reference-train.log" 2>&1 \
      || { tail -20 "$work/reference-train.log" >&2; missing "the one-controller application's training run failed"; }

    echo "== start: process start to first served GET /cookies (3 runs each, alternately, s; target <= 1.0 s)"
    starts=$(JAVA_HOME="$runtime" JAVA_OPTS="$image_opts" MALLOC_ARENA_MAX="$image_arenas" \
      python3 - "$work/app" "$work/reference-app" "$(free_port)" "$work/start-time.pid" << 'PY'
import os, signal, socket, subprocess, sys, time
apps, port, pid_file = sys.argv[1:3], int(sys.argv[3]), sys.argv[4]
times = {app: [] for app in apps}
for _ in range(3):
    for app in apps:
        env = dict(os.environ, SERVER_PORT=str(port), APP_HOME=app)
        started = time.monotonic()
        process = subprocess.Popen(["sh", app + "/start.sh"], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        with open(pid_file, "w") as f:
            f.write(str(process.pid))
        while True:
            if process.poll() is not None:
                sys.exit("the application in %s stopped before answering" % app)
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"GET /cookies HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    if s.recv(12).startswith(b"HTTP/1.1 200"):
                        times[app].append(time.monotonic() - started)
                        break
            except OSError:
                pass
            time.sleep(0.005)
        process.send_signal(signal.SIGTERM)
        process.wait()
os.remove(pid_file)
for app in apps:
    print(" ".join("%.2f" % t for t in times[app]))
PY
    )
    app_starts=$(sed -n 1p <<< "$starts")
    reference_starts=$(sed -n 2p <<< "$starts")
    # shellcheck disable=SC2086 # three numbers
    echo "  application             $app_starts (median $(median $app_starts): $(at_most "$(median $app_starts)" 1.0))"
    # shellcheck disable=SC2086 # three numbers
    echo "  one-controller, same recipe $reference_starts (median $(median $reference_starts));" \
      "application / one-controller $(ratio "$(median $app_starts)" "$(median $reference_starts)")"
    printf '| %s | start to first request, s | %s | - | - | - |\n' "$mode_label" "$app_starts" >> "$work/summary.md"
    printf '| %s | one-controller application, same recipe: start to first request, s | %s | - | - | - |\n' \
      "$mode_label" "$reference_starts" >> "$work/summary.md"
  else
    echo "   $runtime/bin/java, no JVM options, no AOT cache; requests on virtual threads"
  fi

  start_app "$mode"
  echo "== this run's instance answered after $started s"
  # nginx serves the very bytes the application sends (the same in both modes).
  echo "== copies for nginx (browser-like requests; the plain copies are the plain answers)"
  copy_page fr /cookies -H "$page_accept" -H "$french"
  copy_page en /cookies -H "$page_accept" -H "$english"
  copy_page decided /cookies -H "$page_accept" -H "$french" -H "$decided"
  copy_page banner "/cookies/banner?return=/datasets" -H "$fetch_accept" -H "$french"
  copy_plain fr /cookies
  copy_plain en /cookies -H "Accept-Language: en"
  copy_plain decided /cookies -H "$decided"
  copy_plain banner "/cookies/banner?return=/datasets"
  cp -r "$work/nginx/www" "$work/copies-$mode"
  if [ "$mode" = jar ] && [ -d "$work/copies-container" ]; then
    differing=$({ diff -rq "$work/copies-container" "$work/copies-jar" || true; } | wc -l)
    echo "  compared with the container mode's copies: $differing files differ (diff -r $work/copies-container $work/copies-jar)"
  fi
  for copy in plain/fr plain/en plain/decided plain/banner browser/fr; do
    curl -fs -o /dev/null "$nginx_url/$copy.html" || missing "nginx does not serve $copy.html (see $work/nginx/error.log)"
  done
  post=(-s -o /dev/null -w '%{http_code}' -H "Content-Type: application/x-www-form-urlencoded" -H "Sec-Fetch-Site: same-origin"
    --data "$post_body" "$app_url/cookies/consent")
  echo "  POST /cookies/consent answers $(curl "${post[@]}" -H "$page_accept") to a browser's form," \
    "$(curl "${post[@]}") without Accept"

  echo "== warm-up"
  warm_up
  load_note "before the measurements"

  echo "== throughput, browser-like (Accept-Encoding: gzip, deflate, br; Accept; Accept-Language fr-FR or en-US)"
  browser_fr=(-H "$gzip_header" -H "$page_accept" -H "$french")
  ROW_TARGET=0.7 row "browser /cookies fr" /browser/fr.html /cookies "browser utm_source=<n>" "/cookies?utm_source=" \
    "${browser_fr[@]}"
  ROW_TARGET=0.7 row "browser /cookies en" /browser/en.html /cookies "" "" -H "$gzip_header" -H "$page_accept" -H "$english"
  row "browser decided" /browser/decided.html /cookies "" "" "${browser_fr[@]}" -H "$decided"
  row "browser banner" /browser/banner.html "/cookies/banner?return=/datasets" "browser banner miss" \
    "/cookies/banner?return=/p" -H "$gzip_header" -H "$fetch_accept" -H "$french"
  echo "== throughput, plain (no Accept-Encoding; Accept-Language: en for en, nothing else)"
  row "plain /cookies fr" /plain/fr.html /cookies "" ""
  row "plain /cookies en" /plain/en.html /cookies "" "" -H "Accept-Language: en"
  row "plain decided" /plain/decided.html /cookies "" "" -H "$decided"
  # As an SSI subrequest asks, for each page of a platform: a new page path with every request.
  ROW_TARGET=0.7 row "plain banner" /plain/banner.html "/cookies/banner?return=/datasets" "plain banner <n> pages" \
    "/cookies/banner?return=/p"
  ROW_TARGET=0.7 row "plain banner decided" /nothing "/cookies/banner?return=/datasets" "plain 204 <n> pages" \
    "/cookies/banner?return=/p" -H "$decided"
  echo "== consent POST (form body, Sec-Fetch-Site: same-origin; no nginx equivalent)"
  alone "browser POST consent" -s scripts/benchmark-post.lua "${browser_fr[@]}" -H "Origin: $app_url" \
    "$app_url/cookies/consent"
  alone "plain POST consent" -s scripts/benchmark-post.lua "$app_url/cookies/consent"

  if [ "$mode" = container ]; then
    echo "== memory: RSS after the above and a 30 s load mix at 64 connections (target <= 150 MB)"
    wrk -t2 -c64 -d30s -s scripts/benchmark-mix.lua "$app_url" > /dev/null
    rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status")
    echo "  $rss MB: $(at_most "$rss" 150)"
    printf '| %s | RSS after load, MB | %s | - | - | - |\n' "$mode_label" "$rss" >> "$work/summary.md"

    echo "== weight, gzip -9 bytes (what the application sends, when it compresses, in the copies above)"
    page_css=$(grep -o '/css/cookie-banner-[0-9a-f]*\.css' "$work/nginx/www/plain/fr.html")
    page_js=$(grep -o '/js/cookie-banner-[0-9a-f]*\.js' "$work/nginx/www/plain/fr.html")
    for page in fr en; do
      printf '  %-34s %6d (raw %d)\n' "charter page $page" "$(gzip -9c < "$work/nginx/www/plain/$page.html" | wc -c)" \
        "$(wc -c < "$work/nginx/www/plain/$page.html")"
    done
    for asset in "$page_css" "$page_js"; do
      printf '  %-34s %6d (raw %d)\n' "${asset%-*}.${asset##*.}" "$(curl -fs "$app_url$asset" | gzip -9c | wc -c)" \
        "$(curl -fs "$app_url$asset" | wc -c)"
    done
  else
    echo "== memory (for information: default heap, no 30 s load): RSS $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$app_pid/status")"
  fi
  stop "$app_pid"
  app_pid=""
done

echo
echo "== summary (medians of 3 runs; ratio: app/nginx, or for the <n> and miss rows the uncached/cached app;"
echo "   each row's target is printed with its runs above; wrk -t1 -c16 -d${duration}s on $(nproc) shared"
echo "   processors, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo): absolute figures are this machine's only)"
cat "$work/summary.md"
echo "== run time $((SECONDS - started_at)) s"
load_note "at the end"
echo "== the consent POST's cost of recording (on/off, H2 and PostgreSQL) is measured apart: scripts/benchmark.sh records"
