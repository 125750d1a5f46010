package org.chartecookies.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieLifetime;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.LocalizedText;
import org.chartecookies.registry.Site;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the Open Cookie Database's rows are read and found, and the suggestions and findings of registries unlike the
 * fixture's (an optional category first, declared domains with a leading dot, a required cookie on another domain).
 */
class OpenCookieDatabaseTest {

	private static final String HEADER = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,Portal,Wildcard match\n";

	private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

	private static final LocalizedText TEXT = new LocalizedText("texte", "text");

	private static OpenCookieDatabase database(String rows) {
		return new OpenCookieDatabase(OpenCookieDatabase.csv(HEADER + rows));
	}

	@Test
	void rowsWithoutANameOrTooShortAreLeftOutAndTheFirstOfTwoNamesIsKept() {
		OpenCookieDatabase database = database("""
				1,First,Analytics, dup ,,first,1 day,Ctl,,0
				2,Second,Marketing,dup,,second,1 day,Ctl,,0
				3,Blank,Analytics,  ,,blank,1 day,Ctl,,0
				4,Short,Analytics,short
				5,Prefix,Marketing,pre_,,prefix,1 day,Ctl,,1""");

		assertThat(database.size()).isEqualTo(3);
		assertThat(database.find("dup").orElseThrow().platform()).isEqualTo("First");
		assertThat(database.find("short")).isEmpty();
		assertThat(database.find("pre_x").orElseThrow().platform()).isEqualTo("Prefix");
		assertThat(database.find("pre")).isEmpty();
		assertThat(new OpenCookieDatabase(List.of()).size()).isZero();
	}

	@Test
	void theLongestPrefixWinsAndAnExactNameBeatsAPrefix() {
		OpenCookieDatabase database = database("""
				1,Short,Analytics,_g,,,,,,1
				2,Long,Analytics,_ga_,,,,,,1
				3,Middle,Analytics,_ga,,,,,,1
				4,Exact,Analytics,_ga_exact,,,,,,0""");

		assertThat(database.find("_ga_x").orElseThrow().platform()).isEqualTo("Long");
		assertThat(database.find("_gax").orElseThrow().platform()).isEqualTo("Middle");
		assertThat(database.find("_gb").orElseThrow().platform()).isEqualTo("Short");
		assertThat(database.find("_ga_exact").orElseThrow().platform()).isEqualTo("Exact");
	}

	@Test
	void csvEdges() {
		assertThat(OpenCookieDatabase.csv("a,")).containsExactly(List.of("a", ""));
		assertThat(OpenCookieDatabase.csv("\"quoted\"")).containsExactly(List.of("quoted"));
		assertThat(OpenCookieDatabase.csv("\"a\"\"\"")).containsExactly(List.of("a\""));
		assertThat(OpenCookieDatabase.csv("x\r\ny")).containsExactly(List.of("x"), List.of("y"));
	}

	private static CookieRegistry registry(List<CookieCategory> categories, List<CookieDeclaration> cookies) {
		return new CookieRegistry(new Site("Site", java.net.URI.create("https://www.example.org/")), 1, categories,
				cookies, null);
	}

	private static CookieCategory category(String id, boolean required) {
		return new CookieCategory(id, required, TEXT, TEXT, null);
	}

	private static CookieDeclaration declared(String name, String category, String domain) {
		return new CookieDeclaration(name, "Provider", category, TEXT, TEXT, CookieLifetime.parse("P1Y"), domain, null);
	}

	@Test
	void anExemptCookieGoesToTheRequiredCategoryWhereverItIsListed() {
		Suggestions suggestions = new Suggestions(database(""),
				registry(List.of(category("marketing", false), category("essential", true)), List.of(
						declared("a", "essential", null))));

		assertThat(suggestions.category("Necessary")).startsWith("essential ");
		assertThat(suggestions.category("Analytics")).startsWith("marketing    # TO CHECK");
		assertThat(suggestions.category("Marketing")).startsWith("marketing    # proposed");
	}

	@Test
	void aRegistryWithoutOptionalCategoryProposesItsFirst() {
		Suggestions suggestions = new Suggestions(database(""),
				registry(List.of(category("needed", true)), List.of(declared("a", "needed", null))));

		assertThat(suggestions.category("Marketing")).startsWith("needed    # TO CHECK");
	}

	@Test
	void anEntryWithoutControllerOrDescriptionProposesWhatItHas() {
		Suggestions suggestions = new Suggestions(database("1,Widget Co,Marketing,wid,,,1 day,,,0"),
				AuditFixtures.registry());

		String entry = suggestions.entry(new SeenCookie("wid", "www.example.org", "/", null, false, false, null),
				"WWW.example.org", AT);

		assertThat(entry).contains("    provider: \"Widget Co\"\n",
				"    service: { fr: \"À TRADUIRE : Widget Co\", en: \"Widget Co\" }\n",
				"    purpose: { fr: \"À REMPLIR\", en: \"TO FILL IN\" }\n")
			.doesNotContain("domain:");
	}

	@Test
	void theDomainIsWrittenForADomainCookieOrAnotherHostsCookie() {
		Suggestions suggestions = new Suggestions(database(""), AuditFixtures.registry());

		assertThat(suggestions.entry(new SeenCookie("a", ".www.example.org", "/", AT.plus(Duration.ofDays(2)), false,
				false, null), "www.example.org", AT)).contains("    domain: www.example.org\n");
		assertThat(suggestions.entry(new SeenCookie("a", "cdn.example.net", "/", null, false, false, null),
				"www.example.org", AT)).contains("    domain: cdn.example.net\n");
	}

	@Test
	void aDeclaredDomainWithALeadingDotHoldsItsSubdomains() {
		AuditFindings findings = new AuditFindings(registry(List.of(category("necessary", true), category("ads", false)),
				List.of(declared("ad", "ads", ".ads.example"))));

		assertThat(findings.declaration(new SeenCookie("ad", "x.ads.example", "/", null, true, false, null)))
			.isPresent();
		assertThat(findings.declaration(new SeenCookie("ad", "ADS.example", "/", null, true, false, null)))
			.isPresent();
	}

	@Test
	void aThirdPartyServingOnlyRequiredCookiesMayBeContactedBeforeConsent() {
		AuditFindings findings = new AuditFindings(registry(List.of(category("necessary", true), category("ads", false)),
				List.of(declared("login", "necessary", "sso.example"), declared("ad", "ads", "ads.example"))));

		List<Finding> found = findings.of(List.of(new PageVisit(java.net.URI.create("https://www.example.org/"),
				VisitState.NONE, AT, List.of(), List.of(), List.of(), List.of("sso.example", "ads.example"), null)));

		assertThat(found).filteredOn((finding) -> finding.kind().fails())
			.extracting(Finding::host)
			.containsExactly("ads.example");
	}

	@Test
	void aDayIsADay() {
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(86400 * 4))).isEqualTo("4 days");
		assertThat(Lifetimes.describe(AT, AT.plusSeconds(3600 * 25))).isEqualTo("25 hours");
	}

}
