package org.chartecookies.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.chartecookies.consent.SnapshotKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The snapshots on a real PostgreSQL: the same tests as on H2. */
class PostgresSnapshotStoreTest extends SnapshotStoreContract {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@Override
	DataSource emptyDatabase() {
		return postgres.cluster().newDatabase();
	}

	/** A trigger that drops snapshots without an error is a refusal: the records naming one are not written. */
	@Test
	void aSnapshotATriggerDropsIsARefusal() {
		DataSource database = emptyDatabase();
		Records.migrate(database);
		JdbcClient jdbc = JdbcClient.create(database);
		jdbc.sql("CREATE FUNCTION drop_quietly() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$").update();
		jdbc.sql("CREATE TRIGGER drop_quietly BEFORE INSERT ON consent_snapshot FOR EACH ROW EXECUTE FUNCTION drop_quietly()")
			.update();
		byte[] content = "<!DOCTYPE html><p>Tout refuser</p>".getBytes(StandardCharsets.UTF_8);
		SnapshotKeeper.Made shown = new SnapshotKeeper.Made(ShownSnapshot.sha256(content), "cookies", "fr", 1,
				Instant.now(), content);
		SnapshotFiles folder = new SnapshotFiles(this.recordsFolder, true);
		folder.keep(shown);
		PendingRecord decided = Records.decision("reject-all", Instant.now());
		PendingRecord naming = new PendingRecord(decided.consentId(), decided.decidedAt(), 1, decided.kind(),
				decided.choices(), false, "fr", "/cookies", "cookies", shown.hash(), true);

		assertThatThrownBy(() -> new SnapshotStore(jdbc, new org.springframework.jdbc.core.JdbcTemplate(database), folder)
			.insertMissing(List.of(naming))).isInstanceOf(DataIntegrityViolationException.class);
	}

}
