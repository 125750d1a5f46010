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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.chartecookies.consent.ConsentIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.FileSystemUtils;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records folder as operators run the packaged jar on it: one instance per folder (a second one stops before it
 * serves anyone, and says why), and a verification that reads the records and changes nothing, not even the decisions
 * waiting in the folder's file.
 */
class RecordsFolderIT {

	private static final Path WORK = Path.of("target", "records-folder-it");

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() {
		this.processes.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
	}

	@Test
	void aSecondInstanceOnTheSameFolderRefusesToStartAndTheFirstGoesOnRecording() throws Exception {
		Path folder = freshFolder("shared");
		int port = TestSocketUtils.findAvailableTcpPort();
		Process first = start(folder, WORK.resolve("first.log"), "--server.port=" + port);
		assertThat(waitUntilReady(first, port)).as("first instance ready; log: " + WORK.resolve("first.log")).isTrue();

		Path secondLog = WORK.resolve("second.log");
		Process second = start(folder, secondLog, "--server.port=" + TestSocketUtils.findAvailableTcpPort());
		assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second instance stops").isTrue();

		assertThat(second.exitValue()).isNotZero();
		assertThat(Files.readString(secondLog, StandardCharsets.UTF_8)).contains("APPLICATION FAILED TO START",
				"The records folder " + folder.toAbsolutePath().normalize() + " is in use by another running instance",
				"CHARTE_RECORDS_FOLDER")
			.doesNotContain("Tomcat started", "Database may be already in use");
		assertThat(folder.resolve(EmbeddedDatabaseDefault.FILE_NAME + ".trace.db")).as("H2's error trace").doesNotExist();
		HttpResponse<Void> decision = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/cookies/consent"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("decision=reject-all"))
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(decision.statusCode()).isEqualTo(303);
		first.destroy();
		assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("first instance stopped on SIGTERM").isTrue();
		assertThat(records(folder)).isEqualTo(1);
		assertThat(folder.resolve("pending-records.txt")).doesNotExist();
	}

	@Test
	void verifyingChangesNothingAndCountsTheDecisionsWaitingInTheFile() throws Exception {
		Path folder = freshFolder("verify");
		Records.migrate(new SimpleDriverDataSource(new org.h2.Driver(), url(folder), "sa", ""));
		Path pending = folder.resolve("pending-records.txt");
		// Two decisions the default registry's site could have had (one optional category, statistics), a minute ago.
		WaitingLines lines = Records.lines(java.time.Clock.systemUTC());
		Instant decided = Instant.now().minusSeconds(60);
		Files.writeString(pending, lines.encode(new PendingRecord(ConsentIds.newId(decided), decided, 1, "accept-all",
				Map.of("statistics", true), false, "fr", "/cookies", "cookies")) + "\n"
				+ lines.encode(new PendingRecord(ConsentIds.newId(decided), decided, 1, "reject-all",
						Map.of("statistics", false), false, "fr", "/cookies", "cookies")) + "\n",
				StandardCharsets.UTF_8);
		byte[] before = Files.readAllBytes(pending);
		Path log = WORK.resolve("verify.log");

		Process verify = start(folder, log, "--spring.main.web-application-type=none", "--charte.records.verify");
		assertThat(verify.waitFor(120, TimeUnit.SECONDS)).as("the verification ends").isTrue();

		assertThat(verify.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
		assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains(
				"Consent records verified: 0 records in 0 chains",
				"Decisions waiting in the records folder (its file, or the journal a crash left), not yet in the"
						+ " database: 2");
		// A verification is no web application: nothing about the back office or requests answered.
		assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("Back office", "Requests answered");
		assertThat(Files.readAllBytes(pending)).isEqualTo(before);
		assertThat(records(folder)).isZero();
	}

	@Test
	void verifyingAFolderWithoutDatabaseSaysSoAndMakesNone() throws Exception {
		Path folder = freshFolder("mistyped");
		Path log = WORK.resolve("mistyped.log");

		Process verify = start(folder, log, "--spring.main.web-application-type=none", "--charte.records.verify");
		assertThat(verify.waitFor(120, TimeUnit.SECONDS)).as("the verification ends").isTrue();

		assertThat(verify.exitValue()).isEqualTo(1);
		assertThat(Files.readString(log, StandardCharsets.UTF_8))
			.contains("Consent records NOT verified: the database cannot be read");
		assertThat(folder.resolve(EmbeddedDatabaseDefault.FILE_NAME + ".mv.db")).doesNotExist();
	}

	private Process start(Path folder, Path log, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", "target/charte-cookies.jar", "--spring.main.banner-mode=off",
				"--charte.records.folder=" + folder.toAbsolutePath()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

	/** Whether the process answers its readiness within two minutes (false once it ends, or past them). */
	static boolean waitUntilReady(Process process, int port) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline) && process.isAlive()) {
			try {
				if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return true;
				}
			}
			catch (IOException notYet) {
				// Not listening yet.
			}
			process.waitFor(250, TimeUnit.MILLISECONDS);
		}
		return false;
	}

	/** The records in the folder's embedded database, read once no instance holds it. */
	private static long records(Path folder) {
		return JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(), url(folder) + ";IFEXISTS=TRUE", "sa", ""))
			.sql("SELECT COUNT(*) FROM consent_record")
			.query(Long.class)
			.single();
	}

	private static String url(Path folder) {
		return "jdbc:h2:file:" + folder.toAbsolutePath().resolve(EmbeddedDatabaseDefault.FILE_NAME);
	}

	private static Path freshFolder(String name) throws IOException {
		Path folder = WORK.resolve(name);
		FileSystemUtils.deleteRecursively(folder);
		Files.createDirectories(folder);
		return folder;
	}

}
