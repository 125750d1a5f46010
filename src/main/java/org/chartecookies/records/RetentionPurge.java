package org.chartecookies.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.chartecookies.consent.ConsentIds;

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
		// What this instance signed of each chain: a record to delete must be the one signed at its place.
		Map<String, Map<Long, Set<String>>> signed = new HashMap<>();
		if (this.checkpoints != null) {
			this.checkpoints.own()
				.stream()
				.collect(Collectors.groupingBy(Checkpoint::writerId))
				.forEach((writerId, statements) -> signed.put(writerId, Checkpoint.signedAt(statements)));
		}
		// Each cut is signed and kept outside the database before it is committed: a cut nobody signed is tampering.
		long deleted = this.store.expired().purge(cutoff, now, (record) -> problem(record, cutoff, now, signed),
				(writerId, problem) -> logger.error("Consent records: the retention purge leaves the chain of writer "
						+ writerId + " as it is: " + problem + "; run the verification"),
				(cut) -> {
					if (this.checkpoints != null) {
						this.checkpoints.cut(cut);
					}
				});
		// A snapshot goes with the last record that names it; one no record names yet, once shown before the cut-off
		// too (one shown since may still be answered).
		int snapshots = this.store.snapshots().purge(cutoff);
		logger.info("Consent records: " + deleted + " records decided before " + cutoff + " purged, and " + snapshots
				+ " snapshots no record names any more (retention " + this.properties.retention() + ")");
		return deleted;
	}

	/**
	 * Why a record the purge would delete must stay: its consent id made after the cut-off (the id carries the time
	 * the endpoint made it: a decision time moved back), or another record than a signed head names at its place.
	 */
	private static @Nullable String problem(ConsentRecord record, Instant cutoff, Instant now,
			Map<String, Map<Long, Set<String>>> signed) {
		Instant made = ConsentIds.timeOf(record.content().consentId());
		// An id of another layout (random) may read as any time: only a time up to now tells.
		if (made != null && !made.isBefore(cutoff) && made.isBefore(now.plus(Duration.ofDays(1)))) {
			return "record #" + record.sequence() + " (consent id " + record.content().consentId() + ") is dated "
					+ record.content().decidedAt() + " but its consent id was made " + made
					+ ": its decision time was moved back";
		}
		if (Checkpoint.contradicts(signed.getOrDefault(record.writerId(), Map.of()).get(record.sequence()), record.hash())) {
			return "record #" + record.sequence() + " (consent id " + record.content().consentId()
					+ ") is not the record a signed checkpoint names there: the records up to it were altered and chained"
					+ " again";
		}
		return null;
	}

}
