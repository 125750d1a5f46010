package org.chartecookies.consent;

import java.time.Instant;
import java.time.Period;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a decision lasts: a calendar lifetime counted in UTC, positive and at most 13 months (the CNIL's limit).
 */
class ConsentPropertiesTest {

	@ParameterizedTest(name = "{1} after {0} -> {2}")
	@CsvSource(textBlock = """
			2026-11-29T06:06:59Z,  P6M,   2027-05-29T06:06:59Z
			2026-08-31T23:30:00Z,  P6M,   2027-02-28T23:30:00Z
			2026-01-31T00:00:00Z,  P1M,   2026-02-28T00:00:00Z
			2026-11-29T06:06:59Z,  P180D, 2027-05-28T06:06:59Z
			2026-11-29T06:06:59Z,  P13M,  2027-12-29T06:06:59Z
			""")
	void aDecisionExpiresOneLifetimeLaterOnTheCalendar(Instant decidedAt, Period lifetime, Instant expiry) {
		assertThat(new ConsentProperties(lifetime, null).expiry(decidedAt)).isEqualTo(expiry);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			P6M,     true
			P1D,     true
			P13M,    true
			P1Y1M,   true
			P394D,   true
			P13M1D,  false
			P395D,   false
			P14M,    false
			P2Y,     false
			P0D,     false
			P-1M,    false
			P1M-40D, false
			""")
	void aLifetimeMustBePositiveAndAtMostThirteenMonths(Period lifetime, boolean valid) {
		assertThat(new ConsentProperties(lifetime, null).isLifetimeWithinLimits()).isEqualTo(valid);
	}

}
