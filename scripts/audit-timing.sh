#!/usr/bin/env bash
# Audit timing (prints figures; not a test): the audit command of the packaged jar against the fixture platform of the
# tests (src/test/java/org/chartecookies/audit/FixturePlatform.java: the site on 127.0.0.1, a third party on
# 127.0.0.2), N pages (default 20: the 11 seeded ones, then clean ones) in the 3 states, with the fixture's registry.
# Prints the wall time of the whole command (JVM start, Chromium start, scan, report) and the scan's own time (the
# report's started and finished).
#   scripts/audit-timing.sh [N]         AUDIT_CONCURRENCY: charte.audit.concurrency (default: the command's, 4)
#   Needs Debian's chromium, python3, and target/charte-cookies.jar (./mvnw package -DskipTests) and the test classes
#   (./mvnw test-compile), both built here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
pages_wanted="${1:-20}"
[ -f target/charte-cookies.jar ] || ./mvnw -q package -DskipTests
[ -f target/test-classes/org/chartecookies/audit/FixtureMain.class ] || ./mvnw -q test-compile
classpath_file=target/audit-timing.classpath
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" > /dev/null
report=target/audit-timing
rm -f target/audit-timing.pages
java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" org.chartecookies.audit.FixtureMain "$pages_wanted" \
  > target/audit-timing.pages &
fixture=$!
trap 'kill "$fixture" 2> /dev/null || true' EXIT
for _ in $(seq 100); do [ -s target/audit-timing.pages ] && break; sleep 0.1; done
pages=$(head -1 target/audit-timing.pages)
start=$(date +%s.%N)
set +e
java -jar target/charte-cookies.jar --charte.registry.location=src/test/resources/audit/fixture-registry.yaml \
  --charte.audit.pages="$pages" --charte.audit.report="$report" \
  ${AUDIT_CONCURRENCY:+--charte.audit.concurrency=$AUDIT_CONCURRENCY} > target/audit-timing.out
status=$?
set -e
end=$(date +%s.%N)
python3 - "$start" "$end" "$status" "$report/report.json" "$pages_wanted" <<'PY'
import json, sys
from datetime import datetime
start, end, status, path, wanted = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
report = json.load(open(path))
scan = (datetime.fromisoformat(report["finished"].replace("Z", "+00:00"))
        - datetime.fromisoformat(report["started"].replace("Z", "+00:00"))).total_seconds()
visits = sum(len(page["visits"]) for page in report["pages"])
failed = sum(1 for page in report["pages"] for visit in page["visits"] if visit["problem"])
print(f"{len(report['pages'])} pages x 3 states = {visits} visits ({failed} not audited), exit status {status}")
print(f"whole command: {end - start:.1f} s; scan (browser start to last visit): {scan:.1f} s")
PY
