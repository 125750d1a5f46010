package org.chartecookies.registry;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry file written to is read once nothing has been written to it for the quiet period.
 */
class SettlingFilesTest {

	private static final Instant T = Instant.parse("2026-11-30T00:00:00Z");

	private final SettlingFiles files = new SettlingFiles(Duration.ofSeconds(1));

	@Test
	void aFileWrittenToSettlesOneQuietPeriodAfterItsLastWrite() {
		this.files.written("shop.yaml", T);
		this.files.written("shop.yaml", T.plusMillis(600));

		assertThat(this.files.settling(T.plusMillis(1599))).containsExactly("shop.yaml");
		assertThat(this.files.untilSettled(T.plusMillis(1599))).isEqualTo(Duration.ofMillis(1));
		assertThat(this.files.settling(T.plusMillis(1600))).isEmpty();
		assertThat(this.files.untilSettled(T.plusMillis(1600))).isNull();
	}

	@Test
	void theFirstFileToSettleSaysHowLongToWait() {
		this.files.written("shop.yaml", T);
		this.files.written("museum.yaml", T.plusMillis(300));

		assertThat(this.files.untilSettled(T.plusMillis(100))).isEqualTo(Duration.ofMillis(900));
		assertThat(this.files.settling(T.plusMillis(1000))).containsExactly("museum.yaml");
		assertThat(this.files.untilSettled(T.plusMillis(1000))).isEqualTo(Duration.ofMillis(300));
		assertThat(this.files.untilSettled(T.plusMillis(2000))).as("late: at once").isEqualTo(Duration.ZERO);
	}

	@Test
	void aFileGoneIsNotWaitedFor() {
		this.files.written("shop.yaml", T);
		this.files.gone("shop.yaml");
		this.files.gone("never.yaml");

		assertThat(this.files.settling(T)).isEmpty();
		assertThat(this.files.untilSettled(T)).isNull();
	}

}
