package org.chartecookies.records;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.NestedExceptionUtils;

/**
 * Runs the Flyway migrations at start-up, as Spring Boot does, except that a database that cannot be migrated then
 * (unreachable) does not stop the application: it starts and serves visitors (their decisions wait in the file), and
 * the records' first use of the database tries again, until the migration succeeded once.
 */
class SchemaMigration implements FlywayMigrationStrategy, Runnable {

	private static final Log logger = LogFactory.getLog(SchemaMigration.class);

	private volatile @Nullable Flyway flyway;

	private volatile boolean migrated;

	/** What must come before the database is first opened (the records folder's lock). */
	private final Runnable beforeStartUp;

	SchemaMigration(Runnable beforeStartUp) {
		this.beforeStartUp = beforeStartUp;
	}

	/**
	 * Why the database failed, in one line: the deepest cause's (the driver's) first line, which the wrappers above it
	 * (Flyway's, the pool's) repeat over several.
	 */
	static String reason(Throwable failure) {
		return String.valueOf(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
			.strip()
			.lines()
			.findFirst()
			.orElse(failure.getClass().getSimpleName());
	}

	/** Whether the schema has been made (the database answered once since start-up). */
	boolean migrated() {
		return this.migrated;
	}

	/** Spring Boot hands over its Flyway at start-up: migrate now if the database answers, else later. */
	@Override
	public void migrate(Flyway flyway) {
		this.beforeStartUp.run();
		this.flyway = flyway;
		try {
			run();
		}
		catch (RuntimeException ex) {
			logger.warn("Consent records: the database cannot be migrated at start-up; the application starts all the "
					+ "same and tries again when it first writes (" + reason(ex) + ")");
		}
	}

	/** Migrates the schema, once; throws (for the caller to try again later) when the database cannot be migrated. */
	@Override
	public void run() {
		if (this.migrated) {
			return;
		}
		synchronized (this) {
			Flyway migrations = this.flyway;
			if (this.migrated || migrations == null) {
				return;
			}
			int applied = migrations.migrate().migrationsExecuted;
			this.migrated = true;
			if (applied > 0) {
				logger.info("Consent records: " + applied + " schema migrations applied");
			}
		}
	}

}
