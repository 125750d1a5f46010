package org.chartecookies.consent;

import org.chartecookies.CharteCookiesApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A decision may never be kept for more than 13 months: a longer configured lifetime stops start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsentLifetimeLimitTest {

	@ParameterizedTest
	@ValueSource(strings = { "P14M", "P2Y", "P400D", "P0D", "-P1M" })
	void lifetimeAboveThirteenMonthsOrNotPositiveStopsStartUp(String lifetime, CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(CharteCookiesApplication.class)
			.run("--server.port=0", "--charte.consent.lifetime=" + lifetime)
			.close());

		assertThat(output.toString()).contains("charte.consent").contains("at most 13 months");
	}

}
