package org.chartecookies.records;

import org.chartecookies.consent.ConsentDecided;

import org.springframework.context.event.EventListener;

/** Hands every decision made on the consent endpoint to the writer (a queue: the answer does not wait). */
class DecisionRecording {

	private final RecordWriter writer;

	DecisionRecording(RecordWriter writer) {
		this.writer = writer;
	}

	@EventListener
	void decided(ConsentDecided event) {
		this.writer.accept(PendingRecord.of(event));
	}

}
