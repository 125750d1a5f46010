package org.chartecookies.records;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The records folder cannot be this instance's: the application must not start on it (see
 * {@link RecordsFolderFailureAnalyzer}, which turns it into Spring Boot's short report).
 */
abstract class RecordsFolderException extends IllegalStateException {

	RecordsFolderException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/** What the operator can do about it. */
	abstract String action();

	/** Another running instance writes from the folder. */
	static final class InUse extends RecordsFolderException {

		InUse(Path folder) {
			super("The records folder " + folder + " is in use by another running instance (it holds " + SpillFile.LOCK
					+ " there). Two instances on one folder would each leave the decisions the other keeps there"
					+ " unwritten, and the embedded database in it opens in one process only.", null);
		}

		@Override
		String action() {
			return "Stop the other instance, or give this one a folder of its own (charte.records.folder,"
					+ " CHARTE_RECORDS_FOLDER). Instances that share their records share a PostgreSQL database"
					+ " (spring.datasource.url), each with its own folder.";
		}

	}

	/** The folder cannot be made, or written to, by this process. */
	static final class Unusable extends RecordsFolderException {

		Unusable(Path folder, Exception cause) {
			super("The records folder " + folder + " cannot be used: " + cause.getClass().getSimpleName() + " ("
					+ cause.getMessage() + ").", cause);
		}

		@Override
		String action() {
			return "Point charte.records.folder (CHARTE_RECORDS_FOLDER) at a folder this process can create and write:"
					+ " decisions wait there while the database does not answer, and the embedded database lives there"
					+ " when no spring.datasource.url is set.";
		}

	}

}
