package org.chartecookies.consent;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a forged form says the return path is, the redirect stays on this site and adds nothing to the headers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileReturnPathTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	static List<String> hostileReturnPaths() {
		return List.of("https://evil.example/", "http://evil.example", "//evil.example", "///evil.example",
				"////evil.example/path", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example",
				"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
				"vbscript:msgbox(1)", "/%2F%2Fevil.example", "/%5Cevil.example", "%2F%2Fevil.example",
				"/cookies\r\nSet-Cookie: evil=1", "/cookies\nLocation: https://evil.example",
				"/cookies%0d%0aSet-Cookie:%20evil=1", "https://localhost@evil.example/", "//localhost@evil.example",
				"/@evil.example", "http:/evil.example", "http:evil.example", "https:\\\\evil.example",
				"/\uff45\uff56\uff49\uff4c", "\uff0f\uff0fevil.example", "/\u2215\u2215evil.example",
				"/\u3002evil.example", "/" + "a".repeat(5000), " /cookies", "\t//evil.example", "/cookies\u0000evil",
				"/cookies#" + "x".repeat(5000), "", "evil.example", "/%09/evil.example", "/\r//evil.example");
	}

	@ParameterizedTest
	@MethodSource("hostileReturnPaths")
	void redirectNeverLeavesTheSiteAndInjectsNoHeader(String hostile) throws Exception {
		HttpResponse<String> answer = HTTP.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"decision=reject-all&return=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(303);
		String location = answer.headers().firstValue("Location").orElseThrow();
		assertThat(sameSite(location)).as("Location %s", location).isTrue();
		for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
			assertThat(header.getKey()).isNotIn("evil", "set-cookie: evil");
			for (String value : header.getValue()) {
				assertThat(value).doesNotContain("\r", "\n");
			}
		}
		assertThat(answer.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("cookies_preferences="));
	}

	/** Where a browser goes with this Location: the same site only (backslashes count as slashes, as browsers read). */
	private boolean sameSite(String location) {
		if (!location.startsWith("/") || location.length() > 2100) {
			return false;
		}
		for (char c : location.toCharArray()) {
			if (c < 0x21 || c > 0x7e || c == '\\') {
				return false;
			}
		}
		URI resolved = URI.create("http://localhost:" + this.port + "/").resolve(location);
		return "localhost".equals(resolved.getHost()) && resolved.getPort() == this.port;
	}

}
