package org.chartecookies.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.chartecookies.records.RecordQueries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An auditor reads the proof of a visitor's consent in a real browser: from the list of decisions to the proof, which
 * shows the banner (first layer, choices open) and the charter of the visitor's language as the snapshot holds them,
 * runs no script, loads nothing from another origin, posts nothing when one of the snapshot's buttons is pressed, has
 * no WCAG 2.2 AA violation (axe-core) and prints the banner, which a visitor's print hides. Screenshots of the list, the
 * proof and its print go to target/screenshots (the docs' pictures are such screenshots).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "charte.admin.accounts[0].name=operator",
				"charte.admin.accounts[0].password-hash=$2y$10$tzejd4nITR3QfU8YlJThPe8ZigZjmCzyPBquNDuihtcjnq7OjDht2",
				"charte.records.folder=target/test-records-admin/${random.uuid}" })
class ProofInBrowserTest extends VisitorTest {

	private static final String PASSWORD = "correct horse battery staple";

	/** What the banner says in each language, first layer and choices open (as a visitor reads it). */
	private static final Map<String, List<String>> BANNER = Map.of("fr",
			List.of("Nous utilisons des cookies nécessaires au fonctionnement de la plateforme.", "Tout accepter",
					"Enregistrer mes choix"),
			"en", List.of("We use cookies that the platform needs to work.", "Accept all", "Save my choices"));

	@Autowired
	private RecordQueries records;

	@Autowired
	private JdbcClient jdbc;

	@ParameterizedTest(name = "lang={0}")
	@ValueSource(strings = { "fr", "en" })
	void theProofShowsWhatTheVisitorSawRunsNothingAndPrintsIt(String language) throws Exception {
		visit(true);
		boolean french = language.equals("fr");
		this.visitor.open("/cookies?lang=" + language).decide(french ? "Tout accepter" : "Accept all");
		String id = this.visitor.decision().consentId();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		String origin = "http://localhost:" + this.port;
		RecordQueries.RecordedDecision record = this.records.find(id).orElseThrow();
		assertThat(record.snapshotNamed()).as("the banner's form named its snapshot").isTrue();

		this.visitor.open("/admin/login?lang=" + language);
		this.visitor.browser.findElement(By.id("username")).sendKeys("operator");
		this.visitor.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		submit(this.visitor.browser.findElement(By.cssSelector("form.admin-form button[type=submit]")));
		this.visitor.open("/admin/decisions?lang=" + language);
		assertThat(this.visitor.accessibilityViolations()).as("the decisions, axe").isEmpty();
		this.visitor.screenshot("admin-decisions-" + language);
		submit(this.visitor.browser.findElement(By.cssSelector("tr[data-consent-id='" + id + "'] a")));
		assertThat(this.visitor.browser.getCurrentUrl()).isEqualTo(origin + "/admin/proof/" + id);

		assertThat(this.visitor.browser.findElement(By.cssSelector("[data-snapshot-state=shown]")).getText())
			.contains(record.snapshotHash());
		assertThat(this.visitor.browser.findElements(By.cssSelector("[data-snapshot-not-named]"))).isEmpty();
		List<String> words = BANNER.get(language);
		assertThat(shown("banner").getText()).contains(words.get(0), words.get(1));
		assertThat(shown("choices").getText()).contains(words.get(0), words.get(2));
		assertThat(shown("charter").findElement(By.cssSelector("h1")).getText())
			.isEqualTo(french ? "Charte cookies" : "Cookie charter");
		// The snapshot's own style applies (the banner's palette): allowed by its hash, nothing refused.
		assertThat(shown("banner").getCssValue("background-color")).isNotEqualTo("rgba(0, 0, 0, 0)");
		assertThat(this.visitor.cspViolations()).isEmpty();
		assertThat(this.visitor.script("return document.querySelectorAll('script').length + Array.from("
				+ "document.querySelectorAll('[data-shown]')).map((h) => h.shadowRoot.querySelectorAll('script').length)"
				+ ".reduce((a, b) => a + b, 0)")).isEqualTo(0L);
		@SuppressWarnings("unchecked")
		List<String> loaded = (List<String>) this.visitor
			.script("return performance.getEntriesByType('resource').map((entry) => entry.name)");
		assertThat(loaded).as("what the page loaded").isNotEmpty().allSatisfy((url) -> assertThat(url).startsWith(origin + "/"));
		assertThat(this.visitor.accessibilityViolations()).as("the proof, axe").isEmpty();
		// axe copies the shadow trees' styles into style elements of its own, which the policy refuses: not the page's.
		this.visitor.script("window.__charte.violations.length = 0");
		Chromium.fullPageScreenshot(this.visitor.browser, "admin-proof-" + language);
		// The docs' picture: the decision, its checks and the banner's two states (the charter has pictures of its own).
		Chromium.pageScreenshot(this.visitor.browser, "admin-proof-" + language + "-top", bottomOfTheBanners());

		// A button of the snapshot posts nothing: the page's policy allows no form.
		long recorded = this.jdbc.sql("SELECT COUNT(*) FROM consent_record").query(Long.class).single();
		shownPart("choices").findElement(By.cssSelector("button[value=reject-all]")).click();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.visitor.cspViolations().isEmpty());
		assertThat(this.visitor.cspViolations().toString()).contains("form-action");
		assertThat(this.visitor.browser.getCurrentUrl()).isEqualTo(origin + "/admin/proof/" + id);
		this.visitor.script("window.__charte.violations.length = 0");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM consent_record").query(Long.class).single()).isEqualTo(recorded);

		// Printed: the banner too (a visitor's print hides it), not the back office's menu.
		this.visitor.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
		assertThat(shown("banner").isDisplayed()).as("banner printed").isTrue();
		assertThat(shown("choices").isDisplayed()).as("choices printed").isTrue();
		assertThat(this.visitor.browser.findElement(By.cssSelector(".admin-nav")).isDisplayed()).as("menu printed").isFalse();
		Chromium.fullPageScreenshot(this.visitor.browser, "admin-proof-" + language + "-print");
		Chromium.pageScreenshot(this.visitor.browser, "admin-proof-" + language + "-print-top", bottomOfTheBanners());
		Map<String, Object> pdf = this.visitor.browser.executeCdpCommand("Page.printToPDF", Map.of("printBackground", false));
		Path directory = Files.createDirectories(Path.of("target", "screenshots"));
		Files.write(directory.resolve("admin-proof-" + language + ".pdf"), Base64.getDecoder().decode((String) pdf.get("data")));
		this.visitor.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
	}

	private double bottomOfTheBanners() {
		return ((Number) this.visitor.script("return Math.ceil(document.querySelector('[data-shown=choices]')"
				+ ".getBoundingClientRect().bottom + window.scrollY + 16)")).doubleValue();
	}

	/** The banner or the charter in a shown part of the proof (inside its shadow tree). */
	private WebElement shown(String part) {
		SearchContext root = shownPart(part);
		return root.findElement(By.cssSelector(part.equals("charter") ? "main" : ".cookie-banner"));
	}

	private SearchContext shownPart(String part) {
		return this.visitor.browser.findElement(By.cssSelector("[data-shown=" + part + "]")).getShadowRoot();
	}

	/** Clicks something that loads another page, and waits until that page has loaded. */
	private void submit(WebElement element) {
		WebElement page = this.visitor.browser.findElement(By.tagName("html"));
		element.click();
		this.visitor.waitFor().ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(page));
		this.visitor.waitFor().until(Chromium::loaded);
	}

}
