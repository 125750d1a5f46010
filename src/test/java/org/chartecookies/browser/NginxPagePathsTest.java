package org.chartecookies.browser;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the path of a platform's page, as a browser asks for it (percent-encoded UTF-8, a space, an {@code &},
 * a {@code +}, a {@code #} or a {@code ?} in a file's name, very long), the page the documented nginx block serves
 * includes the banner, in the visitor's language, whose form brings the visitor back to exactly that address; nothing
 * in the path reaches the include as a parameter ({@code cookies=manage}, {@code lang=en}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NginxPagePathsTest {

	private static final String HEAD = """
			<link rel="stylesheet" href="/css/cookie-banner.css">
			%s
			</head>
			<body>
			%s""";

	/** Folders of 200 characters: a path of about 2,000 characters, the longest the banner returns to, and more. */
	private static final String LONG = "long/" + (("x".repeat(199) + "/").repeat(9)) + "page.html";

	private static final String TOO_LONG = "longer/" + (("y".repeat(199) + "/").repeat(14)) + "page.html";

	private static PlatformNginx nginx;

	private static Visitor visitor;

	@LocalServerPort
	private int appPort;

	@BeforeAll
	static void requireNginx() {
		PlatformNginx.require();
	}

	@AfterAll
	static void stop() {
		if (visitor != null) {
			visitor.close();
		}
		if (nginx != null) {
			nginx.close();
		}
	}

	/** Each page of the platform: a file named as the decoded path, including the banner as documented. */
	@BeforeEach
	void start() throws Exception {
		if (nginx != null) {
			return;
		}
		nginx = PlatformNginx.start("nginx-paths", this.appPort);
		String ssi = HEAD.formatted("", PlatformNginx.ssiInclude());
		for (String name : List.of("ssi.html", "été.html", "a b.html", "a&cookies=manage.html", "a&lang=en.html",
				"a+b.html", "a#b.html", "a?b.html", "100%.html", "a|b.html", LONG, TOO_LONG)) {
			nginx.page(name, ssi);
		}
		String script = HEAD.formatted("<script src=\"/js/cookie-banner.js\" data-insert defer></script>", "");
		for (String name : List.of("script-été.html", "script-a|b.html", "script-a&lang=en.html")) {
			nginx.page(name, script);
		}
	}

	@AfterEach
	void forget() {
		if (visitor != null) {
			visitor.browser.manage().deleteAllCookies();
		}
	}

	/** The address a browser asks for, and the one the banner's form and links name: the same, unless said. */
	static List<Arguments> ssiPages() {
		return List.of(Arguments.of("/platform/%C3%A9t%C3%A9.html", "/platform/%C3%A9t%C3%A9.html"),
				Arguments.of("/platform/a%20b.html", "/platform/a%20b.html"),
				Arguments.of("/platform/a%26cookies=manage.html", "/platform/a%26cookies=manage.html"),
				Arguments.of("/platform/a%26lang=en.html", "/platform/a%26lang=en.html"),
				Arguments.of("/platform/a+b.html", "/platform/a+b.html"),
				Arguments.of("/platform/a%2Bb.html", "/platform/a%2Bb.html"),
				Arguments.of("/platform/a%23b.html", "/platform/a%23b.html"),
				Arguments.of("/platform/a%3Fb.html", "/platform/a%3Fb.html"),
				Arguments.of("/platform/100%25.html", "/platform/100%25.html"),
				// The page's query comes back with it, its switch aside.
				Arguments.of("/platform/ssi.html?q=%C3%A9t%C3%A9&cookies=manage", "/platform/ssi.html?q=%C3%A9t%C3%A9"),
				// Typed with a |, which Chromium sends percent-encoded.
				Arguments.of("/platform/a|b.html", "/platform/a%7Cb.html"),
				Arguments.of("/platform/" + LONG, "/platform/" + LONG),
				// Longer than the application reads a page's address: the banner is there, its form leads to the
				// charter.
				Arguments.of("/platform/" + TOO_LONG, "/cookies"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ssiPages")
	void anIncludedBannerBringsTheVisitorBackToThePage(String address, String back) {
		Visitor browser = visitor(false).open(address);

		WebElement banner = browser.banner()
			.orElseThrow(() -> new AssertionError("no banner on " + address + ": " + browser.browser.getPageSource()));
		assertThat(banner.getText()).as("in the visitor's language").contains("Tout accepter");
		assertThat(banner.findElement(By.tagName("details")).getDomAttribute("open") != null)
			.as("choices open only for the page's own ?cookies=manage")
			.isEqualTo(address.endsWith("&cookies=manage"));
		assertThat(banner.findElement(By.name("return")).getDomAttribute("value")).isEqualTo(back);

		browser.decide("Tout refuser");

		assertThat(browser.browser.getCurrentUrl())
			.isEqualTo(browser.url(back) + (back.contains("?") ? "&" : "?") + "cookies=saved");
		assertThat(browser.confirmation()).isPresent();
	}

	/**
	 * The banner script sends the page's address itself, percent-encoded into its {@code return} parameter: the form
	 * and the links name the page too.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("scriptPages")
	void aScriptInsertedBannerNamesThePage(String address, String back) {
		Visitor browser = visitor(true).open(address);
		browser.waitFor().until((driver) -> browser.banner().isPresent());

		assertThat(browser.banner().orElseThrow().getText()).contains("Tout accepter");
		assertThat(browser.banner().orElseThrow().findElement(By.name("return")).getDomAttribute("value"))
			.isEqualTo(back);
		browser.decide("Tout refuser");
		assertThat(browser.link("Masquer ce message").getDomAttribute("href")).isEqualTo(back);
	}

	static List<Arguments> scriptPages() {
		return List.of(Arguments.of("/platform/script-%C3%A9t%C3%A9.html", "/platform/script-%C3%A9t%C3%A9.html"),
				Arguments.of("/platform/script-a|b.html", "/platform/script-a%7Cb.html"),
				Arguments.of("/platform/script-a%26lang=en.html", "/platform/script-a%26lang=en.html"));
	}

	/**
	 * A client other than a browser may send a path's UTF-8 as it is, which nginx takes and passes on: the banner
	 * names the page as a browser would have asked for it.
	 */
	@Test
	void aPathSentUnencodedIsNamedPercentEncoded() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", nginx.port())) {
			socket.getOutputStream()
				.write("GET /platform/été.html HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.UTF_8));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(answer).startsWith("HTTP/1.1 200")
				.contains("name=\"return\" value=\"/platform/%C3%A9t%C3%A9.html\"");
		}
	}

	/** One browser for the class, with JavaScript on or off as the test needs. */
	private Visitor visitor(boolean javascript) {
		if (visitor != null && visitor.javascript != javascript) {
			visitor.close();
			visitor = null;
		}
		if (visitor == null) {
			visitor = new Visitor(nginx.port(), javascript);
		}
		return visitor;
	}

}
