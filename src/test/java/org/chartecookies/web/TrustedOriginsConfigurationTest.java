package org.chartecookies.web;

import org.chartecookies.StartupFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trusted origin that is not an origin would open the consent endpoint to more than the operator meant: refused at
 * start-up.
 */
class TrustedOriginsConfigurationTest {

	@ParameterizedTest
	@ValueSource(strings = { "null", "*", "www.example.org", "https://www.example.org/", "https://www.example.org/path",
			"ftp://www.example.org", "https://" })
	void somethingElseThanAnOriginStopsStartUp(String origin) {
		String output = StartupFailure.of("--charte.security.trusted-origins=" + origin);

		assertThat(output).contains("APPLICATION FAILED TO START").contains("charte.security").contains("must be an origin");
	}

}
