package org.chartecookies.consent;

import org.chartecookies.StartupFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision may never be kept for more than 13 months: a longer configured lifetime stops start-up.
 */
class ConsentLifetimeLimitTest {

	@ParameterizedTest
	@ValueSource(strings = { "P14M", "P2Y", "P400D", "P0D", "-P1M" })
	void lifetimeAboveThirteenMonthsOrNotPositiveStopsStartUp(String lifetime) {
		String output = StartupFailure.of("--charte.consent.lifetime=" + lifetime);

		assertThat(output).contains("APPLICATION FAILED TO START").contains("charte.consent").contains("at most 13 months");
	}

}
