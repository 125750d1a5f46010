package org.chartecookies.records;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every decision made on the consent endpoint becomes a record with what the visitor chose, how, on which page, in
 * which language, with or without Global Privacy Control, on the embedded default database; a refused form makes none.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsentRecordingTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private RecordStore store;

	@Autowired
	private RecordWriter writer;

	@Autowired
	private MeterRegistry meters;

	private HttpResponse<String> post(String form, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String field(String json, String name) {
		int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
		return json.substring(start, json.indexOf('"', start));
	}

	private ConsentRecord recordOf(String consentId) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> this.store.find(consentId), (found) -> found.isPresent()).orElseThrow();
	}

	@Test
	void aCustomChoiceIsRecordedWithWhatHowWhereAndInWhichLanguage() throws Exception {
		HttpResponse<String> answer = post("decision=custom&category=statistics&return=%2Fdatasets%2Frail%3Fq%3Dtrain%23top",
				"Accept", "application/json", "Accept-Language", "en-GB,en;q=0.8", "Sec-GPC", "1");
		assertThat(answer.statusCode()).isEqualTo(200);

		ConsentRecord record = recordOf(field(answer.body(), "consentId"));

		PendingRecord content = record.content();
		assertThat(content.kind()).isEqualTo("custom");
		assertThat(content.choices()).isEqualTo(Map.of("statistics", true));
		assertThat(content.globalPrivacyControl()).isTrue();
		assertThat(content.language()).isEqualTo("en");
		assertThat(content.pagePath()).isEqualTo("/datasets/rail");
		assertThat(content.revision()).isEqualTo(1);
		assertThat(content.decidedAt()).isEqualTo(Instant.parse(field(answer.body(), "decidedAt")));
		assertThat(record.writerId()).isEqualTo(this.writer.writerId());
	}

	@Test
	void aFormPostIsRecordedToo() throws Exception {
		HttpResponse<String> answer = post("decision=reject-all&return=/cookies%3Flang%3Dfr", "Accept-Language", "fr");
		assertThat(answer.statusCode()).isEqualTo(303);
		String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
		String consentId = cookie.replaceAll(".*[&=]id=([A-Za-z0-9_-]{22}).*", "$1");

		PendingRecord content = recordOf(consentId).content();

		assertThat(content.kind()).isEqualTo("reject-all");
		assertThat(content.choices()).isEqualTo(Map.of("statistics", false));
		assertThat(content.globalPrivacyControl()).isFalse();
		assertThat(content.language()).isEqualTo("fr");
		assertThat(content.pagePath()).isEqualTo("/cookies");
	}

	@Test
	void aRefusedFormIsNotADecisionAndLeavesNoRecord() throws Exception {
		long before = this.store.count();
		assertThat(post("decision=maybe").statusCode()).isEqualTo(400);
		assertThat(post("decision=custom&category=unknown").statusCode()).isEqualTo(400);
		HttpResponse<String> valid = post("decision=accept-all", "Accept", "application/json");
		recordOf(field(valid.body(), "consentId"));

		assertThat(this.store.count()).isEqualTo(before + 1);
	}

	@Test
	void healthAndMetricsShowTheRecords() throws Exception {
		HttpResponse<String> health = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.body()).contains("\"consentRecords\":{\"status\":\"UP\"}");
		assertThat(this.meters.find("charte.records.backlog").gauge()).isNotNull();
	}

}
