package org.chartecookies.records;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's verification command: one line per chain, and an exit status a script can test. */
class VerificationCommandTest {

	private final DataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	private String run(VerificationCommand command, int expectedStatus) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(command.verify(new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(expectedStatus);
		return out.toString(StandardCharsets.UTF_8);
	}

	/** What a verification without signed checkpoints says it cannot tell. */
	private static final String UNCHECKED = "No signed checkpoints given (charte.records.checkpoint-file, "
			+ "charte.records.checkpoints, and the key): someone able to write to the database could have altered, "
			+ "removed or added records, moved a chain's head back or faked a purge, which this verification cannot tell";

	@Test
	void printsEachChainAndExitsWithZeroWhenAllVerifyOrOneNamingTheFirstFault() {
		Records.migrate(this.database);
		RecordStore store = Records.store(this.database);
		List<PendingRecord> written = List.of(Records.decision("accept-all", RecordStoreContract.NOW),
				Records.decision("reject-all", RecordStoreContract.NOW));
		Records.append(store, "w-one", RecordStore.ChainHead.EMPTY, written);
		VerificationCommand command = new VerificationCommand(new ChainVerification(store), () -> {
		}, () -> new SpillFile.Waiting(0, 0), null);

		assertThat(run(command, 0)).isEqualTo("""
				writer w-one: 2 records, chain intact
				%s
				Consent records verified: 2 records in 1 chains
				""".formatted(UNCHECKED));

		JdbcClient.create(this.database).sql("UPDATE consent_record SET gpc = TRUE WHERE record_sequence = 1").update();
		assertThat(run(command, 1)).contains("Consent records NOT verified: writer w-one: record #1 (consent id "
				+ written.get(0).consentId() + ") was altered");
	}

	@Test
	void saysHowManyDecisionsWaitInTheFileForTheNextStart() {
		Records.migrate(this.database);
		VerificationCommand command = new VerificationCommand(new ChainVerification(Records.store(this.database)), () -> {
		}, () -> new SpillFile.Waiting(3, 1), null);

		assertThat(run(command, 0)).isEqualTo("""
				%s
				Consent records verified: 0 records in 0 chains
				Decisions waiting in the records folder (its file, or the journal a crash left), not yet in the database: \
				3 (the application writes them when it next runs with the database reachable)
				Lines of that file that are no decision: 1 (the application sets them aside in rejected-records.txt when \
				it next runs)
				""".formatted(UNCHECKED));
	}

	@Test
	void aDatabaseThatCannotBeReadIsASentenceAndStatusOne() {
		VerificationCommand command = new VerificationCommand(new ChainVerification(Records.store(this.database)), () -> {
			throw new IllegalStateException("Database \"x\" not found");
		}, () -> new SpillFile.Waiting(0, 0), null);

		assertThat(run(command, 1)).isEqualTo("""
				Consent records NOT verified: the database cannot be read (Database "x" not found)
				""");
	}

	/** Flyway and the pool wrap the driver's sentence in lines of their own: the operator reads the driver's, once. */
	@Test
	void aWrappedFailureIsSaidInTheDriversOneLine() {
		VerificationCommand command = new VerificationCommand(new ChainVerification(Records.store(this.database)), () -> {
			throw new IllegalStateException("Unable to obtain connection from database: Database \"x\" not found\n"
					+ "-----\nSQL State  : 90146\nError Code : 90146",
					new java.sql.SQLException("Database \"x\" not found, and IFEXISTS=true\nmore detail"));
		}, () -> new SpillFile.Waiting(0, 0), null);

		assertThat(run(command, 1)).isEqualTo("""
				Consent records NOT verified: the database cannot be read (Database "x" not found, and IFEXISTS=true)
				""");
	}

	/** When the database is down is when decisions wait in the folder: the count is said then too. */
	@Test
	void aDatabaseThatCannotBeReadStillSaysWhatWaitsInTheFolder() {
		VerificationCommand command = new VerificationCommand(new ChainVerification(Records.store(this.database)), () -> {
			throw new IllegalStateException("Connection refused");
		}, () -> new SpillFile.Waiting(2, 0), null);

		assertThat(run(command, 1)).isEqualTo("""
				Consent records NOT verified: the database cannot be read (Connection refused)
				Decisions waiting in the records folder (its file, or the journal a crash left), not yet in the database: \
				2 (the application writes them when it next runs with the database reachable)
				""");
	}

}
