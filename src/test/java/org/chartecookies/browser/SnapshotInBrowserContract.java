package org.chartecookies.browser;

import java.time.Duration;

import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.RecordQueries.RecordedDecision;
import org.chartecookies.records.ShownSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A visitor decides in a real browser, on each language's banner, with JavaScript on and off: the record names a
 * stored snapshot, unaltered, whose content holds the words of the banner that visitor was shown. Run on each
 * database the records may be kept in.
 */
abstract class SnapshotInBrowserContract extends VisitorTest {

	@Autowired
	private RecordQueries records;

	@ParameterizedTest(name = "{0}, JavaScript on: {1}")
	@CsvSource({ "fr, true, Tout refuser, Tout accepter", "en, false, Reject all, Accept all",
			"fr, false, Tout refuser, Tout accepter", "en, true, Reject all, Accept all" })
	void theDecisionNamesASnapshotOfTheBannerTheVisitorSaw(String language, boolean javascript, String refuse,
			String accept) {
		visit(javascript).open("/cookies?lang=" + language);
		String shownText = this.visitor.banner().orElseThrow().getText();
		assertThat(shownText).contains(refuse, accept);

		this.visitor.decide(refuse);
		String consentId = this.visitor.decision().consentId();

		RecordedDecision recorded = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.records.find(consentId), (found) -> found.isPresent())
			.orElseThrow();
		assertThat(recorded.snapshotHash()).matches("[0-9a-f]{64}");
		assertThat(recorded.snapshotNamed()).as("the banner's form named it").isTrue();
		ShownSnapshot snapshot = this.records.snapshot(recorded.snapshotHash()).orElseThrow();
		assertThat(snapshot.intact()).isTrue();
		assertThat(snapshot.language()).isEqualTo(language);
		assertThat(snapshot.text()).contains("<html lang=\"" + language + "\">", refuse, accept)
			.doesNotContain("<script");
		// Every line of the first layer the visitor read is in the snapshot, word for word (read as HTML reads: its
		// spaces collapsed, its entities decoded).
		String words = HtmlUtils.htmlUnescape(snapshot.text().replaceAll("\\s+", " "));
		for (String line : shownText.split("\n")) {
			assertThat(words).contains(line.strip());
		}
	}

}
