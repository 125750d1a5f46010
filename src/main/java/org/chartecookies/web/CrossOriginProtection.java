package org.chartecookies.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses cross-origin state-changing requests without per-user tokens, as Go 1.25's
 * {@code http.CrossOriginProtection} does: safe methods pass; otherwise {@code Sec-Fetch-Site} decides when present
 * ({@code same-origin} or {@code none} pass); without it, an {@code Origin} whose host and port equal the request's
 * passes, and a request with neither header (not from a browser) passes. Trusted origins always pass: the
 * deployment's, and those of the request's site ({@link SiteOrigins}). The request's host and port are those the
 * browser used: as the trusted proxy forwards them ({@code X-Forwarded-Host}, {@code -Proto}, {@code -Port}, applied
 * by Tomcat for the proxies of {@code server.tomcat.remoteip.internal-proxies} only), as the site lookup sees them;
 * from anyone else, forwarded headers change nothing.
 */
class CrossOriginProtection implements HandlerInterceptor {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final Set<String> trustedOrigins;

	private final @Nullable SiteOrigins siteOrigins;

	CrossOriginProtection(Set<String> trustedOrigins) {
		this(trustedOrigins, null);
	}

	CrossOriginProtection(Set<String> trustedOrigins, @Nullable SiteOrigins siteOrigins) {
		this.trustedOrigins = trustedOrigins;
		this.siteOrigins = siteOrigins;
	}

	/**
	 * Checks the requests that come from the client; error pages, forwards and includes pass.
	 */
	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() != DispatcherType.REQUEST || isAllowed(request.getMethod(),
				request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), authority(request))) {
			return true;
		}
		String origin = request.getHeader("Origin");
		if (this.siteOrigins != null && origin != null && !origin.equals("null")
				&& this.siteOrigins.of(request).contains(origin.toLowerCase(Locale.ROOT))) {
			return true;
		}
		throw new ResponseStatusException(HttpStatus.FORBIDDEN, "error.cross-origin");
	}

	boolean isAllowed(String method, @Nullable String secFetchSite, @Nullable String origin, @Nullable String host) {
		if (SAFE_METHODS.contains(method)) {
			return true;
		}
		if (secFetchSite != null && !secFetchSite.isEmpty()) {
			return secFetchSite.equals("same-origin") || secFetchSite.equals("none") || isTrusted(origin);
		}
		if (origin == null || origin.isEmpty()) {
			return true;
		}
		return (host != null && host.equalsIgnoreCase(authority(origin))) || isTrusted(origin);
	}

	/** Opaque origins ("null": sandboxed frames, files) are never trusted, whatever the configuration says. */
	private boolean isTrusted(@Nullable String origin) {
		return origin != null && !origin.equals("null") && this.trustedOrigins.contains(origin.toLowerCase(Locale.ROOT));
	}

	/**
	 * The request's host and port as a Host header names them (the port left out when it is the scheme's default),
	 * after the trusted proxy's forwarded headers were applied.
	 */
	static String authority(HttpServletRequest request) {
		String host = request.getServerName();
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		int port = request.getServerPort();
		String scheme = request.getScheme();
		boolean usual = port <= 0 || (port == 80 && "http".equalsIgnoreCase(scheme))
				|| (port == 443 && "https".equalsIgnoreCase(scheme));
		return usual ? host : host + ":" + port;
	}

	/** The host and port of an origin as they would appear in a Host header, or null for "null" and junk. */
	private static @Nullable String authority(String origin) {
		try {
			URI uri = new URI(origin);
			return (uri.getScheme() != null && uri.getRawAuthority() != null && uri.getRawUserInfo() == null)
					? uri.getRawAuthority() : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
