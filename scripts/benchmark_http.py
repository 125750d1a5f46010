"""The HTTP side of the benchmarks' Python parts (scripts/benchmark-ceiling.sh, scripts/benchmark-compare.sh)."""
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as answer:
        return answer.status, answer.read()


def wait_for_charter(process, url, name):
    """Waits until the application started as process serves its charter at url (two minutes at most)."""
    for _ in range(2400):
        if process.poll() is not None:
            sys.exit("%s stopped before answering" % name)
        try:
            if get(url + "/cookies")[0] == 200:
                return
        except OSError:
            time.sleep(0.05)
    sys.exit("%s did not answer" % name)


class _Keep(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def decided_cookie(url):
    """A decided visitor's cookies_preferences, as the application at url sets it after its banner's "reject all"."""
    _, banner = get(url + "/cookies/banner?return=/datasets")
    revision = re.search(rb'name="revision" value="([^"]*)"', banner).group(1)
    consent = urllib.request.Request(url + "/cookies/consent", method="POST", headers={"Origin": url},
                                     data=b"return=/datasets&decision=reject-all&revision=" + revision)
    decided = None
    try:
        urllib.request.build_opener(_Keep).open(consent)
    except urllib.error.HTTPError as answer:
        decided = next(v.split(";")[0] for k, v in answer.headers.items() if k.lower() == "set-cookie"
                       and v.startswith("cookies_preferences="))
    status, body = get(url + "/cookies/banner?return=/datasets", {"Cookie": decided or ""})
    assert status == 204 and body == b"", "%s: a decided visitor's banner is not a 204" % url
    return decided


def wrk(url, headers, seconds):
    """wrk -t1 -c16 for seconds: requests per second and p99 in ms; stops at any answer that is not 2xx or 3xx."""
    command = ["wrk", "-t1", "-c16", "-d%ds" % seconds, "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        sys.exit("wrk: %s non-2xx/3xx answers from %s" % (bad.group(1), url))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), float(p99.group(1)) * scale


def warm_up(name, one_round):
    """Rounds of one_round() (a list of req/s, one per row) until a round is within 5 % of the previous one, after 3
    rounds at least and 8 at most (a plain java -jar keeps compiling for a minute or more); says how it ended."""
    previous, rounds = None, 0
    while True:
        rounds += 1
        now = one_round()
        steady = previous is not None and all(abs(a - b) / b < 0.05 for a, b in zip(now, previous))
        if (steady and rounds >= 3) or rounds == 8:
            print("  %-9s %s after %d rounds (last round, req/s: %s)" % (name, "steady" if steady else "NOT STEADY",
                  rounds, ", ".join("%.0f" % v for v in now)))
            return
        previous = now
