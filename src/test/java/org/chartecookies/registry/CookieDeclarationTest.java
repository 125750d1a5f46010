package org.chartecookies.registry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which cookies a browser sends are a declared one: the name itself, or, with {@code *}, the name with any characters
 * there; and the path it is set with.
 */
class CookieDeclarationTest {

	private static CookieDeclaration declared(String name, String path) {
		LocalizedText text = new LocalizedText("texte", "text");
		return new CookieDeclaration(name, "Provider", "statistics", text, text, CookieLifetime.parse("P1D"), null, path);
	}

	@ParameterizedTest(name = "{0} matches {1}: {2}")
	@CsvSource(textBlock = """
			sessionid,      sessionid,           true
			sessionid,      SESSIONID,           false
			sessionid,      sessionid2,          false
			sessionid,      xsessionid,          false
			_pk_id.*,       _pk_id.1.3f2a,       true
			_pk_id.*,       _pk_id.,             true
			_pk_id.*,       _pk_idX1,            false
			_pk_id.*,       x_pk_id.1,           false
			_pk_id.*,       _pk_ses.1,           false
			_pk_*.*,        _pk_ses.1.a,         true
			_pk_*.*,        _pk_ses,             false
			*_consent,      ad_consent,          true
			*_consent,      ad_consent_x,        false
			a+b*,           a+bc,                true
			a+b*,           aab,                 false
			""")
	void aSentCookieIsTheDeclaredOne(String declaration, String sent, boolean matches) {
		assertThat(declared(declaration, null).matches(sent)).isEqualTo(matches);
	}

	@ParameterizedTest(name = "path {0} -> {1}")
	@CsvSource(nullValues = "-", textBlock = """
			-,          /
			/,          /
			/datasets,  /datasets
			""")
	void aCookieIsSetOnItsDeclaredPathOrTheWholeSite(String path, String effective) {
		assertThat(declared("sessionid", path).effectivePath()).isEqualTo(effective);
	}

}
