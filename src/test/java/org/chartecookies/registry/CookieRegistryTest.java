package org.chartecookies.registry;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the charter and the banner ask of a registry (two-optional-categories.yaml). */
class CookieRegistryTest {

	private final CookieRegistry registry = Registries.load("registries/two-optional-categories.yaml");

	@Test
	void optionalCategoriesAreTheChoicesInRegistryOrder() {
		assertThat(this.registry.optionalCategories()).extracting(CookieCategory::id).containsExactly("statistics", "video");
		assertThat(this.registry.hasOptionalCategories()).isTrue();
		assertThat(this.registry.category("necessary")).hasValueSatisfying((category) -> {
			assertThat(category.required()).isTrue();
			assertThat(category.isOptional()).isFalse();
		});
		assertThat(this.registry.category("video")).hasValueSatisfying((category) -> assertThat(category.isOptional()).isTrue());
		assertThat(this.registry.category("ads")).isEmpty();
	}

	@Test
	void aRegistryWithRequiredCategoriesOnlyOffersNoChoice() {
		CookieRegistry necessaryOnly = Registries.load("registries/necessary-only.yaml");

		assertThat(necessaryOnly.optionalCategories()).isEmpty();
		assertThat(necessaryOnly.hasOptionalCategories()).isFalse();
	}

	@Test
	void eachCategoryListsItsCookiesInRegistryOrder() {
		assertThat(this.registry.cookiesIn(this.registry.category("necessary").orElseThrow()))
			.extracting(CookieDeclaration::name)
			.containsExactly("sessionid", "cookies_preferences");
		assertThat(this.registry.cookiesIn(this.registry.category("video").orElseThrow()))
			.extracting(CookieDeclaration::name)
			.containsExactly("VISITOR_INFO1_LIVE");
	}

	/** The banner's first layer names the third parties a visitor consents to: each once, in the registry's order. */
	@Test
	void theProvidersOfOptionalCookiesAreNamedOnceEachInRegistryOrder() {
		assertThat(this.registry.optionalProviders()).containsExactly("Exemple", "YouTube");
		assertThat(Registries.defaultRegistry().optionalProviders()).containsExactly("Opendatasoft");
		assertThat(Registries.load("registries/necessary-only.yaml").optionalProviders()).isEmpty();
	}

	@Test
	void aCategoryIsNamedByItsPurposeInAFewWordsElseByItsTitle() {
		assertThat(this.registry.category("statistics").orElseThrow().briefPurpose())
			.isEqualTo(new LocalizedText("compter les visites", "counting visits"));
		assertThat(this.registry.category("video").orElseThrow().briefPurpose())
			.isEqualTo(new LocalizedText("Vidéos intégrées", "Embedded videos"));
	}

	@ParameterizedTest
	@CsvSource({ "Exemple, true", "exemple, true", "' Exemple ', true", "Exemples, false", "YouTube, false" })
	void theSiteKnowsItselfAmongTheProviders(String provider, boolean itself) {
		assertThat(this.registry.site().isProvider(provider)).isEqualTo(itself);
	}

	@Test
	void everyPageSaysTheSiteAndTheRevision() {
		assertThat(this.registry.summary()).isEqualTo(new SiteSummary("Exemple", URI.create("https://www.example.org"), 7));
	}

}
