package org.chartecookies.records;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.consent.ConsentDecided;

import org.springframework.context.event.EventListener;

/**
 * Hands every decision made on the consent endpoint to the writer (a queue: the answer does not wait). Should even the
 * file refuse it (a full queue and a full disk), the visitor still gets their answer and their cookie: the loss is
 * logged, never turned into an error page.
 */
class DecisionRecording {

	private static final Log logger = LogFactory.getLog(DecisionRecording.class);

	private final RecordWriter writer;

	DecisionRecording(RecordWriter writer) {
		this.writer = writer;
	}

	@EventListener
	void decided(ConsentDecided event) {
		try {
			this.writer.accept(PendingRecord.of(event));
		}
		catch (RuntimeException ex) {
			logger.error("Consent records: the decision " + event.decision().consentId() + " could not be kept", ex);
		}
	}

}
