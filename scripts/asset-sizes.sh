#!/usr/bin/env bash
# Prints the weight of the banner: its own CSS and JS as served (the script minified at build time; gzip -9 of them, and
# the bytes the running application really sends with Accept-Encoding: gzip), the embeds' CSS and JS (a file of their
# own, for the pages with embeds or Consent Mode), and the rendered banner fragment in French and English.
# Usage: scripts/asset-sizes.sh        (builds the jar if needed, starts it on a free port, stops it)
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/common.sh
[ -f target/charte-cookies.jar ] || ./mvnw -q -B package -DskipTests
port=$(free_port)
java -jar target/charte-cookies.jar --server.port="$port" > target/asset-sizes.log 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health" && break
  kill -0 "$app" 2>/dev/null || { cat target/asset-sizes.log; exit 1; }
  sleep 0.5
done

gz() { gzip -9c | wc -c; }
sent() { curl -fs -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$1"; }

page=$(curl -fs "http://127.0.0.1:$port/cookies")
css_url=$(grep -o '/css/cookie-banner-[0-9a-f]*\.css' <<<"$page")
js_url=$(grep -o '/js/cookie-banner-[0-9a-f]*\.js' <<<"$page")

printf '%-34s %8s %10s %12s\n' "asset (as served)" "raw" "gzip -9" "sent (gzip)"
total=0
sent_total=0
for url in "$css_url" "$js_url"; do
  served=$(curl -fs "http://127.0.0.1:$port$url")
  size=$(printf '%s' "$served" | gz)
  on_wire=$(sent "$url")
  total=$((total + size))
  sent_total=$((sent_total + on_wire))
  printf '%-34s %8d %10d %12d\n' "$url" "$(printf '%s' "$served" | wc -c)" "$size" "$on_wire"
done
printf '%-34s %8s %10d %12d   (limit 3072)\n' "banner CSS + JS" "" "$total" "$sent_total"
# The embeds' files, by their plain names (the pages that load them link them by content-hashed ones, same bytes).
embeds=0
embeds_sent=0
for url in /css/cookie-embeds.css /js/cookie-embeds.js; do
  served=$(curl -fs "http://127.0.0.1:$port$url")
  size=$(printf '%s' "$served" | gz)
  on_wire=$(sent "$url")
  embeds=$((embeds + size))
  embeds_sent=$((embeds_sent + on_wire))
  printf '%-34s %8d %10d %12d\n' "$url" "$(printf '%s' "$served" | wc -c)" "$size" "$on_wire"
done
printf '%-34s %8s %10d %12d   (only pages with embeds or Consent Mode)\n' "embeds CSS + JS" "" "$embeds" "$embeds_sent"
for lang in fr en; do
  fragment=$(curl -fs "http://127.0.0.1:$port/cookies/banner?lang=$lang")
  printf '%-34s %8d %10d\n' "rendered fragment ($lang)" "$(printf '%s' "$fragment" | wc -c)" "$(printf '%s' "$fragment" | gz)"
done
