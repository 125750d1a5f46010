package org.chartecookies.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.records.RecordKeeping.Trouble;

/**
 * What goes through the {@link SpillFile file of waiting decisions}: the decisions neither the queue nor the database
 * takes, what is left in memory at shutdown, the journal a previous run left and the journal when decisions are in it
 * only; and, once the database answers, the file's decisions to the database.
 */
final class SpillTransfer {

	private static final Log logger = LogFactory.getLog(SpillTransfer.class);

	private final SpillFile spill;

	private final Journal journal;

	private final RecordStore store;

	private final RecordKeeping keeping;

	private final DatabaseBackoff database;

	private final RecordsProperties properties;

	/** Makes the schema when the database first answers (a no-op once done). */
	private final Runnable schema;

	SpillTransfer(SpillFile spill, Journal journal, RecordStore store, RecordKeeping keeping, DatabaseBackoff database,
			RecordsProperties properties, Runnable schema) {
		this.spill = spill;
		this.journal = journal;
		this.store = store;
		this.keeping = keeping;
		this.database = database;
		this.properties = properties;
		this.schema = schema;
	}

	/**
	 * At start: the decisions of the journal a previous run left (it stopped, or crashed) go to the file, and are
	 * written from there (those already in the database are skipped).
	 */
	void recoverJournal() {
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
	}

	/**
	 * At shutdown, what is left in memory goes to the file for the next start; once it has, the journal goes (what is
	 * on disk in the journal only is taken at the next start).
	 */
	void keepAtShutdown(List<Journal.Entry> left) {
		if (!keepInFile(left)) {
			long notOnDisk = left.stream().filter((entry) -> !entry.durable()).count();
			if (notOnDisk > 0) {
				this.keeping.lost((int) notOnDisk, "stopped while neither the database nor the file took them");
			}
		}
		else {
			this.journal.closeAtShutdown();
		}
	}

	/** Whether no decision waits in the file. */
	boolean nothingWaits() {
		return this.spill.waiting() == 0;
	}

	/** Into the file of waiting decisions, forced to disk; false (the trouble told) when it cannot be written. */
	boolean keepInFile(List<Journal.Entry> entries) {
		if (entries.isEmpty()) {
			return true;
		}
		try {
			this.spill.append(entries.stream().map(Journal.Entry::record).toList());
		}
		catch (UncheckedIOException ex) {
			this.keeping.failed(Trouble.FILE, String.valueOf(ex.getCause().getMessage()));
			return false;
		}
		this.keeping.recovered(Trouble.FILE);
		this.journal.settled(entries);
		return true;
	}

	/**
	 * Decisions that are in the journal only (the queue was full and the file could not be written): the whole journal
	 * goes to the file, where those already in the database are skipped when it is taken.
	 */
	void handOverJournal() {
		try {
			long lines = this.journal.handOver(this.spill);
			this.keeping.recovered(Trouble.FILE);
			logger.info("Consent records: " + lines + " lines of the journal handed over to the file of waiting decisions");
		}
		catch (IOException | UncheckedIOException ex) {
			this.keeping.failed(Trouble.FILE, String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * Writes records taken over from the file, skipping those already written (a take-over cut short before).
	 *
	 * @param write writes a batch to the chain; false when it waits (the database does not answer, or the chain is
	 * lost)
	 * @param synced makes the database's commits durable; false when it cannot
	 */
	void drain(Predicate<List<PendingRecord>> write, BooleanSupplier synced) {
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
				if (!batch.isEmpty() && !write.test(batch)) {
					return;
				}
			}
			// The file goes once what it held is on disk in the database.
			if (!waiting.isEmpty() && !synced.getAsBoolean()) {
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
			this.database.failed(ex);
		}
	}

}
