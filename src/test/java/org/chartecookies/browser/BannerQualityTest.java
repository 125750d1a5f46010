package org.chartecookies.browser;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each banner state, on the charter and on another page of the application, in French and English, with JavaScript
 * on and off: no WCAG 2.2 AA violation (axe-core), no Content-Security-Policy violation, no layout shift while
 * loading, and screenshots at desktop and phone widths under target/screenshots.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BannerQualityTest extends VisitorTest {

	private static final Dimension PHONE = new Dimension(375, 812);

	@ParameterizedTest(name = "{0} lang={1} JavaScript on: {2}")
	@CsvSource(textBlock = """
			/cookies,  fr, true
			/cookies,  en, true
			/cookies,  fr, false
			/cookies,  en, false
			/nowhere,  fr, true
			/nowhere,  en, true
			/nowhere,  fr, false
			/nowhere,  en, false
			""")
	void everyBannerStateIsAccessible(String page, String language, boolean javascript) {
		visit(javascript);
		String path = page + "?lang=" + language;
		boolean french = language.equals("fr");
		List<String> violations = new ArrayList<>();

		this.visitor.open(path);
		check(violations, page, language, "1-first-layer");

		this.visitor.open(path + "&cookies=manage");
		check(violations, page, language, "2-choices-open");

		this.visitor.decide(french ? "Tout refuser" : "Reject all");
		check(violations, page, language, "3-confirmation");

		this.visitor.hideConfirmation(french ? "Masquer ce message" : "Hide this message");
		assertThat(this.visitor.banner()).isEmpty();
		check(violations, page, language, "4-banner-gone");

		assertThat(violations).isEmpty();
	}

	@ParameterizedTest(name = "width {0}")
	@ValueSource(ints = { 1280, 375 })
	void bannerCausesNoLayoutShiftWhileThePageLoads(int width) {
		visit(true);
		this.visitor.resize(new Dimension(width, 900));

		this.visitor.open("/cookies");

		assertThat(this.visitor.banner()).isPresent();
		assertThat(this.visitor.layoutShifts()).as("layout shifts while the page loads").isEmpty();
		assertThat(this.visitor.layoutShifts()).as("layout shifts while the page loads").isEmpty();
		assertThat(this.visitor.layoutShift()).isZero();
		assertThat(this.visitor.cspViolations()).isEmpty();
	}

	/**
	 * A page painted before its end is parsed, then found taller than the window, must not narrow when a classic
	 * scrollbar appears: the text would wrap again and the banner move. The width left to the content is the same
	 * whether the page scrolls or not.
	 */
	@ParameterizedTest(name = "width {0}")
	@ValueSource(ints = { 1280, 375 })
	void contentKeepsItsWidthWhetherThePageScrollsOrNot(int width) {
		visit(true);
		this.visitor.resize(new Dimension(width, 600));
		this.visitor.open("/cookies");
		assertThat(this.visitor.script("return document.documentElement.scrollHeight > window.innerHeight"))
			.as("the charter scrolls in a window 600 pixels high").isEqualTo(true);
		Object scrolling = this.visitor.script("return document.body.clientWidth");

		this.visitor.resize(new Dimension(width, 20000));
		this.visitor.open("/cookies");
		assertThat(this.visitor.script("return document.documentElement.scrollHeight > window.innerHeight"))
			.as("the charter fits in a window 20,000 pixels high").isEqualTo(false);

		assertThat(this.visitor.script("return document.body.clientWidth")).isEqualTo(scrolling);
	}

	private void check(List<String> violations, String page, String language, String state) {
		String where = page + " " + language + " " + state + (this.visitor.javascript ? " (js)" : " (no js)") + ": ";
		this.visitor.accessibilityViolations().forEach((violation) -> violations.add(where + violation));
		this.visitor.cspViolations().forEach((violation) -> violations.add(where + "CSP " + violation));
		if (page.equals("/cookies")) {
			String name = "banner-" + language + "-" + state;
			this.visitor.screenshot(name + "-1280");
			this.visitor.resize(PHONE);
			this.visitor.screenshot(name + "-375");
			this.visitor.resize(Chromium.DESKTOP);
		}
	}

}
