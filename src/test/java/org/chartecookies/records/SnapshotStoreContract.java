package org.chartecookies.records;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.chartecookies.consent.ConsentIds;
import org.chartecookies.consent.SnapshotKeeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * What the records promise of the snapshots they name, on every database they support: a snapshot kept in the records
 * folder, its hash served while the database did not answer, is in the database with the records naming it, even
 * after a crash; it is inserted if absent and never updated; the verification names one altered or missing; the
 * retention purge removes one with the last record naming it, and keeps one no record names yet while it may still
 * be answered.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class SnapshotStoreContract {

	private static final Instant NOW = RecordStoreContract.NOW;

	@TempDir
	Path recordsFolder;

	private DataSource dataSource;

	private JdbcClient jdbc;

	abstract DataSource emptyDatabase();

	@BeforeEach
	void migrate() {
		this.dataSource = emptyDatabase();
		Records.migrate(this.dataSource);
		this.jdbc = JdbcClient.create(this.dataSource);
	}

	/** A store as a newly started instance has it, on this records folder. */
	private RecordStore restarted() {
		return on(new SnapshotFiles(this.recordsFolder, true));
	}

	/** A store of this instance, on its records folder: the writer has one, the purge another. */
	private RecordStore on(SnapshotFiles folder) {
		return new RecordStore(JdbcClient.create(this.dataSource), new JdbcTemplate(this.dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)), folder);
	}

	private static SnapshotKeeper.Made snapshot(String words, Instant shownAt) {
		byte[] content = ("<!DOCTYPE html><p>" + words + "</p>").getBytes(StandardCharsets.UTF_8);
		return new SnapshotKeeper.Made(ShownSnapshot.sha256(content), "cookies", "fr", 1, shownAt, content);
	}

	private static PendingRecord naming(String hash, Instant decidedAt) {
		PendingRecord decision = Records.decision("reject-all", decidedAt);
		return new PendingRecord(ConsentIds.newId(decidedAt), decidedAt, 1, decision.kind(), decision.choices(),
				decision.globalPrivacyControl(), "fr", "/cookies", "cookies", hash, true);
	}

	/** Writes as the writer does: the snapshots named first, then the records, at the end of the chain. */
	private static void write(RecordStore store, List<PendingRecord> batch) {
		store.snapshots().insertMissing(batch);
		RecordStore.ChainHead head = store.writers()
			.stream()
			.findFirst()
			.map((w) -> new RecordStore.ChainHead(w.headSequence(), w.headHash()))
			.orElse(RecordStore.ChainHead.EMPTY);
		Records.append(store, "w-one", head, batch);
	}

	private ChainVerification.Report verify(RecordStore store) {
		return new ChainVerification(store, () -> CheckpointLog.Evidence.NONE, store.snapshots()::problems).verify();
	}

	/**
	 * The embedded database on a full disk loses its last commits, a snapshot's insert among them, after acknowledging
	 * them: once the database has failed, the next records naming it put it back from the records folder.
	 */
	@Test
	void aSnapshotTheDatabaseLostIsInsertedAgainAfterItFailed() {
		SnapshotKeeper.Made shown = snapshot("Tout accepter", NOW);
		SnapshotFiles folder = new SnapshotFiles(this.recordsFolder, true);
		folder.keep(shown);
		RecordStore store = on(folder);
		write(store, List.of(naming(shown.hash(), NOW)));
		this.jdbc.sql("DELETE FROM consent_snapshot").update();

		store.reset();
		write(store, List.of(naming(shown.hash(), NOW.plusSeconds(1))));

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM consent_snapshot").query(Long.class).single()).isEqualTo(1);
		assertThat(verify(store).verified()).isTrue();
	}

	@Test
	void aSnapshotServedWhileTheDatabaseWasDownIsInTheDatabaseWithItsRecordsAfterACrash() {
		SnapshotKeeper.Made shown = snapshot("Tout refuser", NOW);
		// Kept before its hash is served; the database does not answer; the instance then crashes.
		new SnapshotFiles(this.recordsFolder, true).keep(shown);
		PendingRecord decided = naming(shown.hash(), NOW);

		// The next start writes what the journal kept.
		RecordStore store = restarted();
		write(store, List.of(decided));

		ShownSnapshot stored = new RecordQueries(store).snapshot(shown.hash()).orElseThrow();
		assertThat(stored.intact()).isTrue();
		assertThat(stored.text()).contains("Tout refuser");
		assertThat(stored.site()).isEqualTo("cookies");
		assertThat(stored.firstShownAt()).isEqualTo(NOW);
		assertThat(store.find(decided.consentId()).orElseThrow().content()).isEqualTo(decided);
		ChainVerification.Report report = verify(store);
		assertThat(report.verified()).isTrue();
		assertThat(report.records()).isEqualTo(1);
	}

	@Test
	void aSnapshotIsInsertedIfAbsentAndNeverUpdatedSoThatAnAlteredOneIsNamed() {
		SnapshotKeeper.Made shown = snapshot("Tout refuser", NOW);
		new SnapshotFiles(this.recordsFolder, true).keep(shown);
		RecordStore store = restarted();
		write(store, List.of(naming(shown.hash(), NOW)));
		this.jdbc.sql("UPDATE consent_snapshot SET content = ? WHERE snapshot_hash = ?")
			.params("<p>Tout accepter</p>".getBytes(StandardCharsets.UTF_8), shown.hash())
			.update();

		write(restarted(), List.of(naming(shown.hash(), NOW.plusSeconds(1))));

		ChainVerification.Report report = verify(store);
		assertThat(report.verified()).isFalse();
		assertThat(report.chains()).allMatch(ChainVerification.ChainResult::verified);
		assertThat(report.snapshots()).extracting(SnapshotProblem::hash, SnapshotProblem::fault, SnapshotProblem::records)
			.containsExactly(tuple(shown.hash(), SnapshotProblem.Fault.ALTERED, 2L));
	}

	/**
	 * A snapshot's site, language and revision are not in its hash; changed behind the application's back (an
	 * outsider made an English snapshot "German, revision 99"), they no longer agree with the records naming it, whose
	 * hash covers theirs: named.
	 */
	@Test
	void aSnapshotWhoseSiteLanguageOrRevisionWasChangedIsNamed() {
		SnapshotKeeper.Made shown = snapshot("Tout refuser", NOW);
		new SnapshotFiles(this.recordsFolder, true).keep(shown);
		RecordStore store = restarted();
		write(store, List.of(naming(shown.hash(), NOW)));
		assertThat(verify(store).verified()).isTrue();

		this.jdbc.sql("UPDATE consent_snapshot SET language_tag = 'de', registry_revision = 99 WHERE snapshot_hash = ?")
			.param(shown.hash())
			.update();

		ChainVerification.Report report = verify(store);
		this.jdbc.sql("UPDATE consent_snapshot SET language_tag = 'fr', registry_revision = 1, first_shown_at = ? "
				+ "WHERE snapshot_hash = ?")
			.params(RecordStore.utc(NOW.plusSeconds(120)), shown.hash())
			.update();
		assertThat(verify(store).snapshots()).as("first shown after the decision naming it")
			.extracting(SnapshotProblem::fault)
			.containsExactly(SnapshotProblem.Fault.MISLABELLED);
		assertThat(report.verified()).isFalse();
		assertThat(report.snapshots()).extracting(SnapshotProblem::hash, SnapshotProblem::fault, SnapshotProblem::records)
			.containsExactly(tuple(shown.hash(), SnapshotProblem.Fault.MISLABELLED, 1L));
		assertThat(report.snapshots().getFirst().describe()).startsWith("snapshot " + shown.hash()
				+ " is stored as another site's, language's or revision's than the records naming it say (1, consent id ");
	}

	@Test
	void aRecordNamingASnapshotNeitherTheDatabaseNorTheFolderHasIsNamed() {
		String lost = "ef".repeat(32);
		PendingRecord decided = naming(lost, NOW);
		RecordStore store = restarted();
		write(store, List.of(decided));

		ChainVerification.Report report = verify(store);

		assertThat(report.snapshots()).extracting(SnapshotProblem::hash, SnapshotProblem::fault,
				SnapshotProblem::consentId)
			.containsExactly(tuple(lost, SnapshotProblem.Fault.MISSING, decided.consentId()));
		assertThat(report.snapshots().getFirst().describe()).contains(lost, "missing", decided.consentId());
	}

	@Test
	void aSnapshotGoesWithTheLastRecordNamingItAndOneNoRecordNamesYetStaysWhileItMayBeAnswered() {
		Instant cutoff = NOW.minusSeconds(3600);
		SnapshotKeeper.Made expired = snapshot("only expired records name it", cutoff.minusSeconds(600));
		SnapshotKeeper.Made kept = snapshot("a young record names it", cutoff.minusSeconds(600));
		SnapshotKeeper.Made fresh = snapshot("shown since the cut-off, no record yet", cutoff.plusSeconds(60));
		SnapshotKeeper.Made old = snapshot("shown before the cut-off, never answered", cutoff.minusSeconds(600));
		SnapshotFiles folder = new SnapshotFiles(this.recordsFolder, true);
		List.of(expired, kept, fresh, old).forEach(folder::keep);
		RecordStore store = restarted();
		write(store, List.of(naming(expired.hash(), cutoff.minusSeconds(300)),
				naming(kept.hash(), cutoff.minusSeconds(200)), naming(kept.hash(), cutoff.plusSeconds(100))));
		for (SnapshotKeeper.Made unnamed : List.of(fresh, old)) {
			this.jdbc.sql("INSERT INTO consent_snapshot (" + ShownSnapshot.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
				.params(unnamed.hash(), "cookies", "fr", 1, RecordStore.utc(unnamed.firstShownAt()), unnamed.content())
				.update();
		}

		assertThat(store.expired().purge(cutoff, NOW, (cut) -> {
		})).isEqualTo(2);
		assertThat(store.snapshots().purge(cutoff)).isEqualTo(2);

		List<String> left = this.jdbc.sql("SELECT snapshot_hash FROM consent_snapshot").query(String.class).list();
		assertThat(left).containsExactlyInAnyOrder(kept.hash(), fresh.hash());
		assertThat(verify(store).verified()).isTrue();
	}

	@Test
	void aSnapshotPurgedWhileStillServedIsInsertedAgainForTheNextRecordAndFilesGoOnceInTheDatabase() throws Exception {
		Instant cutoff = NOW.minusSeconds(3600);
		SnapshotKeeper.Made served = snapshot("still served, first shown long ago", cutoff.minusSeconds(600));
		SnapshotKeeper.Made past = snapshot("no longer served", cutoff.minusSeconds(600));
		new SnapshotFiles(this.recordsFolder, true).keep(past);
		SnapshotFiles folder = new SnapshotFiles(this.recordsFolder, true);
		folder.keep(served);
		RecordStore store = new RecordStore(JdbcClient.create(this.dataSource), new JdbcTemplate(this.dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)), folder);
		write(store, List.of(naming(served.hash(), cutoff.minusSeconds(300)), naming(past.hash(),
				cutoff.minusSeconds(300))));
		store.expired().purge(cutoff, NOW, (cut) -> {
		});

		assertThat(store.snapshots().purge(cutoff)).isEqualTo(2);

		// The file of the one this process serves stays; the other's went once the database had it.
		assertThat(folder.hashes()).containsExactly(served.hash());
		write(store, List.of(naming(served.hash(), NOW)));
		assertThat(new RecordQueries(store).snapshot(served.hash())).isPresent();
		assertThat(verify(store).verified()).isTrue();
	}

	/**
	 * The writer and the purge each have their store, on the same folder: a snapshot the purge deleted while it is still
	 * served is not taken by the writer as still in the database, and goes in again with the next record naming it.
	 */
	@Test
	void aSnapshotThePurgesStoreDeletedGoesInAgainWithTheWritersNextRecord() {
		Instant cutoff = NOW.minusSeconds(3600);
		SnapshotKeeper.Made served = snapshot("still served, first shown long ago", cutoff.minusSeconds(600));
		SnapshotFiles folder = new SnapshotFiles(this.recordsFolder, true);
		folder.keep(served);
		RecordStore writer = on(folder);
		RecordStore purge = on(folder);
		write(writer, List.of(naming(served.hash(), cutoff.minusSeconds(300))));
		purge.expired().purge(cutoff, NOW, (cut) -> {
		});
		assertThat(purge.snapshots().purge(cutoff)).isEqualTo(1);

		write(writer, List.of(naming(served.hash(), NOW)));

		assertThat(new RecordQueries(writer).snapshot(served.hash())).isPresent();
		assertThat(verify(writer).verified()).isTrue();
	}

	/**
	 * The log's alarm is for a snapshot that is nowhere, told once however many batches name it: a record of no
	 * snapshot, or one naming a snapshot the database has (its file gone from the folder since), raises none.
	 */
	@Test
	void onlyASnapshotThatIsNowhereIsAnAlarmInTheLog(CapturedOutput log) throws Exception {
		SnapshotKeeper.Made shown = snapshot("Tout refuser", NOW);
		SnapshotFiles folder = new SnapshotFiles(this.recordsFolder, true);
		folder.keep(shown);
		write(restarted(), List.of(naming(shown.hash(), NOW)));
		folder.remove(shown.hash());

		write(restarted(), List.of(naming(shown.hash(), NOW.plusSeconds(1)), naming("", NOW.plusSeconds(2))));

		assertThat(log).doesNotContain("neither in the database nor");
		String lost = "ef".repeat(32);
		RecordStore writer = restarted();
		write(writer, List.of(naming(lost, NOW.plusSeconds(3))));
		write(writer, List.of(naming(lost, NOW.plusSeconds(4)), naming(lost, NOW.plusSeconds(5))));
		String alarm = "the snapshot " + lost + " a decision names is neither in the database nor";
		assertThat(log.getOut().split(alarm, -1)).as("told once, not at each batch naming it").hasSize(2);
		assertThat(verify(restarted()).snapshots()).extracting(SnapshotProblem::hash, SnapshotProblem::fault)
			.containsExactly(tuple(lost, SnapshotProblem.Fault.MISSING));
	}

	/**
	 * A store without a records folder (nothing kept there) still writes the records naming a snapshot, names a missing
	 * one, and purges those no record names.
	 */
	@Test
	void withoutARecordsFolderTheSnapshotsAreStillCheckedAndPurged() {
		RecordStore store = Records.store(this.dataSource);
		String old = ShownSnapshots.store(this.jdbc, "cookies", "fr", 1, "<p>shown once, never answered</p>");
		this.jdbc.sql("UPDATE consent_snapshot SET first_shown_at = ? WHERE snapshot_hash = ?")
			.params(RecordStore.utc(NOW.minusSeconds(7200)), old)
			.update();
		String lost = "ef".repeat(32);
		PendingRecord decided = naming(lost, NOW);

		write(store, List.of(decided));

		assertThat(verify(store).snapshots()).extracting(SnapshotProblem::hash, SnapshotProblem::fault)
			.containsExactly(tuple(lost, SnapshotProblem.Fault.MISSING));
		assertThat(store.snapshots().purge(NOW.minusSeconds(3600))).isEqualTo(1);
		assertThat(new RecordQueries(store).snapshot(old)).isEmpty();
	}

	/**
	 * After a restart, the folder holds what the previous process kept: the purge removes the files of the snapshots the
	 * database holds (the folder does not grow with every snapshot ever shown), and keeps the file of one whose record
	 * still waits in the journal, which the writer then inserts from it.
	 */
	@Test
	void thePurgeRemovesTheFilesTheDatabaseHoldsAndKeepsThoseItDoesNotHaveYet() {
		Instant cutoff = NOW.minusSeconds(3600);
		SnapshotKeeper.Made inDatabase = snapshot("named by a record within the retention", cutoff.minusSeconds(600));
		SnapshotKeeper.Made waiting = snapshot("its record still in the journal", cutoff.minusSeconds(600));
		SnapshotFiles before = new SnapshotFiles(this.recordsFolder, true);
		before.keep(inDatabase);
		before.keep(waiting);
		RecordStore store = restarted();
		write(store, List.of(naming(inDatabase.hash(), NOW)));

		assertThat(store.snapshots().purge(cutoff)).isZero();

		assertThat(new SnapshotFiles(this.recordsFolder, true).hashes()).containsExactly(waiting.hash());
		write(store, List.of(naming(waiting.hash(), NOW.plusSeconds(1))));
		assertThat(new RecordQueries(store).snapshot(waiting.hash())).isPresent();
		assertThat(new RecordQueries(store).snapshot(inDatabase.hash())).isPresent();
		assertThat(verify(store).verified()).isTrue();
	}

}
