package org.chartecookies.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of what is read of an {@code Accept-Language} header and a language tag ("-" for none): how long, how many
 * entries, how weights are written. {@link LanguageResolverTest} gives the ordinary headers.
 */
class AcceptLanguageTest {

	@ParameterizedTest(name = "Accept-Language: {0} -> {1}")
	@CsvSource(nullValues = "-", delimiter = '|', textBlock = """
			-                              | -
			''                             | -
			,en                            | en
			de,,en                         | en
			fr;q=0.5, en;q=1               | en
			fr;q=0.5, en;q=1.000           | en
			fr;q=0.999, en;q=1             | en
			fr;q=0.5, en;Q=0.6             | en
			en;Q=0.5, fr;q=0.6             | fr
			en, fr;q=1                     | en
			en, fr;q=1.0                   | en
			# An entry with a parameter other than q is no language range (RFC 9110): skipped.
			fr;q=0.5, en;level=1           | fr
			fr;q=0.5, en;level=1;q=0.6     | fr
			fr;q=0.7, en;level=1;q=0.6     | fr
			fr;q=0.5, en;q=0.50            | fr
			fr;q=0.05, en;q=0.1            | en
			fr;q=0.1, en;q=0.05            | fr
			fr;q=1.5, en;q=0.1             | en
			fr;q=-1, en;q=0.1              | en
			fr;q=0.5, en;q=                | fr
			en;q=0                         | -
			en;q=0.000                     | -
			en;q=0.001                     | en
			;q=1, en;q=0.1                 | en
			fr;q=0, *                      | en
			fr;q=0, *;q=0.2                | en
			en;q=0, *                      | fr
			*                              | fr
			*, en                          | fr
			en, *                          | en
			en;q=0.5, *                    | fr
			en;q=0.5, *;q=0.4              | en
			*;q=0.5, en;q=0.5              | fr
			fr;q=0, en;q=0, *              | -
			fr;q=0, *;q=0                  | -
			fr;q=1.5, *;q=0.1, en;q=0.05   | fr
			fr-CA;q=0, fr;q=0.5, en;q=0.4  | fr
			fr;q=0.5, fr-CA;q=0, en;q=0.4  | fr
			de, *;q=0.5, en;q=0.1          | fr
			en, fr, en                     | en
			*, fr;q=0.4                    | en
			*, en;q=0.5, *;q=0.1           | fr
			*;q=0.5, en;q=0.5, *;q=0.5     | fr
			*;q=0.5, fr;q=0.4              | en
			""")
	void theSupportedLanguageWithTheHighestWeight(String header, String expected) {
		assertThat(AcceptLanguage.preferred(header)).isEqualTo((expected != null) ? Locale.forLanguageTag(expected) : null);
	}

	@Test
	void aHeaderOfUpTo8192CharactersIsRead() {
		String longest = "en," + "de,".repeat((8192 - 3) / 3) + "d".repeat((8192 - 3) % 3);

		assertThat(longest).hasSize(8192);
		assertThat(AcceptLanguage.preferred(longest)).isEqualTo(Locale.ENGLISH);
		assertThat(AcceptLanguage.preferred(longest + "e")).as("one character more").isNull();
	}

	@Test
	void theFirst64EntriesAreRead() {
		assertThat(AcceptLanguage.preferred("de,".repeat(63) + "en")).as("64th entry").isEqualTo(Locale.ENGLISH);
		assertThat(AcceptLanguage.preferred("de,".repeat(64) + "en")).as("65th entry").isNull();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "-", textBlock = """
			en,       en
			fr,       fr
			' en ',   en
			EN-gb,    en
			en_US,    en
			fr-CA,    fr
			de,       -
			e,        -
			eng,      -
			*,        -
			en-,      -
			-en,      -
			en--GB,   -
			1en,      -
			'',       -
			""")
	void aSingleTag(String tag, String expected) {
		assertThat(AcceptLanguage.supported(tag)).isEqualTo((expected != null) ? Locale.forLanguageTag(expected) : null);
	}

	@Test
	void aTagOfUpTo8192CharactersIsRead() {
		String longest = "en" + "-abcdefgh".repeat(910);

		assertThat(longest).hasSize(8192);
		assertThat(AcceptLanguage.supported(longest)).isEqualTo(Locale.ENGLISH);
		assertThat(AcceptLanguage.supported(longest + "-a")).as("two characters more").isNull();
	}

	@Test
	void subtagsOfUpToEightCharactersAreRead() {
		assertThat(AcceptLanguage.supported("en" + "-abcdefgh".repeat(8))).isEqualTo(Locale.ENGLISH);
		assertThat(AcceptLanguage.supported("en-abcdefghi")).as("a subtag of nine").isNull();
	}

}
