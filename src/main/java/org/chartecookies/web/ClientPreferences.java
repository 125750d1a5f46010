package org.chartecookies.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * What a client prefers, as the application honours it, for everything behind this filter:
 * <ul>
 * <li>the request's locale is the {@link LanguageResolver}'s decision. Tomcat's own parser of {@code Accept-Language}
 * refuses more than ten languages by throwing (a browser set to six languages sends eleven entries), and Spring's
 * request context filter asks it: nothing reaches that parser;</li>
 * <li>{@code Accept} without {@code charset} parameters: the application answers in UTF-8 only (HTML and JSON alike),
 * and a charset the JSON writer cannot use ({@code application/json;charset=big5}) would otherwise leave no writer at
 * all for the answer;</li>
 * <li>an error answer depends on those preferences (HTML or JSON, the language, the banner): it says so in
 * {@code Vary} and is never stored ({@code Cache-Control: no-store}).</li>
 * </ul>
 */
class ClientPreferences extends OncePerRequestFilter {

	private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*(?:\"[^\"]*\"|[^;,]*)",
			Pattern.CASE_INSENSITIVE);

	private static final String ERROR_VARY = "Accept, Accept-Encoding, Accept-Language, Cookie, Sec-GPC";

	private final LocaleResolver languages;

	ClientPreferences(LocaleResolver languages) {
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
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			// An error answer is HTML or JSON, in the visitor's language, with their banner: never stored by a cache.
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.setHeader(HttpHeaders.VARY, ERROR_VARY);
		}
		chain.doFilter(new Honoured(request, this.languages), response);
	}

	static @Nullable String withoutCharset(@Nullable String accept) {
		return (accept != null && containsCharset(accept)) ? CHARSET.matcher(accept).replaceAll("") : accept;
	}

	private static boolean containsCharset(String value) {
		return value.toLowerCase(Locale.ROOT).contains("charset");
	}

	private static final class Honoured extends HttpServletRequestWrapper {

		private final LocaleResolver languages;

		Honoured(HttpServletRequest request, LocaleResolver languages) {
			super(request);
			this.languages = languages;
		}

		@Override
		public Locale getLocale() {
			return this.languages.resolveLocale(this);
		}

		@Override
		public Enumeration<Locale> getLocales() {
			return Collections.enumeration(List.of(getLocale()));
		}

		@Override
		public @Nullable String getHeader(String name) {
			String value = super.getHeader(name);
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? withoutCharset(value) : value;
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			Enumeration<String> values = super.getHeaders(name);
			if (!HttpHeaders.ACCEPT.equalsIgnoreCase(name) || values == null) {
				return values;
			}
			List<String> honoured = new ArrayList<>();
			while (values.hasMoreElements()) {
				honoured.add(withoutCharset(values.nextElement()));
			}
			return Collections.enumeration(honoured);
		}

	}

}
