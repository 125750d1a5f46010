package org.chartecookies.consent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recorded decision is counted by kind and by category choice; a refused form counts nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DecisionMetricsTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private int post(String form) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private double count(String name, String... tags) {
		Counter counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void everyRecordedDecisionIsCountedByKindAndCategory() throws Exception {
		double refusals = count("charte.consent.decisions", "decision", "reject-all");
		double customs = count("charte.consent.decisions", "decision", "custom");
		double accepted = count("charte.consent.choices", "category", "statistics", "choice", "accepted");
		double refused = count("charte.consent.choices", "category", "statistics", "choice", "refused");

		assertThat(post("decision=reject-all")).isEqualTo(303);
		assertThat(post("decision=custom&category=statistics")).isEqualTo(303);
		assertThat(post("decision=maybe")).isEqualTo(400);

		assertThat(count("charte.consent.decisions", "decision", "reject-all") - refusals).isEqualTo(1);
		assertThat(count("charte.consent.decisions", "decision", "custom") - customs).isEqualTo(1);
		assertThat(count("charte.consent.decisions", "decision", "maybe")).isZero();
		assertThat(count("charte.consent.choices", "category", "statistics", "choice", "accepted") - accepted)
			.isEqualTo(1);
		assertThat(count("charte.consent.choices", "category", "statistics", "choice", "refused") - refused)
			.isEqualTo(1);
	}

}
