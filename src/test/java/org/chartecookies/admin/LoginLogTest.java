package org.chartecookies.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A name typed at the login shows in the log as typed, quoted, unless it tries to forge a line or fill the log. */
class LoginLogTest {

	@Test
	void aNameIsQuotedAsTyped() {
		assertThat(LoginLog.name("operator")).isEqualTo("\"operator\"");
		assertThat(LoginLog.name("opérateur")).isEqualTo("\"opérateur\"");
	}

	@Test
	void controlCharactersAndQuotesCannotForgeALogLine() {
		assertThat(LoginLog.name("x\nINFO Back office: \"admin\" logged in\r\u2028\t"))
			.isEqualTo("\"x?INFO Back office: ?admin? logged in???\"");
	}

	@Test
	void aLongNameIsCut() {
		assertThat(LoginLog.name("a".repeat(64))).isEqualTo("\"" + "a".repeat(64) + "\"");
		assertThat(LoginLog.name("a".repeat(65))).isEqualTo("\"" + "a".repeat(64) + "…\"");
	}

}
