package org.chartecookies.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.chartecookies.consent.ConsentIds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the operator has of the records beside the back office: {@code /actuator/records} on the management port
 * (never the visitors'), which says what the writer holds and what keeps it from keeping decisions, and writes again,
 * once asked, what was set aside; and the start-up log, which says whether tampering can be detected.
 */
class RecordsEndpointTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static HttpResponse<String> send(int port, String method, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Path newFolder(String name) {
		try {
			return Files.createTempDirectory("charte-records-endpoint-" + name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
			"management.endpoints.web.exposure.include=health,records" })
	class WithoutASigningKey {

		static final Path FOLDER = newFolder("unsigned");

		static final Instant DECIDED = Instant.now().minusSeconds(60);

		static final PendingRecord SET_ASIDE = new PendingRecord(ConsentIds.newId(DECIDED), DECIDED, 1, "reject-all",
				Map.of("statistics", false), false, "fr", "/cookies", "cookies");

		@DynamicPropertySource
		static void folder(DynamicPropertyRegistry registry) throws IOException {
			// A decision the database refused before its cause was fixed.
			Files.writeString(FOLDER.resolve(SpillFile.REJECTED),
					Records.lines(Clock.systemUTC()).encode(SET_ASIDE) + "\n");
			registry.add("charte.records.folder", FOLDER::toString);
		}

		@LocalServerPort
		private int port;

		@LocalManagementPort
		private int managementPort;

		@Test
		void theOperatorSeesTheWriterAndWritesAgainWhatWasSetAsideTheVisitorsPortHasNeither(
				@Autowired RecordQueries records, CapturedOutput output) throws Exception {
			assertThat(send(this.port, "GET", "/actuator/records").statusCode()).isEqualTo(404);
			assertThat(send(this.port, "POST", "/actuator/records").statusCode()).isEqualTo(404);
			HttpResponse<String> state = send(this.managementPort, "GET", "/actuator/records");
			assertThat(state.statusCode()).isEqualTo(200);
			assertThat(state.body()).contains("\"setAside\":1", "\"lost\":0", "\"troubles\":{}",
					"\"signingKey\":\"none: tampering cannot be detected\"");
			// Waiting for the operator, whatever the database takes meanwhile: the records' health says so.
			assertThat(send(this.managementPort, "GET", "/actuator/health").body())
				.contains("\"consentRecords\":{\"status\":\"DOWN\"");

			HttpResponse<String> resubmitted = send(this.managementPort, "POST", "/actuator/records");

			assertThat(resubmitted.statusCode()).isEqualTo(200);
			assertThat(resubmitted.body()).isEqualTo("{\"resubmitted\":1}");
			await().atMost(Duration.ofSeconds(30)).until(() -> records.find(SET_ASIDE.consentId()).isPresent());
			assertThat(send(this.managementPort, "GET", "/actuator/records").body()).contains("\"setAside\":0");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> send(this.managementPort, "GET", "/actuator/health").body()
					.contains("\"consentRecords\":{\"status\":\"UP\""));
			assertThat(output.getOut()).contains("Consent records: no signing key (charte.records.signing-key): tampering"
					+ " with the records by someone with access to the database or the records folder cannot be detected");
		}

	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
			"management.endpoints.web.exposure.include=health,records" })
	class WithASigningKey {

		static final Path FOLDER = newFolder("signed");

		static final SigningKey KEY;

		static final String PEM = SigningKeyTest.newPem();

		static {
			KEY = SigningKey.load(PEM);
		}

		@DynamicPropertySource
		static void key(DynamicPropertyRegistry registry) throws IOException {
			Path key = FOLDER.resolveSibling(FOLDER.getFileName() + "-key.pem");
			Files.writeString(key, PEM);
			registry.add("charte.records.folder", FOLDER::toString);
			registry.add("charte.records.signing-key", key::toString);
			registry.add("charte.records.checkpoint-file", () -> FOLDER.resolveSibling(FOLDER.getFileName() + ".checkpoints"));
		}

		@LocalManagementPort
		private int managementPort;

		@Test
		void theStartSaysWhichKeySignsAndItsPublicHalfAndTheChainIsSignedAsItIsTaken(CapturedOutput output)
				throws Exception {
			assertThat(send(this.managementPort, "GET", "/actuator/records").body())
				.contains("\"signingKey\":\"" + KEY.id() + "\"");
			assertThat(output.getOut()).contains("Consent records: checkpoints signed with key " + KEY.id(),
					KEY.publicKeyPem());
			Path checkpoints = FOLDER.resolveSibling(FOLDER.getFileName() + ".checkpoints");
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(checkpoints));
			assertThat(CheckpointLog.read(java.util.List.of(checkpoints), Map.of(KEY.id(), KEY.publicKey())))
				.satisfies((evidence) -> {
					assertThat(evidence.problems()).isEmpty();
					assertThat(evidence.checkpoints()).isNotEmpty();
				});
		}

	}

}
