package org.chartecookies.admin;

import org.chartecookies.StartupFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account whose password is not a bcrypt hash (a password in clear, say), or a hash whose cost would hold a
 * processor for seconds at each login (and stall the visitors' pages with it), stops start-up, naming the property.
 */
class AdminAccountsTest {

	@Test
	void aPasswordInClearStopsStartUp() {
		String output = StartupFailure.of("--charte.admin.accounts[0].name=operator",
				"--charte.admin.accounts[0].password-hash=correct horse battery staple");

		assertThat(output).contains("APPLICATION FAILED TO START", "charte.admin.accounts[0].passwordHash",
				"must be a bcrypt hash").doesNotContain("correct horse battery staple\n");
	}

	@Test
	void aHashTooCostlyToCheckStopsStartUp() {
		String output = StartupFailure.of("--charte.admin.accounts[0].name=operator",
				"--charte.admin.accounts[0].password-hash=$2a$31$" + "a".repeat(53));

		assertThat(output).contains("APPLICATION FAILED TO START", "charte.admin.accounts[0].passwordHash",
				"must be a bcrypt hash of cost 4 to 14");
	}

}
