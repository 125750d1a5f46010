package org.chartecookies.web;

import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;

/**
 * French or English, nothing else, decided once per request: {@code ?lang=} in the query string, then the language
 * cookie, then {@code Accept-Language}, then French. Whatever a client sends (a header of any length, a malformed
 * cookie, a query that does not decode) gives one of the two; nothing here throws. Choosing a language with
 * {@code ?lang=} sets the cookie, once ({@link LanguageChoice}).
 */
class LanguageResolver implements LocaleResolver {

	static final String PARAMETER = "lang";

	static final Locale DEFAULT = Locale.FRENCH;

	private static final String ATTRIBUTE = LanguageResolver.class.getName() + ".language";

	private final String cookieName;

	LanguageResolver(String cookieName) {
		this.cookieName = cookieName;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Locale known) {
			return known;
		}
		Locale language = asked(request.getQueryString());
		if (language == null) {
			language = fromCookie(request.getCookies());
		}
		if (language == null) {
			language = AcceptLanguage.preferred(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
		}
		if (language == null) {
			language = DEFAULT;
		}
		request.setAttribute(ATTRIBUTE, language);
		return language;
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		Locale language = (locale != null) ? AcceptLanguage.supported(locale.toLanguageTag()) : null;
		if (language == null) {
			return;
		}
		request.setAttribute(ATTRIBUTE, language);
		if (response != null) {
			// As Spring's cookie locale resolver wrote it: for the browser session, the whole site, readable by the platform.
			response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(this.cookieName, language.getLanguage())
				.path("/")
				.sameSite("Lax")
				.build()
				.toString());
		}
	}

	/** The language named by the first {@code lang} parameter of the query string (never the body), if supported. */
	static @Nullable Locale asked(@Nullable String query) {
		return AcceptLanguage.supported(QueryParameters.first(query, PARAMETER));
	}

	private @Nullable Locale fromCookie(Cookie @Nullable [] cookies) {
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (this.cookieName.equals(cookie.getName())) {
				Locale language = AcceptLanguage.supported(cookie.getValue());
				if (language != null) {
					return language;
				}
			}
		}
		return null;
	}

}
