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

	private final boolean enabled;

	DecisionRecording(RecordWriter writer, boolean enabled) {
		this.writer = writer;
		this.enabled = enabled;
		if (!enabled) {
			logger.warn("Consent records are off (charte.records.enabled=false): decisions are not recorded");
		}
	}

	@EventListener
	void decided(ConsentDecided event) {
		// A run-time switch rather than a condition on the bean: the container's build-time (AOT) bean definitions
		// would ignore a condition set at run time.
		if (!this.enabled) {
			return;
		}
		try {
			this.writer.accept(PendingRecord.of(event));
		}
		catch (RuntimeException ex) {
			logger.error("Consent records: the decision " + event.decision().consentId() + " could not be kept", ex);
		}
	}

}
