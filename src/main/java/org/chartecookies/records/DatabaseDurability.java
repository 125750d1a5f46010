package org.chartecookies.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether the database's commits are on disk: an embedded database's are once synced, in a file that is still the
 * one the records are in; PostgreSQL's are once committed.
 */
final class DatabaseDurability {

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	/** The file-system key the embedded database's file had when first seen (the sync alone reads it: one thread). */
	private @Nullable Object databaseFileKey;

	/** Why the embedded database's file is no longer the one the records are in, once seen (until a restart). */
	private volatile @Nullable String databaseFileLost;

	private @Nullable Boolean embedded;

	DatabaseDurability(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Makes the commits so far durable: H2 writes its commits to its file a little later (it has no log of its own);
	 * PostgreSQL's commits already are.
	 */
	void sync() {
		if (embedded()) {
			this.jdbc.sql("CHECKPOINT SYNC").update();
			checkFile();
		}
	}

	/**
	 * The embedded database's file, removed or replaced behind the application's back, takes writes all the same (into
	 * a file no name reaches any more, lost at the next start): a sync then fails, so that the journal keeps what was
	 * written since and the health says so.
	 */
	private void checkFile() {
		String lost = this.databaseFileLost;
		if (lost != null) {
			// Once seen, for good: the file H2 then makes in its place (empty, perhaps under the same inode number) is
			// not the one the records were in.
			throw new IllegalStateException(lost);
		}
		String path = this.jdbc.sql("CALL DATABASE_PATH()").query(String.class).optional().orElse(null);
		if (path == null) {
			// In memory: no file.
			return;
		}
		Path file = Path.of(path + ".mv.db");
		Object key;
		try {
			key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
			// A file system without keys (not Linux's): its presence alone is checked.
			key = (key != null) ? key : "present";
		}
		catch (IOException ex) {
			key = null;
		}
		if (this.databaseFileKey == null) {
			this.databaseFileKey = key;
		}
		if (key == null || !key.equals(this.databaseFileKey)) {
			lost = "The embedded database's file " + file.toAbsolutePath() + " was removed or replaced while the"
					+ " application ran: what it takes is lost at the next start. Restart the application (the journal"
					+ " and the waiting file keep the decisions answered since)";
			this.databaseFileLost = lost;
			throw new IllegalStateException(lost);
		}
	}

	private boolean embedded() {
		Boolean known = this.embedded;
		if (known == null) {
			known = Boolean.TRUE.equals(this.batches.execute((Connection connection) -> connection.getMetaData()
				.getDatabaseProductName()
				.equals("H2")));
			this.embedded = known;
		}
		return known;
	}

}
