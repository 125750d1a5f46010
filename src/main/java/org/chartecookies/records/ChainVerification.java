package org.chartecookies.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Checks every writer's chain from its cut (or its beginning) to its head: each record's hash is still the hash of its
 * fields, each record chains to the one before it, no sequence number is missing, and the chain ends where the
 * writer's row says it ends. Names the first record at fault in each chain.
 */
public final class ChainVerification {

	/** What is wrong with a record. */
	public enum Fault {

		/** Its fields are no longer those it was written with (its hash does not match). */
		ALTERED,
		/** Records are missing before it (a gap in the sequence). */
		REMOVED,
		/**
		 * It does not follow the record before it (its previous hash is another record's): records were moved, or some
		 * were removed and the rest renumbered.
		 */
		REORDERED,
		/** The chain ends before the head its writer last wrote: its last records were removed. */
		TRUNCATED,
		/**
		 * The chain goes on past the head its writer last wrote: records were added after it, chained as the writer
		 * would have (anyone can compute SHA-256; only the writer's row knows where the chain really ends).
		 */
		EXTENDED,
		/** Records of an unknown writer (inserted behind the application's back). */
		UNKNOWN_WRITER

	}

	/**
	 * One chain's outcome.
	 *
	 * @param records how many records were checked
	 * @param fault what is wrong, or null when the chain verifies
	 * @param sequence the first record at fault (for {@code REMOVED}, the first missing one)
	 * @param consentId that record's consent id, when it exists
	 */
	public record ChainResult(String writerId, long records, @Nullable Fault fault, long sequence, @Nullable String consentId) {

		public boolean verified() {
			return this.fault == null;
		}

		public String describe() {
			if (this.fault == null) {
				return "writer " + this.writerId + ": " + this.records + " records, chain intact";
			}
			// An altered or out-of-order record is one that is there: it always has its consent id.
			String record = "record #" + this.sequence + " (consent id " + this.consentId + ")";
			return "writer " + this.writerId + ": " + switch (this.fault) {
				case ALTERED -> record + " was altered: its hash no longer matches its content";
				case REMOVED -> "record #" + this.sequence + " and perhaps more after it were removed";
				case REORDERED -> record
						+ " does not follow the record before it: records were reordered, or removed and renumbered";
				case TRUNCATED -> "the chain stops before record #" + this.sequence + ": its last records were removed";
				case EXTENDED -> "record #" + this.sequence
						+ " and those after it were added after the last record the application wrote";
				case UNKNOWN_WRITER -> "records of a writer the database does not know were added";
			};
		}

	}

	/** Every chain's outcome; the records verify when each chain does. */
	public record Report(List<ChainResult> chains) {

		public boolean verified() {
			return this.chains.stream().allMatch(ChainResult::verified);
		}

		public long records() {
			return this.chains.stream().mapToLong(ChainResult::records).sum();
		}

		/** The first fault found, or null when everything verifies. */
		public @Nullable ChainResult firstFault() {
			return this.chains.stream().filter((chain) -> !chain.verified()).findFirst().orElse(null);
		}

	}

	/** What the verification reads: the writers' rows and their chains ({@link RecordStore} in the application). */
	interface Chains {

		/** Every writer's row. */
		List<RecordStore.Writer> writers();

		/** One writer's row, if the database has one. */
		Optional<RecordStore.Writer> writer(String writerId);

		/** Writers whose id has records but no row. */
		List<String> writersWithoutRow();

		/** Every record of a writer's chain, in sequence order. */
		void chain(String writerId, Consumer<ConsentRecord> visitor);

	}

	private final Chains store;

	ChainVerification(Chains store) {
		this.store = store;
	}

	public Report verify() {
		List<ChainResult> results = new ArrayList<>();
		for (RecordStore.Writer writer : this.store.writers()) {
			results.add(verify(writer));
		}
		for (String unknown : this.store.writersWithoutRow()) {
			results.add(new ChainResult(unknown, 0, Fault.UNKNOWN_WRITER, 0, null));
		}
		return new Report(results);
	}

	/** One writer's chain, or an unknown writer's records when the database has no row for it. */
	public ChainResult verify(String writerId) {
		return this.store.writer(writerId)
			.map(this::verify)
			.orElseGet(() -> new ChainResult(writerId, 0, Fault.UNKNOWN_WRITER, 0, null));
	}

	private ChainResult verify(RecordStore.Writer writer) {
		Walk walk = new Walk(writer);
		this.store.chain(writer.writerId(), walk::next);
		// The head's hash names its record: a chain that stops early, or goes on past it, ends on another hash.
		if (walk.fault == null && !walk.expectedPrevious.equals(writer.headHash())) {
			if (walk.expectedSequence - 1 > writer.headSequence()) {
				walk.fault(Fault.EXTENDED, writer.headSequence() + 1, null);
			}
			else {
				walk.fault(Fault.TRUNCATED, walk.expectedSequence, null);
			}
		}
		return new ChainResult(writer.writerId(), walk.records, walk.fault, walk.faultSequence, walk.faultConsentId);
	}

	/** Walks one chain in sequence order and stops judging at the first fault. */
	private static final class Walk {

		long expectedSequence;

		String expectedPrevious;

		long records;

		@Nullable Fault fault;

		long faultSequence;

		@Nullable String faultConsentId;

		Walk(RecordStore.Writer writer) {
			this.expectedSequence = writer.cutSequence() + 1;
			this.expectedPrevious = writer.cutHash();
		}

		void next(ConsentRecord record) {
			this.records++;
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

		void fault(Fault fault, long sequence, @Nullable String consentId) {
			this.fault = fault;
			this.faultSequence = sequence;
			this.faultConsentId = consentId;
		}

	}

}
