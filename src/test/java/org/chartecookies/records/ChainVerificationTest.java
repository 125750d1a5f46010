package org.chartecookies.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.chartecookies.records.ChainVerification.ChainResult;
import org.chartecookies.records.ChainVerification.Fault;
import org.chartecookies.records.ChainVerification.Report;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the verification (the command and the back office) says of a writer's chain when records were altered,
 * removed, moved or added behind the application's back, on chains held in memory: the same walk the database's
 * chains get, without a database (the stores' own tests check it on H2 and PostgreSQL).
 */
class ChainVerificationTest {

	private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

	@Test
	void anUntouchedChainVerifiesAndCountsItsRecords() {
		Chains chains = new Chains().writer("w-1", records("w-1", 3));

		Report report = verify(chains);

		assertThat(report.verified()).isTrue();
		assertThat(report.records()).isEqualTo(3);
		assertThat(report.firstFault()).isNull();
		assertThat(report.chains()).singleElement().satisfies((chain) -> {
			assertThat(chain.verified()).isTrue();
			assertThat(chain.describe()).isEqualTo("writer w-1: 3 records, chain intact");
		});
	}

	@Test
	void aWriterThatHasWrittenNothingVerifies() {
		Chains chains = new Chains().writer("w-1", List.of());

		Report report = verify(chains);

		assertThat(report.verified()).isTrue();
		assertThat(report.records()).isZero();
	}

	@Test
	void aRecordWhoseFieldsChangedIsNamedAsAlteredWithItsConsentId() {
		List<ConsentRecord> records = records("w-1", 4);
		ConsentRecord second = records.get(1);
		PendingRecord changed = new PendingRecord(second.content().consentId(), second.content().decidedAt(),
				second.content().revision(), "custom", second.content().choices(), false, "fr", "/cookies");
		records.set(1, new ConsentRecord("w-1", 2, changed, second.previousHash(), second.hash()));

		ChainResult chain = single(verify(new Chains().writer("w-1", records)));

		assertThat(chain.fault()).isEqualTo(Fault.ALTERED);
		assertThat(chain.sequence()).isEqualTo(2);
		assertThat(chain.consentId()).isEqualTo(second.content().consentId());
		assertThat(chain.records()).as("every record is still counted").isEqualTo(4);
		assertThat(chain.describe()).isEqualTo("writer w-1: record #2 (consent id " + second.content().consentId()
				+ ") was altered: its hash no longer matches its content");
	}

	@Test
	void aRecordTakenOutOfTheMiddleIsNamedAsRemoved() {
		List<ConsentRecord> records = records("w-1", 5);
		records.remove(2);

		ChainResult chain = single(verify(new Chains().writer("w-1", records)));

		assertThat(chain.fault()).isEqualTo(Fault.REMOVED);
		assertThat(chain.sequence()).as("the first missing record").isEqualTo(3);
		assertThat(chain.consentId()).isNull();
		assertThat(chain.describe()).isEqualTo("writer w-1: record #3 and perhaps more after it were removed");
	}

	@Test
	void recordsRemovedAndTheRestRenumberedAreNamedAsReordered() {
		List<ConsentRecord> records = records("w-1", 4);
		ConsentRecord third = records.get(2);
		ConsentRecord fourth = records.get(3);
		records.remove(1);
		records.set(1, new ConsentRecord("w-1", 2, third.content(), third.previousHash(), third.hash()));
		records.set(2, new ConsentRecord("w-1", 3, fourth.content(), fourth.previousHash(), fourth.hash()));
		Chains chains = new Chains().writer("w-1", records, 3, fourth.hash());

		ChainResult chain = single(verify(chains));

		assertThat(chain.fault()).isEqualTo(Fault.REORDERED);
		assertThat(chain.sequence()).isEqualTo(2);
		assertThat(chain.consentId()).isEqualTo(third.content().consentId());
		assertThat(chain.describe()).isEqualTo("writer w-1: record #2 (consent id " + third.content().consentId()
				+ ") does not follow the record before it: records were reordered, or removed and renumbered");
	}

	@Test
	void twoRecordsThatSwappedPlacesAreNamedAsReordered() {
		List<ConsentRecord> records = records("w-1", 4);
		ConsentRecord second = records.get(1);
		ConsentRecord third = records.get(2);
		records.set(1, new ConsentRecord("w-1", 2, third.content(), third.previousHash(), third.hash()));
		records.set(2, new ConsentRecord("w-1", 3, second.content(), second.previousHash(), second.hash()));

		ChainResult chain = single(verify(new Chains().writer("w-1", records)));

		assertThat(chain.fault()).isEqualTo(Fault.REORDERED);
		assertThat(chain.sequence()).isEqualTo(2);
	}

	@Test
	void aRecordRepeatedUnderAnEarlierSequenceIsNamedAsReordered() {
		List<ConsentRecord> records = records("w-1", 3);
		ConsentRecord first = records.get(0);
		records.add(1, first);

		ChainResult chain = single(verify(new Chains().writer("w-1", records, 3, records.get(3).hash())));

		assertThat(chain.fault()).isEqualTo(Fault.REORDERED);
		assertThat(chain.sequence()).isEqualTo(1);
		assertThat(chain.consentId()).isEqualTo(first.content().consentId());
	}

	@Test
	void aRecordRenumberedOntoAnEarlierRecordsPlaceIsNamedAsReorderedEvenWhereItStillChains() {
		List<ConsentRecord> records = records("w-1", 3);
		ConsentRecord third = records.get(2);
		records.set(2, new ConsentRecord("w-1", 2, third.content(), third.previousHash(), third.hash()));

		ChainResult chain = single(verify(new Chains().writer("w-1", records, 3, third.hash())));

		assertThat(chain.fault()).isEqualTo(Fault.REORDERED);
		assertThat(chain.sequence()).isEqualTo(2);
		assertThat(chain.consentId()).isEqualTo(third.content().consentId());
	}

	@Test
	void aChainEndingBeforeItsWritersHeadIsNamedAsTruncated() {
		List<ConsentRecord> records = records("w-1", 4);
		String head = records.get(3).hash();
		records.remove(3);

		ChainResult chain = single(verify(new Chains().writer("w-1", records, 4, head)));

		assertThat(chain.fault()).isEqualTo(Fault.TRUNCATED);
		assertThat(chain.sequence()).as("the first record missing at the end").isEqualTo(4);
		assertThat(chain.describe())
			.isEqualTo("writer w-1: the chain stops before record #4: its last records were removed");
	}

	@Test
	void recordsChainedOnAfterTheWritersHeadAreNamedAsAdded() {
		List<ConsentRecord> records = records("w-1", 5);
		List<ConsentRecord> written = records.subList(0, 3);

		ChainResult chain = single(verify(new Chains().writer("w-1", records, 3, written.get(2).hash())));

		assertThat(chain.fault()).isEqualTo(Fault.EXTENDED);
		assertThat(chain.sequence()).as("the first record added").isEqualTo(4);
		assertThat(chain.describe()).isEqualTo(
				"writer w-1: record #4 and those after it were added after the last record the application wrote");
	}

	@Test
	void aLastRecordRewrittenWithAFreshHashDoesNotMatchTheWritersHead() {
		List<ConsentRecord> records = records("w-1", 3);
		ConsentRecord last = records.get(2);
		String head = last.hash();
		PendingRecord forged = new PendingRecord(last.content().consentId(), last.content().decidedAt(), 1,
				"accept-all", Map.of("statistics", true), false, "fr", "/cookies");
		records.set(2, ConsentRecord.chain("w-1", 3, forged, last.previousHash()));

		ChainResult chain = single(verify(new Chains().writer("w-1", records, 3, head)));

		assertThat(chain.fault()).isEqualTo(Fault.TRUNCATED);
	}

	@Test
	void onlyTheFirstFaultOfAChainIsNamed() {
		List<ConsentRecord> records = records("w-1", 6);
		ConsentRecord second = records.get(1);
		records.set(1, new ConsentRecord("w-1", 2, records.get(2).content(), second.previousHash(), second.hash()));
		String head = records.get(5).hash();
		records.remove(5);
		records.remove(3);

		ChainResult chain = single(verify(new Chains().writer("w-1", records, 6, head)));

		assertThat(chain.fault()).as("not the removed #4, nor the missing end").isEqualTo(Fault.ALTERED);
		assertThat(chain.sequence()).isEqualTo(2);
		assertThat(chain.records()).isEqualTo(4);
	}

	@Test
	void aChainCutByThePurgeVerifiesFromTheHashAtTheCut() {
		List<ConsentRecord> records = records("w-1", 5);
		ConsentRecord cut = records.get(1);
		List<ConsentRecord> kept = new ArrayList<>(records.subList(2, 5));

		Chains chains = new Chains().writer(new RecordStore.Writer("w-1", NOW, 5, records.get(4).hash(), 2,
				cut.hash(), NOW), kept);

		Report report = verify(chains);
		assertThat(report.verified()).isTrue();
		assertThat(report.records()).isEqualTo(3);
	}

	@Test
	void aChainCutWithAnotherHashThanItsFirstRecordsPreviousIsReordered() {
		List<ConsentRecord> records = records("w-1", 5);
		List<ConsentRecord> kept = new ArrayList<>(records.subList(2, 5));

		Chains chains = new Chains().writer(new RecordStore.Writer("w-1", NOW, 5, records.get(4).hash(), 2,
				records.get(0).hash(), NOW), kept);

		ChainResult chain = single(verify(chains));
		assertThat(chain.fault()).isEqualTo(Fault.REORDERED);
		assertThat(chain.sequence()).isEqualTo(3);
	}

	@Test
	void recordsOfAWriterWithoutARowAreNamedAndTheReportDoesNotVerify() {
		Chains chains = new Chains().writer("w-1", records("w-1", 2)).withoutRow("w-intruder");

		Report report = verify(chains);

		assertThat(report.verified()).isFalse();
		assertThat(report.firstFault()).isNotNull().satisfies((chain) -> {
			assertThat(chain.writerId()).isEqualTo("w-intruder");
			assertThat(chain.fault()).isEqualTo(Fault.UNKNOWN_WRITER);
			assertThat(chain.describe())
				.isEqualTo("writer w-intruder: records of a writer the database does not know were added");
		});
	}

	@Test
	void oneWritersChainIsVerifiedAloneAndAWriterWithoutARowIsUnknown() {
		List<ConsentRecord> faulty = records("w-2", 3);
		faulty.remove(1);
		Chains chains = new Chains().writer("w-1", records("w-1", 2)).writer("w-2", faulty);
		ChainVerification verification = new ChainVerification(chains);

		assertThat(verification.verify("w-1").verified()).isTrue();
		assertThat(verification.verify("w-2").fault()).isEqualTo(Fault.REMOVED);
		assertThat(verification.verify("w-9").fault()).isEqualTo(Fault.UNKNOWN_WRITER);
	}

	@Test
	void eachWritersChainIsJudgedOnItsOwnAndTheFirstFaultyOneIsReported() {
		List<ConsentRecord> faulty = records("w-2", 3);
		faulty.remove(1);
		Chains chains = new Chains().writer("w-1", records("w-1", 2))
			.writer("w-2", faulty)
			.writer("w-3", records("w-3", 4));

		Report report = verify(chains);

		assertThat(report.verified()).isFalse();
		assertThat(report.records()).isEqualTo(2 + 2 + 4);
		assertThat(report.chains()).extracting(ChainResult::verified).containsExactly(true, false, true);
		assertThat(report.firstFault()).isNotNull().extracting(ChainResult::writerId).isEqualTo("w-2");
	}

	@Test
	void aRecordOfOneWritersChainDoesNotFitAnothers() {
		List<ConsentRecord> first = records("w-1", 3);
		List<ConsentRecord> second = records("w-2", 3);
		List<ConsentRecord> mixed = new ArrayList<>(first);
		ConsentRecord foreign = second.get(1);
		mixed.set(1, new ConsentRecord("w-1", 2, foreign.content(), foreign.previousHash(), foreign.hash()));

		ChainResult chain = single(verify(new Chains().writer("w-1", mixed)));

		assertThat(chain.fault()).as("the writer is part of the hash").isEqualTo(Fault.ALTERED);
	}

	private static Report verify(Chains chains) {
		return new ChainVerification(chains).verify();
	}

	private static ChainResult single(Report report) {
		assertThat(report.chains()).hasSize(1);
		assertThat(report.verified()).isFalse();
		return report.chains().get(0);
	}

	/** A chain of {@code count} decisions, written as the writer writes them. */
	static List<ConsentRecord> records(String writerId, int count) {
		List<ConsentRecord> records = new ArrayList<>();
		String previous = ConsentRecord.GENESIS;
		for (int i = 1; i <= count; i++) {
			Map<String, Boolean> choices = new LinkedHashMap<>();
			choices.put("statistics", i % 2 == 0);
			PendingRecord decision = new PendingRecord(Records.newConsentId(), NOW.plusSeconds(i), 1,
					(i % 2 == 0) ? "accept-all" : "reject-all", choices, false, "fr", "/cookies");
			ConsentRecord record = ConsentRecord.chain(writerId, i, decision, previous);
			records.add(record);
			previous = record.hash();
		}
		return records;
	}

	/** Writers' rows and chains in memory, read as the store reads them: each chain in sequence order. */
	static final class Chains implements ChainVerification.Chains {

		private final List<RecordStore.Writer> writers = new ArrayList<>();

		private final Map<String, List<ConsentRecord>> chains = new LinkedHashMap<>();

		private final List<String> withoutRow = new ArrayList<>();

		/** A writer whose row says its chain ends at the last of these records (as written). */
		Chains writer(String writerId, List<ConsentRecord> records) {
			long head = records.isEmpty() ? 0 : records.get(records.size() - 1).sequence();
			String hash = records.isEmpty() ? ConsentRecord.GENESIS : records.get(records.size() - 1).hash();
			return writer(writerId, records, head, hash);
		}

		Chains writer(String writerId, List<ConsentRecord> records, long headSequence, String headHash) {
			return writer(new RecordStore.Writer(writerId, NOW, headSequence, headHash, 0, ConsentRecord.GENESIS,
					null), records);
		}

		Chains writer(RecordStore.Writer writer, List<ConsentRecord> records) {
			this.writers.add(writer);
			this.chains.put(writer.writerId(), records);
			return this;
		}

		Chains withoutRow(String writerId) {
			this.withoutRow.add(writerId);
			return this;
		}

		@Override
		public List<RecordStore.Writer> writers() {
			return this.writers;
		}

		@Override
		public Optional<RecordStore.Writer> writer(String writerId) {
			return this.writers.stream().filter((writer) -> writer.writerId().equals(writerId)).findFirst();
		}

		@Override
		public List<String> writersWithoutRow() {
			return this.withoutRow;
		}

		@Override
		public void chain(String writerId, Consumer<ConsentRecord> visitor) {
			this.chains.getOrDefault(writerId, List.of())
				.stream()
				.sorted(Comparator.comparingLong(ConsentRecord::sequence))
				.forEach(visitor);
		}

		@Override
		public Optional<ConsentRecord> record(String writerId, long sequence) {
			return this.chains.getOrDefault(writerId, List.of())
				.stream()
				.filter((record) -> record.sequence() == sequence)
				.findFirst();
		}

	}

}
