package org.chartecookies.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charter on a sibling origin (cookies.example.org) and the banner script on the platform's pages
 * (www.example.org), one parent cookie domain: for a trusted origin, the banner comes with the visitor's cookies, a
 * decision lands on the parent domain where both origins read it, and the confirmation, a withdrawal and a new consent
 * work across the two; from an origin the site does not trust, the script says in the console what to do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SiblingOriginInBrowserTest {

	private static final String[] RESOLVE_HERE = { "--host-resolver-rules=MAP *.example.org 127.0.0.1",
			"--disable-features=HttpsUpgrades" };

	private static final int PLATFORM_PORT = TestSocketUtils.findAvailableTcpPort();

	/** Collects what the page's scripts write with console.error. */
	private static final String CONSOLE = """
			window.__errors = [];
			var original = console.error;
			console.error = function () { window.__errors.push([].join.call(arguments, ' ')); original.apply(console, arguments); };
			""";

	private static HttpServer platform;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void trustThePlatform(DynamicPropertyRegistry registry) {
		registry.add("charte.security.trusted-origins", () -> "http://www.example.org:" + PLATFORM_PORT);
		registry.add("charte.consent.domain", () -> "example.org");
	}

	@BeforeAll
	static void startPlatform() throws IOException {
		Path www = Files.createDirectories(Path.of("target", "sibling-origin").toAbsolutePath());
		platform = SimpleFileServer.createFileServer(new InetSocketAddress("127.0.0.1", PLATFORM_PORT), www,
				SimpleFileServer.OutputLevel.NONE);
		platform.start();
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.stop(0);
		}
	}

	/** A page of the platform with the charter's banner script, as docs/embedding.md shows it. */
	private String page() throws IOException {
		String charter = "http://cookies.example.org:" + this.port;
		Files.writeString(Path.of("target", "sibling-origin", "page.html"), """
				<!DOCTYPE html>
				<html lang="fr">
				<head>
				<meta charset="utf-8">
				<title>Plateforme</title>
				<link rel="stylesheet" href="%1$s/css/cookie-banner.css">
				<script src="%1$s/js/cookie-banner.js" data-banner="%1$s/cookies/banner" data-insert defer></script>
				</head>
				<body><main><h1>Une page de la plateforme</h1></main></body>
				</html>
				""".formatted(charter), StandardCharsets.UTF_8);
		return "/page.html";
	}

	private static Visitor visitor(String host) {
		Visitor visitor = new Visitor("http://" + host + ":" + PLATFORM_PORT, true, RESOLVE_HERE);
		visitor.browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CONSOLE));
		return visitor;
	}

	@Test
	void aTrustedSiblingDecidesWithdrawsAndConsentsAgainThroughTheCharterOrigin() throws Exception {
		String page = page();
		try (Visitor visitor = visitor("www.example.org")) {
			visitor.open(page);
			visitor.waitFor().until((driver) -> visitor.banner().isPresent());
			assertThat(visitor.browser.findElement(org.openqa.selenium.By.cssSelector("#cookie-banner form"))
				.getDomProperty("action")).startsWith("http://cookies.example.org:" + this.port + "/cookies/consent");

			visitor.decide("Tout accepter");

			assertThat(visitor.choices()).as("read on the platform's origin: the parent domain's cookie")
				.isEqualTo(Map.of("statistics", true));
			assertThat(visitor.browser.manage().getCookieNamed("cookies_preferences").getDomain())
				.isIn("example.org", ".example.org");
			assertThat(visitor.script("return window.cookieConsent.accepts('statistics')")).isEqualTo(true);

			visitor.open(page);
			visitor.waitFor().until(Chromium::loaded);
			assertThat(visitor.banner()).as("a decided visitor: nothing to show").isEmpty();

			visitor.open(page + "?cookies=manage");
			visitor.waitFor().until((driver) -> visitor.banner().isPresent());
			visitor.decide("Tout refuser");
			assertThat(visitor.choices()).as("withdrawn across the origins").isEqualTo(Map.of("statistics", false));

			visitor.open(page + "?cookies=manage");
			visitor.waitFor().until((driver) -> visitor.banner().isPresent());
			visitor.decide("Tout accepter");
			assertThat(visitor.choices()).as("consented again").isEqualTo(Map.of("statistics", true));
			assertThat((List<?>) visitor.script("return window.__errors")).isEmpty();
			assertThat(visitor.cspViolations()).isEmpty();
		}
	}

	@Test
	void anOriginTheSiteDoesNotTrustGetsNoBannerAndOneConsoleErrorNamingTheFix() throws Exception {
		String page = page();
		try (Visitor visitor = visitor("other.example.org")) {
			visitor.open(page);
			visitor.waitFor()
				.until((driver) -> !((List<?>) visitor.script("return window.__errors")).isEmpty());

			assertThat(visitor.banner()).isEmpty();
			assertThat((List<?>) visitor.script("return window.__errors")).singleElement()
				.asString()
				.contains("does not share its banner with http://other.example.org:" + PLATFORM_PORT)
				.contains("trusted-origins", "proxy");
		}
	}

}
