package org.chartecookies.records;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.chartecookies.consent.ConsentIds;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

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
		return new PendingRecord(ConsentIds.newId(decidedAt), decidedAt, 1, kind, choices,
				kind.equals("reject-all"), "fr",
				"/cookies", "cookies");
	}

	/** A consent id as the consent endpoint makes them, at this moment. */
	static String newConsentId() {
		return ConsentIds.newId(Instant.now());
	}

	/**
	 * Lines as the application writes them, without a key, for the site {@code cookies} of the default registry at a
	 * revision after the tests' decisions' (1): what any revision allows is checked, not the categories of the current
	 * one (the tests' decisions choose {@code statistics} and {@code video}).
	 */
	static WaitingLines lines(Clock clock) {
		return new WaitingLines(null, Records::registry, clock, Duration.ofDays(3650));
	}

	private static final CookieRegistry LATER = revised(Registries.defaultRegistry(), 2);

	/** The tests' site, {@code cookies}: the default registry at revision 2; no other site. */
	static @Nullable CookieRegistry registry(String site) {
		return site.equals("cookies") ? LATER : null;
	}

	/** The registry at another revision. */
	static CookieRegistry revised(CookieRegistry registry, int revision) {
		return new CookieRegistry(registry.site(), revision, registry.categories(), registry.cookies(), registry.prose(), registry.embeds(), registry.audit());
	}

	/** The holder the tests' chains are taken by. */
	static final String HOLDER = "h-tests";

	/** Takes the writer's chain (as a writer does before its first write) and appends the batch to it. */
	static RecordStore.ChainHead append(RecordStore store, String writerId, RecordStore.ChainHead head,
			List<PendingRecord> batch) {
		store.claims().claim(writerId, HOLDER, Instant.parse("2026-11-29T12:00:00Z"));
		return store.append(writerId, HOLDER, head, batch);
	}

	/** Runs the application's migrations on the database, as Spring Boot does at start-up. */
	static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
	}

	static RecordStore store(DataSource dataSource) {
		return new RecordStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), null);
	}

}
