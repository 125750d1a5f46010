package org.chartecookies.records;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.records.RecordKeeping.Trouble;
import org.chartecookies.records.RecordStore.ChainHead;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps every decision: the visitor's request appends it to the {@link Journal} (forced to disk, shared with the
 * requests of the same moment) before it is answered, then hands it to this writer's thread, which writes batches to
 * the database without the visitor waiting. When the database cannot take them (or the queue is full) they go to the
 * {@link SpillFile}, and from there to the database once it is back. At shutdown, after the web server has stopped,
 * what waits is written, or kept in the file for the next start; after a crash, the journal has it.
 * <p>
 * The writer's chain is its own: it takes it in the database ({@link WriterClaims#claim}) before it writes, resumes it
 * after a restart with the same writer id, keeps it with a heartbeat, and lets it go at shutdown. An instance that
 * finds the chain held by a live one writes nothing to it.
 */
class RecordWriter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RecordWriter.class);

	/** After the web server's graceful shutdown (which stops in a later phase): no decision arrives after this stops. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

	private final SpillFile spill;

	private final Journal journal;

	private final RecordKeeping keeping;

	private final RecordsProperties properties;

	/** Makes the schema when the database first answers (a no-op once done). */
	private final Runnable schema;

	private final DecisionBatches batches;

	private final DatabaseBackoff database;

	private final ChainLease lease;

	private final ChainAppender chain;

	private final SpillTransfer transfer;

	private final CommittedDecisions committed;

	private final HeadCheckpoints checkpoints;

	private final TroubleProbe probe;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	private boolean autoStartup = true;

	/** Whether the schema is made: until it is, the writer tries the database at each retry, decisions or not. */
	private BooleanSupplier schemaMade = () -> true;

	RecordWriter(RecordStore store, SpillFile spill, Journal journal, RecordKeeping keeping,
			@Nullable CheckpointLog checkpoints, RecordsProperties properties, Clock clock, String writerId,
			String holder, Runnable schema, MeterRegistry meters) {
		this.schema = schema;
		this.spill = spill;
		this.journal = journal;
		this.keeping = keeping;
		this.properties = properties;
		this.batches = new DecisionBatches(properties.queueCapacity(), properties.batchSize());
		this.database = new DatabaseBackoff(store, properties, clock);
		this.chain = new ChainAppender(store, spill, keeping, this.database, writerId, holder, schema, meters);
		this.transfer = new SpillTransfer(spill, journal, store, keeping, this.database, properties, schema);
		this.committed = new CommittedDecisions(this.chain, this.transfer, journal, keeping, this.database, properties);
		this.checkpoints = new HeadCheckpoints(checkpoints, store, this.chain, keeping, this.database, properties, clock,
				writerId);
		this.lease = new ChainLease(store, keeping, this.database, this.chain, this.transfer, this.checkpoints,
				properties, writerId, holder, clock.instant());
		this.probe = new TroubleProbe(keeping, store, this.database, properties, writerId);
	}

	/**
	 * Takes a decision, on the visitor's request: returns once it is on disk in the journal (or once the journal is
	 * known to fail: the decision then goes on to the database all the same, and the trouble is told). Never waits on
	 * the database: when the queue is full, the decision goes to the file.
	 */
	void accept(PendingRecord record) {
		Journal.Entry entry = this.journal.append(record);
		IOException failure = entry.failure;
		if (failure != null) {
			this.keeping.failed(Trouble.JOURNAL, String.valueOf(failure.getMessage()));
		}
		else {
			this.keeping.recovered(Trouble.JOURNAL);
		}
		if ((!this.running || !this.batches.offer(entry)) && !this.transfer.keepInFile(List.of(entry))) {
			if (entry.durable()) {
				// In the journal only: the writer hands the journal over to the file once the file takes it.
				this.journal.orphaned();
			}
			else {
				this.keeping.lost(1, "the queue is full and neither the journal nor the file can be written");
			}
		}
	}

	/** Tells the writer whether the schema is made (a database that did not answer at start-up). */
	void setSchemaMade(BooleanSupplier schemaMade) {
		this.schemaMade = schemaMade;
	}

	/** Whether the application starts the writer (see {@link #isAutoStartup()}). */
	void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	String writerId() {
		return this.lease.writerId();
	}

	/** Whether this instance holds its chain. */
	boolean claimed() {
		return this.lease.claimed();
	}

	ChainHead head() {
		return this.chain.head();
	}

	/** Decisions waiting: in memory and in the file. */
	long backlog() {
		return this.batches.waiting() + this.spill.waiting();
	}

	long spilled() {
		return this.spill.waiting();
	}

	/** Decisions in the database only, that the file will take once it can (read from another thread: may lag). */
	int atRisk() {
		return this.committed.atRisk();
	}

	@Nullable Instant failingSince() {
		return this.database.failingSince();
	}

	@Nullable String lastError() {
		return this.database.lastError();
	}

	@Override
	public void start() {
		// Taken already by the schema migration at start-up (SchemaMigration), unless Flyway is off or the writer runs
		// alone (tests): either way, before anyone is served (a second instance stops: RecordsSetupException.InUse).
		this.spill.lock();
		try {
			this.journal.open();
		}
		catch (IOException ex) {
			this.keeping.failed(Trouble.JOURNAL, String.valueOf(ex.getMessage()));
		}
		this.transfer.recoverJournal();
		this.running = true;
		Thread writer = new Thread(this::run, "consent-records-writer");
		writer.setDaemon(true);
		this.thread = writer;
		writer.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread writer = this.thread;
		// No interrupt: an interrupted thread would close the embedded database's file channel under it.
		if (writer != null) {
			try {
				writer.join(this.properties.shutdownTimeout().plusSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// Anything the writer could not take (it stopped, or took too long) waits in the file for the next start; what
		// the database took is made durable there, or kept in the file too.
		List<Journal.Entry> left = this.batches.drain();
		left.addAll(this.committed.atShutdown());
		this.transfer.keepAtShutdown(left);
		logger.info("Consent records at shutdown: " + left.size() + " kept in the file for the next start, "
				+ this.spill.waiting() + " waiting there in all");
		if (this.lease.claimed()) {
			this.checkpoints.checkpoint(Checkpoint.RELEASED);
			this.lease.release();
		}
		this.spill.unlock();
	}

	/**
	 * False for {@code --charte.records.verify}, which reads the database and must change nothing: no writer, so the
	 * decisions waiting in the file stay there for the next start (and another instance may hold the folder).
	 */
	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run() {
		while (this.running) {
			try {
				List<Journal.Entry> batch = this.batches.next(this::isRunning);
				maintain();
				if (!batch.isEmpty()) {
					deliver(batch);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Consent record writer", ex);
			}
		}
		flushAtShutdown();
	}

	/** The batch goes to the database, else to the file; when neither takes it, it is tried again later. */
	private void deliver(List<Journal.Entry> batch) throws InterruptedException {
		if (this.lease.claimed() && this.database.mayAnswer() && write(records(batch))) {
			this.committed.committed(batch);
		}
		else if (!this.transfer.keepInFile(batch)) {
			// Neither the database nor the folder takes them (a full disk): they stay in memory, told, and tried again.
			pause(this.properties.retryInterval());
			return;
		}
		this.batches.delivered();
	}

	/** Everything but the batch itself, between batches: the chain, the file, the probes, the journal, checkpoints. */
	private void maintain() {
		long now = System.nanoTime();
		if (!this.schemaMade.getAsBoolean() && this.database.mayAnswer()) {
			makeSchema();
		}
		if (this.schemaMade.getAsBoolean() && !this.lease.claimed() && this.database.mayAnswer()
				&& this.lease.claimDue(now)) {
			this.lease.claim();
		}
		if (this.lease.claimed() && this.lease.beatDue(now) && !this.lease.beat()) {
			lost();
		}
		// Decisions that waited in the file go as soon as the database answers, under load too.
		if (this.lease.claimed() && !this.batches.pending() && this.spill.waiting() > 0 && this.database.mayAnswer()) {
			this.transfer.drain(this::write, this.chain::synced);
		}
		if (this.probe.due(now)) {
			this.probe.probe(this.lease.claimed());
		}
		if (this.journal.orphans() > 0) {
			this.transfer.handOverJournal();
		}
		this.committed.sync();
		this.committed.keepAtRisk();
		this.journal.release(this.batches.idle());
		if (this.lease.claimed() && this.checkpoints.due(now)) {
			this.checkpoints.checkpoint(Checkpoint.HELD);
		}
	}

	/** What waits in memory goes to the database within the shutdown timeout, else to the file (by stop()). */
	private void flushAtShutdown() {
		long deadline = System.nanoTime() + this.properties.shutdownTimeout().toNanos();
		while (this.lease.claimed() && System.nanoTime() < deadline) {
			List<Journal.Entry> batch = this.batches.nextAtShutdown();
			if (batch.isEmpty() || !write(records(batch))) {
				return;
			}
			this.committed.committed(batch);
			this.batches.delivered();
		}
	}

	private static List<PendingRecord> records(List<Journal.Entry> entries) {
		return entries.stream().map(Journal.Entry::record).toList();
	}

	/**
	 * The chain is not where this instance left it: another instance took it (this one stood still too long), or the
	 * database lost the last commits (an embedded one closed by a full disk). It writes nothing more until it has
	 * taken the chain again as the database has it ({@link ChainLease#claim}, which tells a live holder).
	 */
	private void lost() {
		this.lease.lost();
		// What the database may have lost is written again (what it still has is skipped).
		this.batches.again(this.committed.takeBack());
	}

	/** Writes a batch to the chain; false when it waits (the database does not answer, or the chain is lost). */
	private boolean write(List<PendingRecord> batch) {
		try {
			return this.chain.append(batch);
		}
		catch (RecordStore.ChainLostException ex) {
			lost();
			return false;
		}
	}

	private void makeSchema() {
		try {
			this.schema.run();
			this.database.answersAgain();
		}
		catch (RuntimeException ex) {
			this.database.failed(ex);
		}
	}

	private void pause(Duration duration) throws InterruptedException {
		long until = System.nanoTime() + duration.toNanos();
		while (this.running && System.nanoTime() - until < 0) {
			Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
		}
	}

}
