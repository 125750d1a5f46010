#!/usr/bin/env bash
# Footprint (prints figures; not a test): the application against a one-controller Spring Boot application (webmvc +
# thymeleaf, one page, one template) of the same Spring Boot version, built here and started in the same run, both
# with java -jar on the same JDK 25 and no JVM options, as the README runs the jar:
#   - process start to the first served page: 5 runs of each, interleaved (app, reference, app...);
#   - RSS after 30 s of load at 16 connections (the application: the benchmark's request mix, consent posts included;
#     the reference: its page).
# Prints every run, the medians and the ratios app/reference (targets: <= 1.5 each). About 3 minutes.
#   scripts/benchmark.sh footprint    (needs wrk, curl, python3 and a JDK 25, found as ./mvnw finds one)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
command -v wrk > /dev/null || { echo "benchmark: wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ "$(java_feature "$(command -v java)")" -ge 25 ] 2> /dev/null || { echo "benchmark: no Java 25 found" >&2; exit 1; }

work=target/benchmark-footprint
rm -rf "$work" && mkdir -p "$work"
one_controller_app "$work/reference"

echo "== build: the application and the reference (Spring Boot $boot, $(java -version 2>&1 | head -1))"
./mvnw -q -B package -DskipTests > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
./mvnw -q -B -f "$work/reference/pom.xml" package > "$work/reference-build.log" 2>&1 \
  || { tail -30 "$work/reference-build.log" >&2; exit 1; }
echo "   load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors (figures are noisier above $(nproc))"

python3 - "$work" << 'PY'
import os, signal, socket, statistics, subprocess, sys, time

work = sys.argv[1]
jars = {"app": "target/charte-cookies.jar", "reference": work + "/reference/target/reference.jar"}

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def start(name):
    port = free_port()
    env = dict(os.environ, SERVER_PORT=str(port), CHARTE_RECORDS_FOLDER=work + "/data-" + str(port))
    for variable in ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"):
        env.pop(variable, None)
    began = time.monotonic()
    process = subprocess.Popen(["java", "-jar", jars[name]], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while True:
        if process.poll() is not None:
            sys.exit(name + " stopped before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /cookies HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    return process, port, time.monotonic() - began
        except OSError:
            pass
        time.sleep(0.005)

def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

starts = {"app": [], "reference": []}
print("== process start to the first served GET /cookies, s (5 runs each, interleaved)")
for run in range(5):
    for name in ("app", "reference"):
        process, _, took = start(name)
        stop(process)
        starts[name].append(took)
    print("  run %d  app %.2f  reference %.2f" % (run + 1, starts["app"][-1], starts["reference"][-1]))

rss = {}
print("== RSS after 30 s of load at 16 connections, MB")
for name in ("app", "reference"):
    process, port, _ = start(name)
    url = "http://127.0.0.1:%d" % port
    load = ["wrk", "-t1", "-c16", "-d30s"] + (["-s", "scripts/benchmark-mix.lua"] if name == "app" else []) + \
        [url + ("" if name == "app" else "/cookies")]
    subprocess.run(load, stdout=subprocess.DEVNULL, check=True)
    with open("/proc/%d/status" % process.pid) as status:
        rss[name] = next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
    stop(process)
    print("  %-9s %.0f" % (name, rss[name]))

start_ratio = statistics.median(starts["app"]) / statistics.median(starts["reference"])
rss_ratio = rss["app"] / rss["reference"]
print("== footprint, app / reference (java -jar, no options; absolute figures are this machine's)")
print("  start to first page: %.2f s / %.2f s = %.2f (target <= 1.5: %s)" % (statistics.median(starts["app"]),
      statistics.median(starts["reference"]), start_ratio, "met" if start_ratio <= 1.5 else "NOT MET"))
print("  RSS after load:      %.0f MB / %.0f MB = %.2f (target <= 1.5: %s)" % (rss["app"], rss["reference"], rss_ratio,
      "met" if rss_ratio <= 1.5 else "NOT MET"))
PY
