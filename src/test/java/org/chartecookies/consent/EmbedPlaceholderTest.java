package org.chartecookies.consent;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a placeholder says and keeps, from the test registry of embeds (its provider at {@code http://127.0.0.1:1}),
 * and what a template that names an embed wrongly is told.
 */
class EmbedPlaceholderTest {

	private static final HostedSite SITE = Registries.site(Registries.load("registries/embeds.yaml"));

	private static final String PLAYER = "http://127.0.0.1:1/player/7";

	private static PageContext page(Locale language, ConsentState consent) {
		return new PageContext(SITE, "/datasets?q=1", BannerSwitch.NONE, language, consent);
	}

	@Test
	void anUndecidedVisitorGetsThePlaceholderInTheirLanguageFromTheRegistry() {
		EmbedPlaceholder embed = EmbedPlaceholder.of(page(Locale.ENGLISH, ConsentState.NOBODY), "videotheque", PLAYER,
				"  The garden ", null);

		assertThat(embed).isEqualTo(new EmbedPlaceholder("videotheque", "video", "Embedded videos", "Vidéothèque SA",
				"Vidéothèque's video player", "measure bandwidth and remember your playback settings", PLAYER,
				"The garden", "16x9", false, List.of(), "/datasets?q=1", "/datasets?q=1&cookies=manage", 3));
	}

	@Test
	void aVisitorWhoAcceptedTheCategoryGetsTheFrameAndOthersTheyAcceptedAreKept() {
		ConsentState accepted = new ConsentState(Map.of("statistics", true, "ads", false, "video", true), false, false);
		ConsentState refused = new ConsentState(Map.of("statistics", true, "ads", true, "video", false), false, false);

		EmbedPlaceholder shown = EmbedPlaceholder.of(page(Locale.FRENCH, accepted), "videotheque", PLAYER, "Le jardin",
				"4x3");
		EmbedPlaceholder held = EmbedPlaceholder.of(page(Locale.FRENCH, refused), "videotheque", PLAYER, "Le jardin",
				"9x16");

		assertThat(shown.accepted()).isTrue();
		assertThat(shown.alsoAccepted()).containsExactly("statistics");
		assertThat(shown.ratio()).isEqualTo("4x3");
		assertThat(shown.categoryTitle()).isEqualTo("Vidéos intégrées");
		assertThat(held.accepted()).isFalse();
		assertThat(held.alsoAccepted()).as("in the registry's order").containsExactly("statistics", "ads");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			youtube     | http://127.0.0.1:1/x    | T    | 16x9 | no embed 'youtube' in the registry of test (declared: [videotheque])
			videotheque | https://evil.example/x | T    | 16x9 | the address 'https://evil.example/x' is not on the origins of embed 'videotheque' (http://127.0.0.1:1)
			videotheque | NULL                   | T    | 16x9 | the address 'null' is not on the origins of embed 'videotheque' (http://127.0.0.1:1)
			videotheque | 'http://127.0.0.1:1/a b' | T  | 16x9 | the address 'http://127.0.0.1:1/a b' is not on the origins of embed 'videotheque' (http://127.0.0.1:1)
			videotheque | http://127.0.0.1:1/x    | NULL | 16x9 | embed 'videotheque' needs a title (what the frame shows), of at most 200 characters
			videotheque | http://127.0.0.1:1/x    | ' '  | 16x9 | embed 'videotheque' needs a title (what the frame shows), of at most 200 characters
			videotheque | http://127.0.0.1:1/x    | T    | 16:9 | the ratio '16:9' of embed 'videotheque' is none of
			""")
	void aTemplateThatNamesAnEmbedWronglyIsToldWhat(String id, String src, String title, String ratio, String message) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbedPlaceholder.of(page(Locale.FRENCH, ConsentState.NOBODY), id, src, title, ratio))
			.withMessageStartingWith(message);
	}

	@Test
	void aTitleOfTwoHundredCharactersIsOneAndLongerIsNot() {
		PageContext page = page(Locale.FRENCH, ConsentState.NOBODY);

		assertThat(EmbedPlaceholder.of(page, "videotheque", PLAYER, "t".repeat(200), "").ratio()).isEqualTo("16x9");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbedPlaceholder.of(page, "videotheque", PLAYER, "t".repeat(201), "1x1"));
	}

}
