package org.chartecookies.web;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.chartecookies.PageText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken HTTP, over a plain socket: each gets a clear 4xx or the normal page, never a 5xx, and no error
 * page shows a stack trace, an exception or the server's name.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileHttpTest {

	private static final String VALID = "v=1&rev=1&at=%d&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=statistics";

	@LocalServerPort
	private int port;

	@Test
	void oversizedCookieHeaderIsALocalizedBadRequest() throws Exception {
		RawHttp.Answer answer = get("/cookies", "Cookie: big=" + "x".repeat(20_000) + "\r\nAccept-Language: fr\r\n");

		assertClearRefusal(answer, 400);
		assertThat(PageText.of(answer.body())).contains("Demande incorrecte", "Erreur 400");
		assertThat(answer.header("Content-Security-Policy")).startsWith("default-src 'none'");
		assertThat(answer.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
		assertThat(answer.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
		assertThat(answer.header("Permissions-Policy")).contains("camera=()");
		assertThat(answer.header("Cache-Control")).as("its language follows the request: never stored")
			.isEqualTo("no-store");
		assertThat(answer.header("Vary")).contains("Accept-Language");
	}

	@Test
	void oversizedHeaderIsABadRequestInEnglishForAnEnglishBrowser() throws Exception {
		RawHttp.Answer answer = get("/cookies", "Accept-Language: en-GB,en\r\nCookie: big=" + "x".repeat(20_000) + "\r\n");

		assertClearRefusal(answer, 400);
		assertThat(PageText.of(answer.body())).contains("Bad request", "Error 400");
	}

	@Test
	void overlongUrlIsABadRequest() throws Exception {
		// Nothing of such a request can be read, not even its language: the page is in French, the default.
		RawHttp.Answer answer = get("/cookies?q=" + "a".repeat(20_000), "Accept-Language: en\r\n");

		assertClearRefusal(answer, 400);
		assertThat(PageText.of(answer.body())).contains("Demande incorrecte");
	}

	@Test
	void asManyCookiesAsABrowserKeepsStillGetTheNormalPage() throws Exception {
		// Chromium keeps at most 180 cookies per domain.
		RawHttp.Answer answer = get("/cookies", "Cookie: " + cookies(180) + "\r\n");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("id=\"cookie-banner\"");
	}

	/** Sibling subdomains and scripts can add more: what the request header's size allows gets the normal page. */
	@Test
	void hundredsMoreCookiesStillGetTheNormalPage() throws Exception {
		RawHttp.Answer answer = get("/cookies", "Cookie: " + cookies(500) + "\r\nAccept: text/html\r\n");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("id=\"cookie-banner\"");
	}

	/**
	 * Refusing must never fail: a visitor carrying hundreds of cookies of the category refused gets the refusal
	 * recorded, as many deletions as fit, and the security headers.
	 */
	@Test
	void aRefusalWithHundredsOfCookiesClearsWhatItCanWithTheSecurityHeaders() throws Exception {
		String cookies = IntStream.range(0, 300).mapToObj((i) -> "_pk_id." + i + "=x").collect(Collectors.joining("; "));
		byte[] form = "decision=reject-all".getBytes(StandardCharsets.ISO_8859_1);
		String head = "POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nCookie: " + cookies
				+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length
				+ "\r\nConnection: close\r\n\r\n";

		RawHttp.Answer answer = RawHttp.exchange(this.port, head.getBytes(StandardCharsets.ISO_8859_1), form);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(303);
		assertThat(answer.head().lines().filter((line) -> line.startsWith("Set-Cookie: ")))
			.anySatisfy((line) -> assertThat(line).startsWith("Set-Cookie: cookies_preferences="))
			.anySatisfy((line) -> assertThat(line).startsWith("Set-Cookie: _pk_id.0=;"));
		assertThat(answer.header("Content-Security-Policy")).startsWith("default-src 'none'");
		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	/** Past the request header's size limit (8 KB), whatever the number of cookies: Tomcat's 400, with our headers. */
	@Test
	void moreCookiesThanTheHeaderLimitHoldsAreALocalizedBadRequest() throws Exception {
		RawHttp.Answer answer = get("/cookies", "Accept-Language: en\r\nCookie: " + cookies(2000) + "\r\n");

		assertClearRefusal(answer, 400);
		assertThat(PageText.of(answer.body())).contains("Bad request");
		assertThat(answer.header("Content-Security-Policy")).startsWith("default-src 'none'");
		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	/**
	 * A request Tomcat refuses once its headers are read (an address it cannot decode or normalise) gets the
	 * application's error page without passing the application's filters: the security headers all the same.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "GET /%zz", "GET /cookies/../../etc", "TRACE /cookies" })
	void aRequestTomcatRefusesAfterItsHeadersGetsTheSecurityHeaders(String request) throws Exception {
		RawHttp.Answer answer = RawHttp.exchange(this.port,
				request + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

		assertClearRefusal(answer, -1);
		assertThat(answer.header("Content-Security-Policy")).startsWith("default-src 'none'");
		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(answer.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
	}

	/**
	 * An HTTP/0.9 request ({@code GET /cookies} and no version) would get the page without a status line or a single
	 * header, so without the security headers: a content-sniffing client could render it with none of the policy. It
	 * gets nothing; HTTP/1.0 still gets the page.
	 */
	@Test
	void anHttp09RequestGetsNoPageSinceItsAnswerCouldCarryNoSecurityHeader() throws Exception {
		RawHttp.Answer old = RawHttp.exchange(this.port, "GET /cookies\r\n");
		RawHttp.Answer http10 = RawHttp.exchange(this.port, "GET /cookies HTTP/1.0\r\n\r\n");

		assertThat(old.head() + old.body()).doesNotContain("<html").doesNotContain("Charte");
		assertThat(http10.status()).isEqualTo(200);
		assertThat(http10.body()).contains("<html");
	}

	private static String cookies(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "c" + i + "=" + i).collect(Collectors.joining("; "));
	}

	@Test
	void duplicateConsentCookiesTheValidOneCounts() throws Exception {
		String valid = VALID.formatted(System.currentTimeMillis() / 1000);

		for (String cookies : new String[] { "cookies_preferences=garbage; cookies_preferences=" + valid,
				"cookies_preferences=" + valid + "; cookies_preferences=garbage" }) {
			RawHttp.Answer answer = get("/cookies", "Cookie: " + cookies + "\r\n");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).doesNotContain("id=\"cookie-banner\"");
		}
		RawHttp.Answer bothBroken = get("/cookies", "Cookie: cookies_preferences=a; cookies_preferences=v=1&rev\r\n");
		assertThat(bothBroken.status()).isEqualTo(200);
		assertThat(bothBroken.body()).contains("id=\"cookie-banner\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "text/plain", "application/xml", "application/octet-stream",
			"application/x-www-form-urlencoded; charset=nonsense" })
	void wrongContentTypeIsABadRequestAndSetsNothing(String contentType) throws Exception {
		RawHttp.Answer answer = post("/cookies/consent", contentType, "{\"decision\":\"accept-all\"}");

		assertClearRefusal(answer, 400);
		assertThat(answer.header("Set-Cookie")).isNull();
	}

	@Test
	void invalidUtf8IsRefusedOrIgnoredNeverAServerError() throws Exception {
		RawHttp.Answer badDecision = post("/cookies/consent", "application/x-www-form-urlencoded", "decision=%C3%28%FF");
		RawHttp.Answer badReturn = post("/cookies/consent", "application/x-www-form-urlencoded",
				"decision=reject-all&return=/%FF%FE%C3");
		RawHttp.Answer badQuery = get("/cookies?lang=%FF%FE&x=%C3%28", "");
		RawHttp.Answer rawBytes = RawHttp.exchange(this.port,
				"GET /cookies?x=\u00ff\u00fe HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);

		assertClearRefusal(badDecision, 400);
		// Tomcat refuses a form whose encoding is broken as a whole.
		assertClearRefusal(badReturn, 400);
		assertThat(badReturn.header("Set-Cookie")).isNull();
		assertThat(badQuery.status()).isIn(200, 400);
		assertClearRefusalOrPage(badQuery);
		assertThat(rawBytes.status()).isIn(200, 400);
		assertClearRefusalOrPage(rawBytes);
	}

	@Test
	void multiMegabyteBodiesAreRefused() throws Exception {
		String huge = "decision=accept-all&return=/" + "a".repeat(3 * 1024 * 1024);

		RawHttp.Answer form = post("/cookies/consent", "application/x-www-form-urlencoded", huge);
		RawHttp.Answer json = post("/cookies/consent", "application/json", "[" + "1,".repeat(1024 * 1024) + "1]");

		assertThat(form.status()).isBetween(400, 499);
		assertThat(form.header("Set-Cookie")).isNull();
		assertThat(json.status()).isBetween(400, 499);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "CONNECT", "FOO" })
	void unexpectedMethodsAreRefused(String method) throws Exception {
		RawHttp.Answer answer = RawHttp.exchange(this.port, method
				+ " /cookies/consent HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

		assertClearRefusal(answer, -1);
		assertThat(answer.header("Set-Cookie")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/css/..%2F..%2Fapplication.properties",
			"/webjars/../application.properties", "/cookies/..;/actuator/env", "/%252e%252e/application.properties",
			"/js/%2e%2e%5capplication.properties", "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF",
			"/classpath:application.properties", "/actuator/env", "/actuator/heapdump", "/application.properties",
			"/registry/cookies.yaml/../../application.properties" })
	void pathTraversalReachesNothing(String path) throws Exception {
		RawHttp.Answer answer = get(path, "Accept: text/html\r\n");

		assertClearRefusal(answer, -1);
		assertThat(answer.body()).doesNotContain("spring.application.name", "root:x:", "Manifest-Version");
	}

	@Test
	void emptyHostIsAllowedByHttp11AndGetsTheNormalPage() throws Exception {
		RawHttp.Answer answer = RawHttp.exchange(this.port, "GET /cookies HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Host: a b\r\n", "Host: localhost\r\nHost: other\r\n", "Host: [::1\r\n",
			"Host: localhost:notaport\r\n", "" })
	void badHostIsABadRequest(String host) throws Exception {
		RawHttp.Answer answer = RawHttp.exchange(this.port,
				"GET /cookies HTTP/1.1\r\n" + host + "Accept: text/html\r\nConnection: close\r\n\r\n");

		assertClearRefusal(answer, 400);
	}

	@Test
	void foreignHostStillGetsTheSamePageWithRelativeLinksOnly() throws Exception {
		RawHttp.Answer answer = RawHttp.exchange(this.port,
				"GET /cookies HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).doesNotContain("evil.example");
	}

	private RawHttp.Answer get(String path, String headers) throws Exception {
		return RawHttp.exchange(this.port,
				"GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n");
	}

	private RawHttp.Answer post(String path, String contentType, String body) throws Exception {
		byte[] content = body.getBytes(StandardCharsets.ISO_8859_1);
		String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nContent-Type: "
				+ contentType + "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
		return RawHttp.exchange(this.port, head.getBytes(StandardCharsets.ISO_8859_1), content);
	}

	private static void assertClearRefusalOrPage(RawHttp.Answer answer) {
		if (answer.status() != 200) {
			assertClearRefusal(answer, -1);
		}
	}

	/** A 4xx (the given one, or any when -1) that shows nothing of the server's inside. */
	private static void assertClearRefusal(RawHttp.Answer answer, int status) {
		if (status > 0) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		}
		else {
			assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
		}
		assertThat(answer.body()).doesNotContain("Exception", "\tat ", "Tomcat", "Whitelabel", "stack");
		assertThat(answer.head()).doesNotContainIgnoringCase("Server:");
	}

}
