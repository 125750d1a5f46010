package org.chartecookies.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The records in the database, through plain JDBC: appends a batch to a chain, reads chains back in order, finds a
 * record by consent id, purges expired records while keeping each chain verifiable.
 */
class RecordStore implements ChainVerification.Chains {

	private static final String COLUMNS = "writer_id, record_sequence, consent_id, decided_at, registry_revision, "
			+ "decision, choices, gpc, language_tag, page_path, previous_hash, record_hash, site";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	/** The file-system key the embedded database's file had when first seen (the sync alone reads it: one thread). */
	private @Nullable Object databaseFileKey;

	/** Why the embedded database's file is no longer the one the records are in, once seen (until a restart). */
	private volatile @Nullable String databaseFileLost;

	RecordStore(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = transactions;
	}

	/** Where a writer's chain stands: its last record's sequence and hash (0 and {@link ConsentRecord#GENESIS} before any). */
	record ChainHead(long sequence, String hash) {

		static final ChainHead EMPTY = new ChainHead(0, ConsentRecord.GENESIS);

	}

	/** A writer's row: where its chain ends, and where the purge cut its beginning. */
	record Writer(String writerId, Instant startedAt, long headSequence, String headHash, long cutSequence,
			String cutHash, @Nullable Instant cutAt) {
	}

	/**
	 * Who holds a chain: this instance (with the chain's head, where it resumes), or another one, named with its
	 * heartbeat as read.
	 */
	sealed interface Claim {

		record Taken(ChainHead head) implements Claim {
		}

		record Held(String holder, long heartbeat) implements Claim {
		}

	}

	/**
	 * Takes the writer's chain for this instance ({@code holder}): a new chain, one no instance holds (its holder
	 * stopped cleanly), or one this instance holds already. A chain another instance holds is not taken: the caller
	 * watches its heartbeat ({@link #takeOver}).
	 */
	Claim claim(String writerId, String holder, Instant startedAt) {
		return this.transactions.execute((status) -> {
			Optional<Holding> row = holding(writerId);
			if (row.isEmpty()) {
				this.jdbc
					.sql("INSERT INTO record_writer (writer_id, started_at, head_sequence, head_hash, cut_sequence, cut_hash, "
							+ "holder, heartbeat) VALUES (?, ?, 0, ?, 0, ?, ?, 0)")
					.params(writerId, utc(startedAt), ConsentRecord.GENESIS, ConsentRecord.GENESIS, holder)
					.update();
				return new Claim.Taken(ChainHead.EMPTY);
			}
			Holding held = row.get();
			if (held.holder() != null && !held.holder().equals(holder)) {
				return new Claim.Held(held.holder(), held.heartbeat());
			}
			this.jdbc.sql("UPDATE record_writer SET holder = ?, heartbeat = heartbeat + 1 WHERE writer_id = ?")
				.params(holder, writerId)
				.update();
			return new Claim.Taken(held.head());
		});
	}

	/**
	 * Takes the chain from a holder whose heartbeat stood still since it was read (it died without letting go): only
	 * if that holder and heartbeat are still the row's.
	 *
	 * @return the chain's head, or empty when the holder is alive (or another instance took the chain first)
	 */
	Optional<ChainHead> takeOver(String writerId, String holder, Claim.Held dead) {
		return Optional.ofNullable(this.transactions.execute((status) -> {
			int taken = this.jdbc
				.sql("UPDATE record_writer SET holder = ?, heartbeat = heartbeat + 1 "
						+ "WHERE writer_id = ? AND holder = ? AND heartbeat = ?")
				.params(holder, writerId, dead.holder(), dead.heartbeat())
				.update();
			return (taken == 1) ? holding(writerId).map(Holding::head).orElse(null) : null;
		}));
	}

	/** Raises the heartbeat of a chain this instance holds; false when it no longer holds it. */
	boolean heartbeat(String writerId, String holder) {
		return this.jdbc.sql("UPDATE record_writer SET heartbeat = heartbeat + 1 WHERE writer_id = ? AND holder = ?")
			.params(writerId, holder)
			.update() == 1;
	}

	/** Lets the chain go, so that the next instance with this writer id takes it at once. */
	void release(String writerId, String holder) {
		this.jdbc.sql("UPDATE record_writer SET holder = NULL WHERE writer_id = ? AND holder = ?")
			.params(writerId, holder)
			.update();
	}

	private record Holding(ChainHead head, @Nullable String holder, long heartbeat) {
	}

	private Optional<Holding> holding(String writerId) {
		return this.jdbc.sql("SELECT head_sequence, head_hash, holder, heartbeat FROM record_writer WHERE writer_id = ?")
			.param(writerId)
			.query((rs, row) -> new Holding(new ChainHead(rs.getLong(1), rs.getString(2)), rs.getString(3), rs.getLong(4)))
			.optional();
	}

	/**
	 * Appends the batch to the writer's chain in one transaction, and answers the new head. Nothing is written if
	 * anything fails: the caller's head is then still the chain's.
	 *
	 * @throws ChainLostException when this instance no longer holds the chain (another one took it over)
	 */
	ChainHead append(String writerId, String holder, ChainHead head, List<PendingRecord> batch) {
		List<ConsentRecord> records = new ArrayList<>(batch.size());
		ChainHead next = head;
		for (PendingRecord pending : batch) {
			ConsentRecord record = ConsentRecord.chain(writerId, next.sequence() + 1, pending, next.hash());
			records.add(record);
			next = new ChainHead(record.sequence(), record.hash());
		}
		ChainHead last = next;
		this.transactions.executeWithoutResult((status) -> {
			this.batches.batchUpdate("INSERT INTO consent_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					records, records.size(), (statement, record) -> {
						PendingRecord content = record.content();
						statement.setString(1, record.writerId());
						statement.setLong(2, record.sequence());
						statement.setString(3, content.consentId());
						statement.setObject(4, utc(content.decidedAt()));
						statement.setInt(5, content.revision());
						statement.setString(6, content.kind());
						statement.setString(7, content.choicesText());
						statement.setBoolean(8, content.globalPrivacyControl());
						statement.setString(9, content.language());
						statement.setString(10, content.pagePath());
						statement.setString(11, record.previousHash());
						statement.setString(12, record.hash());
						statement.setString(13, content.site());
					});
			// A trigger may drop rows without an error (PostgreSQL's BEFORE trigger returning NULL): what was not kept
			// is a refusal, not a record the head may name.
			long kept = this.jdbc
				.sql("SELECT COUNT(*) FROM consent_record WHERE writer_id = ? AND record_sequence > ? AND record_sequence <= ?")
				.params(writerId, head.sequence(), last.sequence())
				.query(Long.class)
				.single();
			if (kept != records.size()) {
				throw new DataIntegrityViolationException("The database kept " + kept + " of the " + records.size()
						+ " records inserted, without an error (a trigger that drops rows?)");
			}
			int updated = this.jdbc
				.sql("UPDATE record_writer SET head_sequence = ?, head_hash = ? "
						+ "WHERE writer_id = ? AND head_sequence = ? AND holder = ?")
				.params(last.sequence(), last.hash(), writerId, head.sequence(), holder)
				.update();
			if (updated != 1) {
				throw new ChainLostException(writerId);
			}
		});
		return last;
	}

	/** The chain is no longer this instance's to write: another instance took it, or its head moved under it. */
	static final class ChainLostException extends IllegalStateException {

		ChainLostException(String writerId) {
			super("The chain of writer " + writerId + " is held by another instance, or moved under this one: is another"
					+ " instance running with the same charte.records.writer-id?");
		}

	}

	/**
	 * Tries a record the database would take, in a transaction it rolls back: whether the database takes records at
	 * all (a trigger or a constraint refusing every insert), without writing one.
	 */
	void tryInsert(String writerId) {
		this.transactions.executeWithoutResult((status) -> {
			status.setRollbackOnly();
			PendingRecord probe = new PendingRecord("probe-never-committed0", Instant.EPOCH, 0, "reject-all", Map.of(),
					false, "fr", "/", "");
			this.jdbc.sql("INSERT INTO consent_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(writerId, -1L, probe.consentId(), utc(probe.decidedAt()), probe.revision(), probe.kind(),
						probe.choicesText(), probe.globalPrivacyControl(), probe.language(), probe.pagePath(),
						ConsentRecord.GENESIS, ConsentRecord.GENESIS, probe.site())
				.update();
			long kept = this.jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE writer_id = ? AND record_sequence = -1")
				.param(writerId)
				.query(Long.class)
				.single();
			if (kept != 1) {
				throw new DataIntegrityViolationException("The database does not keep the records inserted, without an"
						+ " error (a trigger that drops rows?)");
			}
		});
	}

	/**
	 * Makes the commits so far durable: H2 writes its commits to its file a little later (it has no log of its own);
	 * PostgreSQL's commits already are.
	 */
	void sync() {
		if (embedded()) {
			this.jdbc.sql("CHECKPOINT SYNC").update();
			checkFile();
		}
	}

	/**
	 * The embedded database's file, removed or replaced behind the application's back, takes writes all the same (into
	 * a file no name reaches any more, lost at the next start): a sync then fails, so that the journal keeps what was
	 * written since and the health says so.
	 */
	private void checkFile() {
		String lost = this.databaseFileLost;
		if (lost != null) {
			// Once seen, for good: the file H2 then makes in its place (empty, perhaps under the same inode number) is
			// not the one the records were in.
			throw new IllegalStateException(lost);
		}
		String path = this.jdbc.sql("CALL DATABASE_PATH()").query(String.class).optional().orElse(null);
		if (path == null) {
			// In memory: no file.
			return;
		}
		Path file = Path.of(path + ".mv.db");
		Object key;
		try {
			key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
			// A file system without keys (not Linux's): its presence alone is checked.
			key = (key != null) ? key : "present";
		}
		catch (IOException ex) {
			key = null;
		}
		if (this.databaseFileKey == null) {
			this.databaseFileKey = key;
		}
		if (key == null || !key.equals(this.databaseFileKey)) {
			lost = "The embedded database's file " + file.toAbsolutePath() + " was removed or replaced while the"
					+ " application ran: what it takes is lost at the next start. Restart the application (the journal"
					+ " and the waiting file keep the decisions answered since)";
			this.databaseFileLost = lost;
			throw new IllegalStateException(lost);
		}
	}

	/**
	 * The pool's connections are not reused: after a failure they may be to a database that is gone (an embedded one
	 * closed by a full disk opens again only on a new connection).
	 */
	void reset() {
		if (this.batches.getDataSource() instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
			pool.getHikariPoolMXBean().softEvictConnections();
		}
	}

	private @Nullable Boolean embedded;

	private boolean embedded() {
		Boolean known = this.embedded;
		if (known == null) {
			known = Boolean.TRUE.equals(this.batches.execute((Connection connection) -> connection.getMetaData()
				.getDatabaseProductName()
				.equals("H2")));
			this.embedded = known;
		}
		return known;
	}

	/** Which of these consent ids are already recorded (records waiting in the file may have been written before). */
	Set<String> recorded(Collection<String> consentIds) {
		return recordedDecisions(consentIds).keySet();
	}

	/** The decisions already recorded under these consent ids, by id. */
	Map<String, PendingRecord> recordedDecisions(Collection<String> consentIds) {
		if (consentIds.isEmpty()) {
			return Map.of();
		}
		Map<String, PendingRecord> recorded = new HashMap<>();
		this.jdbc.sql("SELECT " + COLUMNS + " FROM consent_record WHERE consent_id IN (:ids)")
			.param("ids", consentIds)
			.query(RecordStore::record)
			.list()
			.forEach((record) -> recorded.put(record.content().consentId(), record.content()));
		return recorded;
	}

	Optional<ConsentRecord> find(String consentId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM consent_record WHERE consent_id = ?")
			.param(consentId)
			.query(RecordStore::record)
			.optional();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM consent_record").query(Long.class).single();
	}

	@Override
	public List<Writer> writers() {
		return this.jdbc.sql("SELECT writer_id, started_at, head_sequence, head_hash, cut_sequence, cut_hash, cut_at "
				+ "FROM record_writer ORDER BY started_at, writer_id")
			.query((rs, row) -> new Writer(rs.getString(1), instant(rs, 2), rs.getLong(3), rs.getString(4),
					rs.getLong(5), rs.getString(6), nullableInstant(rs, 7)))
			.list();
	}

	/** Every record of a writer's chain, in order, one at a time (a chain can be longer than memory). */
	@Override
	public void chain(String writerId, Consumer<ConsentRecord> visitor) {
		this.batches.query((connection) -> {
			var statement = connection.prepareStatement(
					"SELECT " + COLUMNS + " FROM consent_record WHERE writer_id = ? ORDER BY record_sequence");
			statement.setString(1, writerId);
			statement.setFetchSize(1000);
			return statement;
		}, (ResultSet rs) -> {
			visitor.accept(record(rs, 0));
		});
	}

	/** Writers whose id has records but no row: records inserted behind the application's back. */
	@Override
	public List<String> writersWithoutRow() {
		return this.jdbc.sql("SELECT DISTINCT writer_id FROM consent_record r WHERE NOT EXISTS "
				+ "(SELECT 1 FROM record_writer w WHERE w.writer_id = r.writer_id)")
			.query(String.class)
			.list();
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
		for (Writer writer : writers()) {
			Long removed = this.transactions.execute((status) -> {
				long headSequence = this.jdbc.sql("SELECT head_sequence FROM record_writer WHERE writer_id = ? FOR UPDATE")
					.param(writer.writerId())
					.query(Long.class)
					.single();
				// The first record to keep: the oldest one decided after the cut-off (or none, then the whole chain goes).
				Long firstKept = this.jdbc
					.sql("SELECT MIN(record_sequence) FROM consent_record WHERE writer_id = ? AND decided_at >= ?")
					.params(writer.writerId(), utc(cutoff))
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
					.params(lastRemoved, cutHash, utc(now), writer.writerId())
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
			var statement = connection.prepareStatement("SELECT " + COLUMNS
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
			ConsentRecord record = record(rs, 0);
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

	/** How many decisions of one kind and one set of choices were made on one day (UTC). */
	record DayCount(LocalDate day, String kind, Map<String, Boolean> choices, long count) {
	}

	/**
	 * The decisions made from {@code from} (inclusive) to {@code until} (exclusive), counted per UTC day, kind and set
	 * of choices: a few rows per day whatever the number of decisions (the database adds them up). Only one site's
	 * decisions when {@code site} is given, every site's when it is null.
	 */
	List<DayCount> dayCounts(Instant from, Instant until, @Nullable String site) {
		return this.jdbc.sql("SELECT CAST(decided_at AT TIME ZONE 'UTC' AS DATE) AS decision_day, decision, choices, "
				+ "COUNT(*) FROM consent_record WHERE decided_at >= :from AND decided_at < :until"
				+ ((site != null) ? " AND site = :site" : "")
				+ " GROUP BY CAST(decided_at AT TIME ZONE 'UTC' AS DATE), decision, choices")
			.param("from", utc(from))
			.param("until", utc(until))
			.param("site", (site != null) ? site : "")
			.query((rs, row) -> new DayCount(rs.getObject(1, LocalDate.class), rs.getString(2),
					PendingRecord.parseChoices(rs.getString(3)), rs.getLong(4)))
			.list();
	}

	/**
	 * Every record decided from {@code from} (inclusive) to {@code until} (exclusive), oldest first, one at a time: a
	 * cursor in a read-only transaction (PostgreSQL streams a result only outside auto-commit), never a list. Only one
	 * site's records when {@code site} is given, every site's when it is null.
	 */
	void between(Instant from, Instant until, @Nullable String site, Consumer<ConsentRecord> visitor) {
		this.transactions.executeWithoutResult((status) -> this.batches.query((connection) -> {
			var statement = connection.prepareStatement("SELECT " + COLUMNS
					+ " FROM consent_record WHERE decided_at >= ? AND decided_at < ?" + ((site != null) ? " AND site = ?" : "")
					+ " ORDER BY decided_at, writer_id, record_sequence");
			statement.setObject(1, utc(from));
			statement.setObject(2, utc(until));
			if (site != null) {
				statement.setString(3, site);
			}
			statement.setFetchSize(1000);
			return statement;
		}, (ResultSet rs) -> {
			visitor.accept(record(rs, 0));
		}));
	}

	/** The record at this place of this writer's chain, if there is one. */
	@Override
	public Optional<ConsentRecord> record(String writerId, long sequence) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM consent_record WHERE writer_id = ? AND record_sequence = ?")
			.params(writerId, sequence)
			.query(RecordStore::record)
			.optional();
	}

	/** The writer's row, if it has one. */
	@Override
	public Optional<Writer> writer(String writerId) {
		return writers().stream().filter((writer) -> writer.writerId().equals(writerId)).findFirst();
	}

	private static ConsentRecord record(ResultSet rs, int row) throws SQLException {
		PendingRecord content = new PendingRecord(rs.getString("consent_id"), instant(rs, 4),
				rs.getInt("registry_revision"), rs.getString("decision"),
				PendingRecord.parseChoices(rs.getString("choices")), rs.getBoolean("gpc"), rs.getString("language_tag"),
				rs.getString("page_path"), rs.getString("site"));
		return new ConsentRecord(rs.getString("writer_id"), rs.getLong("record_sequence"), content,
				rs.getString("previous_hash"), rs.getString("record_hash"));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
