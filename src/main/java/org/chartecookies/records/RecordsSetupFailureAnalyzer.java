package org.chartecookies.records;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns records this instance cannot keep as configured into Spring Boot's short "APPLICATION FAILED TO START" report: a
 * records folder held by another instance (the second one stops before it serves anyone, rather than answering
 * visitors while their decisions go to a file the first never reads), or one it cannot make or write; a signing key
 * that is no key.
 */
class RecordsSetupFailureAnalyzer extends AbstractFailureAnalyzer<RecordsSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RecordsSetupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
