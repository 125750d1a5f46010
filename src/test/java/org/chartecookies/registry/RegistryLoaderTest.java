package org.chartecookies.registry;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RegistryLoaderTest {

	private final RegistryLoader loader = new RegistryLoader(
			Validation.buildDefaultValidatorFactory().getValidator());

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

	/** Each broken registry of the corpus, the entry its message must name, and the problem it must state. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			blank-site-name.yaml          | line 4, column 9, site.name                        | must not be blank
			categories-not-a-list.yaml    | line 7, column 13, at categories                    | expected a list
			category-id-uppercase.yaml    | line 16, column 9, categories[2] (Video): id       | lower-case letters
			cookie-name-with-space.yaml   | line 21, column 11, cookies[0] (session id): name  | must be a cookie name
			cookie-without-name.yaml      | line 21, column 3, cookies[0]: name                | must not be null
			duplicate-category.yaml       | line 16, column 9, categories[2] (statistics)      | declared twice
			duplicate-cookie.yaml         | line 39, column 11, cookies[3] (sessionid)         | declared twice
			duplicate-key.yaml            | line 7                                             | Duplicate Object property "revision"
			empty-categories.yaml         | line 7, column 1, categories                       | must not be empty
			empty-purpose.yaml            | line 37, column 20, cookies[2] (_pk_id.*): purpose.fr | must not be blank
			empty.yaml                    | broken/empty.yaml                                  | the file is empty
			invalid-domain.yaml           | line 39, column 13, cookies[2] (_pk_id.*): domain  | must be a domain name
			invalid-lifetime.yaml         | line 38, column 15, at cookies[2].lifetime          | invalid lifetime 'forever'
			invalid-path.yaml             | line 40, column 11, cookies[2] (_pk_id.*): path    | must be a path starting with /
			malformed-yaml.yaml           | line 7, column 3                                   | not valid YAML
			misindented-translation.yaml  | line 16, column 5, at categories[1].en             | unknown key 'en'
			missing-lifetime.yaml         | line 21, column 3, cookies[0] (sessionid): lifetime | must not be null
			missing-site.yaml             | site                                               | must not be null
			missing-translation.yaml      | line 25, column 5, cookies[0] (sessionid): purpose.en | must not be
			no-required-category.yaml     | line 7, column 1, categories                       | no category is required
			not-a-mapping.yaml            | line 2                                             | expected a mapping of keys and values
			required-not-boolean.yaml     | line 9, column 15, at categories[0].required        | expected true or false
			revision-not-a-number.yaml    | line 6, column 11, at revision                      | expected a whole number
			revision-zero.yaml            | line 6, column 11, revision                        | must be greater than 0
			site-url-javascript.yaml      | line 5, column 8, site.url                         | must be an http or https address
			site-url-not-a-url.yaml       | line 5, column 8, at site.url                       | expected an address
			tab-indentation.yaml          | line 4, column 1                                   | (TAB) for indentation
			unknown-category.yaml         | line 41, column 15, cookies[3] (VISITOR_INFO1_LIVE): category 'advertising' | not declared under categories
			unknown-key.yaml              | line 26, column 5, at cookies[0].lifetme            | unknown key 'lifetme'
			unknown-top-level-key.yaml    | line 7, column 1, at owner                          | unknown key 'owner'
			zero-lifetime.yaml            | line 26, column 15, at cookies[0].lifetime          | invalid lifetime 'PT0S'
			""")
	void brokenRegistryIsRefusedWithTheFileTheEntryAndTheProblem(String file, String entry, String problem) {
		assertThatExceptionOfType(InvalidRegistryException.class)
			.isThrownBy(() -> this.loader.load(new ClassPathResource("registries/broken/" + file)))
			.satisfies((ex) -> assertThat(ex.getMessage())
				.startsWith("Cookie registry class path resource [registries/broken/" + file + "]")
				.contains(entry)
				.contains(problem)
				.doesNotContain("\n", "java.", "JsonToken"));
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
