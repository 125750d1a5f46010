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
import org.chartecookies.registry.InvalidRegistryException;
import org.chartecookies.registry.RegistryProperties;
import org.chartecookies.registry.Sites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
		assertThat(SUGGESTIONS.category("Necessary")).startsWith("necessary ");
		assertThat(SUGGESTIONS.category("Security")).startsWith("necessary ");
		// Functional is not strictly necessary: never proposed as exempt from consent.
		assertThat(SUGGESTIONS.category("Functional")).isEqualTo("statistics    # TO CHECK: no category of this "
				+ "registry matches the database's Functional (exempt from consent only if strictly necessary)");
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
	void lifetimesAsTheRegistryWritesThemInTheirLargestExactUnit() {
		assertThat(Suggestions.lifetime(AT, null)).isEqualTo("session");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(1800))).isEqualTo("PT30M");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(1801))).isEqualTo("PT31M");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(3600))).isEqualTo("PT1H");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(7200 - 30))).isEqualTo("PT2H");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(86400 - 30))).isEqualTo("P1D");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(86400))).isEqualTo("P1D");
		assertThat(Suggestions.lifetime(AT, AT.plusSeconds(86401))).isEqualTo("P2D");
		assertThat(Suggestions.lifetime(AT, AT.plus(Duration.ofDays(14)).minusSeconds(3))).isEqualTo("P2W");
	}

	@Test
	void aNameWhoseEndVariesIsProposedAsAPattern() {
		Instant later = AT.plus(Duration.ofDays(365));
		String hotjar = SUGGESTIONS.entry(seen("_hjSessionUser_12345", "www.example.org", "/", later), "www.example.org", AT);
		assertThat(hotjar).contains("  - name: \"_hjSessionUser_*\"\n", "_hjSessionUser_12345 was seen")
			// Functional in the database: proposed as optional, not exempt from consent.
			.doesNotContain("category: necessary");
		assertThat(SUGGESTIONS.name(seen("_ga_ABC123XYZ", "www.example.org", "/", later))).isEqualTo("_ga_*");
		assertThat(SUGGESTIONS.name(seen("_ga", "www.example.org", "/", later))).isEqualTo("_ga");
		assertThat(SUGGESTIONS.name(seen("zz_visit_20261207", "www.example.org", "/", later))).isEqualTo("zz_visit_*");
		assertThat(SUGGESTIONS.name(seen("zz_id.a1b2c3d4e5", "www.example.org", "/", later))).isEqualTo("zz_id.*");
		assertThat(SUGGESTIONS.name(seen("zz_language", "www.example.org", "/", later))).isEqualTo("zz_language");
		// Known to the database by its whole name: its end does not vary.
		assertThat(SUGGESTIONS.name(seen("__Secure-3PAPISID", "www.example.org", "/", later))).isEqualTo("__Secure-3PAPISID");
		assertThat(SUGGESTIONS.name(seen("zz_v2", "www.example.org", "/", later))).isEqualTo("zz_v2");
		assertThat(SUGGESTIONS.name(seen("zz_verylongword", "www.example.org", "/", later))).isEqualTo("zz_verylongword");
	}

	@Test
	void aKnownCookieWithoutDescriptionLeavesItsPurposeToFillIn() {
		OpenCookieDatabase database = new OpenCookieDatabase(OpenCookieDatabase.csv("""
				ID,Platform,Category,Name,Domain,Description,Retention period,Data Controller,Portal,Wildcard
				1,Shopware,Functional,zz_cart,,,session,Shopware,,0
				"""));

		String entry = new Suggestions(database, AuditFixtures.registry())
			.entry(seen("zz_cart", "www.example.org", "/", null), "www.example.org", AT);

		assertThat(entry).contains("    service: { fr: \"À TRADUIRE : Shopware\", en: \"Shopware\" }\n",
				"    purpose: { fr: \"À REMPLIR\", en: \"TO FILL IN\" }\n");
	}

	@Test
	void aNameDeclaredForAnotherDomainGetsNoDuplicateEntry() {
		AuditFindings rules = new AuditFindings(AuditFixtures.registry());
		SeenCookie tp = seen("tp_id", ".tracker.example", "/", AT.plus(Duration.ofDays(30)));

		CookieDeclaration declared = rules.elsewhere(tp).orElseThrow();
		String said = Suggestions.elsewhere(tp, declared);

		assertThat(said).contains("the registry declares tp_id for the domain 127.0.0.2",
				"this cookie was set on the domain tracker.example", "Change that entry's domain", "pattern")
			.doesNotContain("- name:");
		assertThat(said.lines()).allMatch((line) -> line.startsWith("  #"));
		assertThat(rules.elsewhere(seen("tp_id", "127.0.0.2", "/", null))).isEmpty();
		assertThat(rules.elsewhere(seen("sessionid", "tracker.example", "/", null))).isEmpty();
	}

	@Test
	void theEntriesPasteIntoTheRegistryAndAreRefusedUntilCompleted(@TempDir Path folder) throws IOException {
		String registry = new String(new ClassPathResource("audit/fixture-registry.yaml").getContentAsByteArray(),
				java.nio.charset.StandardCharsets.UTF_8);
		String pasted = registry + SUGGESTIONS.entry(seen("IDE", ".doubleclick.net", "/", AT.plusSeconds(3600)),
				"www.example.org", AT)
				+ SUGGESTIONS.entry(seen("__Host-odd", "www.example.org", "/", null), "www.example.org", AT);

		// As pasted: the French still to translate is refused, never published.
		assertThatThrownBy(() -> load(Files.writeString(folder.resolve("pasted.yaml"), pasted)))
			.isInstanceOf(InvalidRegistryException.class)
			.hasMessageContaining("(IDE): service.fr still says 'À TRADUIRE'");
		String translated = pasted.replace("À TRADUIRE : ", "");
		assertThatThrownBy(() -> load(Files.writeString(folder.resolve("translated.yaml"), translated)))
			.hasMessageContaining("(__Host-odd): provider still says 'TO FILL IN'");

		CookieRegistry loaded = load(Files.writeString(folder.resolve("completed.yaml"),
				translated.replace("À REMPLIR", "Texte").replace("TO FILL IN", "Text")));

		CookieDeclaration ide = loaded.cookies().get(loaded.cookies().size() - 2);
		assertThat(List.of(ide.name(), ide.provider(), ide.category(), ide.domain(), ide.lifetime().toString()))
			.containsExactly("IDE", "Google", "ads", "doubleclick.net", "PT1H");
		assertThat(ide.purpose().en()).startsWith("This cookie is used for targeting, analyzing");
	}

	private static CookieRegistry load(Path file) {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			return Sites.load(new RegistryProperties(file.toString(), null, null, Duration.ofSeconds(10),
					Duration.ofSeconds(1), Duration.ofSeconds(5)), new DefaultResourceLoader(), validation.getValidator())
				.all()
				.iterator()
				.next()
				.registry();
		}
	}

	@Test
	void csvFieldsMayHoldCommasQuotesAndLineBreaks() {
		assertThat(OpenCookieDatabase.csv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\nlast"))
			.containsExactly(List.of("a", "b, c", "say \"hi\""), List.of("two\nlines", "", "x"), List.of("last"));
		assertThat(OpenCookieDatabase.csv("")).isEmpty();
		assertThat(OpenCookieDatabase.csv("a,\n")).containsExactly(List.of("a", ""));
	}

}
