package org.chartecookies.browser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's platform for real: Debian's nginx serves static pages of its own, proxies the application's paths
 * with the configuration the documentation gives (docs/nginx-example.conf), and includes the banner with SSI (the
 * include line that file gives) or with the banner script. A visitor decides on those pages in Chromium; the application honours the decision next time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NginxEmbeddingTest {

	private static PlatformNginx nginx;

	private static int nginxPort;

	@LocalServerPort
	private int appPort;

	private Visitor visitor;

	@BeforeAll
	static void requireNginx() {
		PlatformNginx.require();
	}

	@AfterAll
	static void stopNginx() {
		if (nginx != null) {
			nginx.close();
		}
	}

	@AfterEach
	void quit() {
		if (this.visitor != null) {
			this.visitor.close();
		}
	}

	@Test
	void visitorAcceptsOnAServerSideIncludedBannerWithoutJavaScript() throws Exception {
		startNginx();
		this.visitor = new Visitor(nginxPort, false).open("/platform/ssi.html");
		assertThat(this.visitor.banner()).as("banner included by nginx SSI").isPresent();

		this.visitor.decide("Tout accepter");

		assertThat(this.visitor.browser.getCurrentUrl()).endsWith("/platform/ssi.html?cookies=saved");
		assertThat(this.visitor.confirmation()).isPresent();
		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", true));
		this.visitor.open("/platform/ssi.html");
		assertThat(this.visitor.banner()).as("the application honours the decision in its next answer").isEmpty();
		assertThat(this.visitor.browser.getPageSource()).contains("A page of the platform");
	}

	@Test
	void bannerScriptInsertsTheBannerIntoAPlainPage() throws Exception {
		startNginx();
		this.visitor = new Visitor(nginxPort, true).open("/platform/script.html");
		this.visitor.waitFor().until((driver) -> this.visitor.banner().isPresent());
		assertThat(this.visitor.browser.manage().getCookies()).as("cookies after a first view, before any choice")
			.isEmpty();

		this.visitor.decide("Tout refuser");

		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", false));
		this.visitor.open("/platform/script.html");
		this.visitor.waitFor().until(Chromium::loaded);
		assertThat(this.visitor.script("return window.cookieConsent.get().categories.statistics")).isEqualTo(false);
		assertThat(this.visitor.banner()).isEmpty();
		assertThat(this.visitor.cspViolations()).isEmpty();
	}

	/**
	 * An English browser on a French page of the platform, the banner included by SSI and enhanced by the script, as
	 * the embedding docs suggest: the included banner speaks the visitor's language and says so ({@code lang}), and
	 * the script keeps that language for what follows (the confirmation) instead of switching to the page's mid-way.
	 */
	@Test
	void theScriptKeepsTheLanguageOfTheBannerNginxIncluded() throws Exception {
		startNginx();
		this.visitor = new Visitor(nginxPort, true);
		this.visitor.browser.executeCdpCommand("Network.enable", Map.of());
		this.visitor.browser.executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("Accept-Language", "en-US,en;q=0.9")));
		this.visitor.open("/platform/ssi-script.html");
		this.visitor.waitFor().until((driver) -> this.visitor.banner().isPresent());
		assertThat(this.visitor.banner().orElseThrow().getDomAttribute("lang")).isEqualTo("en");

		this.visitor.decide("Accept all");

		assertThat(this.visitor.confirmation().orElseThrow().getText()).startsWith("You have accepted");
		assertThat(this.visitor.banner().orElseThrow().getDomAttribute("lang")).isEqualTo("en");
		assertThat(this.visitor.cspViolations()).isEmpty();
	}

	/**
	 * Every link the banner renders on a platform page leads somewhere (the charter, the page again, its choices),
	 * through nginx, in each language, as the banner shows first and after a decision.
	 */
	@ParameterizedTest(name = "{0}, JavaScript on: {1}")
	@CsvSource(textBlock = """
			fr, false
			en, false
			fr, true
			en, true
			""")
	void everyLinkOfTheBannerLeadsSomewhere(String language, boolean javascript) throws Exception {
		startNginx();
		boolean french = language.equals("fr");
		// The banner script asks for the banner in the host page's language (<html lang>), as the platform renders it.
		String page = javascript ? (french ? "/platform/script.html" : "/platform/script-en.html") : "/platform/ssi.html";
		this.visitor = new Visitor(nginxPort, javascript);
		if (!french) {
			// The visitor's own choice of language, on the charter: /cookies?lang=en must reach the application.
			this.visitor.open("/cookies?lang=en");
			assertThat(this.visitor.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cookie charter");
		}
		this.visitor.open(page);
		this.visitor.waitFor().until((driver) -> this.visitor.banner().isPresent());
		assertThat(this.visitor.banner().orElseThrow().getText())
			.contains(french ? "Tout accepter" : "Accept all");
		Set<String> links = new LinkedHashSet<>(bannerLinks());

		this.visitor.decide(french ? "Tout refuser" : "Reject all");
		links.addAll(bannerLinks());

		assertThat(links).as("the charter, the page again and its choices").hasSizeGreaterThanOrEqualTo(3);
		for (String link : links) {
			this.visitor.load(link);
			String text = this.visitor.browser.findElement(By.tagName("body")).getText();
			assertThat(text).as(link).doesNotContain("404 Not Found").doesNotContain("nginx");
			if (URI.create(link).getPath().equals("/cookies")) {
				assertThat(this.visitor.browser.findElement(By.tagName("h1")).getText()).as(link)
					.isEqualTo(french ? "Charte cookies" : "Cookie charter");
			}
			else {
				assertThat(text).as(link).contains("A page of the platform");
			}
			if (!javascript && URI.create(link).getQuery() != null && link.contains("cookies=manage")) {
				assertThat(this.visitor.banner()).as(link + " opens the choices").isPresent();
				assertThat(this.visitor.banner().orElseThrow().findElement(By.tagName("details")).getDomAttribute("open"))
					.as(link + " opens the choices").isNotNull();
			}
		}
	}

	/**
	 * The banner script inserts the banner once the page is there: over the bottom of the window, so that nothing on
	 * the page moves (Cumulative Layout Shift, as web-vitals counts it), and the page can still be read to its end and
	 * a focused link is not hidden under it.
	 */
	@ParameterizedTest(name = "width {0}")
	@ValueSource(ints = { 375, 1280 })
	void theScriptInsertedBannerDoesNotShiftThePage(int width) throws Exception {
		startNginx();
		this.visitor = new Visitor(nginxPort, true);
		this.visitor.resize(new Dimension(width, 800));
		this.visitor.open("/platform/article.html");
		this.visitor.waitFor().until((driver) -> this.visitor.banner().isPresent());

		double shift = this.visitor.layoutShift();
		System.out.printf("Cumulative Layout Shift of the script-inserted banner at %d px: %.4f%n", width, shift);
		Chromium.screenshot(this.visitor.browser, "embedded-script-" + width);

		assertThat(shift).isLessThanOrEqualTo(0.01);
		WebElement banner = this.visitor.banner().orElseThrow();
		WebElement link = this.visitor.browser.findElement(By.id("middle-link"));
		this.visitor.script("arguments[0].focus()", link);
		assertThat(bottom(link)).as("a focused link stays above the banner").isLessThanOrEqualTo(top(banner));
		this.visitor.script("window.scrollTo(0, document.documentElement.scrollHeight)");
		assertThat(bottom(this.visitor.browser.findElement(By.id("last")))).as("the page's end can be read")
			.isLessThanOrEqualTo(top(banner));
		assertThat(this.visitor.cspViolations()).isEmpty();
	}

	private double top(WebElement element) {
		return ((Number) this.visitor.script("return arguments[0].getBoundingClientRect().top", element)).doubleValue();
	}

	private double bottom(WebElement element) {
		return ((Number) this.visitor.script("return arguments[0].getBoundingClientRect().bottom", element))
			.doubleValue();
	}

	@Test
	void theCharterAndItsEnglishVersionReachTheApplication() throws Exception {
		startNginx();
		HttpClient http = HttpClient.newHttpClient();
		for (String path : List.of("/cookies", "/cookies?lang=en", "/cookies?utm_source=x", "/cookies?cookies=manage")) {
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(nginx(path)).build(), BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(path).isEqualTo(200);
			assertThat(answer.body()).as(path).contains(path.contains("lang=en") ? "<h1>Cookie charter</h1>" : "<h1>Charte cookies</h1>");
		}
	}

	/**
	 * nginx compresses what it sends, the application's answers coming to it plain (SSI cannot read compressed ones):
	 * a browser that takes gzip gets the platform's page compressed with the banner inside, and the charter, the
	 * banner's style sheet and script compressed too.
	 */
	@Test
	void aBrowserThatTakesGzipGetsThePageCompressedWithTheBannerInside() throws Exception {
		startNginx();
		HttpClient http = HttpClient.newHttpClient();
		for (String path : List.of("/platform/ssi.html", "/cookies", "/css/cookie-banner.css", "/js/cookie-banner.js")) {
			HttpResponse<byte[]> answer = http.send(
					HttpRequest.newBuilder(nginx(path)).header("Accept-Encoding", "gzip").build(),
					BodyHandlers.ofByteArray());

			assertThat(answer.statusCode()).as(path).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
			String text;
			try (GZIPInputStream body = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
				text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (path.startsWith("/platform/")) {
				assertThat(text).contains("A page of the platform", "id=\"cookie-banner\"", "Tout accepter");
			}
			else {
				assertThat(text).as(path).isNotBlank();
			}
		}
	}

	@Test
	void aClientsOwnForwardedHostDoesNotReachTheApplication() throws Exception {
		startNginx();
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(nginx("/cookies/test/forwarded-host"))
				.header("X-Forwarded-Host", "evil.example")
				.header("X-Forwarded-Port", "4443")
				.build(), BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("localhost:" + nginxPort);
	}

	private static URI nginx(String path) {
		return nginx.uri(path);
	}

	/** The banner's links as the browser resolves them. */
	private List<String> bannerLinks() {
		return this.visitor.banner()
			.orElseThrow()
			.findElements(By.cssSelector("a[href]"))
			.stream()
			.map((link) -> link.getDomProperty("href"))
			.toList();
	}

	/** nginx with the documented configuration, pointed at this test's application, and its pages; once for the class. */
	private void startNginx() throws IOException, InterruptedException {
		if (nginx != null) {
			return;
		}
		nginx = PlatformNginx.start("nginx-it", this.appPort);
		nginxPort = nginx.port();
		nginx.page("ssi.html", """
				<link rel="stylesheet" href="/css/cookie-banner.css">
				</head>
				<body>
				""" + PlatformNginx.ssiInclude());
		String script = """
				<link rel="stylesheet" href="/css/cookie-banner.css">
				<script src="/js/cookie-banner.js" data-insert defer></script>
				</head>
				<body>""";
		nginx.page("script.html", script);
		nginx.page("ssi-script.html", """
				<link rel="stylesheet" href="/css/cookie-banner.css">
				<script src="/js/cookie-banner.js" defer></script>
				</head>
				<body>
				""" + PlatformNginx.ssiInclude());
		StringBuilder article = new StringBuilder("<header><h1>Article</h1></header><main>");
		for (int i = 1; i <= 12; i++) {
			article.append("<p>Paragraph ").append(i)
				.append(" of a page of the platform, long enough to wrap over a few lines on a phone and to fill")
				.append(" the window, so that anything pushing it down would show.")
				.append((i == 6) ? " <a id=\"middle-link\" href=\"#\">A link in the middle</a>" : "")
				.append("</p>\n");
		}
		article.append("<p id=\"last\">The end of the page.</p></main>");
		nginx.page("article.html", script, article.toString());
		Path platform = nginx.folder().resolve("platform");
		Files.writeString(platform.resolve("script-en.html"),
				Files.readString(platform.resolve("script.html")).replace("<html lang=\"fr\">", "<html lang=\"en\">"));
	}

}
