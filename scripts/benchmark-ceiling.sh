#!/usr/bin/env bash
# The hot path against what the framework alone reaches (prints figures; not a test). In the same run, on the same
# processors: nginx (1 worker, sendfile, gzip_static), a one-controller Spring Boot application of the same Boot
# version (webmvc, requests on virtual threads as the application's, answering fixed bytes from memory: no template,
# no cache, no filter of its own), and the application (java -jar, no options). Each answers the same bytes:
#   - the banner for an undecided visitor, plain (as an SSI subrequest asks);
#   - the 204 a decided visitor gets (nginx: return 204);
#   - /cookies in French, plain, and gzip-compressed (nginx and the framework: a copy compressed once by gzip -9).
# Three runs of each, interleaved (nginx, framework, application), wrk -t1 -c16 -d5s; prints every run, the medians,
# and the ratios application/nginx, framework/nginx and application/framework. About 10 minutes with the build.
#   scripts/benchmark.sh ceiling    (needs wrk, nginx-light, curl, python3 and a JDK 25, found as ./mvnw finds one)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
NGINX="${NGINX:-/usr/sbin/nginx}"
command -v wrk > /dev/null || { echo "benchmark: wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -x "$NGINX" ] || { echo "benchmark: nginx is needed at $NGINX: apt-get install -y nginx-light" >&2; exit 1; }
[ "$(java_feature "$(command -v java)")" -ge 25 ] 2> /dev/null || { echo "benchmark: no Java 25 found" >&2; exit 1; }

work=target/benchmark-ceiling
rm -rf "$work" && mkdir -p "$work/framework/src/main/java/framework" "$work/www/cookies" "$work/nginx"
one_controller_pom "$work/framework" framework spring-boot-starter-webmvc
cat > "$work/framework/src/main/java/framework/FrameworkApplication.java" << 'JAVA'
package framework;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class FrameworkApplication {

	private final byte[] banner;

	private final byte[] page;

	private final byte[] gzipped;

	FrameworkApplication() throws IOException {
		Path www = Path.of(System.getProperty("www"));
		this.banner = Files.readAllBytes(www.resolve("cookies/banner"));
		this.page = Files.readAllBytes(www.resolve("cookies/fr"));
		this.gzipped = Files.readAllBytes(www.resolve("cookies/fr.gz"));
	}

	@GetMapping("/nothing")
	ResponseEntity<Void> nothing() {
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/cookies/banner")
	ResponseEntity<byte[]> banner() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(this.banner);
	}

	@GetMapping("/cookies/fr")
	ResponseEntity<byte[]> page() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(this.page);
	}

	@GetMapping("/cookies/fr.gz")
	ResponseEntity<byte[]> gzipped() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Content-Encoding", "gzip").body(this.gzipped);
	}

	public static void main(String[] args) {
		SpringApplication.run(FrameworkApplication.class, args);
	}

}
JAVA
echo "== build: the application and the framework alone (Spring Boot $boot, $(java -version 2>&1 | head -1))"
./mvnw -q -B package -DskipTests > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
./mvnw -q -B -f "$work/framework/pom.xml" package > "$work/framework-build.log" 2>&1 \
  || { tail -30 "$work/framework-build.log" >&2; exit 1; }
echo "   load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors (figures are noisier above $(nproc))"

python3 - "$work" "$NGINX" << 'PY'
import os, signal, socket, statistics, subprocess, sys, time
sys.path.insert(0, "scripts")
from benchmark_http import decided_cookie, free_port, get, wait_for_charter, warm_up, wrk as run_wrk

work, nginx = os.path.abspath(sys.argv[1]), sys.argv[2]
www = work + "/www"

def started(command, port, env=None):
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(1200):
        if process.poll() is not None:
            sys.exit(" ".join(command) + " stopped before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.05)
    sys.exit(" ".join(command) + " did not answer")

env = {k: v for k, v in os.environ.items() if k not in ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")}
app_port = free_port()
app = started(["java", "-jar", "target/charte-cookies.jar"],
              app_port, dict(env, SERVER_PORT=str(app_port), CHARTE_RECORDS_FOLDER=work + "/data"))
app_url = "http://127.0.0.1:%d" % app_port
wait_for_charter(app, app_url, "the application")

# The same bytes for all three: the application's answers, saved as nginx's and the framework's copies.
_, banner = get(app_url + "/cookies/banner?return=/datasets")
_, page = get(app_url + "/cookies")
open(www + "/cookies/banner", "wb").write(banner)
open(www + "/cookies/fr", "wb").write(page)
subprocess.run(["gzip", "-k", "-9", www + "/cookies/fr"], check=True)
decided = decided_cookie(app_url)

nginx_port = free_port()
conf = work + "/nginx/nginx.conf"
open(conf, "w").write("""daemon off; master_process off; worker_processes 1;
error_log %(n)s/error.log warn; pid %(n)s/nginx.pid;
events { worker_connections 1024; }
http { access_log off; sendfile on; default_type text/html; charset utf-8; gzip_static on;
  client_body_temp_path %(n)s/body; proxy_temp_path %(n)s/proxy; fastcgi_temp_path %(n)s/fastcgi;
  uwsgi_temp_path %(n)s/uwsgi; scgi_temp_path %(n)s/scgi;
  server { listen 127.0.0.1:%(p)d; root %(w)s; location = /nothing { return 204; } } }
""" % {"n": work + "/nginx", "p": nginx_port, "w": www})
nginx_process = started([nginx, "-p", work + "/nginx", "-c", conf], nginx_port)
framework_port = free_port()
framework = started(["java", "-Dwww=" + www, "-jar", work + "/framework/target/framework.jar",
                     "--server.port=%d" % framework_port, "--spring.threads.virtual.enabled=true"], framework_port, env)

servers = {"nginx": "http://127.0.0.1:%d" % nginx_port, "framework": "http://127.0.0.1:%d" % framework_port,
           "app": app_url}
gzip = "Accept-Encoding: gzip"
# label, then per server: path and headers
rows = [
    ("plain banner", {"nginx": ("/cookies/banner", []), "framework": ("/cookies/banner", []),
                      "app": ("/cookies/banner?return=/datasets", [])}),
    ("plain banner decided (204)", {"nginx": ("/nothing", []), "framework": ("/nothing", []),
                                    "app": ("/cookies/banner?return=/datasets", ["Cookie: " + decided])}),
    ("plain /cookies fr", {"nginx": ("/cookies/fr", []), "framework": ("/cookies/fr", []), "app": ("/cookies", [])}),
    ("gzip /cookies fr", {"nginx": ("/cookies/fr", [gzip]), "framework": ("/cookies/fr.gz", []),
                          "app": ("/cookies", [gzip])}),
]

def wrk(url, headers, seconds):
    return run_wrk(url, headers, seconds)[0]

print("== warm-up of the application and the framework (their JIT compilers), 5 s a row, until steady")
for name in ("app", "framework"):
    warm_up(name, lambda: [wrk(servers[name] + paths[name][0], paths[name][1], 5) for _, paths in rows])

print("== requests per second, wrk -t1 -c16 -d5s, three runs interleaved (nginx, framework, app)")
results = {}
for label, paths in rows:
    for run in range(3):
        for name in ("nginx", "framework", "app"):
            results.setdefault((label, name), []).append(wrk(servers[name] + paths[name][0], paths[name][1], 5))
        print("  %-28s run %d  nginx %7.0f  framework %7.0f  app %7.0f" % ((label, run + 1) +
              tuple(results[(label, name)][-1] for name in ("nginx", "framework", "app"))))
print("== medians and ratios (absolute figures are this machine's; the ratios are measured in the same minute)")
print("| row | nginx | framework alone | app | framework/nginx | app/nginx | app/framework |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for label, _ in rows:
    n, f, a = (statistics.median(results[(label, name)]) for name in ("nginx", "framework", "app"))
    print("| %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f |" % (label, n, f, a, f / n, a / n, a / f))
for process in (app, framework, nginx_process):
    process.send_signal(signal.SIGTERM)
    process.wait(30)
PY
echo "   load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
