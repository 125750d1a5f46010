package org.chartecookies.records;

import java.io.IOException;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The snapshots in the database ({@code consent_snapshot}): each one the records name is inserted from the records
 * folder before them (if absent, never updated: a snapshot is named by its content); the verification's look at them
 * (altered, missing); and their purge with the last record that names them.
 */
final class SnapshotStore {

	private static final Log logger = LogFactory.getLog(SnapshotStore.class);

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final @Nullable SnapshotFiles files;

	/**
	 * The snapshots known to be in the database, not looked up again for each batch: the folder's, shared by the
	 * writer's store and the purge's, which forgets them all when it deletes any.
	 */
	private final Set<String> present;

	/** The snapshots found nowhere, told once each: every later batch naming one would repeat the alarm. */
	private final Set<String> toldLost = ConcurrentHashMap.newKeySet();

	SnapshotStore(JdbcClient jdbc, JdbcTemplate batches, @Nullable SnapshotFiles files) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.files = files;
		this.present = (files != null) ? files.inDatabase() : ConcurrentHashMap.newKeySet();
	}

	/**
	 * Inserts each snapshot these records name that the database lacks, from the records folder, before the records
	 * themselves. A snapshot the folder does not hold either is left for the verification to name.
	 */
	void insertMissing(Collection<PendingRecord> records) {
		Set<String> named = new LinkedHashSet<>();
		records.forEach((record) -> named.add(record.snapshotHash()));
		for (String hash : named) {
			if (hash.isEmpty() || this.present.contains(hash)) {
				continue;
			}
			if (exists(hash)) {
				this.present.add(hash);
				continue;
			}
			Optional<ShownSnapshot> kept = (this.files != null) ? this.files.read(hash) : Optional.empty();
			if (kept.isEmpty()) {
				if (this.toldLost.add(hash)) {
					logger.error("Consent records: the snapshot " + hash
							+ " a decision names is neither in the database nor in the records folder: the verification"
							+ " names it");
				}
				continue;
			}
			ShownSnapshot snapshot = kept.get();
			try {
				int inserted = this.jdbc
					.sql("INSERT INTO consent_snapshot (" + ShownSnapshot.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
					.params(snapshot.hash(), snapshot.site(), snapshot.language(), snapshot.registryRevision(),
							RecordStore.utc(snapshot.firstShownAt()), snapshot.content())
					.update();
				if (inserted != 1) {
					// A refusal: the records naming it are set aside, as the records a trigger drops are.
					throw new DataIntegrityViolationException("The database does not keep the snapshot " + hash
							+ " inserted, without an error (a trigger that drops rows?)");
				}
			}
			catch (DuplicateKeyException ex) {
				// Another instance inserted it meanwhile: the same content, by its name.
			}
			this.present.add(hash);
		}
	}

	/** After a failure of the database: the snapshots it was seen to hold are looked for again, as records name them. */
	void forgetPresent() {
		this.present.clear();
	}

	private boolean exists(String hash) {
		return this.jdbc.sql("SELECT COUNT(*) FROM consent_snapshot WHERE snapshot_hash = ?")
			.param(hash)
			.query(Long.class)
			.single() > 0;
	}

	/** Every snapshot whose content no longer matches its hash, and every one records name that is not there. */
	List<SnapshotProblem> problems() {
		List<String> altered = new ArrayList<>();
		this.batches.query((connection) -> {
			var statement = connection.prepareStatement("SELECT snapshot_hash, content FROM consent_snapshot");
			statement.setFetchSize(10);
			return statement;
		}, (ResultSet rs) -> {
			String hash = rs.getString(1);
			if (!hash.equals(ShownSnapshot.sha256(rs.getBytes(2)))) {
				altered.add(hash);
			}
		});
		List<SnapshotProblem> problems = new ArrayList<>();
		for (String hash : altered) {
			long records = this.jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE snapshot_hash = ?")
				.param(hash)
				.query(Long.class)
				.single();
			problems.add(new SnapshotProblem(hash, SnapshotProblem.Fault.ALTERED, records, null));
		}
		problems.addAll(this.jdbc.sql("SELECT r.snapshot_hash, COUNT(*), MIN(r.consent_id) FROM consent_record r "
				+ "WHERE r.snapshot_hash <> '' AND NOT EXISTS "
				+ "(SELECT 1 FROM consent_snapshot s WHERE s.snapshot_hash = r.snapshot_hash) "
				+ "GROUP BY r.snapshot_hash ORDER BY r.snapshot_hash")
			.query((rs, row) -> new SnapshotProblem(rs.getString(1), SnapshotProblem.Fault.MISSING, rs.getLong(2), rs.getString(3)))
			.list());
		// A snapshot's site, language, revision and time are not in its hash: checked against the records naming it,
		// which are (a minute of slack: a record's time is to the second, and a script's post may make the first snapshot).
		problems.addAll(this.jdbc.sql("SELECT r.snapshot_hash, COUNT(*), MIN(r.consent_id) FROM consent_record r "
				+ "JOIN consent_snapshot s ON s.snapshot_hash = r.snapshot_hash WHERE s.site <> r.site "
				+ "OR s.language_tag <> r.language_tag OR s.registry_revision <> r.registry_revision "
				+ "OR s.first_shown_at > r.decided_at + INTERVAL '1' MINUTE "
				+ "GROUP BY r.snapshot_hash ORDER BY r.snapshot_hash")
			.query((rs, row) -> new SnapshotProblem(rs.getString(1), SnapshotProblem.Fault.MISLABELLED, rs.getLong(2),
					rs.getString(3)))
			.list());
		return problems;
	}

	/**
	 * Deletes the snapshots no record names any more that were first shown before the cut-off (one shown since may
	 * still be answered), and the folder's files of the snapshots this process does not serve that the database holds
	 * or that were just deleted (a snapshot it serves keeps its file: the next record naming it inserts it again).
	 *
	 * @return how many snapshots were deleted from the database
	 */
	int purge(Instant cutoff) {
		String unnamed = " WHERE first_shown_at < ? AND NOT EXISTS "
				+ "(SELECT 1 FROM consent_record r WHERE r.snapshot_hash = consent_snapshot.snapshot_hash)";
		List<String> expired = this.jdbc.sql("SELECT snapshot_hash FROM consent_snapshot" + unnamed)
			.param(RecordStore.utc(cutoff))
			.query(String.class)
			.list();
		int deleted = 0;
		for (String hash : expired) {
			// Named again meanwhile by a record just written: kept.
			deleted += this.jdbc.sql("DELETE FROM consent_snapshot" + unnamed + " AND snapshot_hash = ?")
				.params(RecordStore.utc(cutoff), hash)
				.update();
		}
		this.present.clear();
		SnapshotFiles folder = this.files;
		if (folder != null) {
			for (String hash : folder.hashes()) {
				if (!folder.served(hash) && (expired.contains(hash) || exists(hash))) {
					try {
						folder.remove(hash);
					}
					catch (IOException ex) {
						logger.warn("Consent records: the snapshot file " + hash + " cannot be removed: " + ex);
					}
				}
			}
		}
		return deleted;
	}

}
