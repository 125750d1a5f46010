package org.chartecookies;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's command line as an operator types it, in a JVM of its own: a command it does not know, or the
 * registry check without a path, is said so (exit status 2) instead of starting the application or checking the
 * working folder.
 */
class CommandLineTest {

	/** What a run printed and its exit status. */
	record Run(int status, String out, String err) {
	}

	@ParameterizedTest
	@ValueSource(strings = { "HASH-PASSWORD", "Hash-Password", "hash_password", "help" })
	void anUnknownCommandIsSaidUnknown(String command, @TempDir Path folder) throws Exception {
		Run run = run(folder, command);

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).contains("unknown command '" + command + "'", "hash-password");
		assertThat(run.out()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "--charte.registry.validate=", "--charte.registry.validate= ", "--charte.registry.validate" })
	void theRegistryCheckWithoutAPathSaysThePathIsMissing(String option, @TempDir Path folder) throws Exception {
		Run run = run(folder, option);

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).contains("--charte.registry.validate needs the path of a registry file or folder");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aMistypedAuditOptionEndsTheRunInsteadOfStartingTheServer(@TempDir Path folder) throws Exception {
		Run run = run(folder, "--charte.registry.location=x.yaml", "--charte.audit.page=http://a.example/",
				"--charte.audit.report=r");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).startsWith("The audit could not run: unknown option --charte.audit.page (")
			.contains("--charte.audit.pages")
			.hasLineCount(1);
		assertThat(folder.resolve("data")).doesNotExist();
		assertThat(folder.resolve("r")).doesNotExist();
	}

	@Test
	void aReportFolderWithoutPagesEndsTheRun(@TempDir Path folder) throws Exception {
		Run run = run(folder, "--charte.audit.report=r");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).contains("no page to scan").hasLineCount(1);
		assertThat(folder.resolve("data")).doesNotExist();
	}

	@Test
	void aValueThatIsNoDurationIsSaidInOneLine(@TempDir Path folder) throws Exception {
		Run run = run(folder, "--charte.audit.pages=http://a.example/", "--charte.audit.report=r",
				"--charte.audit.page-timeout=abc");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).startsWith("The audit could not run: --charte.audit.page-timeout=abc: ").hasLineCount(1);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void hashPasswordStillHashes(@TempDir Path folder) throws Exception {
		Run run = run(folder, "hash-password");

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.out().strip()).startsWith("$2a$10$");
	}

	/**
	 * Runs the application's main class with these arguments from a folder of its own (where a started application
	 * would keep its records), a password on standard input; a run that does not end within a minute started the
	 * application.
	 */
	private static Run run(Path folder, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), CharteCookiesApplication.class.getName()));
		command.addAll(List.of(arguments));
		command.add("--server.port=0");
		Process process = new ProcessBuilder(command).directory(folder.toFile())
			.redirectOutput(folder.resolve("out").toFile())
			.redirectError(folder.resolve("err").toFile())
			.start();
		process.getOutputStream().write("correct horse\n".getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		boolean ended = process.waitFor(60, TimeUnit.SECONDS);
		if (!ended) {
			process.destroyForcibly().waitFor();
		}
		assertThat(ended).as("ended without starting the application: %s", java.nio.file.Files.readString(folder.resolve("out")))
			.isTrue();
		return new Run(process.exitValue(), java.nio.file.Files.readString(folder.resolve("out")),
				java.nio.file.Files.readString(folder.resolve("err")));
	}

}
