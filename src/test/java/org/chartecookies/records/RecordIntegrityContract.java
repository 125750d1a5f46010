package org.chartecookies.records;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.chartecookies.records.ChainVerification.ChainResult;
import org.chartecookies.records.ChainVerification.Fault;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Proof that holds, on every database the records support (H2 and PostgreSQL run these same tests): a writer id used
 * again resumes its chain, two running instances never write one chain, a database that refuses records is told and
 * what it refused can be written again; and, with a signing key, what someone able to write to the database and the
 * records folder tried against the records (re-chaining through the waiting file, a fake purge, a tail removed, a
 * chain removed) is refused or named.
 */
abstract class RecordIntegrityContract {

	@TempDir
	Path temporary;

	private DataSource dataSource;

	RecordStore store;

	JdbcClient jdbc;

	private final List<RecordWriter> writers = new ArrayList<>();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	/** A database with nothing in it (a new one for each test). */
	abstract DataSource emptyDatabase();

	@BeforeEach
	void migrate() {
		this.dataSource = emptyDatabase();
		Records.migrate(this.dataSource);
		this.store = Records.store(this.dataSource);
		this.jdbc = JdbcClient.create(this.dataSource);
	}

	@AfterEach
	void stopWriters() {
		this.writers.stream().filter(RecordWriter::isRunning).forEach(RecordWriter::stop);
	}

	/** One running instance: its folder, its writer, what it keeps. */
	final class Instance {

		final Path folder;

		final RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), RecordIntegrityContract.this.meters);

		final SpillFile spill;

		final RecordWriter writer;

		Instance(String folder, String writerId, @Nullable SigningKey key) throws Exception {
			this.folder = Files.createDirectories(RecordIntegrityContract.this.temporary.resolve(folder));
			WaitingLines lines = new WaitingLines(key, Records::registry, Clock.systemUTC(), Duration.ofDays(30));
			this.spill = new SpillFile(this.folder, lines, this.keeping::setAside);
			CheckpointLog checkpoints = (key != null) ? new CheckpointLog(key, checkpointFile(), Period.ofYears(5)) : null;
			this.writer = new RecordWriter(RecordIntegrityContract.this.store, this.spill, new Journal(this.folder, lines),
					this.keeping, checkpoints, RecordWriterTest.properties(this.folder, 10_000, writerId), Clock.systemUTC(),
					writerId, "h-" + folder, () -> {
					}, RecordIntegrityContract.this.meters);
			RecordIntegrityContract.this.writers.add(this.writer);
		}

		Instance start() {
			this.writer.start();
			return this;
		}

		List<PendingRecord> decide(int count) {
			List<PendingRecord> decisions = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				PendingRecord decision = Records.decision(List.of("accept-all", "reject-all", "custom").get(i % 3),
						Instant.now().minusSeconds(60));
				decisions.add(decision);
				this.writer.accept(decision);
			}
			return decisions;
		}

		Status kept() {
			return new RecordKeeping.KeptHealthIndicator(this.keeping).health().getStatus();
		}

	}

	private Path checkpointFile() {
		return this.temporary.resolve("checkpoints.log");
	}

	void awaitRecords(long count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.store.count() == count);
	}

	private ChainVerification.Report verify(@Nullable SigningKey key) {
		if (key == null) {
			return new ChainVerification(this.store).verify();
		}
		return new ChainVerification(this.store,
				() -> CheckpointLog.read(List.of(checkpointFile()), Map.of(key.id(), key.publicKey()))).verify();
	}

	@Test
	void aWriterIdUsedAgainAfterARestartResumesItsChainAndRecordsOn() throws Exception {
		Instance first = new Instance("first", "node-1", null).start();
		first.decide(3);
		awaitRecords(3);
		first.writer.stop();

		Instance again = new Instance("again", "node-1", null).start();
		List<PendingRecord> after = again.decide(3);

		awaitRecords(6);
		after.forEach((decision) -> assertThat(this.store.find(decision.consentId())).isPresent());
		assertThat(this.store.writers()).singleElement()
			.satisfies((writer) -> assertThat(writer.headSequence()).isEqualTo(6));
		assertThat(verify(null).verified()).isTrue();
		assertThat(again.folder.resolve(SpillFile.REJECTED)).doesNotExist();
		assertThat(again.keeping.troubles()).isEmpty();
	}

	@Test
	void twoRunningInstancesWithOneWriterIdNeverWriteOneChainTheSecondSaysSoAndWaitsOnDisk() throws Exception {
		Instance first = new Instance("first", "node-1", null).start();
		first.decide(2);
		awaitRecords(2);

		Instance second = new Instance("second", "node-1", null).start();
		List<PendingRecord> waiting = second.decide(4);
		await().atMost(Duration.ofSeconds(30)).until(() -> second.keeping.has(RecordKeeping.Trouble.CHAIN));
		first.decide(1);
		awaitRecords(3);
		assertThat(second.writer.claimed()).isFalse();
		assertThat(second.spill.waiting()).isEqualTo(4);
		assertThat(second.kept()).as("its decisions are on disk: readiness stays UP").isEqualTo(Status.UP);
		assertThat(verify(null).verified()).isTrue();

		first.writer.stop();

		awaitRecords(7);
		waiting.forEach((decision) -> assertThat(this.store.find(decision.consentId())).isPresent());
		await().atMost(Duration.ofSeconds(10)).until(() -> second.keeping.troubles().isEmpty());
		assertThat(this.store.writers()).singleElement()
			.satisfies((writer) -> assertThat(writer.headSequence()).isEqualTo(7));
		assertThat(verify(null).verified()).isTrue();
	}

	@Test
	void aChainWhoseHolderDiedIsTakenOverOnceItsHeartbeatStoodStill() throws Exception {
		this.store.claims().claim("node-1", "h-died", Instant.now());
		this.store.append("node-1", "h-died", RecordStore.ChainHead.EMPTY,
				List.of(Records.decision("accept-all", Instant.now()), Records.decision("reject-all", Instant.now())));

		Instance next = new Instance("next", "node-1", null).start();
		next.decide(2);

		awaitRecords(4);
		assertThat(next.writer.claimed()).isTrue();
		assertThat(next.keeping.troubles()).isEmpty();
		assertThat(verify(null).verified()).isTrue();
	}

	@Test
	void aDatabaseRefusingEveryRecordTurnsReadinessDownCountsWhatIsSetAsideAndItIsWrittenOnceAskedAgain()
			throws Exception {
		// As a trigger or a constraint added behind the application's back would: every record refused.
		this.jdbc.sql("ALTER TABLE consent_record ADD CONSTRAINT refuse_every_record CHECK (consent_id = 'none')").update();
		Instance instance = new Instance("refused", "node-1", null).start();

		List<PendingRecord> refused = instance.decide(5);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.meters.find("charte.records.set.aside").counter() != null
					&& this.meters.find("charte.records.set.aside").counter().count() == 5);
		assertThat(instance.kept()).isEqualTo(Status.DOWN);
		assertThat(new RecordsHealthIndicator(instance.writer, instance.keeping, () -> true).health().getStatus())
			.isEqualTo(Status.DOWN);
		assertThat(Files.readAllLines(instance.folder.resolve(SpillFile.REJECTED))).hasSize(5);
		assertThat(this.store.count()).isZero();

		this.jdbc.sql("ALTER TABLE consent_record DROP CONSTRAINT refuse_every_record").update();
		await().atMost(Duration.ofSeconds(30)).until(() -> instance.kept() == Status.UP);
		assertThat(instance.spill.resubmit()).isEqualTo(5);

		awaitRecords(5);
		refused.forEach((decision) -> assertThat(this.store.find(decision.consentId())).isPresent());
		assertThat(instance.folder.resolve(SpillFile.REJECTED)).doesNotExist();
		assertThat(verify(null).verified()).isTrue();
	}

	@Test
	void reChainingThroughTheWaitingFileIsRefusedAndTheChainsCutShortIsNamed() throws Exception {
		SigningKey key = SigningKeyTest.newKey();
		Instance honest = new Instance("honest", "w-honest", key).start();
		honest.decide(20);
		awaitRecords(20);
		honest.writer.stop();
		assertThat(verify(key).verified()).isTrue();

		// Export the chain from #10 on, change #10, put the rows where decisions wait, remove them, move the head back.
		List<ConsentRecord> exported = new ArrayList<>();
		this.store.chain("w-honest", (record) -> {
			if (record.sequence() >= 10) {
				exported.add(record);
			}
		});
		WaitingLines withoutKey = Records.lines(Clock.systemUTC());
		StringBuilder lines = new StringBuilder();
		for (ConsentRecord record : exported) {
			PendingRecord content = record.content();
			if (record.sequence() == 10) {
				content = new PendingRecord(content.consentId(), content.decidedAt(), content.revision(), "accept-all",
						Map.of("statistics", true, "video", true), false, content.language(), content.pagePath(),
						content.site());
			}
			lines.append(withoutKey.encode(content)).append('\n');
		}
		// A line made the keyed way, its code guessed.
		lines.append(withoutKey.encode(exported.get(0).content()).replaceFirst("^r3", "r4")).append("\tAAAA\n");
		Path folder = Files.createDirectories(this.temporary.resolve("next"));
		Files.writeString(folder.resolve("pending-records.txt"), lines, StandardCharsets.US_ASCII);
		ConsentRecord ninth = this.store.record("w-honest", 9).orElseThrow();
		this.jdbc.sql("DELETE FROM consent_record WHERE writer_id = 'w-honest' AND record_sequence >= 10").update();
		this.jdbc.sql("UPDATE record_writer SET head_sequence = 9, head_hash = ? WHERE writer_id = 'w-honest'")
			.param(ninth.hash())
			.update();
		assertThat(verify(null).verified()).as("without checkpoints the database alone verifies").isTrue();

		Instance next = new Instance("next", "w-next", key).start();

		await().atMost(Duration.ofSeconds(30)).until(() -> next.spill.waiting() == 0);
		assertThat(this.store.count()).as("nothing of the forged lines is chained").isEqualTo(9);
		assertThat(this.meters.get("charte.records.set.aside").tags("reason", "not authenticated (written without the signing key)")
			.counter()
			.count()).isEqualTo(11);
		assertThat(Files.readAllLines(next.folder.resolve(SpillFile.REJECTED))).hasSize(12);
		ChainVerification.Report report = verify(key);
		assertThat(report.chains()).extracting(ChainResult::writerId, ChainResult::fault)
			.contains(tuple("w-honest", Fault.BEHIND_CHECKPOINT));
		assertThat(report.verified()).isFalse();
	}

	@Test
	void aFakePurgeIsNamedAndAPurgeTheApplicationSignedVerifies() throws Exception {
		SigningKey key = SigningKeyTest.newKey();
		Instance instance = new Instance("purged", "w-purged", key).start();
		instance.decide(10);
		awaitRecords(10);
		instance.writer.stop();

		// Records a minute old deleted, the cut set to match.
		ConsentRecord third = this.store.record("w-purged", 3).orElseThrow();
		this.jdbc.sql("DELETE FROM consent_record WHERE writer_id = 'w-purged' AND record_sequence <= 3").update();
		this.jdbc.sql("UPDATE record_writer SET cut_sequence = 3, cut_hash = ? WHERE writer_id = 'w-purged'")
			.param(third.hash())
			.update();
		assertThat(verify(null).verified()).as("without checkpoints the database alone verifies").isTrue();

		assertThat(verify(key).firstFault()).satisfies((fault) -> {
			assertThat(fault.fault()).isEqualTo(Fault.UNSIGNED_CUT);
			assertThat(fault.sequence()).isEqualTo(3);
		});

		// The application's own purge, a retention later: a chain it cut verifies; the faked cut stays named.
		Instance legit = new Instance("legit", "w-legit", key).start();
		legit.decide(3);
		awaitRecords(10);
		legit.writer.stop();
		Instant later = Instant.now().atOffset(ZoneOffset.UTC).plusYears(5).plusDays(1).toInstant();
		new RetentionPurge(this.store, RecordWriterTest.properties(instance.folder, 1, "w-purged"),
				Clock.fixed(later, ZoneOffset.UTC), () -> {
				}, new CheckpointLog(key, checkpointFile(), Period.ofYears(5))).purge();
		assertThat(this.store.count()).isZero();
		assertThat(verify(key).chains()).extracting(ChainResult::writerId, ChainResult::fault)
			.containsExactlyInAnyOrder(tuple("w-purged", Fault.UNSIGNED_CUT), tuple("w-legit", null));
	}

	/**
	 * Records backdated and chained again while no instance ran, so that the application's own purge would delete them
	 * and sign the cut: the instance taking the chain says so, the purge leaves the chain as it is, and a cut made all
	 * the same is named.
	 */
	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void recordsBackdatedAndChainedAgainAreNotPurgedAndACutOfThemIsNamed(
			org.springframework.boot.test.system.CapturedOutput output) throws Exception {
		SigningKey key = SigningKeyTest.newKey();
		Instance first = new Instance("first", "node-1", key).start();
		first.decide(3);
		awaitRecords(3);
		first.writer.stop();

		// Six years back, and chained again from the first record (the head moved to the new hash).
		String previous = ConsentRecord.GENESIS;
		for (long sequence = 1; sequence <= 3; sequence++) {
			ConsentRecord found = this.store.record("node-1", sequence).orElseThrow();
			PendingRecord content = found.content();
			PendingRecord backdated = new PendingRecord(content.consentId(),
					content.decidedAt().atOffset(ZoneOffset.UTC).minusYears(6).toInstant(), content.revision(),
					content.kind(), content.choices(), content.globalPrivacyControl(), content.language(),
					content.pagePath(), content.site());
			ConsentRecord forged = ConsentRecord.chain("node-1", sequence, backdated, previous);
			this.jdbc.sql("UPDATE consent_record SET decided_at = ?, previous_hash = ?, record_hash = ? "
					+ "WHERE writer_id = 'node-1' AND record_sequence = ?")
				.params(backdated.decidedAt().atOffset(ZoneOffset.UTC), forged.previousHash(), forged.hash(), sequence)
				.update();
			previous = forged.hash();
		}
		this.jdbc.sql("UPDATE record_writer SET head_hash = ? WHERE writer_id = 'node-1'").param(previous).update();
		assertThat(verify(null).verified()).as("without checkpoints the database alone verifies").isTrue();

		Instance again = new Instance("again", "node-1", key).start();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> output.getOut().contains("the chain of writer node-1 is not the one its own checkpoints signed"));
		again.writer.stop();
		RetentionPurge purge = new RetentionPurge(this.store, RecordWriterTest.properties(again.folder, 1, "node-1"),
				Clock.systemUTC(), () -> {
				}, new CheckpointLog(key, checkpointFile(), Period.ofYears(5)));
		assertThat(purge.purge()).isZero();
		assertThat(this.store.count()).isEqualTo(3);
		assertThat(output.getOut()).contains("the retention purge leaves the chain of writer node-1 as it is: record #1");
		assertThat(verify(key).firstFault()).satisfies((fault) -> assertThat(fault.fault())
			.isEqualTo(Fault.CHECKPOINT_MISMATCH));

		// A purge that cut them all the same, and signed its cut: the cut is not where the checkpoints were.
		CheckpointLog log = new CheckpointLog(key, checkpointFile(), Period.ofYears(5));
		this.store.expired().purge(Instant.now().atOffset(ZoneOffset.UTC).minusYears(5).toInstant(), Instant.now(), log::cut);
		assertThat(this.store.count()).isZero();
		assertThat(verify(key).firstFault()).satisfies((fault) -> {
			assertThat(fault.fault()).isEqualTo(Fault.CUT_MISMATCH);
			assertThat(fault.sequence()).isEqualTo(3);
		});
	}

	@Test
	void aChainRemovedWholeAndAChainAddedAreNamed() throws Exception {
		SigningKey key = SigningKeyTest.newKey();
		Instance instance = new Instance("removed", "w-removed", key).start();
		instance.decide(4);
		awaitRecords(4);
		instance.writer.stop();

		this.jdbc.sql("DELETE FROM consent_record WHERE writer_id = 'w-removed'").update();
		this.jdbc.sql("DELETE FROM record_writer WHERE writer_id = 'w-removed'").update();
		Records.append(this.store, "w-added", RecordStore.ChainHead.EMPTY,
				List.of(Records.decision("accept-all", Instant.now())));

		assertThat(verify(null).verified()).as("without checkpoints the database alone verifies").isTrue();
		assertThat(verify(key).chains()).extracting(ChainResult::writerId, ChainResult::fault)
			.containsExactlyInAnyOrder(tuple("w-added", Fault.NOT_CHECKPOINTED), tuple("w-removed", Fault.MISSING_CHAIN));
	}


	@Test
	void aRecordAddedAfterTheChainWasLetGoIsNamedEvenOnceAnInstanceTookItAgain() throws Exception {
		SigningKey key = SigningKeyTest.newKey();
		Instance first = new Instance("first", "node-1", key).start();
		first.decide(15);
		awaitRecords(15);
		first.writer.stop();
		assertThat(verify(key).verified()).isTrue();

		// Record #16 chained on as the writer would, and the head moved with it, while no instance held the chain.
		ConsentRecord last = this.store.record("node-1", 15).orElseThrow();
		ConsentRecord forged = ConsentRecord.chain("node-1", 16, Records.decision("accept-all", Instant.now().minusSeconds(3600)),
				last.hash());
		this.jdbc.sql("INSERT INTO consent_record (writer_id, record_sequence, consent_id, decided_at, registry_revision, "
				+ "decision, choices, gpc, language_tag, page_path, previous_hash, record_hash, site) "
				+ "VALUES ('node-1', 16, ?, ?, 1, 'accept-all', ?, FALSE, 'fr', '/cookies', ?, ?, 'cookies')")
			.params(forged.content().consentId(), forged.content().decidedAt().atOffset(ZoneOffset.UTC),
					forged.content().choicesText(), forged.previousHash(), forged.hash())
			.update();
		this.jdbc.sql("UPDATE record_writer SET head_sequence = 16, head_hash = ? WHERE writer_id = 'node-1'")
			.param(forged.hash())
			.update();
		assertThat(verify(null).verified()).as("without checkpoints the database alone verifies").isTrue();
		assertThat(verify(key).firstFault()).satisfies((fault) -> {
			assertThat(fault.fault()).isEqualTo(Fault.ADDED_WHILE_RELEASED);
			assertThat(fault.sequence()).isEqualTo(16);
		});

		Instance again = new Instance("again", "node-1", key).start();
		again.decide(2);
		awaitRecords(18);
		again.writer.stop();

		assertThat(verify(key).firstFault()).satisfies((fault) -> assertThat(fault.fault())
			.isEqualTo(Fault.ADDED_WHILE_RELEASED));
	}


	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void signedRecordsRemovedAndWrittenOverAreToldAtStartAndNamedByTheVerification(
			org.springframework.boot.test.system.CapturedOutput output) throws Exception {
		SigningKey key = SigningKeyTest.newKey();
		Instance first = new Instance("first", "node-1", key).start();
		first.decide(10);
		awaitRecords(10);
		first.writer.stop();

		// The last four records removed (or lost by the database) and the head moved back, while no instance ran.
		ConsentRecord sixth = this.store.record("node-1", 6).orElseThrow();
		this.jdbc.sql("DELETE FROM consent_record WHERE writer_id = 'node-1' AND record_sequence > 6").update();
		this.jdbc.sql("UPDATE record_writer SET head_sequence = 6, head_hash = ? WHERE writer_id = 'node-1'")
			.param(sixth.hash())
			.update();
		assertThat(verify(key).firstFault()).satisfies((fault) -> assertThat(fault.fault())
			.isEqualTo(Fault.BEHIND_CHECKPOINT));

		Instance again = new Instance("again", "node-1", key).start();
		again.decide(6);
		awaitRecords(12);
		again.writer.stop();

		assertThat(output.getOut()).contains("the chain of writer node-1 ends at record #6, before record #10 that its own"
				+ " checkpoints signed");
		ChainResult fault = verify(key).firstFault();
		assertThat(fault).isNotNull();
		assertThat(fault.describe()).isEqualTo("writer node-1: records #7 to #10 were named by signed checkpoints, then"
				+ " removed, and the chain written on from record #6: removed behind the application's back, or lost by the"
				+ " database");
	}

	/** As the embedded database did after a full disk: it came back without commits it had acknowledged. */
	@Test
	void decisionsTheDatabaseLostAfterAcknowledgingThemAreWrittenAgainFromTheJournal() throws Exception {
		Instance instance = new Instance("lossy", "node-1", null).start();
		List<PendingRecord> decided = instance.decide(10);
		awaitRecords(10);
		ConsentRecord fifth = this.store.record("node-1", 5).orElseThrow();
		this.jdbc.sql("DELETE FROM consent_record WHERE writer_id = 'node-1' AND record_sequence > 5").update();
		this.jdbc.sql("UPDATE record_writer SET head_sequence = 5, head_hash = ? WHERE writer_id = 'node-1'")
			.param(fifth.hash())
			.update();

		decided.addAll(instance.decide(1));

		awaitRecords(11);
		decided.forEach((decision) -> assertThat(this.store.find(decision.consentId())).isPresent());
		assertThat(verify(null).verified()).isTrue();
	}


	@Test
	void aWaitingLineUnderAConsentIdRecordedWithAnotherDecisionIsSetAsideNotDropped() throws Exception {
		Instance first = new Instance("first", "node-1", null).start();
		PendingRecord decided = first.decide(1).get(0);
		awaitRecords(1);
		first.writer.stop();
		PendingRecord other = new PendingRecord(decided.consentId(), decided.decidedAt(), decided.revision(), "reject-all",
				Map.of("statistics", false, "video", false), false, decided.language(), decided.pagePath(), decided.site());
		assertThat(other).isNotEqualTo(decided);
		Path folder = Files.createDirectories(this.temporary.resolve("next"));
		WaitingLines lines = Records.lines(Clock.systemUTC());
		// The decision again (a crashed run's journal also held it), and another under its id.
		Files.writeString(folder.resolve("pending-records.txt"),
				lines.encode(decided) + "\n" + lines.encode(other) + "\n", StandardCharsets.US_ASCII);

		Instance next = new Instance("next", "node-2", null).start();

		await().atMost(Duration.ofSeconds(30)).until(() -> next.spill.waiting() == 0);
		assertThat(this.store.count()).isEqualTo(1);
		assertThat(this.store.find(decided.consentId()).orElseThrow().content()).isEqualTo(decided);
		assertThat(Files.readAllLines(next.folder.resolve(SpillFile.REJECTED))).containsExactly(lines.encode(other));
		assertThat(this.meters.get("charte.records.set.aside")
			.tag("reason", "a consent id already recorded with another decision")
			.counter()
			.count()).isEqualTo(1);

		// Alone in the file, another decision under an id the database has is set aside too.
		next.writer.stop();
		Path third = Files.createDirectories(this.temporary.resolve("third"));
		Files.writeString(third.resolve("pending-records.txt"), lines.encode(other) + "\n", StandardCharsets.US_ASCII);
		Instance last = new Instance("third", "node-3", null).start();
		await().atMost(Duration.ofSeconds(30)).until(() -> last.spill.waiting() == 0);
		assertThat(Files.readAllLines(third.resolve(SpillFile.REJECTED))).containsExactly(lines.encode(other));
		assertThat(this.store.find(decided.consentId()).orElseThrow().content()).isEqualTo(decided);
	}

}
