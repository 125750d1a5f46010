package org.chartecookies.records;

import java.util.Map;
import java.util.Set;

import org.chartecookies.records.ChainVerification.ChainResult;
import org.chartecookies.records.ChainVerification.Fault;
import org.jspecify.annotations.Nullable;

/**
 * Walks one chain of the {@link ChainVerification} in sequence order: judges each record's hash and its link to the one
 * before, stops judging at the first fault, and notes the first record a signed head names another record at.
 */
final class ChainWalk {

	private long expectedSequence;

	private String expectedPrevious;

	/** The hashes signed heads name, by sequence. */
	private final Map<Long, Set<String>> named;

	/** The first record a signed head names another record at (0 when none). */
	long mismatch;

	@Nullable String mismatchConsentId;

	private long records;

	private @Nullable Fault fault;

	private long faultSequence;

	private @Nullable String faultConsentId;

	ChainWalk(RecordStore.Writer writer, Map<Long, Set<String>> named) {
		this.expectedSequence = writer.cutSequence() + 1;
		this.expectedPrevious = writer.cutHash();
		this.named = named;
	}

	void next(ConsentRecord record) {
		this.records++;
		if (this.mismatch == 0 && Checkpoint.contradicts(this.named.get(record.sequence()), record.hash())) {
			this.mismatch = record.sequence();
			this.mismatchConsentId = record.content().consentId();
		}
		if (this.fault != null) {
			return;
		}
		if (!record.intact()) {
			fault(Fault.ALTERED, record.sequence(), record.content().consentId());
		}
		else if (record.sequence() > this.expectedSequence) {
			fault(Fault.REMOVED, this.expectedSequence, null);
		}
		else if (record.sequence() < this.expectedSequence || !record.previousHash().equals(this.expectedPrevious)) {
			fault(Fault.REORDERED, record.sequence(), record.content().consentId());
		}
		this.expectedSequence = record.sequence() + 1;
		this.expectedPrevious = record.hash();
	}

	/** The chain's outcome on its own: the head's hash names its record, a chain that stops early or goes on past it ends on another hash. */
	ChainResult result(RecordStore.Writer writer) {
		if (this.fault == null && !this.expectedPrevious.equals(writer.headHash())) {
			if (this.expectedSequence - 1 > writer.headSequence()) {
				fault(Fault.EXTENDED, writer.headSequence() + 1, null);
			}
			else {
				fault(Fault.TRUNCATED, this.expectedSequence, null);
			}
		}
		return new ChainResult(writer.writerId(), this.records, this.fault, this.faultSequence, this.faultConsentId);
	}

	private void fault(Fault fault, long sequence, @Nullable String consentId) {
		this.fault = fault;
		this.faultSequence = sequence;
		this.faultConsentId = consentId;
	}

}
