package org.chartecookies.consent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages are rendered once per (page, language, consent state); what is served again is exactly what a fresh
 * rendering gives, and browsers revalidate it with 304.
 */
class RenderedPageCacheTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String refused(Instant at, String id) {
		return "cookies_preferences=v=1&rev=1&at=" + at.getEpochSecond() + "&id=" + id + "&accepted=&refused=statistics";
	}

	/** The pages a visitor may meet, with the requests that lead to them. */
	static final String[][] PAGES = { { "/cookies" }, { "/cookies?lang=en" }, { "/cookies", "Accept-Language", "en" },
			{ "/cookies", "Cookie", refused(Instant.now(), ConsentCookies.CONSENT_ID) },
			{ "/cookies?cookies=manage", "Cookie", refused(Instant.now(), ConsentCookies.CONSENT_ID) },
			{ "/cookies?cookies=saved", "Cookie", refused(Instant.now(), ConsentCookies.CONSENT_ID) },
			{ "/cookies", "Sec-GPC", "1" }, { "/cookies/banner?return=/datasets" },
			{ "/cookies/banner?return=/datasets&lang=en" } };

	static String page(int port, String[] page) throws Exception {
		String[] headers = new String[page.length - 1];
		System.arraycopy(page, 1, headers, 0, headers.length);
		HttpResponse<String> answer = get(port, page[0], headers);
		assertThat(answer.statusCode()).isEqualTo(200);
		return answer.body();
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class Cached {

		@LocalServerPort
		private int port;

		@Autowired
		private FilterRegistrationBean<RenderedPageCache> cache;

		@Test
		void servedAgainIsByteIdenticalToAFreshRendering() throws Exception {
			for (String[] page : PAGES) {
				String first = page(this.port, page);
				String again = page(this.port, page);
				this.cache.getFilter().clear();
				String fresh = page(this.port, page);

				assertThat(again).as("served again: " + String.join(" ", page)).isEqualTo(first);
				assertThat(fresh).as("rendered afresh: " + String.join(" ", page)).isEqualTo(first);
			}
			assertThat(this.cache.getFilter().size()).isPositive();
		}

		@Test
		void languageAndConsentStateEachHaveTheirOwnRendering() throws Exception {
			String french = page(this.port, new String[] { "/cookies" });
			String english = page(this.port, new String[] { "/cookies", "Accept-Language", "en" });
			String decided = page(this.port, new String[] { "/cookies", "Cookie", refused(Instant.now(), "A".repeat(22)) });
			String sameChoiceOtherVisitor = page(this.port,
					new String[] { "/cookies", "Cookie", refused(Instant.now().minusSeconds(3600), "B".repeat(22)) });

			assertThat(french).contains("lang=\"fr\"").isNotEqualTo(english);
			assertThat(english).contains("lang=\"en\"");
			assertThat(decided).isNotEqualTo(french).doesNotContain("id=\"cookie-banner\"");
			assertThat(sameChoiceOtherVisitor).isEqualTo(decided);
		}

		@Test
		void browsersRevalidateWithNotModified() throws Exception {
			HttpResponse<String> first = get(this.port, "/cookies");
			String etag = first.headers().firstValue("ETag").orElseThrow();

			HttpResponse<String> revalidated = get(this.port, "/cookies", "If-None-Match", etag);
			HttpResponse<String> english = get(this.port, "/cookies", "If-None-Match", etag, "Accept-Language", "en");

			assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
			assertThat(first.headers().allValues("Vary")).anySatisfy(
					(vary) -> assertThat(vary).containsIgnoringCase("Accept-Language")
						.containsIgnoringCase("Cookie")
						.containsIgnoringCase("Sec-GPC"));
			assertThat(revalidated.statusCode()).isEqualTo(304);
			assertThat(revalidated.body()).isEmpty();
			assertThat(english.statusCode()).as("another language is another page").isEqualTo(200);
		}

		@Test
		void choosingALanguageIsStillRememberedWhenThePageComesFromTheCache() throws Exception {
			get(this.port, "/cookies?lang=en");

			HttpResponse<String> again = get(this.port, "/cookies?lang=en");

			assertThat(again.headers().allValues("Set-Cookie")).anySatisfy(
					(cookie) -> assertThat(cookie).startsWith("django_language=en"));
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "charte.registry.location=classpath:registries/two-optional-categories.yaml")
	class AnotherRegistry {

		@LocalServerPort
		private int port;

		@Test
		void aChangedRegistryIsWhatThePagesShow() throws Exception {
			String page = page(this.port, new String[] { "/cookies" });

			assertThat(page).contains("VISITOR_INFO1_LIVE", "Vidéos intégrées").doesNotContain("csrftoken");
		}

	}

}
