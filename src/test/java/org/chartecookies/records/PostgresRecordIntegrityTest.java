package org.chartecookies.records;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Proof that holds, on a real PostgreSQL (Debian's package, a throw-away cluster): the same tests as on H2, and a trigger. */
class PostgresRecordIntegrityTest extends RecordIntegrityContract {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@Override
	DataSource emptyDatabase() {
		return postgres.cluster().newDatabase();
	}

	/** A trigger raising an error for one decision (PostgreSQL's P0001): that one is set aside, the others written. */
	@Test
	void aTriggerRefusingOneDecisionSetsItAsideAndHoldsUpNoOther() throws Exception {
		this.jdbc.sql("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.page_path = "
				+ "'/poison' THEN RAISE EXCEPTION 'refused by an audit trigger'; END IF; RETURN NEW; END $$").update();
		this.jdbc.sql("CREATE TRIGGER refuse_poison BEFORE INSERT ON consent_record FOR EACH ROW EXECUTE FUNCTION "
				+ "refuse_poison()").update();
		Instance instance = new Instance("poison", "node-1", null).start();
		PendingRecord poison = new PendingRecord(Records.newConsentId(), Instant.now(), 1, "reject-all",
				Map.of("statistics", false), false, "fr", "/poison", "cookies");

		instance.writer.accept(poison);
		List<PendingRecord> others = instance.decide(20);

		awaitRecords(20);
		others.forEach((decision) -> assertThat(this.store.find(decision.consentId())).isPresent());
		assertThat(this.store.find(poison.consentId())).isEmpty();
		assertThat(Files.readAllLines(instance.folder.resolve(SpillFile.REJECTED))).hasSize(1);
		assertThat(this.meters.get("charte.records.set.aside").tag("reason", "refused by the database").counter().count())
			.isEqualTo(1);
	}

	/**
	 * A trigger that drops every row without an error (a BEFORE trigger returning NULL): the decisions are refused,
	 * not counted in the head; they are set aside, and readiness says so.
	 */
	@Test
	void aTriggerDroppingRowsSilentlyIsARefusalThatReadinessTells() throws Exception {
		this.jdbc.sql("CREATE FUNCTION drop_quietly() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")
			.update();
		this.jdbc.sql("CREATE TRIGGER drop_quietly BEFORE INSERT ON consent_record FOR EACH ROW EXECUTE FUNCTION "
				+ "drop_quietly()").update();
		Instance instance = new Instance("dropped", "node-1", null).start();

		instance.decide(5);

		// The writer's thread sets each decision aside in the file, then counts it, then tells readiness: waited for
		// together, as an operator would see them (the file's fifth line alone came a moment before the fifth count).
		await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(setAside("refused by the database")).isEqualTo(5);
			assertThat(instance.folder.resolve(SpillFile.REJECTED)).exists();
			assertThat(Files.readAllLines(instance.folder.resolve(SpillFile.REJECTED))).hasSize(5);
			assertThat(instance.kept()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
		});
		instance.writer.stop();
		assertThat(this.store.writer("node-1").orElseThrow().headSequence()).as("the head names no record that is not there")
			.isZero();
	}

	/** The decisions set aside for this reason so far (none before the first). */
	private double setAside(String reason) {
		Counter counter = this.meters.find("charte.records.set.aside").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
