package org.chartecookies.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.chartecookies.records.RecordKeeping.Trouble;

/**
 * While a trouble lasts, whether it is over, every retry interval: no decision may come to tell it (readiness is DOWN
 * meanwhile). The records folder is tried with a block written and forced; a database that refused records, with a
 * record it never commits.
 */
final class TroubleProbe {

	private final RecordKeeping keeping;

	private final RecordStore store;

	private final DatabaseBackoff database;

	private final RecordsProperties properties;

	private final String writerId;

	private long nextProbe;

	TroubleProbe(RecordKeeping keeping, RecordStore store, DatabaseBackoff database, RecordsProperties properties,
			String writerId) {
		this.keeping = keeping;
		this.store = store;
		this.database = database;
		this.properties = properties;
		this.writerId = writerId;
	}

	boolean due(long now) {
		return now - this.nextProbe >= 0;
	}

	/**
	 * Tries what has trouble.
	 *
	 * @param claimed whether this instance holds its chain (the database is tried only then)
	 */
	void probe(boolean claimed) {
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
		if (this.keeping.has(Trouble.REFUSED) && claimed && this.database.mayAnswer()) {
			try {
				this.store.tryInsert(this.writerId);
				this.keeping.recovered(Trouble.REFUSED);
			}
			catch (RuntimeException ex) {
				if (!DatabaseBackoff.refusal(ex)) {
					this.database.failed(ex);
				}
			}
		}
	}

}
