package org.chartecookies.browser;

import java.util.List;
import java.util.Map;

import org.chartecookies.EmbedsExamplePage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page with two videos of a third party, served from a second local origin: nothing is asked of that origin until
 * the visitor accepts the videos' category; then they load in place (without a reload with JavaScript, on the way
 * back without it); after a withdrawal they are held back again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EmbedsInBrowserTest extends VisitorTest {

	static final VideoProvider PROVIDER = new VideoProvider();

	static final String ACCEPT = "Accepter « Vidéos intégrées » et afficher";

	@DynamicPropertySource
	static void registry(DynamicPropertyRegistry properties) {
		EmbedsExamplePage.provider = PROVIDER.origin();
		properties.add("charte.registry.location", () -> "file:" + PROVIDER.registry());
	}

	@AfterAll
	static void stopProvider() {
		PROVIDER.close();
	}

	private int askedBefore;

	@BeforeEach
	void countFromHere() {
		this.askedBefore = PROVIDER.requests().size();
	}

	@Test
	void withJavaScriptTheVideosLoadInPlaceOnceAcceptedAndAreHeldBackAgainAfterAWithdrawal() {
		visit(true).open("/test/embeds");
		this.visitor.script("window.sameDocument = true;");
		List<WebElement> placeholders = placeholders();
		assertThat(placeholders).hasSize(2);
		assertThat(placeholders.get(0).getText()).contains("Garden",
				"Contenu fourni par Vidéothèque SA (le lecteur vidéo de Vidéothèque).",
				"Ses cookies servent à : mesurer la bande passante et retenir vos réglages de lecture.",
				"Il n'est chargé qu'une fois la catégorie « Vidéos intégrées » acceptée.", ACCEPT, "Gérer mes cookies");
		assertThat(frames()).isEmpty();
		Dimension before = placeholders.get(0).getSize();
		assertNothingAskedOfTheProvider();

		placeholders.get(0).findElement(By.tagName("button")).click();

		this.visitor.waitFor().until((driver) -> frames().size() == 2);
		this.visitor.waitFor().until((driver) -> asked().size() == 2);
		assertThat(asked()).containsExactlyInAnyOrder("/player/garden", "/player/winter");
		assertThat(this.visitor.script("return window.sameDocument === true")).as("no reload").isEqualTo(true);
		assertThat(placeholders().get(0).getSize()).as("the box keeps its size").isEqualTo(before);
		assertThat(this.visitor.browser.switchTo().activeElement().getDomAttribute("src"))
			.as("focus goes on to the video").isEqualTo(PROVIDER.origin() + "/player/garden");
		assertThat(this.visitor.choices()).containsEntry("video", true);
		assertThat(this.visitor.banner()).as("the decision is made: no banner asks any more").isEmpty();

		// The placeholder's own link is under the video now: the page's footer has one too.
		this.visitor.browser.findElement(By.cssSelector("footer a[data-cookie-manage]")).click();
		this.visitor.waitFor().until((driver) -> this.visitor.banner().isPresent());
		this.visitor.toggle("video").decide("Enregistrer mes choix");

		this.visitor.waitFor().until((driver) -> frames().isEmpty());
		assertThat(this.visitor.choices()).containsEntry("video", false);
		assertThat(placeholders()).allSatisfy((placeholder) -> assertThat(placeholder.getText()).contains(ACCEPT));
		assertThat(this.visitor.script("return window.sameDocument === true")).as("no reload").isEqualTo(true);
		this.visitor.open("/test/embeds");
		assertThat(frames()).isEmpty();
		assertThat(asked()).as("nothing more asked of the provider").hasSize(2);
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void theChoicesOpenFromThePlaceholderAndADecisionThereLoadsTheVideos(boolean javascript) {
		visit(javascript).open("/test/embeds");
		WebElement manage = placeholders().get(0).findElement(By.linkText("Gérer mes cookies"));
		assertThat(manage.getDomAttribute("href")).isEqualTo("/test/embeds?cookies=manage");

		this.visitor.manageCookies("Gérer mes cookies").toggle("video").decide("Enregistrer mes choix");

		this.visitor.waitFor().until((driver) -> frames().size() == 2);
		assertThat(asked()).containsExactlyInAnyOrder("/player/garden", "/player/winter");
		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", false, "ads", false, "video", true));
	}

	@Test
	void withoutJavaScriptThePlaceholderTellsAndItsButtonBringsTheVisitorBackToTheVideos() {
		visit(false).open("/test/embeds");
		assertThat(placeholders().get(1).getText()).contains("Winter", "Vidéothèque SA", ACCEPT);
		assertThat(frames()).isEmpty();
		assertNothingAskedOfTheProvider();

		placeholders().get(1).findElement(By.tagName("button")).click();

		this.visitor.waitFor().ignoring(WebDriverException.class).until((driver) -> frames().size() == 2);
		assertThat(this.visitor.browser.getCurrentUrl()).endsWith("/test/embeds?cookies=saved");
		assertThat(asked()).containsExactlyInAnyOrder("/player/garden", "/player/winter");
		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", false, "ads", false, "video", true));
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void aPageWithPlaceholdersIsAccessibleAndItsButtonIsReachedAndPressedWithTheKeyboard(boolean javascript) {
		visit(javascript).open("/test/embeds");
		assertThat(this.visitor.accessibilityViolations()).isEmpty();

		WebElement button = placeholders().get(0).findElement(By.tagName("button"));
		WebElement focused = null;
		for (int tab = 0; tab < 20 && !button.equals(focused); tab++) {
			new Actions(this.visitor.browser).sendKeys(Keys.TAB).perform();
			focused = this.visitor.browser.switchTo().activeElement();
		}
		assertThat(focused).as("the placeholder's button is reached with Tab").isEqualTo(button);
		assertThat(focused.getCssValue("outline-style")).as("visible focus").isNotEqualTo("none");
		new Actions(this.visitor.browser).sendKeys(Keys.ENTER).perform();

		this.visitor.waitFor().until((driver) -> frames().size() == 2);
		assertThat(this.visitor.accessibilityViolations()).isEmpty();
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 375, 1280 })
	void aHeldBackVideoAsVisitorsSeeIt(int width) {
		visit(true).open("/test/embeds");
		this.visitor.resize(new Dimension(width, (width < 600) ? 800 : 900));
		WebElement placeholder = placeholders().get(0);
		this.visitor.script("arguments[0].scrollIntoView({block: 'center'})", placeholder);

		assertThat(placeholder.getRect().getWidth()).isLessThanOrEqualTo(width);
		assertThat(this.visitor.layoutShift()).as("layout shift").isZero();
		this.visitor.screenshot("embed-held-back-" + width);
	}

	@Test
	void consentModeDefaultsToDeniedForANewVisitorUpdatesAtEachDecisionAndStartsFromTheDecisionForAReturningOne() {
		visit(true).open("/test/embeds");
		Map<String, String> denied = Map.of("analytics_storage", "denied", "ad_storage", "denied", "ad_user_data",
				"denied", "ad_personalization", "denied", "security_storage", "granted");
		assertThat(dataLayer()).containsExactly(List.of("consent", "default", denied));
		assertThat(this.visitor.script("return Object.prototype.toString.call(window.dataLayer[0])"))
			.as("gtag.js reads arguments objects, as Google's own snippet pushes").isEqualTo("[object Arguments]");

		this.visitor.openChoices().toggle("statistics").decide("Enregistrer mes choix");

		Map<String, String> statistics = Map.of("analytics_storage", "granted", "ad_storage", "denied", "ad_user_data",
				"denied", "ad_personalization", "denied", "security_storage", "granted");
		this.visitor.waitFor().until((driver) -> dataLayer().size() == 2);
		assertThat(dataLayer().get(1)).isEqualTo(List.of("consent", "update", statistics));

		// A returning visitor's tags start from their decision: no update to wait for.
		this.visitor.open("/test/embeds");
		assertThat(dataLayer()).containsExactly(List.of("consent", "default", statistics));

		this.visitor.manageCookies("Gérer mes cookies").toggle("statistics").toggle("ads").decide("Enregistrer mes choix");

		this.visitor.waitFor().until((driver) -> dataLayer().size() == 2);
		assertThat(dataLayer().get(1)).isEqualTo(List.of("consent", "update", Map.of("analytics_storage", "denied",
				"ad_storage", "granted", "ad_user_data", "granted", "ad_personalization", "granted", "security_storage",
				"granted")));
	}

	@Test
	void aDecisionInAPlaceholderUpdatesConsentModeAndRunsTheCategorysParkedScripts() {
		visit(true).open("/test/embeds");

		placeholders().get(0).findElement(By.tagName("button")).click();

		this.visitor.waitFor().until((driver) -> dataLayer().size() == 2);
		assertThat(dataLayer().get(1)).isEqualTo(List.of("consent", "update", Map.of("analytics_storage", "denied",
				"ad_storage", "denied", "ad_user_data", "denied", "ad_personalization", "denied", "security_storage",
				"granted")));
		this.visitor.waitFor().until((driver) -> Boolean.TRUE.equals(this.visitor.script("return window.videoScriptRan === 1")));
	}

	/** {@code window.dataLayer}, each entry (gtag's arguments) as a list. */
	@SuppressWarnings("unchecked")
	private List<List<Object>> dataLayer() {
		return (List<List<Object>>) this.visitor
			.script("return (window.dataLayer || []).map(function (entry) { return Array.prototype.slice.call(entry); })");
	}

	private List<WebElement> placeholders() {
		return this.visitor.browser.findElements(By.cssSelector(".cookie-embed"));
	}

	private List<WebElement> frames() {
		return this.visitor.browser.findElements(By.cssSelector(".cookie-embed iframe"));
	}

	private List<String> asked() {
		List<String> all = PROVIDER.requests();
		return all.subList(this.askedBefore, all.size());
	}

	/** Neither the provider nor the browser's own record of what the page loaded (Resource Timing) saw a request. */
	private void assertNothingAskedOfTheProvider() {
		assertThat(asked()).as("requests the provider got").isEmpty();
		if (this.visitor.javascript) {
			assertThat((List<?>) this.visitor.script(
					"return performance.getEntriesByType('resource').map(function (e) { return e.name; })"))
				.as("what the page loaded").noneMatch((name) -> String.valueOf(name).startsWith(PROVIDER.origin()));
		}
	}

}
