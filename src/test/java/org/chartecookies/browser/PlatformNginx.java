package org.chartecookies.browser;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import org.springframework.test.util.TestSocketUtils;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's platform for real: Debian's nginx with the configuration the documentation gives
 * (docs/nginx-example.conf), pointed at a test's application, serving static pages of its own from a folder of the
 * test's. The pages that include the banner with SSI use the include line that file documents.
 */
final class PlatformNginx implements AutoCloseable {

	private static final File NGINX = new File(System.getProperty("nginx.binary", "/usr/sbin/nginx"));

	private static final Path EXAMPLE = Path.of("docs/nginx-example.conf");

	private final Path work;

	private final int port;

	private final Process process;

	private PlatformNginx(Path work, int port, Process process) {
		this.work = work;
		this.port = port;
		this.process = process;
	}

	/** Skips the test without nginx, or fails it where nginx is required. */
	static void require() {
		if (!NGINX.canExecute()) {
			String message = "The embedding test needs " + NGINX + " (apt-get install -y nginx-light)";
			if (Boolean.getBoolean("browser.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message + ": skipped");
		}
	}

	/** nginx with the documented configuration, its pages under {@code target/<name>/www}, in front of the port. */
	static PlatformNginx start(String name, int appPort) throws IOException, InterruptedException {
		Path work = Path.of("target", name).toAbsolutePath();
		FileSystemUtils.deleteRecursively(work);
		Files.createDirectories(work.resolve("tmp"));
		Files.createDirectories(work.resolve("www/platform"));
		int port = TestSocketUtils.findAvailableTcpPort();
		String site = Files.readString(EXAMPLE, StandardCharsets.UTF_8)
			.replace("listen 80;", "listen 127.0.0.1:" + port + ";")
			.replace("server_name www.example.org;", "server_name localhost;")
			.replace("root /var/www/platform;", "root " + work.resolve("www") + ";")
			.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + appPort);
		String temp = work.resolve("tmp").toString();
		Files.writeString(work.resolve("nginx.conf"), """
				daemon off;
				master_process off;
				worker_processes 1;
				error_log %1$s/error.log warn;
				pid %1$s/nginx.pid;
				events { worker_connections 64; }
				http {
				  access_log off;
				  types { text/html html; text/css css; application/javascript js; }
				  client_body_temp_path %2$s/body;
				  proxy_temp_path %2$s/proxy;
				  fastcgi_temp_path %2$s/fastcgi;
				  uwsgi_temp_path %2$s/uwsgi;
				  scgi_temp_path %2$s/scgi;
				%3$s
				}
				""".formatted(work, temp, site), StandardCharsets.UTF_8);
		Process process = new ProcessBuilder(NGINX.getPath(), "-p", work.toString(), "-c",
				work.resolve("nginx.conf").toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("nginx.out").toFile())
			.start();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (!listening(port)) {
			assertThat(process.isAlive()).as("nginx running; see " + work.resolve("nginx.out")).isTrue();
			assertThat(Instant.now()).as("nginx listening within 20 s").isBefore(deadline);
			process.waitFor(100, TimeUnit.MILLISECONDS);
		}
		return new PlatformNginx(work, port, process);
	}

	/** The SSI include a platform page puts right after {@code <body>}, as docs/nginx-example.conf gives it. */
	static String ssiInclude() throws IOException {
		Matcher include = Pattern.compile("<!--# include virtual=\"[^\"]*\" -->")
			.matcher(Files.readString(EXAMPLE, StandardCharsets.UTF_8));
		assertThat(include.find()).as("an SSI include in " + EXAMPLE).isTrue();
		return include.group();
	}

	int port() {
		return this.port;
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	Path folder() {
		return this.work.resolve("www");
	}

	/** A page of the platform at {@code /platform/<name>}: its head's end, then its body's content. */
	void page(String name, String head) throws IOException {
		page(name, head, "<main><h1>A page of the platform</h1></main>");
	}

	void page(String name, String head, String body) throws IOException {
		Path file = folder().resolve("platform").resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, """
				<!DOCTYPE html>
				<html lang="fr">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Plateforme</title>
				%s
				%s
				</body>
				</html>
				""".formatted(head, body), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.process.destroy();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
