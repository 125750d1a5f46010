package org.chartecookies.records;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Checks every writer's chain from its cut (or its beginning) to its head: each record's hash is still the hash of its
 * fields, each record chains to the one before it, no sequence number is missing, and the chain ends where the
 * writer's row says it ends. Names the first record at fault in each chain, and each snapshot of what visitors were
 * shown that was altered, or is missing while records name it.
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
		UNKNOWN_WRITER,
		/** The chain ends before the head a signed checkpoint names: its last records were removed, its head moved back. */
		BEHIND_CHECKPOINT,
		/**
		 * The record at a signed checkpoint's place is not the one it names: records up to it were altered and chained
		 * again, or the chain was rewritten.
		 */
		CHECKPOINT_MISMATCH,
		/** Signed checkpoints name a chain the database does not have: it was removed, writer's row and all. */
		MISSING_CHAIN,
		/** The chain starts at a cut no signed statement names: records were removed behind the application's back. */
		UNSIGNED_CUT,
		/** A signed cut removed a decision younger than the retention period it applied. */
		YOUNG_CUT,
		/**
		 * Records follow the head at which an instance let the chain go (a signed checkpoint), with no instance having
		 * taken it since: added behind the application's back, the head moved with them.
		 */
		ADDED_WHILE_RELEASED,
		/**
		 * A later checkpoint names a head before one an earlier checkpoint named: the records between were removed (or
		 * lost by the database) and the chain written on, so that a checkpoint now signs another history.
		 */
		MOVED_BACK,
		/**
		 * A signed checkpoint names another record where a purge cut the chain: the records up to it were altered and
		 * chained again, then purged (the application's own purge signs the cut it is given).
		 */
		CUT_MISMATCH,
		/** No signed checkpoint names the chain: written without the signing key, or added behind the application's back. */
		NOT_CHECKPOINTED

	}

	/**
	 * One chain's outcome.
	 *
	 * @param records how many records were checked
	 * @param fault what is wrong, or null when the chain verifies
	 * @param sequence the first record at fault (for {@code REMOVED}, the first missing one)
	 * @param consentId that record's consent id, when it exists
	 * @param through for a fault over several records, the last of them; for a chain that verifies against checkpoints,
	 * the last of the records after its last checkpoint (from {@code sequence}); 0 otherwise
	 */
	public record ChainResult(String writerId, long records, @Nullable Fault fault, long sequence, @Nullable String consentId,
			long through) {

		ChainResult(String writerId, long records, @Nullable Fault fault, long sequence, @Nullable String consentId) {
			this(writerId, records, fault, sequence, consentId, 0);
		}

		public boolean verified() {
			return this.fault == null;
		}

		ChainResult with(Fault fault, long sequence, @Nullable String consentId) {
			return new ChainResult(this.writerId, this.records, fault, sequence, consentId, 0);
		}

		/**
		 * A fault over records {@code sequence} to {@code through}; or, without a fault, the records a chain holds after
		 * its last signed checkpoint ({@code sequence} 0 when none).
		 */
		ChainResult over(@Nullable Fault fault, long sequence, long through) {
			return new ChainResult(this.writerId, this.records, fault, sequence, null, through);
		}

		/** Records {@code sequence} to {@code through} and the verb that agrees: "record #4 was", "records #4 to #9 were". */
		private String range(String one, String several) {
			return (this.through > this.sequence) ? "records #" + this.sequence + " to #" + this.through + " " + several
					: "record #" + this.sequence + " " + one;
		}

		public String describe() {
			if (this.fault == null) {
				String intact = "writer " + this.writerId + ": " + this.records + " records, chain intact";
				return (this.sequence > 0) ? intact + "; " + range("comes", "come") + " after its last signed checkpoint:"
						+ " the chain alone protects " + ((this.through > this.sequence) ? "them" : "it") : intact;
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
				case BEHIND_CHECKPOINT -> "the chain ends before record #" + this.sequence
						+ ", which a signed checkpoint names: its last records were removed and its head moved back";
				case CHECKPOINT_MISMATCH -> record + " is not the record a signed checkpoint names there: the records up to"
						+ " it were altered and chained again";
				case MISSING_CHAIN -> "the chain is missing from the database, yet signed checkpoints name it up to record #"
						+ this.sequence;
				case UNSIGNED_CUT -> "the chain was cut after record #" + this.sequence
						+ ", a cut no signed statement names: records were removed behind the application's back";
				case YOUNG_CUT -> "the purge that cut the chain after record #" + this.sequence
						+ " removed decisions younger than the retention period";
				case NOT_CHECKPOINTED -> "no signed checkpoint names this chain: it was written without the signing key, or"
						+ " added behind the application's back";
				case ADDED_WHILE_RELEASED -> range("was", "were") + " added while no instance held the chain: it was let"
						+ " go at record #" + (this.sequence - 1) + " (a signed checkpoint)";
				case CUT_MISMATCH -> "record #" + this.sequence + ", where a purge cut the chain, is not the record a signed"
						+ " checkpoint names there: the records up to it were altered and chained again, then purged";
				case MOVED_BACK -> range("was", "were") + " named by signed checkpoints, then removed, and the chain written"
						+ " on from record #" + (this.sequence - 1) + ": removed behind the application's back, or lost by the"
						+ " database";
			};
		}

	}

	/**
	 * Every chain's outcome; the records verify when each chain does, and every checkpoint given is signed.
	 *
	 * @param checkpointed whether signed checkpoints were given: without them, someone able to rewrite the database
	 * could rewrite a chain whole
	 * @param problems what of the checkpoints given cannot be taken: lines not signed by the key given, files that
	 * cannot be read
	 * @param snapshots the snapshots of what visitors were shown that are altered, or missing while records name them
	 */
	public record Report(List<ChainResult> chains, boolean checkpointed, List<String> problems,
			List<SnapshotProblem> snapshots) {

		Report(List<ChainResult> chains) {
			this(chains, false, List.of(), List.of());
		}

		public boolean verified() {
			return this.chains.stream().allMatch(ChainResult::verified) && this.problems.isEmpty()
					&& this.snapshots.isEmpty();
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

		/** The record at this place of this writer's chain, if there is one. */
		Optional<ConsentRecord> record(String writerId, long sequence);

	}

	private final Chains store;

	private final Supplier<CheckpointLog.Evidence> evidence;

	private final Supplier<List<SnapshotProblem>> snapshots;

	ChainVerification(Chains store) {
		this(store, () -> CheckpointLog.Evidence.NONE);
	}

	ChainVerification(Chains store, Supplier<CheckpointLog.Evidence> evidence) {
		this(store, evidence, List::of);
	}

	ChainVerification(Chains store, Supplier<CheckpointLog.Evidence> evidence,
			Supplier<List<SnapshotProblem>> snapshots) {
		this.store = store;
		this.evidence = evidence;
		this.snapshots = snapshots;
	}

	/** Every chain, against the signed checkpoints configured (none without a key). */
	public Report verify() {
		return verify(this.evidence.get());
	}

	/**
	 * Every chain, and, when signed checkpoints are given, every chain against them: what the database says can then
	 * no longer be rewritten whole by someone able to write to it.
	 */
	Report verify(CheckpointLog.Evidence evidence) {
		boolean checkpointed = !evidence.isEmpty();
		Map<String, List<Checkpoint>> statements = new LinkedHashMap<>();
		evidence.checkpoints().forEach((checkpoint) -> statements.computeIfAbsent(checkpoint.writerId(), (id) -> new ArrayList<>())
			.add(checkpoint));
		List<ChainResult> results = new ArrayList<>();
		for (RecordStore.Writer writer : this.store.writers()) {
			List<Checkpoint> named = statements.remove(writer.writerId());
			List<Checkpoint> given = (named != null) ? named : List.of();
			ChainWalk walk = walk(writer, given);
			ChainResult walked = walk.result(writer);
			results.add((walked.verified() && checkpointed) ? against(walked, walk, writer, given) : walked);
		}
		for (String unknown : this.store.writersWithoutRow()) {
			results.add(new ChainResult(unknown, 0, Fault.UNKNOWN_WRITER, 0, null));
		}
		statements.forEach((writerId, named) -> results.add(new ChainResult(writerId, 0, Fault.MISSING_CHAIN,
				named.stream().mapToLong(Checkpoint::sequence).max().orElse(0), null)));
		return new Report(results, checkpointed, evidence.problems(), this.snapshots.get());
	}

	/** A chain that verifies on its own, against the signed statements that name it. */
	private ChainResult against(ChainResult walked, ChainWalk walk, RecordStore.Writer writer, List<Checkpoint> named) {
		List<Checkpoint> heads = named.stream().filter(Checkpoint::isHead).toList();
		List<Checkpoint> cuts = named.stream().filter((checkpoint) -> !checkpoint.isHead()).toList();
		if (named.isEmpty()) {
			// Empty, never cut: an instance that stopped between making its chain and signing it. It holds nothing.
			boolean empty = walked.records() == 0 && writer.headSequence() == 0 && writer.cutSequence() == 0;
			return empty ? walked : walked.with(Fault.NOT_CHECKPOINTED, 0, null);
		}
		List<Checkpoint> inTime = heads.stream().sorted(Comparator.comparing(Checkpoint::at)).toList();
		long highest = 0;
		for (Checkpoint head : inTime) {
			if (head.sequence() < highest) {
				return walked.over(Fault.MOVED_BACK, head.sequence() + 1, highest);
			}
			highest = head.sequence();
		}
		long latest = heads.stream().mapToLong(Checkpoint::sequence).max().orElse(0);
		if (writer.headSequence() < latest) {
			return walked.with(Fault.BEHIND_CHECKPOINT, latest, null);
		}
		// Every checkpoint still in the chain, compared as the walk passed its record: an application that took a chain
		// rewritten behind its back signs the rewrite, so a later checkpoint that matches does not vouch for earlier ones.
		if (walk.mismatch > 0) {
			return walked.with(Fault.CHECKPOINT_MISMATCH, walk.mismatch, walk.mismatchConsentId);
		}
		// A chain let go stays where it was until an instance takes it again: nothing is added meanwhile.
		for (int i = 0; i < inTime.size(); i++) {
			Checkpoint released = inTime.get(i);
			if (released.kind().equals(Checkpoint.RELEASED)) {
				long next = (i + 1 < inTime.size()) ? inTime.get(i + 1).sequence() : writer.headSequence();
				if (next != released.sequence()) {
					return walked.over(Fault.ADDED_WHILE_RELEASED, released.sequence() + 1, next);
				}
			}
		}
		// Cuts the application made, by place: none, the one it found when it first signed, and those its purges signed.
		Map<Long, Set<String>> signedCuts = new HashMap<>();
		signedCuts.computeIfAbsent(0L, (sequence) -> new HashSet<>()).add(ConsentRecord.GENESIS);
		heads.stream()
			.min(Comparator.comparing(Checkpoint::at))
			.ifPresent((first) -> signedCuts.computeIfAbsent(first.cut(), (sequence) -> new HashSet<>())
				.add(first.cutHash()));
		cuts.forEach((cut) -> signedCuts.computeIfAbsent(cut.sequence(), (sequence) -> new HashSet<>()).add(cut.hash()));
		// Each cut a checkpoint saw, and each cut a purge started from, must be one of them: a faked cut stays named
		// after a later purge cut further.
		for (Checkpoint statement : named) {
			if (!signedCuts.getOrDefault(statement.cut(), Set.of()).contains(statement.cutHash())) {
				return walked.with(Fault.UNSIGNED_CUT, statement.cut(), null);
			}
		}
		if (!signedCuts.getOrDefault(writer.cutSequence(), Set.of()).contains(writer.cutHash())) {
			return walked.with(Fault.UNSIGNED_CUT, writer.cutSequence(), null);
		}
		// Where a purge cut the chain, the record it cut at is gone; its hash is kept, and a head named there must be it.
		for (Checkpoint head : heads) {
			Set<String> cutHashes = signedCuts.get(head.sequence());
			if (head.sequence() > 0 && cutHashes != null && !cutHashes.contains(head.hash())) {
				return walked.with(Fault.CUT_MISMATCH, head.sequence(), null);
			}
		}
		for (Checkpoint cut : cuts) {
			Instant oldestKept = cut.at().atOffset(ZoneOffset.UTC).minus(cut.retention()).toInstant();
			if (!cut.youngest().isBefore(cut.cutoff()) || cut.cutoff().isAfter(oldestKept)) {
				return walked.with(Fault.YOUNG_CUT, cut.sequence(), null);
			}
		}
		return (writer.headSequence() > latest) ? walked.over(null, latest + 1, writer.headSequence()) : walked;
	}

	/** One writer's chain, or an unknown writer's records when the database has no row for it. */
	public ChainResult verify(String writerId) {
		return this.store.writer(writerId)
			.map((writer) -> walk(writer, List.of()).result(writer))
			.orElseGet(() -> new ChainResult(writerId, 0, Fault.UNKNOWN_WRITER, 0, null));
	}

	/** One pass over a chain: its links, and the records the heads given name. */
	private ChainWalk walk(RecordStore.Writer writer, List<Checkpoint> named) {
		ChainWalk walk = new ChainWalk(writer, Checkpoint.signedAt(named));
		this.store.chain(writer.writerId(), walk::next);
		return walk;
	}

}
