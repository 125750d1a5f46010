package org.chartecookies.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers every answer carries, with the default settings and with an operator's.
 */
class SecurityHeadersTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), BodyHandlers.ofString());
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class Defaults {

		@LocalServerPort
		private int port;

		@ParameterizedTest
		@ValueSource(strings = { "/cookies", "/cookies?lang=en", "/nowhere", "/cookies/banner", "/cookies/consent",
				"/js/cookie-banner.js", "/actuator/health" })
		void everyAnswerCarriesTheSecurityHeaders(String path) throws Exception {
			HttpResponse<String> answer = get(this.port, path);

			assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(
					"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
							+ "connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'; object-src 'none'");
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
			assertThat(answer.headers().firstValue("Permissions-Policy")).isPresent();
			assertThat(answer.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
			assertThat(answer.headers().firstValue("Server")).isEmpty();
			assertThat(answer.headers().firstValue("Strict-Transport-Security")).as("not over plain HTTP").isEmpty();
		}

		@Test
		void httpsThroughTheLocalProxyGetsStrictTransportSecurity() throws Exception {
			HttpResponse<String> answer = get(this.port, "/cookies", "X-Forwarded-Proto", "https");

			assertThat(answer.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "charte.security.frame-ancestors='none'",
					"charte.security.trusted-origins=https://www.example.org,https://data.example.org",
					"charte.security.hsts.include-sub-domains=true", "charte.security.hsts.max-age=30d",
					"server.tomcat.remoteip.internal-proxies=" })
	class OperatorSettings {

		@LocalServerPort
		private int port;

		@Test
		void policyLetsPagesPostToTheirOwnOriginOnlyAndForbidsFraming() throws Exception {
			String policy = get(this.port, "/cookies").headers().firstValue("Content-Security-Policy").orElseThrow();

			assertThat(policy).as("trusted origins post to us; our pages never post to them")
				.contains("form-action 'self';")
				.contains("frame-ancestors 'none';");
		}

		@Test
		void forwardedHeadersFromAnUntrustedAddressAreIgnored() throws Exception {
			HttpResponse<String> answer = HTTP.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-Forwarded-Proto", "https")
				.POST(HttpRequest.BodyPublishers.ofString("decision=reject-all"))
				.build(), BodyHandlers.ofString());

			assertThat(answer.headers().firstValue("Set-Cookie")).hasValueSatisfying(
					(cookie) -> assertThat(cookie).doesNotContain("Secure"));
			assertThat(answer.headers().firstValue("Strict-Transport-Security")).isEmpty();
		}

	}

}
