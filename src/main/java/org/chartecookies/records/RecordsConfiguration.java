package org.chartecookies.records;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record store, its journal and writer (one chain per running instance), the signed checkpoints, the
 * verification and the scheduled purge.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RecordsConfiguration {

	private static final Log logger = LogFactory.getLog(RecordsConfiguration.class);

	@Bean
	RecordStore recordStore(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions,
			SnapshotFiles snapshots) {
		return new RecordStore(jdbc, batches, transactions, snapshots);
	}

	/** Where each snapshot of what visitors are shown is kept before its hash is served (consent's keeper). */
	@Bean
	SnapshotFiles snapshotFiles(RecordsProperties properties, RecordKeeping keeping) {
		return new SnapshotFiles(properties.folder(), properties.enabled(), keeping);
	}

	/** The signing key and where its checkpoints go, or neither (then the start-up log says what that means). */
	@Bean
	Integrity recordsIntegrity(RecordsProperties properties, Environment environment) {
		String configured = properties.signingKey();
		if (configured == null || configured.isBlank()) {
			if (verifying(environment)) {
				// The verification signs nothing: it checks with the public key it is given, or says it has none.
				return new Integrity(null, null);
			}
			logger.warn("Consent records: no signing key (charte.records.signing-key): tampering with the records by"
					+ " someone with access to the database or the records folder cannot be detected (README, \"Consent"
					+ " records\")");
			return new Integrity(null, null);
		}
		SigningKey key;
		try {
			key = SigningKey.load(configured);
		}
		catch (IllegalArgumentException ex) {
			throw new RecordsSetupException.UnusableKey("charte.records.signing-key", ex.getMessage());
		}
		Path folder = properties.folder().toAbsolutePath().normalize();
		Path file = properties.checkpointFile();
		if (file == null) {
			logger.warn("Consent records: no charte.records.checkpoint-file: signed checkpoints go to the log only");
		}
		else if (file.toAbsolutePath().normalize().startsWith(folder)) {
			logger.warn("Consent records: the checkpoint file " + file + " is in the records folder: keep it on another"
					+ " volume, out of reach of whoever can change the records");
		}
		logger.info("Consent records: checkpoints signed with key " + key.id() + "; keep its public key with them, for the"
				+ " verification (charte.records.public-key):\n" + key.publicKeyPem());
		return new Integrity(key, new CheckpointLog(key, file, properties.retention()));
	}

	/** The signing key and the checkpoints' log, when a key is configured. */
	record Integrity(@Nullable SigningKey key, @Nullable CheckpointLog checkpoints) {
	}

	@Bean
	RecordKeeping recordKeeping(Clock clock, MeterRegistry meters) {
		return new RecordKeeping(clock, meters);
	}

	@Bean
	WaitingLines waitingLines(Integrity integrity, Sites sites, RecordsProperties properties, Clock clock) {
		return new WaitingLines(integrity.key(),
				(site) -> sites.all()
					.stream()
					.filter((served) -> served.id().equals(site))
					.map(HostedSite::registry)
					.findFirst()
					.orElse(null),
				clock, properties.maxWait());
	}

	@Bean
	SpillFile spillFile(RecordsProperties properties, WaitingLines lines, RecordKeeping keeping) {
		SpillFile spill = new SpillFile(properties.folder(), lines, keeping::setAside);
		// What earlier runs set aside still waits for the operator.
		keeping.asideWaiting(spill.setAside());
		return spill;
	}

	@Bean
	Journal journal(RecordsProperties properties, WaitingLines lines) {
		return new Journal(properties.folder(), lines);
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

	/**
	 * The writer's own pool of connections, to the application's database and set up as its pool is
	 * ({@code spring.datasource.hikari.*}: 4 connections, 2 s to get one), so that nothing else holds the connections
	 * the writer needs: however many back-office requests there are at once, however slow (its pages, its exports to
	 * slow clients, its sessions), the writer never waits for a connection, nor takes a busy pool for a database gone.
	 * Not a candidate for anything else: Flyway, the purge, the back office and its sessions use the application's pool.
	 */
	@Bean(defaultCandidate = false)
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource recordWriterConnections(JdbcConnectionDetails database) {
		HikariDataSource pool = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.driverClassName(database.getDriverClassName())
			.url(database.getJdbcUrl())
			.username(database.getUsername())
			.password(database.getPassword())
			.build();
		pool.setPoolName("records-writer");
		return pool;
	}

	@Bean
	RecordWriter recordWriter(@Qualifier("recordWriterConnections") HikariDataSource connections, SpillFile spill,
			Journal journal, RecordKeeping keeping, Integrity integrity, RecordsProperties properties, Clock clock,
			SchemaMigration schema, MeterRegistry meters, Environment environment, SnapshotFiles snapshots) {
		RecordStore store = new RecordStore(JdbcClient.create(connections), new JdbcTemplate(connections),
				new TransactionTemplate(new DataSourceTransactionManager(connections)), snapshots);
		String writerId = (properties.writerId() != null) ? properties.writerId() : "w-" + random();
		RecordWriter writer = new RecordWriter(store, spill, journal, keeping, integrity.checkpoints(), properties, clock,
				writerId, "h-" + random(), schema, meters);
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

	/** Checks the chains against the checkpoints named (the file, and any others), with the public key given. */
	@Bean
	ChainVerification chainVerification(RecordStore store, Integrity integrity, RecordsProperties properties) {
		List<Path> files = new ArrayList<>();
		if (properties.checkpointFile() != null) {
			files.add(properties.checkpointFile());
		}
		files.addAll(properties.checkpoints());
		Map<String, PublicKey> keys = new LinkedHashMap<>();
		String publicKey = properties.publicKey();
		if (publicKey != null && !publicKey.isBlank()) {
			try {
				PublicKey given = SigningKey.loadPublic(publicKey);
				keys.put(SigningKey.idOf(given), given);
			}
			catch (IllegalArgumentException ex) {
				throw new RecordsSetupException.UnusableKey("charte.records.public-key", ex.getMessage());
			}
		}
		else if (integrity.key() != null) {
			keys.put(integrity.key().id(), integrity.key().publicKey());
		}
		// Without a key there is nothing to check checkpoints with: none are read, and any named is a problem.
		List<String> unchecked = files.stream()
			.map((file) -> file + ": checkpoints given without a public key to check them (charte.records.public-key)")
			.toList();
		return new ChainVerification(store, () -> keys.isEmpty()
				? (unchecked.isEmpty() ? CheckpointLog.Evidence.NONE : new CheckpointLog.Evidence(List.of(), unchecked))
				: CheckpointLog.read(files, keys), store.snapshots()::problems);
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
	RetentionPurge retentionPurge(RecordStore store, RecordsProperties properties, Clock clock, SchemaMigration schema,
			Integrity integrity) {
		return new RetentionPurge(store, properties, clock, schema, integrity.checkpoints());
	}

	@Bean
	VerificationCommand verificationCommand(ChainVerification verification, SchemaMigration schema, SpillFile spill,
			RecordStore store, RecordsProperties properties, ConfigurableApplicationContext context) {
		// What waits in the file, and what a crash left in the journal only: the next start writes both.
		return new VerificationCommand(verification, schema, () -> {
			SpillFile.Waiting file = spill.count();
			try {
				return new SpillFile.Waiting(file.decisions()
						+ JournalSegment.notRecorded(properties.folder(), spill.lines(), store::recorded), file.unreadable());
			}
			catch (java.io.IOException ex) {
				return file;
			}
		}, context);
	}

	@Bean
	RecordsHealthIndicator consentRecordsHealthIndicator(RecordWriter writer, RecordKeeping keeping,
			SchemaMigration schema) {
		return new RecordsHealthIndicator(writer, keeping, schema::migrated);
	}

	/** In the readiness group (application.properties): DOWN while decisions are not being kept durably. */
	@Bean
	RecordKeeping.KeptHealthIndicator consentRecordsKeptHealthIndicator(RecordKeeping keeping) {
		return new RecordKeeping.KeptHealthIndicator(keeping);
	}

	@Bean
	RecordsEndpoint recordsEndpoint(RecordWriter writer, RecordKeeping keeping, SpillFile spill, Integrity integrity) {
		return new RecordsEndpoint(writer, keeping, spill, integrity.key());
	}

	/** {@code --charte.records.verify}: read the records, change nothing. */
	static boolean verifying(Environment environment) {
		return environment.containsProperty(VerificationCommand.OPTION);
	}

	/** 72 random bits, so that instances started together never share a name. */
	private static String random() {
		byte[] bytes = new byte[9];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
