package org.chartecookies.web;

import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Remembers a language chosen with {@code ?lang=} on a page ({@link PageController}) or an error page: Spring's
 * locale change interceptor, reading the query string itself (never a form body, never the container's parameter
 * parser).
 */
class LanguageChoice implements HandlerInterceptor {

	private final LocaleResolver languages;

	LanguageChoice(LocaleResolver languages) {
		this.languages = languages;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// Pages only, and error pages (never stored, Cache-Control: no-store): an asset cached for a year or an API
		// answer must not set a cookie, a shared cache could keep it.
		if (handler instanceof HandlerMethod method && (method.getBeanType().isAnnotationPresent(PageController.class)
				|| (request.getDispatcherType() == DispatcherType.ERROR
						&& ErrorController.class.isAssignableFrom(method.getBeanType())))) {
			remember(this.languages, request, response);
		}
		return true;
	}

	/** Sets the language cookie when the query asks for a supported language. */
	static void remember(LocaleResolver languages, HttpServletRequest request, HttpServletResponse response) {
		Locale asked = LanguageResolver.asked(request.getQueryString());
		if (asked != null) {
			languages.setLocale(request, response, asked);
		}
	}

}
