package org.chartecookies.records;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Writes decisions to the database from a thread of its own, in batches, so that the visitor's answer never waits on
 * the database. Decisions wait in a bounded queue; when the database cannot take them (or the queue is full) they go
 * to the {@link SpillFile}, and from there to the database once it is back. At shutdown, after the web server has
 * stopped, what waits is written, or kept in the file for the next start.
 */
class RecordWriter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RecordWriter.class);

	/** After the web server's graceful shutdown (which stops in a later phase): no decision arrives after this stops. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

	/** How long a batch that is not full waits for more decisions (see {@link #fill}). */
	static final Duration LINGER = Duration.ofMillis(50);

	private final RecordStore store;

	private final SpillFile spill;

	private final RecordsProperties properties;

	private final Clock clock;

	private final String writerId;

	/** Makes the schema when the database first answers (a no-op once done). */
	private final Runnable schema;

	private final BlockingQueue<PendingRecord> queue;

	private final Instant startedAt;

	private final Timer writes;

	private final Counter written;

	private RecordStore.ChainHead head = RecordStore.ChainHead.EMPTY;

	private volatile boolean running;

	/** Decisions taken from the queue and not yet in the database or the file. */
	private volatile int inFlight;

	private volatile @Nullable Thread thread;

	/** When the database last refused a write, and why; null while writes succeed. */
	private volatile @Nullable Instant failingSince;

	private volatile @Nullable String lastError;

	private long nextAttempt;

	private boolean autoStartup = true;

	/** Whether the schema is made: until it is, the writer tries the database at each retry, decisions or not. */
	private BooleanSupplier schemaMade = () -> true;

	RecordWriter(RecordStore store, SpillFile spill, RecordsProperties properties, Clock clock, String writerId,
			Runnable schema, MeterRegistry meters) {
		this.schema = schema;
		this.writes = Timer.builder("charte.records.writes")
			.description("Batches of consent records written to the database, and how long each took")
			.register(meters);
		this.written = Counter.builder("charte.records.written")
			.description("Consent records written to the database")
			.register(meters);
		this.store = store;
		this.spill = spill;
		this.properties = properties;
		this.clock = clock;
		this.writerId = writerId;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.startedAt = clock.instant();
	}

	/** Takes a decision; never blocks on the database (when the queue is full, the decision goes to the file). */
	void accept(PendingRecord record) {
		if (!this.running || !this.queue.offer(record)) {
			this.spill.append(List.of(record));
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
		return this.writerId;
	}

	/** Decisions waiting: in memory and in the file. */
	long backlog() {
		return this.queue.size() + this.inFlight + this.spill.waiting();
	}

	int queued() {
		return this.queue.size();
	}

	long spilled() {
		return this.spill.waiting();
	}

	@Nullable Instant failingSince() {
		return this.failingSince;
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	@Override
	public void start() {
		// Taken already by the schema migration at start-up (SchemaMigration), unless Flyway is off or the writer runs
		// alone (tests): either way, before anyone is served (a second instance stops: RecordsFolderException.InUse).
		this.spill.lock();
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
		// Anything the writer could not take (it stopped, or took too long) waits in the file for the next start.
		List<PendingRecord> left = new ArrayList<>();
		this.queue.drainTo(left);
		this.spill.append(left);
		logger.info("Consent records at shutdown: " + left.size() + " kept in the file for the next start, "
				+ this.spill.waiting() + " waiting there in all");
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
				List<PendingRecord> batch = new ArrayList<>();
				PendingRecord first = this.queue.poll(200, TimeUnit.MILLISECONDS);
				if (first != null) {
					batch.add(first);
					fill(batch);
					try {
						if (!databaseMayAnswer() || !write(batch)) {
							this.spill.append(batch);
						}
					}
					catch (RuntimeException ex) {
						// Neither the database nor the file took them: say how many, loudly.
						logger.error("Consent records: " + batch.size() + " decisions could be kept neither in the "
								+ "database nor in the file", ex);
					}
					finally {
						this.inFlight = 0;
					}
				}
				// A database that did not answer at start-up is tried again without waiting for a decision, so that the
				// health says when it is back.
				if (!this.schemaMade.getAsBoolean() && databaseMayAnswer()) {
					makeSchema();
				}
				// Decisions that waited in the file go as soon as the database answers, under load too.
				if (this.spill.waiting() > 0 && databaseMayAnswer()) {
					drainSpill();
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

	/**
	 * Fills a batch with what waits, after {@link #LINGER} unless a full batch already waits: under load a few large
	 * transactions rather than one per handful of decisions (each costs a commit, the chain head's update and a
	 * connection's round trip), which leaves the visitors' requests the processor time. A decision reaches the database
	 * at most that much later; the visitor never waits for it.
	 * <p>
	 * The writer sleeps through the linger rather than waiting on the queue: a thread waiting on the queue is woken by
	 * every decision offered, which handed the queue's lock back and forth and cost context switches on the request's
	 * thread as well as this one (measured: about half a switch per decision on each side).
	 */
	private void fill(List<PendingRecord> batch) throws InterruptedException {
		int size = this.properties.batchSize();
		this.inFlight = batch.size();
		if (this.queue.size() < size - batch.size() && this.running) {
			Thread.sleep(LINGER.toMillis());
		}
		this.queue.drainTo(batch, size - batch.size());
		this.inFlight = batch.size();
	}

	/** What waits in memory goes to the database within the shutdown timeout, else to the file (by stop()). */
	private void flushAtShutdown() {
		long deadline = System.nanoTime() + this.properties.shutdownTimeout().toNanos();
		while (!this.queue.isEmpty() && System.nanoTime() < deadline) {
			List<PendingRecord> batch = new ArrayList<>();
			this.queue.drainTo(batch, this.properties.batchSize());
			if (!write(batch)) {
				this.spill.append(batch);
				return;
			}
		}
	}

	private boolean databaseMayAnswer() {
		return this.failingSince == null || System.nanoTime() - this.nextAttempt >= 0;
	}

	/** Writes records taken over from the file, skipping those already written (a take-over cut short before). */
	private void drainSpill() {
		try {
			this.schema.run();
			List<PendingRecord> waiting = this.spill.takeOver();
			for (int start = 0; start < waiting.size(); start += this.properties.batchSize()) {
				List<PendingRecord> batch = new ArrayList<>(
						waiting.subList(start, Math.min(waiting.size(), start + this.properties.batchSize())));
				List<String> ids = batch.stream().map(PendingRecord::consentId).toList();
				var recorded = this.store.recorded(ids);
				batch.removeIf((record) -> recorded.contains(record.consentId()));
				if (!batch.isEmpty() && !write(batch)) {
					return;
				}
			}
			this.spill.done();
			if (!waiting.isEmpty()) {
				logger.info("Consent records: " + waiting.size() + " decisions kept in the file while the database was "
						+ "unreachable are now written");
			}
		}
		catch (IOException ex) {
			logger.error("Consent records: cannot read the file of waiting decisions", ex);
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	private void makeSchema() {
		try {
			this.schema.run();
			answersAgain();
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	private void answersAgain() {
		if (this.failingSince != null) {
			logger.info("Consent records: the database answers again");
		}
		this.failingSince = null;
		this.lastError = null;
	}

	private boolean write(List<PendingRecord> batch) {
		try {
			this.schema.run();
			long start = System.nanoTime();
			this.head = this.store.append(this.writerId, this.startedAt, this.head, batch);
			this.writes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			this.written.increment(batch.size());
			answersAgain();
			return true;
		}
		catch (DataIntegrityViolationException ex) {
			// The database answers but refuses a record: retrying the batch would refuse it for ever and hold up every
			// decision after it. The others are written one by one; the refused one is set aside, loudly.
			return writeOneByOne(batch, ex);
		}
		catch (RuntimeException ex) {
			// Whatever else the cause (no connection, a transaction that cannot begin), the batch is kept.
			failed(ex);
			return false;
		}
	}

	private boolean writeOneByOne(List<PendingRecord> batch, DataIntegrityViolationException refusal) {
		if (batch.size() == 1) {
			PendingRecord refused = batch.get(0);
			if (this.store.recorded(List.of(refused.consentId())).isEmpty()) {
				this.spill.reject(refused);
				logger.error("Consent records: the database refuses the decision " + refused.consentId()
						+ "; it is kept in " + SpillFile.REJECTED + " (" + refusal.getMostSpecificCause().getMessage() + ")");
			}
			return true;
		}
		for (PendingRecord record : batch) {
			if (!write(List.of(record))) {
				// The database stopped answering: the whole batch waits (those written are skipped when it is taken).
				return false;
			}
		}
		return true;
	}

	private void failed(RuntimeException ex) {
		if (this.failingSince == null) {
			this.failingSince = this.clock.instant();
			logger.warn("Consent records: the database does not take them; decisions wait in the file until it does ("
					+ ex.getMessage() + ")");
		}
		this.lastError = ex.getClass().getSimpleName();
		this.nextAttempt = System.nanoTime() + this.properties.retryInterval().toNanos();
	}

}
