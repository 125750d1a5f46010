package org.chartecookies.consent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnPathTest {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/cookies", "/cookies?lang=en", "/datasets/population/?q=paris#table",
			"/explore/dataset/a%20b/" })
	void samesitePathIsKept(String path) {
		assertThat(ReturnPath.of(path)).isEqualTo(path);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "https://evil.example/", "http:/evil.example", "//evil.example", "///evil.example",
			"/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "data:text/html,x", "evil.example",
			"/cookies\r\nSet-Cookie: a=b", "/cookies\nx", "/a b", "/ｅｖｉｌ", "/\u2215\u2215evil.example", "/%",
			" /cookies", "/cookies\t" })
	void anythingElseGoesToTheCharter(String hostile) {
		assertThat(ReturnPath.of(hostile)).isEqualTo("/cookies");
	}

	@ParameterizedTest
	@ValueSource(ints = { 2049, 100_000 })
	void overlongPathGoesToTheCharter(int length) {
		assertThat(ReturnPath.of("/" + "a".repeat(length))).isEqualTo("/cookies");
	}

}
