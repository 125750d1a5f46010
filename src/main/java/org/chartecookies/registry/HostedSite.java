package org.chartecookies.registry;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One site this deployment serves: its registry as it was loaded at one moment. Equal only to itself (no
 * {@code equals} by value): a registry loaded again is another {@code HostedSite}, so that nothing kept for the old
 * one (a rendering, a banner) is ever served for the new one, and comparing two of them costs nothing.
 */
public final class HostedSite {

	private final String id;

	private final CookieRegistry registry;

	HostedSite(String id, CookieRegistry registry) {
		this.id = id;
		this.registry = registry;
	}

	/** The site's name in records, metrics and logs: its registry file's name without {@code .yaml}. */
	public String id() {
		return this.id;
	}

	public CookieRegistry registry() {
		return this.registry;
	}

	public SiteSummary summary() {
		return this.registry.summary();
	}

	/** The {@code Domain} of the site's consent cookie, or null when the registry does not say. */
	public @Nullable String cookieDomain() {
		return this.registry.site().cookieDomain();
	}

	/** Origins allowed to post this site's decisions from elsewhere (lower-case). */
	public List<String> trustedOrigins() {
		return this.registry.site().trustedOrigins();
	}

	@Override
	public String toString() {
		return this.id + " (revision " + this.registry.revision() + ")";
	}

}
