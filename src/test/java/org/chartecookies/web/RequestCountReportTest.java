package org.chartecookies.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The count an operator reads at shutdown is Micrometer's: every request answered, pages, errors and posts alike, is
 * counted once, and none is left in progress.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestCountReportTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private RequestCountReport report;

	@Test
	void everyAnsweredRequestIsCountedOnce() throws Exception {
		long before = this.report.answered();
		String[] paths = { "/cookies", "/cookies/banner?return=/x", "/missing", "/cookies/consent", "/actuator/health" };
		for (String path : paths) {
			HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("decision=reject-all"))
			.build(), HttpResponse.BodyHandlers.discarding());

		assertThat(this.report.answered() - before).isEqualTo(paths.length + 1);
		assertThat(this.report.inProgress()).isZero();
	}

}
