package org.chartecookies.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.chartecookies.records.RecordQueries;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The back office of two sites (the example folder) in a real browser, JavaScript off: visitors decide on each site,
 * the operator chooses a site in the dashboard's list and sees that site's decisions only, then every site's; looks a
 * record up on its site. The pages with the site's list, French and English, have no axe-core violation and no
 * Content-Security-Policy violation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "charte.registry.folder=examples/sites", "charte.admin.accounts[0].name=operator",
				"charte.admin.accounts[0].password-hash=$2y$10$tzejd4nITR3QfU8YlJThPe8ZigZjmCzyPBquNDuihtcjnq7OjDht2",
				"charte.records.folder=target/test-records-admin/${random.uuid}" })
class BackOfficeSitesInBrowserTest {

	private static final String[] RESOLVE_HERE = { "--host-resolver-rules=MAP *.example.org 127.0.0.1",
			"--disable-features=HttpsUpgrades" };

	@LocalServerPort
	private int port;

	@Autowired
	private RecordQueries records;

	@Test
	void theOperatorChoosesASiteAndSeesItsDecisionsOnly() {
		List<String> violations = new ArrayList<>();
		try (Visitor shopper = new Visitor("http://shop.example.org:" + this.port, false, RESOLVE_HERE);
				Visitor reader = new Visitor("http://opendata.example.org:" + this.port, false, RESOLVE_HERE);
				Visitor operator = new Visitor("http://shop.example.org:" + this.port, false, RESOLVE_HERE)) {
			shopper.open("/cookies").decide("Tout accepter");
			String bought = shopper.decision().consentId();
			reader.open("/cookies").decide("Tout refuser");
			String read = reader.decision().consentId();
			for (String id : List.of(bought, read)) {
				await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
			}

			operator.open("/admin/login");
			operator.browser.findElement(By.id("username")).sendKeys("operator");
			operator.browser.findElement(By.id("password")).sendKeys("correct horse battery staple");
			submit(operator, operator.browser.findElement(By.cssSelector("form.admin-form button[type=submit]")));
			assertThat(text(operator, "[data-total]")).startsWith("2 décision(s)");
			check(operator, violations, "dashboard, every site");

			new Select(operator.browser.findElement(By.id("site"))).selectByVisibleText("La Boutique (shop)");
			submit(operator, operator.button("Afficher"));
			assertThat(operator.browser.getCurrentUrl()).contains("site=shop");
			assertThat(text(operator, "[data-total]")).startsWith("1 décision(s)").endsWith("sur le site La Boutique.");
			assertThat(operator.browser.findElements(By.cssSelector("[data-category=statistics]"))).isEmpty();
			assertThat(operator.browser.findElements(By.cssSelector("[data-category=advertising]"))).isNotEmpty();
			assertThat(new Select(operator.browser.findElement(By.id("site"))).getFirstSelectedOption().getText())
				.isEqualTo("La Boutique (shop)");
			check(operator, violations, "dashboard, shop");

			new Select(operator.browser.findElement(By.id("site"))).selectByVisibleText("Tous les sites");
			submit(operator, operator.button("Afficher"));
			assertThat(text(operator, "[data-total]")).startsWith("2 décision(s)");

			operator.open("/admin/records?lang=en&site=opendata&id=" + bought);
			assertThat(text(operator, "[role=alert]")).isEqualTo(
					"No decision is recorded under the id " + bought + " on the site Opendatasoft.");
			check(operator, violations, "lookup elsewhere");
			new Select(operator.browser.findElement(By.id("site"))).selectByVisibleText("All sites");
			submit(operator, operator.button("Look up"));
			assertThat(text(operator, "[data-site]")).isEqualTo("La Boutique (shop)");
			check(operator, violations, "lookup");
			operator.open("/admin?lang=en&site=opendata");
			check(operator, violations, "dashboard, opendata");
		}
		assertThat(violations).isEmpty();
	}

	private static void check(Visitor visitor, List<String> violations, String page) {
		String where = page + " " + visitor.browser.findElement(By.tagName("html")).getDomAttribute("lang") + ": ";
		visitor.accessibilityViolations().forEach((violation) -> violations.add(where + violation));
		visitor.cspViolations().forEach((violation) -> violations.add(where + "CSP " + violation));
	}

	private static String text(Visitor visitor, String selector) {
		return visitor.browser.findElement(By.cssSelector(selector)).getText();
	}

	/** Clicks something that loads another page, and waits until that page has loaded. */
	private static void submit(Visitor visitor, WebElement element) {
		WebElement page = visitor.browser.findElement(By.tagName("html"));
		element.click();
		visitor.waitFor().ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(page));
		visitor.waitFor().until(Chromium::loaded);
	}

}
