package org.chartecookies.sites;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One instance serving the example folder of two sites (README, "Several sites"), over real HTTP, each request's host
 * forwarded by the trusted proxy (loopback) as nginx does: each host gets its own charter, banner, decisions,
 * records and counts; a host no site answers for gets a 404, never another site's page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "charte.registry.folder=examples/sites",
		"management.endpoint.health.show-details=always" })
class SeveralSitesTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	private HttpResponse<String> get(String host, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Forwarded-Host", host);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String host, String form, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
			.header("X-Forwarded-Host", host)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String consentCookie(HttpResponse<String> answer) {
		return answer.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("cookies_preferences="))
			.findFirst()
			.orElseThrow()
			.split(";")[0];
	}

	@Test
	void eachHostGetsItsOwnCharterAndNeverTheOthersEvenFromTheCache() throws Exception {
		for (int round = 0; round < 2; round++) {
			HttpResponse<String> opendata = get("opendata.example.org", "/cookies", "Accept-Language", "en");
			HttpResponse<String> shop = get("shop.example.org", "/cookies", "Accept-Language", "en");

			assertThat(opendata.statusCode()).isEqualTo(200);
			assertThat(opendata.body()).contains("Opendatasoft", "sessionid", "_pk_id.*", "Audience measurement cookies",
					"we use cookies to make sure it works properly")
				.doesNotContain("La Boutique", "basket", "ad_click", "Advertising cookies", "The shop");
			assertThat(shop.statusCode()).isEqualTo(200);
			assertThat(shop.body()).contains("La Boutique", "basket", "ad_click", "Advertising cookies",
					"https://shop.example.org", "The shop uses a few cookies to keep your basket", "The shop&#39;s cookies")
				.doesNotContain("Opendatasoft", "sessionid", "_pk_id", "Audience measurement cookies");
			assertThat(shop.headers().firstValue("ETag")).isNotEqualTo(opendata.headers().firstValue("ETag"));
		}
		assertThat(get("www.opendata.example.org", "/cookies").body()).contains("Opendatasoft");
		assertThat(get("shop.example.org", "/cookies/banner?return=/basket", "Accept-Language", "en").body())
			.contains("Advertising cookies")
			.doesNotContain("Audience measurement");
	}

	@Test
	void aSiteWithItsOwnColoursLinksThemAndOnlyIt() throws Exception {
		String shop = get("shop.example.org", "/cookies").body();
		String link = shop.replaceAll("(?s).*<link rel=\"stylesheet\" href=\"(/cookies/palette\\.css\\?v=[0-9a-f]+)\">.*", "$1");

		HttpResponse<String> palette = get("shop.example.org", link);
		assertThat(palette.statusCode()).isEqualTo(200);
		assertThat(palette.headers().firstValue("Content-Type")).hasValue("text/css;charset=UTF-8");
		assertThat(palette.body()).contains("--cookie-banner-button-background: #8a1538;", "#f4a6b8");
		assertThat(get("opendata.example.org", "/cookies").body()).doesNotContain("palette.css");
		assertThat(get("opendata.example.org", "/cookies/palette.css").statusCode()).isEqualTo(404);
	}

	@Test
	void aHostNoSiteAnswersForGetsAClear404AndTheHealthProbesStillAnswer() throws Exception {
		HttpResponse<String> unknown = get("elsewhere.example.org", "/cookies");

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("No site is served at this address")
			.doesNotContain("Opendatasoft", "La Boutique");
		assertThat(unknown.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(post("elsewhere.example.org", "decision=accept-all").statusCode()).isEqualTo(404);

		HttpResponse<String> missed = get("elsewhere.example.org", "/actuator/nothing-here");
		assertThat(missed.statusCode()).isEqualTo(404);
		assertThat(missed.body()).doesNotContain("Opendatasoft", "La Boutique");

		HttpResponse<String> health = get("elsewhere.example.org", "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"cookieRegistry\":{\"details\":{\"sites\":2,\"problems\":{}},\"status\":\"UP\"}");
	}

	@Test
	void aDecisionOnOneSiteNeverCountsOnTheOther() throws Exception {
		HttpResponse<String> accepted = post("shop.example.org", "decision=accept-all&return=/cookies");
		assertThat(accepted.statusCode()).isEqualTo(303);
		String cookie = consentCookie(accepted);
		assertThat(cookie).contains("rev=3", "accepted=advertising");

		assertThat(get("shop.example.org", "/cookies/consent", "Accept", "application/json", "Cookie", cookie).body())
			.contains("\"decided\":true", "\"advertising\":true");
		assertThat(get("opendata.example.org", "/cookies/consent", "Accept", "application/json", "Cookie", cookie)
			.body()).contains("\"decided\":false", "\"statistics\":false");
		assertThat(get("opendata.example.org", "/cookies/banner?return=/", "Cookie", cookie).statusCode())
			.as("the banner still asks on the other site")
			.isEqualTo(200);
		assertThat(get("shop.example.org", "/cookies/banner?return=/", "Cookie", cookie).statusCode()).isEqualTo(204);
		assertThat(post("opendata.example.org", "decision=custom&category=advertising").statusCode())
			.as("a category of the other site")
			.isEqualTo(400);
	}

	@Test
	void aDecisionIsRecordedAndCountedForItsSite() throws Exception {
		double before = count("shop", "reject-all");
		double other = count("opendata", "reject-all");
		String cookie = consentCookie(post("shop.example.org", "decision=reject-all"));
		String consentId = cookie.replaceAll(".*[&=]id=([A-Za-z0-9_-]{22}).*", "$1");

		String site = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("SELECT site FROM consent_record WHERE consent_id = ?")
				.param(consentId)
				.query(String.class)
				.optional(), (found) -> found.isPresent())
			.orElseThrow();

		assertThat(site).isEqualTo("shop");
		assertThat(count("shop", "reject-all") - before).isEqualTo(1);
		assertThat(count("opendata", "reject-all") - other).isZero();
	}

	@Test
	void aSitesTrustedOriginMayPostToItAndToItOnly() throws Exception {
		assertThat(post("shop.example.org", "decision=reject-all", "Origin", "https://pay.example.org",
				"Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(303);
		assertThat(post("opendata.example.org", "decision=reject-all", "Origin", "https://pay.example.org",
				"Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
	}

	private double count(String site, String decision) {
		Counter counter = this.meters.find("charte.consent.decisions").tags("site", site, "decision", decision).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
