package org.chartecookies.records;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record store, its writer (one chain per running instance), the verification and the scheduled purge.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RecordsConfiguration {

	@Bean
	RecordStore recordStore(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions) {
		return new RecordStore(jdbc, batches, transactions);
	}

	@Bean
	SpillFile spillFile(RecordsProperties properties) {
		return new SpillFile(properties.folder());
	}

	/**
	 * The folder is taken before the database in it is first opened (Flyway, at start-up), so that a second instance
	 * stops before it touches the first one's files; the verification takes nothing.
	 */
	@Bean
	SchemaMigration schemaMigration(SpillFile spill, Environment environment) {
		return new SchemaMigration(verifying(environment) ? () -> {
		} : spill::lock);
	}

	@Bean
	RecordWriter recordWriter(RecordStore store, SpillFile spill, RecordsProperties properties, Clock clock,
			SchemaMigration schema, MeterRegistry meters, Environment environment) {
		String writerId = (properties.writerId() != null) ? properties.writerId() : newWriterId();
		RecordWriter writer = new RecordWriter(store, spill, properties, clock, writerId, schema, meters);
		writer.setAutoStartup(!verifying(environment));
		writer.setSchemaMade(schema::migrated);
		Gauge.builder("charte.records.backlog", writer, RecordWriter::backlog)
			.description("Consent decisions waiting to be written to the database, in memory and in the file")
			.register(meters);
		Gauge.builder("charte.records.spilled", writer, RecordWriter::spilled)
			.description("Consent decisions waiting in the file while the database was unreachable")
			.register(meters);
		return writer;
	}

	@Bean
	ChainVerification chainVerification(RecordStore store) {
		return new ChainVerification(store);
	}

	@Bean
	RecordQueries recordQueries(RecordStore store) {
		return new RecordQueries(store);
	}

	@Bean
	DecisionRecording decisionRecording(RecordWriter writer, RecordsProperties properties) {
		return new DecisionRecording(writer, properties.enabled());
	}

	@Bean
	RetentionPurge retentionPurge(RecordStore store, RecordsProperties properties, Clock clock, SchemaMigration schema) {
		return new RetentionPurge(store, properties, clock, schema);
	}

	@Bean
	VerificationCommand verificationCommand(ChainVerification verification, SchemaMigration schema, SpillFile spill,
			ConfigurableApplicationContext context) {
		return new VerificationCommand(verification, schema, spill::count, context);
	}

	@Bean
	RecordsHealthIndicator consentRecordsHealthIndicator(RecordWriter writer, SchemaMigration schema) {
		return new RecordsHealthIndicator(writer, schema::migrated);
	}

	/** {@code --charte.records.verify}: read the records, change nothing. */
	static boolean verifying(Environment environment) {
		return environment.containsProperty(VerificationCommand.OPTION);
	}

	/** A writer's name: {@code w-} and 72 random bits, so that instances started together never share a chain. */
	private static String newWriterId() {
		byte[] bytes = new byte[9];
		new SecureRandom().nextBytes(bytes);
		return "w-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
