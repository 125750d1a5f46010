package org.chartecookies.records;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.chartecookies.records.RecordKeeping.Trouble;

/**
 * The decisions the database committed, until they are safe: made durable there (a sync), then settled in the
 * journal; those the journal could not take are kept in memory until the file of waiting decisions takes them.
 */
final class CommittedDecisions {

	/** How often the database's commits are made durable (an embedded database's). */
	static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

	private final ChainAppender chain;

	private final SpillTransfer transfer;

	private final Journal journal;

	private final RecordKeeping keeping;

	private final DatabaseBackoff database;

	private final RecordsProperties properties;

	/**
	 * Committed to the database, not yet known to be on disk there: an embedded database writes its commits to its
	 * file a little later, and loses them if it closes first (a full disk). Settled in the journal once synced;
	 * written again should the database turn out to have lost them.
	 */
	private final List<Journal.Entry> unsynced = new ArrayList<>();

	/**
	 * Decisions the journal could not take (a full disk) that are in the database, synced: an embedded database on a
	 * full disk has lost even those. Kept in memory until the waiting file takes them (the disk has room again), at
	 * most the queue's capacity.
	 */
	private final List<Journal.Entry> atRisk = new ArrayList<>();

	private long nextSync;

	CommittedDecisions(ChainAppender chain, SpillTransfer transfer, Journal journal, RecordKeeping keeping,
			DatabaseBackoff database, RecordsProperties properties) {
		this.chain = chain;
		this.transfer = transfer;
		this.journal = journal;
		this.keeping = keeping;
		this.database = database;
		this.properties = properties;
	}

	/** Decisions in the database only, that the file will take once it can (read from another thread: may lag). */
	int atRisk() {
		return this.atRisk.size();
	}

	/** A batch the database committed. */
	void committed(List<Journal.Entry> batch) {
		this.unsynced.addAll(batch);
	}

	/**
	 * Makes the database's last commits durable (at most once a {@link #SYNC_INTERVAL}: on H2 a sync writes and forces
	 * its file), then settles their decisions in the journal, whose segments may then go.
	 */
	void sync() {
		long now = System.nanoTime();
		if (this.unsynced.isEmpty() || now - this.nextSync < 0 || !this.database.mayAnswer()) {
			return;
		}
		this.nextSync = now + SYNC_INTERVAL.toNanos();
		if (this.chain.synced()) {
			settle();
		}
	}

	/**
	 * Decisions durable in the database: settled in the journal; those the journal could not take kept at risk until
	 * the file takes them.
	 */
	private void settle() {
		this.journal.settled(this.unsynced);
		for (Journal.Entry entry : this.unsynced) {
			if (!entry.durable()) {
				this.atRisk.add(entry);
			}
		}
		this.unsynced.clear();
		// Beyond what memory holds, the oldest rest in the database alone: kept, but with one copy only.
		int beyond = this.atRisk.size() - this.properties.queueCapacity();
		if (beyond > 0) {
			this.atRisk.subList(0, beyond).clear();
		}
	}

	/** Once the folder takes writes again, what was at risk goes to the file (those in the database are skipped). */
	void keepAtRisk() {
		if (!this.atRisk.isEmpty() && !this.keeping.has(Trouble.JOURNAL) && !this.keeping.has(Trouble.FILE)
				&& this.transfer.keepInFile(this.atRisk)) {
			this.atRisk.clear();
		}
	}

	/**
	 * The chain is not where this instance left it: what the database may have lost is to be written again (what it
	 * still has is skipped).
	 *
	 * @return those decisions, oldest first; no longer followed here
	 */
	List<Journal.Entry> takeBack() {
		List<Journal.Entry> again = new ArrayList<>(this.atRisk);
		again.addAll(this.unsynced);
		this.unsynced.clear();
		this.atRisk.clear();
		return again;
	}

	/**
	 * At shutdown: what the database took is made durable there; what it may still lose is answered, for the file.
	 *
	 * @return the decisions not made durable in the database, and those at risk; no longer followed here
	 */
	List<Journal.Entry> atShutdown() {
		List<Journal.Entry> left = new ArrayList<>();
		if (!this.unsynced.isEmpty()) {
			if (this.chain.synced()) {
				settle();
			}
			else {
				left.addAll(this.unsynced);
				this.unsynced.clear();
			}
		}
		left.addAll(this.atRisk);
		this.atRisk.clear();
		return left;
	}

}
