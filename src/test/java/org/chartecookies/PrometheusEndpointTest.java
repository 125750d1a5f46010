package org.chartecookies;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's Prometheus scrapes {@code /actuator/prometheus}: the decisions by kind and category, the records'
 * backlog and write timer, among the usual request and JVM series, on a management port of its own (as the Kubernetes
 * manifests run it); the visitors' port never answers it.
 */
class PrometheusEndpointTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static HttpResponse<String> get(int port, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static void decide(int port, String form) throws Exception {
		HttpResponse<String> answer = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/cookies/consent"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(303);
	}

	/**
	 * Metrics say whether an operator is logged in, the working directory and each site's figures: by default they are
	 * not served at all, while the container's probes are.
	 */
	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class ByDefault {

		@LocalServerPort
		private int port;

		@Test
		void theVisitorsPortServesHealthButNoMetrics() throws Exception {
			assertThat(get(this.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/actuator/metrics").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(get(this.port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(get(this.port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		}

	}

	/** As the README and the Kubernetes manifests expose it: on a management port of its own. */
	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.server.port=0", "management.endpoints.web.exposure.include=health,prometheus" })
	class OnAManagementPortOfItsOwn {

		@LocalServerPort
		private int port;

		@LocalManagementPort
		private int managementPort;

		@Test
		void decisionsByKindAndCategoryAndTheRecordsBacklogAndWritesAreScraped() throws Exception {
			decide(this.port, "decision=accept-all&return=/datasets");
			decide(this.port, "decision=reject-all&return=/datasets");

			String scraped = await().atMost(Duration.ofSeconds(20))
				.until(() -> get(this.managementPort, "/actuator/prometheus").body(),
						(body) -> body.contains("charte_records_written_total"));
			HttpResponse<String> answer = get(this.managementPort, "/actuator/prometheus");

			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/plain;version=0.0.4"));
			assertThat(scraped).containsPattern("(?m)^charte_consent_decisions_total\\{decision=\"accept-all\",site=\"cookies\"\\} [1-9]")
				.containsPattern("(?m)^charte_consent_decisions_total\\{decision=\"reject-all\",site=\"cookies\"\\} [1-9]")
				.containsPattern(
						"(?m)^charte_consent_choices_total\\{category=\"statistics\",choice=\"accepted\",site=\"cookies\"\\} [1-9]")
				.containsPattern("(?m)^charte_consent_choices_total\\{category=\"statistics\",choice=\"refused\",site=\"cookies\"\\} [1-9]")
				.containsPattern("(?m)^charte_records_backlog [0-9]")
				.containsPattern("(?m)^charte_records_spilled [0-9]")
				.containsPattern("(?m)^charte_records_writes_seconds_count [1-9]")
				.containsPattern("(?m)^charte_records_writes_seconds_max [0-9]")
				.containsPattern("(?m)^charte_records_written_total [1-9]")
				.contains("http_server_requests_seconds_count{", "jvm_memory_used_bytes{");
		}

		@Test
		void onlyTheManagementPortAnswersItAndItsProbes() throws Exception {
			assertThat(get(this.managementPort, "/actuator/prometheus").body()).contains("charte_records_backlog");
			assertThat(get(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(get(this.managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);

			assertThat(get(this.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/cookies").statusCode()).isEqualTo(200);
		}

	}

}
