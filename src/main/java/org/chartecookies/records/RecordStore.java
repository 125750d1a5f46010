package org.chartecookies.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The records in the database, through plain JDBC: appends a batch to a chain, reads chains back in order, finds a
 * record by consent id. Who holds each chain ({@link WriterClaims}), whether the commits are on disk
 * ({@link DatabaseDurability}), the purge of expired records ({@link ExpiredRecords}) and the snapshots the records
 * name ({@link SnapshotStore}) are its parts.
 */
class RecordStore implements ChainVerification.Chains {

	static final String COLUMNS = "writer_id, record_sequence, consent_id, decided_at, registry_revision, "
			+ "decision, choices, gpc, language_tag, page_path, previous_hash, record_hash, site, "
			+ "snapshot_hash, snapshot_named";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	private final WriterClaims claims;

	private final DatabaseDurability durability;

	private final ExpiredRecords expired;

	private final SnapshotStore snapshots;

	/** @param snapshotFiles the folder where the snapshots the records name wait for the database, if any */
	RecordStore(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions,
			@Nullable SnapshotFiles snapshotFiles) {
		this.snapshots = new SnapshotStore(jdbc, batches, snapshotFiles);
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = transactions;
		this.claims = new WriterClaims(jdbc, transactions);
		this.durability = new DatabaseDurability(jdbc, batches);
		this.expired = new ExpiredRecords(jdbc, batches, transactions, this::writers);
	}

	/** Who holds each writer's chain. */
	WriterClaims claims() {
		return this.claims;
	}

	/** Whether the commits are on disk. */
	DatabaseDurability durability() {
		return this.durability;
	}

	/** The purge of expired records. */
	ExpiredRecords expired() {
		return this.expired;
	}

	/** The snapshots of what visitors were shown. */
	SnapshotStore snapshots() {
		return this.snapshots;
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
			this.batches.batchUpdate("INSERT INTO consent_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
						statement.setString(14, content.snapshotHash());
						statement.setBoolean(15, content.snapshotNamed());
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
			this.jdbc.sql("INSERT INTO consent_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(writerId, -1L, probe.consentId(), utc(probe.decidedAt()), probe.revision(), probe.kind(),
						probe.choicesText(), probe.globalPrivacyControl(), probe.language(), probe.pagePath(),
						ConsentRecord.GENESIS, ConsentRecord.GENESIS, probe.site(), probe.snapshotHash(), probe.snapshotNamed())
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
	 * The pool's connections are not reused: after a failure they may be to a database that is gone (an embedded one
	 * closed by a full disk opens again only on a new connection).
	 */
	void reset() {
		// What the database was seen to hold is asked again: an embedded one on a full disk loses its last commits.
		this.snapshots.forgetPresent();
		if (this.batches.getDataSource() instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
			pool.getHikariPoolMXBean().softEvictConnections();
		}
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

	/** For the queries of the back office's lists ({@link DecisionPages}), which read the same table. */
	JdbcClient jdbc() {
		return this.jdbc;
	}

	static ConsentRecord record(ResultSet rs, int row) throws SQLException {
		PendingRecord content = new PendingRecord(rs.getString("consent_id"), instant(rs, 4),
				rs.getInt("registry_revision"), rs.getString("decision"),
				PendingRecord.parseChoices(rs.getString("choices")), rs.getBoolean("gpc"), rs.getString("language_tag"),
				rs.getString("page_path"), rs.getString("site"), rs.getString("snapshot_hash"),
				rs.getBoolean("snapshot_named"));
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

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
