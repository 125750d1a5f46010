package org.chartecookies.web;

import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Remembers a language chosen with {@code ?lang=} on a page ({@link PageController}): Spring's locale change
 * interceptor, reading the query string itself (never a form body, never the container's parameter parser).
 */
class LanguageChoice implements HandlerInterceptor {

	private final LocaleResolver languages;

	LanguageChoice(LocaleResolver languages) {
		this.languages = languages;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// Pages only: an asset, an API answer or an error page must not set a cookie (a shared cache could keep it).
		if (request.getDispatcherType() != DispatcherType.ERROR && handler instanceof HandlerMethod method
				&& method.getBeanType().isAnnotationPresent(PageController.class)) {
			Locale asked = LanguageResolver.asked(request.getQueryString());
			if (asked != null) {
				this.languages.setLocale(request, response, asked);
			}
		}
		return true;
	}

}
