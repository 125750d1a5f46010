package org.chartecookies.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A headless Chromium of its own for one audit: a throw-away profile folder, DevTools on a port the browser picks
 * (read from the line it writes on standard error), closed and its folder removed at the end. Each visit then gets a
 * fresh browser context of it (cookies and storage of its own), which costs far less than a process per visit.
 */
final class ChromiumProcess implements AutoCloseable {

	/** The names Chromium goes by on the PATH (Debian's first). */
	private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
			"google-chrome-stable");

	private static final String LISTENING = "DevTools listening on ";

	private final Process process;

	private final Path profile;

	private final DevToolsConnection devTools;

	private ChromiumProcess(Process process, Path profile, DevToolsConnection devTools) {
		this.process = process;
		this.profile = profile;
		this.devTools = devTools;
	}

	/**
	 * The browser to run: the one configured ({@code charte.audit.chromium}) or the first of Chromium's names on the
	 * PATH; empty when there is none.
	 */
	static Optional<Path> find(@Nullable String configured, @Nullable String pathVariable) {
		if (configured != null && !configured.isBlank()) {
			Path given = Path.of(configured.strip());
			return Files.isExecutable(given) && !Files.isDirectory(given) ? Optional.of(given) : Optional.empty();
		}
		if (pathVariable == null) {
			return Optional.empty();
		}
		for (String name : NAMES) {
			for (String folder : pathVariable.split(java.io.File.pathSeparator)) {
				if (!folder.isEmpty()) {
					Path candidate = Path.of(folder, name);
					if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
						return Optional.of(candidate);
					}
				}
			}
		}
		return Optional.empty();
	}

	/** Starts the browser and connects to it, within {@code timeout}. */
	static ChromiumProcess start(Path binary, List<String> extraArguments, Duration timeout) throws AuditException {
		Path profile;
		try {
			profile = Files.createTempDirectory("charte-audit-");
			// Each visit's browser context is off the record, where Chromium blocks third-party cookies by default;
			// a visitor's ordinary profile takes them, and the audit must see what such a visitor gets.
			Files.writeString(Files.createDirectories(profile.resolve("Default")).resolve("Preferences"),
					"{\"profile\":{\"cookie_controls_mode\":0}}");
		}
		catch (IOException ex) {
			throw new AuditException("no temporary folder for the browser's profile: " + ex.getMessage());
		}
		List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox",
				"--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
				"--disable-quic", "--mute-audio", "--remote-debugging-port=0", "--remote-allow-origins=*",
				// Cross-site frames in the page's own process: their requests reach the page's DevTools session.
				"--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process",
				"--user-data-dir=" + profile, "about:blank"));
		command.addAll(1, extraArguments);
		Process process;
		try {
			process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		}
		catch (IOException ex) {
			delete(profile);
			throw new AuditException("could not start the browser " + binary + ": " + ex.getMessage());
		}
		CompletableFuture<URI> endpoint = new CompletableFuture<>();
		Thread.ofVirtual().name("chromium-stderr").start(() -> readErrors(process, endpoint));
		try {
			URI address = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return new ChromiumProcess(process, profile, DevToolsConnection.open(address, timeout));
		}
		catch (ExecutionException | TimeoutException | AuditException ex) {
			stop(process);
			delete(profile);
			throw new AuditException("the browser " + binary + " did not start within " + timeout.toSeconds() + " s"
					+ ((ex instanceof ExecutionException) ? ": " + ex.getCause().getMessage() : "")
					+ received(extraArguments));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop(process);
			delete(profile);
			throw new AuditException("interrupted while starting the browser");
		}
	}

	/**
	 * What the browser received of {@code charte.audit.browser-arguments}, each argument quoted: a browser that does
	 * not start may say so in words about something else (Spring Boot splits a value at its commas, and Chromium took
	 * the second half of {@code --host-resolver-rules=MAP a 127.0.0.1, MAP b 127.0.0.2} for a page to open).
	 */
	static String received(List<String> extraArguments) {
		if (extraArguments.isEmpty()) {
			return "";
		}
		return "; it was given, from charte.audit.browser-arguments, " + extraArguments.size()
				+ ((extraArguments.size() == 1) ? " argument: " : " arguments: ")
				+ extraArguments.stream().map((argument) -> "'" + argument + "'").collect(java.util.stream.Collectors.joining(" "))
				+ ((extraArguments.size() > 1) ? " (a value holding commas is split at them: give it as "
						+ "--charte.audit.browser-arguments[0]=...)" : "");
	}

	/** Reads the browser's standard error to its end (a full pipe would stall it), noting the DevTools address. */
	private static void readErrors(Process process, CompletableFuture<URI> endpoint) {
		StringBuilder last = new StringBuilder();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (!endpoint.isDone() && line.startsWith(LISTENING)) {
					endpoint.complete(URI.create(line.substring(LISTENING.length()).strip()));
				}
				else if (!endpoint.isDone()) {
					last.setLength(0);
					last.append(line);
				}
			}
		}
		catch (IOException ex) {
			// The process is gone: said below.
		}
		endpoint.completeExceptionally(new IllegalStateException(
				"it exited" + (last.isEmpty() ? "" : ", saying: " + last.toString().strip())));
	}

	DevToolsConnection devTools() {
		return this.devTools;
	}

	@Override
	public void close() {
		try {
			this.devTools.call(null, "Browser.close", java.util.Map.of(), Duration.ofSeconds(2));
		}
		catch (AuditException ex) {
			// Stopped below either way.
		}
		this.devTools.close();
		stop(this.process);
		delete(this.profile);
	}

	private static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private static void delete(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// A profile left in the temporary folder is harmless.
		}
	}

}
