package org.chartecookies.registry;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/** An invalid registry stops the application with the problem and what to do, not a stack trace. */
class InvalidRegistryFailureAnalyzerTest {

	@Test
	void theReportSaysTheProblemAndWhatToDo() {
		InvalidRegistryException invalid = new InvalidRegistryException("file [/config/cookies.yaml]",
				"cookies[3] (sessionid): the cookie name is declared twice");

		FailureAnalysis analysis = new InvalidRegistryFailureAnalyzer()
			.analyze(new IllegalStateException("Failed to create bean", invalid));

		assertThat(invalid.location()).isEqualTo("file [/config/cookies.yaml]");
		assertThat(analysis.getDescription()).isEqualTo(
				"Cookie registry file [/config/cookies.yaml]: cookies[3] (sessionid): the cookie name is declared twice");
		assertThat(analysis.getAction()).contains("/config/cookies.yaml")
			.contains("CHARTE_REGISTRY_LOCATION");
		assertThat(analysis.getCause()).isSameAs(invalid);
	}

}
