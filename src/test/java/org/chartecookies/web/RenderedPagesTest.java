package org.chartecookies.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pages are rendered once per view, language and page context; what is served again is exactly what a fresh rendering
 * gives, plain or gzip-compressed, with the same headers; and nothing else a client sends changes what the next
 * visitor gets.
 */
class RenderedPagesTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String CONSENT_ID = "Qk3v0X9bT6mZ1cR2aY8uEw";

	static HttpResponse<byte[]> get(int port, String path, String... headers) throws IOException, InterruptedException {
		return send(port, "GET", path, headers);
	}

	static HttpResponse<byte[]> send(int port, String method, String path, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	static String text(HttpResponse<byte[]> answer) {
		return new String(answer.body(), StandardCharsets.UTF_8);
	}

	static byte[] gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

	static String refused(Instant at, String id) {
		return "cookies_preferences=v=1&rev=1&at=" + at.getEpochSecond() + "&id=" + id + "&accepted=&refused=statistics";
	}

	/** The headers that describe an answer (all but the date). */
	static Map<String, List<String>> described(HttpHeaders headers) {
		Map<String, List<String>> described = new TreeMap<>(headers.map());
		described.remove("date");
		return described;
	}

	/** The pages a visitor may meet, with the requests that lead to them. */
	static final String[][] PAGES = { { "/cookies" }, { "/cookies?lang=en" }, { "/cookies", "Accept-Language", "en" },
			{ "/cookies", "Cookie", refused(Instant.now(), CONSENT_ID) },
			{ "/cookies?cookies=manage", "Cookie", refused(Instant.now(), CONSENT_ID) },
			{ "/cookies?cookies=saved", "Cookie", refused(Instant.now(), CONSENT_ID) },
			{ "/cookies", "Sec-GPC", "1" }, { "/cookies/banner?return=/datasets" },
			{ "/cookies/banner?return=/datasets&lang=en" }, { "/cookies/banner?return=/datasets&cookies=manage" } };

	static HttpResponse<byte[]> page(int port, String[] page, String... more) throws Exception {
		List<String> headers = new ArrayList<>(List.of(page).subList(1, page.length));
		headers.addAll(List.of(more));
		HttpResponse<byte[]> answer = get(port, page[0], headers.toArray(String[]::new));
		assertThat(answer.statusCode()).as(String.join(" ", page)).isEqualTo(200);
		return answer;
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class Cached {

		@LocalServerPort
		private int port;

		@Autowired
		private RenderedPages pages;

		@Autowired
		private MeterRegistry meters;

		@Test
		void servedAgainIsByteIdenticalToAFreshRenderingWithTheSameHeaders() throws Exception {
			for (String[] page : PAGES) {
				this.pages.clear();
				HttpResponse<byte[]> fresh = page(this.port, page);
				HttpResponse<byte[]> again = page(this.port, page);
				this.pages.clear();
				HttpResponse<byte[]> freshGzip = page(this.port, page, "Accept-Encoding", "gzip");
				HttpResponse<byte[]> againGzip = page(this.port, page, "Accept-Encoding", "gzip");

				String name = String.join(" ", page);
				assertThat(again.body()).as("served again: " + name).isEqualTo(fresh.body());
				assertThat(described(again.headers())).as("headers served again: " + name)
					.isEqualTo(described(fresh.headers()));
				assertThat(gunzip(freshGzip.body())).as("gzip form: " + name).isEqualTo(fresh.body());
				assertThat(againGzip.body()).as("gzip served again: " + name).isEqualTo(freshGzip.body());
				assertThat(described(againGzip.headers())).as("gzip headers served again: " + name)
					.isEqualTo(described(freshGzip.headers()));
			}
			assertThat(this.pages.size()).isPositive();
		}

		@Test
		void everyAnswerIsUtf8HtmlWithItsLanguageLengthAndVary() throws Exception {
			for (String[] page : PAGES) {
				for (String encoding : new String[] { "gzip", "identity", "gzip;q=0, identity" }) {
					HttpResponse<byte[]> answer = page(this.port, page, "Accept-Encoding", encoding);
					String name = String.join(" ", page) + " with " + encoding;

					assertThat(answer.headers().firstValue("Content-Type")).as(name).hasValue("text/html;charset=UTF-8");
					boolean english = List.of(page).contains("en") || page[0].contains("lang=en");
					assertThat(answer.headers().firstValue("Content-Language")).as(name).hasValue(english ? "en" : "fr");
					assertThat(answer.headers().firstValueAsLong("Content-Length")).as(name)
						.hasValue(answer.body().length);
					assertThat(answer.headers().allValues("Vary")).as(name)
						.containsExactly("Accept-Encoding, Accept-Language, Cookie, Sec-GPC");
					assertThat(answer.headers().firstValue("Content-Encoding")).as(name)
						.isEqualTo(encoding.equals("gzip") ? Optional.of("gzip") : Optional.empty());
				}
			}
		}

		@Test
		void aHeadRequestGetsTheHeadersOfTheGetWithoutABody() throws Exception {
			HttpResponse<byte[]> get = get(this.port, "/cookies", "Accept-Encoding", "gzip");
			HttpResponse<byte[]> head = send(this.port, "HEAD", "/cookies", "Accept-Encoding", "gzip");

			assertThat(head.statusCode()).isEqualTo(200);
			assertThat(head.body()).isEmpty();
			assertThat(described(head.headers())).isEqualTo(described(get.headers()));
		}

		@Test
		void languageAndConsentStateEachHaveTheirOwnRenderingAndVisitorsWithTheSameChoicesShareOne() throws Exception {
			String french = text(page(this.port, new String[] { "/cookies" }));
			String english = text(page(this.port, new String[] { "/cookies", "Accept-Language", "en" }));
			String decided = text(page(this.port, new String[] { "/cookies", "Cookie", refused(Instant.now(), "A".repeat(22)) }));
			String sameChoiceOtherVisitor = text(page(this.port,
					new String[] { "/cookies", "Cookie", refused(Instant.now().minusSeconds(3600), "B".repeat(21) + "A") }));

			assertThat(french).contains("lang=\"fr\"").isNotEqualTo(english);
			assertThat(english).contains("lang=\"en\"");
			assertThat(decided).isNotEqualTo(french).doesNotContain("id=\"cookie-banner\"");
			assertThat(sameChoiceOtherVisitor.replace("B".repeat(21) + "A", "A".repeat(22)))
				.as("the same page, but for each visitor's own consent id").isEqualTo(decided);
		}

		@Test
		void browsersRevalidateEachFormWithNotModified() throws Exception {
			for (String encoding : new String[] { "identity", "gzip" }) {
				HttpResponse<byte[]> first = get(this.port, "/cookies", "Accept-Encoding", encoding);
				String etag = first.headers().firstValue("ETag").orElseThrow();

				HttpResponse<byte[]> revalidated = get(this.port, "/cookies", "If-None-Match", etag, "Accept-Encoding",
						encoding);
				HttpResponse<byte[]> english = get(this.port, "/cookies", "If-None-Match", etag, "Accept-Language", "en",
						"Accept-Encoding", encoding);

				assertThat(etag).as("a strong validator").startsWith("\"");
				assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
				assertThat(revalidated.statusCode()).as(encoding).isEqualTo(304);
				assertThat(revalidated.body()).isEmpty();
				assertThat(english.statusCode()).as("another language is another page").isEqualTo(200);
			}
			String plain = get(this.port, "/cookies").headers().firstValue("ETag").orElseThrow();
			String gzip = get(this.port, "/cookies", "Accept-Encoding", "gzip").headers().firstValue("ETag").orElseThrow();
			assertThat(gzip).as("each form has its own validator").isNotEqualTo(plain);
		}

		@Test
		void choosingALanguageSetsItsCookieOnceWhetherThePageIsRenderedOrServedAgain() throws Exception {
			this.pages.clear();
			HttpResponse<byte[]> rendered = get(this.port, "/cookies?lang=en");
			HttpResponse<byte[]> servedAgain = get(this.port, "/cookies?lang=en");

			for (HttpResponse<byte[]> answer : List.of(rendered, servedAgain)) {
				assertThat(answer.headers().allValues("Set-Cookie")).singleElement()
					.satisfies((cookie) -> assertThat(cookie).startsWith("django_language=en;"));
			}
			assertThat(get(this.port, "/cookies").headers().allValues("Set-Cookie"))
				.as("no cookie the visitor did not ask for").isEmpty();
		}

		@Test
		void parametersThePageDoesNotUseShareThePlainPagesRendering() throws Exception {
			byte[] plain = page(this.port, new String[] { "/cookies" }).body();
			long kept = this.pages.size();

			for (int i = 0; i < 50; i++) {
				byte[] tracked = page(this.port, new String[] { "/cookies?utm_source=newsletter-" + i + "&fbclid=" + i })
					.body();
				assertThat(tracked).isEqualTo(plain);
			}
			for (String variant : new String[] { "/cookies;x=1", "/cookies;jsessionid=ABC", "/c%6Fokies",
					"/cookies;a=b?utm_source=x" }) {
				assertThat(page(this.port, new String[] { variant }).body()).as(variant).isEqualTo(plain);
			}
			assertThat(this.pages.size()).isEqualTo(kept);
		}

		@Test
		void hitsAndMissesAreCounted() throws Exception {
			this.pages.clear();
			double hits = gets("hit");
			double misses = gets("miss");

			get(this.port, "/cookies/banner?return=/counted");
			get(this.port, "/cookies/banner?return=/counted");
			get(this.port, "/cookies/banner?return=/counted");

			assertThat(gets("miss") - misses).isEqualTo(1);
			assertThat(gets("hit") - hits).isEqualTo(2);
		}

		private double gets(String result) {
			return this.meters.get("cache.gets").tag("cache", "rendered-pages").tag("result", result).functionCounter().count();
		}

		@Test
		void aPageServedAgainIsAnsweredForItsOwnAddressOnly() throws Exception {
			this.pages.clear();
			page(this.port, new String[] { "/cookies/banner?return=/first" });
			String first = text(page(this.port, new String[] { "/cookies/banner?return=/first" }));
			page(this.port, new String[] { "/cookies" });
			page(this.port, new String[] { "/cookies" });

			assertThat(text(page(this.port, new String[] { "/cookies/banner?return=/second" })))
				.contains("name=\"return\" value=\"/second\"").doesNotContain("/first");
			send(this.port, "HEAD", "/cookies/banner");
			page(this.port, new String[] { "/cookies/banner" });
			assertThat(text(page(this.port, new String[] { "/cookies/banner?return=/first" })))
				.as("a banner asked without a query is not the answer to every query").isEqualTo(first);
			assertThat(text(page(this.port, new String[] { "/cookies/banner?return=/third" })))
				.contains("name=\"return\" value=\"/third\"");
			assertThat(text(page(this.port, new String[] { "/cookies/banner?return=/first&cookies=manage" })))
				.as("the banner's own switch is part of its address").isNotEqualTo(first);
			assertThat(get(this.port, "/cookies/elsewhere").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/cookies/").statusCode()).isEqualTo(404);
			assertThat(send(this.port, "DELETE", "/cookies").statusCode()).isEqualTo(405);
			assertThat(text(page(this.port, new String[] { "/cookies?cookies=manage" })))
				.as("the page's switch is part of its context").isNotEqualTo(text(get(this.port, "/cookies")));
		}

		@Test
		void oneBannerRenderingServesEveryPageOfAPlatformEachWithItsOwnAddress() throws Exception {
			this.pages.clear();
			page(this.port, new String[] { "/cookies/banner?return=/first" });
			long kept = this.pages.size();
			List<String> etags = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				String address = "/p" + i + "?a=" + i + "&b=x";
				String encoded = URLEncoder.encode(address, StandardCharsets.UTF_8);
				HttpResponse<byte[]> banner = page(this.port, new String[] { "/cookies/banner?return=" + encoded },
						"Accept-Encoding", (i % 2 == 0) ? "gzip" : "identity");
				String html = new String((i % 2 == 0) ? gunzip(banner.body()) : banner.body(), StandardCharsets.UTF_8);

				assertThat(html).as(address)
					.contains("name=\"return\" value=\"/p" + i + "?a=" + i + "&amp;b=x\"")
					.doesNotContain("charte-return-", "charte-manage-");
				etags.add(banner.headers().firstValue("ETag").orElseThrow());
			}
			assertThat(this.pages.size()).as("one rendering for every page").isEqualTo(kept);
			assertThat(etags).as("each page's banner its own validator").doesNotHaveDuplicates();
			String confirmation = text(page(this.port,
					new String[] { "/cookies/banner?return=" + URLEncoder.encode("/p?a=1&b=2", StandardCharsets.UTF_8)
							+ "&cookies=saved", "Cookie", refused(Instant.now(), CONSENT_ID) }));
			assertThat(confirmation).contains("href=\"/p?a=1&amp;b=2&amp;cookies=manage\"", "href=\"/p?a=1&amp;b=2\"")
				.doesNotContain("charte-return-", "charte-manage-");
		}

		@Test
		void pagesServedAgainAreCountedUnderTheirRouteLikeAnyRequest() throws Exception {
			// The other tests' requests counted first: one may end a moment after its client read the answer.
			await().atMost(Duration.ofSeconds(10)).until(() -> this.meters.find("http.server.requests.active")
				.longTaskTimers()
				.stream()
				.mapToInt((timer) -> timer.activeTasks())
				.sum() == 0);
			double before = requests("/cookies");
			double bannerBefore = requests("/cookies/banner");

			for (int i = 0; i < 3; i++) {
				page(this.port, new String[] { "/cookies?utm_source=" + i });
				page(this.port, new String[] { "/cookies/banner?return=/counted-route" });
			}

			// A request is counted once its answer is sent, which the client may have read a moment before.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(requests("/cookies") - before).isEqualTo(3);
				assertThat(requests("/cookies/banner") - bannerBefore).isEqualTo(3);
			});
		}

		private double requests(String route) {
			return this.meters.find("http.server.requests").tag("uri", route).timers().stream()
				.mapToDouble((timer) -> timer.count()).sum();
		}

		@Test
		void aCachedPagePrintsNothingOfTheRequestItWasFirstRenderedFor() throws Exception {
			this.pages.clear();
			String first = text(get(this.port, "/test/echo?echo=first", "X-Echo", "first", "Cookie", "echo=first"));
			String second = text(get(this.port, "/test/echo?echo=second", "X-Echo", "second", "Cookie", "echo=second"));

			assertThat(first).contains("<p id=\"param\">[null]</p>").doesNotContain("first");
			assertThat(second).isEqualTo(first);
		}

		@Test
		void noHeaderParameterOrCookieChangesWhatTheNextVisitorGets() throws Exception {
			List<String[]> visitors = List.of(new String[] { "/cookies" }, new String[] { "/cookies?lang=en" },
					new String[] { "/cookies/banner?return=/datasets" },
					new String[] { "/cookies", "Cookie", refused(Instant.now(), CONSENT_ID) });
			List<byte[]> before = new ArrayList<>();
			for (String[] visitor : visitors) {
				before.add(page(this.port, visitor).body());
			}
			String[] accepts = { "text/html;charset=IBM037", "text/html;charset=UTF-16", "text/html;charset=Shift_JIS",
					"application/json", "*/*;charset=ISO-8859-1", "text/plain", "text/html;q=0", "image/webp",
					"application/xhtml+xml;charset=UTF-32", "text/*;charset=x-unknown" };
			String[] languages = { "de", "en-GB,en;q=0.9", "*", "zz-ZZ", "fr;q=abc", "en;q=0.5,fr;q=0.6",
					"a".repeat(200), "en,".repeat(300), "", ";;;,,," };
			int servedFromAHostileRendering = 0;
			for (int i = 0; i < 1000; i++) {
				// Nothing kept: the hostile request is rendered, and kept, before any visitor asks.
				this.pages.clear();
				String path = switch (i % 4) {
					case 0 -> "/cookies?utm_source=" + i;
					case 1 -> "/cookies?lang=" + ((i % 3 == 0) ? "en" : "xx" + i) + "&ref=" + i;
					case 2 -> "/cookies/banner?return=/datasets&x=" + i;
					default -> "/cookies?cookies=" + i;
				};
				send(this.port, (i % 5 == 0) ? "HEAD" : "GET", path, "Accept", accepts[i % accepts.length],
						"Accept-Charset", "IBM037", "Accept-Language", languages[i % languages.length],
						"Accept-Encoding", (i % 2 == 0) ? "gzip" : "br;q=1, gzip;q=0", "Cookie",
						"django_language=" + ((i % 7 == 0) ? "e!n" : "a.b") + "; cookies_preferences=v=1&rev=" + i);
				double hits = cacheHits();
				for (int v = 0; v < visitors.size(); v++) {
					assertThat(page(this.port, visitors.get(v)).body()).as(i + ": " + String.join(" ", visitors.get(v)))
						.isEqualTo(before.get(v));
				}
				if (cacheHits() > hits) {
					servedFromAHostileRendering++;
				}
			}
			// The visitors' four pages are four renderings: a hit among their requests is the hostile request's.
			assertThat(servedFromAHostileRendering).as("rounds where a visitor got the hostile request's rendering")
				.isGreaterThan(250);
		}

		private double cacheHits() {
			return this.meters.get("cache.gets").tag("cache", "rendered-pages").tag("result", "hit").functionCounter()
				.count();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "charte.render-cache.enabled=false")
	class Uncached {

		@LocalServerPort
		private int port;

		@Test
		void withoutTheCacheEveryPageIsTheSameBytesAndHeaders() throws Exception {
			for (String[] page : PAGES) {
				HttpResponse<byte[]> first = page(this.port, page, "Accept-Encoding", "gzip");
				HttpResponse<byte[]> second = page(this.port, page, "Accept-Encoding", "gzip");

				assertThat(gunzip(second.body())).isEqualTo(gunzip(first.body()));
				assertThat(described(second.headers())).isEqualTo(described(first.headers()));
			}
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
			String page = text(page(this.port, new String[] { "/cookies" }));

			assertThat(page).contains("VISITOR_INFO1_LIVE", "Vidéos intégrées").doesNotContain("csrftoken");
		}

	}

}
