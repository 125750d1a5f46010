package org.chartecookies;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application with settings that must stop it, and returns what it printed (the operator's "APPLICATION
 * FAILED TO START" report) instead of letting it into the build's log: a green build's log then holds no expected
 * failure, and a real one stands out. If the application starts after all, that is the test's failure, with the
 * output.
 */
public final class StartupFailure {

	private StartupFailure() {
	}

	public static String of(String... arguments) {
		String[] all = Stream.concat(Stream.of("--server.port=0", "--spring.main.banner-mode=off"), Arrays.stream(arguments))
			.toArray(String[]::new);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = System.out;
		PrintStream err = System.err;
		ConfigurableApplicationContext started = null;
		try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
			// Logback's console appender writes to whatever System.out is at each line.
			System.setOut(capture);
			System.setErr(capture);
			try {
				started = new SpringApplicationBuilder(CharteCookiesApplication.class).run(all);
			}
			catch (RuntimeException expected) {
				// The report is in the output.
			}
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		String output = printed.toString(StandardCharsets.UTF_8);
		if (started != null) {
			started.close();
			throw new AssertionError("The application started with " + Arrays.toString(arguments) + ":\n" + output);
		}
		return output;
	}

}
