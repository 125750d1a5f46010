package org.chartecookies.records;

import java.io.PrintStream;
import java.util.function.LongSupplier;

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

	private final LongSupplier waitingInFile;

	private final ConfigurableApplicationContext context;

	VerificationCommand(ChainVerification verification, Runnable schema, LongSupplier waitingInFile,
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
		this.schema.run();
		ChainVerification.Report report = this.verification.verify();
		report.chains().forEach((chain) -> out.println(chain.describe()));
		out.println(report.verified()
				? "Consent records verified: " + report.records() + " records in " + report.chains().size() + " chains"
				: "Consent records NOT verified: " + report.firstFault().describe());
		long waiting = this.waitingInFile.getAsLong();
		if (waiting > 0) {
			out.println(waiting + " decisions wait in the records folder's file, not yet in the database: the application"
					+ " writes them when it next runs with the database reachable");
		}
		return report.verified() ? 0 : 1;
	}

}
