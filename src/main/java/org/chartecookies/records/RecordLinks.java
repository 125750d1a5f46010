package org.chartecookies.records;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * How one record ties to its neighbours in its writer's chain: the record before it (whose hash it must name as its
 * previous hash) and the record after it (which must name its hash). Reads three records and the writer's row, whatever
 * the chain's length: the whole chain is the verification's work.
 *
 * @param previous how it ties to the record before it
 * @param previousConsentId the record before it, when there is one
 * @param next how it ties to the record after it
 * @param nextConsentId the record after it, when there is one
 */
public record RecordLinks(Link previous, @Nullable String previousConsentId, Link next,
		@Nullable String nextConsentId) {

	/** How a record ties to one of its neighbours. */
	public enum Link {

		/** The neighbour is there and the hashes tie them. */
		LINKED,
		/** The neighbour is there but the hashes do not tie them: one of them was altered, moved or replaced. */
		NOT_LINKED,
		/** The neighbour should be there and is not: it was removed. */
		MISSING,
		/** The first record of its chain: nothing before it. */
		FIRST,
		/** The records before it were removed by the retention purge, and it ties to the hash the purge kept. */
		AFTER_PURGE,
		/** The last record its writer wrote: nothing after it yet. */
		LAST,
		/** It comes after the last record its writer wrote: it was added behind the application's back. */
		AFTER_HEAD,
		/** Its writer is unknown to the database: its records were added behind the application's back. */
		UNKNOWN_WRITER

	}

	static RecordLinks of(ConsentRecord record, Optional<ConsentRecord> previous, Optional<ConsentRecord> next,
			Optional<RecordStore.Writer> writer) {
		return new RecordLinks(before(record, previous, writer), previous.map(RecordLinks::consentId).orElse(null),
				after(record, next, writer), next.map(RecordLinks::consentId).orElse(null));
	}

	private static Link before(ConsentRecord record, Optional<ConsentRecord> previous,
			Optional<RecordStore.Writer> writer) {
		if (writer.isEmpty()) {
			return Link.UNKNOWN_WRITER;
		}
		if (previous.isPresent()) {
			return previous.get().hash().equals(record.previousHash()) ? Link.LINKED : Link.NOT_LINKED;
		}
		RecordStore.Writer row = writer.get();
		if (record.sequence() == row.cutSequence() + 1) {
			if (!record.previousHash().equals(row.cutHash())) {
				return Link.NOT_LINKED;
			}
			return (row.cutSequence() == 0) ? Link.FIRST : Link.AFTER_PURGE;
		}
		return Link.MISSING;
	}

	private static Link after(ConsentRecord record, Optional<ConsentRecord> next, Optional<RecordStore.Writer> writer) {
		if (writer.isEmpty()) {
			return Link.UNKNOWN_WRITER;
		}
		RecordStore.Writer row = writer.get();
		if (record.sequence() > row.headSequence()) {
			return Link.AFTER_HEAD;
		}
		if (next.isPresent()) {
			return next.get().previousHash().equals(record.hash()) ? Link.LINKED : Link.NOT_LINKED;
		}
		if (record.sequence() == row.headSequence()) {
			return record.hash().equals(row.headHash()) ? Link.LAST : Link.NOT_LINKED;
		}
		return Link.MISSING;
	}

	private static String consentId(ConsentRecord record) {
		return record.content().consentId();
	}

}
