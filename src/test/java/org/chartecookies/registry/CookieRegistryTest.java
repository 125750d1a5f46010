package org.chartecookies.registry;

import java.net.URI;

import org.junit.jupiter.api.Test;

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

	@Test
	void everyPageSaysTheSiteAndTheRevision() {
		assertThat(this.registry.summary()).isEqualTo(new SiteSummary("Exemple", URI.create("https://www.example.org"), 7));
	}

}
