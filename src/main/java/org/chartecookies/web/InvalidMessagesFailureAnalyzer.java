package org.chartecookies.web;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns unusable operator texts into Spring Boot's short "APPLICATION FAILED TO START" report.
 */
class InvalidMessagesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMessagesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMessagesException cause) {
		return new FailureAnalysis(cause.getMessage(), "Correct " + cause.location()
				+ " (keys are those of the application's messages/messages.properties; the README lists them), or point"
				+ " charte.messages.location (CHARTE_MESSAGES_LOCATION) elsewhere, or unset it to use the default texts.",
				cause);
	}

}
