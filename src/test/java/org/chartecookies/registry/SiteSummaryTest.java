package org.chartecookies.registry;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SiteSummaryTest {

	/** The base of a page's absolute links: the site's scheme (as browsers write it) and authority, nothing more. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			https://www.example.org,               https://www.example.org
			https://www.example.org/charte?x=1#a,  https://www.example.org
			HTTPS://www.example.org:8443/charte,   https://www.example.org:8443
			http://localhost:8080/,                http://localhost:8080
			""")
	void theOriginIsTheSchemeAndTheAuthority(String url, String origin) {
		assertThat(new SiteSummary("Example", URI.create(url), 1).origin()).isEqualTo(origin);
	}

}
