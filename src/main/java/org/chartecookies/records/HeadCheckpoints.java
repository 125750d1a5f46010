package org.chartecookies.records;

import java.io.UncheckedIOException;
import java.time.Clock;

import org.chartecookies.records.RecordKeeping.Trouble;
import org.chartecookies.records.RecordStore.ChainHead;
import org.jspecify.annotations.Nullable;

/**
 * The writer's signed checkpoints of its chain's head ({@link CheckpointLog}, when a signing key is configured): as
 * taken, held (every checkpoint interval, when it moved) and released.
 */
final class HeadCheckpoints {

	private final @Nullable CheckpointLog log;

	private final RecordStore store;

	private final ChainAppender chain;

	private final RecordKeeping keeping;

	private final DatabaseBackoff database;

	private final RecordsProperties properties;

	private final Clock clock;

	private final String writerId;

	private long nextCheckpoint;

	private ChainHead checkpointed = new ChainHead(-1, "");

	HeadCheckpoints(@Nullable CheckpointLog log, RecordStore store, ChainAppender chain, RecordKeeping keeping,
			DatabaseBackoff database, RecordsProperties properties, Clock clock, String writerId) {
		this.log = log;
		this.store = store;
		this.chain = chain;
		this.keeping = keeping;
		this.database = database;
		this.properties = properties;
		this.clock = clock;
		this.writerId = writerId;
	}

	/** Where the checkpoints go; null without a signing key. */
	@Nullable CheckpointLog log() {
		return this.log;
	}

	/** Whether a checkpoint interval passed since the last one (never without a signing key). */
	boolean due(long now) {
		return this.log != null && now - this.nextCheckpoint >= 0;
	}

	/**
	 * Signs the chain's head as of the database's last sync ({@link ChainAppender#durableHead()}): as taken, held (when
	 * it moved since the last checkpoint) or released.
	 *
	 * @return false when the database did not answer (told to the backoff): nothing was signed
	 */
	boolean checkpoint(String state) {
		boolean always = !state.equals(Checkpoint.HELD);
		CheckpointLog log = this.log;
		if (log == null) {
			return true;
		}
		this.nextCheckpoint = System.nanoTime() + this.properties.checkpointInterval().toNanos();
		ChainHead current = this.chain.durableHead();
		if (!always && current.equals(this.checkpointed)) {
			return true;
		}
		try {
			RecordStore.Writer row = this.store.writer(this.writerId).orElseThrow();
			log.head(state, this.writerId, this.clock.instant(), current, row.cutSequence(), row.cutHash());
			this.checkpointed = current;
			this.keeping.recovered(Trouble.CHECKPOINTS);
		}
		catch (UncheckedIOException ex) {
			// The line is in the application's log all the same.
			this.keeping.failed(Trouble.CHECKPOINTS, String.valueOf(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// The database (the chain's cut) does not answer: the next interval tries again.
			this.database.failed(ex);
			return false;
		}
		return true;
	}

}
