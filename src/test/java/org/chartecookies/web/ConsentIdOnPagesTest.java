package org.chartecookies.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chartecookies.web.RenderedPagesTest.get;
import static org.chartecookies.web.RenderedPagesTest.gunzip;
import static org.chartecookies.web.RenderedPagesTest.refused;
import static org.chartecookies.web.RenderedPagesTest.send;

/**
 * A visitor who decided can quote their consent id: the charter and the confirmation show it. Such a page is rendered
 * for its visitor and never kept (the cache does not grow with visitors), and no answer ever shows one visitor's id to
 * another: plain or gzip, to a HEAD, or as a {@code 304}.
 */
class ConsentIdOnPagesTest {

	private static final String ALICE = "AliceAliceAliceAlice0w";

	private static final String BOB = "BobBobBobBobBobBobBobA";

	/** The pages that show the id: the charter, its confirmation, and the banner's confirmation for another page. */
	private static final List<String> PAGES = List.of("/cookies", "/cookies?lang=en", "/cookies?cookies=saved",
			"/cookies/banner?return=/datasets&cookies=saved", "/cookies/banner?return=/datasets%3Fcookies%3Dsaved&lang=en");

	private static String cookie(String id) {
		return refused(Instant.now(), id);
	}

	private static String body(HttpResponse<byte[]> answer) throws Exception {
		boolean gzip = answer.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
		return new String(gzip ? gunzip(answer.body()) : answer.body(), StandardCharsets.UTF_8);
	}

	static void eachVisitorSeesTheirOwnIdOnly(int port) throws Exception {
		for (String page : PAGES) {
			for (String encoding : new String[] { "identity", "gzip" }) {
				// Alice first (rendered, or served again), then Bob (served again), then Alice again.
				for (String visitor : new String[] { ALICE, BOB, ALICE }) {
					String other = visitor.equals(ALICE) ? BOB : ALICE;
					HttpResponse<byte[]> answer = get(port, page, "Cookie", cookie(visitor), "Accept-Encoding", encoding);
					String name = page + " for " + visitor + " with " + encoding;

					assertThat(answer.statusCode()).as(name).isEqualTo(200);
					assertThat(body(answer)).as(name)
						.contains("<code>" + visitor + "</code>")
						.doesNotContain(other, "charte-return-", "charte-manage-");
					assertThat(answer.headers().firstValueAsLong("Content-Length")).as(name)
						.hasValue(answer.body().length);
				}
			}
		}
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class Cached {

		@LocalServerPort
		private int port;

		@Autowired
		private RenderedPages pages;

		@Test
		void theCharterAndTheConfirmationShowTheVisitorsOwnConsentId() throws Exception {
			String charter = body(get(this.port, "/cookies", "Cookie", cookie(ALICE)));
			String english = body(get(this.port, "/cookies?lang=en", "Cookie", cookie(ALICE)));
			String banner = body(get(this.port, "/cookies/banner?return=/datasets&cookies=saved", "Cookie", cookie(ALICE)));

			assertThat(charter).contains("Votre identifiant de consentement :", "<code>" + ALICE + "</code>");
			assertThat(english).contains("Your consent id:", "<code>" + ALICE + "</code>");
			assertThat(banner).contains("cookie-banner__confirmation", "<code>" + ALICE + "</code>");
		}

		@Test
		void twoVisitorsGetTheirOwnIdAndTheCacheDoesNotGrowWithVisitors() throws Exception {
			this.pages.clear();
			eachVisitorSeesTheirOwnIdOnly(this.port);
			long kept = this.pages.size();
			for (int i = 0; i < 20; i++) {
				String id = "Visitor" + "0".repeat(12) + String.format("%02d", i) + "A";
				assertThat(body(get(this.port, "/cookies", "Cookie", cookie(id)))).contains("<code>" + id + "</code>");
			}
			assertThat(this.pages.size()).as("no rendering kept for a visitor's own page")
				.isEqualTo(kept);
		}

		@Test
		void theGzipFormIsThePlainFormCompressed() throws Exception {
			for (String page : PAGES) {
				HttpResponse<byte[]> plain = get(this.port, page, "Cookie", cookie(BOB));
				HttpResponse<byte[]> gzip = get(this.port, page, "Cookie", cookie(BOB), "Accept-Encoding", "gzip");

				assertThat(gzip.headers().firstValue("Content-Encoding")).as(page).hasValue("gzip");
				assertThat(gunzip(gzip.body())).as(page).isEqualTo(plain.body());
			}
		}

		@Test
		void aHeadRequestAnnouncesTheLengthOfTheVisitorsOwnPage() throws Exception {
			for (String encoding : new String[] { "identity", "gzip" }) {
				for (String visitor : new String[] { ALICE, "x" + BOB.substring(1) }) {
					HttpResponse<byte[]> get = get(this.port, "/cookies", "Cookie", cookie(visitor), "Accept-Encoding",
							encoding);
					HttpResponse<byte[]> head = send(this.port, "HEAD", "/cookies", "Cookie", cookie(visitor),
							"Accept-Encoding", encoding);

					assertThat(head.body()).isEmpty();
					assertThat(head.headers().firstValueAsLong("Content-Length")).as(encoding)
						.hasValue(get.body().length);
					assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
				}
			}
		}

		@Test
		void aValidatorConfirmsOnlyTheVisitorsOwnPage() throws Exception {
			for (String encoding : new String[] { "identity", "gzip" }) {
				HttpResponse<byte[]> alice = get(this.port, "/cookies", "Cookie", cookie(ALICE), "Accept-Encoding", encoding);
				String etag = alice.headers().firstValue("ETag").orElseThrow();

				HttpResponse<byte[]> aliceAgain = get(this.port, "/cookies", "Cookie", cookie(ALICE), "If-None-Match",
						etag, "Accept-Encoding", encoding);
				HttpResponse<byte[]> bob = get(this.port, "/cookies", "Cookie", cookie(BOB), "If-None-Match", etag,
						"Accept-Encoding", encoding);

				assertThat(aliceAgain.statusCode()).as(encoding).isEqualTo(304);
				assertThat(bob.statusCode()).as("Alice's validator is not Bob's page, " + encoding).isEqualTo(200);
				assertThat(body(bob)).contains("<code>" + BOB + "</code>").doesNotContain(ALICE);
				assertThat(bob.headers().firstValue("ETag")).isNotEqualTo(alice.headers().firstValue("ETag"));
			}
		}

		@Test
		void noIdShowsWithoutACurrentDecision() throws Exception {
			String outdated = "cookies_preferences=v=1&rev=0&at=" + Instant.now().getEpochSecond() + "&id=" + ALICE
					+ "&accepted=&refused=statistics";
			for (String[] visitor : new String[][] { {}, { "Cookie", outdated }, { "Sec-GPC", "1" },
					{ "Cookie", "cookies_preferences=v=1&id=" + ALICE } }) {
				for (String page : List.of("/cookies", "/cookies?cookies=saved", "/cookies?lang=en",
						"/cookies/banner?return=/datasets&cookies=saved")) {
					String[] headers = Stream.concat(List.of(visitor).stream(),
							Stream.of("Accept-Encoding", "gzip")).toArray(String[]::new);
					HttpResponse<byte[]> answer = get(this.port, page, headers);

					assertThat(body(answer)).as(page + " " + String.join(" ", visitor))
						.doesNotContain(ALICE, "identifiant de consentement", "consent id");
				}
			}
		}

		@Test
		void pagesWithoutAnIdKeepTheirValidatorsWhateverTheVisitorsCookie() throws Exception {
			HttpResponse<byte[]> banner = get(this.port, "/cookies/banner?return=/datasets", "Accept-Encoding", "gzip");
			HttpResponse<byte[]> again = get(this.port, "/cookies/banner?return=/datasets", "Accept-Encoding", "gzip",
					"Cookie", "cookies_preferences=v=1&id=" + ALICE);

			assertThat(again.headers().firstValue("ETag")).isEqualTo(banner.headers().firstValue("ETag"));
			assertThat(again.body()).isEqualTo(banner.body());
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "charte.render-cache.enabled=false")
	class Uncached {

		@LocalServerPort
		private int port;

		@Test
		void withoutTheCacheEachVisitorSeesTheirOwnIdOnlyToo() throws Exception {
			eachVisitorSeesTheirOwnIdOnly(this.port);
		}

		/**
		 * Every page rendered again and again (here each time, the cache off) reads as it did the first time, for
		 * visitors whose choices differ: the templates' expressions, compiled once used often, answer as interpreted.
		 */
		@Test
		void pagesRenderedAgainAndAgainReadAsTheFirstTime() throws Exception {
			String accepted = "cookies_preferences=v=1&rev=1&at=" + Instant.now().getEpochSecond() + "&id=" + BOB
					+ "&accepted=statistics&refused=";
			String[][] visitors = { {}, { "Cookie", cookie(ALICE) }, { "Cookie", accepted } };
			List<String> pages = Stream.concat(PAGES.stream(), Stream.of("/cookies/banner?return=/datasets",
					"/cookies/consent")).toList();
			Map<String, String> first = new HashMap<>();
			for (int round = 0; round < 150; round++) {
				for (String page : pages) {
					for (String[] visitor : visitors) {
						String name = page + " " + String.join(" ", visitor);
						HttpResponse<byte[]> answer = get(this.port, page, visitor);
						assertThat(answer.statusCode()).as(name).isIn(200, 204);
						String read = answer.statusCode() + " " + body(answer);
						assertThat(read).as("%s, rendering %d", name, round + 1)
							.isEqualTo(first.computeIfAbsent(name, (key) -> read));
					}
				}
			}
			assertThat(first.values()).anyMatch((page) -> page.contains("<code>" + BOB + "</code>"))
				.noneMatch((page) -> page.contains(BOB) && page.contains(ALICE));
		}

	}

}
