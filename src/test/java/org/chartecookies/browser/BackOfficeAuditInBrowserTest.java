package org.chartecookies.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.chartecookies.audit.AuditFixtures;
import org.chartecookies.audit.Browsers;
import org.chartecookies.audit.FixturePlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator audits the site in a real browser: starts a scan from the list of the site's audits, watches its page
 * reload itself (the {@code Refresh} header, no script) until the report, opens the report as written, and finds the
 * audit in the list. Every page of the audit, French and English, has no WCAG 2.2 AA violation (axe-core) and no
 * Content-Security-Policy violation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "charte.admin.accounts[0].name=operator",
				"charte.admin.accounts[0].password-hash=$2y$10$tzejd4nITR3QfU8YlJThPe8ZigZjmCzyPBquNDuihtcjnq7OjDht2",
				"charte.audit.quiet-period=300ms", "charte.records.folder=target/test-records-admin/${random.uuid}" })
class BackOfficeAuditInBrowserTest extends VisitorTest {

	private static final String PASSWORD = "correct horse battery staple";

	private static FixturePlatform platform;

	@DynamicPropertySource
	static void registry(DynamicPropertyRegistry properties) throws IOException {
		Browsers.chromium();
		platform = new FixturePlatform();
		Path registry = AuditFixtures.registryWithPages(Files.createTempDirectory("audit-registry-"),
				List.of(platform.page("/seed/undeclared-js"), platform.page("/seed/lifetime-header"),
						platform.page("/clean/1")));
		properties.add("charte.registry.location", () -> "file:" + registry);
	}

	@AfterAll
	static void stop() throws IOException {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void theOperatorStartsAnAuditFollowsItToItsReportAndFindsItListed() {
		visit(true);
		this.visitor.resize(new Dimension(1280, 900));
		List<String> violations = new ArrayList<>();
		this.visitor.open("/admin/login?lang=fr");
		this.visitor.browser.findElement(By.id("username")).sendKeys("operator");
		this.visitor.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		submit(this.visitor.browser.findElement(By.cssSelector("form.admin-form button[type=submit]")));

		this.visitor.open("/admin/audits");
		check(violations, "list before");
		assertThat(text("[data-no-reports]")).isEqualTo("Aucun audit de ce site pour l'instant.");
		submit(this.visitor.browser.findElement(By.xpath("//button[normalize-space()='Lancer un audit']")));
		String scan = this.visitor.browser.getCurrentUrl();
		assertThat(scan).matches(".*/admin/audits/[0-9a-f-]{36}$");
		assertThat(text("[data-state]")).isEqualTo("en cours");
		assertThat(text("[data-progress]")).startsWith("Pages auditées : ").endsWith(" sur 3");
		// Checked where it does not reload under axe's feet.
		this.visitor.load(scan + "?follow=off");
		check(violations, "scan running");

		// Back to the reloading page: the browser reloads it by itself until the report.
		this.visitor.load(scan);
		new WebDriverWait(this.visitor.browser, Duration.ofSeconds(120))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-report-check]")));
		assertThat(text("[data-report-check]")).startsWith("Le rapport est tel qu'il a été écrit");
		assertThat(text("[data-outcome]")).isEqualTo("constats à corriger");
		check(violations, "report");

		submit(this.visitor.browser.findElement(By.linkText("Rapport (HTML)")));
		assertThat(this.visitor.browser.getCurrentUrl()).isEqualTo(scan + "/report.html");
		assertThat(text("body")).contains("Cookie missing from the charter", "undeclared_js", "sessionid");
		check(violations, "report.html");

		for (String language : List.of("en", "fr")) {
			this.visitor.open("/admin/audits?lang=" + language);
			check(violations, "list");
			this.visitor.open(scan.substring(scan.indexOf("/admin/")) + "?lang=" + language);
			check(violations, "report");
		}
		this.visitor.open("/admin/audits?lang=fr");
		assertThat(this.visitor.browser.findElements(By.cssSelector("tr[data-audit]"))).singleElement()
			.satisfies((row) -> assertThat(row.getText()).contains("operator", "constats à corriger",
					"undeclared", "lifetime-over-declared"));
		this.visitor.resize(new Dimension(1280, 1000));
		this.visitor.screenshot("admin-audits-fr");

		assertThat(violations).isEmpty();
	}

	private void check(List<String> violations, String page) {
		String where = page + " " + this.visitor.browser.findElement(By.tagName("html")).getDomAttribute("lang") + ": ";
		this.visitor.accessibilityViolations().forEach((violation) -> violations.add(where + violation));
		this.visitor.cspViolations().forEach((violation) -> violations.add(where + "CSP " + violation));
	}

	private String text(String selector) {
		return this.visitor.browser.findElement(By.cssSelector(selector)).getText();
	}

	/** Clicks something that loads another page, and waits until that page has loaded. */
	private void submit(WebElement element) {
		WebElement page = this.visitor.browser.findElement(By.tagName("html"));
		element.click();
		this.visitor.waitFor().ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(page));
		this.visitor.waitFor().until(Chromium::loaded);
	}

}
