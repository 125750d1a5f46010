package org.chartecookies.web;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CrossOriginProtectionTest {

	private final CrossOriginProtection protection = new CrossOriginProtection(Set.of("https://www.example.org"));

	@ParameterizedTest(name = "{0} Sec-Fetch-Site={1} Origin={2} Host={3} -> {4}")
	@CsvSource(nullValues = "-", textBlock = """
			GET,     cross-site,  https://evil.example,    charte.example.org,     allowed
			HEAD,    cross-site,  https://evil.example,    charte.example.org,     allowed
			OPTIONS, cross-site,  https://evil.example,    charte.example.org,     allowed
			POST,    same-origin, -,                       charte.example.org,     allowed
			POST,    none,        -,                       charte.example.org,     allowed
			POST,    cross-site,  https://evil.example,    charte.example.org,     refused
			POST,    same-site,   https://a.example.org,   charte.example.org,     refused
			POST,    cross-site,  https://www.example.org, charte.example.org,     allowed
			POST,    cross-site,  -,                       charte.example.org,     refused
			POST,    -,           -,                       charte.example.org,     allowed
			POST,    -,           https://charte.example.org, charte.example.org,  allowed
			POST,    -,           http://localhost:8080,   localhost:8080,         allowed
			POST,    -,           http://localhost:8081,   localhost:8080,         refused
			POST,    -,           https://evil.example,    charte.example.org,     refused
			POST,    -,           null,                    charte.example.org,     refused
			POST,    -,           https://user@charte.example.org, charte.example.org, refused
			PUT,     cross-site,  https://evil.example,    charte.example.org,     refused
			DELETE,  -,           https://evil.example,    charte.example.org,     refused
			""")
	void decidesLikeGosCrossOriginProtection(String method, String secFetchSite, String origin, String host,
			String expected) {
		assertThat(this.protection.isAllowed(method, secFetchSite, origin, host) ? "allowed" : "refused")
			.isEqualTo(expected);
	}

}
