package org.chartecookies.web;

import java.util.Locale;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visitor's language: {@code ?lang=}, then the language cookie, then the browser's preferences by weight, then
 * French; anything unreadable on the way is skipped, never an error.
 */
class LanguageResolverTest {

	private final LanguageResolver languages = new LanguageResolver("django_language");

	private Locale resolve(String query, String cookie, String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cookies");
		if (!query.isEmpty()) {
			request.setQueryString(query);
		}
		if (!cookie.isEmpty()) {
			request.setCookies(new Cookie("django_language", cookie));
		}
		if (!header.isEmpty()) {
			request.addHeader("Accept-Language", header);
		}
		return this.languages.resolveLocale(request);
	}

	@ParameterizedTest(name = "Accept-Language: {0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7,de;q=0.6,es;q=0.5,it;q=0.4,nl;q=0.3,pt;q=0.2,ja;q=0.1,zh;q=0.1 | fr
			de-DE,de;q=0.9,nl;q=0.8,es;q=0.7,it;q=0.6,pt;q=0.5,ja;q=0.4,zh;q=0.3,ko;q=0.2,en;q=0.1,fr;q=0.05 | en
			en-GB,en;q=0.9                          | en
			de, en;q=0.5, fr;q=0.6                  | fr
			de, en;q=0.5, fr;q=0                    | en
			EN-us                                   | en
			en;q=0.3, fr;q=0.3                      | en
			fr;q=2, en;q=0.1                        | en
			fr;q=abc, en;q=0.001                    | en
			de, *;q=0.5                             | fr
			zz-ZZ                                   | fr
			;;;,,,                                  | fr
			en_US                                   | en
			'   en  ;  q = 0.8 '                    | en
			""")
	void theBrowsersPreferenceByWeight(String header, String expected) {
		assertThat(resolve("", "", header)).isEqualTo(Locale.forLanguageTag(expected));
	}

	@Test
	void aHeaderOfAnyLengthIsReadWithoutError() {
		assertThat(resolve("", "", "de,".repeat(2000) + "en")).as("past the entries read").isEqualTo(Locale.FRENCH);
		assertThat(resolve("", "", "en;q=0.1," + "de,".repeat(30))).isEqualTo(Locale.ENGLISH);
		assertThat(resolve("", "", "x".repeat(9000))).isEqualTo(Locale.FRENCH);
	}

	@ParameterizedTest(name = "cookie {0} -> {1}")
	@CsvSource({ "en, en", "EN, en", "en-GB, en", "en_US, en", "a.b, ignored", "e!n, ignored",
			"en%20GMT, ignored", "'', ignored", "zz, ignored", "en-, ignored", "*, ignored", "en GMT, ignored" })
	void theLanguageCookieWhenItNamesASupportedLanguage(String cookie, String expected) {
		// An ignored cookie leaves the decision to the header, which names no supported language: French.
		assertThat(resolve("", cookie, "zz"))
			.isEqualTo(expected.equals("ignored") ? Locale.FRENCH : Locale.forLanguageTag(expected));
	}

	@ParameterizedTest(name = "?{0} -> {1}")
	@CsvSource({ "lang=en, en", "lang=EN, en", "lang=en&lang=fr, en", "x=1&lang=en, en", "lang=e%ZZ, ignored",
			"lang=zz, ignored", "lang=, ignored", "lang, ignored", "langue=en, ignored", "lang=en%20GMT, ignored",
			"xlang=en, ignored" })
	void theQueryFirst(String query, String expected) {
		// An ignored query leaves the decision to the cookie: French.
		assertThat(resolve(query, "fr", "en"))
			.isEqualTo(expected.equals("ignored") ? Locale.FRENCH : Locale.forLanguageTag(expected));
	}

	@Test
	void choosingASupportedLanguageSetsTheCookieAndAnotherSetsNothing() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.languages.setLocale(request, response, Locale.forLanguageTag("de"));
		assertThat(response.getHeaders("Set-Cookie")).isEmpty();

		this.languages.setLocale(request, response, Locale.forLanguageTag("en-GB"));
		assertThat(response.getHeaders("Set-Cookie")).containsExactly("django_language=en; Path=/; SameSite=Lax");
		assertThat(this.languages.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
	}

	@Test
	void theLanguageIsDecidedOncePerRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cookies");
		request.setQueryString("lang=en");
		Locale first = this.languages.resolveLocale(request);

		request.setQueryString("lang=fr");

		assertThat(first).isEqualTo(Locale.ENGLISH);
		assertThat(this.languages.resolveLocale(request)).as("asked again for the same request").isEqualTo(first);
	}

	@Test
	void aLanguageCookieNamingNoSupportedLanguageLeavesTheNextOneToDecide() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cookies");
		request.setCookies(new Cookie("other", "fr"), new Cookie("django_language", "de"),
				new Cookie("django_language", "en"));
		request.addHeader("Accept-Language", "fr");

		assertThat(this.languages.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
	}

	@Test
	void choosingALanguageWithoutAnAnswerToWriteToRemembersItForTheRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest();

		this.languages.setLocale(request, null, Locale.ENGLISH);
		this.languages.setLocale(request, null, null);

		assertThat(this.languages.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
	}

}
