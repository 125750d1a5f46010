package org.chartecookies.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What real browsers send (a dozen languages, a language cookie written by another application) never makes any
 * endpoint fail, and never writes a stack trace to the log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RealBrowserHeadersTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** A browser set to six languages (Chrome adds the bare language after each regional one). */
	private static final String SIX_LANGUAGES = "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7,de-DE;q=0.6,de;q=0.5,es-ES;q=0.4,"
			+ "es;q=0.3,it-IT;q=0.2,it;q=0.1,nl;q=0.1";

	private static final List<String> LANGUAGE_HEADERS = List.of(SIX_LANGUAGES, "de,".repeat(500) + "en;q=0.1",
			"*;q=0.5, ;q=, ,,;", "xx-".repeat(100));

	private static final List<String> LANGUAGE_COOKIES = List.of("a.b", "e!n", "en%20GMT", "", "\"en\"", "en-",
			"x".repeat(300));

	private static final List<String> ENDPOINTS = List.of("GET /cookies", "GET /cookies?lang=en",
			"GET /cookies/banner?return=/datasets", "GET /cookies/consent", "POST /cookies/consent",
			"GET /actuator/health", "GET /.well-known/gpc.json", "GET /css/charte.css", "GET /missing");

	@LocalServerPort
	private int port;

	@Test
	void everyEndpointAnswersEveryBrowserWithoutFailing(CapturedOutput log) throws Exception {
		for (String endpoint : ENDPOINTS) {
			for (String language : LANGUAGE_HEADERS) {
				for (String cookie : LANGUAGE_COOKIES) {
					int status = send(endpoint, language, cookie);
					assertThat(status).as(endpoint + " with Accept-Language " + language + " and cookie " + cookie)
						.isBetween(200, 499);
				}
			}
		}
		assertThat(log.getAll()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void aBrowserSetToSixLanguagesGetsItsFirstSupportedOne() throws Exception {
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/cookies"))
			.header("Accept-Language", "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7,fr-FR;q=0.6,fr;q=0.5,es;q=0.4,it;q=0.3,"
					+ "nl;q=0.2,pt;q=0.1,ja;q=0.1")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Language")).hasValue("en");
	}

	@Test
	void aCharsetAskedInAcceptNeverLeavesAnAnswerWithoutAWriter(CapturedOutput log) throws Exception {
		for (String charset : List.of("big5", "windows-1251", "koi8-r", "gb18030", "utf-16", "x-unknown", "\"*\"")) {
			for (String endpoint : ENDPOINTS) {
				for (String accept : List.of("application/json;charset=" + charset,
						"text/html;charset=" + charset + ", application/json;charset=" + charset + ";q=0.9")) {
					String[] parts = endpoint.split(" ");
					HttpRequest.Builder request = HttpRequest.newBuilder(uri(parts[1])).header("Accept", accept);
					if (parts[0].equals("POST")) {
						request.header("Content-Type", "application/x-www-form-urlencoded")
							.POST(HttpRequest.BodyPublishers.ofString("decision=custom&category=statistics"));
					}
					HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

					assertThat(answer.statusCode()).as(endpoint + " with Accept " + accept).isBetween(200, 499);
					answer.headers()
						.firstValue("Content-Type")
						.filter((type) -> type.contains("charset"))
						.ifPresent((type) -> assertThat(type).as(endpoint).containsIgnoringCase("charset=UTF-8"));
				}
			}
		}
		assertThat(log.getAll()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void aMalformedQueryOrFormIsTheClientsErrorNeverTheServers(CapturedOutput log) throws Exception {
		for (String path : List.of("/cookies?=x", "/cookies?a=%E9", "/cookies?a=%zz&lang=en", "/cookies?cookies=%",
				"/cookies/banner?return=/datasets&=y", "/cookies/banner?return=%E9%80", "/missing?=x")) {
			// Over a plain socket: Java's HTTP client refuses to send such addresses.
			RawHttp.Answer answer = RawHttp.exchange(this.port,
					"GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

			assertThat(answer.status()).as(path).isIn(200, 400, 404);
			if (path.startsWith("/cookies/banner")) {
				// The banner reads its own two parameters: a malformed one beside them changes nothing.
				assertThat(answer.body()).as(path).startsWith("<div id=\"cookie-banner\"");
			}
			else {
				assertThat(answer.body()).as(path).contains("</html>");
			}
		}
		for (String form : List.of("decision=%E9%80", "=reject-all", "decision=reject-all&return=%", "%%%")) {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/cookies/consent"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).as(form).isIn(303, 400);
			assertThat(answer.body()).as(form).satisfiesAnyOf((body) -> assertThat(body).isEmpty(),
					(body) -> assertThat(body).contains("</html>"));
		}
		assertThat(log.getAll()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void aClientsMistakeIsAnsweredNotLogged(CapturedOutput log) throws Exception {
		// What the requests log, not the application's start (which warns, for one, that no signing key is set).
		int before = log.getAll().length();
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> notAcceptable = HTTP.send(
					HttpRequest.newBuilder(uri("/cookies/consent")).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(uri("/cookies/banner"))
				.method("DELETE", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(notAcceptable.statusCode()).isEqualTo(406);
			assertThat(wrongMethod.statusCode()).isEqualTo(405);
		}
		assertThat(log.getAll().substring(before)).doesNotContain("Exception").doesNotContain("WARN");
	}

	private int send(String endpoint, String language, String cookie) throws Exception {
		String[] parts = endpoint.split(" ");
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(parts[1]))
			.header("Accept-Language", language)
			.header("Cookie", "django_language=" + cookie)
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		if (parts[0].equals("POST")) {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Sec-Fetch-Site", "same-origin")
				.POST(HttpRequest.BodyPublishers.ofString("decision=reject-all&return=/cookies"));
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
