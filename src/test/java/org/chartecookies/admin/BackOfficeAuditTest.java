package org.chartecookies.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chartecookies.audit.AuditFixtures;
import org.chartecookies.audit.AuditReport;
import org.chartecookies.audit.Browsers;
import org.chartecookies.audit.FixturePlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit in the back office over real HTTP: an operator starts a scan of the site's configured pages (three pages
 * of the fixture platform), follows it to its end, finds it in the site's list with its findings, opens its report
 * as written and sees it checked against the SHA-256 recorded with it; a report altered in the database is named;
 * a second start while one runs is refused; a stranger or a forged form starts nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Operator.ACCOUNTS, "charte.audit.quiet-period=300ms",
				"charte.records.folder=target/test-records-admin/${random.uuid}" })
class BackOfficeAuditTest {

	private static final Pattern FOLLOW = Pattern.compile("/admin/audits/([0-9a-f-]{36})$");

	private static FixturePlatform platform;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void registry(DynamicPropertyRegistry properties) throws IOException {
		Browsers.chromium();
		platform = new FixturePlatform();
		Path folder = Files.createTempDirectory("audit-registry-");
		Path registry = AuditFixtures.registryWithPages(folder, List.of(platform.page("/seed/undeclared-header"),
				platform.page("/seed/before-consent-header"), platform.page("/clean/1")));
		properties.add("charte.registry.location", () -> "file:" + registry);
	}

	@AfterAll
	static void stop() throws IOException {
		if (platform != null) {
			platform.close();
		}
	}

	private Operator loggedIn(String client) throws Exception {
		Operator operator = new Operator(this.port, client);
		assertThat(operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		return operator;
	}

	/** Starts a scan from the list's form: the scan's id. */
	private String start(Operator operator) throws Exception {
		HttpResponse<String> list = operator.get("/admin/audits?lang=en");
		HttpResponse<String> started = operator.post("/admin/audits",
				"site=cookies&_csrf=" + Operator.encode(Operator.token(list.body())));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
		Matcher id = FOLLOW.matcher(started.headers().firstValue("Location").orElseThrow());
		assertThat(id.find()).isTrue();
		return id.group(1);
	}

	/** Follows the scan's page, as a browser does with its Refresh header, until it stops reloading: its last page. */
	private HttpResponse<String> followToTheEnd(Operator operator, String id) {
		return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
			HttpResponse<String> page = operator.get("/admin/audits/" + id + "?lang=en");
			assertThat(page.statusCode()).isEqualTo(200);
			return page;
		}, (page) -> page.headers().firstValue("Refresh").isEmpty());
	}

	@Test
	void aScanStartedFromTheBackOfficeEndsListedWithItsFindingsAndItsReportAsWrittenAndChecked() throws Exception {
		Operator operator = loggedIn("198.51.100.31");
		HttpResponse<String> list = operator.get("/admin/audits?lang=en");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("Cookie audits", platform.page("/seed/undeclared-header").toString(),
				"Start an audit");

		String id = start(operator);
		HttpResponse<String> following = operator.get("/admin/audits/" + id + "?lang=en");
		HttpResponse<String> end = followToTheEnd(operator, id);

		// A browser to start and nine visits: the page asked for at once shows the scan running.
		assertThat(following.headers().firstValue("Refresh")).hasValue("3");
		assertThat(following.body()).contains("running", "Pages audited: ", " of 3", "Stop reloading");
		assertThat(end.body()).contains("findings to fix", "operator",
				"The report is as it was written: each of its files matches the SHA-256 recorded with it.");
		HttpResponse<String> json = operator.get("/admin/audits/" + id + "/report.json");
		HttpResponse<String> html = operator.get("/admin/audits/" + id + "/report.html");
		HttpResponse<String> css = operator.get("/admin/audits/" + id + "/report.css");
		assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css;charset=UTF-8");
		JsonNode report = JsonMapper.builder().build().readTree(json.body());
		String sha256 = report.path("sha256").asString();
		// The report's own fingerprint, as anyone checks it (jq -cj 'del(.sha256)' | sha256sum), is the one shown.
		assertThat(AuditReport.fingerprint(json.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(sha256);
		assertThat(end.body()).contains(sha256);
		assertThat(html.body()).contains(sha256, "<link rel=\"stylesheet\" href=\"report.css\">", "undeclared_h");
		// Each file served is the one recorded, byte for byte.
		Map<String, Object> recorded = this.jdbc
			.sql("SELECT report_sha256, json_sha256, html_sha256, css_sha256 FROM audit_report WHERE report_id = ?")
			.param(id)
			.query()
			.singleRow();
		assertThat(recorded).containsEntry("REPORT_SHA256", sha256)
			.containsEntry("JSON_SHA256", sha(json))
			.containsEntry("HTML_SHA256", sha(html))
			.containsEntry("CSS_SHA256", sha(css));

		// Listed, newest first, with who started it and its findings counted by kind, as its report holds them.
		HttpResponse<String> listed = operator.get("/admin/audits?lang=en");
		assertThat(listed.body()).contains("data-audit=\"" + id + "\"", "/admin/audits/" + id + "/report.html",
				"/admin/audits/" + id + "/report.json");
		String from = listed.body().substring(listed.body().indexOf("data-audit=\"" + id + "\""));
		String row = from.substring(0, from.indexOf("</tr>"));
		Map<String, Integer> kinds = new LinkedHashMap<>();
		report.path("findings").forEach((finding) -> kinds.merge(finding.path("kind").asString(), 1, Integer::sum));
		// The seeded pages' findings (FixtureAuditTest's SEEDED): the undeclared cookie in every state, the
		// statistics cookie before consent and after a refusal.
		assertThat(kinds).containsEntry("undeclared", 3).containsEntry("before-consent", 1)
			.containsEntry("after-refusal", 1);
		kinds.forEach((kind, count) -> assertThat(row).contains("data-kind=\"" + kind + "\">" + count + " × " + kind));
		assertThat(row).contains("operator", "findings to fix");
	}

	@Test
	void aReportAlteredInTheDatabaseIsNamed() throws Exception {
		Operator operator = loggedIn("198.51.100.32");
		String id = start(operator);
		followToTheEnd(operator, id);
		String html = operator.get("/admin/audits/" + id + "/report.html").body();

		this.jdbc.sql("UPDATE audit_report SET report_html = ? WHERE report_id = ?")
			.params(html.replace("Cookie missing from the charter", "Fine").getBytes(StandardCharsets.UTF_8), id)
			.update();
		assertThat(operator.get("/admin/audits/" + id + "?lang=en").body()).contains(
				"This report was altered since it was written. Not as recorded (SHA-256): report.html.");

		// The JSON's content changed and its file's hash with it: the report's fingerprint still names it.
		String json = operator.get("/admin/audits/" + id + "/report.json").body().replace("undeclared_h", "declared");
		this.jdbc.sql("UPDATE audit_report SET report_json = ?, json_sha256 = ? WHERE report_id = ?")
			.params(json.getBytes(StandardCharsets.UTF_8), AuditReport.sha256(json.getBytes(StandardCharsets.UTF_8)), id)
			.update();
		assertThat(operator.get("/admin/audits/" + id + "?lang=en").body())
			.contains("Not as recorded (SHA-256): report.json, report.html.");
	}

	@Test
	void aSecondStartWhileAScanRunsIsRefusedAndSaysWhichRuns() throws Exception {
		Operator operator = loggedIn("198.51.100.33");
		Operator auditor = new Operator(this.port, "198.51.100.34");
		auditor.logIn("auditor", Operator.AUDITOR_PASSWORD);
		String token = Operator.token(auditor.get("/admin/audits?lang=en").body());
		String id = start(operator);

		// The scan starts a browser and visits nine pages: the second start comes while it runs.
		HttpResponse<String> second = auditor.post("/admin/audits?lang=en", "site=cookies&_csrf=" + Operator.encode(token));

		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(second.body()).contains(
				"An audit is already running on this instance (site Fixture platform, started by operator): one at a time.",
				"/admin/audits/" + id);
		followToTheEnd(operator, id);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_report WHERE started_by = 'auditor'").query(Long.class).single())
			.isZero();
	}

	@Test
	void aStrangerOrAForgedFormStartsNothing() throws Exception {
		Operator stranger = new Operator(this.port, "198.51.100.35");
		for (String path : List.of("/admin/audits", "/admin/audits/00000000-0000-0000-0000-000000000000",
				"/admin/audits/00000000-0000-0000-0000-000000000000/report.html")) {
			HttpResponse<String> answer = stranger.get(path);
			assertThat(answer.statusCode()).as(path).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location")).as(path).hasValueSatisfying(
					(location) -> assertThat(location).endsWith("/admin/login"));
		}
		assertThat(stranger.post("/admin/audits", "site=cookies").statusCode()).isIn(302, 403);

		Operator operator = loggedIn("198.51.100.36");
		long before = this.jdbc.sql("SELECT COUNT(*) FROM audit_report").query(Long.class).single();
		assertThat(operator.post("/admin/audits", "site=cookies").statusCode()).isEqualTo(403);
		assertThat(operator.post("/admin/audits", "site=cookies&_csrf=made-up").statusCode()).isEqualTo(403);
		assertThat(operator.get("/admin/audits?lang=en").body()).doesNotContain("Audit running");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_report").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void badAddressesGetTheirOwnAnswers() throws Exception {
		Operator operator = loggedIn("198.51.100.37");

		assertThat(operator.get("/admin/audits/not-an-id?lang=en").statusCode()).isEqualTo(400);
		HttpResponse<String> unknown = operator.get("/admin/audits/00000000-0000-0000-0000-000000000000?lang=en");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("No audit has this id.");
		assertThat(operator.get("/admin/audits/00000000-0000-0000-0000-000000000000/report.json").statusCode())
			.isEqualTo(404);
		assertThat(operator.get("/admin/audits?site=nowhere&lang=en").statusCode()).isEqualTo(400);
	}

	private static String sha(HttpResponse<String> response) {
		return AuditReport.sha256(response.body().getBytes(StandardCharsets.UTF_8));
	}

}
