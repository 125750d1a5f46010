package org.chartecookies.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.ShownSnapshot;
import org.chartecookies.records.ShownSnapshots;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The proof of a consent over real HTTP, on each database the records are kept in: the banner and charter the
 * visitor was shown, rendered from the stored snapshot under a policy that allows no script, no form and nothing from
 * elsewhere; every state a snapshot can be in; the downloads, byte for byte; the CSV's snapshot column; the refusals.
 */
abstract class ProofPageContract {

	@LocalServerPort
	private int port;

	@Autowired
	private RecordQueries records;

	@Autowired
	private JdbcClient jdbc;

	private Operator operator(String clientAddress) throws Exception {
		Operator operator = new Operator(this.port, clientAddress);
		assertThat(operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		return operator;
	}

	private String origin() {
		return "http://localhost:" + this.port;
	}

	/**
	 * A decision posted without naming its snapshot (as a script's own post is) records the snapshot current for its
	 * site and language, and its proof says so.
	 */
	@Test
	void theProofShowsTheBannerAndCharterOfTheVisitorsLanguageWhateverThePagesLanguage() throws Exception {
		Map<String, String> ids = new LinkedHashMap<>();
		Map<String, String> hashes = new LinkedHashMap<>();
		for (String language : List.of("fr", "en")) {
			String id = decide("accept-all", language);
			ids.put(language, id);
			hashes.put(language, this.records.find(id).orElseThrow().snapshotHash());
		}
		assertThat(hashes.values()).doesNotContain("").doesNotHaveDuplicates();
		Operator operator = operator("198.51.100.31");

		// The page in English, the French visitor's banner in French; and the other way round.
		HttpResponse<String> french = operator.get("/admin/proof/" + ids.get("fr") + "?lang=en");
		assertThat(french.statusCode()).isEqualTo(200);
		assertThat(french.body()).contains("<h1>Proof of consent</h1>", "The snapshot matches its hash " + hashes.get("fr"),
				"The form posted did not name the snapshot it showed")
			.contains("Nous utilisons des cookies nécessaires au fonctionnement de la plateforme.", "Tout refuser",
					"Enregistrer mes choix", "<h1>Charte cookies</h1>")
			.doesNotContain("We use cookies that the platform needs to work.");
		HttpResponse<String> english = operator.get("/admin/proof/" + ids.get("en") + "?lang=fr");
		assertThat(english.body()).contains("<h1>Preuve du consentement</h1>",
				"We use cookies that the platform needs to work.", "Reject all", "Save my choices",
				"<h1>Cookie charter</h1>")
			.doesNotContain("Nous utilisons des cookies");

		for (HttpResponse<String> proof : List.of(french, english)) {
			String policy = proof.headers().firstValue("Content-Security-Policy").orElseThrow();
			assertThat(policy).contains("script-src 'none'", "form-action 'none'", "default-src 'none'")
				.containsPattern("style-src 'self' 'sha256-[A-Za-z0-9+/]{43}='")
				.doesNotContain("unsafe-inline");
			// Nothing loaded from elsewhere: no script, no frame, no source or style sheet of another origin.
			assertThat(proof.body()).doesNotContain("<script", "<iframe", "<object", "<embed")
				.doesNotContainPattern("(?i)\\s(src|srcset|poster|data)\\s*=\\s*\"(https?:)?//")
				.doesNotContainPattern("(?i)<link[^>]+href=\"(https?:)?//")
				.doesNotContainPattern("(?i)url\\(\\s*['\"]?(https?:)?//")
				.as("the snapshot's buttons send nothing: no logout form either")
				.doesNotContain("/admin/logout")
				.contains("shadowrootmode=\"open\"", "data-shown=\"banner\"", "data-shown=\"choices\"",
						"data-shown=\"charter\"");
		}
	}

	@Test
	void aSnapshotAlteredInTheDatabaseIsSaidAndItsStoredContentShownAsText() throws Exception {
		String id = decide("reject-all", "fr");
		String hash = ShownSnapshots.store(this.jdbc, "cookies", "fr", 1, ShownSnapshots.document("fr", "p{color:red}",
				"<p>Bandeau d'origine</p>", "<p>Choix</p>", "<main>Charte</main>", "registre"));
		ShownSnapshots.answered(this.jdbc, id, hash);
		String altered = ShownSnapshots.document("fr", "p{color:red}", "<p>Bandeau <b>modifié</b></p>", "<p>Choix</p>",
				"<main>Charte</main>", "registre");
		ShownSnapshots.alter(this.jdbc, hash, altered);

		HttpResponse<String> proof = operator("198.51.100.32").get("/admin/proof/" + id + "?lang=en");
		assertThat(proof.statusCode()).isEqualTo(200);
		assertThat(proof.body()).contains("data-snapshot-state=\"altered\"",
				"This decision&#39;s snapshot was altered in the database: its content no longer matches its hash.",
				"Hash the record names: " + hash + ". Hash of the content stored: "
						+ ShownSnapshot.sha256(altered.getBytes(StandardCharsets.UTF_8)) + ".",
				"The snapshot&#39;s stored content, altered")
			// Shown as text, never rendered: its markup is not the page's.
			.contains("&lt;p&gt;Bandeau &lt;b&gt;modifié&lt;/b&gt;&lt;/p&gt;")
			.doesNotContain("<b>modifié</b>", "shadowrootmode");
		assertThat(proof.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("sha256-");
	}

	/** What a snapshot was stored with is not in its hash: when it disagrees with the record, the page says so. */
	@Test
	void aSnapshotStoredAsAnotherLanguagesOrRevisionsIsSaid() throws Exception {
		String id = decide("reject-all", "fr");
		String hash = ShownSnapshots.store(this.jdbc, "cookies", "de", 99, ShownSnapshots.document("fr", "p{color:red}",
				"<p>Bandeau</p>", "<p>Choix</p>", "<main>Charte</main>", "registre"));
		ShownSnapshots.answered(this.jdbc, id, hash);

		HttpResponse<String> proof = operator("198.51.100.33").get("/admin/proof/" + id + "?lang=en");

		assertThat(proof.statusCode()).isEqualTo(200);
		assertThat(proof.body()).contains("data-snapshot-mislabelled",
				"The snapshot is stored as site cookies, language de, charter revision 99, first shown on ",
				"while this record says site cookies, language fr, revision 1, decided on ");
	}

	@Test
	void aRecordWithoutSnapshotAndOneWhoseSnapshotIsGoneSaySo() throws Exception {
		// Records as written before snapshots, and with a snapshot the database lost (their hashes no longer match:
		// the snapshot's hash is part of a record's hashed content).
		String before = decide("accept-all", "en");
		ShownSnapshots.answered(this.jdbc, before, "");
		String gone = decide("reject-all", "en");
		ShownSnapshots.answered(this.jdbc, gone, "0".repeat(64));
		Operator operator = operator("198.51.100.33");

		assertThat(operator.get("/admin/proof/" + before + "?lang=en").body()).contains("data-snapshot-state=\"none\"",
				"it was recorded before the application kept what it showed, or while it could not keep it")
			.doesNotContain("Check it offline");
		assertThat(operator.get("/admin/proof/" + gone + "?lang=en").body()).contains("data-snapshot-state=\"missing\"",
				"The snapshot " + "0".repeat(64) + " this record names is not in the database");
	}

	@Test
	void downloadsAreTheStoredBytesNamedByTheirHash() throws Exception {
		String id = decide("accept-all", "fr");
		String hash = this.records.find(id).orElseThrow().snapshotHash();
		// A snapshot no record of the period answered is not exported with it.
		String unanswered = ShownSnapshots.store(this.jdbc, "cookies", "en", 1,
				ShownSnapshots.document("en", "", "<p>unanswered</p>", "", "", ""));
		Operator operator = operator("198.51.100.34");

		String proof = operator.get("/admin/proof/" + id + "?lang=en").body();
		assertThat(proof).contains("href=\"/admin/snapshots/" + hash + ".html\"", "sha256sum " + hash + ".html");
		HttpResponse<byte[]> file = operator.download("/admin/snapshots/" + hash + ".html");
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(ShownSnapshot.sha256(file.body())).isEqualTo(hash);
		assertThat(file.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + hash + ".html\"");

		String today = LocalDate.now(ZoneOffset.UTC).toString();
		HttpResponse<byte[]> zip = operator.download("/admin/snapshots?from=" + today + "&to=" + today);
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(zip.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"consent-snapshots-" + today + "-to-" + today + ".zip\"");
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream files = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
			for (ZipEntry entry = files.getNextEntry(); entry != null; entry = files.getNextEntry()) {
				entries.put(entry.getName(), ShownSnapshot.sha256(files.readAllBytes()));
			}
		}
		assertThat(entries).containsEntry(hash + ".html", hash).doesNotContainKey(unanswered + ".html")
			.allSatisfy((name, sha256) -> assertThat(name).isEqualTo(sha256 + ".html"));

		List<String> csv = operator.get("/admin/export?from=" + today + "&to=" + today).body().lines().toList();
		assertThat(csv.get(0)).endsWith(",site,snapshot_hash");
		assertThat(csv).filteredOn((line) -> line.contains(id + ",")).singleElement()
			.satisfies((line) -> assertThat(line).endsWith(",cookies," + hash));
	}

	@Test
	void badNamesAreRefusedAndEveryAddressNeedsALogin() throws Exception {
		Operator operator = operator("198.51.100.35");
		HttpResponse<String> malformed = operator.get("/admin/proof/not-an-id?lang=en");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("This is not a consent id");
		HttpResponse<String> unknown = operator.get("/admin/proof/AAAAAAAAAAAAAAAAAAAAAA?lang=en");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("No decision is recorded under the id AAAAAAAAAAAAAAAAAAAAAA.");
		HttpResponse<String> badHash = operator.get("/admin/snapshots/ABC.html?lang=en");
		assertThat(badHash.statusCode()).isEqualTo(400);
		assertThat(badHash.body()).contains("This is not a snapshot&#39;s name");
		assertThat(operator.get("/admin/snapshots/" + "0".repeat(64) + ".html").statusCode()).isEqualTo(404);
		assertThat(operator.get("/admin/snapshots?from=2026-13-01").statusCode()).isEqualTo(400);

		Operator stranger = new Operator(this.port, "198.51.100.36");
		for (String path : List.of("/admin/proof/AAAAAAAAAAAAAAAAAAAAAA", "/admin/snapshots/" + "0".repeat(64) + ".html",
				"/admin/snapshots")) {
			HttpResponse<String> answer = stranger.get(path);
			assertThat(answer.statusCode()).as(path).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location")).as(path)
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/admin/login"));
		}
	}

	/** A visitor's decision, posted as the banner's form does, once it is in the database. */
	private String decide(String decision, String language) throws IOException, InterruptedException {
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(origin() + "/cookies/consent"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.header("Accept-Language", language)
				.POST(HttpRequest.BodyPublishers.ofString("decision=" + decision + "&return=%2Fcookies"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String body = answer.body();
		int start = body.indexOf("\"consentId\":\"") + 13;
		String id = body.substring(start, body.indexOf('"', start));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		return id;
	}

}
