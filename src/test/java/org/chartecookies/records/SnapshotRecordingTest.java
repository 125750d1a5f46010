package org.chartecookies.records;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a visitor was shown is kept with their decision: the banner's form names the snapshot of its site and language,
 * stored once (in the records folder before it is served, in the database with the records naming it), its content
 * the banner's and the charter's words; a post that names none, or names one no instance made, records the current
 * one and says so; an edited registry, its revision unchanged, makes a new snapshot while the older records keep the
 * older one; the verification names a snapshot altered in the database. Real HTTP, the real registry files, H2.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=health,registry")
class SnapshotRecordingTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Pattern SNAPSHOT_FIELD = Pattern.compile("name=\"snapshot\" value=\"([0-9a-f]{64})\"");

	@TempDir
	static Path folder;

	private static String original;

	@LocalServerPort
	private int port;

	@Autowired
	private RecordStore store;

	@Autowired
	private RecordQueries queries;

	@Autowired
	private ChainVerification verification;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private RecordsProperties properties;

	@DynamicPropertySource
	static void folder(DynamicPropertyRegistry properties) throws IOException {
		for (String file : new String[] { "opendata.yaml", "shop.yaml" }) {
			Files.copy(Path.of("examples/sites").resolve(file), folder.resolve(file));
		}
		original = Files.readString(folder.resolve("shop.yaml"));
		properties.add("charte.registry.folder", folder::toString);
		properties.add("charte.registry.poll-interval", () -> "1h");
	}

	@AfterEach
	void restore() throws Exception {
		write(original);
	}

	private static void write(String text) throws IOException {
		Path temporary = folder.resolve(".shop.yaml.tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, folder.resolve("shop.yaml"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.header("X-Forwarded-Host", "shop.example.org").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String page(String language) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies?lang=" + language)))
			.body();
	}

	private static String snapshotOf(String page) {
		Matcher field = SNAPSHOT_FIELD.matcher(page);
		assertThat(field.find()).as("the banner's form names its snapshot").isTrue();
		return field.group(1);
	}

	/** Decides as a script would (JSON), with these extra form fields; answers the record. */
	private ConsentRecord decide(String language, String fields) throws Exception {
		HttpResponse<String> answer = send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Accept", "application/json")
					.header("Accept-Language", language)
					.POST(HttpRequest.BodyPublishers.ofString("decision=reject-all" + fields)));
		assertThat(answer.statusCode()).isEqualTo(200);
		String body = answer.body();
		int start = body.indexOf("\"consentId\":\"") + 13;
		String consentId = body.substring(start, body.indexOf('"', start));
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> this.store.find(consentId), (found) -> found.isPresent())
			.orElseThrow();
	}

	@Test
	void eachLanguagesBannerNamesAStoredSnapshotOfItsOwnWordsAndTheDecisionRecordsIt() throws Exception {
		String english = snapshotOf(page("en"));
		String french = snapshotOf(page("fr"));
		assertThat(english).isNotEqualTo(french);
		assertThat(snapshotOf(page("en"))).as("made once, the same for every visitor").isEqualTo(english);

		PendingRecord recorded = decide("en", "&snapshot=" + english).content();
		assertThat(recorded.snapshotHash()).isEqualTo(english);
		assertThat(recorded.snapshotNamed()).isTrue();
		assertThat(decide("fr", "&snapshot=" + french).content().snapshotHash()).isEqualTo(french);

		ShownSnapshot shown = this.queries.snapshot(english).orElseThrow();
		assertThat(shown.intact()).isTrue();
		assertThat(shown.site()).isEqualTo("shop");
		assertThat(shown.language()).isEqualTo("en");
		assertThat(shown.registryRevision()).isEqualTo(3);
		String text = shown.text();
		assertThat(text).startsWith("<!DOCTYPE html>")
			.contains("<html lang=\"en\">", "<title>La Boutique: en, registry revision 3</title>", "Accept all",
					"Reject all", "measuring our advertising campaigns", "Advertising cookies",
					"The shop uses a few cookies to keep your basket", "ad_click", "id=\"snapshot-choices\"",
					"id=\"snapshot-registry\"", "<details class=\"cookie-banner__details\" open")
			.doesNotContain("<script", " src=", "<link", "name=\"snapshot\"", "Tout accepter");
		assertThat(this.queries.snapshot(french).orElseThrow().text()).contains("Tout accepter", "Tout refuser",
				"Cookies publicitaires");
		// In the records folder too, under its hash: anyone can check it with sha256sum.
		Path file = this.properties.folder().resolve("snapshots").resolve(english + ".html");
		assertThat(ShownSnapshot.sha256(Files.readAllBytes(file))).isEqualTo(english);
	}

	@Test
	void aPostNamingNoSnapshotOrAnUnknownOrMalformedOneRecordsTheCurrentOneAndSaysSo() throws Exception {
		String current = snapshotOf(page("en"));
		for (String fields : new String[] { "", "&snapshot=" + "ab".repeat(32), "&snapshot=" + current.toUpperCase(),
				"&snapshot=..%2F..%2Fetc%2Fpasswd", "&snapshot=" + current + "&snapshot=" + current,
				"&snapshot=" + "a".repeat(5000), "&snapshot=%00" }) {
			PendingRecord recorded = decide("en", fields).content();
			assertThat(recorded.snapshotHash()).as(fields).isEqualTo(current);
			assertThat(recorded.snapshotNamed()).as(fields).isFalse();
		}
	}

	/**
	 * A real snapshot of the same site, but in the other language, is not what a visitor answering in this one saw: it
	 * is recorded as not named, with this language's snapshot (an outsider posted French's hash with an English
	 * decision, and the proof showed the French banner as what the visitor saw).
	 */
	@Test
	void aPostNamingAnotherLanguagesSnapshotRecordsItsOwnLanguagesAndSaysSo() throws Exception {
		String english = snapshotOf(page("en"));
		String french = snapshotOf(page("fr"));

		PendingRecord recorded = decide("en", "&snapshot=" + french).content();

		assertThat(recorded.snapshotHash()).isEqualTo(english);
		assertThat(recorded.snapshotNamed()).isFalse();
	}

	@Test
	void anEditedRegistryWithoutARaisedRevisionMakesANewSnapshotAndOlderRecordsKeepTheOlderOne() throws Exception {
		String before = snapshotOf(page("en"));
		ConsentRecord older = decide("en", "&snapshot=" + before);

		write(original.replace("measuring our advertising campaigns", "measuring our partners' campaigns"));
		await().atMost(Duration.ofSeconds(20)).until(() -> page("en").contains("measuring our partners"));

		String after = snapshotOf(page("en"));
		assertThat(after).isNotEqualTo(before);
		ConsentRecord newer = decide("en", "&snapshot=" + after);
		assertThat(this.queries.snapshot(after).orElseThrow().text()).contains("measuring our partners")
			.contains("registry revision 3");
		assertThat(this.store.find(older.content().consentId()).orElseThrow().content().snapshotHash()).isEqualTo(before);
		assertThat(this.queries.snapshot(before).orElseThrow().text()).contains("measuring our advertising campaigns");
		assertThat(newer.content().snapshotHash()).isEqualTo(after);
		// A decision made on the older banner, posted after the edit, still names what that visitor saw.
		assertThat(decide("en", "&snapshot=" + before).content().snapshotHash()).isEqualTo(before);
	}

	@Test
	void aSnapshotAlteredInTheDatabaseIsNamedByTheVerification() throws Exception {
		String hash = snapshotOf(page("fr"));
		decide("fr", "&snapshot=" + hash);
		assertThat(this.verification.verify().snapshots()).isEmpty();
		byte[] content = this.queries.snapshot(hash).orElseThrow().content();
		String forged = new String(content, StandardCharsets.UTF_8).replace("Tout refuser", "Refuser");
		try {
			this.jdbc.sql("UPDATE consent_snapshot SET content = ? WHERE snapshot_hash = ?")
				.params(forged.getBytes(StandardCharsets.UTF_8), hash)
				.update();

			ChainVerification.Report report = this.verification.verify();

			assertThat(report.verified()).isFalse();
			assertThat(report.snapshots()).extracting(SnapshotProblem::hash, SnapshotProblem::fault)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(hash, SnapshotProblem.Fault.ALTERED));
			assertThat(report.snapshots().getFirst().describe()).contains(hash, "altered");
		}
		finally {
			this.jdbc.sql("UPDATE consent_snapshot SET content = ? WHERE snapshot_hash = ?").params(content, hash).update();
		}
		assertThat(this.verification.verify().snapshots()).isEmpty();
	}

	@Test
	void aFormPostNamingASnapshotIsAnsweredLikeAnyOther() throws Exception {
		String hash = snapshotOf(page("en"));
		HttpResponse<String> answer = send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("decision=accept-all&return=%2Fcookies&snapshot="
							+ URLEncoder.encode(hash, StandardCharsets.UTF_8))));
		assertThat(answer.statusCode()).isEqualTo(303);
	}

}
