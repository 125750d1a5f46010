package org.chartecookies.registry;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A site's own colours for the banner and the charter, on top of the application's palette: its accent (buttons and
 * links), the text on its buttons, and the accent for visitors who prefer a dark scheme (its buttons then have the
 * application's dark text). A registry whose colours would make text unreadable (below WCAG AA's 4.5:1, see
 * {@link #unreadable}) is refused.
 *
 * @param accent buttons and links ({@code #8a1538})
 * @param accentText the text on the buttons ({@code #fff})
 * @param darkAccent buttons and links in the dark scheme; the application's when not set
 */
public record Palette(@NotNull @Pattern(regexp = Palette.COLOUR, message = Palette.MESSAGE) String accent,
		@NotNull @Pattern(regexp = Palette.COLOUR, message = Palette.MESSAGE) String accentText,
		@Pattern(regexp = Palette.COLOUR, message = Palette.MESSAGE) @Nullable String darkAccent) {

	static final String COLOUR = "#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})";

	static final String MESSAGE = "must be a colour such as #1d4f91 or #fff";

	/**
	 * The banner's background, light and dark ({@code --cookie-banner-background} in cookie-banner.css): links are
	 * read on it and on the page's, and it is the harder of the two (darker than the page's in the light scheme,
	 * lighter in the dark one).
	 */
	static final String BACKGROUND = "#f3f4f6";

	static final String DARK_BACKGROUND = "#1d2126";

	/** The text on the buttons in the dark scheme ({@code --cookie-banner-button-text}, dark). */
	static final String DARK_BUTTON_TEXT = "#0b0c0c";

	/**
	 * The first pair of these colours whose contrast is below WCAG AA for text (4.5:1), said for the operator with
	 * the entry to change ({@code accentText: ...}); null when every text is readable. The palette sets no border or
	 * focus ring (those stay the application's), so the 3:1 of non-text contrast has nothing of its own to check.
	 */
	@Nullable String unreadable() {
		String problem = unreadable("accentText", this.accentText, "the buttons' text", this.accent,
				"their background (accent)");
		if (problem == null) {
			problem = unreadable("accent", this.accent, "the links", BACKGROUND, "the banner's background");
		}
		if (this.darkAccent != null) {
			if (problem == null) {
				problem = unreadable("darkAccent", this.darkAccent, "the links in the dark scheme", DARK_BACKGROUND,
						"the banner's dark background");
			}
			if (problem == null) {
				problem = unreadable("darkAccent", DARK_BUTTON_TEXT, "the buttons' dark text", this.darkAccent,
						"their background in the dark scheme (darkAccent)");
			}
		}
		return problem;
	}

	private static @Nullable String unreadable(String entry, String text, String what, String background,
			String where) {
		double ratio = Contrast.ratio(text, background);
		if (ratio >= Contrast.TEXT) {
			return null;
		}
		return entry + ": " + what + " " + text + " on " + where + " " + background + " have a contrast of "
				+ Contrast.format(ratio) + ", below the 4.5:1 that text needs (WCAG AA): choose colours further apart";
	}

	/** The style sheet that sets these colours over the application's (custom properties only). */
	public String css() {
		StringBuilder css = new StringBuilder(256).append(":root {\n  --cookie-banner-button-background: ")
			.append(this.accent)
			.append(";\n  --cookie-banner-button-text: ")
			.append(this.accentText)
			.append(";\n  --cookie-banner-link: ")
			.append(this.accent)
			.append(";\n}\n");
		if (this.darkAccent != null) {
			css.append("@media (prefers-color-scheme: dark) {\n  :root {\n    --cookie-banner-button-background: ")
				.append(this.darkAccent)
				.append(";\n    --cookie-banner-button-text: ")
				.append(DARK_BUTTON_TEXT)
				.append(";\n    --cookie-banner-link: ")
				.append(this.darkAccent)
				.append(";\n  }\n}\n");
		}
		return css.toString();
	}

}
