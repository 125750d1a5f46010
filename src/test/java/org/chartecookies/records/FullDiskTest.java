package org.chartecookies.records;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A records folder that cannot take a byte more (a full disk) is a state in which decisions are not kept durably: the
 * health and readiness say DOWN within seconds (the journal's current segment, made before, still takes decisions),
 * each decision kept nowhere is counted, and once there is room again everything held meanwhile is written, the
 * embedded database included, without a restart.
 */
class FullDiskTest {

	@TempDir
	Path temporary;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), this.meters);

	private final List<AutoCloseable> closing = new ArrayList<>();

	private RecordWriter writer;

	private SpillFile waiting;

	@AfterEach
	void close() throws Exception {
		if (this.writer != null && this.writer.isRunning()) {
			this.writer.stop();
		}
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
	}

	private RecordWriter writer(RecordStore store, Path folder, int queueCapacity) {
		return writer(store, RecordWriterTest.properties(folder, queueCapacity, "w-full"));
	}

	private RecordWriter writer(RecordStore store, RecordsProperties properties) {
		WaitingLines lines = Records.lines(Clock.systemUTC());
		this.waiting = new SpillFile(properties.folder(), lines, this.keeping::setAside);
		this.writer = new RecordWriter(store, this.waiting, new Journal(properties.folder(), lines), this.keeping, null,
				properties, Clock.systemUTC(), "w-full", "h-full", () -> {
				}, this.meters);
		return this.writer;
	}

	/** A writer on an in-memory database and this disk's folder, once it wrote five decisions. */
	private RecordStore startedWithFiveRecords(RecordWriterTest.Database database, SmallDisk disk, int queueCapacity) {
		Records.migrate(database);
		RecordStore store = Records.store(database);
		writer(store, disk.path(), queueCapacity).start();
		decide(5);
		await().atMost(Duration.ofSeconds(30)).until(() -> store.count() == 5);
		return store;
	}

	private Status kept() {
		return new RecordKeeping.KeptHealthIndicator(this.keeping).health().getStatus();
	}

	private void decide(int count) {
		for (int i = 0; i < count; i++) {
			this.writer.accept(Records.decision("custom", Instant.now()));
		}
	}

	/** A pool of connections to the embedded database on this disk, set up as the application's two pools are. */
	private HikariDataSource pool(SmallDisk disk) {
		HikariDataSource database = new HikariDataSource();
		database.setJdbcUrl("jdbc:h2:file:" + disk.path().resolve(EmbeddedDatabaseDefault.FILE_NAME)
				+ ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + EmbeddedDatabaseDefault.CACHE_KB);
		database.setUsername("sa");
		database.setMaximumPoolSize(4);
		database.setConnectionTimeout(2000);
		database.setExceptionOverrideClassName(ClosedDatabaseEviction.class.getName());
		this.closing.add(database);
		return database;
	}

	private static boolean answers(HikariDataSource pool) {
		try {
			return org.springframework.jdbc.core.simple.JdbcClient.create(pool)
				.sql("SELECT COUNT(*) FROM consent_record")
				.query(Long.class)
				.single() >= 0;
		}
		catch (org.springframework.dao.DataAccessException ex) {
			return false;
		}
	}

	@Test
	void theEmbeddedDatabaseOnAFullDiskIsToldAndWritesEverythingHeldOnceThereIsRoom() throws Exception {
		SmallDisk disk = SmallDisk.mount(this.temporary.resolve("disk"), 6);
		this.closing.add(disk);
		HikariDataSource database = pool(disk);
		// The back office's pages and sessions: the application's pool, beside the writer's own.
		HikariDataSource backOffice = pool(disk);
		Records.migrate(database);
		RecordStore store = Records.store(database);
		writer(store, disk.path(), 10_000).start();
		decide(20);
		await().atMost(Duration.ofSeconds(30)).until(() -> store.count() == 20);

		assertThat(answers(backOffice)).isTrue();

		disk.fill();
		decide(2_000);

		// The journal's segment was made before the disk filled: the decisions are on disk. The database cannot take
		// them, nor the file: readiness turns DOWN within seconds.
		await().atMost(Duration.ofSeconds(10)).until(() -> kept() == Status.DOWN);
		assertThat(this.keeping.has(RecordKeeping.Trouble.FILE)).isTrue();
		assertThat(answers(backOffice)).as("the full disk closed the database").isFalse();

		disk.free();
		await().atMost(Duration.ofSeconds(60)).until(() -> store.count() == 2_020);
		// The back office's connections to the closed database are dropped, and a new one opens it again.
		await().atMost(Duration.ofSeconds(10)).until(() -> answers(backOffice));
		await().atMost(Duration.ofSeconds(30)).until(() -> kept() == Status.UP);
		assertThat(this.keeping.lostSoFar()).isZero();
		assertThat(new ChainVerification(store).verify().verified()).isTrue();
	}

	@Test
	void withTheDatabaseDownAndTheFolderFullWhatMemoryCannotHoldIsCountedAsLostAndTheRestWrittenLater()
			throws Exception {
		SmallDisk disk = SmallDisk.mount(this.temporary.resolve("disk"), 2);
		this.closing.add(disk);
		RecordWriterTest.Database database = new RecordWriterTest.Database();
		RecordStore store = startedWithFiveRecords(database, disk, 10);

		database.down();
		disk.fill();
		// More than the journal's current segment holds: the next one cannot be made on the full disk.
		decide(5_000);

		assertThat(kept()).isEqualTo(Status.DOWN);
		assertThat(this.keeping.has(RecordKeeping.Trouble.JOURNAL)).isTrue();
		double lost = this.keeping.lostSoFar();
		assertThat(lost).as("decisions beyond the queue and the batch held").isGreaterThan(0);
		assertThat(this.meters.get("charte.records.lost").counter().count()).isEqualTo(lost);

		database.up();
		disk.free();
		await().atMost(Duration.ofSeconds(60)).until(() -> store.count() == 5_005 - (long) lost);
		await().atMost(Duration.ofSeconds(30)).until(() -> kept() == Status.UP);
		assertThat(new ChainVerification(store).verify().verified()).isTrue();
	}

	@Test
	void withTheDatabaseUpAndTheFolderFullDecisionsAreWrittenOnceReadinessSaysSoAndNothingIsCountedLost()
			throws Exception {
		SmallDisk disk = SmallDisk.mount(this.temporary.resolve("disk"), 2);
		this.closing.add(disk);
		RecordWriterTest.Database database = new RecordWriterTest.Database();
		RecordStore store = startedWithFiveRecords(database, disk, 10_000);

		disk.fill();
		// More than the journal's current segment holds: the next one cannot be made on the full disk.
		decide(5_000);

		// In the database, made durable there; those the journal missed are held in memory meanwhile.
		await().atMost(Duration.ofSeconds(60)).until(() -> store.count() == 5_005 && this.writer.atRisk() > 0);
		assertThat(kept()).isEqualTo(Status.DOWN);
		assertThat(this.keeping.has(RecordKeeping.Trouble.JOURNAL)).isTrue();
		int held = this.writer.atRisk();

		// Room again, the database down: they are kept a second time, in the waiting file, in case the database loses
		// them.
		database.down();
		disk.free();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.waiting.waiting() == held);
		// The database back: they are there already, and are not written twice.
		database.up();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.waiting.waiting() == 0 && kept() == Status.UP);
		assertThat(store.count()).isEqualTo(5_005);
		assertThat(this.keeping.lostSoFar()).isZero();
		assertThat(new ChainVerification(store).verify().verified()).isTrue();
	}

	/**
	 * The database down and the folder full: the writer holds three decisions in memory, to be tried again after the
	 * retry interval (an hour here, so that they are still held when the writer stops). The database back, it writes
	 * them at shutdown: nothing waits any more, and the backlog says so.
	 */
	@Test
	void aBatchHeldThroughAFullDiskAndWrittenAtShutdownIsNoLongerCountedAsWaiting() throws Exception {
		SmallDisk disk = SmallDisk.mount(this.temporary.resolve("disk"), 2);
		this.closing.add(disk);
		RecordWriterTest.Database database = new RecordWriterTest.Database();
		RecordStore store = withThreeDecisionsHeld(database, disk);

		database.up();
		this.writer.stop();

		assertThat(store.count()).isEqualTo(8);
		assertThat(this.waiting.waiting()).isZero();
		assertThat(backlog()).isZero();
	}

	/**
	 * As above, the database still down and the folder with room again: the three wait in the file, and the backlog
	 * counts them once.
	 */
	@Test
	void aBatchHeldThroughAFullDiskAndKeptInTheFileAtShutdownIsCountedOnce() throws Exception {
		SmallDisk disk = SmallDisk.mount(this.temporary.resolve("disk"), 2);
		this.closing.add(disk);
		RecordWriterTest.Database database = new RecordWriterTest.Database();
		RecordStore store = withThreeDecisionsHeld(database, disk);

		disk.free();
		this.writer.stop();

		// The three, and those of the five the database had not yet made durable when it went down (kept in case).
		assertThat(this.waiting.waiting()).isBetween(3L, 8L);
		assertThat(backlog()).isEqualTo(this.waiting.waiting());
		database.up();
		assertThat(store.count()).isEqualTo(5);
	}

	private RecordStore withThreeDecisionsHeld(RecordWriterTest.Database database, SmallDisk disk) throws Exception {
		Records.migrate(database);
		RecordStore store = Records.store(database);
		writer(store, RecordWriterTest.properties(disk.path(), 10_000, "w-full", Duration.ofHours(1))).start();
		decide(5);
		await().atMost(Duration.ofSeconds(30)).until(() -> store.count() == 5);
		database.down();
		disk.fill();
		decide(3);
		// Neither the database nor the folder takes them: held in memory.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.keeping.has(RecordKeeping.Trouble.FILE));
		assertThat(backlog()).isEqualTo(3);
		return store;
	}

	/** Decisions waiting, as the health (and the charte.records.backlog gauge) tell them. */
	private long backlog() {
		return (Long) new RecordsHealthIndicator(this.writer, this.keeping, () -> true).health()
			.getDetails()
			.get("backlog");
	}

	@Test
	void aLineCutShortByAFullDiskIsTakenBackAndTheNextLinesAreWhole() throws Exception {
		SmallDisk disk = SmallDisk.mount(this.temporary.resolve("disk"), 1);
		this.closing.add(disk);
		SpillFile waiting = new SpillFile(disk.path(), Records.lines(Clock.systemUTC()), this.keeping::setAside);
		List<PendingRecord> kept = new ArrayList<>();
		disk.fill();
		disk.freeSome(100);
		// Lines until the disk refuses one: the one refused is not kept, in part or whole.
		while (true) {
			PendingRecord decision = Records.decision("custom", Instant.now());
			try {
				waiting.append(List.of(decision));
			}
			catch (java.io.UncheckedIOException full) {
				break;
			}
			kept.add(decision);
		}
		disk.free();
		PendingRecord after = Records.decision("reject-all", Instant.now());
		waiting.append(List.of(after));
		kept.add(after);

		assertThat(waiting.takeOver()).containsExactlyElementsOf(kept);
		assertThat(disk.path().resolve(SpillFile.REJECTED)).doesNotExist();
	}

}
