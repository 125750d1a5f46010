package org.chartecookies.registry;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * What every page says of the site: its name and address, the registry revision decisions answer, and the version of
 * its own palette ({@code /cookies/palette.css}), if it has one.
 */
public record SiteSummary(String name, URI url, int revision, @Nullable String palette) {

	public SiteSummary(String name, URI url, int revision) {
		this(name, url, revision, null);
	}

	/**
	 * The site's origin ({@code https://www.example.org}), where the charter is served too (behind the platform's
	 * proxy, see the README's "Embedding"): the base of the page's absolute links (its language alternates).
	 */
	public String origin() {
		return this.url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + this.url.getRawAuthority();
	}

}
