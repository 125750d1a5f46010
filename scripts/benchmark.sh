#!/usr/bin/env bash
# Benchmark (prints figures; not a test). In one run: build, start the application as the container does (extracted
# layers, docker/train.sh's AOT cache, docker/start.sh, the image's JVM settings), warm it up, and measure with wrk
# (-t1 -c16): the charter in French and in English, a page view with a decision, the banner fragment and the consent
# post; and Debian's nginx serving byte-identical copies of the two charter pages from disk. Prints req/s, p50/p99
# and the application/nginx ratio, time from process start to first served request, RSS after the load, and the gzip
# sizes of the page and the banner assets.
#   scripts/benchmark.sh        (needs wrk and nginx: apt-get install -y wrk nginx-light;
#                                BENCH_JAVA_HOME: the runtime's Java, Temurin 25 by default as in the image)
set -euo pipefail
cd "$(dirname "$0")/.."
runtime="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$runtime/bin/java" ] || { echo "no Java at $runtime (set BENCH_JAVA_HOME)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
NGINX="${NGINX:-/usr/sbin/nginx}"
[ -x "$NGINX" ] || { echo "nginx is needed: apt-get install -y nginx-light" >&2; exit 1; }
# The image's JVM settings (Dockerfile), heap sized as in a 256 MB container.
export JAVA_OPTS="-Xmx150m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xss256k -XX:ReservedCodeCacheSize=48m -XX:+UseCompactObjectHeaders"
export MALLOC_ARENA_MAX=2

. scripts/common.sh
work=target/benchmark
./mvnw -q -B package -DskipTests > /dev/null
rm -rf "$work" && mkdir -p "$work/nginx/www" "$work/nginx/tmp"
extract_like_the_image "$work/app"
# From here on, the runtime's Java (the build keeps the default one).
export JAVA_HOME="$runtime"
APP_HOME="$work/app" TRAIN_PORT=$(free_port) "$work/app/train.sh" > "$work/train.log" 2>&1

echo "== start: process start to first served GET /cookies (3 runs, s)"
starts=$(python3 - "$work/app" "$(free_port)" <<'PY'
import os, signal, socket, subprocess, sys, time
app, port = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(3):
    env = dict(os.environ, APP_HOME=app, SERVER_PORT=str(port))
    started = time.monotonic()
    process = subprocess.Popen(["sh", app + "/start.sh"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /cookies HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    times.append(time.monotonic() - started)
                    break
        except OSError:
            pass
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)
    process.wait()
print(" ".join("%.2f" % t for t in times))
PY
)
echo "  $starts"

port=$(free_port)
APP_HOME="$work/app" SERVER_PORT="$port" sh "$work/app/start.sh" > "$work/app.log" 2>&1 &
app=$!
nginx_pid=""
trap 'kill "$app" 2>/dev/null || true; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/cookies"; do sleep 0.1; done
url="http://127.0.0.1:$port"
decided="cookies_preferences=v=1&rev=1&at=$(date +%s)&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=statistics"

# nginx serves the very bytes the application sends.
curl -fs "$url/cookies" -o "$work/nginx/www/fr.html"
curl -fs -H "Accept-Language: en" "$url/cookies" -o "$work/nginx/www/en.html"
nginx_port=$(free_port)
cat > "$work/nginx/nginx.conf" <<CONF
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
  client_body_temp_path $PWD/$work/nginx/tmp/body;
  proxy_temp_path $PWD/$work/nginx/tmp/proxy;
  fastcgi_temp_path $PWD/$work/nginx/tmp/fastcgi;
  uwsgi_temp_path $PWD/$work/nginx/tmp/uwsgi;
  scgi_temp_path $PWD/$work/nginx/tmp/scgi;
  server { listen 127.0.0.1:$nginx_port; root $PWD/$work/nginx/www; }
}
CONF
"$NGINX" -p "$work/nginx" -c "$PWD/$work/nginx/nginx.conf" &
nginx_pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$nginx_port/fr.html"; do sleep 0.1; done

echo "== warm-up: 20 s of the load mix"
wrk -t2 -c64 -d20s -s scripts/load-mix.lua "$url" > /dev/null

ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } printf "%.2f", v }'; }
measure() { # name, then wrk arguments; prints a row and sets rps
  local name="$1"; shift
  local out; out=$(wrk -t1 -c16 -d10s --latency "$@")
  rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  local p50; p50=$(awk '$1 == "50%" { print $2 }' <<<"$out" | ms)
  local p99; p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | ms)
  local bad; bad=$(awk '/Non-2xx/ { print $5 }' <<<"$out")
  printf '  %-34s %9s %8s %8s %s\n' "$name" "$rps" "$p50" "$p99" "${bad:+($bad non-2xx/3xx)}"
}
echo "== throughput, wrk -t1 -c16 -d10s          req/s  p50 ms  p99 ms"
measure "nginx: charter fr (static copy)" "http://127.0.0.1:$nginx_port/fr.html"; nginx_fr=$rps
measure "nginx: charter en (static copy)" "http://127.0.0.1:$nginx_port/en.html"; nginx_en=$rps
measure "app: /cookies fr" "$url/cookies"; app_fr=$rps
measure "app: /cookies en" -H "Accept-Language: en" "$url/cookies"; app_en=$rps
measure "app: /cookies with a decision" -H "Cookie: $decided" "$url/cookies"
measure "app: /cookies/banner" "$url/cookies/banner?return=/datasets"
cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "decision=custom&category=statistics&return=/cookies"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
LUA
measure "app: POST /cookies/consent" -s "$work/post.lua" "$url/cookies/consent"
printf '  app/nginx: fr %.2f, en %.2f (target at least 0.5)\n' "$(echo "$app_fr / $nginx_fr" | bc -l)" "$(echo "$app_en / $nginx_en" | bc -l)"

echo "== memory: RSS after a 30 s load mix at 64 connections"
wrk -t2 -c64 -d30s -s scripts/load-mix.lua "$url" > /dev/null
echo "  $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$app/status") (target at most 150 MB)"

echo "== weight, gzip -9 bytes"
page_css=$(grep -o '/css/cookie-banner-[0-9a-f]*\.css' "$work/nginx/www/fr.html")
page_js=$(grep -o '/js/cookie-banner-[0-9a-f]*\.js' "$work/nginx/www/fr.html")
for item in "charter page fr:$work/nginx/www/fr.html" "charter page en:$work/nginx/www/en.html"; do
  printf '  %-34s %6d (raw %d)\n' "${item%%:*}" "$(gzip -9c < "${item#*:}" | wc -c)" "$(wc -c < "${item#*:}")"
done
for asset in "$page_css" "$page_js"; do
  printf '  %-34s %6d (raw %d)\n' "${asset%-*}.${asset##*.}" "$(curl -fs "$url$asset" | gzip -9c | wc -c)" "$(curl -fs "$url$asset" | wc -c)"
done
