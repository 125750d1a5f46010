package org.chartecookies.web;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;
import org.springframework.web.servlet.support.RequestContext;

/**
 * The request a cached page is rendered against: the application's own wiring (its context, the resource URLs) and
 * the page's language, and nothing the client sent. No headers, cookies, parameters, query, body, session, user or
 * client address; request attributes only those Spring's view rendering needs. Attributes set while rendering stay
 * here.
 */
final class CleanRoomRequest extends HttpServletRequestWrapper {

	/** What view rendering reads of the request's attributes: the application context. */
	private static final Set<String> WIRING = Set.of(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE,
			RequestContext.WEB_APPLICATION_CONTEXT_ATTRIBUTE);

	private final Locale language;

	private final FixedLocaleResolver languages;

	private final Map<String, Object> attributes = new HashMap<>();

	CleanRoomRequest(HttpServletRequest request, Locale language) {
		super(request);
		this.language = language;
		this.languages = new FixedLocaleResolver(language);
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		if (this.attributes.containsKey(name)) {
			return this.attributes.get(name);
		}
		if (DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE.equals(name)) {
			return this.languages;
		}
		return (WIRING.contains(name) || name.startsWith("org.thymeleaf.")) ? super.getAttribute(name) : null;
	}

	@Override
	public Enumeration<String> getAttributeNames() {
		Set<String> names = new LinkedHashSet<>(this.attributes.keySet());
		names.add(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE);
		for (Enumeration<String> all = super.getAttributeNames(); all.hasMoreElements();) {
			String name = all.nextElement();
			if (getAttribute(name) != null) {
				names.add(name);
			}
		}
		return Collections.enumeration(names);
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		if (value == null) {
			this.attributes.remove(name);
		}
		else {
			this.attributes.put(name, value);
		}
	}

	@Override
	public void removeAttribute(String name) {
		this.attributes.remove(name);
	}

	@Override
	public Locale getLocale() {
		return this.language;
	}

	@Override
	public Enumeration<Locale> getLocales() {
		return Collections.enumeration(List.of(this.language));
	}

	@Override
	public @Nullable String getHeader(String name) {
		return null;
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return Collections.emptyEnumeration();
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		return Collections.emptyEnumeration();
	}

	@Override
	public int getIntHeader(String name) {
		return -1;
	}

	@Override
	public long getDateHeader(String name) {
		return -1;
	}

	@Override
	public Cookie @Nullable [] getCookies() {
		return null;
	}

	@Override
	public @Nullable String getQueryString() {
		return null;
	}

	@Override
	public @Nullable String getParameter(String name) {
		return null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return Map.of();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.emptyEnumeration();
	}

	@Override
	public String @Nullable [] getParameterValues(String name) {
		return null;
	}

	@Override
	public ServletInputStream getInputStream() {
		throw new IllegalStateException("A cached page is rendered without the request's body");
	}

	@Override
	public BufferedReader getReader() {
		return new BufferedReader(new StringReader(""));
	}

	@Override
	public @Nullable HttpSession getSession(boolean create) {
		if (create) {
			throw new IllegalStateException("A cached page is rendered without a session");
		}
		return null;
	}

	@Override
	public @Nullable HttpSession getSession() {
		return getSession(true);
	}

	@Override
	public @Nullable String getRemoteUser() {
		return null;
	}

	@Override
	public java.security.@Nullable Principal getUserPrincipal() {
		return null;
	}

	@Override
	public String getRemoteAddr() {
		return "0.0.0.0";
	}

	@Override
	public String getRemoteHost() {
		return "0.0.0.0";
	}

	@Override
	public int getRemotePort() {
		return 0;
	}

	@Override
	public @Nullable String getContentType() {
		return null;
	}

	@Override
	public int getContentLength() {
		return -1;
	}

	@Override
	public long getContentLengthLong() {
		return -1;
	}

}
