package org.chartecookies.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.chartecookies.records.RecordQueries;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator in a real browser, JavaScript off as the back office needs none: visitors decide on the charter, the
 * operator logs in, finds those decisions on the dashboard (table and chart), looks one up by the consent id the
 * visitor holds, downloads the CSV export and logs out. Every back-office page, French and English, has no WCAG 2.2
 * AA violation (axe-core) and no Content-Security-Policy violation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "charte.admin.accounts[0].name=operator",
				"charte.admin.accounts[0].password-hash=$2y$10$tzejd4nITR3QfU8YlJThPe8ZigZjmCzyPBquNDuihtcjnq7OjDht2",
				// A database of this test's own: the dashboard's figures are exactly its visitors' decisions.
				"charte.records.folder=target/test-records-admin/${random.uuid}" })
class BackOfficeInBrowserTest extends VisitorTest {

	private static final String PASSWORD = "correct horse battery staple";

	@Autowired
	private RecordQueries records;

	/** The registry the application serves (a single file answering every host). */
	private final CookieRegistry registry = Registries.defaultRegistry();

	@Test
	void theOperatorFindsTheVisitorsDecisionsLooksOneUpAndExportsThem() throws IOException {
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		// The other tests of this class decide too: the figures grow by this test's decisions.
		RecordQueries.DayFigures before = this.records.days(LocalDate.parse(today), LocalDate.parse(today)).get(0);
		RecordQueries.CategoryFigures statistics = before.categories()
			.getOrDefault("statistics", new RecordQueries.CategoryFigures(0, 0));
		long decisions = before.decisions() + 2;
		String rate = String.format(Locale.ROOT, "%.1f %%", 100.0 * (statistics.accepted() + 1) / (statistics.decided() + 2));

		visit(false);
		this.visitor.open("/cookies?lang=fr").decide("Tout accepter");
		String accepted = this.visitor.decision().consentId();
		this.visitor.open("/cookies?cookies=manage").decide("Tout refuser");
		String refused = this.visitor.decision().consentId();
		for (String id : List.of(accepted, refused)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		}

		this.visitor.open("/admin");
		assertThat(this.visitor.browser.getCurrentUrl()).endsWith("/admin/login");
		logIn("operator", PASSWORD);

		assertThat(heading()).isEqualTo("Tableau de bord");
		// The charter stays true for the operator too: every cookie is declared, the session's as the browser has it.
		for (Cookie cookie : this.visitor.browser.manage().getCookies()) {
			assertThat(this.registry.cookies()).as(cookie.getName()).anyMatch((declared) -> declared.matches(cookie.getName()));
		}
		Cookie session = this.visitor.browser.manage().getCookieNamed("charte_admin_session");
		CookieDeclaration declared = this.registry.cookies()
			.stream()
			.filter((declaration) -> declaration.name().equals("charte_admin_session"))
			.findFirst()
			.orElseThrow();
		assertThat(declared.category()).isEqualTo("necessary");
		assertThat(declared.lifetime().isSession()).isTrue();
		assertThat(session.getExpiry()).as("a session cookie").isNull();
		assertThat(session.getPath()).isEqualTo(declared.path()).isEqualTo("/admin");
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Strict");
		WebElement row = this.visitor.browser.findElement(By.cssSelector("tr[data-day='" + today + "']"));
		assertThat(row.findElement(By.cssSelector("[data-decisions]")).getText()).isEqualTo(Long.toString(decisions));
		assertThat(row.findElement(By.cssSelector("[data-category=statistics]")).getText())
			.isEqualTo(rate + " (" + (statistics.accepted() + 1) + "/" + (statistics.decided() + 2) + ")");
		assertThat(this.visitor.browser.findElement(By.cssSelector("[data-total]")).getText()).startsWith(decisions + " décision(s)");
		assertThat(this.visitor.browser.findElement(By.cssSelector("rect[data-day='" + today + "']"))
			.getDomAttribute("data-decisions")).isEqualTo(Long.toString(decisions));
		assertThat(this.visitor.browser.findElement(By.cssSelector("circle[data-day='" + today + "']"))
			.getDomAttribute("data-rate")).isEqualTo(rate);
		// The table lists the days that had decisions: today only; the other 29 are said in a line, not as zeros.
		assertThat(this.visitor.browser.findElements(By.cssSelector("tr[data-day]"))).hasSize(1);
		assertThat(text("[data-quiet-days]")).isEqualTo("29 jour(s) sans décision ne sont pas listés.");
		this.visitor.screenshot("admin-dashboard-fr");

		submit(this.visitor.link("Rechercher"));
		this.visitor.browser.findElement(By.id("id")).sendKeys(accepted);
		submit(this.visitor.button("Rechercher"));
		assertThat(text("[data-consent-id]")).isEqualTo(accepted);
		assertThat(text("[data-decision]")).isEqualTo("Tout accepter");
		// Categories by the titles the visitor read, not by their ids.
		assertThat(text("[data-choices]")).isEqualTo("Cookies de mesure d'audience / statistiques : acceptée");
		assertThat(text("[data-record-check]")).isEqualTo("L'empreinte de cet enregistrement correspond à son contenu.");
		// Its ties to the records before and after it in its chain (the next one is the visitor's refusal).
		assertThat(text("[data-previous]")).matches(
				"Premier enregistrement de sa chaîne : rien ne le précède\\.|Enregistrement précédent, n° \\d+ \\(consentement [A-Za-z0-9_-]{22}\\) : lié, .*");
		assertThat(text("[data-next]")).matches(
				"Enregistrement suivant, n° \\d+ \\(consentement " + refused + "\\) : lié, il nomme l'empreinte de celui-ci\\.");
		assertThat(this.visitor.browser.findElements(By.id("site"))).as("one site: no site to choose").isEmpty();
		this.visitor.screenshot("admin-lookup-fr");

		// The list of decisions, newest first: the refusal above the acceptance; then only those that accepted
		// statistics; each row leads to its record.
		submit(this.visitor.link("Décisions"));
		assertThat(heading()).isEqualTo("Décisions");
		List<String> listed = this.visitor.browser.findElements(By.cssSelector("tr[data-consent-id]"))
			.stream()
			.map((line) -> line.getDomAttribute("data-consent-id"))
			.toList();
		assertThat(listed).containsSubsequence(refused, accepted);
		assertThat(this.visitor.browser.findElement(By.cssSelector("tr[data-consent-id='" + accepted + "'] [data-category=statistics]"))
			.getText()).isEqualTo("Cookies de mesure d'audience / statistiques : acceptée");
		new org.openqa.selenium.support.ui.Select(this.visitor.browser.findElement(By.id("choice")))
			.selectByVisibleText("Cookies de mesure d'audience / statistiques : refusée");
		submit(this.visitor.button("Afficher"));
		assertThat(this.visitor.browser.findElements(By.cssSelector("tr[data-consent-id='" + refused + "']"))).hasSize(1);
		assertThat(this.visitor.browser.findElements(By.cssSelector("tr[data-consent-id='" + accepted + "']"))).isEmpty();
		this.visitor.screenshot("admin-decisions-fr");
		submit(this.visitor.browser.findElement(By.cssSelector("tr[data-consent-id='" + refused + "'] a")));
		assertThat(text("[data-consent-id]")).isEqualTo(refused);
		assertThat(text("[data-decision]")).isEqualTo("Tout refuser");

		Path downloads = Files.createDirectories(Path.of("target", "downloads", UUID.randomUUID().toString()));
		this.visitor.browser.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
		submit(this.visitor.link("Tableau de bord"));
		this.visitor.button("Exporter en CSV").click();
		Path csv = await().atMost(Duration.ofSeconds(20))
			.until(() -> downloaded(downloads), (file) -> file != null);
		assertThat(csv.getFileName().toString()).isEqualTo(
				"consent-records-" + LocalDate.parse(today).minusDays(29) + "-to-" + today + ".csv");
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(1 + (int) decisions).first().isEqualTo(
				"consent_id,decided_at,registry_revision,decision,choices,gpc,language,page_path,writer_id,record_sequence,previous_hash,record_hash,site,snapshot_hash");
		// An id starting with '-' (1 in 64) is written '-… so that no spreadsheet takes it for a formula.
		assertThat(lines).filteredOn((line) -> line.startsWith(csv(accepted) + ",")).singleElement()
			.satisfies((line) -> assertThat(line).contains(",accept-all,statistics=accepted,false,fr,/cookies,")
				.containsPattern(",cookies,[0-9a-f]{64}$"));
		assertThat(lines).filteredOn((line) -> line.startsWith(csv(refused) + ",")).singleElement()
			.satisfies((line) -> assertThat(line).contains(",reject-all,statistics=refused,false,fr,/cookies,"));

		submit(this.visitor.button("Se déconnecter (operator)"));
		assertThat(text("[role=status]")).isEqualTo("Vous êtes déconnecté.");
		this.visitor.open("/admin");
		assertThat(this.visitor.browser.getCurrentUrl()).endsWith("/admin/login");
	}

	@ParameterizedTest(name = "lang={0}")
	@ValueSource(strings = { "fr", "en" })
	void everyBackOfficePageIsAccessible(String language) {
		visit(true);
		boolean french = language.equals("fr");
		this.visitor.open("/cookies?lang=" + language).decide(french ? "Tout accepter" : "Accept all");
		String id = this.visitor.decision().consentId();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		List<String> violations = new ArrayList<>();

		this.visitor.open("/admin/login?lang=" + language);
		check(violations, "login");
		logIn("operator", "not the password");
		check(violations, "login failed");
		// The name typed is kept after a failed login; the password is not.
		assertThat(this.visitor.browser.findElement(By.id("username")).getDomProperty("value")).isEqualTo("operator");
		assertThat(this.visitor.browser.findElement(By.id("password")).getDomProperty("value")).isEmpty();
		this.visitor.browser.findElement(By.id("username")).clear();
		logIn("operator", PASSWORD);
		for (String page : List.of("/admin", "/admin/records", "/admin/records?id=" + id,
				"/admin/records?id=AAAAAAAAAAAAAAAAAAAAAA", "/admin/records?id=bad", "/admin/verification",
				"/admin?from=2026-02-30", "/admin/decisions", "/admin/decisions?choice=statistics%3Daccepted",
				"/admin/decisions?decision=bogus", "/admin/proof/" + id, "/admin/proof/AAAAAAAAAAAAAAAAAAAAAA",
				"/admin/proof/bad")) {
			this.visitor.open(page);
			check(violations, page);
		}

		assertThat(violations).isEmpty();
	}

	/**
	 * At 1280 px, a laptop's width, the header holds on one row in either language, and no table of the dashboard or
	 * of the decisions scrolls sideways, with the default registry's two optional categories.
	 */
	@ParameterizedTest(name = "lang={0}")
	@ValueSource(strings = { "fr", "en" })
	void theBackOfficeFitsALaptopsWidth(String language) {
		visit(true);
		this.visitor.resize(new org.openqa.selenium.Dimension(1280, 900));
		this.visitor.open("/cookies?lang=" + language).decide(language.equals("fr") ? "Tout accepter" : "Accept all");
		String id = this.visitor.decision().consentId();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		this.visitor.open("/admin/login?lang=" + language);
		logIn("operator", PASSWORD);

		for (String page : List.of("/admin", "/admin/decisions", "/admin/records?id=" + id, "/admin/proof/" + id)) {
			this.visitor.open(page);
			@SuppressWarnings("unchecked")
			// The header's parts (name, menu, tools) are centred on one line: their middles at one height.
			List<Long> middles = (List<Long>) this.visitor.script("return Array.from(document.querySelector("
					+ "'.site-header__inner').children).map((e) => { const r = e.getBoundingClientRect();"
					+ " return Math.round((r.top + r.bottom) / 2); })");
			assertThat(middles).as(page + " " + language + ": the header's parts on one row").hasSize(3)
				.allSatisfy((middle) -> assertThat(middle).isBetween(middles.get(0) - 2, middles.get(0) + 2));
			Object sideways = this.visitor.script("return Array.from(document.querySelectorAll('.charter-table-frame'))"
					+ ".filter((e) => e.scrollWidth > e.clientWidth + 1).length");
			assertThat(((Number) sideways).intValue()).as(page + " " + language + ": tables scrolling sideways").isZero();
			assertThat(((Number) this.visitor.script("return document.documentElement.scrollWidth")).intValue())
				.as(page + ": the page itself").isLessThanOrEqualTo(1280);
		}
		this.visitor.screenshot("admin-dashboard-1280-" + language);
	}

	private void check(List<String> violations, String page) {
		String where = page + " " + this.visitor.browser.findElement(By.tagName("html")).getDomAttribute("lang") + ": ";
		// The page's own violations, before axe runs: axe copies the styles of shadow trees (the proof's) into style
		// elements of its own, which the policy refuses.
		this.visitor.cspViolations().forEach((violation) -> violations.add(where + "CSP " + violation));
		this.visitor.accessibilityViolations().forEach((violation) -> violations.add(where + violation));
	}

	private void logIn(String name, String password) {
		this.visitor.browser.findElement(By.id("username")).sendKeys(name);
		this.visitor.browser.findElement(By.id("password")).sendKeys(password);
		submit(this.visitor.browser.findElement(By.cssSelector("form.admin-form button[type=submit]")));
	}

	private String heading() {
		return text("h1");
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

	private static String csv(String consentId) {
		return consentId.startsWith("-") ? "'" + consentId : consentId;
	}

	private static Path downloaded(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".csv")).findFirst().orElse(null);
		}
	}

}
