package org.chartecookies.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.RecordQueries.RecordedDecision;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The back office's verification page names a snapshot of what visitors were shown that was altered in the database,
 * or that is missing while records name it, in the operator's language.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = Operator.ACCOUNTS)
class SnapshotVerificationPageTest {

	@LocalServerPort
	private int port;

	@Autowired
	private RecordQueries records;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anAlteredSnapshotAndAMissingOneAreNamedOnTheVerificationPage() throws Exception {
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("decision=reject-all&return=%2Fcookies"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String body = answer.body();
		int start = body.indexOf("\"consentId\":\"") + 13;
		String id = body.substring(start, body.indexOf('"', start));
		RecordedDecision recorded = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.records.find(id), (found) -> found.isPresent())
			.orElseThrow();
		String hash = recorded.snapshotHash();
		Operator operator = new Operator(this.port, "198.51.100.21");
		operator.logIn("auditor", Operator.AUDITOR_PASSWORD);
		assertThat(operator.get("/admin/verification?lang=en").body()).contains("Records verified: ")
			.doesNotContain("Snapshot ");

		this.jdbc.sql("UPDATE consent_snapshot SET content = ? WHERE snapshot_hash = ?")
			.params("<p>Nothing to see</p>".getBytes(StandardCharsets.UTF_8), hash)
			.update();
		assertThat(operator.get("/admin/verification?lang=en").body()).contains("Records NOT verified: ",
				"Snapshot " + hash + ": altered, its content no longer matches its hash (1 record names it).");

		this.jdbc.sql("DELETE FROM consent_snapshot WHERE snapshot_hash = ?").param(hash).update();
		assertThat(operator.get("/admin/verification?lang=fr").body()).contains(
				"Capture " + hash + " : absente, alors que 1 enregistrement la nomme (consentement " + id + ").");
	}

}
