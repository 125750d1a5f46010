#!/usr/bin/env bash
# The back office's CSV export streams: N consent records (300,000 by default, about 100 MB of CSV) exported through
# /admin/export by an instance whose heap is limited to 64 MB. Rows that were gathered in memory first would not fit.
# Prints the time, the size and the line count of the download. Needs target/charte-cookies.jar (./mvnw package
# -DskipTests), curl, and a free port 18181. The records are made with H2's own shell in a throw-away folder (they do
# not chain: the export does not care).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
records=${1:-300000}
jar=target/charte-cookies.jar
port=18181
folder=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$folder"' EXIT
# The bcrypt hash of "export" (htpasswd -bnBC 10 "" export).
hash='$2y$10$V3DGtAao4/9yh2U5in1JJ.W4ttLXpG7IxJPS31GANKUvEGF5gatj6'

start() {
  java "$@" -jar "$jar" --server.port=$port --charte.records.folder="$folder" \
    --charte.admin.accounts[0].name=export --charte.admin.accounts[0].password-hash="$hash" >"$folder/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://localhost:$port/actuator/health" && return 0
    sleep 1
  done
  echo "the application did not start:" >&2; cat "$folder/app.log" >&2; exit 1
}

# 1. The schema, made by the application's migrations.
start
kill "$pid"; wait "$pid" || true

# 2. The records, with H2's shell (the database is the application's file; one process at a time opens it).
unzip -p "$jar" 'BOOT-INF/lib/h2-*.jar' >"$folder/h2.jar"
java -cp "$folder/h2.jar" org.h2.tools.Shell -url "jdbc:h2:file:$folder/consent-records" -user sa -password '' -sql "
INSERT INTO record_writer VALUES ('w-export', CURRENT_TIMESTAMP, $records, REPEAT('1', 64), 0, REPEAT('0', 64), NULL);
INSERT INTO consent_record SELECT 'w-export', X, LPAD(CAST(X AS VARCHAR), 22, 'A'),
  DATEADD(SECOND, X, TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00'), 1, 'custom',
  'statistics=accepted,video=refused', FALSE, 'fr', '/datasets/some-page', REPEAT('0', 64), REPEAT('1', 64)
  FROM SYSTEM_RANGE(1, $records);" >/dev/null

# 3. The export, from an instance with a 64 MB heap.
start -Xmx64m
jar_cookies="$folder/cookies"
token=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "http://localhost:$port/admin/login" | grep -o 'name="_csrf" value="[^"]*' | sed 's/.*value="//')
curl -s -c "$jar_cookies" -b "$jar_cookies" -o /dev/null -d "username=export&password=export&_csrf=$token" "http://localhost:$port/admin/login"
result=$(curl -s -b "$jar_cookies" -o "$folder/export.csv" -w '%{http_code} %{time_total} %{size_download}' \
  "http://localhost:$port/admin/export?from=2026-11-01&to=2027-12-31")
read -r status seconds bytes <<<"$result"
lines=$(wc -l <"$folder/export.csv")
echo "export of $records records with -Xmx64m: HTTP $status, ${seconds} s, $((bytes / 1024 / 1024)) MB, $lines lines (header included)"
grep -q OutOfMemoryError "$folder/app.log" && { echo "OutOfMemoryError in the log" >&2; exit 1; }
[ "$status" = 200 ] && [ "$lines" -eq $((records + 1)) ]
