package org.chartecookies.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.chartecookies.consent.ConsentIds;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines of the records folder's files are outside the database's protection: with a signing key, a line nobody
 * with the key wrote is never taken; with or without one, a line is taken only if the consent endpoint could have made
 * its decision (a site served, a consent id made at its decision's time, a revision the site had, the categories of
 * the current revision when it is that one, a language of the charter, a page path, a time within the waiting period).
 */
class WaitingLinesTest {

	static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	/** The site {@code shop}: the default registry (one optional category, {@code statistics}) at revision 3. */
	private static final CookieRegistry SHOP = Records.revised(Registries.defaultRegistry(), 3);

	private static @Nullable CookieRegistry registry(String site) {
		return site.equals("shop") ? SHOP : null;
	}

	static final SigningKey KEY = SigningKeyTest.newKey();

	private final WaitingLines keyed = new WaitingLines(KEY, WaitingLinesTest::registry, CLOCK, Duration.ofDays(30));

	private final WaitingLines plain = new WaitingLines(null, WaitingLinesTest::registry, CLOCK, Duration.ofDays(30));

	private static final PendingRecord DECISION = with(NOW.minusSeconds(60), 3, "custom", Map.of("statistics", false),
			"en", "/datasets/rail", "shop");

	private static PendingRecord decision() {
		return DECISION;
	}

	private static PendingRecord with(Instant decidedAt, int revision, String kind, Map<String, Boolean> choices,
			String language, String pagePath, String site) {
		return with(ConsentIds.newId(decidedAt), decidedAt, revision, kind, choices, language, pagePath, site);
	}

	private static PendingRecord with(String consentId, Instant decidedAt, int revision, String kind,
			Map<String, Boolean> choices, String language, String pagePath, String site) {
		return new PendingRecord(consentId, decidedAt, revision, kind, choices, true, language, pagePath, site);
	}

	private String problem(PendingRecord record) {
		return this.keyed.read(this.keyed.encode(record)).problem();
	}

	@Test
	void aLineWrittenIsReadBackAsTheSameDecisionWithAndWithoutAKey() {
		assertThat(this.keyed.read(this.keyed.encode(decision()))).isEqualTo(new WaitingLines.Reading(decision(), null));
		assertThat(this.plain.read(this.plain.encode(decision()))).isEqualTo(new WaitingLines.Reading(decision(), null));
		assertThat(this.keyed.encode(decision())).startsWith("r4\t").isNotEqualTo(this.plain.encode(decision()));
	}

	@Test
	void theSnapshotADecisionNamesAndWhetherItsFormNamedItAreReadBack() {
		String snapshot = "0123456789abcdef".repeat(4);
		PendingRecord named = withSnapshot(snapshot, true);
		PendingRecord current = withSnapshot(snapshot, false);
		assertThat(this.keyed.read(this.keyed.encode(named)).record()).isEqualTo(named);
		assertThat(this.plain.read(this.plain.encode(current)).record()).isEqualTo(current);
		assertThat(this.plain.read(this.plain.encode(named)).record()).isNotEqualTo(current);
		// A hash the writer would not write (upper case, short), a flag that is no boolean: not a decision.
		String line = this.plain.encode(named);
		assertThat(this.plain.read(line.replace(snapshot, snapshot.toUpperCase(java.util.Locale.ROOT))).problem())
			.isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace(snapshot, snapshot.substring(1))).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\ttrue", "\tyes")).problem()).isEqualTo("unreadable");
		// The flag is under the key's code: a named snapshot cannot be turned into a current one unseen.
		String keyed = this.keyed.encode(named);
		int flag = keyed.lastIndexOf("\ttrue\t");
		assertThat(this.keyed.read(keyed.substring(0, flag) + "\tfalse\t" + keyed.substring(flag + 6)).problem())
			.startsWith("not authenticated");
	}

	@Test
	void linesWrittenBeforeSnapshotsAreStillRead() {
		// As the writer wrote them before (r1 without a key, r2 with one): ten fields, the code last.
		String plain = this.plain.encode(decision());
		String older = "r1" + plain.substring(2, plain.lastIndexOf("\t", plain.lastIndexOf('\t') - 1));
		assertThat(this.plain.read(older)).isEqualTo(new WaitingLines.Reading(decision(), null));
		String signed = "r2" + older.substring(2);
		assertThat(this.keyed.read(signed + "\t" + KEY.authenticate(signed)))
			.isEqualTo(new WaitingLines.Reading(decision(), null));
		assertThat(this.keyed.read(signed + "\t" + KEY.authenticate(older)).problem()).startsWith("not authenticated");
		// Each format has its own number of fields: an older line under a newer mark is not read, nor the reverse.
		assertThat(this.plain.read("r3" + older.substring(2)).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read("r1" + plain.substring(2)).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read("r2" + older.substring(2)).problem()).isEqualTo("unreadable");
	}

	private static PendingRecord withSnapshot(String snapshot, boolean named) {
		PendingRecord base = decision();
		return new PendingRecord(base.consentId(), base.decidedAt(), base.revision(), base.kind(), base.choices(),
				base.globalPrivacyControl(), base.language(), base.pagePath(), base.site(), snapshot, named);
	}

	@Test
	void withAKeyALineAlteredOrWrittenWithoutItIsNotTaken() {
		String line = this.keyed.encode(decision());
		String accepted = line.replace("statistics=refused", "statistics=accepted");

		assertThat(this.keyed.read(accepted).problem()).startsWith("not authenticated");
		assertThat(this.keyed.read(this.plain.encode(decision())).problem())
			.isEqualTo("not authenticated (written without the signing key)");
		WaitingLines otherKey = new WaitingLines(SigningKeyTest.newKey(), WaitingLinesTest::registry, CLOCK,
				Duration.ofDays(30));
		assertThat(this.keyed.read(otherKey.encode(decision())).problem()).startsWith("not authenticated");
		// The code of another line does not fit this one.
		String otherLine = this.keyed.encode(with(NOW, 3, "reject-all", Map.of("statistics", false), "fr", "/", "shop"));
		String swapped = line.substring(0, line.lastIndexOf('\t')) + otherLine.substring(otherLine.lastIndexOf('\t'));
		assertThat(this.keyed.read(swapped).problem()).startsWith("not authenticated");
	}

	@Test
	void withoutAKeyAnAuthenticatedLineIsReadForWhatItSays() {
		assertThat(this.plain.read(this.keyed.encode(decision())).record()).isEqualTo(decision());
	}

	@Test
	void aDecisionTheEndpointCouldHaveMadeIsTaken() {
		Map<String, Boolean> statistics = Map.of("statistics", true);
		assertThat(problem(with(NOW, 3, "accept-all", statistics, "fr", "/a", "shop"))).isNull();
		assertThat(problem(with(NOW, 3, "reject-all", Map.of("statistics", false), "fr", "/a", "shop"))).isNull();
		// On an earlier revision the categories may have been others: any are taken, chosen as the kind says.
		assertThat(problem(with(NOW, 1, "custom", Map.of("statistics", false, "video", true), "fr", "/", "shop")))
			.isNull();
		assertThat(problem(with(NOW, 2, "acknowledge", Map.of(), "fr", "/", "shop"))).isNull();
		assertThat(problem(with(NOW, 1, "accept-all", Map.of(), "fr", "/", "shop"))).isNull();
	}

	@Test
	void aDecisionTheEndpointCouldNotHaveMadeIsNotTakenEvenWithAValidCode() {
		Map<String, Boolean> statistics = Map.of("statistics", false);
		assertThat(problem(with("chosen-by-hand", NOW, 3, "reject-all", statistics, "fr", "/", "shop")))
			.isEqualTo("not a consent id made at its decision's time");
		// 128 bits, but not laid out as the endpoint lays them out (version 7, the time first).
		assertThat(problem(with("AAAAAAAAAAAAAAAAAAAAAA", NOW, 3, "reject-all", statistics, "fr", "/", "shop")))
			.isEqualTo("not a consent id made at its decision's time");
		assertThat(problem(with(ConsentIds.newId(NOW.minus(Duration.ofDays(5 * 365))), NOW, 3, "reject-all", statistics,
				"fr", "/", "shop"))).isEqualTo("not a consent id made at its decision's time");
		// The time right and the version 7, but not RFC 9562's variant.
		byte[] bits = java.util.Base64.getUrlDecoder().decode(ConsentIds.newId(NOW));
		bits[8] = (byte) (bits[8] & 0x3f);
		String otherVariant = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
		assertThat(problem(with(otherVariant, NOW, 3, "reject-all", statistics, "fr", "/", "shop")))
			.isEqualTo("not a consent id made at its decision's time");
		assertThat(problem(with(NOW, 4, "reject-all", statistics, "fr", "/", "shop")))
			.isEqualTo("a revision the site never had");
		assertThat(problem(with(NOW, 0, "reject-all", statistics, "fr", "/", "shop")))
			.isEqualTo("a revision the site never had");
		assertThat(problem(with(NOW, 3, "accept-some", statistics, "fr", "/", "shop")))
			.isEqualTo("not a kind of decision");
		assertThat(problem(with(NOW, 3, "accept-all", statistics, "fr", "/", "shop")))
			.isEqualTo("choices that are not those of accept-all");
		assertThat(problem(with(NOW, 3, "reject-all", Map.of("statistics", true), "fr", "/", "shop")))
			.isEqualTo("choices that are not those of reject-all");
		assertThat(problem(with(NOW, 2, "acknowledge", statistics, "fr", "/", "shop")))
			.isEqualTo("choices that are not those of acknowledge");
		assertThat(problem(with(NOW, 2, "custom", Map.of("Statistics", true), "fr", "/", "shop")))
			.isEqualTo("not a category id");
		// The current revision has one optional category: a decision on it chooses that one, no other.
		assertThat(problem(with(NOW, 3, "acknowledge", Map.of(), "fr", "/", "shop")))
			.isEqualTo("choices that are not the optional categories of revision 3");
		assertThat(problem(with(NOW, 3, "custom", Map.of("statistics", true, "video", true), "fr", "/", "shop")))
			.isEqualTo("choices that are not the optional categories of revision 3");
		assertThat(problem(with(NOW, 3, "custom", statistics, "de", "/", "shop")))
			.isEqualTo("not a language of the charter");
		assertThat(problem(with(NOW, 3, "custom", statistics, "fr", "/\r\nSet-Cookie: x", "shop")))
			.isEqualTo("not a page path");
		assertThat(problem(with(NOW, 3, "custom", statistics, "fr", "//evil.example", "shop")))
			.isEqualTo("not a page path");
		assertThat(problem(with(NOW, 3, "custom", statistics, "fr", "/page?email=a@b.c", "shop")))
			.isEqualTo("not a page path");
		assertThat(problem(with(NOW, 3, "custom", statistics, "fr", "/", "elsewhere")))
			.isEqualTo("a site this application does not serve");
	}

	@Test
	void aTimeOutsideTheWaitingPeriodIsNotTaken() {
		Map<String, Boolean> none = Map.of("statistics", false);
		assertThat(problem(with(Instant.parse("5138-01-01T00:00:00Z"), 3, "reject-all", none, "fr", "/", "shop")))
			.isEqualTo("decided in the future");
		assertThat(problem(with(NOW.plus(Duration.ofMinutes(6)), 3, "reject-all", none, "fr", "/", "shop")))
			.isEqualTo("decided in the future");
		assertThat(problem(with(NOW.minus(Duration.ofDays(31)), 3, "reject-all", none, "fr", "/", "shop")))
			.startsWith("decided before the waiting period");
		// A clock a little ahead, and the oldest decision that may still wait: taken.
		assertThat(problem(with(NOW.plus(Duration.ofMinutes(5)), 3, "reject-all", none, "fr", "/", "shop"))).isNull();
		assertThat(problem(with(NOW.minus(Duration.ofDays(30)), 3, "reject-all", none, "fr", "/", "shop"))).isNull();
	}

	@Test
	void aLineTheWriterNeverWritesIsUnreadable() {
		String line = this.plain.encode(decision());
		assertThat(this.plain.read("").problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line + "\textra").problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.substring(0, line.lastIndexOf('\t'))).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("r3\t", "r9\t")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\ttrue\t", "\tyes\t")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("statistics=refused", "statistics=maybe")).problem())
			.isEqualTo("unreadable");
		String two = this.plain.encode(with(NOW, 1, "custom", Map.of("statistics", false, "video", true), "fr", "/", "shop"));
		assertThat(this.plain.read(two.replace("statistics=refused,video=accepted", "video=accepted,statistics=refused"))
			.problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\t3\t", "\tthree\t")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\ten\t", "\t\u00e9\t")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\ten\t", "\te\u001f\t")).problem()).isEqualTo("unreadable");
		assertThat(this.plain.read(line.replace("\ten\t", "\te\u007f\t")).problem()).isEqualTo("unreadable");
		// Printable ASCII is read, and judged for what it says.
		assertThat(this.plain.read(line.replace("\ten\t", "\te \t")).problem()).isEqualTo("not a language of the charter");
		assertThat(this.plain.read(line.replace("\ten\t", "\te~\t")).problem()).isEqualTo("not a language of the charter");
		assertThat(this.plain.read(this.keyed.encode(decision()).replaceFirst("^r4", "r3")).problem())
			.isEqualTo("unreadable");
	}

}
