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
