package org.chartecookies.records;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application starts while its PostgreSQL is down (a deployment during the database's maintenance): visitors are
 * served and decide, and once the database is up the schema is made and every decision is written. Meanwhile the health
 * says the records' database is down, from what the writer saw (anyone may ask: no request waits on the database, none
 * writes to the log).
 */
// Closed after the class, so that its connection pool does not outlive its database (and log into other tests).
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "charte.records.retry-interval=200ms", "spring.datasource.hikari.connection-timeout=1000" })
class PostgresDownAtStartTest {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@LocalServerPort
	private int port;

	@Autowired
	private RecordStore store;

	@Autowired
	private ChainVerification verification;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.cluster().stopServer();
		postgres.cluster().register(registry);
	}

	@Test
	void visitorsAreServedAndTheirDecisionsWrittenOnceTheDatabaseAnswers(CapturedOutput log) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build();
		int logged = log.getAll().length();
		for (int i = 0; i < 20; i++) {
			assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body())
				.contains("\"consentRecords\":{\"status\":\"DOWN\"")
				.doesNotContain("\"db\"");
		}
		assertThat(log.getAll().substring(logged)).as("the log during the health requests")
			.doesNotContain("health check failed", "Starting...");
		for (int i = 0; i < 50; i++) {
			HttpResponse<Void> answer = http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("decision=accept-all"))
				.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(answer.statusCode()).isEqualTo(303);
		}
		assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies")).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

		postgres.cluster().startServer();

		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> this.store.count() == 50);
		assertThat(this.verification.verify().verified()).isTrue();
		assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body())
			.contains("\"consentRecords\":{\"status\":\"UP\"");
	}

}
