package org.chartecookies.browser;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The banner's first layer with the default registry, as an auditor's tool reads it in a browser: it names the
 * purpose of the optional cookies and who sets them before any choice, shows nothing ticked, says the always-on
 * cookies rather than offering them as a box, and names no privacy policy when the registry gives none.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FirstLayerInBrowserTest extends VisitorTest {

	@ParameterizedTest(name = "lang={0} JavaScript on: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			fr | true  | Avec votre accord, nous utilisons aussi d'autres cookies, pour : mesure d'audience. Ils sont déposés par nous-mêmes. | Personnaliser | Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels (toujours actifs)
			en | false | With your consent, we also use other cookies, for: audience measurement. They are set by us.                        | Customise     | Cookies necessary for the platform to work / functional cookies (always active)
			""")
	void theFirstLayerNamesPurposesAndProvidersAndNothingIsTicked(String language, boolean javascript, String said,
			String customise, String alwaysOn) {
		visit(javascript).open("/cookies?lang=" + language);
		WebElement banner = this.visitor.banner().orElseThrow();

		assertThat(banner.findElement(By.cssSelector("form p")).getText()).contains(said);
		assertThat(inputs()).as("no box is ticked on a first visit").noneMatch(WebElement::isSelected);
		this.visitor.openChoices();
		assertThat(banner.getText()).contains(alwaysOn);
		assertThat(inputs()).extracting((input) -> input.getDomAttribute("value"))
			.as("only the optional category is a choice")
			.containsExactly("statistics");
		assertThat(banner.findElements(By.partialLinkText(language.equals("fr") ? "confidentialité" : "rivacy")))
			.as("no privacy policy in the registry, none in the banner")
			.isEmpty();
		assertThat(this.visitor.accessibilityViolations()).isEmpty();
	}

	/** A visitor who accepted finds their choice ticked when they come back to change it, and no box for the rest. */
	@Test
	void onlyTheCurrentDecisionTicksABox() {
		visit(true).open("/cookies");
		this.visitor.decide("Tout accepter").hideConfirmation("Masquer ce message");

		this.visitor.manageCookies("Gérer mes cookies");

		assertThat(inputs()).extracting(WebElement::isSelected).containsExactly(true);
	}

	private List<WebElement> inputs() {
		return this.visitor.browser.findElements(By.cssSelector("#cookie-banner input:not([type=hidden])"));
	}

}
