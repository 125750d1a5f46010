package org.chartecookies.records;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the record store promises, on every database it supports (H2 and PostgreSQL run these same tests): the
 * migrations apply, every decision is kept with all it says and nothing that identifies the visitor, a chain verifies,
 * and the verification names the first record that was altered, removed or reordered; the retention purge keeps the
 * chain verifiable.
 */
abstract class RecordStoreContract {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	private DataSource dataSource;

	private RecordStore store;

	private JdbcClient jdbc;

	/** A database with nothing in it (a new one for each test). */
	abstract DataSource emptyDatabase();

	@BeforeEach
	void migrate() {
		this.dataSource = emptyDatabase();
		Records.migrate(this.dataSource);
		this.store = Records.store(this.dataSource);
		this.jdbc = JdbcClient.create(this.dataSource);
	}

	private List<PendingRecord> append(String writer, int count, Instant decidedAt) {
		List<PendingRecord> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(Records.decision(List.of("accept-all", "reject-all", "custom").get(i % 3), decidedAt.plusSeconds(i)));
		}
		RecordStore.ChainHead head = this.store.writers()
			.stream()
			.filter((w) -> w.writerId().equals(writer))
			.findFirst()
			.map((w) -> new RecordStore.ChainHead(w.headSequence(), w.headHash()))
			.orElse(RecordStore.ChainHead.EMPTY);
		Records.append(this.store, writer, head, batch);
		return batch;
	}

	private ChainVerification.Report verify() {
		return new ChainVerification(this.store).verify();
	}

	@Test
	void migrationsApplyOnceAndAgainChangeNothing() {
		Flyway flyway = Flyway.configure().dataSource(this.dataSource).load();
		assertThat(flyway.info().applied()).extracting((m) -> m.getVersion().getVersion(), (m) -> m.getState())
			.containsExactly(tuple("1", MigrationState.SUCCESS),
					tuple("2", MigrationState.SUCCESS),
					tuple("3", MigrationState.SUCCESS),
					tuple("4", MigrationState.SUCCESS),
					tuple("5", MigrationState.SUCCESS),
					tuple("6", MigrationState.SUCCESS),
					tuple("7", MigrationState.SUCCESS),
					tuple("8", MigrationState.SUCCESS));
		assertThat(flyway.migrate().migrationsExecuted).isZero();
	}

	/**
	 * The database no longer checks a record's writer at each insert (migration V3: that check was a third of
	 * PostgreSQL's work for a record); the verification does: records of a writer without a row, inserted behind the
	 * application's back or left when a writer's row was deleted, are named.
	 */
	@Test
	void recordsOfAWriterTheDatabaseDoesNotKnowAreNamedByTheVerification() {
		append("w-known", 2, NOW);
		assertThat(verify().verified()).isTrue();

		this.jdbc.sql("INSERT INTO consent_record (writer_id, record_sequence, consent_id, decided_at, registry_revision, "
				+ "decision, choices, gpc, language_tag, page_path, previous_hash, record_hash) "
				+ "VALUES ('w-ghost', 1, 'AaIl6fQzcTKu-XqG1jJsig', ?, 1, 'accept-all', '', FALSE, 'fr', '/cookies', ?, ?)")
			.params(NOW.atOffset(ZoneOffset.UTC), ConsentRecord.GENESIS, ConsentRecord.GENESIS)
			.update();
		this.jdbc.sql("DELETE FROM record_writer WHERE writer_id = 'w-known'").update();

		ChainVerification.Report report = verify();
		assertThat(report.verified()).isFalse();
		assertThat(report.chains()).extracting(ChainVerification.ChainResult::writerId, ChainVerification.ChainResult::fault)
			.containsExactlyInAnyOrder(tuple("w-ghost", ChainVerification.Fault.UNKNOWN_WRITER),
					tuple("w-known", ChainVerification.Fault.UNKNOWN_WRITER));
	}

	@Test
	void aRecordKeepsEverythingTheDecisionSaysAndNothingThatIdentifiesTheVisitor() {
		PendingRecord decision = new PendingRecord("vJ1mJfBXiocAWqKZy0c4eQ", NOW, 3, "custom",
				Map.of("statistics", false, "video", true), true, "en", "/datasets/rail", "shop", "cd".repeat(32));
		Records.append(this.store, "w-one", RecordStore.ChainHead.EMPTY, List.of(decision));

		ConsentRecord record = this.store.find("vJ1mJfBXiocAWqKZy0c4eQ").orElseThrow();
		assertThat(record.content()).isEqualTo(decision);
		assertThat(record.writerId()).isEqualTo("w-one");
		assertThat(record.sequence()).isEqualTo(1);
		assertThat(record.previousHash()).isEqualTo(ConsentRecord.GENESIS);
		assertThat(record.hash()).hasSize(64).isNotEqualTo(ConsentRecord.GENESIS);

		Set<String> columns = new TreeSet<>(this.jdbc
			.sql("SELECT LOWER(column_name) FROM information_schema.columns WHERE LOWER(table_name) = 'consent_record'")
			.query(String.class)
			.list());
		assertThat(columns).containsExactlyInAnyOrder("writer_id", "record_sequence", "consent_id", "decided_at",
				"registry_revision", "decision", "choices", "gpc", "language_tag", "page_path", "previous_hash",
				"record_hash", "site", "snapshot_hash", "snapshot_named");
	}

	/**
	 * Records written before sites existed (schema version 1, hashed without a site) still verify once the site
	 * column is added, beside new records of a site on the same chain; a site changed afterwards is an alteration.
	 */
	@Test
	void recordsWrittenBeforeSitesStillVerifyAndTheSiteIsPartOfTheHash() {
		DataSource old = emptyDatabase();
		Flyway.configure().dataSource(old).target("1").load().migrate();
		PendingRecord before = new PendingRecord("aaaaaaaaaaaaaaaaaaaaaa", NOW, 1, "accept-all",
				Map.of("statistics", true), false, "fr", "/cookies");
		ConsentRecord first = ConsentRecord.chain("w-old", 1, before, ConsentRecord.GENESIS);
		// The hash version 1 gave this record (worked out by hand from its fields): unchanged.
		assertThat(first.hash()).isEqualTo("00fc08cd0ffc73a879998fced4e1e87a71c5926301de5e94807d275e3f24fc74");
		JdbcClient jdbc = JdbcClient.create(old);
		jdbc.sql("INSERT INTO record_writer (writer_id, started_at, head_sequence, head_hash, cut_sequence, cut_hash) "
				+ "VALUES ('w-old', ?, 1, ?, 0, ?)")
			.params(NOW.atOffset(ZoneOffset.UTC), first.hash(), ConsentRecord.GENESIS)
			.update();
		jdbc.sql("INSERT INTO consent_record (writer_id, record_sequence, consent_id, decided_at, registry_revision, "
				+ "decision, choices, gpc, language_tag, page_path, previous_hash, record_hash) "
				+ "VALUES ('w-old', 1, ?, ?, 1, 'accept-all', 'statistics=accepted', FALSE, 'fr', '/cookies', ?, ?)")
			.params(before.consentId(), NOW.atOffset(ZoneOffset.UTC), ConsentRecord.GENESIS, first.hash())
			.update();
		Records.migrate(old);
		RecordStore store = Records.store(old);
		Records.append(store, "w-old", new RecordStore.ChainHead(1, first.hash()),
				List.of(Records.decision("reject-all", NOW.plusSeconds(1))));

		assertThat(new ChainVerification(store).verify().verified()).isTrue();
		assertThat(store.find(before.consentId()).orElseThrow().content().site()).isEmpty();
		jdbc.sql("UPDATE consent_record SET site = 'other' WHERE record_sequence = 2").update();
		assertThat(new ChainVerification(store).verify().verified()).isFalse();
	}

	@Test
	void chainsOfSeveralWritersAndBatchesVerify() {
		append("w-one", 5, NOW);
		append("w-two", 3, NOW);
		append("w-one", 4, NOW.plusSeconds(60));

		ChainVerification.Report report = verify();

		assertThat(report.verified()).as(report.toString()).isTrue();
		assertThat(report.records()).isEqualTo(12);
		assertThat(report.chains()).extracting(ChainVerification.ChainResult::describe)
			.containsExactlyInAnyOrder("writer w-one: 9 records, chain intact", "writer w-two: 3 records, chain intact");
	}

	@Test
	void anAlteredRecordIsNamed() {
		List<PendingRecord> written = append("w-one", 6, NOW);
		this.jdbc.sql("UPDATE consent_record SET choices = 'statistics=refused,video=refused' WHERE consent_id = ?")
			.param(written.get(3).consentId())
			.update();

		ChainVerification.ChainResult fault = verify().firstFault();

		assertThat(fault).isNotNull();
		assertThat(fault.fault()).isEqualTo(ChainVerification.Fault.ALTERED);
		assertThat(fault.sequence()).isEqualTo(4);
		assertThat(fault.describe()).isEqualTo("writer w-one: record #4 (consent id " + written.get(3).consentId()
				+ ") was altered: its hash no longer matches its content");
	}

	@Test
	void anAlteredDateOrLanguageOrPathIsNamedToo() {
		List<PendingRecord> written = append("w-one", 3, NOW);
		this.jdbc.sql("UPDATE consent_record SET page_path = '/elsewhere' WHERE record_sequence = 2").update();
		assertThat(verify().firstFault().sequence()).isEqualTo(2);
		this.jdbc.sql("UPDATE consent_record SET decided_at = ? WHERE record_sequence = 1")
			.param(NOW.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
			.update();
		assertThat(verify().firstFault().consentId()).isEqualTo(written.get(0).consentId());
	}

	@Test
	void aRemovedRecordIsNamed() {
		append("w-one", 6, NOW);
		this.jdbc.sql("DELETE FROM consent_record WHERE record_sequence = 3").update();

		ChainVerification.ChainResult fault = verify().firstFault();

		assertThat(fault.fault()).isEqualTo(ChainVerification.Fault.REMOVED);
		assertThat(fault.describe()).isEqualTo("writer w-one: record #3 and perhaps more after it were removed");
	}

	@Test
	void aRemovedRecordIsFoundEvenWhenTheOthersAreRenumbered() {
		List<PendingRecord> written = append("w-one", 5, NOW);
		this.jdbc.sql("DELETE FROM consent_record WHERE record_sequence = 2").update();
		this.jdbc.sql("UPDATE consent_record SET record_sequence = record_sequence - 1 WHERE record_sequence > 2").update();
		this.jdbc.sql("UPDATE record_writer SET head_sequence = 4").update();

		ChainVerification.ChainResult fault = verify().firstFault();

		assertThat(fault.fault()).isEqualTo(ChainVerification.Fault.REORDERED);
		assertThat(fault.sequence()).isEqualTo(2);
		assertThat(fault.consentId()).isEqualTo(written.get(2).consentId());
	}

	@Test
	void reorderedRecordsAreNamed() {
		List<PendingRecord> written = append("w-one", 5, NOW);
		this.jdbc.sql("UPDATE consent_record SET record_sequence = -1 WHERE record_sequence = 3").update();
		this.jdbc.sql("UPDATE consent_record SET record_sequence = 3 WHERE record_sequence = 4").update();
		this.jdbc.sql("UPDATE consent_record SET record_sequence = 4 WHERE record_sequence = -1").update();

		ChainVerification.ChainResult fault = verify().firstFault();

		assertThat(fault.fault()).isEqualTo(ChainVerification.Fault.REORDERED);
		assertThat(fault.sequence()).isEqualTo(3);
		assertThat(fault.consentId()).isEqualTo(written.get(3).consentId());
	}

	@Test
	void removedLastRecordsAreNoticed() {
		append("w-one", 5, NOW);
		this.jdbc.sql("DELETE FROM consent_record WHERE record_sequence >= 4").update();

		ChainVerification.ChainResult fault = verify().firstFault();

		assertThat(fault.fault()).isEqualTo(ChainVerification.Fault.TRUNCATED);
		assertThat(fault.sequence()).isEqualTo(4);
	}

	@Test
	void recordsAddedBehindTheApplicationsBackAreNoticed() {
		append("w-one", 2, NOW);
		this.jdbc.sql("INSERT INTO record_writer (writer_id, started_at, head_sequence, head_hash, cut_sequence, cut_hash) "
				+ "SELECT 'w-forged', started_at, 0, head_hash, 0, cut_hash FROM record_writer").update();
		this.jdbc.sql("INSERT INTO consent_record SELECT 'w-forged', record_sequence, 'forged' || record_sequence, "
				+ "decided_at, registry_revision, decision, choices, gpc, language_tag, page_path, previous_hash, "
				+ "record_hash, site, snapshot_hash, snapshot_named FROM consent_record WHERE writer_id = 'w-one'").update();

		ChainVerification.Report report = verify();

		assertThat(report.verified()).isFalse();
		assertThat(report.firstFault().writerId()).isEqualTo("w-forged");
	}

	@Test
	void thePurgeDeletesWhatIsOlderThanTheRetentionAndTheChainStillVerifies() {
		Instant fiveYearsAgo = Instant.parse("2021-11-29T12:00:00Z");
		List<PendingRecord> old = append("w-one", 4, fiveYearsAgo.minus(Duration.ofDays(2)));
		List<PendingRecord> recent = append("w-one", 3, fiveYearsAgo.plus(Duration.ofDays(1)));
		append("w-two", 2, fiveYearsAgo.minus(Duration.ofDays(10)));

		long deleted = this.store.expired().purge(fiveYearsAgo, NOW, (cut) -> {
		});

		assertThat(deleted).isEqualTo(6);
		assertThat(this.store.count()).isEqualTo(3);
		assertThat(old).allSatisfy((record) -> assertThat(this.store.find(record.consentId())).isEmpty());
		assertThat(recent).allSatisfy((record) -> assertThat(this.store.find(record.consentId())).isPresent());
		ChainVerification.Report report = verify();
		assertThat(report.verified()).as(report.toString()).isTrue();
		RecordStore.Writer one = this.store.writers().stream().filter((w) -> w.writerId().equals("w-one")).findFirst().orElseThrow();
		assertThat(one.cutSequence()).isEqualTo(4);
		assertThat(one.cutAt()).isEqualTo(NOW);

		// The chain goes on after a purge, and purging again deletes nothing more.
		append("w-one", 2, NOW);
		assertThat(this.store.expired().purge(fiveYearsAgo, NOW, (cut) -> {
		})).isZero();
		assertThat(verify().verified()).isTrue();
		assertThat(verify().records()).isEqualTo(5);
	}

	@Test
	void afterAPurgeTheFirstRemainingRecordMustStillChainToTheCut() {
		Instant cutoff = NOW.minus(Duration.ofDays(1));
		append("w-one", 3, cutoff.minus(Duration.ofDays(1)));
		List<PendingRecord> kept = append("w-one", 3, NOW);
		this.store.expired().purge(cutoff, NOW, (cut) -> {
		});
		this.jdbc.sql("DELETE FROM consent_record WHERE consent_id = ?").param(kept.get(0).consentId()).update();

		ChainVerification.ChainResult fault = verify().firstFault();

		assertThat(fault.fault()).isEqualTo(ChainVerification.Fault.REMOVED);
		assertThat(fault.sequence()).isEqualTo(4);
	}

	@Test
	void aDecisionOlderThanTheRetentionButWrittenAfterNewerOnesWaitsForThem() {
		// Decisions kept in the file during an outage can be written after newer ones: the purge only cuts a chain's
		// beginning, so such a record goes with the newer ones before it.
		Instant cutoff = NOW.minus(Duration.ofDays(1));
		append("w-one", 2, cutoff.minus(Duration.ofDays(3)));
		append("w-one", 1, NOW);
		append("w-one", 1, cutoff.minus(Duration.ofDays(2)));

		assertThat(this.store.expired().purge(cutoff, NOW, (cut) -> {
		})).isEqualTo(2);
		assertThat(verify().verified()).isTrue();
		assertThat(verify().records()).isEqualTo(2);
	}

	@Test
	void theBackOfficeCountsDecisionsPerUtcDayKindAndCategory() {
		// accept-all 23:59:58 and reject-all 23:59:59 on the 28th, custom at midnight on the 29th (UTC).
		append("w-one", 3, Instant.parse("2026-11-28T23:59:58Z"));
		append("w-two", 2, Instant.parse("2026-11-29T12:00:00Z"));
		append("w-one", 1, Instant.parse("2026-11-30T00:00:00Z"));
		append("w-two", 1, Instant.parse("2026-11-26T10:00:00Z"));
		RecordQueries queries = new RecordQueries(this.store);

		List<RecordQueries.DayFigures> days = queries.days(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-29"));

		assertThat(days).extracting(RecordQueries.DayFigures::day, RecordQueries.DayFigures::decisions)
			.containsExactly(tuple(LocalDate.parse("2026-11-27"), 0L), tuple(LocalDate.parse("2026-11-28"), 2L),
					tuple(LocalDate.parse("2026-11-29"), 3L));
		assertThat(days.get(0).kinds()).isEqualTo(Map.of("accept-all", 0L, "custom", 0L, "reject-all", 0L));
		assertThat(days.get(0).categories().get("statistics").rate()).isNull();
		assertThat(days.get(1).kinds()).isEqualTo(Map.of("accept-all", 1L, "custom", 0L, "reject-all", 1L));
		assertThat(days.get(1).categories()).isEqualTo(Map.of("statistics", new RecordQueries.CategoryFigures(2, 1),
				"video", new RecordQueries.CategoryFigures(2, 1)));
		assertThat(days.get(2).kinds()).isEqualTo(Map.of("accept-all", 1L, "custom", 1L, "reject-all", 1L));
		assertThat(days.get(2).categories()).isEqualTo(Map.of("statistics", new RecordQueries.CategoryFigures(3, 1),
				"video", new RecordQueries.CategoryFigures(3, 2)));
		assertThat(days.get(2).categories().get("video").rate()).isEqualTo(2.0 / 3);
	}

	@Test
	void theBackOfficeExportsAPeriodsRecordsOldestFirstOneAtATime() {
		List<PendingRecord> first = append("w-one", 3, Instant.parse("2026-11-28T23:59:58Z"));
		List<PendingRecord> second = append("w-two", 2, Instant.parse("2026-11-29T12:00:00Z"));
		append("w-one", 1, Instant.parse("2026-11-30T00:00:00Z"));
		append("w-two", 1, Instant.parse("2026-11-27T23:59:59Z"));
		List<RecordQueries.RecordedDecision> exported = new ArrayList<>();

		new RecordQueries(this.store).export(LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-29"), exported::add);

		List<String> expected = new ArrayList<>();
		first.forEach((record) -> expected.add(record.consentId()));
		second.forEach((record) -> expected.add(record.consentId()));
		assertThat(exported).extracting(RecordQueries.RecordedDecision::consentId).containsExactlyElementsOf(expected);
		assertThat(exported.get(2)).satisfies((record) -> {
			assertThat(record.kind()).isEqualTo("custom");
			assertThat(record.choicesText()).isEqualTo("statistics=refused,video=accepted");
			assertThat(record.writerId()).isEqualTo("w-one");
			assertThat(record.sequence()).isEqualTo(3);
			assertThat(record.intact()).isTrue();
		});
	}


	@Test
	void theBackOfficeCountsAndExportsOneSitesDecisionsOnlyWhenAsked() {
		PendingRecord shop = new PendingRecord(Records.newConsentId(), Instant.parse("2026-11-29T10:00:00Z"), 1,
				"accept-all", Map.of("ads", true), false, "fr", "/cookies", "shop");
		Records.append(this.store, "w-one", RecordStore.ChainHead.EMPTY, List.of(shop));
		append("w-one", 2, Instant.parse("2026-11-29T11:00:00Z"));
		RecordQueries queries = new RecordQueries(this.store);
		LocalDate day = LocalDate.parse("2026-11-29");

		assertThat(queries.days(day, day).get(0).decisions()).isEqualTo(3);
		assertThat(queries.days(day, day, "shop").get(0).decisions()).isEqualTo(1);
		assertThat(queries.days(day, day, "shop").get(0).categories()).containsOnlyKeys("ads");
		assertThat(queries.days(day, day, "cookies").get(0).decisions()).isEqualTo(2);
		assertThat(queries.days(day, day, "cookies").get(0).categories()).doesNotContainKey("ads");
		assertThat(queries.days(day, day, "elsewhere").get(0).decisions()).isZero();

		List<RecordQueries.RecordedDecision> exported = new ArrayList<>();
		queries.export(day, day, "shop", exported::add);
		assertThat(exported).extracting(RecordQueries.RecordedDecision::consentId, RecordQueries.RecordedDecision::site)
			.containsExactly(tuple(shop.consentId(), "shop"));
		exported.clear();
		queries.export(day, day, null, exported::add);
		assertThat(exported).hasSize(3);
	}

	@Test
	void anAuditorPagesThroughAPeriodsDecisionsNewestFirstWithoutMissingOrRepeatingOne() {
		// 3 decisions a second for 4 seconds on two chains: ties at every second, which their chain's order settles.
		List<PendingRecord> written = new ArrayList<>();
		written.addAll(append("w-one", 4, Instant.parse("2026-11-28T10:00:00Z")));
		written.addAll(append("w-two", 4, Instant.parse("2026-11-28T10:00:00Z")));
		written.addAll(append("w-one", 4, Instant.parse("2026-11-28T10:00:00Z")));
		append("w-two", 2, Instant.parse("2026-11-27T23:59:58Z"));
		append("w-two", 1, Instant.parse("2026-11-29T00:00:00Z"));
		RecordQueries queries = new RecordQueries(this.store);
		RecordQueries.DecisionFilter day = new RecordQueries.DecisionFilter(LocalDate.parse("2026-11-28"),
				LocalDate.parse("2026-11-28"), null, null, null);

		List<List<String>> pages = new ArrayList<>();
		RecordQueries.DecisionPage page = queries.decisions(day, null, null, 5).orElseThrow();
		assertThat(page.newer()).isNull();
		pages.add(ids(page));
		while (page.older() != null) {
			page = queries.decisions(day, page.older(), null, 5).orElseThrow();
			assertThat(page.total()).isEqualTo(12);
			pages.add(ids(page));
		}

		// Newest first: by second, then the later chain's name, then the later place in the chain.
		List<String> newestFirst = written.stream()
			.map((record) -> queries.find(record.consentId()).orElseThrow())
			.sorted(java.util.Comparator.comparing(RecordQueries.RecordedDecision::decidedAt)
				.thenComparing(RecordQueries.RecordedDecision::writerId)
				.thenComparing(RecordQueries.RecordedDecision::sequence)
				.reversed())
			.map(RecordQueries.RecordedDecision::consentId)
			.toList();
		assertThat(newestFirst.subList(0, 3)).containsExactly(written.get(7).consentId(), written.get(11).consentId(),
				written.get(3).consentId());
		assertThat(pages).extracting(List::size).containsExactly(5, 5, 2);
		assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(newestFirst);
		// And back: the newer pages are the same pages, the first one knowing it is the newest.
		RecordQueries.DecisionPage back = queries.decisions(day, null, page.newer(), 5).orElseThrow();
		assertThat(ids(back)).isEqualTo(pages.get(1));
		back = queries.decisions(day, null, back.newer(), 5).orElseThrow();
		assertThat(ids(back)).isEqualTo(pages.get(0));
		assertThat(back.newer()).isNull();
		assertThat(back.older()).isNotNull();
		// A page after a decision that is not recorded (a made-up or purged id) is no page.
		assertThat(queries.decisions(day, "AAAAAAAAAAAAAAAAAAAAAA", null, 5)).isEmpty();
	}

	@Test
	void anAuditorFiltersDecisionsBySiteKindAndOneCategorysChoice() {
		PendingRecord ads = new PendingRecord(Records.newConsentId(), Instant.parse("2026-11-29T10:00:00Z"), 1,
				"custom", Map.of("ads", true, "ads-extra", false), false, "fr", "/cookies", "shop");
		PendingRecord extra = new PendingRecord(Records.newConsentId(), Instant.parse("2026-11-29T10:00:01Z"), 1,
				"custom", Map.of("ads", false, "ads-extra", true), false, "en", "/cookies", "shop");
		Records.append(this.store, "w-shop", RecordStore.ChainHead.EMPTY, List.of(ads, extra));
		List<PendingRecord> cookies = append("w-one", 3, Instant.parse("2026-11-29T11:00:00Z"));
		RecordQueries queries = new RecordQueries(this.store);
		LocalDate day = LocalDate.parse("2026-11-29");

		assertThat(ids(queries.decisions(new RecordQueries.DecisionFilter(day, day, "shop", null, "ads=accepted"), null,
				null, 10).orElseThrow())).containsExactly(ads.consentId());
		assertThat(ids(queries.decisions(new RecordQueries.DecisionFilter(day, day, null, null, "ads-extra=accepted"),
				null, null, 10).orElseThrow())).containsExactly(extra.consentId());
		assertThat(ids(queries.decisions(new RecordQueries.DecisionFilter(day, day, null, null, "video=accepted"), null,
				null, 10).orElseThrow())).containsExactly(cookies.get(2).consentId(), cookies.get(0).consentId());
		assertThat(ids(queries.decisions(new RecordQueries.DecisionFilter(day, day, "cookies", "reject-all", null),
				null, null, 10).orElseThrow())).containsExactly(cookies.get(1).consentId());
		assertThat(queries.decisions(new RecordQueries.DecisionFilter(day, day, "shop", "accept-all", null), null, null,
				10).orElseThrow().total()).isZero();
		assertThat(queries.decisions(new RecordQueries.DecisionFilter(day.plusDays(1), day.plusDays(1), null, null,
				null), null, null, 10).orElseThrow().decisions()).isEmpty();
	}

	private static List<String> ids(RecordQueries.DecisionPage page) {
		return page.decisions().stream().map(RecordQueries.RecordedDecision::consentId).toList();
	}

	@Test
	void aRecordLookedUpIsTiedToItsNeighboursWithoutWalkingItsChain() {
		List<PendingRecord> written = append("w-one", 3, NOW);
		RecordQueries queries = new RecordQueries(this.store);

		assertThat(queries.links(written.get(1).consentId())).hasValue(new RecordLinks(RecordLinks.Link.LINKED,
				written.get(0).consentId(), RecordLinks.Link.LINKED, written.get(2).consentId()));
		assertThat(queries.links(written.get(0).consentId())).hasValueSatisfying(
				(links) -> assertThat(links.previous()).isEqualTo(RecordLinks.Link.FIRST));
		assertThat(queries.links(written.get(2).consentId())).hasValueSatisfying(
				(links) -> assertThat(links.next()).isEqualTo(RecordLinks.Link.LAST));
		assertThat(queries.links("AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();

		this.jdbc.sql("DELETE FROM consent_record WHERE consent_id = ?").param(written.get(2).consentId()).update();
		this.jdbc.sql("UPDATE consent_record SET record_hash = ? WHERE consent_id = ?")
			.params("f".repeat(64), written.get(0).consentId())
			.update();
		assertThat(queries.links(written.get(1).consentId())).hasValue(new RecordLinks(RecordLinks.Link.NOT_LINKED,
				written.get(0).consentId(), RecordLinks.Link.MISSING, null));
	}

}
