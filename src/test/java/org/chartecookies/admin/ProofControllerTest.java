package org.chartecookies.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.chartecookies.admin.ProofController.Shown;
import org.chartecookies.admin.ProofController.SnapshotState;
import org.chartecookies.records.RecordQueries.RecordedDecision;
import org.chartecookies.records.RecordsInMemory;
import org.chartecookies.records.ShownSnapshot;
import org.chartecookies.records.ShownSnapshots;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the proof page says of a consent, without a server (the proof page's own tests check it over HTTP): the
 * refusals, the snapshot shown only when intact and under a policy allowing its style alone, and a snapshot stored as
 * another site's, language's or revision's than the record's, or as first shown after the decision, named as such.
 */
class ProofControllerTest {

	/** The application's policy, as its security headers give it to every page. */
	private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'; "
			+ "object-src 'none'";

	private static final Instant DECIDED = Instant.parse("2026-12-07T10:00:00Z");

	private static final String STYLE = ":root { --cookie-banner-text: #111; }";

	private static final String DOCUMENT = ShownSnapshots.document("fr", STYLE, "<p>Premier niveau</p>",
			"<p>Choix</p>", "<main><h1>Charte</h1></main>", "site: cookies");

	private final RecordsInMemory records = new RecordsInMemory();

	private final ProofController controller = new ProofController(this.records.queries());

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final ExtendedModelMap model = new ExtendedModelMap();

	private String proof(String id) {
		this.response.setHeader(ProofController.CSP, POLICY);
		return this.controller.proof(id, this.response, this.model);
	}

	private Shown shown() {
		return (Shown) this.model.get("shown");
	}

	private boolean mislabelled() {
		return (Boolean) this.model.get("mislabelled");
	}

	/** The policy with its script, form and style directives as the proof page has them. */
	private static String restricted(String style) {
		return POLICY.replace("script-src 'self'", "script-src 'none'")
			.replace("form-action 'self'", "form-action 'none'")
			.replace("style-src 'self'", style);
	}

	@Test
	void aTextThatCannotBeAConsentIdIsRefusedAs400() {
		for (String id : new String[] { "not-an-id", "A".repeat(21), "A".repeat(23), "AAAAAAAAAAAAAAAAAAAAA.",
				"'" }) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			ExtendedModelMap model = new ExtendedModelMap();
			assertThat(this.controller.proof(id, response, model)).isEqualTo("admin/proof");
			assertThat(response.getStatus()).as(id).isEqualTo(400);
			assertThat(model).as(id).containsEntry("invalid", true).doesNotContainKeys("record", "unknown");
		}
	}

	@Test
	void aConsentIdNoRecordHasIs404() {
		assertThat(proof("A".repeat(22))).isEqualTo("admin/proof");
		assertThat(this.response.getStatus()).isEqualTo(404);
		assertThat(this.model).containsEntry("unknown", true).containsEntry("id", "A".repeat(22))
			.doesNotContainKeys("record", "invalid");
	}

	@Test
	void aRecordWithItsIntactSnapshotShowsItUnderAPolicyThatAllowsItsStyleAloneAndNoScriptNorForm() {
		String hash = this.records.snapshot("cookies", "fr", 1, DECIDED.minusSeconds(3600), DOCUMENT);
		String id = this.records.decided("cookies", "fr", 1, DECIDED, hash, true);

		assertThat(proof(id)).isEqualTo("admin/proof");

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(((RecordedDecision) this.model.get("record")).consentId()).isEqualTo(id);
		assertThat(this.model).containsKey("links").containsEntry("snapshotNamed", true)
			.containsEntry("mislabelled", false).containsEntry("formsOff", true);
		assertThat(shown().state()).isEqualTo(SnapshotState.SHOWN);
		assertThat(shown().document()).map(ShownDocument::banner).contains("<p>Premier niveau</p>");
		assertThat(((ShownSnapshot) this.model.get("snapshot")).hash()).isEqualTo(hash);
		String style = shown().document().orElseThrow().styleSource();
		assertThat(style).startsWith("'sha256-");
		assertThat(this.response.getHeader(ProofController.CSP)).isEqualTo(restricted("style-src 'self' " + style));
	}

	/** Copied from the CSV export, which writes an id that starts like a formula (a {@code -}) after a quote. */
	@Test
	void anIdAsTheCsvWritesItIsFound() {
		String id = this.records.decided("cookies", "fr", 1, DECIDED, "", false);

		proof("'" + id);

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.model).containsEntry("id", id);
		assertThat(((RecordedDecision) this.model.get("record")).consentId()).isEqualTo(id);
	}

	@Test
	void aSnapshotStoredAsAnotherSitesLanguagesOrRevisionsIsNamedMislabelled() {
		String[][] stored = { { "shop", "fr", "1" }, { "cookies", "en", "1" }, { "cookies", "fr", "2" } };
		for (String[] as : stored) {
			String document = ShownSnapshots.document(as[1], STYLE, "<p>" + String.join(" ", as) + "</p>", "", "", "");
			String hash = this.records.snapshot(as[0], as[1], Integer.parseInt(as[2]), DECIDED.minusSeconds(60), document);
			String id = this.records.decided("cookies", "fr", 1, DECIDED, hash, true);
			proof(id);
			assertThat(mislabelled()).as(String.join(" ", as)).isTrue();
			assertThat(shown().state()).as("intact all the same").isEqualTo(SnapshotState.SHOWN);
		}
	}

	/** The minute of slack the verification allows too: a script's post may come before the banner's first showing. */
	@Test
	void aSnapshotFirstShownMoreThanAMinuteAfterTheDecisionIsNamedMislabelled() {
		String withinAMinute = this.records.snapshot("cookies", "fr", 1, DECIDED.plusSeconds(60),
				DOCUMENT.replace("Charte", "Charte 1"));
		String after = this.records.snapshot("cookies", "fr", 1, DECIDED.plusSeconds(61),
				DOCUMENT.replace("Charte", "Charte 2"));

		proof(this.records.decided("cookies", "fr", 1, DECIDED, withinAMinute, true));
		assertThat(mislabelled()).isFalse();
		proof(this.records.decided("cookies", "fr", 1, DECIDED, after, true));
		assertThat(mislabelled()).isTrue();
	}

	@Test
	void anAlteredSnapshotIsNamedAndItsStyleNotAllowed() {
		String hash = this.records.snapshot("cookies", "fr", 1, DECIDED, DOCUMENT);
		String id = this.records.decided("cookies", "fr", 1, DECIDED, hash, true);
		ShownSnapshots.alter(this.records.jdbc(), hash, DOCUMENT.replace("Premier niveau", "Tout accepter"));

		proof(id);

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(shown().state()).isEqualTo(SnapshotState.ALTERED);
		assertThat(shown().asText()).isTrue();
		assertThat(shown().actualHash()).isNotEqualTo(hash);
		assertThat(this.response.getHeader(ProofController.CSP)).isEqualTo(restricted("style-src 'self'"));
	}

	@Test
	void aSnapshotTheDatabaseLostIsNamedMissing() {
		String lost = ShownSnapshot.sha256("<p>lost</p>".getBytes(StandardCharsets.UTF_8));
		String id = this.records.decided("cookies", "fr", 1, DECIDED, lost, true);

		proof(id);

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(shown().state()).isEqualTo(SnapshotState.MISSING);
		assertThat(this.model).containsEntry("mislabelled", false).doesNotContainKey("snapshot");
		assertThat(this.response.getHeader(ProofController.CSP)).isEqualTo(restricted("style-src 'self'"));
	}

	/**
	 * A record of the time before snapshots names none, and the page does not say a script posted it; one whose post
	 * named no snapshot (a script's own) recorded the current one, and the page says so.
	 */
	@Test
	void whetherThePostNamedItsSnapshot() {
		proof(this.records.decided("cookies", "fr", 1, DECIDED, "", false));
		assertThat(this.model).containsEntry("snapshotNamed", true).doesNotContainKey("snapshot");
		assertThat(shown().state()).isEqualTo(SnapshotState.NONE);

		String hash = this.records.snapshot("cookies", "fr", 1, DECIDED, DOCUMENT);
		ExtendedModelMap model = new ExtendedModelMap();
		this.controller.proof(this.records.decided("cookies", "fr", 1, DECIDED, hash, false),
				new MockHttpServletResponse(), model);
		assertThat(model).containsEntry("snapshotNamed", false);
		assertThat(((Shown) model.get("shown")).state()).isEqualTo(SnapshotState.SHOWN);
	}

	/** Without the application's policy (none set before), the page sets none of its own. */
	@Test
	void withoutAPolicyNoneIsMadeUp() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ProofController.restrict(response, Optional.empty());
		assertThat(response.getHeader(ProofController.CSP)).isNull();
	}

}
