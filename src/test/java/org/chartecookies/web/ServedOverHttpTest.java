package org.chartecookies.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chartecookies.PageText;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What browsers, proxies and embedders meet over real HTTP: error pages, proxy headers, health.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ServedOverHttpTest {

	private static final String FORM = "application/x-www-form-urlencoded";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void unknownPageIsALocalizedNotFoundPageWithoutTechnicalDetail() throws Exception {
		HttpResponse<String> french = get("/nowhere", "fr");
		HttpResponse<String> english = get("/nowhere", "en");

		assertThat(french.statusCode()).isEqualTo(404);
		assertThat(PageText.of(french.body())).contains("Page introuvable", "Erreur 404", "Revenir à la charte cookies")
			.doesNotContain("Exception", "Whitelabel", "static resource");
		assertThat(english.body()).contains("<html lang=\"en\">");
		assertThat(PageText.of(english.body())).contains("Page not found", "Back to the cookie charter");
	}

	@Test
	void badConsentFormGetsALocalizedPageSayingWhatIsWrong() throws Exception {
		HttpResponse<String> french = post("category=advertising&decision=custom", "fr", null);
		HttpResponse<String> english = post("return=/cookies", "en", null);

		assertThat(french.statusCode()).isEqualTo(400);
		assertThat(PageText.of(french.body())).contains("Demande incorrecte",
				"Le formulaire mentionne une catégorie de cookies qui n'existe pas");
		assertThat(english.statusCode()).isEqualTo(400);
		assertThat(PageText.of(english.body())).contains("Bad request",
				"The form does not say which choice you made");
	}

	@Test
	void aBannerShownBeforeTheCharterChangedGetsAPageSayingSo() throws Exception {
		HttpResponse<String> french = post("decision=accept-all&revision=0&return=/cookies", "fr", null);
		HttpResponse<String> english = post("decision=accept-all&revision=0&return=/cookies", "en", null);

		assertThat(french.statusCode()).isEqualTo(409);
		assertThat(french.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(PageText.of(french.body())).contains("La charte a changé depuis l'affichage de ce bandeau",
				"Votre choix n'est pas enregistré");
		assertThat(english.statusCode()).isEqualTo(409);
		assertThat(PageText.of(english.body())).contains("The charter changed since this banner was shown");
	}

	@Test
	void crossSiteFormGetsAForbiddenPageThatExplainsWhy() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/cookies/consent"))
			.header("Content-Type", FORM)
			.header("Accept", "text/html")
			.header("Sec-Fetch-Site", "cross-site")
			.header("Origin", "https://evil.example")
			.POST(HttpRequest.BodyPublishers.ofString("decision=accept-all")));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(PageText.of(response.body())).contains("Cette demande vient d'un autre site");
	}

	@Test
	void errorPagesStillCarryTheBannerAndTheManageLink() throws Exception {
		String page = get("/nowhere", "fr").body();

		assertThat(page).contains("id=\"cookie-banner\"");
		assertThat(PageText.of(page)).contains("Gérer mes cookies");
	}

	@Test
	void wrongMethodIsALocalizedPage() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/cookies/consent"))
			.header("Accept", "text/html")
			.header("Accept-Language", "en")
			.DELETE());

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(PageText.of(response.body())).contains("Method not allowed");
	}

	@Test
	void cookieIsSecureWhenTheProxyInFrontSaysTheVisitorUsedHttps() throws Exception {
		HttpResponse<String> proxied = post("decision=reject-all", "fr", "https");
		HttpResponse<String> plain = post("decision=reject-all", "fr", null);

		assertThat(proxied.statusCode()).isEqualTo(303);
		assertThat(proxied.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).startsWith("cookies_preferences=").contains("; Secure"));
		assertThat(plain.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).doesNotContain("Secure"));
	}

	@Test
	void notFoundPageLeadsBackToTheCharterNotToTheMissingPage() throws Exception {
		String page = get("/nowhere/page?x=1", "fr").body();

		assertThat(page).contains("name=\"return\" value=\"/cookies\"")
			.contains("href=\"/cookies?cookies=manage\"")
			.doesNotContain("/nowhere");
	}

	@Test
	void browsersFindAFaviconInsteadOfAnError() throws Exception {
		HttpResponse<byte[]> icon = this.http.send(HttpRequest.newBuilder(uri("/favicon.ico"))
			.header("Accept", "image/avif,image/webp,image/*,*/*;q=0.8")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		Matcher linked = Pattern.compile("<link rel=\"icon\" href=\"([^\"]+)\" type=\"image/svg\\+xml\">")
			.matcher(get("/cookies", "fr").body());

		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("image/"));
		assertThat(linked.find()).as("the page links its icon").isTrue();
		HttpResponse<String> svg = send(HttpRequest.newBuilder(uri(linked.group(1))));
		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("image/svg+xml"));
	}

	@Test
	void bootstrapIsLinkedByItsVersionAndCachedForAYearLikeOurOwnAssets() throws Exception {
		Matcher bootstrap = Pattern.compile("/webjars/bootstrap/\\d[\\w.]*/css/bootstrap\\.min\\.css")
			.matcher(get("/cookies", "fr").body());

		assertThat(bootstrap.find()).as("a versioned Bootstrap URL in the page").isTrue();
		HttpResponse<String> versioned = send(HttpRequest.newBuilder(uri(bootstrap.group())));
		assertThat(versioned.statusCode()).isEqualTo(200);
		assertThat(versioned.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		HttpResponse<String> agnostic = send(HttpRequest.newBuilder(uri("/webjars/bootstrap/css/bootstrap.min.css")));
		assertThat(agnostic.statusCode()).isEqualTo(200);
		assertThat(agnostic.headers().firstValue("Cache-Control")).isEmpty();
		assertThat(send(HttpRequest.newBuilder(uri("/webjars/bootstrap/9.9.9/css/bootstrap.min.css"))).statusCode())
			.isEqualTo(404);
	}

	/** Compressed, and together at most 3 KB as sent: what a host page pays for the banner. */
	@Test
	void bannerAssetsHaveContentHashedUrlsCachedForAYearAndAreCompressed() throws Exception {
		String page = get("/cookies", "fr").body();
		Matcher assets = Pattern.compile("/(css|js)/cookie-banner-[0-9a-f]{32}\\.(css|js)").matcher(page);

		int found = 0;
		int sent = 0;
		while (assets.find()) {
			found++;
			HttpResponse<byte[]> asset = this.http.send(HttpRequest.newBuilder(uri(assets.group()))
				.header("Accept-Encoding", "gzip")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(asset.statusCode()).isEqualTo(200);
			assertThat(asset.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
			assertThat(asset.headers().firstValue("Content-Encoding")).hasValue("gzip");
			sent += asset.body().length;
		}
		assertThat(found).as("hashed banner CSS and JS referenced by the page").isEqualTo(2);
		assertThat(sent).as("bytes of the banner's CSS and JS as sent, gzipped").isLessThanOrEqualTo(3 * 1024);
		HttpResponse<String> plain = send(HttpRequest.newBuilder(uri("/js/cookie-banner.js")));
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Cache-Control")).isEmpty();
		assertThat(plain.headers().firstValue("Last-Modified")).isPresent();
	}

	@Test
	void healthIsUpForTheContainer() throws Exception {
		for (String probe : new String[] { "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness" }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri(probe)).header("Accept", "application/json"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"status\":\"UP\"");
		}
	}

	private HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").header("Accept-Language", language));
	}

	private HttpResponse<String> post(String form, String language, String forwardedProto)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/cookies/consent"))
			.header("Content-Type", FORM)
			.header("Accept", "text/html")
			.header("Accept-Language", language)
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (forwardedProto != null) {
			request.header("X-Forwarded-Proto", forwardedProto);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
