package org.chartecookies.records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.chartecookies.records.ChainVerification.ChainResult;
import org.chartecookies.records.ChainVerification.Fault;
import org.chartecookies.records.ChainVerification.Report;
import org.chartecookies.records.ChainVerificationTest.Chains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * With signed checkpoints kept outside the database, what someone able to rewrite the database can no longer hide:
 * a chain rewritten and chained again, its last records removed with its head moved back, a fake purge, a chain
 * removed whole, a chain added; and what a checkpoint file says only if the key signed it. On chains held in memory.
 */
class CheckpointVerificationTest {

	private static final Instant AT = Instant.parse("2026-11-29T10:05:00Z");

	private static final SigningKey KEY = SigningKeyTest.newKey();

	@TempDir
	Path folder;

	private static Checkpoint head(String writerId, List<ConsentRecord> records, int sequence) {
		ConsentRecord record = records.get(sequence - 1);
		return Checkpoint.head(writerId, AT, new RecordStore.ChainHead(sequence, record.hash()), 0, ConsentRecord.GENESIS,
				KEY.id());
	}

	/** A head of chain w-1 of this kind, signed at {@code at}, naming the record at {@code sequence}. */
	private static Checkpoint head(String kind, Instant at, List<ConsentRecord> records, int sequence) {
		return Checkpoint.head(kind, "w-1", at, new RecordStore.ChainHead(sequence, records.get(sequence - 1).hash()), 0,
				ConsentRecord.GENESIS, KEY.id());
	}

	private static Report verify(Chains chains, Checkpoint... checkpoints) {
		return new ChainVerification(chains, () -> new CheckpointLog.Evidence(List.of(checkpoints), List.of())).verify();
	}

	private static ChainResult single(Report report) {
		assertThat(report.chains()).hasSize(1);
		return report.chains().get(0);
	}

	/** The records from {@code from} on, rewritten after the first one changed, and chained again as the writer would. */
	private static List<ConsentRecord> rechained(List<ConsentRecord> records, int from) {
		List<ConsentRecord> forged = new ArrayList<>(records.subList(0, from - 1));
		String previous = (from == 1) ? ConsentRecord.GENESIS : records.get(from - 2).hash();
		for (int sequence = from; sequence <= records.size(); sequence++) {
			PendingRecord content = records.get(sequence - 1).content();
			if (sequence == from) {
				content = new PendingRecord(content.consentId(), content.decidedAt(), content.revision(), "custom",
						Map.of("statistics", true), false, content.language(), content.pagePath());
			}
			ConsentRecord record = ConsentRecord.chain("w-1", sequence, content, previous);
			forged.add(record);
			previous = record.hash();
		}
		return forged;
	}

	@Test
	void aChainThatMatchesItsCheckpointsVerifiesAgainstThem() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);

		Report report = verify(new Chains().writer("w-1", records), head("w-1", records, 4), head("w-1", records, 10));

		assertThat(report.verified()).isTrue();
		assertThat(report.checkpointed()).isTrue();
		assertThat(report.records()).isEqualTo(10);
	}

	@Test
	void withoutCheckpointsTheReportSaysItCouldNotTell() {
		Report report = new ChainVerification(new Chains().writer("w-1", ChainVerificationTest.records("w-1", 3))).verify();

		assertThat(report.verified()).isTrue();
		assertThat(report.checkpointed()).isFalse();
	}

	@Test
	void aChainRewrittenFromARecordOnAndChainedAgainNoLongerMatchesTheCheckpoint() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		List<ConsentRecord> forged = rechained(records, 6);
		Chains chains = new Chains().writer("w-1", forged);
		assertThat(new ChainVerification(chains).verify().verified()).as("without checkpoints it verifies").isTrue();

		ChainResult chain = single(verify(chains, head("w-1", records, 8)));

		assertThat(chain.fault()).isEqualTo(Fault.CHECKPOINT_MISMATCH);
		assertThat(chain.sequence()).isEqualTo(8);
		assertThat(chain.consentId()).isEqualTo(records.get(7).content().consentId());
		// With many checkpoints, the first that no longer matches is named: the rewriting began before it.
		List<Checkpoint> every = new ArrayList<>();
		for (int sequence = 1; sequence <= 10; sequence++) {
			every.add(head("w-1", records, sequence));
		}
		assertThat(single(verify(chains, every.toArray(Checkpoint[]::new))).sequence()).isEqualTo(6);
		assertThat(single(verify(new Chains().writer("w-1", rechained(records, 2)), every.toArray(Checkpoint[]::new)))
			.sequence()).isEqualTo(2);
		assertThat(single(verify(new Chains().writer("w-1", rechained(records, 10)), every.toArray(Checkpoint[]::new)))
			.sequence()).isEqualTo(10);
		assertThat(chain.describe()).contains("record #8", "is not the record a signed checkpoint names there");
	}

	@Test
	void theLastRecordsRemovedWithTheHeadMovedBackAreNamed() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		Chains chains = new Chains().writer("w-1", records.subList(0, 6));

		ChainResult chain = single(verify(chains, head("w-1", records, 4), head("w-1", records, 9)));

		assertThat(chain.fault()).isEqualTo(Fault.BEHIND_CHECKPOINT);
		assertThat(chain.sequence()).isEqualTo(9);
		assertThat(chain.describe()).isEqualTo("writer w-1: the chain ends before record #9, which a signed checkpoint"
				+ " names: its last records were removed and its head moved back");
	}

	@Test
	void recordsAfterTheLastCheckpointAreProtectedByTheChainOnly() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);

		// Removed after the checkpoint, head moved back: nothing signed named them.
		assertThat(verify(new Chains().writer("w-1", records.subList(0, 7)), head("w-1", records, 7)).verified()).isTrue();

		// The verification says which records no checkpoint covers yet.
		assertThat(single(verify(new Chains().writer("w-1", records), head("w-1", records, 7))).describe())
			.isEqualTo("writer w-1: 10 records, chain intact; records #8 to #10 come after its last signed checkpoint: the"
					+ " chain alone protects them");
		assertThat(single(verify(new Chains().writer("w-1", records), head("w-1", records, 9))).describe())
			.isEqualTo("writer w-1: 10 records, chain intact; record #10 comes after its last signed checkpoint: the chain"
					+ " alone protects it");
		assertThat(single(verify(new Chains().writer("w-1", records), head("w-1", records, 10))).describe())
			.isEqualTo("writer w-1: 10 records, chain intact");
	}

	/**
	 * An instance that took a chain rewritten behind its back signs the rewrite: the checkpoint signed before still names
	 * the record that was there, and is compared too.
	 */
	@Test
	void aRewriteTheApplicationWentOnToSignIsNamedByTheCheckpointSignedBefore() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 8);
		List<ConsentRecord> forged = rechained(records, 5);
		Checkpoint released = head(Checkpoint.RELEASED, AT, records, 8);
		Checkpoint taken = head(Checkpoint.TAKEN, AT.plusSeconds(60), forged, 8);
		Checkpoint earlier = head(Checkpoint.HELD, AT.minusSeconds(60), records, 6);

		ChainResult chain = single(verify(new Chains().writer("w-1", forged), earlier, released, taken));

		assertThat(chain.fault()).isEqualTo(Fault.CHECKPOINT_MISMATCH);
		assertThat(chain.sequence()).as("the first record a checkpoint names otherwise").isEqualTo(6);
		assertThat(chain.consentId()).isEqualTo(forged.get(5).content().consentId());
	}

	@Test
	void recordsSignedThenRemovedAndWrittenOverAreNamedEvenWhenTheNewHeadIsSigned() {
		List<ConsentRecord> first = ChainVerificationTest.records("w-1", 8);
		// Records #6 to #8, signed, removed (or lost by the database); the chain taken again at #5 and written on.
		List<ConsentRecord> regrown = new ArrayList<>(first.subList(0, 5));
		String previous = first.get(4).hash();
		for (ConsentRecord later : ChainVerificationTest.records("w-1", 12).subList(5, 12)) {
			ConsentRecord record = ConsentRecord.chain("w-1", later.sequence(), later.content(), previous);
			regrown.add(record);
			previous = record.hash();
		}
		Checkpoint signed = head(Checkpoint.HELD, AT, first, 8);
		Checkpoint retaken = head(Checkpoint.TAKEN, AT.plusSeconds(60), regrown, 5);
		Checkpoint grown = head(Checkpoint.HELD, AT.plusSeconds(120), regrown, 12);

		ChainResult chain = single(verify(new Chains().writer("w-1", regrown), grown, signed, retaken));

		assertThat(chain.fault()).isEqualTo(Fault.MOVED_BACK);
		assertThat(chain.describe()).isEqualTo("writer w-1: records #6 to #8 were named by signed checkpoints, then"
				+ " removed, and the chain written on from record #5: removed behind the application's back, or lost by the"
				+ " database");
	}

	@Test
	void aChainRemovedWholeWithItsWritersRowIsNamed() {
		List<ConsentRecord> kept = ChainVerificationTest.records("w-kept", 2);
		List<ConsentRecord> gone = ChainVerificationTest.records("w-gone", 5);

		Report report = verify(new Chains().writer("w-kept", kept), head("w-kept", kept, 2), head("w-gone", gone, 3),
				head("w-gone", gone, 5));

		assertThat(report.verified()).isFalse();
		assertThat(report.chains()).extracting(ChainResult::writerId, ChainResult::fault, ChainResult::sequence)
			.containsExactly(tuple("w-kept", null, 0L), tuple("w-gone", Fault.MISSING_CHAIN, 5L));
	}

	/**
	 * An instance killed while it starts, after it made its chain's row and before it signed it: the empty chain no
	 * checkpoint names holds no record, and the records verify. One record in it, and it is named.
	 */
	@Test
	void anEmptyChainNoCheckpointNamesIsNoFault() {
		List<ConsentRecord> signed = ChainVerificationTest.records("w-1", 2);

		Report report = verify(new Chains().writer("w-1", signed).writer("w-killed", List.of()), head("w-1", signed, 2));

		assertThat(report.verified()).isTrue();
		assertThat(report.chains()).extracting(ChainResult::writerId, ChainResult::fault, ChainResult::records)
			.containsExactly(tuple("w-1", null, 2L), tuple("w-killed", null, 0L));
		assertThat(verify(new Chains().writer("w-1", signed).writer("w-killed", ChainVerificationTest.records("w-killed", 1)),
				head("w-1", signed, 2)).chains())
			.extracting(ChainResult::fault)
			.containsExactly(null, Fault.NOT_CHECKPOINTED);
	}

	@Test
	void aChainNoCheckpointNamesIsNamed() {
		List<ConsentRecord> signed = ChainVerificationTest.records("w-1", 2);

		Report report = verify(new Chains().writer("w-1", signed).writer("w-added", ChainVerificationTest.records("w-added", 3)),
				head("w-1", signed, 2));

		assertThat(report.chains()).extracting(ChainResult::writerId, ChainResult::fault)
			.containsExactly(tuple("w-1", null), tuple("w-added", Fault.NOT_CHECKPOINTED));
	}

	@Test
	void aCutNoPurgeSignedIsNamedAndOneItSignedVerifies() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		ConsentRecord third = records.get(2);
		Chains faked = new Chains().writer(new RecordStore.Writer("w-1", AT, 10, records.get(9).hash(), 3, third.hash(), AT),
				records.subList(3, 10));
		assertThat(new ChainVerification(faked).verify().verified()).as("without checkpoints it verifies").isTrue();

		ChainResult chain = single(verify(faked, head("w-1", records, 2), head("w-1", records, 10)));
		assertThat(chain.fault()).isEqualTo(Fault.UNSIGNED_CUT);
		assertThat(chain.sequence()).isEqualTo(3);

		Checkpoint cut = Checkpoint.cut(new ExpiredRecords.Cut("w-1", 0, ConsentRecord.GENESIS, 3, third.hash(),
				third.content().decidedAt(), third.content().decidedAt().plusSeconds(1), AT.plus(Duration.ofDays(366))),
				Period.ofYears(1), KEY.id());
		assertThat(verify(faked, head("w-1", records, 2), head("w-1", records, 10), cut).verified()).isTrue();
	}

	@Test
	void aCheckpointThatSignedACutNoPurgeMadeIsNamedToo() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		ConsentRecord third = records.get(2);
		Chains faked = new Chains().writer(new RecordStore.Writer("w-1", AT, 10, records.get(9).hash(), 3, third.hash(), AT),
				records.subList(3, 10));
		// The first checkpoint saw no cut; a later one read the faked cut from the database.
		Checkpoint later = Checkpoint.head("w-1", AT.plusSeconds(60), new RecordStore.ChainHead(10, records.get(9).hash()),
				3, third.hash(), KEY.id());

		ChainResult chain = single(verify(faked, head("w-1", records, 2), later));

		assertThat(chain.fault()).isEqualTo(Fault.UNSIGNED_CUT);
	}

	@Test
	void theCutAChainHadWhenItWasFirstSignedIsItsOwn() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		ConsentRecord third = records.get(2);
		Chains cut = new Chains().writer(new RecordStore.Writer("w-1", AT, 10, records.get(9).hash(), 3, third.hash(), AT),
				records.subList(3, 10));

		Checkpoint first = Checkpoint.head("w-1", AT, new RecordStore.ChainHead(10, records.get(9).hash()), 3, third.hash(),
				KEY.id());

		assertThat(verify(cut, first).verified()).isTrue();
	}

	@Test
	void aSignedCutThatRemovedDecisionsYoungerThanTheRetentionIsNamed() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		ConsentRecord third = records.get(2);
		Chains chains = new Chains().writer(new RecordStore.Writer("w-1", AT, 10, records.get(9).hash(), 3, third.hash(), AT),
				records.subList(3, 10));
		Instant decided = third.content().decidedAt();
		// A cut-off later than the purge's time less the retention: it removed what it had to keep.
		Checkpoint early = Checkpoint.cut(new ExpiredRecords.Cut("w-1", 0, ConsentRecord.GENESIS, 3, third.hash(), decided,
				decided.plusSeconds(1), decided.plus(Duration.ofDays(30))), Period.ofYears(1), KEY.id());
		// A youngest decision at or after the cut-off.
		Checkpoint young = Checkpoint.cut(new ExpiredRecords.Cut("w-1", 0, ConsentRecord.GENESIS, 3, third.hash(), decided,
				decided, decided.plus(Duration.ofDays(400))), Period.ofYears(1), KEY.id());

		assertThat(single(verify(chains, head("w-1", records, 10), early)).fault()).isEqualTo(Fault.YOUNG_CUT);
		assertThat(single(verify(chains, head("w-1", records, 10), young)).fault()).isEqualTo(Fault.YOUNG_CUT);
	}

	@Test
	void onlyLinesSignedByTheKeyGivenAreTakenTheOthersAreNamed() throws Exception {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		String signed = head("w-1", records, 9).signedWith(KEY);
		String otherKey = Checkpoint.head("w-1", AT, new RecordStore.ChainHead(9, records.get(8).hash()), 0,
				ConsentRecord.GENESIS, KEY.id()).signedWith(SigningKeyTest.newKey());
		String edited = signed.replace("sequence=9", "sequence=5");
		Path file = this.folder.resolve("checkpoints.log");
		// A checkpoint file, and a log that quotes one in its message.
		Files.writeString(file, signed + "\n2026-11-29T10:05:00.000Z INFO 1 --- [main] CheckpointLog : Consent records"
				+ " checkpoint: " + signed + "\nan unrelated line\n" + otherKey + "\n" + edited + "\n");

		CheckpointLog.Evidence evidence = CheckpointLog.read(List.of(file, this.folder.resolve("missing.log")),
				Map.of(KEY.id(), KEY.publicKey()));

		assertThat(evidence.checkpoints()).hasSize(2).allSatisfy((checkpoint) -> assertThat(checkpoint.sequence()).isEqualTo(9));
		assertThat(evidence.problems()).containsExactly(file + ":4: a checkpoint not signed by the key given",
				file + ":5: a checkpoint not signed by the key given",
				this.folder.resolve("missing.log") + ": cannot be read (NoSuchFileException)");
		Report report = new ChainVerification(new Chains().writer("w-1", records), () -> evidence).verify();
		assertThat(report.chains()).allSatisfy((chain) -> assertThat(chain.verified()).isTrue());
		assertThat(report.verified()).as("a checkpoint file tampered with does not verify").isFalse();
	}

	@Test
	void aStatementIsReadBackExactlyAsItWasSigned() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 3);
		Checkpoint head = head("w-1", records, 3);
		Checkpoint cut = Checkpoint.cut(new ExpiredRecords.Cut("w-1", 0, ConsentRecord.GENESIS, 2, records.get(1).hash(),
				AT.minusSeconds(5), AT, AT.plus(Duration.ofDays(1))), Period.ofYears(5), KEY.id());
		Map<String, java.security.PublicKey> keys = Map.of(KEY.id(), KEY.publicKey());

		assertThat(Checkpoint.read(head.signedWith(KEY), keys)).isEqualTo(new Checkpoint.Read(head, true));
		assertThat(Checkpoint.read(cut.signedWith(KEY), keys)).isEqualTo(new Checkpoint.Read(cut, true));
		assertThat(Checkpoint.read("no statement here", keys)).isNull();
		assertThat(Checkpoint.read(Checkpoint.MARK + "head writer=w-1", keys)).isEqualTo(new Checkpoint.Read(null, false));
		assertThat(Checkpoint.read(Checkpoint.MARK + "head writer=w-1 signature=x", keys))
			.isEqualTo(new Checkpoint.Read(null, false));
		assertThat(Checkpoint.read(head.signedWith(KEY).replace(" key=", "  key="), keys).signed()).isFalse();
		assertThat(Checkpoint.read(head.signedWith(KEY), Map.of()).signed()).isFalse();
	}


	@Test
	void theWalksOwnFaultIsNamedFirst() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		List<ConsentRecord> altered = new ArrayList<>(records.subList(0, 6));
		ConsentRecord second = altered.get(1);
		altered.set(1, new ConsentRecord("w-1", 2, new PendingRecord(second.content().consentId(),
				second.content().decidedAt(), 9, "custom", Map.of(), false, "fr", "/cookies"), second.previousHash(),
				second.hash()));

		ChainResult chain = single(verify(new Chains().writer("w-1", altered), head("w-1", records, 9)));

		assertThat(chain.fault()).isEqualTo(Fault.ALTERED);
		assertThat(chain.sequence()).isEqualTo(2);
	}

	@Test
	void aChainFirstSignedAfterAPurgeOnlyHasTheCutThatPurgeSignedAndFromWhereItCut() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		ConsentRecord third = records.get(2);
		ConsentRecord fifth = records.get(4);
		Instant decided = fifth.content().decidedAt();
		Chains chains = new Chains().writer(new RecordStore.Writer("w-1", AT, 10, records.get(9).hash(), 5, fifth.hash(), AT),
				records.subList(5, 10));
		// The only statements left: a purge from a cut nothing signed (records 1 to 3 removed behind the application's
		// back), then the chain's head.
		Checkpoint purge = Checkpoint.cut(new ExpiredRecords.Cut("w-1", 3, third.hash(), 5, fifth.hash(), decided,
				decided.plusSeconds(1), decided.plus(Duration.ofDays(400))), Period.ofYears(1), KEY.id());
		Checkpoint later = Checkpoint.head("w-1", decided.plus(Duration.ofDays(401)),
				new RecordStore.ChainHead(10, records.get(9).hash()), 5, fifth.hash(), KEY.id());

		ChainResult chain = single(verify(chains, purge, later));

		assertThat(chain.fault()).isEqualTo(Fault.UNSIGNED_CUT);
		assertThat(chain.sequence()).isEqualTo(3);
	}

	@Test
	void checkpointsOfRecordsThePurgeRemovedAreNotLookedFor() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 10);
		ConsentRecord third = records.get(2);
		Instant decided = third.content().decidedAt();
		Chains cut = new Chains().writer(new RecordStore.Writer("w-1", AT, 10, records.get(9).hash(), 3, third.hash(), AT),
				records.subList(3, 10));
		Checkpoint purge = Checkpoint.cut(new ExpiredRecords.Cut("w-1", 0, ConsentRecord.GENESIS, 3, third.hash(), decided,
				decided.plusSeconds(1), decided.plus(Duration.ofDays(400))), Period.ofYears(1), KEY.id());

		// Signed at #2 and at #3, the last record the purge removed: nothing to find of them, nothing wrong.
		assertThat(verify(cut, head("w-1", records, 2), head("w-1", records, 3), purge).verified()).isTrue();
	}

	@Test
	void checkpointsThatCannotBeReadAreNamedAndTheRecordsDoNotVerify() {
		Report report = new ChainVerification(new Chains().writer("w-1", ChainVerificationTest.records("w-1", 2)),
				() -> new CheckpointLog.Evidence(List.of(), List.of("checkpoints.log: cannot be read (NoSuchFileException)")))
			.verify();

		assertThat(report.checkpointed()).isTrue();
		assertThat(report.verified()).isFalse();
		assertThat(report.problems()).containsExactly("checkpoints.log: cannot be read (NoSuchFileException)");
	}

	@Test
	void whatTheApplicationSignsIsReadBackSignedFromItsFileAndItsLog(@TempDir Path logs) throws Exception {
		Path file = logs.resolve("checkpoints.log");
		CheckpointLog log = new CheckpointLog(KEY, file, Period.ofYears(5));
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 3);
		log.head(Checkpoint.HELD, "w-1", AT, new RecordStore.ChainHead(3, records.get(2).hash()), 0, ConsentRecord.GENESIS);
		log.cut(new ExpiredRecords.Cut("w-1", 0, ConsentRecord.GENESIS, 2, records.get(1).hash(), AT, AT.plusSeconds(1),
				AT.plus(Duration.ofDays(2000))));
		new CheckpointLog(KEY, null, Period.ofYears(5)).head(Checkpoint.TAKEN, "w-1", AT, RecordStore.ChainHead.EMPTY, 0,
				ConsentRecord.GENESIS);

		CheckpointLog.Evidence evidence = CheckpointLog.read(List.of(file), Map.of(KEY.id(), KEY.publicKey()));

		assertThat(evidence.problems()).isEmpty();
		assertThat(evidence.checkpoints()).extracting(Checkpoint::kind, Checkpoint::sequence, Checkpoint::retention)
			.containsExactly(tuple(Checkpoint.HELD, 3L, null), tuple(Checkpoint.CUT, 2L, Period.ofYears(5)));
	}

	/** What an instance taking a chain compares it with: its own file's statements about that chain, in order. */
	@Test
	void anInstanceReadsBackWhatItsOwnFileSaysOfOneChain(@TempDir Path logs) {
		Path file = logs.resolve("checkpoints.log");
		CheckpointLog log = new CheckpointLog(KEY, file, Period.ofYears(5));
		assertThat(log.own("w-1")).as("before the file exists").isEmpty();
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 3);
		log.head(Checkpoint.TAKEN, "w-1", AT, new RecordStore.ChainHead(1, records.get(0).hash()), 0, ConsentRecord.GENESIS);
		log.head(Checkpoint.HELD, "w-2", AT, RecordStore.ChainHead.EMPTY, 0, ConsentRecord.GENESIS);
		log.head(Checkpoint.RELEASED, "w-1", AT.plusSeconds(1), new RecordStore.ChainHead(3, records.get(2).hash()), 0,
				ConsentRecord.GENESIS);

		assertThat(log.own("w-1")).extracting(Checkpoint::kind, Checkpoint::sequence)
			.containsExactly(tuple(Checkpoint.TAKEN, 1L), tuple(Checkpoint.RELEASED, 3L));
		assertThat(log.own("w-3")).isEmpty();
		assertThat(new CheckpointLog(KEY, null, Period.ofYears(5)).own("w-1")).as("no file: the log alone has them")
			.isEmpty();
	}

	@Test
	void aLineThatIsNoStatementOfThisFormatIsReadAsNone() {
		Map<String, java.security.PublicKey> keys = Map.of(KEY.id(), KEY.publicKey());
		String head = head("w-1", ChainVerificationTest.records("w-1", 3), 3).signedWith(KEY);

		assertThat(Checkpoint.read(head.replace(" key=", " =stray key="), keys)).isEqualTo(new Checkpoint.Read(null, false));
		String cut = Checkpoint.cut(new ExpiredRecords.Cut("w-1", 0, ConsentRecord.GENESIS, 2, ConsentRecord.GENESIS, AT,
				AT.plusSeconds(1), AT.plus(Duration.ofDays(2000))), Period.ofYears(5), KEY.id()).signedWith(KEY);
		assertThat(Checkpoint.read(cut.replace("/1 cut ", "/1 tail "), keys)).isEqualTo(new Checkpoint.Read(null, false));
		assertThat(Checkpoint.read(head.replace(" cut=0", " cut=zero"), keys)).isEqualTo(new Checkpoint.Read(null, false));
		assertThat(Checkpoint.read(head.replace(" key=", " cut=1 key="), keys)).isEqualTo(new Checkpoint.Read(null, false));
		// Signed by the key, but not as the application writes a statement: another text than the one read back.
		String text = head.substring(0, head.indexOf(" signature="));
		String reordered = text.replace(" cut=0 cut-hash=" + ConsentRecord.GENESIS, "")
			.replace(" at=", " cut=0 cut-hash=" + ConsentRecord.GENESIS + " at=");
		assertThat(Checkpoint.read(reordered + " signature=" + KEY.sign(reordered), keys))
			.satisfies((read) -> assertThat(read.signed()).isFalse());
	}


	@Test
	void recordsAddedAfterTheChainWasLetGoAreNamedWhetherOrNotAnInstanceTookItSince() {
		List<ConsentRecord> records = ChainVerificationTest.records("w-1", 16);
		Checkpoint taken = Checkpoint.head(Checkpoint.TAKEN, "w-1", AT, RecordStore.ChainHead.EMPTY, 0,
				ConsentRecord.GENESIS, KEY.id());
		Checkpoint released = head(Checkpoint.RELEASED, AT.plusSeconds(60), records, 15);
		// A record added, its head moved on, while no instance held the chain.
		Chains added = new Chains().writer("w-1", records);

		ChainResult alone = single(verify(added, taken, released));
		assertThat(alone.fault()).isEqualTo(Fault.ADDED_WHILE_RELEASED);
		assertThat(alone.sequence()).isEqualTo(16);
		assertThat(alone.describe()).isEqualTo("writer w-1: record #16 was added while no instance held the chain: it was"
				+ " let go at record #15 (a signed checkpoint)");

		// An instance started again with that writer id took the chain as it found it, and signed it.
		Checkpoint retaken = head(Checkpoint.TAKEN, AT.plusSeconds(120), records, 16);
		assertThat(single(verify(added, taken, released, retaken)).fault()).isEqualTo(Fault.ADDED_WHILE_RELEASED);

		// Taken again where it was let go, and written on since: verifies.
		Checkpoint resumed = head(Checkpoint.TAKEN, AT.plusSeconds(120), records, 15);
		assertThat(verify(added, taken, released, resumed).verified()).isTrue();
		assertThat(verify(new Chains().writer("w-1", records.subList(0, 15)), taken, released).verified()).isTrue();
	}

}
