package org.chartecookies.records;

import java.time.Instant;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code consentRecords} in {@code /actuator/health}: DOWN while the database refuses the writer's records (they wait
 * in the file meanwhile, nothing is lost), or has not answered since start-up (no schema yet), or while any trouble of
 * {@link RecordKeeping} lasts, or while decisions set aside (refused by the database: a constraint, a trigger that
 * drops some rows) wait for the operator to resubmit them, with the backlog. It is
 * the health of the records' database: Spring's own {@code db} indicator is off (application.properties). Not part of the liveness and readiness groups: visitors
 * are still served and their decisions kept.
 */
class RecordsHealthIndicator implements HealthIndicator {

	private final RecordWriter writer;

	private final RecordKeeping keeping;

	private final BooleanSupplier schemaMade;

	RecordsHealthIndicator(RecordWriter writer, RecordKeeping keeping, BooleanSupplier schemaMade) {
		this.writer = writer;
		this.keeping = keeping;
		this.schemaMade = schemaMade;
	}

	/** From what the writer saw last, never by asking the database (a health request costs nothing, logs nothing). */
	@Override
	public Health health() {
		Instant failingSince = this.writer.failingSince();
		Health.Builder health = (failingSince != null)
				? Health.down().withDetail("failingSince", failingSince.toString()).withDetail("error",
						String.valueOf(this.writer.lastError()))
				: !this.schemaMade.getAsBoolean()
						? Health.down().withDetail("error", "the database has not answered since the application started")
						: (!this.keeping.troubles().isEmpty() || this.keeping.asideWaiting() > 0) ? Health.down()
								: Health.up();
		this.keeping.troubles()
			.forEach((trouble, episode) -> health.withDetail(trouble.name().toLowerCase(Locale.ROOT),
					trouble.description() + " since " + episode.since()));
		return health.withDetail("backlog", this.writer.backlog())
			.withDetail("setAside", this.keeping.asideWaiting())
			.withDetail("inFile", this.writer.spilled())
			.withDetail("writer", this.writer.writerId())
			.withDetail("chainHeld", this.writer.claimed())
			.build();
	}

}
