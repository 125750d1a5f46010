package org.chartecookies.records;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.records.RecordKeeping.Trouble;
import org.chartecookies.records.RecordStore.ChainHead;
import org.chartecookies.records.WriterClaims.Claim;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * The writer's hold on its chain in the database ({@link WriterClaims#claim}): taken before it writes, resumed after a
 * restart with the same writer id, kept with a heartbeat, let go at shutdown. An instance that finds the chain held by
 * a live one writes nothing to it.
 */
final class ChainLease {

	private static final Log logger = LogFactory.getLog(ChainLease.class);

	/** A holder whose heartbeat stood still this many lease intervals died. */
	static final int LEASE_INTERVALS = 3;

	private final RecordStore store;

	private final RecordKeeping keeping;

	private final DatabaseBackoff database;

	private final ChainAppender chain;

	private final SpillTransfer transfer;

	/** The signed checkpoints: what this instance's own say of the chain it takes, and the chain as taken. */
	private final HeadCheckpoints checkpoints;

	private final RecordsProperties properties;

	private final String writerId;

	/** This run's name in the writer's row while it holds the chain. */
	private final String holder;

	private final Instant startedAt;

	/** Whether this instance holds its chain in the database (it writes only then). */
	private volatile boolean claimed;

	/** A holder of the chain seen in the database, and since when its heartbeat stood still. */
	private Claim.@Nullable Held heldBy;

	private long heldSince;

	private long nextClaim;

	private long nextBeat;

	ChainLease(RecordStore store, RecordKeeping keeping, DatabaseBackoff database, ChainAppender chain,
			SpillTransfer transfer, HeadCheckpoints checkpoints, RecordsProperties properties, String writerId,
			String holder, Instant startedAt) {
		this.store = store;
		this.keeping = keeping;
		this.database = database;
		this.chain = chain;
		this.transfer = transfer;
		this.checkpoints = checkpoints;
		this.properties = properties;
		this.writerId = writerId;
		this.holder = holder;
		this.startedAt = startedAt;
	}

	String writerId() {
		return this.writerId;
	}

	/** Whether this instance holds its chain. */
	boolean claimed() {
		return this.claimed;
	}

	boolean claimDue(long now) {
		return now - this.nextClaim >= 0;
	}

	boolean beatDue(long now) {
		return now - this.nextBeat >= 0;
	}

	/**
	 * Takes the writer's chain: at once when no running instance holds it; from a holder whose heartbeat stood still
	 * for {@value #LEASE_INTERVALS} lease intervals (it died without letting go); never from a live one. The writer
	 * resumes it where the database has it, once what it wrote before is durable there.
	 */
	void claim() {
		long now = System.nanoTime();
		this.nextClaim = now + this.properties.retryInterval().toNanos();
		try {
			Claim claim = this.store.claims().claim(this.writerId, this.holder, this.startedAt);
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
					taken = this.store.claims().takeOver(this.writerId, this.holder, held);
					if (taken.isPresent()) {
						logger.info("Consent records: the chain of writer " + this.writerId + " is taken over from an"
								+ " instance that stopped without letting it go");
					}
				}
			}
			this.database.answersAgain();
			if (taken.isPresent() && this.chain.synced()) {
				// Before anything else: it reads the database, and should that fail the whole claim is made again.
				warnAgainstOwnCheckpoints(taken.get());
				if (taken.get().sequence() < this.chain.head().sequence()) {
					// The database lost commits it had acknowledged (the embedded one, after a full disk): what the
					// journal still holds is taken again, and what is missing is written again.
					logger.error("Consent records: the database lost records #" + (taken.get().sequence() + 1) + " to #"
							+ this.chain.head().sequence() + " of writer " + this.writerId + " after it had acknowledged"
							+ " them; they are written again from the journal");
					this.transfer.handOverJournal();
				}
				this.chain.resume(taken.get());
				if (!this.checkpoints.checkpoint(Checkpoint.TAKEN)) {
					// Signed before any record is written, else the records after the head an instance let go would be
					// named as added while no instance held the chain. Taken again at the next try.
					return;
				}
				this.claimed = true;
				this.heldBy = null;
				this.keeping.recovered(Trouble.CHAIN);
				this.nextBeat = now + this.properties.leaseInterval().toNanos();
				if (taken.get().sequence() > 0) {
					logger.info("Consent records: writer " + this.writerId + " resumes its chain after record #"
							+ taken.get().sequence());
				}
			}
		}
		catch (DataIntegrityViolationException ex) {
			// Another instance made the row first: it is read, as held, at the next try.
			this.nextClaim = now;
		}
		catch (RuntimeException ex) {
			this.database.failed(ex);
		}
	}

	/**
	 * Where the chain is taken, against what this instance's checkpoint file says of it: a head behind a signed one (records
	 * removed, or lost by the database), or beyond one it let go at (records added while no instance held it), is told.
	 * The chain is taken as it is; the verification names it.
	 */
	private void warnAgainstOwnCheckpoints(ChainHead found) {
		CheckpointLog log = this.checkpoints.log();
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
	 * Raises the heartbeat, once a lease interval.
	 *
	 * @return false when the chain is no longer this instance's (another one took it over, or its head moved)
	 */
	boolean beat() {
		this.nextBeat = System.nanoTime() + this.properties.leaseInterval().toNanos();
		if (!this.database.mayAnswer()) {
			return true;
		}
		try {
			boolean held = this.store.claims().heartbeat(this.writerId, this.holder);
			if (this.transfer.nothingWaits()) {
				// An instance with no decision to write tells the database is back too. With decisions waiting in the
				// file, writing them tells it (a database that answers heartbeats may still fail writes).
				this.database.answersAgain();
			}
			return held;
		}
		catch (RuntimeException ex) {
			this.database.failed(ex);
			return true;
		}
	}

	/** The chain is no longer this instance's: it is claimed again at once, as the database has it. */
	void lost() {
		this.claimed = false;
		this.nextClaim = System.nanoTime();
	}

	/** Lets the chain go, so that the next instance with this writer id takes it at once. */
	void release() {
		try {
			this.store.claims().release(this.writerId, this.holder);
		}
		catch (RuntimeException ex) {
			logger.warn("Consent records: the chain of writer " + this.writerId + " could not be let go ("
					+ ex.getMessage() + "); an instance started with this writer id takes it after " + LEASE_INTERVALS
					+ " heartbeats");
		}
	}

}
