package org.chartecookies.records;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application on a real PostgreSQL that stops in the middle of a load of consent posts and starts again: every
 * post is still answered, the health endpoint says the records wait, and once the database is back the records in it
 * are exactly the decisions answered, in chains that verify. The health requests during the outage leave no trace in
 * the log: anyone may ask for the health, and each request logging a stack trace would let them fill the disk.
 */
// Closed after the class, so that its connection pool does not outlive its database (and log into other tests).
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "charte.records.retry-interval=200ms", "spring.datasource.hikari.connection-timeout=1000" })
class PostgresOutageTest {

	private static final Pattern CONSENT_ID = Pattern.compile("cookies_preferences=[^;]*&id=([A-Za-z0-9_-]{22})&");

	private static final int DECISIONS = 3_000;

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@LocalServerPort
	private int port;

	@Autowired
	private RecordWriter writer;

	@Autowired
	private ChainVerification verification;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.cluster().register(registry);
	}

	private String health(HttpClient http) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	@Test
	void postgresStopsDuringALoadOfDecisionsAndNoneIsLost(CapturedOutput log) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Set<String> answered = ConcurrentHashMap.newKeySet();
		AtomicInteger sent = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		AtomicLong slowestDuringOutage = new AtomicLong();
		AtomicInteger outage = new AtomicInteger();
		List<String> kinds = List.of("decision=accept-all", "decision=reject-all", "decision=custom&category=statistics");
		ExecutorService visitors = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> running = new java.util.ArrayList<>();
			for (int v = 0; v < 8; v++) {
				running.add(visitors.submit(() -> {
					int n;
					while ((n = sent.incrementAndGet()) <= DECISIONS) {
						long start = System.nanoTime();
						HttpResponse<Void> answer = http.send(HttpRequest
							.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
							.header("Content-Type", "application/x-www-form-urlencoded")
							.POST(HttpRequest.BodyPublishers.ofString(kinds.get(n % 3) + "&return=/page" + (n % 50)))
							.build(), HttpResponse.BodyHandlers.discarding());
						long took = System.nanoTime() - start;
						Matcher id = CONSENT_ID.matcher(answer.headers().firstValue("Set-Cookie").orElse(""));
						if (answer.statusCode() == 303 && id.find()) {
							answered.add(id.group(1));
						}
						else {
							failures.incrementAndGet();
						}
						if (outage.get() == 1) {
							slowestDuringOutage.accumulateAndGet(took, Math::max);
						}
					}
					return null;
				}));
			}

			await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() >= DECISIONS / 3);
			postgres.cluster().stopServer();
			outage.set(1);
			await().atMost(Duration.ofSeconds(60)).until(() -> health(http).contains("\"consentRecords\":{\"status\":\"DOWN\"}"));
			int logged = log.getAll().length();
			for (int i = 0; i < 5; i++) {
				assertThat(health(http)).contains("\"consentRecords\":{\"status\":\"DOWN\"");
			}
			assertThat(log.getAll().substring(logged)).as("the log during the health requests")
				.doesNotContain("health check failed");
			await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() >= 2 * DECISIONS / 3);
			outage.set(2);
			postgres.cluster().startServer();
			for (Future<?> visitor : running) {
				visitor.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			visitors.shutdownNow();
		}

		assertThat(failures).hasValue(0);
		assertThat(answered).hasSize(DECISIONS);
		await().atMost(Duration.ofSeconds(60)).until(() -> this.writer.backlog() == 0);
		Set<String> recorded = new HashSet<>(this.jdbc.sql("SELECT consent_id FROM consent_record").query(String.class).list());
		assertThat(recorded).hasSize(DECISIONS).isEqualTo(answered);
		ChainVerification.Report report = this.verification.verify();
		assertThat(report.verified()).as(report.toString()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> health(http).contains("\"consentRecords\":{\"status\":\"UP\"}"));
		System.out.printf("PostgresOutageTest: %d decisions answered, %d recorded; slowest answer during the outage %d ms%n",
				answered.size(), recorded.size(), TimeUnit.NANOSECONDS.toMillis(slowestDuringOutage.get()));
	}

}
