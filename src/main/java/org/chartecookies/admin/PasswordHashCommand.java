package org.chartecookies.admin;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
			try {
				password = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(in.readNBytes(4096)))
					.toString();
			}
			catch (CharacterCodingException ex) {
				err.println("hash-password: standard input is not text (UTF-8): no password hashed");
				return 1;
			}
			// A line typed or echoed ends with its line break, and an editor's file may start with a byte order
			// mark: neither is part of the password.
			password = password.replaceFirst("^\uFEFF", "").replaceFirst("\r?\n$", "");
			if (password.chars().anyMatch((c) -> c == '\n' || c == '\r' || c == 0)) {
				err.println("hash-password: the input holds several lines (or a NUL byte), which no login form can"
						+ " type: give the password on one line");
				return 1;
			}
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
