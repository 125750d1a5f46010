package org.chartecookies.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The servlet API's locale of a request is the application's language decision: {@code getLocale()} answers what the
 * {@link LanguageResolver} decided. Tomcat's own parser of {@code Accept-Language} refuses more than ten languages
 * (a browser set to six languages sends eleven entries) by throwing, and Spring's request context filter asks it:
 * with this filter in front, nothing reaches that parser.
 */
class LanguageFilter extends OncePerRequestFilter {

	private final LocaleResolver languages;

	LanguageFilter(LocaleResolver languages) {
		this.languages = languages;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new HttpServletRequestWrapper(request) {

			@Override
			public Locale getLocale() {
				return LanguageFilter.this.languages.resolveLocale(this);
			}

			@Override
			public Enumeration<Locale> getLocales() {
				return Collections.enumeration(List.of(getLocale()));
			}

		}, response);
	}

}
