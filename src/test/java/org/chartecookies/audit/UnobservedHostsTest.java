package org.chartecookies.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third party that does not answer (its connection refused) leaves the cookies it would set unknown: the visit and
 * the report say so, as information, rather than miss it silently. A page of its own on 127.0.0.1, asking 127.0.0.2
 * on a port nothing listens on.
 */
class UnobservedHostsTest {

	private static HttpServer server;

	private static ChromiumProcess browser;

	private static int closedPort;

	@BeforeAll
	static void start() throws Exception {
		Browsers.chromium();
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
			closedPort = probe.getLocalPort();
		}
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			byte[] page = ("<!DOCTYPE html><title>Shop</title><img src=\"http://127.0.0.2:" + closedPort
					+ "/pixel.gif\" alt=\"\">").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		server.start();
		browser = Browsers.start();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.close();
		}
		if (server != null) {
			server.stop(0);
		}
	}

	@Test
	void aThirdPartyThatDoesNotAnswerIsSaidUnobserved() throws IOException {
		URI page = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
		PageVisitor visitor = new PageVisitor(browser.devTools(), Duration.ofMillis(300), Duration.ofSeconds(5));

		PageVisit visit = visitor.visit(page, VisitState.NONE, null, Duration.ofSeconds(20));

		assertThat(visit.problem()).isNull();
		assertThat(visit.otherHosts()).containsExactly("127.0.0.2");
		assertThat(visit.unobservedHosts()).singleElement()
			.asString()
			.startsWith("127.0.0.2 (net::ERR_CONNECTION_REFUSED");

		AuditReport report = new AuditReport(Instant.now(), Instant.now(),
				List.of(new AuditReport.PageReport(page, "fixture", 3, List.of(visit))), List.of(), List.of());
		assertThat(report.json().path("pages").get(0).path("visits").get(0).path("unobservedHosts").get(0).asString())
			.startsWith("127.0.0.2 (net::ERR_CONNECTION_REFUSED");
		assertThat(ReportFiles.html(report)).contains("Third parties that could not be observed",
				"the cookies it would set are unknown", "127.0.0.2 (net::ERR_CONNECTION_REFUSED");
		// Information only: the visit is audited, the audit clean.
		assertThat(report.exitStatus()).isZero();
	}

}
