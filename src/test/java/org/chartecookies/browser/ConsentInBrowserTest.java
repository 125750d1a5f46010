package org.chartecookies.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.chartecookies.consent.ConsentCookieCodec;
import org.chartecookies.consent.ConsentDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor decides in a real browser, with JavaScript on and off; the registry offers two optional categories.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "charte.registry.location=classpath:registries/two-optional-categories.yaml")
class ConsentInBrowserTest {

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void visitorRefusesAllAndIsNotAskedAgain(boolean javascript) {
		this.browser = Chromium.start(javascript);
		this.browser.get(url("/cookies"));
		assertThat(banners()).hasSize(1);
		assertThat(banners().get(0).getText()).contains("Tout accepter", "Tout refuser");
		Chromium.screenshot(this.browser, "banner-fr-" + (javascript ? "js" : "nojs"));

		navigate(button("Tout refuser"));
		this.browser.navigate().refresh();

		assertThat(banners()).isEmpty();
		assertThat(this.browser.getCurrentUrl()).isEqualTo(url("/cookies"));
		assertThat(decision().choices()).isEqualTo(Map.of("statistics", false, "video", false));
		assertThat(this.browser.findElement(By.id("your-choices")).getText())
			.contains("Mesure d'audience : refusé", "Vidéos intégrées : refusé");
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void visitorAcceptsOnlySomeCategoriesThroughCustomise(boolean javascript) {
		this.browser = Chromium.start(javascript);
		this.browser.get(url("/cookies?lang=en"));

		this.browser.findElement(By.cssSelector("#cookie-banner summary")).click();
		WebElement necessary = this.browser.findElement(By.id("cookie-choice-necessary"));
		assertThat(necessary.isSelected()).isTrue();
		assertThat(necessary.isEnabled()).isFalse();
		this.browser.findElement(By.cssSelector("label[for=cookie-choice-statistics]")).click();
		Chromium.screenshot(this.browser, "banner-choices-en-" + (javascript ? "js" : "nojs"));
		navigate(button("Save my choices"));

		assertThat(this.browser.getCurrentUrl()).isEqualTo(url("/cookies?lang=en"));
		assertThat(banners()).isEmpty();
		assertThat(decision().choices()).isEqualTo(Map.of("statistics", true, "video", false));
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void visitorChangesTheirMindThroughManageMyCookies(boolean javascript) {
		this.browser = Chromium.start(javascript);
		this.browser.get(url("/cookies"));
		navigate(button("Tout accepter"));
		assertThat(banners()).isEmpty();

		navigate(this.browser.findElement(By.linkText("Gérer mes cookies")));
		assertThat(banners()).hasSize(1);
		assertThat(this.browser.findElement(By.id("cookie-choice-statistics")).isSelected()).isTrue();
		assertThat(this.browser.findElement(By.id("cookie-choice-video")).isSelected()).isTrue();
		this.browser.findElement(By.cssSelector("label[for=cookie-choice-video]")).click();
		navigate(button("Enregistrer mes choix"));

		assertThat(this.browser.getCurrentUrl()).isEqualTo(url("/cookies"));
		assertThat(banners()).isEmpty();
		assertThat(decision().choices()).isEqualTo(Map.of("statistics", true, "video", false));
	}

	private List<WebElement> banners() {
		return this.browser.findElements(By.id("cookie-banner"));
	}

	private WebElement button(String text) {
		return this.browser.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
	}

	private ConsentDecision decision() {
		Cookie cookie = this.browser.manage().getCookieNamed(ConsentCookieCodec.COOKIE_NAME);
		assertThat(cookie).as("cookies_preferences in the browser").isNotNull();
		return ConsentCookieCodec.decode(cookie.getValue())
			.orElseThrow(() -> new AssertionError("undecodable cookies_preferences: " + cookie.getValue()));
	}

	/** Clicks something that loads another page, and waits until that page has loaded. */
	private void navigate(WebElement element) {
		WebElement page = this.browser.findElement(By.tagName("html"));
		element.click();
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(10));
		// While the old document goes away, Chromium may answer with a generic error instead of "stale": ask again.
		wait.ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(page));
		wait.until((driver) -> "complete"
			.equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
