package org.chartecookies.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletContext;
import org.apache.catalina.Context;
import javax.sql.DataSource;

import org.apache.catalina.Manager;
import org.chartecookies.records.RecordQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The back office over real HTTP, as an operator's browser or an attacker's script meets it: the login, its CSRF
 * token, its session cookie, the limit on failed logins, the refusals of bad input, the CSV export; and the visitor's
 * pages, which Spring Security never touches. Each test speaks from client addresses of its own (the failed-login
 * limits count per address).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Operator.ACCOUNTS, "charte.admin.login.max-failures-per-account-from-client=3",
				"charte.admin.login.max-failures-per-client=5", "charte.admin.login.max-failures-per-account=6",
				"charte.admin.accounts[2].name=witness",
				"charte.admin.accounts[2].password-hash=$2y$10$BgqzVW3rQV7ouK75Y7L4euPFv99QGrNJ/ql9aq4dERU4JiUtS07W.",
				"charte.admin.accounts[3].name=keeper",
				"charte.admin.accounts[3].password-hash=$2y$10$BgqzVW3rQV7ouK75Y7L4euPFv99QGrNJ/ql9aq4dERU4JiUtS07W.",
				"charte.records.folder=target/test-records-admin/${random.uuid}" })
class BackOfficeHttpTest {

	@LocalServerPort
	private int port;

	@Autowired
	private RecordQueries records;

	private Operator operator(String clientAddress) {
		return new Operator(this.port, clientAddress);
	}

	@Test
	void aSiteWithoutPagesToAuditSaysWhereToListThemAndStartsNoScan() throws Exception {
		Operator operator = operator("198.51.100.60");
		operator.logIn("operator", Operator.OPERATOR_PASSWORD);
		HttpResponse<String> audits = operator.get("/admin/audits?lang=en");
		assertThat(audits.body()).contains("No page to audit: list them in the site&#39;s registry, under audit: pages:")
			.doesNotContain("Start an audit");

		HttpResponse<String> start = operator.post("/admin/audits?lang=en",
				"site=&_csrf=" + Operator.encode(Operator.token(audits.body())));

		assertThat(start.statusCode()).isEqualTo(400);
		assertThat(start.body()).contains("The audit cannot start: no page to scan is configured for this site");
	}

	@Test
	void everyBackOfficePageSendsAnUnknownVisitorToTheLoginPage() throws Exception {
		Operator stranger = operator("198.51.100.1");
		for (String path : List.of("/admin", "/admin/records?id=vJ1mJfBXiocAWqKZy0c4eQ", "/admin/verification",
				"/admin/export?from=2026-01-01&to=2026-12-31")) {
			HttpResponse<String> answer = stranger.get(path);
			assertThat(answer.statusCode()).as(path).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location")).as(path).hasValueSatisfying(
					(location) -> assertThat(location).endsWith("/admin/login"));
		}
	}

	@Test
	void theRightPasswordOpensTheDashboardAndAWrongOneSaysSo(CapturedOutput log) throws Exception {
		Operator someone = operator("198.51.100.2");
		HttpResponse<String> wrong = someone.logIn("operator", "wrong password");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).contains("Wrong name or password.");
		assertThat(someone.get("/admin").statusCode()).isEqualTo(302);

		HttpResponse<String> right = someone.logIn("operator", Operator.OPERATOR_PASSWORD);
		assertThat(right.statusCode()).isEqualTo(302);
		// Back to the page first asked for (Spring Security marks it ?continue).
		assertThat(right.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(URI.create(location).getPath()).isEqualTo("/admin"));
		HttpResponse<String> dashboard = someone.get("/admin?lang=en");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("<h1>Dashboard</h1>", "Log out (operator)")
			.as("one site served: no site to choose")
			.doesNotContain("name=\"site\"");
		assertThat(dashboard.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(cache) -> assertThat(cache).contains("no-store"));

		assertThat(someone.post("/admin/logout", "_csrf=" + Operator.encode(Operator.token(dashboard.body()))).statusCode())
			.isEqualTo(302);
		// Who, from where, never the password; the address as the application sees it (after the trusted proxy).
		assertThat(log.getOut()).contains("WARN", "Back office: failed login for \"operator\" from 198.51.100.2")
			.contains("INFO", "Back office: \"operator\" logged in from 198.51.100.2")
			.contains("Back office: \"operator\" logged out from 198.51.100.2")
			.doesNotContain("wrong password", Operator.OPERATOR_PASSWORD);
	}

	@Test
	void aLoginOrALogoutWithoutTheFormsCsrfTokenIsRefused() throws Exception {
		Operator forger = operator("198.51.100.3");
		forger.loginToken();
		String form = "username=operator&password=" + Operator.encode(Operator.OPERATOR_PASSWORD);
		assertThat(forger.post("/admin/login", form).statusCode()).isEqualTo(403);
		assertThat(forger.post("/admin/login", form + "&_csrf=made-up").statusCode()).isEqualTo(403);
		assertThat(forger.get("/admin").statusCode()).as("still not logged in").isEqualTo(302);

		Operator operator = operator("198.51.100.4");
		assertThat(operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(operator.post("/admin/logout", "").statusCode()).isEqualTo(403);
		assertThat(operator.get("/admin").statusCode()).as("still logged in").isEqualTo(200);
		String token = Operator.token(operator.get("/admin").body());
		HttpResponse<String> logout = operator.post("/admin/logout", "_csrf=" + Operator.encode(token));
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(operator.get("/admin").statusCode()).as("logged out").isEqualTo(302);
	}

	/**
	 * A sibling subdomain can set a cookie for the whole site ({@code Domain=example.org; Path=/admin}): with the CSRF
	 * token in a cookie alone, its page could plant a token of its own (here one the login page gave it), for the
	 * logout's path so that browsers send it before the operator's own, and post the logout form with it. A logged-in
	 * operator's token is their session's: a planted one is refused.
	 */
	@Test
	void aPlantedCsrfCookieCannotForceALoggedInOperatorOut() throws Exception {
		Operator operator = operator("198.51.100.14");
		assertThat(operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(operator.get("/admin").statusCode()).isEqualTo(200);
		Operator sibling = operator("198.51.100.15");
		String plantedToken = sibling.loginToken();
		operator.setCookie(AdminSecurityConfiguration.CSRF_COOKIE, sibling.cookie(AdminSecurityConfiguration.CSRF_COOKIE),
				"/admin/logout");

		assertThat(operator.post("/admin/logout", "_csrf=" + Operator.encode(plantedToken)).statusCode()).isEqualTo(403);
		assertThat(operator.get("/admin").statusCode()).as("still logged in").isEqualTo(200);
	}

	/**
	 * A body that does not come with the headers (here, chunked) is received before the request is handled, and the
	 * request dispatched again: Spring Security checks it all the same.
	 */
	@Test
	void aLoginWhoseBodyComesLaterStillNeedsTheCsrfToken() throws Exception {
		Operator forger = operator("198.51.100.10");
		forger.loginToken();
		String form = "username=operator&password=" + Operator.encode(Operator.OPERATOR_PASSWORD);

		assertThat(forger.postChunked("/admin/login", form).statusCode()).isEqualTo(403);
		assertThat(forger.get("/admin").statusCode()).as("still not logged in").isEqualTo(302);

		HttpResponse<String> login = forger.postChunked("/admin/login",
				form + "&_csrf=" + Operator.encode(forger.loginToken()));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(forger.get("/admin").statusCode()).as("logged in").isEqualTo(200);
	}

	@Test
	void anonymousRequestsNeverStartASession(@Autowired ApplicationContext context) throws Exception {
		long created = sessionsStarted(context);
		Operator stranger = operator("198.51.100.11");
		for (int i = 0; i < 100; i++) {
			for (String path : List.of("/admin/login", "/admin/login?lang=en", "/admin", "/admin/records?id=x",
					"/admin/export", "/admin/login/failed")) {
				// A new client each time, as a flood would be: no cookie to come back with.
				HttpResponse<String> answer = operator("198.51.100.12").get(path);
				assertThat(answer.headers().allValues("Set-Cookie")).as(path)
					.noneMatch((cookie) -> cookie.startsWith("charte_admin_session="));
			}
			stranger.get("/admin/login");
		}
		assertThat(sessionsStarted(context)).as("sessions started").isEqualTo(created);

		// A failed login does not start one either; a successful one does.
		assertThat(stranger.logIn("operator", "wrong password").statusCode()).isEqualTo(401);
		assertThat(sessionsStarted(context)).as("sessions started").isEqualTo(created);
		assertThat(stranger.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(sessionsStarted(context)).as("sessions started").isEqualTo(created + 1);
	}

	@Test
	void theLoginFormsTokenCookieIsHttpOnlyStrictForTheBackOfficeOnlyAndSecureOverHttps() throws Exception {
		HttpResponse<String> plain = operator("198.51.100.5").get("/admin/login");
		assertThat(plain.headers().allValues("Set-Cookie")).singleElement().satisfies((cookie) -> {
			assertThat(cookie).startsWith("charte_admin_csrf=").contains("; Path=/admin", "; HttpOnly",
					"; SameSite=Strict");
			assertThat(cookie).doesNotContain("Secure", "Max-Age", "Expires");
		});

		HttpResponse<String> https = operator("198.51.100.5").get("/admin/login", "X-Forwarded-Proto", "https");
		assertThat(https.headers().allValues("Set-Cookie")).singleElement().satisfies((cookie) -> assertThat(cookie)
			.startsWith("charte_admin_csrf=")
			.contains("; Path=/admin", "; Secure", "; HttpOnly", "; SameSite=Strict"));
	}

	@Test
	void theSessionCookieIsHttpOnlyStrictForTheBackOfficeOnlyAndSecureOverHttps() throws Exception {
		HttpResponse<String> plain = operator("198.51.100.5").logIn("operator", Operator.OPERATOR_PASSWORD);
		assertThat(plain.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("charte_admin_session="))
			.singleElement()
			.satisfies((cookie) -> {
				assertThat(cookie).contains("; Path=/admin", "; HttpOnly", "; SameSite=Strict");
				assertThat(cookie).doesNotContain("Secure");
			});

		// The client's own cookie store sends no Secure cookie over plain HTTP: the test sends it as a browser would.
		Operator overHttps = operator("198.51.100.5");
		HttpResponse<String> form = overHttps.get("/admin/login", "X-Forwarded-Proto", "https");
		String csrfCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		HttpResponse<String> https = overHttps.post("/admin/login", "username=operator&password="
				+ Operator.encode(Operator.OPERATOR_PASSWORD) + "&_csrf=" + Operator.encode(Operator.token(form.body())),
				"X-Forwarded-Proto", "https", "Cookie", csrfCookie);
		assertThat(https.statusCode()).isEqualTo(302);
		assertThat(https.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("charte_admin_session="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).contains("; Path=/admin", "; Secure", "; HttpOnly", "; SameSite=Strict"));
	}

	@Test
	void aLoginGetsANewSessionIdSoThatNoOneCanPlantOne() throws Exception {
		Operator operator = operator("198.51.100.6");
		assertThat(operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		String first = operator.cookie("charte_admin_session");
		assertThat(first).isNotNull();
		// Someone who knew that session id (or planted one) does not share the next login's session.
		assertThat(operator.logIn("auditor", Operator.AUDITOR_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(operator.cookie("charte_admin_session")).isNotNull().isNotEqualTo(first);

		Operator planted = operator("198.51.100.6");
		planted.setCookie("charte_admin_session", "PLANTED0123456789ABCDEF0123456789");
		HttpResponse<String> login = planted.logIn("operator", Operator.OPERATOR_PASSWORD);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("charte_admin_session="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).doesNotStartWith("charte_admin_session=PLANTED"));
	}

	@Test
	void aGuesserIsLimitedOnOneAccountFromItsAddressWithoutLockingTheOperatorOut() throws Exception {
		Operator guesser = operator("203.0.113.10");
		for (int i = 1; i <= 3; i++) {
			assertThat(guesser.logIn("auditor", "guess " + i).statusCode()).isEqualTo(401);
		}

		HttpResponse<String> refused = guesser.logIn("auditor", Operator.AUDITOR_PASSWORD);
		assertThat(refused.statusCode()).as("even the right password, from the guesser's address").isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
				(seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
		assertThat(refused.body()).contains("Too many failed logins for this name or from this address. Try again in 15 minute(s).");
		assertThat(guesser.get("/admin").statusCode()).as("not logged in").isEqualTo(302);

		// The auditor, from their own address, is not held up by the guesser's failures.
		assertThat(operator("203.0.113.13").logIn("auditor", Operator.AUDITOR_PASSWORD).statusCode()).isEqualTo(302);
	}

	/** An account of this test's own (the auditor's password): the ceiling counts every address's failures. */
	@Test
	void guessesSpreadOverManyAddressesAreSlowedDownButTheOperatorsUsualAddressStillGetsIn() throws Exception {
		Operator usual = operator("203.0.113.30");
		assertThat(usual.logIn("witness", Operator.AUDITOR_PASSWORD).statusCode()).isEqualTo(302);
		// Six failures (the account's ceiling here), two from each of three addresses: no address met its own limit.
		for (String client : List.of("203.0.113.31", "203.0.113.32", "203.0.113.33")) {
			for (int i = 1; i <= 2; i++) {
				assertThat(operator(client).logIn("witness", "guess " + i).statusCode()).isEqualTo(401);
			}
		}

		assertThat(operator("203.0.113.34").logIn("witness", Operator.AUDITOR_PASSWORD).statusCode())
			.as("a new address, past the account's ceiling").isEqualTo(429);
		assertThat(operator("203.0.113.31").logIn("witness", "guess 3").statusCode()).as("a guesser's address")
			.isEqualTo(429);
		assertThat(operator("203.0.113.30").logIn("witness", Operator.AUDITOR_PASSWORD).statusCode())
			.as("the address the account logged in from").isEqualTo(302);
		assertThat(operator("203.0.113.34").logIn("operator", Operator.OPERATOR_PASSWORD).statusCode())
			.as("another account").isEqualTo(302);
	}

	/**
	 * From the trusted proxy's address, anyone can claim any client address in X-Forwarded-For: failures claimed from
	 * the address an account logged in from lately do not lock it out there (an account of this test's own, the
	 * auditor's password), and a made-up address is logged cut and without control characters.
	 */
	@Test
	void failedLoginsClaimedFromTheOperatorsRecentAddressDoNotLockThemOut(CapturedOutput log) throws Exception {
		assertThat(operator("203.0.113.40").logIn("keeper", Operator.AUDITOR_PASSWORD).statusCode()).isEqualTo(302);
		Operator forger = operator("203.0.113.40");
		for (int i = 1; i <= 3; i++) {
			assertThat(forger.logIn("keeper", "guess " + i).statusCode()).isEqualTo(401);
		}
		for (int i = 1; i <= 5; i++) {
			assertThat(forger.logIn("name-" + i, "guess").statusCode()).isIn(401, 429);
		}

		assertThat(operator("203.0.113.40").logIn("keeper", Operator.AUDITOR_PASSWORD).statusCode()).isEqualTo(302);

		String made = "203.0.113.41" + "x".repeat(100);
		assertThat(operator(made).logIn("keeper", "guess").statusCode()).isEqualTo(401);
		assertThat(log.getOut()).contains("Back office: failed login for \"keeper\" from " + made.substring(0, 64) + "…")
			.doesNotContain(made.substring(0, 65));
	}

	@Test
	void failedLoginsFromOneClientAreLimitedWhateverNamesItTries(CapturedOutput log) throws Exception {
		Operator guesser = operator("203.0.113.20");
		for (int i = 1; i <= 5; i++) {
			assertThat(guesser.logIn("name-" + i, "password").statusCode()).isEqualTo(401);
		}

		HttpResponse<String> refused = guesser.logIn("operator", Operator.OPERATOR_PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();

		assertThat(operator("203.0.113.21").logIn("operator", Operator.OPERATOR_PASSWORD).statusCode())
			.as("from another address").isEqualTo(302);
		assertThat(log.getOut()).containsOnlyOnce("Back office: failed logins limit reached (client 203.0.113.20, "
				+ "whatever the name): such logins are refused for the next 15 minute(s)");
	}

	@Test
	void badDatesAndBadConsentIdsGetAClearRefusal() throws Exception {
		Operator operator = operator("198.51.100.7");
		operator.logIn("operator", Operator.OPERATOR_PASSWORD);
		record Case(String path, int status, String says) {
		}
		List<Case> cases = List.of(new Case("/admin?from=2026-02-30", 400, "A date is not valid"),
				new Case("/admin?from=29%2F11%2F2026", 400, "A date is not valid"),
				new Case("/admin?from=%3Cscript%3E", 400, "A date is not valid"),
				new Case("/admin?from=2026-11-29&to=2026-11-01", 400, "The first day is after the last day."),
				new Case("/admin?from=2020-01-01&to=2026-01-01", 400, "at most 366 days"),
				new Case("/admin/export?from=2026-1-1", 400, "A date is not valid"),
				new Case("/admin/export?from=2026-11-29&to=2026-11-28", 400, "The first day is after the last day."),
				new Case("/admin/records?id=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400, "This is not a consent id"),
				new Case("/admin/records?id=short", 400, "This is not a consent id"),
				new Case("/admin/records?id=AAAAAAAAAAAAAAAAAAAAAA", 404, "No decision is recorded under the id AAAAAAAAAAAAAAAAAAAAAA."),
				new Case("/admin/decisions?decision=everything", 400, "There is no such choice"),
				new Case("/admin/decisions?choice=statistics%3Dmaybe", 400, "not written as the list writes it"),
				new Case("/admin/decisions?choice=%25%3Daccepted", 400, "not written as the list writes it"),
				new Case("/admin/decisions?older=2026-11-29T10%3A00%3A00Z", 400, "no such page of decisions"),
				new Case("/admin/decisions?newer=AAAAAAAAAAAAAAAAAAAAAA", 400, "no such page of decisions"),
				new Case("/admin/decisions?site=elsewhere", 400, "not served here"),
				new Case("/admin/decisions?from=2026-11-29&to=2026-11-01", 400, "The first day is after the last day."));
		for (Case bad : cases) {
			HttpResponse<String> answer = operator.get(bad.path() + (bad.path().contains("?") ? "&" : "?") + "lang=en");
			assertThat(answer.statusCode()).as(bad.path()).isEqualTo(bad.status());
			assertThat(answer.headers().firstValue("Content-Type")).as(bad.path()).hasValue("text/html;charset=UTF-8");
			assertThat(answer.body()).as(bad.path()).contains(bad.says()).doesNotContain("<script>", "Exception");
		}
	}

	@Test
	void theExportIsACsvFileOfThePeriodsRecords() throws Exception {
		List<String> ids = new ArrayList<>();
		for (String decision : List.of("accept-all", "reject-all", "custom&category=statistics")) {
			ids.add(consentId(decide(decision)));
		}
		for (String id : ids) {
			await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		}
		Operator operator = operator("198.51.100.8");
		operator.logIn("operator", Operator.OPERATOR_PASSWORD);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);

		HttpResponse<String> export = operator.get("/admin/export?from=" + today.minusDays(1) + "&to=" + today);

		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(export.headers().firstValue("Content-Disposition")).hasValue(
				"attachment; filename=\"consent-records-" + today.minusDays(1) + "-to-" + today + ".csv\"");
		List<String> lines = export.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo(CsvRecords.HEADER);
		assertThat(export.body()).contains("\r\n");
		// An id starting with '-' (1 in 64) is written '-… so that no spreadsheet takes it for a formula.
		List<String> fields = ids.stream().map(CsvRecords::field).toList();
		for (String id : fields) {
			assertThat(lines).filteredOn((line) -> line.startsWith(id + ",")).singleElement().satisfies((line) -> {
				assertThat(line.split(",", -1)).hasSize(14);
				assertThat(line).contains("," + today + "T");
			});
		}
		assertThat(lines.stream().map((line) -> line.substring(0, line.indexOf(','))).filter(fields::contains))
			.as("oldest first").containsExactlyElementsOf(fields);

		HttpResponse<String> yesterday = operator.get("/admin/export?from=" + today.minusDays(1) + "&to=" + today.minusDays(1));
		assertThat(yesterday.body().lines()).containsExactly(CsvRecords.HEADER);
	}

	@Test
	void anAlteredRecordIsNamedOnTheVerificationPageAndUnderItsLookup(@Autowired JdbcClient jdbc) throws Exception {
		String id = consentId(decide("reject-all"));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		Operator operator = operator("198.51.100.9");
		operator.logIn("operator", Operator.OPERATOR_PASSWORD);
		assertThat(operator.get("/admin/verification?lang=en").body()).contains("Records verified: ",
				"Without a signing key and signed checkpoints (charte.records.signing-key, charte.records.checkpoint-file),"
						+ " someone able to write to the database could alter, remove or add records, move a chain&#39;s head"
						+ " back or fake a purge, and this verification could not tell.");
		assertThat(operator.get("/admin/records?id=" + id).body()).contains("This record&#39;s hash matches its content.");

		// Someone with access to the database turns a refusal into a consent.
		jdbc.sql("UPDATE consent_record SET choices = 'statistics=accepted' WHERE consent_id = ?").param(id).update();

		HttpResponse<String> verification = operator.get("/admin/verification");
		assertThat(verification.statusCode()).isEqualTo(200);
		assertThat(verification.body()).contains("Records NOT verified: ").containsPattern(
				"Chain w-[A-Za-z0-9_-]+: record #\\d+ \\(consent " + id + "\\) was altered, its hash no longer matches its content.");
		HttpResponse<String> lookup = operator.get("/admin/records?id=" + id);
		assertThat(lookup.body()).contains("statistics: accepted", "This record was altered: its hash no longer matches its content.");
	}

	/**
	 * The lookup reads the record and its two neighbours, not its whole chain: a record far from an altered one is
	 * shown intact and linked both ways (the verification page names the altered one); the altered record's neighbour
	 * is shown as not linked to it.
	 */
	@Test
	void theLookupChecksTheRecordAndItsNeighboursOnly(@Autowired JdbcClient jdbc) throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ids.add(consentId(decide("reject-all")));
			String id = ids.get(i);
			await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		}
		Operator operator = operator("198.51.100.13");
		operator.logIn("operator", Operator.OPERATOR_PASSWORD);
		jdbc.sql("UPDATE consent_record SET choices = 'statistics=accepted' WHERE consent_id = ?").param(ids.get(0)).update();

		String far = operator.get("/admin/records?lang=en&id=" + ids.get(3)).body();
		assertThat(far).contains("This record&#39;s hash matches its content.")
			.containsPattern("Record before it, #\\d+ \\(consent " + ids.get(2) + "\\): linked")
			.containsPattern("Record after it, #\\d+ \\(consent [A-Za-z0-9_-]{22}\\): linked|Last record its chain&#39;s writer wrote")
			.contains("href=\"/admin/verification\"")
			.doesNotContain("altered", "NOT linked");

		assertThat(operator.get("/admin/records?lang=en&id=" + ids.get(0)).body())
			.contains("This record was altered: its hash no longer matches its content.");

		// Whoever altered it gives it a hash of its new content: the record after it no longer ties to it.
		jdbc.sql("UPDATE consent_record SET record_hash = ? WHERE consent_id = ?").params("e".repeat(64), ids.get(0)).update();
		String next = operator.get("/admin/records?lang=en&id=" + ids.get(1)).body();
		assertThat(next).contains("This record&#39;s hash matches its content.")
			.containsPattern("Record before it, #\\d+ \\(consent " + ids.get(0) + "\\): NOT linked");
		// The verification, which walks every chain, finds it (it names the first fault of each chain: another test of
		// this class alters an earlier record of the same chain).
		assertThat(operator.get("/admin/verification?lang=en").body()).contains("Records NOT verified: ");
	}

	@Test
	void theVisitorsPagesNeverMeetSpringSecurity(@Autowired ApplicationContext context) throws Exception {
		HttpResponse<String> charter = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(charter.statusCode()).isEqualTo(200);
		assertThat(charter.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(charter.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(charter.headers().map()).doesNotContainKeys("X-Frame-Options", "Pragma", "Expires", "X-XSS-Protection");
		assertThat(charter.body()).doesNotContain("name=\"_csrf\"");
		assertThat(decide("accept-all").statusCode()).as("a decision needs no token").isEqualTo(200);

		// Spring Boot's generated user (and its password in the log) is never made: the accounts are the back office's.
		assertThat(context.getBeansOfType(UserDetailsService.class)).containsOnlyKeys("operatorAccounts");
		assertThat(context.containsBean("securityFilterChainRegistration")).isFalse();
		// Spring Security's firewall refuses a ';' in a path: the visitor's pages never reach it.
		HttpResponse<String> semicolon = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies;x=1")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(semicolon.statusCode()).isEqualTo(200);
		ServletContext servlets = ((WebApplicationContext) context).getServletContext();
		servlets.getFilterRegistrations().forEach((name, filter) -> {
			if (filter.getUrlPatternMappings().contains("/*")) {
				assertThat(filter.getClassName()).as(name).doesNotStartWith("org.springframework.security")
					.doesNotContain("DelegatingFilterProxy");
			}
		});
	}

	/** Sessions started: kept in the database (Spring Session), or by the servlet container (none should be). */
	private static long sessionsStarted(ApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
		Manager container = ((Context) server.getTomcat().getHost().findChildren()[0]).getManager();
		Long stored = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
				"SELECT COUNT(*) FROM SPRING_SESSION", Long.class);
		return container.getSessionCounter() + ((stored != null) ? stored : 0);
	}

	private HttpResponse<String> decide(String decision) throws Exception {
		return HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("decision=" + decision + "&return=%2Fcookies"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String consentId(HttpResponse<String> answer) {
		String body = answer.body();
		int start = body.indexOf("\"consentId\":\"") + 13;
		return body.substring(start, body.indexOf('"', start));
	}

}
