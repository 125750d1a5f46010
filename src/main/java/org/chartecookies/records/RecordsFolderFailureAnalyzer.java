package org.chartecookies.records;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a records folder this instance cannot have into Spring Boot's short "APPLICATION FAILED TO START" report: held
 * by another instance (the second one stops before it serves anyone, rather than answering visitors while their
 * decisions go to a file the first never reads), or one it cannot make or write.
 */
class RecordsFolderFailureAnalyzer extends AbstractFailureAnalyzer<RecordsFolderException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RecordsFolderException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
