#!/usr/bin/env bash
# This working tree against an earlier commit, side by side (prints figures; not a test): both jars are built here,
# started at once (java -jar, no options, a records folder each) and asked the same requests in turn, so that a change
# is measured in the same minute on the same processors rather than against figures of another day or machine:
#   - the banner for an undecided visitor, plain (as an SSI subrequest asks), and the 204 a decided one gets;
#   - /cookies in French, plain and gzip-compressed;
#   - a decided visitor's /cookies, plain (rendered for each request: it shows the visitor's consent id).
# Both are warmed up until steady (5 s rounds of every row, within 5 % of the previous round, 3 to 8 rounds), then
# three runs of each row, interleaved (earlier then this, this then earlier, earlier then this), wrk -t1 -c16 -d5s;
# prints every run, the medians, p99 and the ratio this/earlier (above 1: this tree answers more). About 8 minutes
# with the two builds.
#   scripts/benchmark.sh compare COMMIT    (needs wrk, curl, python3, git and a JDK 25, found as ./mvnw finds one)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
command -v wrk > /dev/null || { echo "benchmark: wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ "$(java_feature "$(command -v java)")" -ge 25 ] 2> /dev/null || { echo "benchmark: no Java 25 found" >&2; exit 1; }
[ -n "${1:-}" ] || { echo "usage: scripts/benchmark.sh compare COMMIT (the commit to measure this tree against)" >&2; exit 2; }
earlier=$(git rev-parse --short --verify "$1^{commit}") || { echo "benchmark: no commit $1" >&2; exit 2; }

work=target/benchmark-compare
rm -rf "$work" && mkdir -p "$work"
git worktree prune
echo "== build: this tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with changes')) and $earlier"
./mvnw -q -B package -DskipTests > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
cp target/charte-cookies.jar "$work/this.jar"
git worktree add -q --detach "$work/earlier" "$earlier"
trap 'git worktree remove --force "$work/earlier" 2> /dev/null || true' EXIT
(cd "$work/earlier" && ./mvnw -q -B package -DskipTests) > "$work/earlier-build.log" 2>&1 \
  || { tail -30 "$work/earlier-build.log" >&2; exit 1; }
cp "$work/earlier/target/charte-cookies.jar" "$work/earlier.jar"
echo "   load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors (figures are noisier above $(nproc))"

python3 - "$work" "$earlier" << 'PY'
import os, signal, statistics, subprocess, sys
sys.path.insert(0, "scripts")
from benchmark_http import decided_cookie, free_port, wait_for_charter, warm_up, wrk as run_wrk

work, earlier = os.path.abspath(sys.argv[1]), sys.argv[2]

env = {k: v for k, v in os.environ.items() if k not in ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")}
apps = {}
for name in ("earlier", "this"):
    port = free_port()
    process = subprocess.Popen(["java", "-jar", work + "/" + name + ".jar"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL,
                               env=dict(env, SERVER_PORT=str(port), CHARTE_RECORDS_FOLDER=work + "/data-" + name))
    apps[name] = (process, "http://127.0.0.1:%d" % port)
decided = {}
for name, (process, url) in apps.items():
    wait_for_charter(process, url, "the %s jar" % name)
    decided[name] = decided_cookie(url)

gzip = "Accept-Encoding: gzip"
# label, path, headers (the decided visitor's cookie added where named)
rows = [
    ("plain banner", "/cookies/banner?return=/datasets", [], False),
    ("plain banner decided (204)", "/cookies/banner?return=/datasets", [], True),
    ("plain /cookies fr", "/cookies", [], False),
    ("gzip /cookies fr", "/cookies", [gzip], False),
    ("plain /cookies decided", "/cookies", [], True),
]

def wrk(name, row, seconds):
    _, path, headers, with_decision = row
    return run_wrk(apps[name][1] + path, headers + (["Cookie: " + decided[name]] if with_decision else []), seconds)

print("== warm-up of both jars (their JIT compilers), 5 s a row, until steady")
for name in ("earlier", "this"):
    warm_up(name, lambda: [wrk(name, row, 5)[0] for row in rows])

print("== requests per second and p99, wrk -t1 -c16 -d5s, three runs interleaved (earlier %s and this tree, each"
      " first in turn)" % earlier)
results = {}
for row in rows:
    for run in range(3):
        # Who goes first alternates: the second of a pair may find the processors warmer or busier.
        for name in (("earlier", "this") if run % 2 == 0 else ("this", "earlier")):
            results.setdefault((row[0], name), []).append(wrk(name, row, 5))
        print("  %-28s run %d  earlier %7.0f req/s p99 %6.2f ms | this %7.0f req/s p99 %6.2f ms" % ((row[0], run + 1)
              + results[(row[0], "earlier")][-1] + results[(row[0], "this")][-1]))
print("== medians (absolute figures are this machine's; the ratio is measured in the same minute)")
print("| row | earlier %s req/s | this req/s | this/earlier | earlier p99 ms | this p99 ms |" % earlier)
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for row in rows:
    e, t = ([statistics.median(r[i] for r in results[(row[0], name)]) for i in (0, 1)] for name in ("earlier", "this"))
    print("| %s | %.0f | %.0f | %.2f | %.2f | %.2f |" % (row[0], e[0], t[0], t[0] / e[0], e[1], t[1]))
for process, _ in apps.values():
    process.send_signal(signal.SIGTERM)
    process.wait(30)
PY
echo "   load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
