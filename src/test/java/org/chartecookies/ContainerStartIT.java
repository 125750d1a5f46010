package org.chartecookies;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.util.FileSystemUtils;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's start recipe, outside a container (no Docker engine here): the packaged jar is extracted in layers
 * and the layers copied into one folder as the Dockerfile's COPY lines do, then docker/start.sh starts it with a
 * registry file from outside the jar, as an operator mounts one, and docker/healthcheck.sh tells when it is up.
 */
class ContainerStartIT {

	private static final Path WORK = Path.of("target", "container-it");

	private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	private Process application;

	@AfterEach
	void stop() {
		if (this.application != null && this.application.isAlive()) {
			this.application.destroyForcibly();
		}
	}

	@Test
	void startScriptServesTheMountedRegistryReportsHealthAndShutsDownGracefully() throws Exception {
		Path app = extractLikeTheDockerfile();
		int port = TestSocketUtils.findAvailableTcpPort();
		Path log = WORK.resolve("application.log");
		ProcessBuilder start = new ProcessBuilder("sh", "docker/start.sh").redirectErrorStream(true)
			.redirectOutput(log.toFile());
		start.environment()
			.putAll(Map.of("APP_HOME", app.toAbsolutePath().toString(), "SERVER_PORT", String.valueOf(port),
					"CHARTE_REGISTRY_LOCATION",
					new File("src/test/resources/registries/two-optional-categories.yaml").getAbsolutePath(),
					"CHARTE_RECORDS_FOLDER", WORK.resolve("records").toAbsolutePath().toString()));
		this.application = start.start();

		assertThat(waitUntilHealthy(port, null)).as("healthy within 60 s; log: " + log).isTrue();
		HttpResponse<String> charter = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/cookies")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(charter.statusCode()).isEqualTo(200);
		assertThat(charter.body()).contains("Les cookies sur Exemple", "VISITOR_INFO1_LIVE");

		this.application.destroy();
		assertThat(this.application.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
		assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("Graceful shutdown complete")
			.doesNotContain("ERROR");
	}

	/**
	 * As the Kubernetes manifests run it: health and metrics on a management port of their own, which the start script
	 * must honour although the jar's build-time bean definitions put health alone on the application's port.
	 */
	@Test
	void aManagementPortOfItsOwnTakesHealthAndMetricsOffTheVisitorsPort() throws Exception {
		Path app = extractLikeTheDockerfile();
		int port = TestSocketUtils.findAvailableTcpPort();
		int management = TestSocketUtils.findAvailableTcpPort();
		Path log = WORK.resolve("application.log");
		ProcessBuilder start = new ProcessBuilder("sh", "docker/start.sh").redirectErrorStream(true)
			.redirectOutput(log.toFile());
		start.environment()
			.putAll(Map.of("APP_HOME", app.toAbsolutePath().toString(), "SERVER_PORT", String.valueOf(port),
					"MANAGEMENT_SERVER_PORT", String.valueOf(management), "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE",
					"health,prometheus", "CHARTE_RECORDS_FOLDER", WORK.resolve("records").toAbsolutePath().toString()));
		this.application = start.start();

		assertThat(waitUntilHealthy(port, management)).as("healthy within 60 s; log: " + log).isTrue();
		HttpClient http = HttpClient.newHttpClient();
		for (String path : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus")) {
			assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + path)).build(),
					HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(200);
			assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString()).statusCode()).as(path + " on the visitors' port").isEqualTo(404);
		}
	}

	/**
	 * What the README's recipe runs ({@code docker run -i ... hash-password}): the image's entrypoint makes the hash of
	 * the password piped in, without starting the application, and options added with {@code JAVA_OPTS} keep the
	 * image's own (the collector and object layout the AOT cache was trained with), the later setting winning.
	 */
	@Test
	void theEntrypointHashesAPipedPasswordKeepingTheImagesJvmOptionsUnderJavaOpts() throws Exception {
		Path app = extractLikeTheDockerfile();
		ProcessBuilder start = new ProcessBuilder("sh", "docker/start.sh", "hash-password").redirectErrorStream(true);
		start.environment()
			.putAll(Map.of("APP_HOME", app.toAbsolutePath().toString(), "JAVA_OPTS",
					"-XX:+PrintCommandLineFlags -Xmx123m"));
		Process hashing = start.start();
		hashing.getOutputStream().write("correct horse\n".getBytes(StandardCharsets.UTF_8));
		hashing.getOutputStream().close();
		assertThat(hashing.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(hashing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(hashing.exitValue()).as(output).isZero();
		assertThat(output).contains("-XX:+UseParallelGC", "-XX:+UseCompactObjectHeaders",
				"-XX:MaxHeapSize=" + 123 * 1024 * 1024);
		String hash = output.lines().filter((line) -> line.startsWith("$2")).findFirst().orElseThrow();
		assertThat(new BCryptPasswordEncoder().matches("correct horse", hash)).as(hash).isTrue();
		assertThat(output).as("nothing started").doesNotContain("Started CharteCookiesApplication");
	}

	private static Path extractLikeTheDockerfile() throws IOException, InterruptedException {
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		Path layers = WORK.resolve("extracted");
		Process extract = new ProcessBuilder(javaCommand(), "-Djarmode=tools", "-jar", "target/charte-cookies.jar",
				"extract", "--layers", "--destination", layers.toString())
			.inheritIO()
			.start();
		assertThat(extract.waitFor()).as("jar extraction").isZero();
		Path app = WORK.resolve("app");
		for (String layer : LAYERS) {
			Path from = layers.resolve(layer);
			if (Files.isDirectory(from)) {
				copy(from, app);
			}
		}
		assertThat(app.resolve("charte-cookies.jar")).exists();
		return app;
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			files.forEach((file) -> {
				try {
					Path target = to.resolve(from.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(file, target);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	/** Polls the container's own health check, as Docker would; gives up after 60 s. */
	private boolean waitUntilHealthy(int port, @Nullable Integer management) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline) && this.application.isAlive()) {
			ProcessBuilder check = new ProcessBuilder("bash", "docker/healthcheck.sh").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			check.environment().put("SERVER_PORT", String.valueOf(port));
			if (management != null) {
				check.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(management));
			}
			if (check.start().waitFor() == 0) {
				return true;
			}
			this.application.waitFor(250, TimeUnit.MILLISECONDS);
		}
		return false;
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
