package org.chartecookies.web;

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
 * A trusted origin that is not an origin would open the consent endpoint to more than the operator meant: refused at
 * start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrustedOriginsConfigurationTest {

	@ParameterizedTest
	@ValueSource(strings = { "null", "*", "www.example.org", "https://www.example.org/", "https://www.example.org/path",
			"ftp://www.example.org", "https://" })
	void somethingElseThanAnOriginStopsStartUp(String origin, CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(CharteCookiesApplication.class)
			.run("--server.port=0", "--charte.security.trusted-origins=" + origin)
			.close());

		assertThat(output.toString()).contains("charte.security").contains("must be an origin");
	}

}
