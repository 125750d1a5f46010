package org.chartecookies.consent;

import java.util.Locale;

import org.chartecookies.registry.HostedSite;

/**
 * Everything a page's rendering depends on, worked out once per request: the site (its registry as loaded at one
 * moment), the page (where the banner sends the visitor back to), its {@code cookies} switch, the language and the
 * visitor's consent state. It is the key of the page cache, so it holds nothing that differs between visitors who
 * should see the same bytes, and everything that differs between sites.
 *
 * @param site the request's site, equal only to itself: a registry loaded again is another site, another key
 * @param path the page's same-origin path (and query, for an embedding page), without the switch
 * @param banner what the switch asks of the banner
 * @param language the page's language
 * @param consent the visitor's consent, as pages show it
 */
public record PageContext(HostedSite site, String path, BannerSwitch banner, Locale language, ConsentState consent) {

	/** The same context on another page. */
	PageContext at(String otherPath) {
		return new PageContext(this.site, otherPath, this.banner, this.language, this.consent);
	}

	/** This page with the banner's choices open ("Gérer mes cookies"). */
	public String manageUrl() {
		return ReturnPath.withSwitch(this.path, BannerSwitch.MANAGE);
	}

}
