package org.chartecookies.browser;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieLifetime;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charter tells the truth: after visiting every page of the application and making every kind of decision, each
 * cookie the browser holds is declared in the registry, and lives as long as declared. An undeclared cookie fails
 * the build.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CharterTruthTest extends VisitorTest {

	/** Cookies are dated by the second; a decision and the check are a few seconds apart. */
	private static final Duration TOLERANCE = Duration.ofMinutes(2);

	/** The registry the application serves (a single file answering every host). */
	private final CookieRegistry registry = Registries.defaultRegistry();

	private final List<String> problems = new ArrayList<>();

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void everyCookieTheBrowserHoldsIsDeclaredWithItsLifetime(boolean javascript) {
		visit(javascript);
		for (String language : List.of("fr", "en")) {
			crawl("/cookies?lang=" + language);
			check("after visiting every page in " + language);
		}
		crawl("/nowhere");
		for (String decision : List.of("Tout refuser", "Tout accepter")) {
			this.visitor.open("/cookies?lang=fr&cookies=manage").decide(decision);
			check("after " + decision);
			crawl("/cookies");
		}
		this.visitor.open("/cookies?lang=fr&cookies=manage").toggle("statistics").decide("Enregistrer mes choix");
		check("after a custom choice");

		assertThat(this.problems).isEmpty();
		assertThat(this.visitor.browser.manage().getCookies()).extracting(Cookie::getName)
			.contains("cookies_preferences", "django_language");
	}

	/** Follows every link of the application from a page, once each. */
	private void crawl(String start) {
		Deque<String> toVisit = new ArrayDeque<>(List.of(start));
		Set<String> visited = new LinkedHashSet<>();
		while (!toVisit.isEmpty() && visited.size() < 40) {
			String path = toVisit.pop();
			if (!visited.add(path)) {
				continue;
			}
			this.visitor.open(path);
			for (WebElement link : this.visitor.browser.findElements(By.cssSelector("a[href]"))) {
				URI target = URI.create(this.visitor.url("/")).resolve(link.getDomAttribute("href"));
				if ("localhost".equals(target.getHost()) && target.getPort() == this.port) {
					toVisit.add(target.getRawPath() + ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : ""));
				}
			}
		}
		assertThat(visited).as("pages visited from " + start).isNotEmpty();
	}

	private void check(String when) {
		Instant now = Instant.now();
		for (Cookie cookie : this.visitor.browser.manage().getCookies()) {
			Optional<CookieDeclaration> declared = this.registry.cookies()
				.stream()
				.filter((declaration) -> declaration.matches(cookie.getName()))
				.findFirst();
			if (declared.isEmpty()) {
				this.problems.add(when + ": cookie " + cookie.getName() + " is not declared in the registry");
				continue;
			}
			CookieLifetime lifetime = declared.get().lifetime();
			if (lifetime.isSession()) {
				if (cookie.getExpiry() != null) {
					this.problems.add(when + ": " + cookie.getName() + " is declared for the session but expires "
							+ cookie.getExpiry().toInstant());
				}
				continue;
			}
			Instant expected = (lifetime.period() != null)
					? now.atOffset(ZoneOffset.UTC).plus(lifetime.period()).toInstant()
					: now.plus(lifetime.duration());
			Instant actual = (cookie.getExpiry() != null) ? cookie.getExpiry().toInstant() : null;
			if (actual == null || Duration.between(actual, expected).abs().compareTo(TOLERANCE) > 0) {
				this.problems.add(when + ": " + cookie.getName() + " is declared for " + lifetime + " (until about "
						+ expected + ") but expires " + actual);
			}
		}
	}

}
