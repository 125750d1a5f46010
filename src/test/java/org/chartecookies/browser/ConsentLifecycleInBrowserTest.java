package org.chartecookies.browser;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Cookie;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Withdrawal and gating as a visitor's browser lives them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "charte.registry.location=classpath:registries/two-optional-categories.yaml")
class ConsentLifecycleInBrowserTest extends VisitorTest {

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void refusingStatisticsDeletesTheStatisticsCookieTheBrowserHolds(boolean javascript) {
		visit(javascript).open("/cookies");
		this.visitor.browser.manage().addCookie(new Cookie("_pk_id.1.abcd", "visitor-42", "/"));
		this.visitor.browser.manage().addCookie(new Cookie("VISITOR_INFO1_LIVE", "video-7", "/"));

		this.visitor.openChoices().toggle("video").decide("Enregistrer mes choix");

		assertThat(this.visitor.browser.manage().getCookieNamed("_pk_id.1.abcd")).isNull();
		assertThat(this.visitor.browser.manage().getCookieNamed("VISITOR_INFO1_LIVE")).isNotNull();
		assertThat(this.visitor.choices()).isEqualTo(Map.of("statistics", false, "video", true));
	}

	@Test
	void gatedCodeRunsOnlyAfterItsCategoryIsAccepted() {
		visit(true).open("/test/gating");
		assertThat(ran("serverSideGatedRan")).isZero();
		assertThat(ran("clientSideGatedRan")).isZero();
		this.visitor.script("window.sameDocument = true;");

		this.visitor.openChoices().toggle("statistics").decide("Enregistrer mes choix");

		// In the browser, at once and without a reload.
		this.visitor.waitFor().until((driver) -> ran("clientSideGatedRan") == 1);
		assertThat(this.visitor.script("return window.sameDocument === true")).as("no reload").isEqualTo(true);
		// On the server, from the next page on.
		this.visitor.open("/test/gating");
		this.visitor.waitFor().until((driver) -> ran("serverSideGatedRan") == 1 && ran("clientSideGatedRan") == 1);
	}

	@Test
	void gatedCodeNeverRunsAfterItsCategoryIsRefused() {
		visit(true).open("/test/gating");

		this.visitor.decide("Tout refuser");

		assertThat(ran("clientSideGatedRan")).isZero();
		this.visitor.open("/test/gating");
		assertThat(this.visitor.banner()).isEmpty();
		assertThat(ran("serverSideGatedRan")).isZero();
		assertThat(ran("clientSideGatedRan")).isZero();
		assertThat(this.visitor.browser.getPageSource()).doesNotContain("server-side.js");
	}

	private long ran(String counter) {
		waitUntilLoaded();
		Object count = this.visitor.script("return window." + counter + " || 0");
		return ((Number) count).longValue();
	}

	private void waitUntilLoaded() {
		this.visitor.waitFor().until(Chromium::loaded);
	}

}
