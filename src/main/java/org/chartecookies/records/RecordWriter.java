package org.chartecookies.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.records.RecordKeeping.Trouble;
import org.chartecookies.records.RecordStore.ChainHead;
import org.chartecookies.records.RecordStore.Claim;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Keeps every decision: the visitor's request appends it to the {@link Journal} (forced to disk, shared with the
 * requests of the same moment) before it is answered, then hands it to this writer's thread, which writes batches to
 * the database without the visitor waiting. When the database cannot take them (or the queue is full) they go to the
 * {@link SpillFile}, and from there to the database once it is back. At shutdown, after the web server has stopped,
 * what waits is written, or kept in the file for the next start; after a crash, the journal has it.
 * <p>
 * The writer's chain is its own: it takes it in the database ({@link RecordStore#claim}) before it writes, resumes it
 * after a restart with the same writer id, keeps it with a heartbeat, and lets it go at shutdown. An instance that
 * finds the chain held by a live one writes nothing to it.
 */
class RecordWriter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RecordWriter.class);

	/** After the web server's graceful shutdown (which stops in a later phase): no decision arrives after this stops. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

	/** How long a batch that is not full waits for more decisions (see {@link #fill}). */
	static final Duration LINGER = Duration.ofMillis(50);

	/** How often the database's commits are made durable (an embedded database's). */
	static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

	/** A holder whose heartbeat stood still this many lease intervals died. */
	static final int LEASE_INTERVALS = 3;

	private final RecordStore store;

	private final SpillFile spill;

	private final Journal journal;

	private final RecordKeeping keeping;

	private final @Nullable CheckpointLog checkpoints;

	private final RecordsProperties properties;

	private final Clock clock;

	private final String writerId;

	/** This run's name in the writer's row while it holds the chain. */
	private final String holder;

	/** Makes the schema when the database first answers (a no-op once done). */
	private final Runnable schema;

	private final BlockingQueue<Journal.Entry> queue;

	private final Instant startedAt;

	private final Timer writes;

	private final Counter written;

	private volatile ChainHead head = ChainHead.EMPTY;

	/**
	 * The head as of the database's last sync: what is signed. A head only committed could still be lost by an
	 * embedded database (a crash, a full disk), and a checkpoint of it would then name a removal that never was.
	 */
	private volatile ChainHead durableHead = ChainHead.EMPTY;

	/**
	 * Decisions the journal could not take (a full disk) that are in the database, synced: an embedded database on a
	 * full disk has lost even those. Kept in memory until the waiting file takes them (the disk has room again), at
	 * most the queue's capacity.
	 */
	private final List<Journal.Entry> atRisk = new ArrayList<>();

	/** Whether this instance holds its chain in the database (it writes only then). */
	private volatile boolean claimed;

	/** A holder of the chain seen in the database, and since when its heartbeat stood still. */
	private Claim.@Nullable Held heldBy;

	private long heldSince;

	private long nextClaim;

	private long nextBeat;

	private long nextCheckpoint;

	private ChainHead checkpointed = new ChainHead(-1, "");

	private long nextProbe;

	/** Taken from the queue and neither in the database nor in the file yet: tried again until one takes them. */
	private final List<Journal.Entry> retained = new ArrayList<>();

	/**
	 * Committed to the database, not yet known to be on disk there: an embedded database writes its commits to its
	 * file a little later, and loses them if it closes first (a full disk). Settled in the journal once synced;
	 * written again should the database turn out to have lost them.
	 */
	private final List<Journal.Entry> unsynced = new ArrayList<>();

	private long nextSync;

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

	RecordWriter(RecordStore store, SpillFile spill, Journal journal, RecordKeeping keeping,
			@Nullable CheckpointLog checkpoints, RecordsProperties properties, Clock clock, String writerId,
			String holder, Runnable schema, MeterRegistry meters) {
		this.schema = schema;
		this.writes = Timer.builder("charte.records.writes")
			.description("Batches of consent records written to the database, and how long each took")
			.register(meters);
		this.written = Counter.builder("charte.records.written")
			.description("Consent records written to the database")
			.register(meters);
		this.store = store;
		this.spill = spill;
		this.journal = journal;
		this.keeping = keeping;
		this.checkpoints = checkpoints;
		this.properties = properties;
		this.clock = clock;
		this.writerId = writerId;
		this.holder = holder;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.startedAt = clock.instant();
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
		if ((!this.running || !this.queue.offer(entry)) && !keepInFile(List.of(entry))) {
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
		return this.writerId;
	}

	/** Whether this instance holds its chain. */
	boolean claimed() {
		return this.claimed;
	}

	ChainHead head() {
		return this.head;
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

	/** Decisions in the database only, that the file will take once it can (read from another thread: may lag). */
	int atRisk() {
		return this.atRisk.size();
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
		// alone (tests): either way, before anyone is served (a second instance stops: RecordsSetupException.InUse).
		this.spill.lock();
		try {
			this.journal.open();
		}
		catch (IOException ex) {
			this.keeping.failed(Trouble.JOURNAL, String.valueOf(ex.getMessage()));
		}
		try {
			long recovered = this.journal.recover(this.spill);
			if (recovered > 0) {
				logger.info("Consent records: " + recovered + " decisions of the journal left by the last run are taken"
						+ " (those already in the database are skipped)");
			}
		}
		catch (IOException ex) {
			logger.error("Consent records: the journal left by the last run cannot be read; it is kept for the next start",
					ex);
		}
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
		List<Journal.Entry> left = new ArrayList<>(this.retained);
		this.retained.clear();
		this.queue.drainTo(left);
		if (!this.unsynced.isEmpty()) {
			if (synced()) {
				settle(this.unsynced);
			}
			else {
				left.addAll(this.unsynced);
				this.unsynced.clear();
			}
		}
		left.addAll(this.atRisk);
		this.atRisk.clear();
		if (!keepInFile(left)) {
			long notOnDisk = left.stream().filter((entry) -> !entry.durable()).count();
			if (notOnDisk > 0) {
				this.keeping.lost((int) notOnDisk, "stopped while neither the database nor the file took them");
			}
		}
		else {
			this.journal.closeAtShutdown();
		}
		logger.info("Consent records at shutdown: " + left.size() + " kept in the file for the next start, "
				+ this.spill.waiting() + " waiting there in all");
		if (this.claimed) {
			try {
				checkpoint(Checkpoint.RELEASED);
				this.store.release(this.writerId, this.holder);
			}
			catch (RuntimeException ex) {
				logger.warn("Consent records: the chain of writer " + this.writerId + " could not be let go ("
						+ ex.getMessage() + "); an instance started with this writer id takes it after "
						+ LEASE_INTERVALS + " heartbeats");
			}
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
				if (this.retained.isEmpty()) {
					Journal.Entry first = this.queue.poll(200, TimeUnit.MILLISECONDS);
					if (first != null) {
						this.retained.add(first);
						fill(this.retained);
					}
				}
				maintain();
				if (!this.retained.isEmpty()) {
					deliver();
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
	 * at most that much later; it is on disk in the journal meanwhile.
	 * <p>
	 * The writer sleeps through the linger rather than waiting on the queue: a thread waiting on the queue is woken by
	 * every decision offered, which handed the queue's lock back and forth and cost context switches on the request's
	 * thread as well as this one.
	 */
	private void fill(List<Journal.Entry> batch) throws InterruptedException {
		int size = this.properties.batchSize();
		this.inFlight = batch.size();
		if (this.queue.size() < size - batch.size() && this.running) {
			Thread.sleep(LINGER.toMillis());
		}
		this.queue.drainTo(batch, size - batch.size());
		this.inFlight = batch.size();
	}

	/** The batch goes to the database, else to the file; when neither takes it, it is tried again later. */
	private void deliver() throws InterruptedException {
		if (this.claimed && databaseMayAnswer() && write(records(this.retained))) {
			this.unsynced.addAll(this.retained);
		}
		else if (!keepInFile(this.retained)) {
			// Neither the database nor the folder takes them (a full disk): they stay in memory, told, and tried again.
			pause(this.properties.retryInterval());
			return;
		}
		this.retained.clear();
		this.inFlight = 0;
	}

	/**
	 * Makes the database's last commits durable (at most once a {@link #SYNC_INTERVAL}: on H2 a sync writes and forces
	 * its file), then settles their decisions in the journal, whose segments may then go.
	 */
	private void syncCommits() {
		long now = System.nanoTime();
		if (this.unsynced.isEmpty() || now - this.nextSync < 0 || !databaseMayAnswer()) {
			return;
		}
		this.nextSync = now + SYNC_INTERVAL.toNanos();
		if (synced()) {
			settle(this.unsynced);
		}
	}

	/**
	 * Decisions durable in the database: settled in the journal; those the journal could not take kept at risk until
	 * the file takes them.
	 */
	private void settle(List<Journal.Entry> entries) {
		this.journal.settled(entries);
		for (Journal.Entry entry : entries) {
			if (!entry.durable()) {
				this.atRisk.add(entry);
			}
		}
		entries.clear();
		// Beyond what memory holds, the oldest rest in the database alone: kept, but with one copy only.
		int beyond = this.atRisk.size() - this.properties.queueCapacity();
		if (beyond > 0) {
			this.atRisk.subList(0, beyond).clear();
		}
	}

	/** Once the folder takes writes again, what was at risk goes to the file (those in the database are skipped). */
	private void keepAtRisk() {
		if (!this.atRisk.isEmpty() && !this.keeping.has(Trouble.JOURNAL) && !this.keeping.has(Trouble.FILE)
				&& keepInFile(this.atRisk)) {
			this.atRisk.clear();
		}
	}

	/** Everything but the batch itself, between batches: the chain, the file, the probes, the journal, checkpoints. */
	private void maintain() {
		long now = System.nanoTime();
		if (!this.schemaMade.getAsBoolean() && databaseMayAnswer()) {
			makeSchema();
		}
		if (this.schemaMade.getAsBoolean() && !this.claimed && databaseMayAnswer() && now - this.nextClaim >= 0) {
			claim();
		}
		if (this.claimed && now - this.nextBeat >= 0) {
			beat();
		}
		// Decisions that waited in the file go as soon as the database answers, under load too.
		if (this.claimed && this.retained.isEmpty() && this.spill.waiting() > 0 && databaseMayAnswer()) {
			drainSpill();
		}
		if (now - this.nextProbe >= 0) {
			probe();
		}
		if (this.journal.orphans() > 0) {
			handOverJournal();
		}
		syncCommits();
		keepAtRisk();
		this.journal.release(this.queue.isEmpty() && this.retained.isEmpty());
		if (this.checkpoints != null && this.claimed && now - this.nextCheckpoint >= 0) {
			checkpoint(Checkpoint.HELD);
		}
	}

	/** What waits in memory goes to the database within the shutdown timeout, else to the file (by stop()). */
	private void flushAtShutdown() {
		long deadline = System.nanoTime() + this.properties.shutdownTimeout().toNanos();
		while (this.claimed && System.nanoTime() < deadline) {
			if (this.retained.isEmpty()) {
				this.queue.drainTo(this.retained, this.properties.batchSize());
			}
			if (this.retained.isEmpty() || !write(records(this.retained))) {
				return;
			}
			this.unsynced.addAll(this.retained);
			this.retained.clear();
		}
	}

	private static List<PendingRecord> records(List<Journal.Entry> entries) {
		List<PendingRecord> records = new ArrayList<>(entries.size());
		entries.forEach((entry) -> records.add(entry.record()));
		return records;
	}

	/**
	 * Decisions that are in the journal only (the queue was full and the file could not be written): the whole journal
	 * goes to the file, where those already in the database are skipped when it is taken.
	 */
	private void handOverJournal() {
		try {
			long lines = this.journal.handOver(this.spill);
			this.keeping.recovered(Trouble.FILE);
			logger.info("Consent records: " + lines + " lines of the journal handed over to the file of waiting decisions");
		}
		catch (IOException | UncheckedIOException ex) {
			this.keeping.failed(Trouble.FILE, String.valueOf(ex.getMessage()));
		}
	}

	/** Into the file of waiting decisions, forced to disk; false (the trouble told) when it cannot be written. */
	private boolean keepInFile(List<Journal.Entry> entries) {
		if (entries.isEmpty()) {
			return true;
		}
		try {
			this.spill.append(records(entries));
		}
		catch (UncheckedIOException ex) {
			this.keeping.failed(Trouble.FILE, String.valueOf(ex.getCause().getMessage()));
			return false;
		}
		this.keeping.recovered(Trouble.FILE);
		this.journal.settled(entries);
		return true;
	}

	private boolean databaseMayAnswer() {
		return this.failingSince == null || System.nanoTime() - this.nextAttempt >= 0;
	}

	/**
	 * Takes the writer's chain: at once when no running instance holds it; from a holder whose heartbeat stood still
	 * for {@value #LEASE_INTERVALS} lease intervals (it died without letting go); never from a live one.
	 */
	private void claim() {
		long now = System.nanoTime();
		this.nextClaim = now + this.properties.retryInterval().toNanos();
		try {
			Claim claim = this.store.claim(this.writerId, this.holder, this.startedAt);
			Optional<ChainHead> taken = Optional.empty();
			if (claim instanceof Claim.Taken fresh) {
				taken = Optional.of(fresh.head());
			}
			else if (claim instanceof Claim.Held held) {
				if (!held.equals(this.heldBy)) {
					if (this.heldBy != null) {
						// Its heartbeat moved: a live instance holds the chain.
						this.keeping.failed(Trouble.CHAIN, "writer id " + this.writerId + " is held by a running instance;"
								+ " decisions wait in the file. Give each instance its own charte.records.writer-id");
					}
					this.heldBy = held;
					this.heldSince = now;
				}
				else if (now - this.heldSince >= this.properties.leaseInterval().multipliedBy(LEASE_INTERVALS).toNanos()) {
					taken = this.store.takeOver(this.writerId, this.holder, held);
					if (taken.isPresent()) {
						logger.info("Consent records: the chain of writer " + this.writerId + " is taken over from an"
								+ " instance that stopped without letting it go");
					}
				}
			}
			answersAgain();
			if (taken.isPresent() && synced()) {
				if (taken.get().sequence() < this.head.sequence()) {
					// The database lost commits it had acknowledged (the embedded one, after a full disk): what the
					// journal still holds is taken again, and what is missing is written again.
					logger.error("Consent records: the database lost records #" + (taken.get().sequence() + 1) + " to #"
							+ this.head.sequence() + " of writer " + this.writerId + " after it had acknowledged them;"
							+ " they are written again from the journal");
					handOverJournal();
				}
				this.head = taken.get();
				this.durableHead = taken.get();
				this.claimed = true;
				warnAgainstOwnCheckpoints(taken.get());
				this.heldBy = null;
				this.keeping.recovered(Trouble.CHAIN);
				this.nextBeat = now + this.properties.leaseInterval().toNanos();
				if (this.head.sequence() > 0) {
					logger.info("Consent records: writer " + this.writerId + " resumes its chain after record #"
							+ this.head.sequence());
				}
				if (this.checkpoints != null) {
					checkpoint(Checkpoint.TAKEN);
				}
			}
		}
		catch (DataIntegrityViolationException ex) {
			// Another instance made the row first: it is read, as held, at the next try.
			this.nextClaim = now;
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	private void beat() {
		this.nextBeat = System.nanoTime() + this.properties.leaseInterval().toNanos();
		if (!databaseMayAnswer()) {
			return;
		}
		try {
			if (!this.store.heartbeat(this.writerId, this.holder)) {
				lost();
			}
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	/**
	 * Where the chain is taken, against what this instance's checkpoint file says of it: a head behind a signed one (records
	 * removed, or lost by the database), or beyond one it let go at (records added while no instance held it), is told.
	 * The chain is taken as it is; the verification names it.
	 */
	private void warnAgainstOwnCheckpoints(ChainHead found) {
		CheckpointLog log = this.checkpoints;
		if (log == null) {
			return;
		}
		List<Checkpoint> signed = log.own(this.writerId);
		long highest = signed.stream().filter(Checkpoint::isHead).mapToLong(Checkpoint::sequence).max().orElse(0);
		Checkpoint last = signed.isEmpty() ? null : signed.get(signed.size() - 1);
		if (found.sequence() < highest) {
			logger.error("Consent records: the chain of writer " + this.writerId + " ends at record #" + found.sequence()
					+ ", before record #" + highest + " that its own checkpoints signed: records were removed, or lost by the"
					+ " database; the verification will name it");
		}
		else if (rewritten(signed, found)) {
			logger.error("Consent records: the chain of writer " + this.writerId + " is not the one its own checkpoints"
					+ " signed: records were altered and chained again behind the application's back; the verification"
					+ " will name them");
		}
		else if (last != null && last.kind().equals(Checkpoint.RELEASED) && found.sequence() > last.sequence()) {
			logger.error("Consent records: the chain of writer " + this.writerId + " was let go at record #"
					+ last.sequence() + " and now ends at record #" + found.sequence() + ": records were added while no"
					+ " instance held it; the verification will name them");
		}
	}

	/** Whether the record of the latest head signed at or before the chain's head is another than the one signed. */
	private boolean rewritten(List<Checkpoint> signed, ChainHead found) {
		Checkpoint latest = signed.stream()
			.filter((checkpoint) -> checkpoint.isHead() && checkpoint.sequence() > 0
					&& checkpoint.sequence() <= found.sequence())
			.max(Comparator.comparingLong(Checkpoint::sequence))
			.orElse(null);
		if (latest == null) {
			return false;
		}
		String hash = (latest.sequence() == found.sequence()) ? found.hash()
				: this.store.record(this.writerId, latest.sequence()).map(ConsentRecord::hash).orElse(null);
		// A record gone (a purge cut past it) is the verification's to judge.
		return hash != null && !hash.equals(latest.hash());
	}

	/**
	 * The chain is not where this instance left it: another instance took it (this one stood still too long), or the
	 * database lost the last commits (an embedded one closed by a full disk). It writes nothing more until it has
	 * taken the chain again as the database has it ({@link #claim}, which tells a live holder).
	 */
	private void lost() {
		this.claimed = false;
		this.nextClaim = System.nanoTime();
		// What the database may have lost is written again (what it still has is skipped).
		this.retained.addAll(0, this.unsynced);
		this.retained.addAll(0, this.atRisk);
		this.unsynced.clear();
		this.atRisk.clear();
	}

	/** Writes records taken over from the file, skipping those already written (a take-over cut short before). */
	private void drainSpill() {
		try {
			this.schema.run();
			List<PendingRecord> waiting = this.spill.takeOver();
			int there = 0;
			int setAside = 0;
			for (int start = 0; start < waiting.size(); start += this.properties.batchSize()) {
				List<PendingRecord> batch = new ArrayList<>(
						waiting.subList(start, Math.min(waiting.size(), start + this.properties.batchSize())));
				Map<String, PendingRecord> recorded = this.store
					.recordedDecisions(batch.stream().map(PendingRecord::consentId).toList());
				for (PendingRecord record : List.copyOf(batch)) {
					PendingRecord found = recorded.get(record.consentId());
					if (found == null) {
						continue;
					}
					batch.remove(record);
					if (found.equals(record)) {
						there++;
					}
					else {
						// Another decision under an id the database has: not this one's to write, nor to drop unsaid.
						this.spill.reject(record);
						this.keeping.setAside("a consent id already recorded with another decision", 1);
						setAside++;
					}
				}
				if (!batch.isEmpty() && !write(batch)) {
					return;
				}
			}
			// The file goes once what it held is on disk in the database.
			if (!waiting.isEmpty() && !synced()) {
				return;
			}
			this.spill.done();
			if (setAside > 0) {
				logger.warn("Consent records: of " + waiting.size() + " decisions that waited in the file, "
						+ (waiting.size() - there - setAside) + " written, " + there + " there already, " + setAside
						+ " set aside (their consent id is recorded with another decision)");
			}
			else if (!waiting.isEmpty()) {
				logger.info("Consent records: of " + waiting.size() + " decisions that waited in the file, "
						+ (waiting.size() - there) + " written, " + there + " there already");
			}
		}
		catch (IOException | UncheckedIOException ex) {
			this.keeping.failed(Trouble.FILE, "cannot read or set aside the file of waiting decisions (" + ex.getMessage()
					+ ")");
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}


	/**
	 * While a trouble lasts, whether it is over, every retry interval: no decision may come to tell it (readiness
	 * is DOWN meanwhile).
	 */
	private void probe() {
		this.nextProbe = System.nanoTime() + this.properties.retryInterval().toNanos();
		if (this.keeping.has(Trouble.JOURNAL) || this.keeping.has(Trouble.FILE)) {
			Path probe = this.properties.folder().resolve("records.probe");
			try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				channel.write(ByteBuffer.allocate(4096));
				channel.force(false);
				this.keeping.recovered(Trouble.JOURNAL);
				this.keeping.recovered(Trouble.FILE);
			}
			catch (IOException ex) {
				// Still failing.
			}
			finally {
				try {
					Files.deleteIfExists(probe);
				}
				catch (IOException ex) {
					// Left for the next probe.
				}
			}
		}
		if (this.keeping.has(Trouble.REFUSED) && this.claimed && databaseMayAnswer()) {
			try {
				this.store.tryInsert(this.writerId);
				this.keeping.recovered(Trouble.REFUSED);
			}
			catch (RuntimeException ex) {
				if (!refusal(ex)) {
					failed(ex);
				}
			}
		}
	}

	/**
	 * Signs the chain's head: as taken, held (when it moved since the last checkpoint) or released.
	 */
	private void checkpoint(String state) {
		boolean always = !state.equals(Checkpoint.HELD);
		CheckpointLog log = this.checkpoints;
		if (log == null) {
			return;
		}
		this.nextCheckpoint = System.nanoTime() + this.properties.checkpointInterval().toNanos();
		ChainHead current = this.durableHead;
		if (!always && current.equals(this.checkpointed)) {
			return;
		}
		try {
			RecordStore.Writer row = this.store.writer(this.writerId).orElseThrow();
			log.head(state, this.writerId, this.clock.instant(), current, row.cutSequence(), row.cutHash());
			this.checkpointed = current;
			this.keeping.recovered(Trouble.CHECKPOINTS);
		}
		catch (UncheckedIOException ex) {
			this.keeping.failed(Trouble.CHECKPOINTS, String.valueOf(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// The database (the chain's cut) does not answer: the next interval tries again.
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

	/** Makes the database's commits durable before the journal's segments go; throws when it cannot. */
	private void sync() {
		this.store.sync();
	}

	private boolean synced() {
		ChainHead written = this.head;
		try {
			sync();
			this.durableHead = written;
			return true;
		}
		catch (RuntimeException ex) {
			failed(ex);
			return false;
		}
	}

	private boolean write(List<PendingRecord> batch) {
		try {
			this.schema.run();
			long start = System.nanoTime();
			this.head = this.store.append(this.writerId, this.holder, this.head, batch);
			this.writes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			this.written.increment(batch.size());
			answersAgain();
			this.keeping.recovered(Trouble.REFUSED);
			return true;
		}
		catch (RecordStore.ChainLostException ex) {
			lost();
			return false;
		}
		catch (RuntimeException ex) {
			if (refusal(ex)) {
				// The database answers but refuses a record: retrying the batch would refuse it for ever and hold up
				// every decision after it. The others are written one by one; the refused one is set aside, told once
				// per episode.
				return writeOneByOne(batch, ex);
			}
			// Whatever else the cause (no connection, a transaction that cannot begin), the batch is kept.
			failed(ex);
			return false;
		}
	}

	/**
	 * Whether the database answered and refused what it was given (a constraint, a value it cannot hold, a trigger
	 * raising an error: SQL states of classes 22, 23, 27, 44, 09 and PostgreSQL's P0), rather than failed to answer.
	 */
	static boolean refusal(Throwable failure) {
		if (failure instanceof DataIntegrityViolationException) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
					&& REFUSALS.contains(sql.getSQLState().substring(0, 2))) {
				return true;
			}
		}
		return false;
	}

	private static final Set<String> REFUSALS = Set.of("22", "23", "27", "44", "09", "P0");

	private boolean writeOneByOne(List<PendingRecord> batch, RuntimeException refusal) {
		if (batch.size() == 1) {
			PendingRecord refused = batch.get(0);
			if (this.store.recorded(List.of(refused.consentId())).isEmpty()) {
				try {
					this.spill.reject(refused);
				}
				catch (UncheckedIOException ex) {
					this.keeping.failed(Trouble.FILE, String.valueOf(ex.getCause().getMessage()));
					return false;
				}
				this.keeping.setAside("refused by the database", 1);
				this.keeping.failed(Trouble.REFUSED, String.valueOf(mostSpecific(refusal).getMessage()));
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
		// Connections to a database that failed are not reused: an embedded database closed by a full disk opens again
		// on a new connection once there is room.
		this.store.reset();
	}

	private static Throwable mostSpecific(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private void pause(Duration duration) throws InterruptedException {
		long until = System.nanoTime() + duration.toNanos();
		while (this.running && System.nanoTime() - until < 0) {
			Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
		}
	}

}
