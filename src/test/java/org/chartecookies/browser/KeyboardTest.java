package org.chartecookies.browser;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every choice can be made with Tab, Enter and Space alone, and the focus can always be seen.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "charte.registry.location=classpath:registries/two-optional-categories.yaml")
class KeyboardTest extends VisitorTest {

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void visitorCustomisesTheirChoiceWithTheKeyboardAlone(boolean javascript) {
		visit(javascript).open("/cookies");

		assertThat(press(Keys.TAB).getText()).isEqualTo("Tout accepter");
		assertThat(press(Keys.TAB).getText()).isEqualTo("Tout refuser");
		assertThat(press(Keys.TAB).getText()).isEqualTo("Lire la charte cookies");
		assertThat(press(Keys.TAB).getText()).isEqualTo("Personnaliser");
		press(Keys.ENTER);
		// The required category is said, not offered: the first control is the first optional category.
		assertThat(press(Keys.TAB).getDomAttribute("id")).isEqualTo("cookie-choice-statistics");
		assertThat(press(Keys.SPACE).isSelected()).isTrue();
		assertThat(press(Keys.TAB).getDomAttribute("id")).isEqualTo("cookie-choice-video");
		assertThat(press(Keys.TAB).getText()).isEqualTo("Enregistrer mes choix");
		new Actions(this.visitor.browser).sendKeys(Keys.ENTER).perform();
		this.visitor.waitFor().until((driver) -> this.visitor.confirmation().isPresent());
		if (javascript) {
			WebElement status = this.visitor.browser.switchTo().activeElement();
			assertThat(status.getDomAttribute("role")).isEqualTo("status");
			assertThat(status.getCssValue("outline-style")).as("visible focus on the confirmation").isNotEqualTo("none");
		}
		// Without JavaScript the next page starts from the top, where the banner is: the confirmation comes first.
		assertThat(press(Keys.TAB).getText()).isEqualTo("Gérer mes cookies");
		assertThat(press(Keys.TAB).getText()).isEqualTo("Masquer ce message");
		new Actions(this.visitor.browser).sendKeys(Keys.ENTER).perform();
		this.visitor.waitFor().until((driver) -> this.visitor.banner().isEmpty());

		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", true, "video", false));
	}

	/** Presses a key, then checks that the focused element shows a focus indicator. */
	private WebElement press(CharSequence key) {
		new Actions(this.visitor.browser).sendKeys(key).perform();
		WebElement focused = this.visitor.browser.switchTo().activeElement();
		assertThat(focused.getTagName()).as("focus left the page").isNotEqualTo("body");
		String outline = focused.getCssValue("outline-style");
		String shadow = focused.getCssValue("box-shadow");
		assertThat(!"none".equals(outline) || !"none".equals(shadow))
			.as("visible focus on <%s> %s (outline %s, box-shadow %s)", focused.getTagName(), focused.getText(),
					outline, shadow)
			.isTrue();
		return focused;
	}

}
