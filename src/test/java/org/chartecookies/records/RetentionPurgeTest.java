package org.chartecookies.records;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import static org.assertj.core.api.Assertions.assertThat;

/** The purge keeps records for the configured retention, counted from each decision, on the configured schedule. */
class RetentionPurgeTest {

	private static final Instant NOW = Instant.parse("2026-11-29T03:30:00Z");

	private final DataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	private RetentionPurge purge(Period retention, String cron, RecordStore store) {
		RecordsProperties properties = new RecordsProperties(Path.of("unused"), retention, cron, 10, 10,
				Duration.ofSeconds(1), Duration.ofSeconds(1), null, true, Duration.ofSeconds(5), Duration.ofDays(30), null,
				null, Duration.ofMinutes(1), null, List.of());
		return new RetentionPurge(store, properties, Clock.fixed(NOW, ZoneOffset.UTC), () -> {
		}, null);
	}

	@Test
	void recordsOlderThanTheRetentionGoTheOthersStayAndTheChainVerifies() {
		Records.migrate(this.database);
		RecordStore store = Records.store(this.database);
		PendingRecord expired = Records.decision("accept-all", Instant.parse("2025-11-28T03:29:59Z"));
		PendingRecord kept = Records.decision("reject-all", Instant.parse("2025-11-29T03:30:00Z"));
		Records.append(store, "w-one", RecordStore.ChainHead.EMPTY, List.of(expired, kept));

		assertThat(purge(Period.ofYears(1), "0 30 3 * * *", store).purge()).isEqualTo(1);

		assertThat(store.find(expired.consentId())).isEmpty();
		assertThat(store.find(kept.consentId())).isPresent();
		assertThat(new ChainVerification(store).verify().verified()).isTrue();
	}

	@Test
	void thePurgeRunsOnTheConfiguredSchedule() {
		ScheduledTaskRegistrar tasks = new ScheduledTaskRegistrar();
		purge(Period.ofYears(5), "0 15 2 * * SUN", Records.store(this.database)).configureTasks(tasks);

		assertThat(tasks.getCronTaskList()).extracting(CronTask::getExpression).containsExactly("0 15 2 * * SUN");
	}

}
