package org.chartecookies.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines of the records folder's files are outside the database's protection: with a signing key, a line nobody
 * with the key wrote is never taken; with or without one, a line is taken only if the consent endpoint could have made
 * its decision (a known site, a consent id, a time within the waiting period, a page path).
 */
class WaitingLinesTest {

	static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final SigningKey KEY = SigningKeyTest.newKey();

	private final WaitingLines keyed = new WaitingLines(KEY, Set.of("cookies", "shop")::contains, CLOCK,
			Duration.ofDays(30));

	private final WaitingLines plain = new WaitingLines(null, Set.of("cookies", "shop")::contains, CLOCK,
			Duration.ofDays(30));

	private static PendingRecord decision() {
		return new PendingRecord("vJ1mJfBXiocAWqKZy0c4eQ", NOW.minusSeconds(60), 3, "custom",
				Map.of("statistics", false, "video", true), true, "en", "/datasets/rail", "shop");
	}

	private static PendingRecord with(String consentId, Instant decidedAt, String kind, Map<String, Boolean> choices,
			String language, String pagePath, String site) {
		return new PendingRecord(consentId, decidedAt, 3, kind, choices, false, language, pagePath, site);
	}

	@Test
	void aLineWrittenIsReadBackAsTheSameDecisionWithAndWithoutAKey() {
		assertThat(this.keyed.read(this.keyed.encode(decision()))).isEqualTo(new WaitingLines.Reading(decision(), null));
		assertThat(this.plain.read(this.plain.encode(decision()))).isEqualTo(new WaitingLines.Reading(decision(), null));
		assertThat(this.keyed.encode(decision())).startsWith("r2\t").isNotEqualTo(this.plain.encode(decision()));
	}

	@Test
	void withAKeyALineAlteredOrWrittenWithoutItIsNotTaken() {
		String line = this.keyed.encode(decision());
		String accepted = line.replace("statistics=refused", "statistics=accepted");

		assertThat(this.keyed.read(accepted).problem()).startsWith("not authenticated");
		assertThat(this.keyed.read(this.plain.encode(decision())).problem())
			.isEqualTo("not authenticated (written without the signing key)");
		WaitingLines otherKey = new WaitingLines(SigningKeyTest.newKey(), (site) -> true, CLOCK, Duration.ofDays(30));
		assertThat(this.keyed.read(otherKey.encode(decision())).problem()).startsWith("not authenticated");
		// The code of another line does not fit this one.
		PendingRecord other = with("AAZxBoDZSQa7phcO-gBIhQ", NOW, "reject-all", Map.of("statistics", false), "fr", "/",
				"cookies");
		String otherLine = this.keyed.encode(other);
		String swapped = line.substring(0, line.lastIndexOf('\t')) + otherLine.substring(otherLine.lastIndexOf('\t'));
		assertThat(this.keyed.read(swapped).problem()).startsWith("not authenticated");
	}

	@Test
	void withoutAKeyAnAuthenticatedLineIsReadForWhatItSays() {
		assertThat(this.plain.read(this.keyed.encode(decision())).record()).isEqualTo(decision());
	}

	@Test
	void aDecisionTheEndpointCouldNotHaveMadeIsNotTakenEvenWithAValidCode() {
		Map<String, Boolean> none = Map.of();
		assertThat(problem(with("chosen-by-hand", NOW, "accept-all", none, "fr", "/", "cookies")))
			.isEqualTo("not a consent id");
		// 128 bits end with one of four characters: another is a second writing of an id.
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eR", NOW, "accept-all", none, "fr", "/", "cookies")))
			.isEqualTo("not a consent id");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "accept-some", none, "fr", "/", "cookies")))
			.isEqualTo("not a kind of decision");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "accept-all", Map.of("statistics", false), "fr", "/",
				"cookies"))).isEqualTo("choices that are not those of accept-all");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "reject-all", Map.of("statistics", true), "fr", "/",
				"cookies"))).isEqualTo("choices that are not those of reject-all");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "acknowledge", Map.of("statistics", false), "fr", "/",
				"cookies"))).isEqualTo("choices that are not those of acknowledge");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "custom", Map.of("Statistics", true), "fr", "/",
				"cookies"))).isEqualTo("not a category id");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "custom", none, "french", "/", "cookies")))
			.isEqualTo("not a language");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "custom", none, "fr", "/\r\nSet-Cookie: x", "cookies")))
			.isEqualTo("not a page path");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "custom", none, "fr", "//evil.example", "cookies")))
			.isEqualTo("not a page path");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "custom", none, "fr", "/page?email=a@b.c", "cookies")))
			.isEqualTo("not a page path");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "custom", none, "fr", "/", "elsewhere")))
			.isEqualTo("a site this application does not serve");
	}

	@Test
	void aDecisionTheEndpointCouldHaveMadeIsTakenWhateverItsKind() {
		assertThat(problem(new PendingRecord("vJ1mJfBXiocAWqKZy0c4eQ", NOW, 0, "acknowledge", Map.of(), false, "fr", "/",
				"cookies"))).as("revision 0, an information notice acknowledged").isNull();
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "accept-all", Map.of("statistics", true), "fr", "/a",
				"cookies"))).isNull();
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW, "reject-all", Map.of("statistics", false), "fr", "/a",
				"cookies"))).isNull();
	}

	@Test
	void aTimeOutsideTheWaitingPeriodIsNotTaken() {
		Map<String, Boolean> none = Map.of();
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", Instant.parse("5138-01-01T00:00:00Z"), "reject-all", none,
				"fr", "/", "cookies"))).isEqualTo("decided in the future");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW.plus(Duration.ofMinutes(6)), "reject-all", none, "fr", "/",
				"cookies"))).isEqualTo("decided in the future");
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW.minus(Duration.ofDays(31)), "reject-all", none, "fr", "/",
				"cookies"))).startsWith("decided before the waiting period");
		// A clock a little ahead, and the oldest decision that may still wait: taken.
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW.plus(Duration.ofMinutes(5)), "reject-all", none, "fr", "/",
				"cookies"))).isNull();
		assertThat(problem(with("vJ1mJfBXiocAWqKZy0c4eQ", NOW.minus(Duration.ofDays(30)), "reject-all", none, "fr", "/",
				"cookies"))).isNull();
	}

	@Test
	void aLineTheWriterNeverWritesIsUnreadable() {
		String line = this.plain.encode(decision());
		assertThat(this.plain.read("").problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line + "\textra").problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.substring(0, line.lastIndexOf('\t'))).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("r1\t", "r9\t")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\ttrue\t", "\tyes\t")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("statistics=refused", "statistics=maybe")).problem())
			.isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("statistics=refused,video=accepted", "video=accepted,statistics=refused"))
			.problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\t3\t", "\tthree\t")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\t3\t", "\t-1\t")).problem()).isEqualTo("a negative revision");
		assertThat(this.plain.read(line.replace("en", "\u00e9")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("en", "e\u001f")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("en", "e\u007f")).problem()).isEqualTo("unreadable");
		// Printable ASCII is read, and judged for what it says.
		assertThat(this.plain.read(line.replace("en", "e ")).problem()).isEqualTo("not a language");
		assertThat(this.plain.read(line.replace("en", "e~")).problem()).isEqualTo("not a language");
		assertThat(this.plain.read(this.keyed.encode(decision()).replaceFirst("^r2", "r1")).problem()).isEqualTo("unreadable");
	}

	private String problem(PendingRecord record) {
		return this.keyed.read(this.keyed.encode(record)).problem();
	}

}
