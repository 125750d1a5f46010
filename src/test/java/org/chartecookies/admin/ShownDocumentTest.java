package org.chartecookies.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.chartecookies.admin.ProofController.Shown;
import org.chartecookies.admin.ProofController.SnapshotState;
import org.chartecookies.records.ShownSnapshot;
import org.chartecookies.records.ShownSnapshots;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the proof page reads a snapshot: its parts found by the document's own markers (sections holding sections of
 * their own, as the charter does), nothing read from a document of another shape, and each state a snapshot can be in.
 */
class ShownDocumentTest {

	private static final String CHARTER = "<main><h1>Charte</h1><section id=\"category-necessary\"><p>Nécessaires</p>"
			+ "</section><section><p>Mesure</p></section></main>";

	private static final String DOCUMENT = ShownSnapshots.document("fr",
			":root { --cookie-banner-text: #111; } @media (prefers-color-scheme: dark) { :root { --x: 1; } }",
			"<div class=\"cookie-banner\"><p>Premier niveau</p></div>",
			"<div class=\"cookie-banner\"><details open><summary>Choix</summary></details></div>", CHARTER,
			"site: cookies\n<b>échappé</b>");

	@Test
	void thePartsAreTheSectionsAsStored() {
		ShownDocument document = ShownDocument.of(DOCUMENT).orElseThrow();
		assertThat(document.banner()).isEqualTo("<div class=\"cookie-banner\"><p>Premier niveau</p></div>");
		assertThat(document.choices())
			.isEqualTo("<div class=\"cookie-banner\"><details open><summary>Choix</summary></details></div>");
		assertThat(document.charter()).as("with the sections it holds").isEqualTo(CHARTER);
	}

	/** A site with no optional category, a charter of nothing: the parts are empty, the snapshot still shown. */
	@Test
	void emptyPartsAreShownEmpty() {
		ShownDocument document = ShownDocument.of(ShownSnapshots.document("fr", "", "", "", "", "")).orElseThrow();
		assertThat(document.style()).isEmpty();
		assertThat(document.banner()).isEmpty();
		assertThat(document.choices()).isEmpty();
		assertThat(document.charter()).isEmpty();
	}

	/** The parts are found by the document's markers, whatever comes before its style. */
	@Test
	void aDocumentThatStartsWithItsStyleIsRead() {
		String bare = DOCUMENT.substring(DOCUMENT.indexOf("<style>"));
		assertThat(ShownDocument.of(bare)).contains(ShownDocument.of(DOCUMENT).orElseThrow());
	}

	@Test
	void theStyleAppliesToEachPartsHostAndIsAllowedByItsHash() throws Exception {
		ShownDocument document = ShownDocument.of(DOCUMENT).orElseThrow();
		assertThat(document.style()).isEqualTo(
				":host { --cookie-banner-text: #111; } @media (prefers-color-scheme: dark) { :host { --x: 1; } }");
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(document.style().getBytes(StandardCharsets.UTF_8));
		assertThat(document.styleSource()).isEqualTo("'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
	}

	@Test
	void aDocumentOfAnotherShapeIsNotRead() {
		assertThat(ShownDocument.of("<p>just a page</p>")).isEmpty();
		assertThat(ShownDocument.of(DOCUMENT.replace("<style>", "<style media=print>"))).as("no style").isEmpty();
		assertThat(ShownDocument.of(DOCUMENT.replace("</style>", ""))).as("a style never closed").isEmpty();
		for (String section : ShownDocument.SECTIONS) {
			assertThat(ShownDocument.of(DOCUMENT.replace("id=\"" + section + "\"", "id=\"other\""))).as(section).isEmpty();
		}
		assertThat(ShownDocument.of(DOCUMENT.replace("</body>", ""))).as("no end of body").isEmpty();
		// The sections in another order.
		assertThat(ShownDocument.of(DOCUMENT.replace("snapshot-banner", "snapshot-x")
			.replace("snapshot-choices", "snapshot-banner")
			.replace("snapshot-x", "snapshot-choices"))).isEmpty();
		// A section that does not close before the next one.
		assertThat(ShownDocument.of(ShownSnapshots.document("fr", "", "", "", "", "")
			.replace("</section>\n<section id=\"snapshot-choices\">", "<section id=\"snapshot-choices\">"))).isEmpty();
	}

	@Test
	void aPartThatWouldCloseItsTemplateIsNotRead() {
		assertThat(ShownDocument.of(ShownSnapshots.document("fr", "", "<p>x</p></template><form>", "", "", ""))).isEmpty();
		assertThat(ShownDocument.of(ShownSnapshots.document("fr", "", "", "", "</TEMPLATE >", "")))
			.as("HTML's tag names have no case").isEmpty();
		assertThat(ShownDocument.of(ShownSnapshots.document("fr", "", "", "<template></template>", "", "")))
			.as("one that opens its own template closes it").isEmpty();
	}

	@Test
	void eachStateOfASnapshot() {
		assertThat(Shown.of("", Optional.empty()).state()).isEqualTo(SnapshotState.NONE);
		String hash = ShownSnapshot.sha256(DOCUMENT.getBytes(StandardCharsets.UTF_8));
		assertThat(Shown.of(hash, Optional.empty()).state()).isEqualTo(SnapshotState.MISSING);

		Shown shown = Shown.of(hash, Optional.of(snapshot(hash, DOCUMENT)));
		assertThat(shown.state()).isEqualTo(SnapshotState.SHOWN);
		assertThat(shown.actualHash()).isEqualTo(hash);
		assertThat(shown.document()).isPresent();
		assertThat(shown.asText()).isFalse();

		String altered = DOCUMENT.replace("Premier niveau", "Autre chose");
		Shown alteration = Shown.of(hash, Optional.of(snapshot(hash, altered)));
		assertThat(alteration.state()).isEqualTo(SnapshotState.ALTERED);
		assertThat(alteration.actualHash()).isEqualTo(ShownSnapshot.sha256(altered.getBytes(StandardCharsets.UTF_8)));
		assertThat(alteration.document()).as("never rendered").isEmpty();
		assertThat(alteration.asText()).isTrue();

		String page = "<p>not a snapshot</p>";
		String pageHash = ShownSnapshot.sha256(page.getBytes(StandardCharsets.UTF_8));
		Shown unreadable = Shown.of(pageHash, Optional.of(snapshot(pageHash, page)));
		assertThat(unreadable.state()).isEqualTo(SnapshotState.UNREADABLE);
		assertThat(unreadable.asText()).isTrue();
	}

	private static ShownSnapshot snapshot(String hash, String content) {
		return new ShownSnapshot(hash, "cookies", "fr", 1, Instant.parse("2026-12-01T00:00:00Z"),
				content.getBytes(StandardCharsets.UTF_8));
	}

}
