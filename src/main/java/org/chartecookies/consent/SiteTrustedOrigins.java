package org.chartecookies.consent;

import java.util.Collection;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.site.RequestSites;
import org.chartecookies.web.SiteOrigins;
import org.springframework.stereotype.Component;

/**
 * The origins the request's site trusts to post its decisions ({@code site.trusted-origins} of its registry).
 */
@Component
class SiteTrustedOrigins implements SiteOrigins {

	private final RequestSites sites;

	SiteTrustedOrigins(RequestSites sites) {
		this.sites = sites;
	}

	@Override
	public Collection<String> of(HttpServletRequest request) {
		return this.sites.of(request).trustedOrigins().stream().map((origin) -> origin.toLowerCase(Locale.ROOT)).toList();
	}

}
