#!/usr/bin/env bash
# This working tree against an earlier commit, side by side (prints figures; not a test): both jars are built here,
# started at once (java -jar, no options, a records folder each) and asked the same requests in turn, so that a change
# is measured in the same minute on the same processors rather than against figures of another day or machine:
#   - the banner for an undecided visitor, plain (as an SSI subrequest asks), and the 204 a decided one gets;
#   - /cookies in French, plain and gzip-compressed;
#   - a decided visitor's /cookies, plain (rendered for each request: it shows the visitor's consent id).
# Both are warmed up until steady (5 s rounds of every row, within 5 % of the previous round, 3 to 8 rounds), then
# three runs of each row, interleaved (earlier then this, this then earlier, earlier then this), wrk -t1 -c16 -d5s; prints every run, the medians, p99 and the
# ratio this/earlier (above 1: this tree answers more). About 8 minutes with the two builds.
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
import os, re, signal, socket, statistics, subprocess, sys, time, urllib.error, urllib.request

work, earlier = os.path.abspath(sys.argv[1]), sys.argv[2]

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def get(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as answer:
        return answer.status, answer.read()

class Keep(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None

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
    for _ in range(2400):
        if process.poll() is not None:
            sys.exit("the %s jar stopped before answering" % name)
        try:
            if get(url + "/cookies")[0] == 200:
                break
        except OSError:
            time.sleep(0.05)
    # A decided visitor's cookie, as this instance sets it.
    _, banner = get(url + "/cookies/banner?return=/datasets")
    revision = re.search(rb'name="revision" value="([^"]*)"', banner).group(1)
    consent = urllib.request.Request(url + "/cookies/consent", method="POST", headers={"Origin": url},
                                     data=b"return=/datasets&decision=reject-all&revision=" + revision)
    try:
        urllib.request.build_opener(Keep).open(consent)
    except urllib.error.HTTPError as answer:
        decided[name] = next(v.split(";")[0] for k, v in answer.headers.items() if k.lower() == "set-cookie"
                             and v.startswith("cookies_preferences="))
    status, body = get(url + "/cookies/banner?return=/datasets", {"Cookie": decided[name]})
    assert status == 204 and body == b"", "the %s jar: a decided visitor's banner is not a 204" % name

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
    command = ["wrk", "-t1", "-c16", "-d%ds" % seconds, "--latency"]
    for header in headers + (["Cookie: " + decided[name]] if with_decision else []):
        command += ["-H", header]
    out = subprocess.run(command + [apps[name][1] + path], capture_output=True, text=True, check=True).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        sys.exit("wrk: %s non-2xx/3xx answers from the %s jar, %s" % (bad.group(1), name, path))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), float(p99.group(1)) * scale

print("== warm-up of both jars (their JIT compilers), 5 s a row, until steady")
for name in ("earlier", "this"):
    previous, rounds = None, 0
    while True:
        rounds += 1
        now = [wrk(name, row, 5)[0] for row in rows]
        steady = previous is not None and all(abs(a - b) / b < 0.05 for a, b in zip(now, previous))
        if (steady and rounds >= 3) or rounds == 8:
            print("  %-8s %s after %d rounds (last round, req/s: %s)" % (name, "steady" if steady else "NOT STEADY",
                  rounds, ", ".join("%.0f" % v for v in now)))
            break
        previous = now

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
