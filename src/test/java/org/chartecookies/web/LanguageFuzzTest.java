package org.chartecookies.web;

import java.util.Locale;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends as {@code Accept-Language}, language cookie and query string, the language is French or
 * English, and the answer is the same when asked again: resolution is total and never throws.
 */
class LanguageFuzzTest {

	private static final LanguageResolver LANGUAGES = new LanguageResolver("django_language");

	@FuzzTest(maxDuration = "60s")
	void anyRequestResolvesToASupportedLanguage(FuzzedDataProvider data) {
		String header = data.consumeString(1000);
		String cookie = data.consumeString(200);
		String query = data.consumeRemainingAsString();
		// Not addHeader: the mock parses Accept-Language with Java's LanguageRange.parse, which throws on some values
		// (an ArrayIndexOutOfBoundsException, found by this test): the application's parser must not, the mock's may.
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cookies") {

			@Override
			public String getHeader(String name) {
				return "Accept-Language".equalsIgnoreCase(name) ? header : super.getHeader(name);
			}

		};
		if (isCookieValue(cookie)) {
			request.setCookies(new Cookie("django_language", cookie));
		}
		request.setQueryString(query);

		Locale language = LANGUAGES.resolveLocale(request);

		assertThat(language).isIn(Locale.FRENCH, Locale.ENGLISH);
		assertThat(LANGUAGES.resolveLocale(request)).isSameAs(language);
		assertThat(AcceptLanguage.preferred(header)).isIn(null, Locale.FRENCH, Locale.ENGLISH);
		assertThat(AcceptLanguage.supported(cookie)).isIn(null, Locale.FRENCH, Locale.ENGLISH);
	}

	/** What the servlet API lets a cookie hold (Tomcat drops the rest before the application sees it). */
	private static boolean isCookieValue(String value) {
		return value.chars().allMatch((c) -> c > 0x20 && c < 0x7f && c != ';' && c != ',' && c != '"' && c != '\\');
	}

}
