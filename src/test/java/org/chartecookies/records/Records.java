package org.chartecookies.records;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Object mother for the records tests: decisions, and a store on a migrated database. */
final class Records {

	private Records() {
	}

	static PendingRecord decision(String kind, Instant decidedAt) {
		Map<String, Boolean> choices = new LinkedHashMap<>();
		choices.put("statistics", kind.equals("accept-all"));
		choices.put("video", kind.equals("accept-all") || kind.equals("custom"));
		return new PendingRecord(newConsentId(), decidedAt, 1, kind, choices, kind.equals("reject-all"), "fr",
				"/cookies", "cookies");
	}

	static String newConsentId() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
	}

	/** Runs the application's migrations on the database, as Spring Boot does at start-up. */
	static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
	}

	static RecordStore store(DataSource dataSource) {
		return new RecordStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

}
