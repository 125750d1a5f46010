package org.chartecookies.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embed's frames load from its origins only; Consent Mode's types as the registry maps them.
 */
class EmbedTest {

	private static final CookieRegistry REGISTRY = new RegistryLoader(Registries.VALIDATOR)
		.load(new ClassPathResource("registries/embeds.yaml"));

	private static final Embed EMBED = new Embed("maps", "Cartes SA", "video", new LocalizedText("a", "a"),
			new LocalizedText("b", "b"), List.of("https://maps.example.com", "http://127.0.0.1:8081"));

	@ParameterizedTest
	@ValueSource(strings = { "https://maps.example.com/embed?x=1", "HTTPS://Maps.Example.COM/embed",
			"https://maps.example.com", "http://127.0.0.1:8081/player" })
	void anAddressOnOneOfItsOriginsIsItsOwn(String address) {
		assertThat(EMBED.serves(URI.create(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://maps.example.com/embed", "https://maps.example.com:8443/embed",
			"https://maps.example.com.evil.example/", "https://user@maps.example.com/", "//maps.example.com/embed",
			"/embed", "javascript:alert(1)", "http://127.0.0.1:8082/player", "http://127.0.0.1/player", "http://:8081/player" })
	void anyOtherAddressIsNot(String address) {
		assertThat(EMBED.serves(URI.create(address))).isFalse();
	}

	@Test
	void noAddressIsNot() {
		assertThat(EMBED.serves(null)).isFalse();
	}

	@Test
	void pagesFindAnEmbedByItsId() {
		assertThat(REGISTRY.embed("videotheque")).hasValueSatisfying((embed) -> {
			assertThat(embed.provider()).isEqualTo("Vidéothèque SA");
			assertThat(embed.category()).isEqualTo("video");
		});
		assertThat(REGISTRY.embed("youtube")).isEmpty();
	}

	@Test
	void eachConsentModeTypeIsGrantedByItsCategoryARequiredOneAlwaysAndTheOtherTypesOfV2Never() {
		assertThat(REGISTRY.consentModeTypes()).containsExactlyInAnyOrderEntriesOf(Map.of("ad_personalization", "ads",
				"ad_storage", "ads", "ad_user_data", "ads", "analytics_storage", "statistics", "security_storage", "*"));
		CookieRegistry plain = new RegistryLoader(Registries.VALIDATOR)
			.load(new ClassPathResource("registries/two-optional-categories.yaml"));
		assertThat(plain.consentModeTypes()).containsExactlyInAnyOrderEntriesOf(Map.of("ad_personalization", "",
				"ad_storage", "", "ad_user_data", "", "analytics_storage", ""));
		assertThat(plain.embeds()).isEmpty();
	}

}
