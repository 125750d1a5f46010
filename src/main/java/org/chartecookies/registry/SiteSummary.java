package org.chartecookies.registry;

import java.net.URI;

/**
 * What every page says of the site: its name and address, and the registry revision decisions answer.
 */
public record SiteSummary(String name, URI url, int revision) {

	/**
	 * The site's origin ({@code https://www.example.org}), where the charter is served too (behind the platform's
	 * proxy, see the README's "Embedding"): the base of the page's absolute links (its language alternates).
	 */
	public String origin() {
		return this.url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + this.url.getRawAuthority();
	}

}
