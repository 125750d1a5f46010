package org.chartecookies.records;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.chartecookies.consent.ConsentDecided;
import org.chartecookies.consent.ConsentDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record's hash covers every field an auditor reads, and the record before it: changing any of them, even into
 * something that reads the same once the fields are run together, shows.
 */
class ConsentRecordTest {

	private static final Instant DECIDED = Instant.parse("2026-11-29T10:15:30Z");

	private static final PendingRecord DECISION = new PendingRecord("Qk3v0X9bT6mZ1cR2aY8uEw", DECIDED, 3, "custom",
			choices(true, false), true, "fr", "/cookies", "shop");

	private static final String PREVIOUS = "ab".repeat(32);

	@Test
	void aRecordAsWrittenIsIntactAndItsHashIsSha256InHex() {
		ConsentRecord record = ConsentRecord.chain("w-1", 7, DECISION, PREVIOUS);

		assertThat(record.intact()).isTrue();
		assertThat(record.hash()).matches("[0-9a-f]{64}").isNotEqualTo(ConsentRecord.GENESIS);
		assertThat(record.previousHash()).isEqualTo(PREVIOUS);
		assertThat(ConsentRecord.chain("w-1", 7, DECISION, PREVIOUS).hash()).as("the same fields, the same hash")
			.isEqualTo(record.hash());
	}

	@Test
	void changingAnyFieldAnAuditorReadsBreaksTheHash() {
		ConsentRecord record = ConsentRecord.chain("w-1", 7, DECISION, PREVIOUS);
		List<UnaryOperator<PendingRecord>> changes = List.of(
				(d) -> new PendingRecord("Qk3v0X9bT6mZ1cR2aY8uEx", d.decidedAt(), d.revision(), d.kind(), d.choices(),
						d.globalPrivacyControl(), d.language(), d.pagePath(), d.site()),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt().plusSeconds(1), d.revision(), d.kind(),
						d.choices(), d.globalPrivacyControl(), d.language(), d.pagePath(), d.site()),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt(), 4, d.kind(), d.choices(),
						d.globalPrivacyControl(), d.language(), d.pagePath(), d.site()),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt(), d.revision(), "accept-all", d.choices(),
						d.globalPrivacyControl(), d.language(), d.pagePath(), d.site()),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt(), d.revision(), d.kind(), choices(true, true),
						d.globalPrivacyControl(), d.language(), d.pagePath(), d.site()),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt(), d.revision(), d.kind(), d.choices(), false,
						d.language(), d.pagePath(), d.site()),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt(), d.revision(), d.kind(), d.choices(),
						d.globalPrivacyControl(), "en", d.pagePath(), d.site()),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt(), d.revision(), d.kind(), d.choices(),
						d.globalPrivacyControl(), d.language(), "/cookies/banner", d.site()),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt(), d.revision(), d.kind(), d.choices(),
						d.globalPrivacyControl(), d.language(), d.pagePath(), "opendata"),
				(d) -> new PendingRecord(d.consentId(), d.decidedAt(), d.revision(), d.kind(), d.choices(),
						d.globalPrivacyControl(), d.language(), d.pagePath(), ""));
		for (UnaryOperator<PendingRecord> change : changes) {
			PendingRecord changed = change.apply(DECISION);
			assertThat(new ConsentRecord("w-1", 7, changed, PREVIOUS, record.hash()).intact()).as(changed.toString())
				.isFalse();
		}
		assertThat(new ConsentRecord("w-2", 7, DECISION, PREVIOUS, record.hash()).intact()).as("another writer")
			.isFalse();
		assertThat(new ConsentRecord("w-1", 7, DECISION, ConsentRecord.GENESIS, record.hash()).intact())
			.as("another record before it")
			.isFalse();
		assertThat(new ConsentRecord("w-1", 7, DECISION, PREVIOUS, "cd".repeat(32)).intact()).as("another hash")
			.isFalse();
	}

	/** A record of the time before sites is hashed as version 1 gave it (the hash worked out by hand from its fields). */
	@Test
	void aRecordWithoutSiteKeepsTheHashVersionOneGaveIt() {
		PendingRecord before = new PendingRecord("aaaaaaaaaaaaaaaaaaaaaa", RecordStoreContract.NOW, 1, "accept-all",
				Map.of("statistics", true), false, "fr", "/cookies");

		assertThat(ConsentRecord.chain("w-old", 1, before, ConsentRecord.GENESIS).hash())
			.isEqualTo("00fc08cd0ffc73a879998fced4e1e87a71c5926301de5e94807d275e3f24fc74");
	}

	/** A record of the time before snapshots is hashed as version 2 gave it (worked out by hand from its fields). */
	@Test
	void aRecordWithoutSnapshotKeepsTheHashVersionTwoGaveIt() {
		PendingRecord before = new PendingRecord("aaaaaaaaaaaaaaaaaaaaaa", RecordStoreContract.NOW, 1, "accept-all",
				Map.of("statistics", true), false, "fr", "/cookies", "shop");

		assertThat(ConsentRecord.chain("w-old", 1, before, ConsentRecord.GENESIS).hash())
			.isEqualTo("cfee6329b5da30294c527f01d4a2354f02368ff2fa664e71c0c7529d50e655f3");
	}

	/**
	 * Version 3 holds the snapshot shown and whether the form named it, after the page path (worked out by hand):
	 * changing either is an altered record.
	 */
	@Test
	void theSnapshotAndWhetherTheFormNamedItAreInTheHash() {
		PendingRecord named = new PendingRecord("aaaaaaaaaaaaaaaaaaaaaa", RecordStoreContract.NOW, 1, "accept-all",
				Map.of("statistics", true), false, "fr", "/cookies", "shop", "ab".repeat(32), true);
		ConsentRecord record = ConsentRecord.chain("w-old", 1, named, ConsentRecord.GENESIS);

		assertThat(record.hash()).isEqualTo("7136234dfc96745c16e5626ad518b02506d7d0744a04b41719d10d3292667e71");
		PendingRecord current = new PendingRecord(named.consentId(), named.decidedAt(), 1, "accept-all",
				named.choices(), false, "fr", "/cookies", "shop", "ab".repeat(32), false);
		PendingRecord another = new PendingRecord(named.consentId(), named.decidedAt(), 1, "accept-all",
				named.choices(), false, "fr", "/cookies", "shop", "cd".repeat(32), true);
		assertThat(new ConsentRecord("w-old", 1, current, ConsentRecord.GENESIS, record.hash()).intact()).isFalse();
		assertThat(new ConsentRecord("w-old", 1, another, ConsentRecord.GENESIS, record.hash()).intact()).isFalse();
	}

	@Test
	void theSequenceIsLeftOutSoThatAMovedRecordReadsAsOutOfOrderRatherThanAltered() {
		ConsentRecord record = ConsentRecord.chain("w-1", 7, DECISION, PREVIOUS);

		assertThat(new ConsentRecord("w-1", 8, DECISION, PREVIOUS, record.hash()).intact()).isTrue();
	}

	@Test
	void fieldsThatReadTheSameRunTogetherStillHashApart() {
		PendingRecord one = new PendingRecord("id", DECIDED, 3, "custom", Map.of(), false, "fr", "/cookies");
		PendingRecord other = new PendingRecord("id", DECIDED, 3, "custom", Map.of(), false, "fr/", "cookies");

		assertThat(ConsentRecord.hashOf("w-1", one, PREVIOUS)).isNotEqualTo(ConsentRecord.hashOf("w-1", other, PREVIOUS));
	}

	@Test
	void choicesAreKeptInIdOrderAndReadBackAsWritten() {
		Map<String, Boolean> choices = new LinkedHashMap<>();
		choices.put("video", false);
		choices.put("ads", true);
		choices.put("statistics", true);
		PendingRecord decision = new PendingRecord("id", DECIDED, 1, "custom", choices, false, "en", "/");

		assertThat(decision.choicesText()).isEqualTo("ads=accepted,statistics=accepted,video=refused");
		assertThat(PendingRecord.parseChoices(decision.choicesText())).containsExactlyEntriesOf(decision.choices());
		assertThat(new PendingRecord("id", DECIDED, 1, "acknowledge", Map.of(), false, "en", "/").choicesText())
			.isEmpty();
		assertThat(PendingRecord.parseChoices("")).isEmpty();
	}

	@Test
	void aDecisionMadeOnTheEndpointBecomesARecordOfEverythingItSays() {
		ConsentDecision decision = new ConsentDecision(3, DECIDED, "Qk3v0X9bT6mZ1cR2aY8uEw", choices(true, false));

		PendingRecord record = PendingRecord.of(new ConsentDecided("shop", decision, "custom", true, "fr", "/cookies"));

		assertThat(record).isEqualTo(DECISION);
	}

	private static Map<String, Boolean> choices(boolean statistics, boolean video) {
		Map<String, Boolean> choices = new LinkedHashMap<>();
		choices.put("statistics", statistics);
		choices.put("video", video);
		return choices;
	}

}
