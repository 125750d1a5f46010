package org.chartecookies.admin;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.chartecookies.records.PostgresCluster;
import org.chartecookies.records.PostgresExtension;
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
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The back office on PostgreSQL while it is down, as its page promises: a 503 page, never a 500 or a stack trace,
 * whether the session, the login or a page needs the database; a logout that cannot reach the database still ends
 * the session, in the browser at once and in the database as soon as it answers; the deletion of expired sessions
 * (every second here) says once that it fails, and once that it works again.
 */
// Closed after the class, so that its connection pools do not outlive their database (and log into other tests).
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Operator.ACCOUNTS, "spring.session.jdbc.cleanup-cron=* * * * * *" })
class BackOfficeOutageTest {

	private static final String SESSION_COOKIE = "charte_admin_session";

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.cluster().register(registry);
	}

	@Test
	void pagesAndLoginsWhileTheDatabaseIsDownGetA503Page(CapturedOutput log) throws Exception {
		Operator operator = loggedIn("198.51.100.60");
		assertThat(operator.get("/admin").statusCode()).isEqualTo(200);
		postgres.cluster().stopServer();
		try {
			for (String path : new String[] { "/admin?lang=en", "/admin/records?lang=en&id=AAAAAAAAAAAAAAAAAAAAAA",
					"/admin/verification?lang=en", "/admin/export?lang=en" }) {
				assertUnavailable(operator.get(path, "Accept", "text/html"), path);
			}
			Operator newcomer = new Operator(this.port, "198.51.100.61");
			String token = newcomer.loginToken();
			assertUnavailable(newcomer.post("/admin/login?lang=en", "username=operator&password="
					+ Operator.encode(Operator.OPERATOR_PASSWORD) + "&_csrf=" + Operator.encode(token), "Accept",
					"text/html"), "a login");
			assertThat(newcomer.cookie(SESSION_COOKIE)).as("no session").isNull();
			assertThat(log.getAll())
				.doesNotContain("ERROR", "threw exception", "Back office: \"operator\" logged in from 198.51.100.61")
				.containsOnlyOnce("Back office: the records database does not answer")
				.contains("login not done, its session could not be saved (\"operator\" logged in from 198.51.100.61)");
			assertThat(operator.get("/actuator/health").body()).contains("\"backOffice\":{\"status\":\"DOWN\"");
		}
		finally {
			postgres.cluster().startServer();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> operator.get("/admin").statusCode() == 200);
		assertThat(operator.get("/actuator/health").body()).contains("\"backOffice\":{\"status\":\"UP\"");
	}

	@Test
	void aLogoutWhileTheDatabaseIsDownEndsTheSessionInTheBrowserAtOnceAndInTheDatabaseOnceItAnswers(
			CapturedOutput log) throws Exception {
		Operator operator = loggedIn("198.51.100.62");
		String session = operator.cookie(SESSION_COOKIE);
		String token = Operator.token(operator.get("/admin").body());
		assertThat(sessionsStored(session)).isEqualTo(1);
		postgres.cluster().stopServer();
		HttpResponse<String> logout;
		try {
			logout = operator.post("/admin/logout?lang=en", "_csrf=" + Operator.encode(token), "Accept", "text/html");
		}
		finally {
			postgres.cluster().startServer();
		}

		assertThat(logout.statusCode()).isEqualTo(503);
		assertThat(logout.body()).contains("You are logged out in this browser.").doesNotContain("Exception");
		assertThat(logout.headers().allValues("Set-Cookie")).anySatisfy((cookie) -> assertThat(cookie)
			.startsWith(SESSION_COOKIE + "=;")
			.contains("Max-Age=0", "Path=/admin", "HttpOnly"));
		assertThat(operator.cookie(SESSION_COOKIE)).as("the browser's session cookie").isNull();
		// Ended in the database too, where every replica reads it, without waiting for a request to bring it back.
		await().atMost(Duration.ofSeconds(30)).until(() -> sessionsStored(session) == 0);
		// Someone who kept a copy of the cookie gets nothing from it.
		Operator copy = new Operator(this.port, "198.51.100.62");
		copy.setCookie(SESSION_COOKIE, session);
		assertThat(copy.get("/admin").statusCode()).isEqualTo(302);
		assertThat(log.getAll()).doesNotContain("ERROR", "threw exception");
	}

	@Test
	void theDeletionOfExpiredSessionsSaysOnceThatTheDatabaseIsDownAndOnceThatItIsBack(CapturedOutput log,
			@Autowired MeterRegistry meters) throws Exception {
		long before = cleanups(meters);
		postgres.cluster().stopServer();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> cleanups(meters) >= before + 3);
			assertThat(log.getAll()).containsOnlyOnce("Back office: the records database does not answer")
				.doesNotContain("ERROR", "Unexpected error occurred in scheduled task");
		}
		finally {
			postgres.cluster().startServer();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> log.getAll().contains("Back office: the records database answers again"));
		long back = cleanups(meters);
		await().atMost(Duration.ofSeconds(60)).until(() -> cleanups(meters) >= back + 2);
		assertThat(log.getAll()).containsOnlyOnce("Back office: the records database does not answer")
			.containsOnlyOnce("Back office: the records database answers again")
			.doesNotContain("ERROR", "Unexpected error occurred in scheduled task");
	}

	/** The runs of the scheduled deletion of expired sessions, as Spring's observation of scheduled tasks counts them. */
	private static long cleanups(MeterRegistry meters) {
		return meters.find("tasks.scheduled.execution")
			.tag("code.function", "deleteExpiredSessions")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	/**
	 * An operator logged in: right after the database came back (the other test), the pool may first hand out a
	 * connection to the database gone, and the login is answered 503; the next one gets in.
	 */
	private Operator loggedIn(String clientAddress) {
		Operator operator = new Operator(this.port, clientAddress);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode() == 302);
		return operator;
	}

	private static void assertUnavailable(HttpResponse<String> answer, String what) {
		assertThat(answer.statusCode()).as(what).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).as(what).isPresent();
		assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what).isPresent();
		assertThat(answer.headers().firstValue("Cache-Control")).as(what).hasValueSatisfying(
				(cache) -> assertThat(cache).contains("no-store"));
		assertThat(answer.headers().firstValue("Content-Disposition")).as(what).isEmpty();
		assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValue("text/html;charset=UTF-8");
		assertThat(answer.body()).as(what)
			.contains("The consent records database does not answer at the moment.")
			.doesNotContain("Exception", "\tat ");
	}

	/** Sessions of this id in the database, read as another replica would. */
	private static long sessionsStored(String cookie) {
		String id = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
		return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.cluster().jdbcUrl(),
				PostgresCluster.USER, ""))
			.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

}
