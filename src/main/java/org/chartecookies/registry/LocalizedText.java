package org.chartecookies.registry;

import java.util.Locale;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;

/**
 * A text of the registry in each language the charter is published in.
 */
public record LocalizedText(@NotBlank String fr, @NotBlank String en) {

	/** The languages a registry is written in, and the charter shown in. */
	public static final Set<String> LANGUAGES = Set.of("fr", "en");

	/** The text in the given locale's language; French for any language other than English. */
	public String text(Locale locale) {
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? this.en : this.fr;
	}

}
