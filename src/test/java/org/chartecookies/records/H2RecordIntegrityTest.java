package org.chartecookies.records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Proof that holds, on the embedded default, an H2 database (in memory here: the same engine as the file). */
class H2RecordIntegrityTest extends RecordIntegrityContract {

	@Override
	DataSource emptyDatabase() {
		return new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	/**
	 * The embedded database's file removed while the application runs: H2 would go on writing into a file no name
	 * reaches. The health says so, and what was answered since is written at the next start, into the new file.
	 */
	@Test
	void theDatabaseFileRemovedWhileRunningIsToldAndWhatWasAnsweredSinceIsWrittenAtTheNextStart(@TempDir Path folder)
			throws Exception {
		String url = "jdbc:h2:file:" + folder.resolve(EmbeddedDatabaseDefault.FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
		List<PendingRecord> since = new ArrayList<>();
		try (HikariDataSource database = pool(url)) {
			RecordWriter writer = writer(database, folder);
			writer.start();
			for (int i = 0; i < 5; i++) {
				writer.accept(Records.decision("custom", Instant.now()));
			}
			RecordStore store = Records.store(database);
			await().atMost(Duration.ofSeconds(30)).until(() -> store.count() == 5);

			Files.delete(folder.resolve(EmbeddedDatabaseDefault.FILE_NAME + ".mv.db"));
			for (int i = 0; i < 10; i++) {
				PendingRecord decision = Records.decision("reject-all", Instant.now());
				since.add(decision);
				writer.accept(decision);
			}

			await().atMost(Duration.ofSeconds(30)).until(() -> writer.failingSince() != null);
			assertThat(new RecordsHealthIndicator(writer, new RecordKeeping(Clock.systemUTC(), new SimpleMeterRegistry()),
					() -> true).health().getStatus().getCode()).isEqualTo("DOWN");
			writer.stop();
		}

		try (HikariDataSource database = pool(url)) {
			RecordWriter writer = writer(database, folder);
			writer.start();
			RecordStore store = Records.store(database);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> since.stream().allMatch((decision) -> store.find(decision.consentId()).isPresent()));
			writer.stop();
		}
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource database = new HikariDataSource();
		database.setJdbcUrl(url);
		database.setUsername("sa");
		database.setMaximumPoolSize(4);
		database.setConnectionTimeout(2000);
		return database;
	}

	private RecordWriter writer(DataSource database, Path folder) {
		Records.migrate(database);
		WaitingLines lines = Records.lines(Clock.systemUTC());
		RecordKeeping keeping = new RecordKeeping(Clock.systemUTC(), this.meters);
		return new RecordWriter(Records.store(database), new SpillFile(folder, lines, keeping::setAside),
				new Journal(folder, lines), keeping, null, RecordWriterTest.properties(folder, 10_000, "w-file"),
				Clock.systemUTC(), "w-file", "h-file", () -> {
				}, this.meters);
	}

}
