package org.chartecookies.admin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hash-password}: the hash an operator puts in {@code charte.admin.users[n].password-hash}, of the password
 * piped in (its line break, if any, no part of it); nothing hashed when there is nothing to hash, or more than bcrypt
 * reads.
 */
class PasswordHashCommandTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String input) throws Exception {
		return PasswordHashCommand.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(this.out, true, StandardCharsets.UTF_8), new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct horse", "correct horse\n", "correct horse\r\n" })
	void thePipedPasswordsHashLogsIn(String input) throws Exception {
		assertThat(run(input)).isZero();

		String hash = this.out.toString(StandardCharsets.UTF_8).strip();
		assertThat(hash).startsWith("$2a$10$").hasSize(60);
		assertThat(new BCryptPasswordEncoder().matches("correct horse", hash)).isTrue();
		assertThat(new BCryptPasswordEncoder().matches("correct horse\n", hash)).isFalse();
	}

	@Test
	void twoRunsGiveTwoSalts() throws Exception {
		run("correct horse");
		run("correct horse");

		assertThat(this.out.toString(StandardCharsets.UTF_8).lines().distinct()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\n" })
	void nothingPipedIsNoPassword(String input) throws Exception {
		assertThat(run(input)).isEqualTo(1);

		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("no password on standard input");
	}

	@Test
	void aByteOrderMarkIsNoPartOfThePassword() throws Exception {
		assertThat(run("\uFEFFcorrect horse\n")).isZero();

		assertThat(new BCryptPasswordEncoder().matches("correct horse", this.out.toString(StandardCharsets.UTF_8).strip()))
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct\nhorse", "correct horse\n\n", "correct\u0000horse" })
	void inputNoLoginFormCanTypeIsRefused(String input) throws Exception {
		assertThat(run(input)).isEqualTo(1);

		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("one line");
	}

	@Test
	void binaryInputIsRefused() throws Exception {
		int status = PasswordHashCommand.run(new ByteArrayInputStream(new byte[] { 'P', 'K', 3, 4, (byte) 0xff, (byte) 0xfe }),
				new PrintStream(this.out, true, StandardCharsets.UTF_8), new PrintStream(this.err, true, StandardCharsets.UTF_8));

		assertThat(status).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("not text");
	}

	@Test
	void aPasswordLongerThanBcryptReadsIsRefused() throws Exception {
		assertThat(run("é".repeat(37))).isEqualTo(1);

		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("72 bytes");
	}

}
