package org.chartecookies.browser;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sites on one instance (the example folder), visited in a real browser that resolves both host names to this
 * machine, as a visitor of both would: a decision on one site never counts on the other, a page of one site never
 * shows the other's cookies or texts, and a page kept by the render cache for one site is never served to the other.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "charte.registry.folder=examples/sites")
class SeveralSitesInBrowserTest {

	private static final String[] RESOLVE_HERE = { "--host-resolver-rules=MAP *.example.org 127.0.0.1",
			"--disable-features=HttpsUpgrades" };

	@LocalServerPort
	private int port;

	private String text(Visitor visitor) {
		return visitor.browser.findElement(By.tagName("body")).getText();
	}

	@Test
	void aDecisionOnOneSiteNeverCountsOnTheOtherAndNeitherShowsTheOthersCookies() {
		try (Visitor shop = new Visitor("http://shop.example.org:" + this.port, true, RESOLVE_HERE)) {
			shop.open("/cookies");
			assertThat(shop.banner()).as("the shop asks").isPresent();
			assertThat(text(shop)).contains("La Boutique", "basket", "ad_click", "Cookies publicitaires",
					"La Boutique utilise quelques cookies pour garder votre panier")
				.doesNotContain("Opendatasoft", "sessionid", "_pk_id", "mesure d'audience");
			assertThat(shop.accessibilityViolations()).isEmpty();
			assertThat(shop.button("Tout accepter").getCssValue("background-color"))
				.as("the shop's own accent").isEqualTo("rgba(138, 21, 56, 1)");

			shop.decide("Tout accepter");
			assertThat(shop.choices()).isEqualTo(Map.of("advertising", true));
			assertThat(shop.decision().revision()).isEqualTo(3);

			// The same address, language and consent state as the shop's page just kept: the other site's own page.
			shop.load("http://opendata.example.org:" + this.port + "/cookies");
			assertThat(shop.banner()).as("the decision on the shop does not count here").isPresent();
			assertThat(text(shop)).contains("Opendatasoft", "sessionid", "_pk_id.*")
				.doesNotContain("La Boutique", "basket", "ad_click", "Cookies publicitaires", "garder votre panier");
			assertThat(shop.browser.manage().getCookieNamed("cookies_preferences")).isNull();
			assertThat(shop.button("Tout accepter").getCssValue("background-color"))
				.as("the application's own accent").isEqualTo("rgba(29, 79, 145, 1)");

			shop.decide("Tout refuser");
			assertThat(shop.choices()).isEqualTo(Map.of("statistics", false));

			shop.open("/cookies");
			assertThat(shop.banner()).as("the shop still holds its own decision").isEmpty();
			assertThat(shop.browser.findElement(By.cssSelector("#your-choices li[data-category=advertising]")).getText())
				.isEqualTo("Cookies publicitaires : accepté");
			assertThat(shop.cspViolations()).isEmpty();
		}
	}

	/**
	 * Each site's first layer names its own purposes and the providers of its optional cookies (the opendata site
	 * sets them itself, the shop has an advertising partner), with nothing ticked; only the shop names a privacy
	 * policy, linked from its banner and its charter.
	 */
	@ParameterizedTest(name = "{0} lang={1}")
	@CsvSource(delimiter = '|', textBlock = """
			opendata | fr | pour : mesure d'audience. Ils sont déposés par nous-mêmes.                    |
			opendata | en | for: audience measurement. They are set by us.                                |
			shop     | fr | pour : mesure de nos campagnes publicitaires. Ils sont déposés par Régie Exemple. | Politique de confidentialité
			shop     | en | for: measuring our advertising campaigns. They are set by Régie Exemple.        | Privacy policy
			""")
	void eachSitesFirstLayerNamesItsPurposesItsProvidersAndItsPrivacyPolicy(String site, String language,
			String said, String privacyLink) {
		try (Visitor visitor = new Visitor("http://" + site + ".example.org:" + this.port, false, RESOLVE_HERE)) {
			visitor.open("/cookies?lang=" + language);
			WebElement banner = visitor.banner().orElseThrow();

			assertThat(banner.findElement(By.cssSelector("form p")).getText()).contains(said);
			assertThat(banner.findElements(By.cssSelector("input:not([type=hidden])")))
				.as("the optional category, unticked").singleElement()
				.satisfies((input) -> assertThat(input.isSelected()).isFalse());
			List<String> privacy = visitor.browser
				.findElements(By.xpath("//a[contains(., 'confidentialité') or contains(., 'rivacy')]"))
				.stream()
				.map((link) -> link.getDomAttribute("href"))
				.toList();
			if (privacyLink == null) {
				assertThat(privacy).isEmpty();
			}
			else {
				assertThat(banner.findElement(By.linkText(privacyLink)).getDomAttribute("href"))
					.isEqualTo("https://shop.example.org/confidentialite");
				assertThat(privacy).as("in the banner and in the charter")
					.containsExactly("https://shop.example.org/confidentialite", "https://shop.example.org/confidentialite");
			}
		}
	}

	@Test
	void aFreshVisitorOfEachSiteGetsThatSitesPageWhicheverWasRenderedFirst() {
		try (Visitor opendata = new Visitor("http://opendata.example.org:" + this.port, false, RESOLVE_HERE);
				Visitor shop = new Visitor("http://shop.example.org:" + this.port, false, RESOLVE_HERE)) {
			for (int round = 0; round < 2; round++) {
				opendata.open("/cookies?cookies=manage");
				shop.open("/cookies?cookies=manage");

				assertThat(text(opendata)).contains("Opendatasoft", "mesure d'audience").doesNotContain("La Boutique");
				assertThat(text(shop)).contains("La Boutique", "Cookies publicitaires").doesNotContain("Opendatasoft");
			}
		}
	}

}
