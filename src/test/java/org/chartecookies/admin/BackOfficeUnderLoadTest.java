package org.chartecookies.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.chartecookies.records.PostgresCluster;
import org.chartecookies.records.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More back-office requests at once than the database answers in time (here the sessions' table is locked by another
 * transaction, standing for long dashboards, verifications or exports to slow clients): each gets its page or a
 * {@code 503} with {@code Retry-After}, never a {@code 500}; and meanwhile the visitors' decisions are written to the
 * database as usual: the back office never holds the connections the record writer needs.
 */
// Closed after the class, so that its connection pools do not outlive their database (and log into other tests).
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = Operator.ACCOUNTS)
class BackOfficeUnderLoadTest {

	private static final int REQUESTS = 24;

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.cluster().register(registry);
	}

	@Test
	void aBackOfficeTooBusyForThePoolGets503sAndVisitorsDecisionsAreStillWritten(CapturedOutput log) throws Exception {
		Operator operator = new Operator(this.port, "198.51.100.70");
		assertThat(operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		DataSource database = new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.cluster().jdbcUrl(),
				PostgresCluster.USER, "");
		List<HttpResponse<String>> answers = new ArrayList<>();
		ExecutorService operators = Executors.newFixedThreadPool(REQUESTS);
		try (Connection locker = database.getConnection()) {
			locker.setAutoCommit(false);
			try (Statement lock = locker.createStatement()) {
				lock.execute("LOCK TABLE spring_session IN ACCESS EXCLUSIVE MODE");
			}
			List<Future<HttpResponse<String>>> pages = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				pages.add(operators.submit(() -> operator.get("/admin?lang=en", "Accept", "text/html")));
			}

			// The visitors meanwhile: pages served, decisions answered and written to the database.
			assertThat(visitor("/cookies", null).statusCode()).isEqualTo(200);
			String consentId = consentId(visitor("/cookies/consent", "decision=reject-all&return=%2Fcookies"));
			JdbcClient records = JdbcClient.create(database);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> records.sql("SELECT COUNT(*) FROM consent_record WHERE consent_id = ?")
					.param(consentId)
					.query(Long.class)
					.single() == 1);
			// The requests beyond what the pool holds are answered without waiting for the lock.
			await().atMost(Duration.ofSeconds(30)).until(() -> pages.stream().filter(Future::isDone).count() >= 1);

			locker.rollback();
			for (Future<HttpResponse<String>> page : pages) {
				answers.add(page.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			operators.shutdownNow();
		}

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.statusCode()).isIn(200, 503);
			if (answer.statusCode() == 503) {
				assertThat(answer.headers().firstValue("Retry-After")).isPresent();
				assertThat(answer.body()).contains("The consent records database does not answer at the moment.");
			}
		});
		assertThat(answers).as("some waited for the lock, some were refused at once")
			.anyMatch((answer) -> answer.statusCode() == 200)
			.anyMatch((answer) -> answer.statusCode() == 503);
		assertThat(log.getAll()).doesNotContain("ERROR", "Consent records: the database does not take them");
	}

	private HttpResponse<String> visitor(String path, String form) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json");
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String consentId(HttpResponse<String> answer) {
		String body = answer.body();
		int start = body.indexOf("\"consentId\":\"") + 13;
		return body.substring(start, body.indexOf('"', start));
	}

}
