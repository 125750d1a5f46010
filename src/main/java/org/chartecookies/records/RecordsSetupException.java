package org.chartecookies.records;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The records cannot be kept as configured (a records folder that cannot be this instance's, a signing key that is no
 * key): the application must not start so (see
 * {@link RecordsSetupFailureAnalyzer}, which turns it into Spring Boot's short report).
 */
abstract class RecordsSetupException extends IllegalStateException {

	RecordsSetupException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/** What the operator can do about it. */
	abstract String action();

	/** Another running instance writes from the folder. */
	static final class InUse extends RecordsSetupException {

		InUse(Path folder) {
			super("The records folder " + folder + " is in use by another running instance (it holds " + FolderLock.LOCK
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
	static final class Unusable extends RecordsSetupException {

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

	/** The signing key (or, for the verification, the public key) cannot be read, or is no Ed25519 key. */
	static final class UnusableKey extends RecordsSetupException {

		UnusableKey(String property, String problem) {
			super("The consent records' key (" + property + ") cannot be used: " + problem + ".", null);
		}

		@Override
		String action() {
			return "Give charte.records.signing-key (CHARTE_RECORDS_SIGNINGKEY) an Ed25519 private key in PEM, or the path"
					+ " of a file holding one, outside the records folder: openssl genpkey -algorithm ed25519 -out"
					+ " signing-key.pem; and the verification's charte.records.public-key its public key: openssl pkey -in"
					+ " signing-key.pem -pubout. Without a signing key the application starts, but tampering with the"
					+ " records by someone with access to the database cannot be detected.";
		}

	}

}
