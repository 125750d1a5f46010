package org.chartecookies.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.RegistryProperties;
import org.chartecookies.registry.Sites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry entry ready to paste for an undeclared cookie, proposed from the Open Cookie Database shipped in the
 * application, against the fixture registry (categories necessary, statistics, ads).
 */
class SuggestionsTest {

	private static final OpenCookieDatabase DATABASE = OpenCookieDatabase.shipped();

	private static final Suggestions SUGGESTIONS = new Suggestions(DATABASE, AuditFixtures.registry());

	private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

	private static SeenCookie seen(String name, String domain, String path, Instant expires) {
		return new SeenCookie(name, domain, path, expires, false, false, null);
	}

	@Test
	void theDatabaseIsShippedWhole() {
		assertThat(DATABASE.size()).isEqualTo(2264);
		assertThat(new ClassPathResource("audit/open-cookie-database/LICENSE").exists()).isTrue();
		assertThat(new ClassPathResource("audit/open-cookie-database/SOURCE.md").exists()).isTrue();
	}

	@Test
	void aKnownCookieGetsItsProviderCategoryAndPurposeProposedAndItsLifetimeAsSeen() {
		String entry = SUGGESTIONS.entry(seen("_ga", "www.example.org", "/", AT.plus(Duration.ofDays(400))),
				"www.example.org", AT);

		assertThat(entry).isEqualTo("""
				  # PROPOSAL from the Open Cookie Database (Google Analytics, Analytics, kept 2 years): check every line, translate the French texts.
				  - name: "_ga"
				    provider: "Google"
				    category: statistics    # proposed; the database says Analytics
				    service: { fr: "À TRADUIRE : Google Analytics", en: "Google Analytics" }
				    purpose: { fr: "À TRADUIRE : ID used to identify users", en: "ID used to identify users" }
				    lifetime: P400D    # as seen
				""");
	}

	@Test
	void aPrefixEntryCoversTheNamesItStarts() {
		assertThat(DATABASE.find("_ga_ABC123").orElseThrow().name()).isEqualTo("_ga_");
		assertThat(DATABASE.find("_ga").orElseThrow().name()).isEqualTo("_ga");
		assertThat(DATABASE.find("no-such-cookie-anywhere")).isEmpty();
	}

	@Test
	void categoriesAreThisRegistrysOwn() {
		assertThat(SUGGESTIONS.category("Functional")).startsWith("necessary ");
		assertThat(SUGGESTIONS.category("Security")).startsWith("necessary ");
		assertThat(SUGGESTIONS.category("Marketing")).isEqualTo("ads    # proposed; the database says Marketing");
		assertThat(SUGGESTIONS.category("Personalization"))
			.isEqualTo("statistics    # TO CHECK: no category of this registry matches the database's Personalization");
		assertThat(SUGGESTIONS.category(null)).isEqualTo("statistics    # TO CHECK: unknown cookie");
	}

	@Test
	void anUnknownThirdPartyCookieKeepsItsDomainAndPath() {
		String entry = SUGGESTIONS.entry(seen("zz_unknown", ".tracker.example", "/p", AT.plus(Duration.ofMinutes(90))),
				"www.example.org", AT);

		assertThat(entry).startsWith("  # PROPOSAL: unknown to the Open Cookie Database")
			.contains("    provider: \"TO FILL IN\"\n",
					"    service: { fr: \"À REMPLIR\", en: \"TO FILL IN\" }\n", "    lifetime: PT90M    # as seen\n",
					"    domain: tracker.example\n", "    path: /p\n");
	}

	@Test
	void lifetimesAsTheRegistryWritesThem() {
		assertThat(Suggestions.lifetime(AT, null)).isEqualTo("session");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(1800))).isEqualTo("PT30M");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(1801))).isEqualTo("PT31M");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(86400))).isEqualTo("P1D");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(86401))).isEqualTo("P2D");
	}

	@Test
	void theEntriesPasteIntoTheRegistryAsTheyAre(@TempDir Path folder) throws IOException {
		String registry = new String(new ClassPathResource("audit/fixture-registry.yaml").getContentAsByteArray(),
				java.nio.charset.StandardCharsets.UTF_8);
		String pasted = registry + SUGGESTIONS.entry(seen("IDE", ".doubleclick.net", "/", AT.plusSeconds(3600)),
				"www.example.org", AT)
				+ SUGGESTIONS.entry(seen("__Host-odd", "www.example.org", "/", null), "www.example.org", AT);
		Path file = Files.writeString(folder.resolve("pasted.yaml"), pasted);

		CookieRegistry loaded;
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			loaded = Sites.load(new RegistryProperties(file.toString(), null, null, Duration.ofSeconds(10),
					Duration.ofSeconds(1), Duration.ofSeconds(5)), new DefaultResourceLoader(), validation.getValidator())
				.all()
				.iterator()
				.next()
				.registry();
		}

		CookieDeclaration ide = loaded.cookies().get(loaded.cookies().size() - 2);
		assertThat(List.of(ide.name(), ide.provider(), ide.category(), ide.domain(), ide.lifetime().toString()))
			.containsExactly("IDE", "Google", "ads", "doubleclick.net", "PT60M");
		assertThat(ide.purpose().en()).startsWith("This cookie is used for targeting, analyzing");
	}

	@Test
	void csvFieldsMayHoldCommasQuotesAndLineBreaks() {
		assertThat(OpenCookieDatabase.csv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\nlast"))
			.containsExactly(List.of("a", "b, c", "say \"hi\""), List.of("two\nlines", "", "x"), List.of("last"));
		assertThat(OpenCookieDatabase.csv("")).isEmpty();
		assertThat(OpenCookieDatabase.csv("a,\n")).containsExactly(List.of("a", ""));
	}

}
