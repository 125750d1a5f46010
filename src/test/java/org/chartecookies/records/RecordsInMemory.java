package org.chartecookies.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.chartecookies.consent.ConsentIds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Records and snapshots in an H2 database of their own, in memory, for the back office's plain unit tests (no Spring
 * context, no server): decisions written in a chain as the writer writes them, snapshots stored as the writer stores
 * them, and what the back office reads of them.
 */
public final class RecordsInMemory {

	private final RecordStore store;

	private final JdbcClient jdbc;

	private RecordStore.ChainHead head = RecordStore.ChainHead.EMPTY;

	public RecordsInMemory() {
		DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Records.migrate(dataSource);
		this.store = Records.store(dataSource);
		this.jdbc = JdbcClient.create(dataSource);
	}

	/** What the back office reads. */
	public RecordQueries queries() {
		return new RecordQueries(this.store);
	}

	/**
	 * Writes a decision (refusing everything) made on this site, in this language, at this registry revision, naming
	 * this snapshot (empty: none), at the end of the chain, and returns its consent id.
	 */
	public String decided(String site, String language, int revision, Instant decidedAt, String snapshotHash,
			boolean snapshotNamed) {
		PendingRecord decision = new PendingRecord(ConsentIds.newId(decidedAt), decidedAt, revision, "reject-all",
				Map.of("statistics", false), true, language, "/cookies", site, snapshotHash, snapshotNamed);
		this.head = Records.append(this.store, "w-one", this.head, List.of(decision));
		return decision.consentId();
	}

	/** Stores this document as the snapshot of what this site showed, and returns its hash. */
	public String snapshot(String site, String language, int revision, Instant firstShownAt, String document) {
		byte[] content = document.getBytes(StandardCharsets.UTF_8);
		String hash = ShownSnapshot.sha256(content);
		this.jdbc.sql("INSERT INTO consent_snapshot (" + ShownSnapshot.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
			.params(hash, site, language, revision, RecordStore.utc(firstShownAt), content)
			.update();
		return hash;
	}

	/** The database, for what someone with access to it could do. */
	public JdbcClient jdbc() {
		return this.jdbc;
	}

}
