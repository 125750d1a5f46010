package org.chartecookies.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an outside tester broke on the running jar, over real HTTP, each now a specification.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "charte.registry.location=classpath:registries/two-optional-categories.yaml")
@ExtendWith(OutputCaptureExtension.class)
class OutsiderFindingsTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@Test
	void aMultipartContentTypeIsAnOrdinaryRequestNeverAnError(CapturedOutput log) throws Exception {
		for (String type : List.of("multipart/form-data", "multipart/mixed", "multipart/form-data; boundary=x")) {
			for (String path : List.of("/cookies", "/cookies/banner?return=/x", "/actuator/health", "/missing")) {
				HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(type + " " + path).isBetween(200, 499);
			}
			HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/cookies/consent"))
				.header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString("--x\r\n\r\n"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(post.statusCode()).as(type + " post").isEqualTo(400);
		}
		assertThat(log.getAll()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void aRefusalIsRecordedWhateverNumberOfCookiesOfTheRefusedCategoryTheVisitorCarries() throws Exception {
		String cookies = IntStream.range(0, 150)
			.mapToObj((i) -> "_pk_id." + i + "." + Long.toHexString(i) + "=x")
			.collect(Collectors.joining("; "));
		for (String accept : List.of("text/html", "application/json")) {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/cookies/consent"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", accept)
				.header("Cookie", cookies)
				.POST(HttpRequest.BodyPublishers.ofString("decision=reject-all"))
				.build(), HttpResponse.BodyHandlers.ofString());

			List<String> set = answer.headers().allValues("Set-Cookie");
			assertThat(answer.statusCode()).as(accept).isIn(200, 303);
			assertThat(set).as("the decision").anySatisfy((c) -> assertThat(c).startsWith("cookies_preferences="));
			assertThat(set).as("deletions, as many as fit").anySatisfy((c) -> assertThat(c).startsWith("_pk_id.0.0=;"));
		}
	}

	@Test
	void errorAnswersSayWhatTheyVaryOnAndAreNeverStored() throws Exception {
		for (String accept : List.of("text/html", "application/json")) {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/missing")).header("Accept", accept)
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).isEqualTo(404);
			assertThat(answer.headers().firstValue("Cache-Control")).as(accept).hasValue("no-store");
			assertThat(String.join(",", answer.headers().allValues("Vary")).toLowerCase())
				.contains("accept,", "accept-language", "cookie");
		}
	}

	@Test
	void onlyPagesAndErrorPagesRememberALanguageAskedInTheQuery() throws Exception {
		for (String path : List.of("/css/charte.css?lang=en", "/.well-known/gpc.json?lang=en",
				"/cookies/consent?lang=en", "/cookies/banner?return=/x&lang=en", "/actuator/health?lang=en")) {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(answer.headers().allValues("Set-Cookie")).as(path).isEmpty();
		}
		for (String page : List.of("/cookies?lang=en", "/missing?lang=en")) {
			HttpResponse<String> answer = HTTP.send(
					HttpRequest.newBuilder(uri(page)).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(answer.headers().allValues("Set-Cookie")).as(page)
				.singleElement()
				.satisfies((c) -> assertThat(c).startsWith("django_language=en;"));
		}
	}

	@Test
	void aMalformedParameterBesideTheBannersOwnChangesNothing() throws Exception {
		String plain = RawHttp.exchange(this.port, request("/cookies/banner?return=/x")).body();
		for (String path : List.of("/cookies/banner?return=/x&utm=%FF", "/cookies/banner?return=/x&=y",
				"/cookies/banner?return=/x&cookies=%FF")) {
			RawHttp.Answer answer = RawHttp.exchange(this.port, request(path));
			assertThat(answer.status()).as(path).isEqualTo(200);
			assertThat(answer.body()).as(path).isEqualTo(plain).doesNotContain("<html");
		}
	}

	@Test
	void charactersBrowsersLeaveRawInAQueryGiveThePage() throws Exception {
		String plain = RawHttp.exchange(this.port, request("/cookies")).body();
		for (String path : List.of("/cookies?utm_content=a|b", "/cookies?a[]=1&b[x]=2", "/cookies?q={x}",
				"/cookies?q=^", "/cookies?q=`", "/cookies?q=a\\b")) {
			RawHttp.Answer answer = RawHttp.exchange(this.port, request(path));
			assertThat(answer.status()).as(path).isEqualTo(200);
			assertThat(answer.body()).as(path).isEqualTo(plain);
		}
	}

	@Test
	void dotSegmentsAreRefusedWithoutALogLine(CapturedOutput log) throws Exception {
		// What the requests log, not the application's start (which warns, for one, that no signing key is set).
		int before = log.getAll().length();
		for (int i = 0; i < 5; i++) {
			assertThat(RawHttp.exchange(this.port, request("/x/../cookies" + i)).status()).isBetween(400, 404);
		}
		assertThat(log.getAll().substring(before)).doesNotContain("WARN");
	}

	private static String request(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n";
	}

}
