package org.chartecookies.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * French or English, nothing else: {@code ?lang=} (through the locale change interceptor), then the language cookie,
 * then {@code Accept-Language}, then French. An unsupported or malformed language anywhere is ignored.
 */
class SupportedLocaleResolver extends CookieLocaleResolver {

	static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

	SupportedLocaleResolver(String cookieName) {
		super(cookieName);
		setDefaultLocaleFunction(SupportedLocaleResolver::fromAcceptLanguage);
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		Locale supported = supported(super.resolveLocale(request));
		return (supported != null) ? supported : fromAcceptLanguage(request);
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		Locale supported = supported(locale);
		if (supported != null) {
			super.setLocale(request, response, supported);
		}
	}

	static Locale fromAcceptLanguage(HttpServletRequest request) {
		String header = request.getHeader("Accept-Language");
		if (header != null) {
			try {
				Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
				if (match != null) {
					return match;
				}
			}
			catch (IllegalArgumentException ex) {
				// A malformed header is no preference.
			}
		}
		return Locale.FRENCH;
	}

	private static @Nullable Locale supported(@Nullable Locale locale) {
		if (locale == null) {
			return null;
		}
		return SUPPORTED.stream().filter((l) -> l.getLanguage().equals(locale.getLanguage())).findFirst().orElse(null);
	}

}
