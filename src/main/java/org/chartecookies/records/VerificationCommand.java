package org.chartecookies.records;

import java.io.PrintStream;
import java.util.function.Supplier;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --charte.records.verify}: verifies every chain of the configured database, prints one line per chain (or the
 * first record at fault in it), and exits with 0 when everything verifies, 1 otherwise:
 * {@code java -jar charte-cookies.jar --spring.main.web-application-type=none --charte.records.verify}. It changes
 * nothing: the record writer does not start, so decisions waiting in the records folder's file (the database was
 * unreachable) stay there, counted, for the next start of the application.
 */
class VerificationCommand implements ApplicationRunner {

	static final String OPTION = "charte.records.verify";

	private final ChainVerification verification;

	private final Runnable schema;

	private final Supplier<SpillFile.Waiting> waitingInFile;

	private final ConfigurableApplicationContext context;

	VerificationCommand(ChainVerification verification, Runnable schema, Supplier<SpillFile.Waiting> waitingInFile,
			ConfigurableApplicationContext context) {
		this.verification = verification;
		this.schema = schema;
		this.waitingInFile = waitingInFile;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (!arguments.containsOption(OPTION)) {
			return;
		}
		int status = verify(System.out);
		System.exit(SpringApplication.exit(this.context, () -> status));
	}

	/** @return the exit status: 0 when every chain verifies */
	int verify(PrintStream out) {
		ChainVerification.Report report;
		try {
			this.schema.run();
			report = this.verification.verify();
		}
		catch (RuntimeException ex) {
			// No database there (the embedded one is not made in verification), one another process holds, or none
			// answering: a sentence, not a stack trace.
			out.println("Consent records NOT verified: the database cannot be read (" + SchemaMigration.reason(ex) + ")");
			// What waits in the folder matters most now: a database that does not answer is why decisions wait there.
			waiting(out);
			return 1;
		}
		report.chains().forEach((chain) -> out.println(chain.describe()));
		report.problems().forEach((problem) -> out.println("Checkpoints: " + problem));
		report.snapshots().forEach((problem) -> out.println(problem.describe()));
		if (!report.checkpointed()) {
			out.println("No signed checkpoints given (charte.records.checkpoint-file, charte.records.checkpoints, and the"
					+ " key): someone able to write to the database could have altered, removed or added records, moved a"
					+ " chain's head back or faked a purge, which this verification cannot tell");
		}
		ChainVerification.ChainResult fault = report.firstFault();
		out.println(report.verified()
				? "Consent records verified: " + report.records() + " records in " + report.chains().size() + " chains"
						+ (report.checkpointed() ? ", against the signed checkpoints" : "")
				: "Consent records NOT verified: "
						+ ((fault != null) ? fault.describe()
								: !report.problems().isEmpty() ? "checkpoints not signed by the key given"
										: report.snapshots().getFirst().describe()));
		waiting(out);
		return report.verified() ? 0 : 1;
	}

	private void waiting(PrintStream out) {
		SpillFile.Waiting waiting = this.waitingInFile.get();
		if (waiting.decisions() > 0) {
			out.println("Decisions waiting in the records folder (its file, or the journal a crash left), not yet in the"
					+ " database: " + waiting.decisions()
					+ " (the application writes them when it next runs with the database reachable)");
		}
		if (waiting.unreadable() > 0) {
			out.println("Lines of that file that are no decision: " + waiting.unreadable() + " (the application sets them"
					+ " aside in " + SpillFile.REJECTED + " when it next runs)");
		}
	}

}
