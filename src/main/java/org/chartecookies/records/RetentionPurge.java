package org.chartecookies.records;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Deletes the records older than the retention period ({@code charte.records.retention}, 5 years by default), on the
 * schedule {@code charte.records.purge-cron} (daily at 03:30), keeping every chain verifiable from its cut, and each
 * cut signed when a signing key is configured.
 */
class RetentionPurge implements SchedulingConfigurer {

	private static final Log logger = LogFactory.getLog(RetentionPurge.class);

	private final RecordStore store;

	private final RecordsProperties properties;

	private final Clock clock;

	private final Runnable schema;

	private final @Nullable CheckpointLog checkpoints;

	RetentionPurge(RecordStore store, RecordsProperties properties, Clock clock, Runnable schema,
			@Nullable CheckpointLog checkpoints) {
		this.schema = schema;
		this.checkpoints = checkpoints;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addCronTask(this::scheduled, this.properties.purgeCron());
	}

	void scheduled() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			// The database may be down; the next run tries again.
			logger.warn("Consent records: the retention purge failed (" + ex.getMessage() + ")");
		}
	}

	/** @return how many records were deleted */
	long purge() {
		this.schema.run();
		Instant now = this.clock.instant();
		Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(this.properties.retention()).toInstant();
		// Each cut is signed and kept outside the database before it is committed: a cut nobody signed is tampering.
		long deleted = this.store.purge(cutoff, now, (cut) -> {
			if (this.checkpoints != null) {
				this.checkpoints.cut(cut);
			}
		});
		logger.info("Consent records: " + deleted + " records decided before " + cutoff + " purged (retention "
				+ this.properties.retention() + ")");
		return deleted;
	}

}
