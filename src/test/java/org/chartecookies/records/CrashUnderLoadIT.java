package org.chartecookies.records;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's promise, on the packaged jar and on both stores (the embedded H2 database, PostgreSQL): a
 * {@code kill -9} at any moment under a load of consent posts loses no decision that was answered.
 * <p>
 * Each round starts the jar on the same records folder (and database), has {@value #CLIENTS} clients post decisions
 * as fast as they are answered, and kills the process outright (SIGKILL) while they still post: every consent id of a
 * complete {@code 200} answer is a promise made; a request the kill cut short is none. The kill comes at one of two
 * moments, in turn ({@link Moment}): in the steady load, a random while after the round's first answer (the clients
 * post from the moment the jar is ready); or just after the start has written the decisions of the last crash's
 * journal to the database and let the file that held them go, when the database holds the only copy (the embedded
 * one keeps its last commits in memory for up to half a second) and the clients post from that moment. After the
 * last round the jar starts once more (the journal's lines go to the database), is stopped cleanly, and the database
 * is read directly: every answered id is in {@code consent_record}, once, and the verification
 * ({@code --charte.records.verify}) finds the chains intact. The jar's logs stay in {@code target/crash-under-load-it};
 * {@code -Dcrash.seed=} replays a run's kill delays, {@code -Dcrash.rounds=} changes the number of rounds.
 */
class CrashUnderLoadIT {

	private static final Path WORK = Path.of("target", "crash-under-load-it");

	private static final int ROUNDS = Integer.getInteger("crash.rounds", 6);

	private static final int CLIENTS = 8;

	/** In the steady load, the kill comes this long after the round's first answer, at random. */
	private static final int MIN_DELAY_MS = 300;

	private static final int MAX_DELAY_MS = 1500;

	/**
	 * After the recovery, the kill comes at most this long after the last crash's decisions are written: the embedded
	 * database writes its commits to its file in the background, within 50 ms of a commit when it wrote none for
	 * half a second ({@code WRITE_DELAY}), and the kill must be able to come before.
	 */
	private static final int MAX_RECOVERY_DELAY_MS = 50;

	private static final Pattern CONSENT_ID = Pattern.compile("\"consentId\":\"([A-Za-z0-9_-]{22})\"");

	private static final List<String> DECISIONS = List.of("decision=accept-all", "decision=reject-all",
			"decision=custom&category=statistics");

	/** What Java reports for a process that a SIGKILL ended (128 + 9). */
	private static final int KILLED = 137;

	private final List<Process> processes = new ArrayList<>();

	private PostgresCluster cluster;

	@AfterEach
	void stop() throws InterruptedException {
		for (Process process : this.processes) {
			if (process.isAlive()) {
				process.destroyForcibly();
				process.waitFor(30, TimeUnit.SECONDS);
			}
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void embeddedH2LosesNoAnsweredDecisionWhenKilledUnderLoad() throws Exception {
		Path work = fresh(WORK.resolve("h2"));
		Path folder = Files.createDirectories(work.resolve("records"));
		String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve(EmbeddedDatabaseDefault.FILE_NAME)
				+ ";IFEXISTS=TRUE";
		prove(new Store("h2", work, folder, List.of(),
				() -> new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "")));
	}

	@Test
	void postgresqlLosesNoAnsweredDecisionWhenKilledUnderLoad() throws Exception {
		this.cluster = PostgresCluster.start();
		Path work = fresh(WORK.resolve("postgresql"));
		Path folder = Files.createDirectories(work.resolve("records"));
		String url = this.cluster.jdbcUrl();
		prove(new Store("postgresql", work, folder,
				List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresCluster.USER,
						"--spring.datasource.password="),
				() -> new SimpleDriverDataSource(new org.postgresql.Driver(), url, PostgresCluster.USER, "")));
	}

	private void prove(Store store) throws Exception {
		long seed = Long.getLong("crash.seed", System.nanoTime());
		Random random = new Random(seed);
		long began = System.nanoTime();
		say(store, "%d rounds of %d clients, kill -9 in turn %d to %d ms after the first answer (under load) and 0 to %d"
				+ " ms after the last crash's journal is written (after recovery); seed %d (-Dcrash.seed=%d replays these"
				+ " delays); logs in %s", ROUNDS, CLIENTS, MIN_DELAY_MS, MAX_DELAY_MS, MAX_RECOVERY_DELAY_MS, seed, seed,
				store.work().toAbsolutePath());

		Map<String, Integer> answered = new HashMap<>();
		for (int round = 1; round <= ROUNDS; round++) {
			Moment moment = (round % 2 == 1) ? Moment.UNDER_LOAD : Moment.AFTER_RECOVERY;
			int delay = (moment == Moment.UNDER_LOAD) ? MIN_DELAY_MS + random.nextInt(MAX_DELAY_MS - MIN_DELAY_MS + 1)
					: random.nextInt(MAX_RECOVERY_DELAY_MS + 1);
			Set<String> promised = crash(store, round, moment, delay);
			if (moment == Moment.UNDER_LOAD) {
				assertThat(promised).as("round %d answered decisions (a round with none proves nothing)", round)
					.isNotEmpty();
			}
			for (String id : promised) {
				answered.put(id, round);
			}
		}

		// The next start takes the journal's lines and writes those not yet in the database; a clean stop after that.
		int port = TestSocketUtils.findAvailableTcpPort();
		Path log = store.work().resolve("after-the-crashes.log");
		Process last = start(store, log, "--server.port=" + port);
		assertThat(RecordsFolderIT.waitUntilReady(last, port)).as("started after the crashes; log: %s", log).isTrue();
		String backlog = waitForGauge(last, port, "charte_records_backlog");
		last.destroy();
		assertThat(last.waitFor(90, TimeUnit.SECONDS)).as("stopped on SIGTERM; log: %s", log).isTrue();
		say(store, "after the crashes: started, backlog %s, stopped by SIGTERM (exit status %d); left in the folder: %s",
				backlog, last.exitValue(), folderContents(store.folder()));

		List<String> ids = JdbcClient.create(store.database().get())
			.sql("SELECT consent_id FROM consent_record")
			.query(String.class)
			.list();
		Set<String> recorded = new HashSet<>(ids);
		Set<String> missing = new TreeSet<>(answered.keySet());
		missing.removeAll(recorded);
		List<String> twice = ids.stream()
			.collect(Collectors.groupingBy((id) -> id, Collectors.counting()))
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map((entry) -> entry.getKey() + " x" + entry.getValue())
			.toList();

		Path verifyLog = store.work().resolve("verify.log");
		Process verify = start(store, verifyLog, "--spring.main.web-application-type=none", "--charte.records.verify");
		assertThat(verify.waitFor(120, TimeUnit.SECONDS)).as("the verification ends; log: %s", verifyLog).isTrue();
		String verification = Files.readString(verifyLog, StandardCharsets.UTF_8);

		say(store, "TOTAL: %d rounds, %d decisions answered, %d records in the database (%d answered by the application"
				+ " but cut off from the client by the kill), %d answered and missing, %d ids twice; verification exit"
				+ " status %d (%s); %d s in all", ROUNDS, answered.size(), ids.size(),
				recorded.stream().filter((id) -> !answered.containsKey(id)).count(), missing.size(), twice.size(),
				verify.exitValue(), verdict(verification), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
		if (!missing.isEmpty()) {
			say(store, "MISSING, by the round they were answered in: %s; %s", missing.stream()
				.collect(Collectors.groupingBy(answered::get, TreeMap::new, Collectors.counting())), missing);
		}

		assertThat(missing).as("answered decisions missing from the database (of %d answered); logs in %s",
				answered.size(), store.work())
			.isEmpty();
		assertThat(twice).as("consent ids recorded more than once").isEmpty();
		assertThat(verify.exitValue()).as("the verification's exit status:\n%s", verification).isZero();
		assertThat(verification).contains("Consent records verified: " + ids.size() + " records");
	}

	/**
	 * One round: the jar starts, the clients post, the process is killed outright {@code delay} ms after the moment.
	 *
	 * @return the consent ids answered {@code 200}
	 */
	private Set<String> crash(Store store, int round, Moment moment, int delay) throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		Path log = store.work().resolve("round-" + round + ".log");
		Process app = start(store, log, "--server.port=" + port);
		assertThat(RecordsFolderIT.waitUntilReady(app, port)).as("round %d: ready; log: %s", round, log).isTrue();
		if (moment == Moment.AFTER_RECOVERY) {
			// The last crash's journal went to the file of waiting decisions at start; they are written once it is empty.
			// The clients start then: the writer takes the file between batches only, after a lull of decisions.
			assertThat(waitForGauge(app, port, "charte_records_spilled"))
				.as("round %d: the decisions of the last crash written; log: %s", round, log)
				.isEqualTo("0.0");
		}

		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		Set<String> answered = ConcurrentHashMap.newKeySet();
		CountDownLatch firstAnswer = new CountDownLatch(1);
		AtomicBoolean killing = new AtomicBoolean();
		AtomicInteger cutByTheKill = new AtomicInteger();
		AtomicInteger failedBeforeTheKill = new AtomicInteger();
		AtomicInteger otherAnswers = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			clients.execute(() -> {
				for (int n = client; !killing.get(); n++) {
					HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/cookies/consent"))
						.timeout(Duration.ofSeconds(30))
						.header("Accept", "application/json")
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(DECISIONS.get(n % DECISIONS.size()) + "&return=/round-"
								+ round + "/" + (n % 20)))
						.build();
					try {
						HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
						Matcher id = CONSENT_ID.matcher(answer.body());
						if (answer.statusCode() == 200 && id.find()) {
							answered.add(id.group(1));
							firstAnswer.countDown();
						}
						else {
							otherAnswers.incrementAndGet();
						}
					}
					catch (IOException ex) {
						(killing.get() ? cutByTheKill : failedBeforeTheKill).incrementAndGet();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			});
		}
		try {
			if (moment == Moment.UNDER_LOAD) {
				assertThat(firstAnswer.await(60, TimeUnit.SECONDS)).as("round %d: a first answer; log: %s", round, log)
					.isTrue();
			}
			// The experiment: a random while after the moment (returns early only if the process ended on its own).
			app.waitFor(delay, TimeUnit.MILLISECONDS);
			assertThat(app.isAlive()).as("round %d: still running at the kill; log: %s", round, log).isTrue();
			int beforeTheKill = answered.size();
			killing.set(true);
			Instant killedAt = Instant.now();
			app.destroyForcibly();
			assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("round %d: killed", round).isTrue();
			assertThat(app.exitValue()).as("round %d: ended by SIGKILL", round).isEqualTo(KILLED);
			clients.shutdown();
			assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("round %d: clients done", round).isTrue();
			say(store, "round %d: %d answered (%d before the kill signal), kill -9 at %s, %d ms after %s; %d requests"
					+ " cut by the kill, %d failed before it, %d other answers; left in the folder: %s", round,
					answered.size(), beforeTheKill, killedAt, delay, moment.description, cutByTheKill.get(),
					failedBeforeTheKill.get(), otherAnswers.get(), folderContents(store.folder()));
			return answered;
		}
		finally {
			killing.set(true);
			clients.shutdownNow();
		}
	}

	private Process start(Store store, Path log, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", "target/charte-cookies.jar", "--spring.main.banner-mode=off",
				"--charte.records.folder=" + store.folder().toAbsolutePath(),
				// The records' gauges tell the moments (README "Metrics": an operator exposes them).
				"--management.endpoints.web.exposure.include=health,prometheus"));
		command.addAll(store.arguments());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

	/**
	 * Until a gauge of the records reads zero, within a deadline ({@code charte_records_backlog}: nothing waits in
	 * memory or in the file; {@code charte_records_spilled}: nothing in the file), polled about as often as it answers,
	 * so that the moment is not missed by more than a few milliseconds.
	 *
	 * @return the last value read ({@code 0.0} once it is zero)
	 */
	private static String waitForGauge(Process process, int port, String gauge) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Pattern line = Pattern.compile("(?m)^" + gauge + "(?:\\{[^}]*})? (\\S+)$");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		String last = "unknown";
		while (Instant.now().isBefore(deadline) && process.isAlive()) {
			HttpResponse<String> scrape = http.send(metrics, HttpResponse.BodyHandlers.ofString());
			if (scrape.statusCode() != 200) {
				return "no metrics (HTTP " + scrape.statusCode() + ")";
			}
			Matcher value = line.matcher(scrape.body());
			if (value.find()) {
				last = value.group(1);
				if (Double.parseDouble(last) == 0) {
					return "0.0";
				}
			}
			process.waitFor(2, TimeUnit.MILLISECONDS);
		}
		return last;
	}

	/** The files of the records folder but the database's, with their sizes: what a crash left. */
	private static String folderContents(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> !file.getFileName().toString().startsWith(EmbeddedDatabaseDefault.FILE_NAME))
				.sorted()
				.map((file) -> {
					try {
						return file.getFileName() + " (" + Files.size(file) + " B)";
					}
					catch (IOException ex) {
						return file.getFileName() + " (gone)";
					}
				})
				.collect(Collectors.joining(", "));
		}
	}

	private static String verdict(String verification) {
		return verification.lines()
			.filter((line) -> line.contains("Consent records verified") || line.contains("Consent records NOT verified"))
			.findFirst()
			.orElse("no verdict in the log")
			.trim();
	}

	private static void say(Store store, String format, Object... arguments) {
		System.out.println("[CrashUnderLoadIT " + store.name() + "] " + String.format(format, arguments));
	}

	private static Path fresh(Path folder) throws IOException {
		FileSystemUtils.deleteRecursively(folder);
		return Files.createDirectories(folder);
	}

	/** When a round's kill comes. */
	private enum Moment {

		/** A random while after the round's first answer, the clients posting. */
		UNDER_LOAD("the first answer"),

		/** As soon as the start has written the last crash's decisions to the database, the clients posting from then. */
		AFTER_RECOVERY("the last crash's journal was written");

		private final String description;

		Moment(String description) {
			this.description = description;
		}

	}

	/** A store under test: its name, where its logs go, its records folder, what the jar is given, how to read it. */
	private record Store(String name, Path work, Path folder, List<String> arguments, Supplier<DataSource> database) {
	}

}
