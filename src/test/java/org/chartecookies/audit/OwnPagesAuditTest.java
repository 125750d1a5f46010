package org.chartecookies.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit of the application's own pages, with its own default registry, comes back clean: in no state does the
 * charter page or its banner set a cookie the registry does not declare, or one the visitor's choice forbids.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OwnPagesAuditTest {

	@LocalServerPort
	int port;

	@Test
	void theApplicationsOwnPagesAreClean(@TempDir Path report) {
		Browsers.chromium();
		String base = "http://localhost:" + this.port;
		List<String> pages = List.of(base + "/cookies?lang=fr", base + "/cookies?lang=en", base + "/cookies?cookies=manage",
				base + "/");
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int status = AuditCommand.run(new String[] { "--charte.audit.pages=" + String.join(",", pages),
				"--charte.audit.report=" + report }, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

		assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(0);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Clean: no finding");
	}

}
