package org.chartecookies.records;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.chartecookies.records.RecordStore.Writer;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges expired records while keeping each chain verifiable: a chain's oldest records go, and the writer's row keeps
 * where the chain was cut, with the hash of the last record deleted.
 */
final class ExpiredRecords {

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	private final Supplier<List<Writer>> writers;

	ExpiredRecords(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions,
			Supplier<List<Writer>> writers) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = transactions;
		this.writers = writers;
	}

	/**
	 * A purge's cut of one chain: the records after {@code from} up to {@code to} were deleted, the youngest of them
	 * decided at {@code youngest}, all before {@code cutoff}.
	 */
	record Cut(String writerId, long from, String fromHash, long to, String toHash, Instant youngest, Instant cutoff,
			Instant at) {
	}

	/**
	 * Deletes, from each chain, the longest beginning whose decisions are all older than the cut-off, and records the
	 * hash of the last one deleted on the writer's row, so that the chain still verifies from there. Each cut is told
	 * to {@code signed} before it is committed: should it throw (the cut cannot be kept outside the database), the
	 * cut is not made.
	 *
	 * @return how many records were deleted
	 */
	long purge(Instant cutoff, Instant now, Consumer<Cut> signed) {
		return purge(cutoff, now, (record) -> null, (writerId, problem) -> {
		}, signed);
	}

	/**
	 * Deletes the records decided before {@code cutoff}, each chain's oldest first; a chain whose records to delete do
	 * not hold together, or fail {@code check}, is left as it is (told to {@code leftAsItIs}): a purge signs its cut,
	 * and must not sign away records rewritten behind the application's back.
	 */
	long purge(Instant cutoff, Instant now, Function<ConsentRecord, @Nullable String> check,
			BiConsumer<String, String> leftAsItIs, Consumer<Cut> signed) {
		long deleted = 0;
		for (Writer writer : this.writers.get()) {
			Long removed = this.transactions.execute((status) -> {
				long headSequence = this.jdbc.sql("SELECT head_sequence FROM record_writer WHERE writer_id = ? FOR UPDATE")
					.param(writer.writerId())
					.query(Long.class)
					.single();
				// The first record to keep: the oldest one decided after the cut-off (or none, then the whole chain goes).
				Long firstKept = this.jdbc
					.sql("SELECT MIN(record_sequence) FROM consent_record WHERE writer_id = ? AND decided_at >= ?")
					.params(writer.writerId(), RecordStore.utc(cutoff))
					.query(Long.class)
					.optional()
					.orElse(null);
				long lastRemoved = (firstKept != null) ? firstKept - 1 : headSequence;
				if (lastRemoved <= writer.cutSequence()) {
					return 0L;
				}
				String cutHash = this.jdbc
					.sql("SELECT record_hash FROM consent_record WHERE writer_id = ? AND record_sequence = ?")
					.params(writer.writerId(), lastRemoved)
					.query(String.class)
					.optional()
					.orElse(null);
				if (cutHash == null) {
					// The chain is already broken there: leave it as it is for the verification to name.
					return 0L;
				}
				String problem = problem(writer, lastRemoved, check);
				if (problem != null) {
					leftAsItIs.accept(writer.writerId(), problem);
					return 0L;
				}
				OffsetDateTime youngest = this.jdbc
					.sql("SELECT MAX(decided_at) FROM consent_record WHERE writer_id = ? AND record_sequence > ? "
							+ "AND record_sequence <= ?")
					.params(writer.writerId(), writer.cutSequence(), lastRemoved)
					.query(OffsetDateTime.class)
					.single();
				int count = this.jdbc.sql("DELETE FROM consent_record WHERE writer_id = ? AND record_sequence <= ?")
					.params(writer.writerId(), lastRemoved)
					.update();
				this.jdbc.sql("UPDATE record_writer SET cut_sequence = ?, cut_hash = ?, cut_at = ? WHERE writer_id = ?")
					.params(lastRemoved, cutHash, RecordStore.utc(now), writer.writerId())
					.update();
				signed.accept(new Cut(writer.writerId(), writer.cutSequence(), writer.cutHash(), lastRemoved, cutHash,
						youngest.toInstant(), cutoff, now));
				return (long) count;
			});
			deleted += (removed != null) ? removed : 0;
		}
		return deleted;
	}

	/** The first thing wrong with the records a purge would delete, or null when they hold together. */
	private @Nullable String problem(Writer writer, long lastRemoved,
			Function<ConsentRecord, @Nullable String> check) {
		long[] expected = { writer.cutSequence() + 1 };
		String[] previous = { writer.cutHash() };
		String[] problem = { null };
		this.batches.query((connection) -> {
			var statement = connection.prepareStatement("SELECT " + RecordStore.COLUMNS
					+ " FROM consent_record WHERE writer_id = ? AND record_sequence > ? AND record_sequence <= ?"
					+ " ORDER BY record_sequence");
			statement.setString(1, writer.writerId());
			statement.setLong(2, writer.cutSequence());
			statement.setLong(3, lastRemoved);
			statement.setFetchSize(1000);
			return statement;
		}, (ResultSet rs) -> {
			if (problem[0] != null) {
				return;
			}
			ConsentRecord record = RecordStore.record(rs, 0);
			if (!record.intact() || record.sequence() != expected[0] || !record.previousHash().equals(previous[0])) {
				problem[0] = "record #" + record.sequence() + " does not hold to the chain";
			}
			else {
				problem[0] = check.apply(record);
			}
			expected[0] = record.sequence() + 1;
			previous[0] = record.hash();
		});
		if (problem[0] == null && expected[0] != lastRemoved + 1) {
			problem[0] = "record #" + expected[0] + " is missing";
		}
		return problem[0];
	}

}
