package org.chartecookies.registry;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A registry text is shown in English to English readers and in French to everyone else. */
class LocalizedTextTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			en,     Necessary cookies
			en-GB,  Necessary cookies
			fr,     Cookies nécessaires
			fr-CA,  Cookies nécessaires
			de,     Cookies nécessaires
			""")
	void theTextInTheReadersLanguage(String language, String expected) {
		LocalizedText text = new LocalizedText("Cookies nécessaires", "Necessary cookies");

		assertThat(text.text(Locale.forLanguageTag(language))).isEqualTo(expected);
	}

}
