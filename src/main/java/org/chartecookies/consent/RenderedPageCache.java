package org.chartecookies.consent;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Renders each page once per (page, language, consent state) and serves the same bytes afterwards, with a validator
 * so that browsers and proxies revalidate with {@code 304}. A page depends on nothing else: the registry, the messages
 * and the asset URLs are fixed for the life of the process, and a decision shows only through its choices (never its
 * time or id), so visitors who made the same choice share one rendering.
 *
 * <p>Only the application's pages go through it ({@code /cookies} and {@code /cookies/banner}); only successful
 * renderings are kept, in a bounded map (least recently used first out).
 */
public class RenderedPageCache extends OncePerRequestFilter {

	/** Each kept rendering weighs about 12 KB: at most 12 MB in all. */
	static final int CAPACITY = 1000;

	private static final String VARY = "Accept-Language, Cookie, Sec-GPC";

	private final ConsentCookieReader consent;

	private final LocaleResolver locales;

	private final Map<Key, Page> pages = new LinkedHashMap<>(CAPACITY, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, Page> eldest) {
			return size() > CAPACITY;
		}

	};

	public RenderedPageCache(ConsentCookieReader consent, LocaleResolver locales) {
		this.consent = consent;
		this.locales = locales;
	}

	/** What a page depends on. */
	record Key(String page, Locale locale, @Nullable Map<String, Boolean> choices, boolean outdated,
			boolean globalPrivacyControl) {
	}

	/** A rendering: its status (200, or 204 for an empty banner), headers that describe the body, and the body. */
	record Page(int status, @Nullable String contentType, @Nullable String contentLanguage, byte[] body, String etag) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Locale locale = locale(request, response);
		VisitorConsent visitor = this.consent.consent(request);
		String query = request.getQueryString();
		Key key = new Key(request.getRequestURI() + ((query != null) ? "?" + query : ""), locale,
				visitor.current().map(ConsentDecision::choices).orElse(null), visitor.outdated(),
				visitor.globalPrivacyControl());
		Page page;
		synchronized (this.pages) {
			page = this.pages.get(key);
		}
		if (page == null && !"GET".equals(request.getMethod())) {
			// A HEAD rendering has no body to keep: answer it, keep nothing.
			chain.doFilter(request, response);
			return;
		}
		if (page == null) {
			ContentCachingResponseWrapper rendering = new ContentCachingResponseWrapper(response);
			chain.doFilter(request, rendering);
			int status = rendering.getStatus();
			if (status != 200 && status != 204) {
				rendering.copyBodyToResponse();
				return;
			}
			byte[] body = rendering.getContentAsByteArray();
			page = new Page(status, rendering.getContentType(), rendering.getHeader(HttpHeaders.CONTENT_LANGUAGE), body,
					etag(body));
			synchronized (this.pages) {
				this.pages.put(key, page);
			}
			rendering.resetBuffer();
		}
		send(page, request, response);
	}

	/** The language, as the locale change interceptor and the resolver would say it, remembered the same way. */
	private Locale locale(HttpServletRequest request, HttpServletResponse response) {
		String asked = request.getParameter("lang");
		if (asked != null) {
			try {
				Locale parsed = StringUtils.parseLocale(asked);
				if (parsed != null) {
					this.locales.setLocale(request, response, parsed);
				}
			}
			catch (IllegalArgumentException ex) {
				// An unreadable language is no choice, as for the interceptor.
			}
		}
		return this.locales.resolveLocale(request);
	}

	private static void send(Page page, HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.VARY, VARY);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		if (new ServletWebRequest(request, response).checkNotModified(page.etag())) {
			return;
		}
		response.setStatus(page.status());
		if (page.contentType() != null) {
			response.setContentType(page.contentType());
		}
		if (page.contentLanguage() != null) {
			response.setHeader(HttpHeaders.CONTENT_LANGUAGE, page.contentLanguage());
		}
		if (page.body().length > 0) {
			response.setContentLength(page.body().length);
			response.getOutputStream().write(page.body());
		}
	}

	/** Weak, so that Tomcat still compresses the answer (it leaves strongly validated ones alone). */
	private static String etag(byte[] body) {
		CRC32 crc = new CRC32();
		crc.update(body);
		return "W/\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"";
	}

	void clear() {
		synchronized (this.pages) {
			this.pages.clear();
		}
	}

	int size() {
		synchronized (this.pages) {
			return this.pages.size();
		}
	}

}
