package org.chartecookies.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.chartecookies.consent.ConsentCookieCodec;
import org.chartecookies.consent.ConsentDecision;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor in headless Chromium, with JavaScript on or off, doing what people do with the banner. The same steps
 * work both ways: with JavaScript the banner changes in place, without it the browser loads the next page.
 */
final class Visitor implements AutoCloseable {

	static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	final ChromeDriver browser;

	final boolean javascript;

	private final String origin;

	Visitor(int port, boolean javascript) {
		this("http://localhost:" + port, javascript);
	}

	/** A visitor of another origin than localhost, with the browser's extra arguments (to resolve its host). */
	Visitor(String origin, boolean javascript, String... chromiumArguments) {
		this.browser = Chromium.start(javascript, chromiumArguments);
		this.javascript = javascript;
		this.origin = origin;
	}

	String url(String path) {
		return this.origin + path;
	}

	Visitor open(String path) {
		return load(url(path));
	}

	/** Opens an address (of any origin) and waits until its page is loaded. */
	Visitor load(String url) {
		Chromium.load(this.browser, url);
		return this;
	}

	Optional<WebElement> banner() {
		return this.browser.findElements(By.id("cookie-banner")).stream().findFirst();
	}

	WebElement button(String text) {
		return this.browser.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
	}

	WebElement link(String text) {
		return this.browser.findElement(By.xpath("//a[normalize-space()='" + text + "']"));
	}

	/** Presses one of the banner's buttons; returns once the confirmation is there. */
	Visitor decide(String buttonText) {
		WebElement button = button(buttonText);
		if (this.javascript) {
			button.click();
			waitFor().until((driver) -> confirmation().isPresent());
		}
		else {
			loadNextPage(button);
		}
		return this;
	}

	Optional<WebElement> confirmation() {
		return this.browser.findElements(By.cssSelector("#cookie-banner [role=status]")).stream().findFirst();
	}

	/** Hides the confirmation with its "hide" control; returns once the banner is gone. */
	Visitor hideConfirmation(String linkText) {
		WebElement hide = link(linkText);
		if (this.javascript) {
			hide.click();
			waitFor().until((driver) -> banner().isEmpty());
		}
		else {
			loadNextPage(hide);
		}
		return this;
	}

	/** Follows a "Gérer mes cookies" link; returns once the choices are open. */
	Visitor manageCookies(String linkText) {
		WebElement manage = this.browser.findElements(By.xpath("//a[normalize-space()='" + linkText + "']")).get(0);
		if (this.javascript) {
			manage.click();
			// The banner on the page is replaced by the one with its choices open: the old one may go while it is read.
			waitFor().ignoring(StaleElementReferenceException.class)
				.until((driver) -> banner().map((banner) -> banner.findElement(By.tagName("details")))
				.map((details) -> details.getDomAttribute("open") != null)
				.orElse(false));
		}
		else {
			loadNextPage(manage);
		}
		return this;
	}

	Visitor openChoices() {
		this.browser.findElement(By.cssSelector("#cookie-banner summary")).click();
		return this;
	}

	Visitor toggle(String categoryId) {
		this.browser.findElement(By.cssSelector("label[for=cookie-choice-" + categoryId + "]")).click();
		return this;
	}

	ConsentDecision decision() {
		Cookie cookie = this.browser.manage().getCookieNamed(ConsentCookieCodec.COOKIE_NAME);
		assertThat(cookie).as("cookies_preferences in the browser").isNotNull();
		return ConsentCookieCodec.decode(cookie.getValue())
			.orElseThrow(() -> new AssertionError("undecodable cookies_preferences: " + cookie.getValue()));
	}

	Map<String, Boolean> choices() {
		return decision().choices();
	}

	Object script(String script, Object... arguments) {
		return this.browser.executeScript(script, arguments);
	}

	/** Content-Security-Policy violations seen since the page loaded (JavaScript on only: it takes a listener). */
	List<?> cspViolations() {
		return this.javascript ? (List<?>) script("return window.__charte.violations") : List.of();
	}

	/** Layout shift without recent input since the page loaded, once the page, its styles and fonts are done. */
	double layoutShift() {
		waitFor().until(Chromium::loaded);
		this.browser.executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				document.fonts.ready.then(function () {
				  requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });
				});""");
		return ((Number) script("return window.__charte.layoutShift")).doubleValue();
	}

	/** Each layout shift since the page began to load: its score, when, and which elements moved from where to where. */
	List<?> layoutShifts() {
		layoutShift();
		return (List<?>) script("return window.__charte.shifts");
	}

	/** axe-core's WCAG 2.2 AA violations on the page as it is now, one line each. */
	List<String> accessibilityViolations() {
		// axe needs timers, which do not run while scripts are off: allow them only while it runs.
		if (!this.javascript) {
			Chromium.pageScripts(this.browser, true);
		}
		Results results;
		try {
			results = new AxeBuilder().withTags(WCAG_TAGS).analyze(this.browser);
		}
		finally {
			if (!this.javascript) {
				Chromium.pageScripts(this.browser, false);
			}
		}
		assertThat(results.getPasses()).as("axe ran its rules").isNotEmpty();
		return results.getViolations()
			.stream()
			.map((rule) -> rule.getId() + ": " + rule.getHelp() + " at "
					+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList())
			.toList();
	}

	void resize(Dimension size) {
		this.browser.manage().window().setSize(size);
	}

	void screenshot(String name) {
		Chromium.screenshot(this.browser, name + (this.javascript ? "-js" : "-nojs"));
	}

	WebDriverWait waitFor() {
		return new WebDriverWait(this.browser, Duration.ofSeconds(10));
	}

	/** Clicks something that loads another page, and waits until that page has loaded. */
	private void loadNextPage(WebElement element) {
		WebElement page = this.browser.findElement(By.tagName("html"));
		element.click();
		WebDriverWait wait = waitFor();
		// While the old document goes away, Chromium may answer with a generic error instead of "stale": ask again.
		wait.ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(page));
		wait.until(Chromium::loaded);
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
