package org.chartecookies.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The pages of the site the back office's audit scans ({@code audit: pages:} in the registry, docs/audit.md): in the
 * registry rather than in a property because they belong to one site, are checked against that site's own hosts,
 * and change with it (a folder of sites is watched: no restart).
 *
 * @param pages absolute {@code http} or {@code https} addresses on the site's hosts ({@code site.hosts}, or the host
 * of {@code site.url})
 */
public record AuditPages(List<String> pages) {

	/** No page: the site cannot be audited from the back office. */
	public static final AuditPages NONE = new AuditPages(List.of());

	public AuditPages {
		// Null-tolerant, as the registry's lists: an empty item must reach the rules, by its place.
		pages = (pages != null) ? Collections.unmodifiableList(new ArrayList<>(pages)) : List.of();
	}

	/** The pages as addresses (each checked by the registry's rules when it was read). */
	public List<URI> addresses() {
		return this.pages.stream().map(URI::create).toList();
	}

	/** What is wrong with one page for this site, or null when nothing is. */
	static @Nullable String problem(@Nullable String page, Site site) {
		if (page == null || page.isBlank()) {
			return "an empty page";
		}
		URI address;
		try {
			address = new URI(page.strip());
		}
		catch (URISyntaxException ex) {
			return "not an address: " + page + " (" + ex.getReason() + ")";
		}
		String scheme = (address.getScheme() != null) ? address.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || address.getHost() == null) {
			return "not an absolute http or https address such as https://www.example.org/search: " + page;
		}
		if (address.getRawUserInfo() != null) {
			return "an address with a user name or password is not scanned: " + page;
		}
		String host = address.getHost().toLowerCase(Locale.ROOT);
		List<String> hosts = hosts(site);
		if (!hosts.contains(host)) {
			return page + " is not on a host of this site (" + String.join(", ", hosts)
					+ ": site.hosts and the host of site.url)";
		}
		return null;
	}

	/** The hosts the operator names for the site: its address's (checked to have one first), and its {@code hosts}. */
	static List<String> hosts(Site site) {
		List<String> hosts = new ArrayList<>();
		hosts.add(site.url().getHost().toLowerCase(Locale.ROOT));
		site.hosts().stream().filter((host) -> host != null && !hosts.contains(host)).forEach(hosts::add);
		return hosts;
	}

}
