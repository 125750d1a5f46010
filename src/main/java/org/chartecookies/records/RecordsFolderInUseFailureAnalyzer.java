package org.chartecookies.records;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a records folder held by another instance into Spring Boot's short "APPLICATION FAILED TO START" report: the
 * second instance stops before it serves anyone, rather than answering visitors while their decisions go to a file
 * that the first instance never reads.
 */
class RecordsFolderInUseFailureAnalyzer extends AbstractFailureAnalyzer<RecordsFolderInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RecordsFolderInUseException cause) {
		return new FailureAnalysis(cause.getMessage()
				+ " Two instances on one folder would each leave the decisions the other keeps there unwritten, and the"
				+ " embedded database in it opens in one process only.",
				"Stop the other instance, or give this one a folder of its own (charte.records.folder,"
						+ " CHARTE_RECORDS_FOLDER). Instances that share their records share a PostgreSQL database"
						+ " (spring.datasource.url), each with its own folder.",
				cause);
	}

}
