package org.chartecookies.registry;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A site's own colours for the banner and the charter, on top of the application's palette: its accent (buttons and
 * links), the text on its buttons, and the accent for visitors who prefer a dark scheme. Check their contrast (at
 * least 4.5:1 against the page and the button text) before publishing.
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
				.append(";\n    --cookie-banner-link: ")
				.append(this.darkAccent)
				.append(";\n  }\n}\n");
		}
		return css.toString();
	}

}
