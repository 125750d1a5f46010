package org.chartecookies.registry;

import java.time.Duration;
import java.time.Period;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A declared lifetime: {@code session}, a calendar amount or a clock amount, written as the registry wrote it (in
 * upper case); anything else, zero or negative is refused with a message that says what to write.
 */
class CookieLifetimeTest {

	@ParameterizedTest
	@ValueSource(strings = { "session", "Session", " SESSION " })
	void aSessionCookieLivesUntilTheBrowserCloses(String text) {
		CookieLifetime lifetime = CookieLifetime.parse(text);

		assertThat(lifetime.isSession()).isTrue();
		assertThat(lifetime.period()).isNull();
		assertThat(lifetime.duration()).isNull();
		assertThat(lifetime).hasToString("session");
	}

	@Test
	void aCalendarAmount() {
		CookieLifetime lifetime = CookieLifetime.parse(" p13m ");

		assertThat(lifetime.isSession()).isFalse();
		assertThat(lifetime.period()).isEqualTo(Period.ofMonths(13));
		assertThat(lifetime.duration()).isNull();
		assertThat(lifetime).hasToString("P13M").isEqualTo(CookieLifetime.parse("P13M"));
		assertThat(lifetime.hashCode()).isEqualTo(CookieLifetime.parse("P13M").hashCode());
		assertThat(lifetime).isNotEqualTo(CookieLifetime.parse("P1Y")).isNotEqualTo("P13M");
	}

	@Test
	void aClockAmount() {
		CookieLifetime lifetime = CookieLifetime.parse("pt30m");

		assertThat(lifetime.isSession()).isFalse();
		assertThat(lifetime.duration()).isEqualTo(Duration.ofMinutes(30));
		assertThat(lifetime.period()).isNull();
		assertThat(lifetime).hasToString("PT30M");
	}

	@ParameterizedTest
	@ValueSource(strings = { "forever", "", "P", "PT", "13M", "P0D", "P0Y0M", "-P1M", "P-1D", "P1M-40D", "PT0S",
			"PT-1M", "-PT1S", "PT1M-61S" })
	void anythingElseIsRefusedWithWhatToWrite(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> CookieLifetime.parse(text))
			.withMessage("invalid lifetime: use 'session' or a positive ISO-8601 duration such as P13M, P1Y, P2W, P30D or"
					+ " PT30M");
	}

}
