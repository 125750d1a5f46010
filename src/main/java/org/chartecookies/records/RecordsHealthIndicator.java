package org.chartecookies.records;

import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code consentRecords} in {@code /actuator/health}: DOWN while the database refuses the writer's records (they wait
 * in the file meanwhile, nothing is lost), with the backlog. Not part of the liveness and readiness groups: visitors
 * are still served and their decisions kept.
 */
class RecordsHealthIndicator implements HealthIndicator {

	private final RecordWriter writer;

	RecordsHealthIndicator(RecordWriter writer) {
		this.writer = writer;
	}

	@Override
	public Health health() {
		Instant failingSince = this.writer.failingSince();
		Health.Builder health = (failingSince == null) ? Health.up()
				: Health.down().withDetail("failingSince", failingSince.toString()).withDetail("error",
						String.valueOf(this.writer.lastError()));
		return health.withDetail("backlog", this.writer.backlog())
			.withDetail("inFile", this.writer.spilled())
			.withDetail("writer", this.writer.writerId())
			.build();
	}

}
