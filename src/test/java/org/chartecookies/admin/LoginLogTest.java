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

	/** An address as a trusted proxy forwards it (X-Forwarded-For): any text, which the log must not take as lines. */
	@Test
	void anAddressShowsAsIsUnlessItTriesToForgeALogLineOrFillTheLog() {
		assertThat(LoginLog.address("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(LoginLog.address("2001:db8::1")).isEqualTo("2001:db8::1");
		assertThat(LoginLog.address("1.2.3.4\r\nINFO Back office: \"admin\" logged in\u2028\t\u001b[31m"))
			.isEqualTo("1.2.3.4??INFO?Back?office:??admin??logged?in???[31m");
		assertThat(LoginLog.address("1".repeat(65))).isEqualTo("1".repeat(64) + "…");
	}

	@Test
	void aLongNameIsCut() {
		assertThat(LoginLog.name("a".repeat(64))).isEqualTo("\"" + "a".repeat(64) + "\"");
		assertThat(LoginLog.name("a".repeat(65))).isEqualTo("\"" + "a".repeat(64) + "…\"");
	}

}
