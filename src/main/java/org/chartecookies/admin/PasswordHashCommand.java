package org.chartecookies.admin;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar charte-cookies.jar hash-password}: the bcrypt hash of a back-office password, for
 * {@code charte.admin.users[n].password-hash}, without starting the application. The password is read from standard
 * input (typed without echo at a terminal, or piped), never from the command line, where other users of the machine
 * and the shell's history would see it.
 */
public final class PasswordHashCommand {

	/** The argument that runs this command instead of the application. */
	public static final String NAME = "hash-password";

	/** What bcrypt reads of a password: more is ignored by the algorithm, so it is refused here. */
	private static final int MOST_BYTES = 72;

	private PasswordHashCommand() {
	}

	/** Prints the hash of the password read; the exit status: 0, or 1 with a message. */
	public static int run(InputStream in, PrintStream out, PrintStream err) throws IOException {
		Console console = System.console();
		String password;
		if (console != null && console.isTerminal()) {
			char[] typed = console.readPassword("Password (not shown): ");
			password = (typed != null) ? new String(typed) : "";
		}
		else {
			password = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
			// A line typed or echoed ends with its line break, which is no part of the password.
			password = password.endsWith("\r\n") ? password.substring(0, password.length() - 2)
					: password.endsWith("\n") ? password.substring(0, password.length() - 1) : password;
		}
		if (password.isEmpty()) {
			err.println("hash-password: no password on standard input (printf '%s' \"$PASSWORD\" | java -jar "
					+ "charte-cookies.jar hash-password)");
			return 1;
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MOST_BYTES) {
			err.println("hash-password: the password is longer than bcrypt's " + MOST_BYTES
					+ " bytes: bcrypt would ignore the rest; choose a shorter one");
			return 1;
		}
		out.println(new BCryptPasswordEncoder(10).encode(password));
		return 0;
	}

}
