package org.chartecookies.browser;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Embeds on the platform's own pages, behind nginx with the documented configuration: one included with SSI
 * ({@code /cookies/embed}), one written as a bare {@code <iframe data-cookie-embed>} that the embeds script replaces;
 * the provider on a second local origin is asked nothing until the visitor accepts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EmbedsOnThePlatformTest {

	static final VideoProvider PROVIDER = new VideoProvider();

	private static PlatformNginx nginx;

	@LocalServerPort
	private int appPort;

	private Visitor visitor;

	private int askedBefore;

	@DynamicPropertySource
	static void registry(DynamicPropertyRegistry properties) {
		properties.add("charte.registry.location", () -> "file:" + PROVIDER.registry());
	}

	@BeforeAll
	static void requireNginx() {
		PlatformNginx.require();
	}

	@AfterAll
	static void stop() {
		if (nginx != null) {
			nginx.close();
		}
		PROVIDER.close();
	}

	@BeforeEach
	void startNginx() throws IOException, InterruptedException {
		this.askedBefore = PROVIDER.requests().size();
		if (nginx != null) {
			return;
		}
		nginx = PlatformNginx.start("nginx-embeds", this.appPort);
		String player = URLEncoder.encode(PROVIDER.origin() + "/player/garden", StandardCharsets.UTF_8);
		nginx.page("embeds.html", """
				<link rel="stylesheet" href="/css/cookie-banner.css">
				<link rel="stylesheet" href="/css/cookie-embeds.css">
				<script src="/cookies/consent-mode.js"></script>
				<script src="/js/cookie-embeds.js"></script>
				<script src="/js/cookie-banner.js" defer></script>
				</head>
				<body>
				""" + PlatformNginx.ssiInclude() + """
				<main><h1>Une page de la plateforme</h1>
				<!--# include virtual="/cookies/embed?id=videotheque&src=%s&title=Garden" -->
				<iframe data-cookie-embed="videotheque" data-src="%s/player/bare" title="Bare"></iframe>
				</main>""".formatted(player, PROVIDER.origin()));
	}

	@AfterEach
	void quit() {
		if (this.visitor != null) {
			this.visitor.close();
		}
	}

	@Test
	void withoutJavaScriptTheIncludedPlaceholderTellsAndADecisionThereLoadsTheVideoOnReturn() {
		this.visitor = new Visitor(nginx.port(), false).open("/platform/embeds.html");
		WebElement placeholder = this.visitor.browser.findElement(By.cssSelector(".cookie-embed"));
		assertThat(placeholder.getText()).contains("Garden", "Contenu fourni par Vidéothèque SA",
				"Accepter « Vidéos intégrées » et afficher");
		assertThat(placeholder.findElement(By.linkText("Gérer mes cookies")).getDomAttribute("href"))
			.isEqualTo("/platform/embeds.html?cookies=manage");
		assertThat(asked()).isEmpty();

		placeholder.findElement(By.tagName("button")).click();

		this.visitor.waitFor().ignoring(WebDriverException.class)
			.until((driver) -> driver.getCurrentUrl().endsWith("/platform/embeds.html?cookies=saved")
					&& !driver.findElements(By.cssSelector(".cookie-embed iframe")).isEmpty());
		this.visitor.waitFor().until((driver) -> asked().contains("/player/garden"));
		assertThat(asked()).as("the bare frame needs the script").containsExactly("/player/garden");
		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", false, "ads", false, "video", true));
	}

	@Test
	void withJavaScriptBothEmbedsWaitAndLoadInPlaceOnceAccepted() {
		this.visitor = new Visitor(nginx.port(), true).open("/platform/embeds.html");
		this.visitor.script("window.sameDocument = true;");
		this.visitor.waitFor().until((driver) -> placeholders().size() == 2);
		assertThat(placeholders().get(1).getText()).contains("Bare", "Contenu fourni par Vidéothèque SA");
		assertThat(asked()).isEmpty();
		assertThat(this.visitor.script("return window.dataLayer.length")).isEqualTo(1L);

		placeholders().get(1).findElement(By.tagName("button")).click();

		this.visitor.waitFor().until((driver) -> asked().size() == 2);
		assertThat(asked()).containsExactlyInAnyOrder("/player/garden", "/player/bare");
		assertThat(this.visitor.browser.findElements(By.cssSelector(".cookie-embed iframe"))).hasSize(2);
		assertThat(this.visitor.script("return window.sameDocument === true")).as("no reload").isEqualTo(true);
		assertThat(this.visitor.banner()).as("the decision is made: no banner asks any more").isEmpty();
	}

	private List<WebElement> placeholders() {
		return this.visitor.browser.findElements(By.cssSelector(".cookie-embed"));
	}

	private List<String> asked() {
		List<String> all = PROVIDER.requests();
		return all.subList(this.askedBefore, all.size());
	}

}
