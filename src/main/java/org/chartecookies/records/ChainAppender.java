package org.chartecookies.records;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.chartecookies.records.RecordKeeping.Trouble;
import org.chartecookies.records.RecordStore.ChainHead;

import org.springframework.core.NestedExceptionUtils;

/**
 * Appends the writer's batches to its chain in the database, from the head it knows, and makes them durable there.
 * A record the database refuses is set aside in the file of rejected records, so that it does not hold up the
 * decisions after it.
 */
final class ChainAppender {

	private final RecordStore store;

	private final SpillFile spill;

	private final RecordKeeping keeping;

	private final DatabaseBackoff database;

	private final String writerId;

	private final String holder;

	/** Makes the schema when the database first answers (a no-op once done). */
	private final Runnable schema;

	private final Timer writes;

	private final Counter written;

	private volatile ChainHead head = ChainHead.EMPTY;

	/**
	 * The head as of the database's last sync: what is signed. A head only committed could still be lost by an
	 * embedded database (a crash, a full disk), and a checkpoint of it would then name a removal that never was.
	 */
	private volatile ChainHead durableHead = ChainHead.EMPTY;

	ChainAppender(RecordStore store, SpillFile spill, RecordKeeping keeping, DatabaseBackoff database, String writerId,
			String holder, Runnable schema, MeterRegistry meters) {
		this.writes = Timer.builder("charte.records.writes")
			.description("Batches of consent records written to the database, and how long each took")
			.register(meters);
		this.written = Counter.builder("charte.records.written")
			.description("Consent records written to the database")
			.register(meters);
		this.store = store;
		this.spill = spill;
		this.keeping = keeping;
		this.database = database;
		this.writerId = writerId;
		this.holder = holder;
		this.schema = schema;
	}

	ChainHead head() {
		return this.head;
	}

	ChainHead durableHead() {
		return this.durableHead;
	}

	/** The chain as the database has it, once taken: written and durable up to there. */
	void resume(ChainHead taken) {
		this.head = taken;
		this.durableHead = taken;
	}

	/**
	 * Writes the batch at the end of the chain; the records the database refuses are set aside.
	 *
	 * @return false when the batch waits: the database does not answer (told to the backoff), or a refused record
	 * cannot be set aside
	 * @throws RecordStore.ChainLostException when this instance no longer holds the chain
	 */
	boolean append(List<PendingRecord> batch) {
		try {
			this.schema.run();
			long start = System.nanoTime();
			// The snapshots first: a record never names one the database lacks while the records folder holds it.
			this.store.snapshots().insertMissing(batch);
			this.head = this.store.append(this.writerId, this.holder, this.head, batch);
			this.writes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			this.written.increment(batch.size());
			this.database.answersAgain();
			this.keeping.recovered(Trouble.REFUSED);
			return true;
		}
		catch (RecordStore.ChainLostException ex) {
			// Not a failure of the database: the writer takes the chain again before it writes anything more.
			throw ex;
		}
		catch (RuntimeException ex) {
			if (DatabaseBackoff.refusal(ex)) {
				// The database answers but refuses a record: retrying the batch would refuse it for ever and hold up
				// every decision after it. The others are written one by one; the refused one is set aside, told once
				// per episode.
				return appendOneByOne(batch, ex);
			}
			// Whatever else the cause (no connection, a transaction that cannot begin), the batch is kept.
			this.database.failed(ex);
			return false;
		}
	}

	private boolean appendOneByOne(List<PendingRecord> batch, RuntimeException refusal) {
		if (batch.size() == 1) {
			PendingRecord refused = batch.get(0);
			boolean recorded;
			try {
				recorded = !this.store.recorded(List.of(refused.consentId())).isEmpty();
			}
			catch (RuntimeException ex) {
				// The database stopped answering between the refusal and this look-up: an outage, the whole batch waits.
				this.database.failed(ex);
				return false;
			}
			if (!recorded) {
				try {
					this.spill.reject(refused);
				}
				catch (UncheckedIOException ex) {
					this.keeping.failed(Trouble.FILE, String.valueOf(ex.getCause().getMessage()));
					return false;
				}
				this.keeping.setAside("refused by the database", 1);
				this.keeping.failed(Trouble.REFUSED,
						String.valueOf(NestedExceptionUtils.getMostSpecificCause(refusal).getMessage()));
			}
			return true;
		}
		for (PendingRecord record : batch) {
			if (!append(List.of(record))) {
				// The database stopped answering: the whole batch waits (those written are skipped when it is taken).
				return false;
			}
		}
		return true;
	}

	/**
	 * Makes the database's commits durable (on H2 a sync writes and forces its file), so that the head written so far
	 * may be signed and the journal's segments may go.
	 *
	 * @return false when the database cannot (told to the backoff)
	 */
	boolean synced() {
		ChainHead written = this.head;
		try {
			this.store.durability().sync();
			this.durableHead = written;
			return true;
		}
		catch (RuntimeException ex) {
			this.database.failed(ex);
			return false;
		}
	}

}
