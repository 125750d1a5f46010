package org.chartecookies.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Cross-origin resource sharing, with credentials, for the banner and the consent endpoint ({@link #PATHS}) and for
 * the trusted origins only: the deployment's ({@code charte.security.trusted-origins}) and those of the request's
 * site ({@link SiteOrigins}). So a page of a sibling origin ({@code https://www.example.org}, the charter on
 * {@code https://cookies.example.org}) can fetch the banner and post a decision with the banner script; any other
 * origin gets no sharing (the browser hides the answer from its script) and its posts stay refused by
 * {@link CrossOriginProtection}. Spring's {@code CorsFilter} applies it.
 */
class TrustedOriginSharing implements CorsConfigurationSource {

	/** The addresses shared, as the filter is registered for them. */
	static final List<String> PATHS = List.of("/cookies/banner", "/cookies/consent");

	private final Set<String> trustedOrigins;

	private final @Nullable SiteOrigins siteOrigins;

	TrustedOriginSharing(Set<String> trustedOrigins, @Nullable SiteOrigins siteOrigins) {
		this.trustedOrigins = trustedOrigins;
		this.siteOrigins = siteOrigins;
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin == null || origin.equals("null")) {
			return null;
		}
		String named = origin.toLowerCase(Locale.ROOT);
		if (!this.trustedOrigins.contains(named)
				&& (this.siteOrigins == null || !this.siteOrigins.of(request).contains(named))) {
			return null;
		}
		CorsConfiguration sharing = new CorsConfiguration();
		sharing.addAllowedOrigin(origin);
		sharing.setAllowCredentials(true);
		sharing.setAllowedMethods(List.of("GET", "HEAD", "POST"));
		sharing.setAllowedHeaders(List.of(HttpHeaders.ACCEPT, HttpHeaders.CONTENT_TYPE));
		sharing.setMaxAge(600L);
		return sharing;
	}

}
