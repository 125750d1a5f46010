package org.chartecookies.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.chartecookies.audit.AuditFixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An audit started from the back office whose browser cannot be run ends as "could not run", with the reason, in the
 * scan's page and in the site's list, never as an error page; it has no report to open.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Operator.ACCOUNTS, "charte.audit.chromium=target/no-chromium-here",
				"charte.records.folder=target/test-records-admin/${random.uuid}" })
class BackOfficeAuditWithoutChromiumTest {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void registry(DynamicPropertyRegistry properties) throws IOException {
		Path registry = AuditFixtures.registryWithPages(Files.createTempDirectory("audit-registry-"),
				List.of(URI.create("http://127.0.0.1:9/")));
		properties.add("charte.registry.location", () -> "file:" + registry);
	}

	@Test
	void aScanWhoseBrowserCannotRunEndsAsCouldNotRunWithTheReason() throws Exception {
		Operator operator = new Operator(this.port, "198.51.100.41");
		operator.logIn("operator", Operator.OPERATOR_PASSWORD);
		String token = Operator.token(operator.get("/admin/audits?lang=en").body());

		HttpResponse<String> started = operator.post("/admin/audits", "site=cookies&_csrf=" + Operator.encode(token));
		assertThat(started.statusCode()).isEqualTo(303);
		String scan = started.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> end = await().atMost(Duration.ofSeconds(20))
			.until(() -> operator.get(URI.create(scan).getPath() + "?lang=en"),
					(page) -> page.headers().firstValue("Refresh").isEmpty());

		String reason = "charte.audit.chromium is not an executable file: target/no-chromium-here";
		assertThat(end.statusCode()).isEqualTo(200);
		assertThat(end.body()).contains("could not run", reason).doesNotContain("Integrity check", "report.html");
		HttpResponse<String> list = operator.get("/admin/audits?lang=en");
		assertThat(list.body()).contains("could not run", reason, "Start an audit");
		assertThat(operator.get(URI.create(scan).getPath() + "/report.html").statusCode()).isEqualTo(404);
	}

}
