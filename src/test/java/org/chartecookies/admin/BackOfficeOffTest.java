package org.chartecookies.admin;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without an account the back office is off: every {@code /admin} address is a plain 404 page, a login post
 * included, no session is started, and the start-up log says why, once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "charte.test.context=back-office-off")
@ExtendWith(OutputCaptureExtension.class)
class BackOfficeOffTest {

	@LocalServerPort
	private int port;

	@Test
	void everyBackOfficeAddressIsNotFound() throws Exception {
		Operator someone = new Operator(this.port, "198.51.100.30");
		for (String path : List.of("/admin", "/admin/", "/admin/login", "/admin/records?id=vJ1mJfBXiocAWqKZy0c4eQ",
				"/admin/export", "/admin/verification", "/admin/anything")) {
			var answer = someone.get(path + (path.contains("?") ? "&" : "?") + "lang=en");
			assertThat(answer.statusCode()).as(path).isEqualTo(404);
			assertThat(answer.body()).as(path).contains("Page not found");
			assertThat(answer.headers().allValues("Set-Cookie")).as(path).noneMatch((c) -> c.startsWith("charte_admin_session"));
		}
		var login = someone.post("/admin/login", "username=operator&password=x");
		assertThat(login.statusCode()).isEqualTo(404);
		assertThat(login.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void theStartUpLogSaysTheBackOfficeIsOff(CapturedOutput log) {
		assertThat(log.getAll().lines().filter((line) -> line.contains("Back office off"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("no account in charte.admin.accounts"));
		assertThat(log.getAll()).doesNotContain("Using generated security password");
	}

}
