package org.chartecookies.browser;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor decides in a real browser, with JavaScript on and off; the registry offers two optional categories.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "charte.registry.location=classpath:registries/two-optional-categories.yaml")
class ConsentInBrowserTest extends VisitorTest {

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void visitorRefusesAllSeesWhatWasChosenAndIsNotAskedAgain(boolean javascript) {
		visit(javascript).open("/cookies");
		assertThat(this.visitor.script("return typeof window.cookieConsent"))
			.as("the banner script ran").isEqualTo(javascript ? "object" : "undefined");
		assertThat(this.visitor.banner()).hasValueSatisfying(
				(banner) -> assertThat(banner.getText()).contains("Tout accepter", "Tout refuser"));

		this.visitor.decide("Tout refuser");

		assertThat(this.visitor.confirmation()).hasValueSatisfying((status) -> assertThat(status.getText())
			.contains("Vous avez refusé les cookies facultatifs : Mesure d'audience, Vidéos intégrées.",
					"Gérer mes cookies"));
		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", false, "video", false));
		this.visitor.hideConfirmation("Masquer ce message");
		assertThat(this.visitor.banner()).isEmpty();

		this.visitor.open("/cookies");
		assertThat(this.visitor.banner()).isEmpty();
		assertThat(this.visitor.browser.findElement(By.id("your-choices")).getText())
			.contains("Mesure d'audience : refusé", "Vidéos intégrées : refusé");
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void visitorCanQuoteTheirConsentIdFromTheConfirmationAndTheCharter(boolean javascript) {
		visit(javascript).open("/cookies");
		assertThat(this.visitor.browser.findElement(By.id("your-choices")).getText())
			.doesNotContain("identifiant de consentement");

		this.visitor.decide("Tout accepter");
		String id = this.visitor.decision().consentId();

		assertThat(this.visitor.confirmation()).hasValueSatisfying((status) -> assertThat(status.getText())
			.contains("Votre identifiant de consentement : " + id));
		this.visitor.open("/cookies?lang=en");
		assertThat(this.visitor.browser.findElement(By.id("your-choices")).getText())
			.contains("Your consent id: " + id);
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void visitorAcceptsOnlySomeCategoriesThroughCustomise(boolean javascript) {
		visit(javascript).open("/cookies?lang=en");

		this.visitor.openChoices();
		assertThat(this.visitor.banner().orElseThrow().getText()).contains("Necessary cookies (always active)");
		this.visitor.toggle("statistics").decide("Save my choices");

		assertThat(this.visitor.confirmation()).hasValueSatisfying((status) -> assertThat(status.getText())
			.contains("You have accepted: Audience measurement. You have refused: Embedded videos."));
		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", true, "video", false));
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void visitorChangesTheirMindThroughManageMyCookies(boolean javascript) {
		visit(javascript).open("/cookies");
		this.visitor.decide("Tout accepter").hideConfirmation("Masquer ce message");

		this.visitor.manageCookies("Gérer mes cookies");
		assertThat(this.visitor.browser.findElement(By.id("cookie-choice-statistics")).isSelected()).isTrue();
		assertThat(this.visitor.browser.findElement(By.id("cookie-choice-video")).isSelected()).isTrue();
		this.visitor.toggle("video").decide("Enregistrer mes choix");

		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", true, "video", false));
	}

	@Test
	void withJavaScriptTheDecisionNeedsNoReloadKeepsThePageInPlaceAndFocusesTheConfirmation() {
		visit(true).open("/cookies");
		this.visitor.script("window.scrollTo(0, 60); window.sameDocument = true;");
		Number headingBefore = headingTop();

		this.visitor.decide("Tout refuser");

		assertThat(this.visitor.script("return window.sameDocument === true")).as("no reload").isEqualTo(true);
		// The page does not jump: what the visitor was reading stays where it was on the screen.
		assertThat(headingTop().doubleValue()).isEqualTo(headingBefore.doubleValue());
		assertThat(this.visitor.browser.switchTo().activeElement().getDomAttribute("role")).isEqualTo("status");
		assertThat(this.visitor.browser.getCurrentUrl()).isEqualTo(this.visitor.url("/cookies"));
	}

	@Test
	void withJavaScriptManageMyCookiesOpensTheChoicesInPlace() {
		visit(true).open("/cookies?lang=en");
		this.visitor.decide("Reject all").hideConfirmation("Hide this message");
		this.visitor.script("window.sameDocument = true;");

		this.visitor.manageCookies("Manage my cookies");

		assertThat(this.visitor.script("return window.sameDocument === true")).as("no reload").isEqualTo(true);
		assertThat(this.visitor.banner()).hasValueSatisfying(
				(banner) -> assertThat(banner.getText()).contains("Save my choices"));
		assertThat(this.visitor.browser.switchTo().activeElement().getDomAttribute("id"))
			.isEqualTo("cookie-choice-statistics");
	}

	@Test
	void pageScriptsHearEachDecisionAndCanReadTheCurrentOne() {
		visit(true).open("/cookies");
		assertThat(this.visitor.script("return window.cookieConsent.get()")).isNull();
		this.visitor.script("""
				window.heard = [];
				document.addEventListener('cookies:consent', function (e) { window.heard.push(e.detail); });""");

		this.visitor.openChoices().toggle("video").decide("Enregistrer mes choix");

		List<?> heard = (List<?>) this.visitor.script("return window.heard");
		assertThat(heard).singleElement()
			.satisfies((detail) -> assertThat(asMap(detail)).containsEntry("categories",
					Map.of("statistics", false, "video", true)));
		assertThat(asMap(this.visitor.script("return window.cookieConsent.get()")))
			.containsEntry("categories", Map.of("statistics", false, "video", true))
			.containsEntry("consentId", this.visitor.decision().consentId());
		assertThat(this.visitor.script("return window.cookieConsent.accepts('video')")).isEqualTo(true);
		assertThat(this.visitor.script("return window.cookieConsent.accepts('statistics')")).isEqualTo(false);
	}

	private Number headingTop() {
		return (Number) this.visitor.script("return document.querySelector('h1').getBoundingClientRect().top");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
