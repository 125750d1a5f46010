package org.chartecookies.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A site's colours leave every text of the banner readable (WCAG AA, 4.5:1), in the light scheme and, when it sets
 * them, the dark one; the backgrounds they are checked against are those of the application's style sheet.
 */
class PaletteTest {

	@Test
	void readableColoursPass() {
		assertThat(new Palette("#8a1538", "#fff", "#f4a6b8").unreadable()).isNull();
		assertThat(new Palette("#1d4f91", "#fff", null).unreadable()).isNull();
	}

	@Test
	void theButtonsTextOnTheAccentIsCheckedFirst() {
		assertThat(new Palette("#ffd700", "#fff", null).unreadable())
			.startsWith("accentText: the buttons' text #fff on their background (accent) #ffd700 have a contrast of 1.");
	}

	@Test
	void linksAreCheckedOnTheBannersBackgroundDarkerThanThePage() {
		assertThat(new Palette("#888", "#000", null).unreadable())
			.isEqualTo("accent: the links #888 on the banner's background #f3f4f6 have a contrast of 3.22:1, below the"
					+ " 4.5:1 that text needs (WCAG AA): choose colours further apart");
		assertThat(new Palette("#767676", "#fff", null).unreadable()).as("4.54:1 on the white page, not on the banner")
			.startsWith("accent: the links #767676 on the banner's background #f3f4f6 have a contrast of 4.");
	}

	@Test
	void theDarkSchemeIsCheckedWhenThePaletteSetsIt() {
		assertThat(new Palette("#8a1538", "#fff", "#5a1a2a").unreadable())
			.startsWith("darkAccent: the links in the dark scheme #5a1a2a on the banner's dark background #1d2126");
		assertThat(new Palette("#8a1538", "#fff", "#5f6f80").unreadable()).as("3.6:1 on the dark banner")
			.startsWith("darkAccent: the links in the dark scheme #5f6f80");
		assertThat(new Palette("#8a1538", "#fff", "#fff").unreadable()).isNull();
	}

	@Test
	void aDarkAccentReadableAsALinkLeavesTheDarkButtonsReadableToo() {
		// Links on the dark banner need a light accent; the buttons then have the dark text, never accentText.
		assertThat(new Palette("#8a1538", "#fff", "#f4a6b8").css()).contains("@media (prefers-color-scheme: dark)")
			.contains("    --cookie-banner-button-text: #0b0c0c;");
		assertThat(Contrast.ratio(Palette.DARK_BUTTON_TEXT, "#f4a6b8")).isGreaterThan(Contrast.TEXT);
	}

	@Test
	void theColoursCheckedAgainstAreTheStyleSheets() throws IOException {
		String css = Files.readString(Path.of("src/main/resources/static/css/cookie-banner.css"));
		String light = css.substring(0, css.indexOf("@media (prefers-color-scheme: dark)"));
		String dark = css.substring(css.indexOf("@media (prefers-color-scheme: dark)"));

		assertThat(light).contains("--cookie-banner-background: " + Palette.BACKGROUND + ";",
				"--cookie-banner-page: #fff;");
		assertThat(dark).contains("--cookie-banner-background: " + Palette.DARK_BACKGROUND + ";",
				"--cookie-banner-page: #121417;", "--cookie-banner-button-text: " + Palette.DARK_BUTTON_TEXT + ";");
	}

	@Test
	void theFirstProblemIsTheOneReportedWhenTheDarkSchemeHasOneToo() {
		assertThat(new Palette("#ffd700", "#fff", "#5a1a2a").unreadable()).startsWith("accentText: ");
		assertThat(new Palette("#888", "#000", "#5a1a2a").unreadable()).startsWith("accent: ");
	}

	@Test
	void withoutADarkAccentTheStyleSheetLeavesTheDarkSchemeAlone() {
		assertThat(new Palette("#1d4f91", "#fff", null).css()).doesNotContain("prefers-color-scheme", "null");
	}

}
