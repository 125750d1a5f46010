package org.chartecookies.site;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A request's site, worked out once per request from its host (as the trusted proxy forwards it), so that everything
 * a request does sees one site even while the registry folder is being reloaded. Handlers get it as an argument
 * ({@link SiteConfiguration}).
 */
@Component
public class RequestSites {

	private static final String ATTRIBUTE = HostedSite.class.getName();

	private final Sites sites;

	public RequestSites(Sites sites) {
		this.sites = sites;
	}

	/** The request's site; {@link UnknownSiteException} when no site answers for its host. */
	public HostedSite of(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof HostedSite known) {
			return known;
		}
		HostedSite site = this.sites.forHost(request.getServerName());
		if (site == null) {
			throw new UnknownSiteException(String.valueOf(request.getServerName()));
		}
		request.setAttribute(ATTRIBUTE, site);
		return site;
	}

	/** The request's site, or none when no site answers for its host. */
	public @Nullable HostedSite find(HttpServletRequest request) {
		try {
			return of(request);
		}
		catch (UnknownSiteException ex) {
			return null;
		}
	}

}
