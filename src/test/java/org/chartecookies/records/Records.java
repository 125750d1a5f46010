package org.chartecookies.records;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Object mother for the records tests: decisions, and a store on a migrated database. */
final class Records {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Records() {
	}

	static PendingRecord decision(String kind, Instant decidedAt) {
		Map<String, Boolean> choices = new LinkedHashMap<>();
		choices.put("statistics", kind.equals("accept-all"));
		choices.put("video", kind.equals("accept-all") || kind.equals("custom"));
		return new PendingRecord(newConsentId(), decidedAt, 1, kind, choices, kind.equals("reject-all"), "fr",
				"/cookies", "cookies");
	}

	/** A consent id as the consent endpoint makes them: 128 random bits in base64url. */
	static String newConsentId() {
		byte[] bits = new byte[16];
		RANDOM.nextBytes(bits);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
	}

	/** The holder the tests' chains are taken by. */
	static final String HOLDER = "h-tests";

	/** Takes the writer's chain (as a writer does before its first write) and appends the batch to it. */
	static RecordStore.ChainHead append(RecordStore store, String writerId, RecordStore.ChainHead head,
			List<PendingRecord> batch) {
		store.claim(writerId, HOLDER, Instant.parse("2026-11-29T12:00:00Z"));
		return store.append(writerId, HOLDER, head, batch);
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
