package org.chartecookies.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * How the charter looks in a real browser: the banner's choices, the cookie tables, one palette for the banner and the
 * page in light and dark, print, and where the focus goes. Screenshots of every width, scheme and language go to
 * target/screenshots/look-*.png.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CharterLookTest extends VisitorTest {

	@ParameterizedTest(name = "width {0}")
	@ValueSource(ints = { 375, 768, 1280 })
	void eachChoiceHasItsBoxBesideItsLabelAndItsDescriptionUnderTheLabel(int width) {
		visit(false).resize(new Dimension(width, 900));
		this.visitor.open("/cookies?cookies=manage");

		List<WebElement> choices = this.visitor.browser.findElements(By.cssSelector(".cookie-banner__choice"));
		assertThat(choices).isNotEmpty();
		for (WebElement choice : choices) {
			Map<?, ?> box = rect(choice.findElement(By.tagName("input")));
			Map<?, ?> label = rect(choice.findElement(By.tagName("label")));
			Map<?, ?> description = rect(choice.findElement(By.cssSelector(".cookie-banner__description")));
			String name = choice.getText();
			assertThat(number(box, "right")).as("box left of its label: " + name).isLessThan(number(label, "left"));
			assertThat(number(box, "top")).as("box on the label's first line: " + name)
				.isBetween(number(label, "top") - 2, number(label, "top") + 12);
			assertThat(number(description, "left")).as("description under the label: " + name)
				.isCloseTo(number(label, "left"), within(1.0));
		}
	}

	@ParameterizedTest(name = "width {0}")
	@ValueSource(ints = { 768, 1280 })
	void cookieNamesNeverBreakInsideAWordAndTablesFitTheirColumn(int width) {
		visit(false).resize(new Dimension(width, 900));
		this.visitor.open("/cookies");

		assertThat(this.visitor.script("""
				return Array.from(document.querySelectorAll('.charter-table code'))
				  .filter(function (code) { return code.getClientRects().length > 1; })
				  .map(function (code) { return code.textContent; });""")).as("names on more than one line")
			.asList()
			.isEmpty();
		assertThat(this.visitor.script("""
				return Array.from(document.querySelectorAll('.charter-table-frame'))
				  .filter(function (frame) { return frame.scrollWidth > frame.clientWidth; }).length;"""))
			.as("tables scrolling sideways")
			.isEqualTo(0L);
	}

	@ParameterizedTest(name = "width {0}")
	@ValueSource(ints = { 375, 1280 })
	void theBannersTextLinesUpWithThePagesText(int width) {
		visit(false).resize(new Dimension(width, 900));
		this.visitor.open("/cookies");

		double banner = number(rect(this.visitor.browser.findElement(By.cssSelector(".cookie-banner__title"))), "left");
		double page = number(rect(this.visitor.browser.findElement(By.tagName("h1"))), "left");
		double header = number(rect(this.visitor.browser.findElement(By.cssSelector(".site-name"))), "left");

		assertThat(banner).isCloseTo(page, within(1.0));
		assertThat(header).isCloseTo(page, within(1.0));
	}

	@Test
	void bannerAndPageShareOnePaletteThatFollowsTheColourScheme() {
		visit(false);
		for (String scheme : List.of("light", "dark")) {
			colourScheme(scheme);
			this.visitor.open("/cookies");

			String button = style(".cookie-banner__button", "background-color");
			assertThat(style(".charter-button", "border-top-color")).as(scheme + ": the page's button")
				.isEqualTo(button);
			assertThat(style(".site-footer a", "color")).as(scheme + ": the page's links").isEqualTo(style(".cookie-banner__link", "color"));
			double page = luminance(style("body", "background-color"));
			double banner = luminance(style(".cookie-banner", "background-color"));
			if (scheme.equals("dark")) {
				assertThat(page).as("dark page").isLessThan(0.1);
				assertThat(banner).as("dark banner").isLessThan(0.1);
			}
			else {
				assertThat(page).as("light page").isGreaterThan(0.9);
				assertThat(banner).as("light banner").isGreaterThan(0.8);
			}
		}
		assertThat(this.visitor.accessibilityViolations()).as("dark page, axe").isEmpty();
	}

	@Test
	void printingTheCharterGivesTheCharterAndWhereItsLinksLead() throws Exception {
		visit(false);
		this.visitor.open("/cookies");
		this.visitor.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));

		for (String hidden : List.of("#cookie-banner", ".site-language", ".site-footer", ".charter-choices",
				".skip-link")) {
			assertThat(style(hidden, "display")).as(hidden + " printed").isEqualTo("none");
		}
		assertThat(this.visitor.browser.findElements(By.cssSelector(".charter-table"))).allSatisfy(
				(table) -> assertThat(table.isDisplayed()).isTrue());
		assertThat(this.visitor.script("""
				return Array.from(document.querySelectorAll('main a[href^="http"]')).filter(function (a) {
				  return a.textContent.trim() !== a.href && a.textContent.trim() !== a.getAttribute('href')
				    && getComputedStyle(a, '::after').content.indexOf(a.getAttribute('href')) < 0;
				}).map(function (a) { return a.outerHTML; });""")).as("links whose target is not printed")
			.asList()
			.isEmpty();
		assertThat(this.visitor.script("""
				return Array.from(document.querySelectorAll('main a[href^="http"]')).filter(function (a) {
				  return a.textContent.trim() === a.getAttribute('href')
				    && getComputedStyle(a, '::after').content.indexOf(a.getAttribute('href')) >= 0;
				}).map(function (a) { return a.outerHTML; });""")).as("links whose target is printed twice")
			.asList()
			.isEmpty();
		assertThat(luminance(style(".charter-table td", "color"))).as("table text printed black").isLessThan(0.05);

		fullPageScreenshot("look-charter-fr-print");
		Map<String, Object> pdf = this.visitor.browser.executeCdpCommand("Page.printToPDF",
				Map.of("printBackground", false));
		Path directory = Files.createDirectories(Path.of("target", "screenshots"));
		Files.write(directory.resolve("look-charter-fr-print.pdf"),
				Base64.getDecoder().decode((String) pdf.get("data")));
	}

	@Test
	void focusIsDrawnForTheKeyboardNotAfterAClickAndGoesOnToTheContentWhenTheMessageIsHidden() {
		visit(true);
		this.visitor.open("/cookies");
		this.visitor.button("Tout refuser").click();
		this.visitor.waitFor().until((driver) -> this.visitor.confirmation().isPresent());
		WebElement confirmation = this.visitor.confirmation().orElseThrow();
		this.visitor.waitFor().until((driver) -> confirmation.equals(this.visitor.browser.switchTo().activeElement()));

		assertThat(confirmation.getCssValue("outline-style")).as("no ring after a click").isEqualTo("none");

		this.visitor.open("/cookies?cookies=manage");
		WebElement refuse = this.visitor.button("Tout refuser");
		this.visitor.script("arguments[0].focus()", refuse);
		new Actions(this.visitor.browser).sendKeys(Keys.ENTER).perform();
		this.visitor.waitFor().until((driver) -> this.visitor.confirmation().isPresent());
		WebElement status = this.visitor.confirmation().orElseThrow();
		this.visitor.waitFor().until((driver) -> status.equals(this.visitor.browser.switchTo().activeElement()));
		assertThat(status.getCssValue("outline-style")).as("a ring for the keyboard").isEqualTo("solid");

		WebElement hide = this.visitor.link("Masquer ce message");
		this.visitor.script("arguments[0].focus()", hide);
		new Actions(this.visitor.browser).sendKeys(Keys.ENTER).perform();
		this.visitor.waitFor().until((driver) -> this.visitor.banner().isEmpty());

		assertThat(this.visitor.browser.switchTo().activeElement().getTagName()).as("focus after hiding")
			.isEqualTo("main");
		new Actions(this.visitor.browser).sendKeys(Keys.TAB).perform();
		assertThat(this.visitor.script("return document.activeElement.closest('main') !== null")).as(
				"the next Tab stays in the content")
			.isEqualTo(true);
	}

	@Test
	void screenshotsOfEveryWidthSchemeAndLanguage() {
		visit(false);
		for (String scheme : List.of("light", "dark")) {
			colourScheme(scheme);
			for (String language : List.of("fr", "en")) {
				for (int width : List.of(375, 768, 1280)) {
					this.visitor.resize(new Dimension(width, 900));
					this.visitor.open("/cookies?lang=" + language);
					fullPageScreenshot("look-charter-" + language + "-" + scheme + "-" + width);
					this.visitor.open("/cookies?lang=" + language + "&cookies=manage");
					Chromium.screenshot(this.visitor.browser,
							"look-choices-" + language + "-" + scheme + "-" + width);
				}
			}
		}
		assertThat(Path.of("target", "screenshots", "look-charter-en-dark-1280.png")).exists();
	}

	private void fullPageScreenshot(String name) {
		Chromium.fullPageScreenshot(this.visitor.browser, name);
	}

		private void colourScheme(String scheme) {
		this.visitor.browser.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("media", "", "features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
	}

	private String style(String selector, String property) {
		return (String) this.visitor.script(
				"return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1])",
				selector, property);
	}

	private Map<?, ?> rect(WebElement element) {
		return (Map<?, ?>) this.visitor.script("return arguments[0].getBoundingClientRect().toJSON()", element);
	}

	private static double number(Map<?, ?> rect, String key) {
		return ((Number) rect.get(key)).doubleValue();
	}

	/** Relative luminance of a computed rgb()/rgba() colour, 0 (black) to 1 (white). */
	private static double luminance(String colour) {
		String[] parts = colour.replaceAll("[^0-9.,]", "").split(",");
		double[] channels = new double[3];
		for (int i = 0; i < 3; i++) {
			double c = Double.parseDouble(parts[i]) / 255;
			channels[i] = (c <= 0.03928) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
	}

}
