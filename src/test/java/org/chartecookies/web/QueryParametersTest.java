package org.chartecookies.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page reads the parameters it uses itself: the first one of that name, decoded; none ("-") when it is absent or
 * does not decode, whatever else the query holds.
 */
class QueryParametersTest {

	@ParameterizedTest(name = "?{0} -> {1}")
	@CsvSource(nullValues = "-", textBlock = """
			-,                       -
			'',                      -
			lang=en,                 en
			lang=en&lang=fr,         en
			x=1&lang=en,             en
			=x&lang=en,              en
			&&lang=en&,              en
			lang,                    ''
			lang=,                   ''
			lang=a%20b+c,            a b c
			lang=%C3%A9,             é
			lang=a=b,                a=b
			langue=en,               -
			xlang=en,                -
			LANG=en,                 -
			x=1,                     -
			=en,                     -
			lang=%ZZ&lang=en,        -
			x=%ZZ&lang=en,           en
			""")
	void theFirstParameterOfThatName(String query, String expected) {
		assertThat(QueryParameters.first(query, "lang")).isEqualTo(expected);
	}

}
