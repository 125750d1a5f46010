package org.chartecookies.registry;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RegistryLoaderTest {

	/** One validator for all the tests: building one takes long, using it does not. */
	private final RegistryLoader loader = new RegistryLoader(Registries.VALIDATOR);

	@Test
	void defaultRegistryDeclaresTheSeedCookiesOfTheOpendatasoftPlatform() {
		CookieRegistry registry = this.loader.load(new ClassPathResource("registry/cookies.yaml"));

		assertThat(registry.site().url()).hasToString("https://scare.opendatasoft.com");
		assertThat(registry.cookies()).extracting(CookieDeclaration::name)
			.contains("sessionid", "django_language", "csrftoken", "cookies_preferences");
		assertThat(registry.cookies()).filteredOn((cookie) -> cookie.name().equals("sessionid"))
			.singleElement()
			.satisfies((cookie) -> {
				assertThat(cookie.provider()).isEqualTo("Opendatasoft");
				assertThat(cookie.service().fr()).isEqualTo("Authentification (front et back office)");
				assertThat(cookie.purpose().fr()).isEqualTo("Se souvenir de l'utilisateur d'une page à une autre.");
			});
		assertThat(registry.optionalCategories()).extracting(CookieCategory::id).containsExactly("statistics");
	}

	@Test
	void theAuditsPagesAreOnTheHostsTheSiteNamesAndARegistryWithoutThemHasNone() {
		String yaml = new String(readBroken("audit-page-other-host.yaml"), StandardCharsets.UTF_8)
			.replace(", https://evil.example/]", ", 'HTTP://www.example.org/search?q=x#top']");

		CookieRegistry registry = this.loader.load("audit.yaml", yaml.getBytes(StandardCharsets.UTF_8));

		assertThat(registry.audit().addresses()).extracting(java.net.URI::getHost)
			.containsExactly("shop.example.org", "www.example.org");
		assertThat(this.loader.load(new ClassPathResource("registry/cookies.yaml")).audit().pages()).isEmpty();
	}

	private static byte[] readBroken(String file) {
		try {
			return new ClassPathResource("registries/broken/" + file).getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Each broken registry of the corpus and the whole message an operator reads after the file's name: where (the
	 * line and column, the entry) and what the problem is.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			audit-page-not-http.yaml         | line 9, column 7, audit.pages[1]: not an absolute http or https address such as https://www.example.org/search: ftp://www.example.org/files
			audit-page-other-host.yaml       | line 7, column 42, audit.pages[1]: https://evil.example/ is not on a host of this site (www.example.org, shop.example.org: site.hosts and the host of site.url)
			alias.yaml                       | line 28, column 15: an alias (*) is not supported: write the value out in full
			blank-site-name.yaml             | line 4, column 9, site.name must not be blank
			categories-not-a-list.yaml       | line 7, column 13, at categories: expected a list (lines starting with -)
			category-id-uppercase.yaml       | line 16, column 9, categories[2] (Video): id must be lower-case letters, digits and dashes, starting with a letter (at most 32)
			colon-in-unquoted-text.yaml      | 'line 4, column 16: not valid YAML: mapping values are not allowed here; a text holding '': '' must be quoted, such as name: "Exemple : le portail"'
			consent-mode-repeated.yaml       | line 22, column 45, categories[2] (ads): consentMode ad_storage is already granted by this category: a Consent Mode type belongs to one category only, once
			consent-mode-twice.yaml          | line 22, column 31, categories[2] (ads): consentMode analytics_storage is already granted by categories[1] (statistics): a Consent Mode type belongs to one category only, once
			consent-mode-unknown-type.yaml   | line 17, column 18, categories[1] (statistics): consentMode[0] must be a Google Consent Mode type: ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage, personalization_storage or security_storage
			cookie-name-with-space.yaml      | line 21, column 11, cookies[0] (session id): name must be a cookie name (RFC 6265 token characters; * as a wildcard)
			cookie-without-name.yaml         | line 21, column 3, cookies[0]: name must not be null
			duplicate-category.yaml          | line 16, column 9, categories[2] (statistics): the category id is declared twice, first in categories[1] (line 12, column 9)
			duplicate-cookie.yaml            | line 39, column 11, cookies[3] (sessionid): the cookie name is declared twice, first in cookies[0] (line 21, column 11)
			duplicate-key.yaml               | line 7, column 9: Duplicate Object property "revision"
			embed-duplicate-id.yaml          | line 60, column 9, embeds[1] (videotheque): the embed id is declared twice, first in embeds[0] (line 54, column 9)
			embed-origin-with-path.yaml      | line 59, column 14, embeds[0] (videotheque): origins[0] must be an origin: scheme://host[:port], without path
			embed-required-category.yaml     | line 56, column 15, embeds[0] (videotheque): category 'necessary' is required: an embed is held back until its category is accepted, so it belongs to an optional category (optional categories: ads, statistics, video)
			embed-unknown-category.yaml      | line 56, column 15, embeds[0] (videotheque): category 'videos' is not declared: an embed is held back until its category is accepted, so it belongs to an optional category (optional categories: ads, statistics, video)
			embed-without-origins.yaml       | line 54, column 3, embeds[0] (videotheque): origins must not be empty
			empty-categories.yaml            | line 7, column 1, categories must not be empty
			empty-purpose.yaml               | line 37, column 20, cookies[2] (_pk_id.*): purpose.fr must not be blank
			empty.yaml                       | the file is empty
			invalid-domain.yaml              | line 39, column 13, cookies[2] (_pk_id.*): domain must be a domain name such as example.org
			invalid-lifetime.yaml            | line 38, column 15, at cookies[2].lifetime: invalid lifetime: use 'session' or a positive ISO-8601 duration such as P13M, P1Y, P2W, P30D or PT30M
			invalid-path.yaml                | line 40, column 11, cookies[2] (_pk_id.*): path must be a path starting with /, without spaces, commas or semicolons
			malformed-yaml.yaml              | line 7, column 3: not valid YAML: expected <block end>, but found '<block mapping start>' (while parsing a block mapping)
			misplaced-key.yaml               | line 46, column 3: the key 'provider' is indented less than the other keys of its entry, which starts line 45, column 3: write it at column 5, like them
			misindented-french-translation.yaml | line 19, column 5, at categories[1].fr: unknown key 'fr' (expected one of consentMode, description, id, purpose, required, title); a translation belongs under its text (title:, purpose:...), indented further than it
			misindented-translation.yaml     | line 16, column 5, at categories[1].en: unknown key 'en' (expected one of consentMode, description, id, purpose, required, title); a translation belongs under its text (title:, purpose:...), indented further than it
			missing-lifetime.yaml            | line 21, column 3, cookies[0] (sessionid): lifetime must not be null
			missing-site.yaml                | site must not be null
			missing-translation.yaml         | line 25, column 5, cookies[0] (sessionid): purpose.en must not be blank
			no-categories-key.yaml           | categories must not be empty
			no-cookies-key.yaml              | cookies must not be empty
			no-required-category.yaml        | line 7, column 1, categories: no category is required (required: true); at least one is needed for the strictly necessary cookies, cookies_preferences among them
			not-a-mapping.yaml               | line 2, column 1: expected a mapping of keys and values
			null-cookie.yaml                 | line 20, column 3, cookies[0]: must not be null
			null.yaml                        | line 2, column 1: expected a mapping of keys and values
			palette-button-text.yaml         | line 8, column 17, site.palette.accentText: the buttons' text #2a5ea5 on their background (accent) #1d4f91 have a contrast of 1.25:1, below the 4.5:1 that text needs (WCAG AA): choose colours further apart
			palette-dark-accent.yaml         | line 7, column 17, site.palette.darkAccent: the links in the dark scheme #5a1a2a on the banner's dark background #1d2126 have a contrast of 1.24:1, below the 4.5:1 that text needs (WCAG AA): choose colours further apart
			privacy-policy-http.yaml         | line 6, column 18, site.privacyPolicy must be an https address such as https://www.example.org/privacy, or a path on the site such as /privacy
			privacy-policy-javascript.yaml   | line 6, column 18, site.privacyPolicy must be an https address such as https://www.example.org/privacy, or a path on the site such as /privacy
			privacy-policy-other-host.yaml   | line 6, column 18, site.privacyPolicy must be an https address such as https://www.example.org/privacy, or a path on the site such as /privacy
			palette-light-link.yaml          | line 7, column 13, site.palette.accent: the links #ffd700 on the banner's background #f3f4f6 have a contrast of 1.27:1, below the 4.5:1 that text needs (WCAG AA): choose colours further apart
			required-not-boolean.yaml        | line 9, column 15, at categories[0].required: expected true or false
			revision-not-a-number.yaml       | line 6, column 11, at revision: expected a whole number
			revision-zero.yaml               | line 6, column 11, revision must be greater than 0
			site-name-not-a-text.yaml        | line 3, column 9, at site.name: expected a text
			site-url-javascript.yaml         | line 5, column 8, site.url must be an http or https address such as https://www.example.org
			site-url-ftp.yaml                | line 5, column 8, site.url must be an http or https address such as https://www.example.org
			site-url-no-host.yaml            | line 5, column 8, site.url must be an http or https address such as https://www.example.org
			site-url-without-scheme.yaml     | line 5, column 8, site.url must be an http or https address such as https://www.example.org
			site-url-not-a-url.yaml          | line 5, column 8, at site.url: expected an address such as https://www.example.org
			tab-indentation.yaml             | line 4, column 1: not valid YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)
			two-problems.yaml                | line 4, column 9, site.name must not be blank; line 6, column 11, revision must be greater than 0
			undefined-alias.yaml             | line 21, column 15: an alias (*) is not supported: write the value out in full
			unknown-category.yaml            | line 41, column 15, cookies[3] (VISITOR_INFO1_LIVE): category 'advertising' is not declared under categories (declared: necessary, statistics, video)
			unknown-key-in-flow-mapping.yaml | line 24, column 57, at cookies[0].purpose.de: unknown key 'de' (expected one of en, fr)
			unknown-key-in-one-line-cookie.yaml | line 20, column 157, at cookies[0].lifetme: unknown key 'lifetme' (expected one of category, domain, lifetime, name, path, provider, purpose, service)
			unknown-key-on-first-line.yaml   | line 1, column 1, at owner: unknown key 'owner' (expected one of audit, categories, cookies, embeds, prose, revision, site)
			unknown-key.yaml                 | line 26, column 5, at cookies[0].lifetme: unknown key 'lifetme' (expected one of category, domain, lifetime, name, path, provider, purpose, service)
			unknown-top-level-key.yaml       | line 7, column 1, at owner: unknown key 'owner' (expected one of audit, categories, cookies, embeds, prose, revision, site)
			zero-lifetime.yaml               | line 26, column 15, at cookies[0].lifetime: invalid lifetime: use 'session' or a positive ISO-8601 duration such as P13M, P1Y, P2W, P30D or PT30M
			""")
	void brokenRegistryIsRefusedWithTheFileTheEntryAndTheProblem(String file, String message) {
		assertThatExceptionOfType(InvalidRegistryException.class)
			.isThrownBy(() -> this.loader.load(new ClassPathResource("registries/broken/" + file)))
			.satisfies((ex) -> assertThat(ex.getMessage())
				.isEqualTo("Cookie registry class path resource [registries/broken/" + file + "]: " + message)
				.doesNotContain("\n", "java.", "JsonToken"));
	}

	/**
	 * A key written left of its entry's other keys, wherever the entry stands and however the list is indented: the
	 * key, where its entry starts and the column its keys are at.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			third entry      | 'a:\n  - x: 1\n  - x: 2\n  - x: 3\n  y: 4\n'           | line 5, column 3: the key 'y' is indented less than the other keys of its entry, which starts line 4, column 3: write it at column 5, like them
			quoted key       | 'a:\n  - x: 1\n  "q r": 3\n'                                  | line 3, column 3: not valid YAML: expected <block end>, but found '?' (while parsing a block collection)
			deeper list      | 'b: 1\ncats:\n    - id: a\n      t: 1\n    - id: b\n    t: 2\n' | line 6, column 5: the key 't' is indented less than the other keys of its entry, which starts line 5, column 5: write it at column 7, like them
			""")
	void aMisplacedKeyIsSaidInTheRegistrysTerms(String name, String yaml, String message) {
		assertThatExceptionOfType(InvalidRegistryException.class)
			.isThrownBy(() -> this.loader.load("test.yaml", yaml.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.getMessage()).isEqualTo("Cookie registry test.yaml: " + message));
	}

	/**
	 * A file that is no registry (a password file, a key, settings) or whose YAML is broken around a value: the
	 * message gives the file, the line and column and a sentence, never the file's text. Key names may be named; a key
	 * that cannot be one (a whole line of a password file) is not.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "root:$y$j9T$s3cr3t:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
			"-----BEGIN PRIVATE KEY-----\nMIIEvs3cr3tQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n",
			"DB_PASSWORD=s3cr3t\n", "site: \"s3cr3t\n", "site: \"s3cr3t\\q\"", "site: !s3cr3t!x value",
			"site: *s3cr3t", "site:\n  name: x\n  s3cr3t: `s3cr3t`", "%YAML s3cr3t\n---\nsite: 1", "site: >s3cr3t\n  x",
			"site: \"\\xs3cr3t\"", "site: !<tag:s3cr3t%zz> x", "site: {a: 1] s3cr3t", "cookies: [{lifetime: s3cr3t}]",
			"site: !!binary s3cr3t", "revision: 123456789012345678901234567890s3cr3t", "site: s3cr3t\u0000" })
	void aFileThatIsNoRegistryIsRefusedWithoutAWordOfItsText(String text) {
		assertThatExceptionOfType(InvalidRegistryException.class)
			.isThrownBy(() -> this.loader.load(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "x")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cr3t", "\n")
				.matches("Cookie registry Byte array resource \\[x\\]: line \\d+, column \\d+(, at [a-z.\\[\\]0-9]+)?: [a-z].+"));
	}

	@Test
	void corpusHoldsAtLeastTwentyBrokenRegistriesAllSpecifiedAbove() throws IOException {
		String[] files = new File("src/test/resources/registries/broken").list();
		String specification = Files.readString(Path.of("src/test/java/org/chartecookies/registry/RegistryLoaderTest.java"));

		assertThat(files).hasSizeGreaterThanOrEqualTo(20);
		for (String file : files) {
			assertThat(specification).as("expectation for " + file).contains("\t\t\t" + file);
		}
	}

	/** An intranet portal may be served over plain http: its address is a web page all the same, in any case. */
	@ParameterizedTest
	@CsvSource({ "http://intranet.example.org", "HTTP://intranet.example.org", "HTTPS://www.example.org" })
	void siteServedOverHttpOrHttpsInAnyCaseIsAccepted(String url) throws IOException {
		String text = Files.readString(Path.of("src/test/resources/registries/two-optional-categories.yaml"))
			.replace("url: https://www.example.org", "url: " + url);

		CookieRegistry registry = this.loader.load(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)));

		assertThat(registry.site().url()).hasToString(url);
	}

	/** The privacy policy is a secure page anywhere, or a path on the site: the link goes to the site's address. */
	@ParameterizedTest
	@CsvSource({ "/confidentialite, https://www.example.org/confidentialite",
			"/legal/privacy?lang=fr#cookies, https://www.example.org/legal/privacy?lang=fr#cookies",
			"https://legal.example.com/privacy, https://legal.example.com/privacy",
			"HTTPS://legal.example.com/, HTTPS://legal.example.com/" })
	void privacyPolicyIsASecureAddressOrAPathOnTheSite(String written, String address) throws IOException {
		String text = Files.readString(Path.of("src/test/resources/registries/two-optional-categories.yaml"))
			.replace("url: https://www.example.org", "url: https://www.example.org\n  privacyPolicy: '" + written + "'");

		Site site = this.loader.load(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8))).site();

		assertThat(site.privacyPolicyAddress()).hasToString(address);
	}

	/** Besides the corpus: an https address without a host, another scheme, a path relative to the page it is on. */
	@ParameterizedTest
	@ValueSource(strings = { "https:///privacy", "mailto:dpo@example.org", "privacy.html", "?page=privacy", "///x" })
	void privacyPolicyElsewhereThanASecurePageOrAPathOnTheSiteIsRefused(String written) throws IOException {
		String text = Files.readString(Path.of("src/test/resources/registries/two-optional-categories.yaml"))
			.replace("url: https://www.example.org", "url: https://www.example.org\n  privacyPolicy: '" + written + "'");

		assertThatExceptionOfType(InvalidRegistryException.class)
			.isThrownBy(() -> this.loader.load(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8))))
			.withMessageContaining("line 6, column 18, site.privacyPolicy must be an https address");
	}

	@Test
	void aSiteWithoutPrivacyPolicyLinksToNone() {
		assertThat(this.loader.load(new ClassPathResource("registries/two-optional-categories.yaml"))
			.site()
			.privacyPolicyAddress()).isNull();
	}

	@Test
	void missingFileIsRefusedWithItsPath() {
		assertThatExceptionOfType(InvalidRegistryException.class)
			.isThrownBy(() -> this.loader.load(new FileSystemResource("no/such/cookies.yaml")))
			.withMessageContaining("no/such/cookies.yaml")
			.withMessageContaining("does not exist");
	}

	@Test
	void lifetimeInWordsKeepsItsCalendarAndClockAmounts() {
		assertThat(CookieLifetime.parse("session").isSession()).isTrue();
		assertThat(CookieLifetime.parse("P13M").period()).hasToString("P13M");
		assertThat(CookieLifetime.parse("PT30M").duration()).hasToString("PT30M");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> CookieLifetime.parse("P0D"));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> CookieLifetime.parse("-P1M"));
	}

}
