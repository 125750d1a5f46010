package org.chartecookies.records;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * The database as the writer finds it: since when it does not take the records, and why; when it is tried again (once
 * a retry interval has passed). A database that answers and refuses a record ({@link #refusal}) is another matter:
 * waiting does not cure it.
 */
final class DatabaseBackoff {

	private static final Log logger = LogFactory.getLog(DatabaseBackoff.class);

	private static final Set<String> REFUSALS = Set.of("22", "23", "27", "44", "09", "P0");

	private final RecordStore store;

	private final RecordsProperties properties;

	private final Clock clock;

	/** When the database last refused a write, and why; null while writes succeed. */
	private volatile @Nullable Instant failingSince;

	private volatile @Nullable String lastError;

	private long nextAttempt;

	DatabaseBackoff(RecordStore store, RecordsProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	@Nullable Instant failingSince() {
		return this.failingSince;
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	/** Whether the database is to be tried: it did not fail, or it did a retry interval ago. */
	boolean mayAnswer() {
		return this.failingSince == null || System.nanoTime() - this.nextAttempt >= 0;
	}

	void answersAgain() {
		if (this.failingSince != null) {
			logger.info("Consent records: the database answers again");
		}
		this.failingSince = null;
		this.lastError = null;
	}

	void failed(RuntimeException ex) {
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

}
