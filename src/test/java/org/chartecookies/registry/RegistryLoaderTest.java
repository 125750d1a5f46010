package org.chartecookies.registry;

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

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			malformed-yaml.yaml      | line 7                                                     | column
			missing-translation.yaml | cookies[0] (sessionid): purpose.en                          | must not be
			duplicate-cookie.yaml    | cookies[3] (sessionid)                                     | declared twice
			unknown-category.yaml    | cookies[3] (VISITOR_INFO1_LIVE): category 'advertising'    | not declared under categories
			empty-purpose.yaml       | cookies[2] (_pk_id.*): purpose.fr                           | must not be blank
			invalid-lifetime.yaml    | cookies[2].lifetime                                        | invalid lifetime 'forever'
			no-required-category.yaml| categories                                                 | no category is required
			unknown-key.yaml         | cookies[0]                                                 | unknown key 'lifetme'
			empty.yaml               | broken/empty.yaml                                          | the file is empty
			""")
	void brokenRegistryIsRefusedWithTheFileTheEntryAndTheProblem(String file, String entry, String problem) {
		assertThatExceptionOfType(InvalidRegistryException.class)
			.isThrownBy(() -> this.loader.load(new ClassPathResource("registries/broken/" + file)))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("Cookie registry class path resource [registries/broken/" + file + "]")
				.contains(entry)
				.contains(problem)
				.doesNotContain("\n"));
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
