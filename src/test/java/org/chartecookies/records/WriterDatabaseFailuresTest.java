package org.chartecookies.records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.chartecookies.records.RecordKeeping.Trouble;
import org.chartecookies.records.RecordStore.ChainHead;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The database may stop answering at any step of the writer's path, not only while a batch is written: wherever it
 * does, it is an outage as the backoff tells it (once in the log, in the health, tried again every retry interval), and
 * once the database answers again the step is done and no trouble is left set.
 */
@ExtendWith(OutputCaptureExtension.class)
class WriterDatabaseFailuresTest {

	@TempDir
	Path temporary;

	private final RecordWriterTest.Database database = new RecordWriterTest.Database();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<RecordWriter> writers = new ArrayList<>();

	/** The steps at whose next call the database goes down (and stays down until the test brings it up). */
	private final Set<String> downAt = ConcurrentHashMap.newKeySet();

	private RecordStore store;

	@BeforeEach
	void migrate() {
		Records.migrate(this.database);
		this.store = new Store();
	}

	@AfterEach
	void stopWriters() {
		this.database.up();
		this.writers.stream().filter(RecordWriter::isRunning).forEach(RecordWriter::stop);
	}

	/** The real store, on a database that goes down just as one of these steps asks it something. */
	private final class Store extends RecordStore {

		Store() {
			super(JdbcClient.create(WriterDatabaseFailuresTest.this.database),
					new JdbcTemplate(WriterDatabaseFailuresTest.this.database), new TransactionTemplate(
							new DataSourceTransactionManager(WriterDatabaseFailuresTest.this.database)), null);
		}

		private void step(String name) {
			if (WriterDatabaseFailuresTest.this.downAt.remove(name)) {
				WriterDatabaseFailuresTest.this.database.down();
			}
		}

		@Override
		public Optional<ConsentRecord> record(String writerId, long sequence) {
			step("record");
			return super.record(writerId, sequence);
		}

		@Override
		public Optional<Writer> writer(String writerId) {
			step("writer");
			return super.writer(writerId);
		}

		@Override
		Set<String> recorded(Collection<String> consentIds) {
			step("recorded");
			return super.recorded(consentIds);
		}

	}

	private final class Instance {

		final Path folder;

		final RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), WriterDatabaseFailuresTest.this.meters);

		final RecordWriter writer;

		Instance(String folder, @Nullable SigningKey key) throws Exception {
			this.folder = Files.createDirectories(WriterDatabaseFailuresTest.this.temporary.resolve(folder));
			WaitingLines lines = Records.lines(Clock.systemUTC());
			CheckpointLog checkpoints = (key != null) ? new CheckpointLog(key, checkpointFile(), Period.ofYears(5)) : null;
			this.writer = new RecordWriter(WriterDatabaseFailuresTest.this.store,
					new SpillFile(this.folder, lines, this.keeping::setAside), new Journal(this.folder, lines), this.keeping,
					checkpoints, RecordWriterTest.properties(this.folder, 10_000, "node-1"), Clock.systemUTC(), "node-1",
					"h-" + folder, () -> {
					}, WriterDatabaseFailuresTest.this.meters);
			WriterDatabaseFailuresTest.this.writers.add(this.writer);
		}

		Instance start() {
			this.writer.start();
			return this;
		}

		List<PendingRecord> decide(int count) {
			List<PendingRecord> decisions = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				PendingRecord decision = Records.decision("custom", Instant.now().minusSeconds(60));
				decisions.add(decision);
				this.writer.accept(decision);
			}
			return decisions;
		}

		Status health() {
			return new RecordsHealthIndicator(this.writer, this.keeping, () -> true).health().getStatus();
		}

	}

	private Path checkpointFile() {
		return this.temporary.resolve("checkpoints.log");
	}

	private List<Checkpoint> signed(SigningKey key) {
		return CheckpointLog.read(List.of(checkpointFile()), Map.of(key.id(), key.publicKey())).checkpoints();
	}

	private ChainVerification.Report verify(SigningKey key) {
		return new ChainVerification(this.store, () -> CheckpointLog.read(List.of(checkpointFile()),
				Map.of(key.id(), key.publicKey())))
			.verify();
	}

	private void awaitRecords(long count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.store.count() == count);
	}

	/**
	 * Another running instance held the chain (this one said so: {@link Trouble#CHAIN}) and let it go; as this one takes
	 * it, it compares it with the checkpoints its file signed, and the database goes down then. Once it answers, the
	 * comparison is made again, the chain taken, the trouble over and the taken head signed.
	 */
	@Test
	void theDatabaseFailingWhileATakenChainIsComparedWithItsCheckpointsIsTriedAgainOnceItAnswers() throws Exception {
		SigningKey key = SigningKeyTest.newKey();
		this.store.claims().claim("node-1", "h-other", Instant.now());
		this.store.append("node-1", "h-other", ChainHead.EMPTY, List.of(Records.decision("accept-all", Instant.now()),
				Records.decision("reject-all", Instant.now()), Records.decision("custom", Instant.now())));
		// An earlier run of this instance signed record #2, behind the head it will find: the comparison reads #2.
		ConsentRecord second = this.store.record("node-1", 2).orElseThrow();
		new CheckpointLog(key, checkpointFile(), Period.ofYears(5)).head(Checkpoint.HELD, "node-1",
				Instant.now().minusSeconds(60), new ChainHead(2, second.hash()), 0, ConsentRecord.GENESIS);
		Instance instance = new Instance("node", key).start();
		// The other instance's heartbeat moves while this one watches: it is alive.
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.store.claims().heartbeat("node-1", "h-other");
			return instance.keeping.has(Trouble.CHAIN);
		});

		this.downAt.add("record");
		this.store.claims().release("node-1", "h-other");
		await().atMost(Duration.ofSeconds(10)).until(() -> instance.writer.failingSince() != null);
		assertThat(instance.health()).isEqualTo(Status.DOWN);
		this.database.up();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> instance.writer.claimed() && instance.keeping.troubles().isEmpty());
		await().atMost(Duration.ofSeconds(10)).until(() -> instance.health() == Status.UP);
		assertThat(signed(key)).filteredOn((checkpoint) -> checkpoint.kind().equals(Checkpoint.TAKEN))
			.singleElement()
			.satisfies((taken) -> assertThat(taken.sequence()).isEqualTo(3));
		instance.decide(2);
		awaitRecords(5);
		instance.writer.stop();
		assertThat(verify(key).verified()).isTrue();
	}

	/**
	 * The database goes down just as an instance signs the head it took (the writer's row names the chain's cut): the
	 * chain is not written to before that head is signed, else the verification would name the records written after
	 * the head the last instance let go as added while no instance held the chain.
	 */
	@Test
	void theDatabaseFailingWhileATakenHeadIsSignedSignsItOnceItAnswersBeforeAnyRecordIsWritten() throws Exception {
		SigningKey key = SigningKeyTest.newKey();
		Instance first = new Instance("first", key).start();
		first.decide(3);
		awaitRecords(3);
		first.writer.stop();

		this.downAt.add("writer");
		Instance again = new Instance("again", key).start();
		again.decide(2);
		await().atMost(Duration.ofSeconds(10)).until(() -> again.writer.failingSince() != null);
		this.database.up();

		awaitRecords(5);
		again.writer.stop();
		assertThat(signed(key)).filteredOn((checkpoint) -> checkpoint.writerId().equals("node-1"))
			.extracting(Checkpoint::kind, Checkpoint::sequence)
			.containsExactly(tuple(Checkpoint.TAKEN, 0L),
					tuple(Checkpoint.RELEASED, 3L),
					tuple(Checkpoint.TAKEN, 3L),
					tuple(Checkpoint.RELEASED, 5L));
		assertThat(verify(key).verified()).isTrue();
	}

	/**
	 * The database refuses a decision and goes down as the writer checks whether that decision is recorded already,
	 * before it sets it aside: an outage, told once by the backoff (not the writer loop's error with a stack trace); once
	 * the database answers, the refused decision is set aside and the others written.
	 */
	@Test
	void theDatabaseFailingWhileARefusedDecisionIsSetAsideIsAnOutageTheBackoffTells(CapturedOutput output)
			throws Exception {
		Instance instance = new Instance("refusing", null).start();
		List<PendingRecord> decisions = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			decisions.add(Records.decision("custom", Instant.now().minusSeconds(60)));
		}
		PendingRecord usual = decisions.get(2);
		PendingRecord refused = new PendingRecord(usual.consentId(), usual.decidedAt(), usual.revision(), usual.kind(),
				usual.choices(), usual.globalPrivacyControl(), "a-language-tag-far-too-long", usual.pagePath());
		decisions.set(2, refused);

		this.downAt.add("recorded");
		decisions.forEach(instance.writer::accept);
		await().atMost(Duration.ofSeconds(10)).until(() -> instance.writer.failingSince() != null);
		assertThat(instance.health()).isEqualTo(Status.DOWN);
		this.database.up();

		awaitRecords(4);
		await().atMost(Duration.ofSeconds(10)).until(() -> instance.writer.backlog() == 0);
		assertThat(this.store.find(refused.consentId())).isEmpty();
		assertThat(Files.readAllLines(instance.folder.resolve(SpillFile.REJECTED))).singleElement()
			.isEqualTo(Records.lines(Clock.systemUTC()).encode(refused));
		assertThat(output.getOut()).doesNotContain("Consent record writer");
		assertThat(output.getOut().split("the database does not take them", -1)).as("the outage told once").hasSize(2);
	}

	/**
	 * An instance with no decision to write sees the database fail at its heartbeat: the health says so, and says it
	 * answers again at the next heartbeat that succeeds, not at the next visitor's decision.
	 */
	@Test
	void anIdleInstanceWhoseDatabaseFailedSaysItAnswersAgainOnceItsHeartbeatDoes() throws Exception {
		Instance instance = new Instance("idle", null).start();
		instance.decide(1);
		awaitRecords(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> instance.health() == Status.UP);

		this.database.down();
		await().atMost(Duration.ofSeconds(10)).until(() -> instance.health() == Status.DOWN);
		this.database.up();

		await().atMost(Duration.ofSeconds(10)).until(() -> instance.health() == Status.UP);
		assertThat(instance.writer.claimed()).isTrue();
	}

}
