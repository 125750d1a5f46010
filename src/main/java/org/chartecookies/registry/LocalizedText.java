package org.chartecookies.registry;

import java.util.Locale;

import jakarta.validation.constraints.NotBlank;

/**
 * A text of the registry in each language the charter is published in.
 */
public record LocalizedText(@NotBlank String fr, @NotBlank String en) {

	/** The text in the given locale's language; French for any language other than English. */
	public String text(Locale locale) {
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? this.en : this.fr;
	}

}
