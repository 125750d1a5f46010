package org.chartecookies.admin;

import java.util.Collection;
import java.util.List;

import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

/**
 * Which site's records a back-office page shows: one of the sites served, or all of them. The choice is offered only
 * when several sites are served (a registry folder); with a single registry every page shows every record, as before.
 *
 * @param choices the ids of the sites served, in order
 * @param site the site chosen, or null for every site
 */
record SiteFilter(List<String> choices, @Nullable String site) {

	/**
	 * The filter a query asks for: {@code site} empty or left out for every site, else the id of a site served (a
	 * site that is not is the client's mistake).
	 */
	static SiteFilter of(@Nullable String site, Collection<String> served) {
		List<String> choices = served.stream().sorted().toList();
		String asked = (site != null) ? site.strip() : "";
		if (asked.isEmpty()) {
			return new SiteFilter(choices, null);
		}
		if (!choices.contains(asked)) {
			throw new AdminRequestException("admin.site.unknown");
		}
		return new SiteFilter(choices, asked);
	}

	/** The filter a query asks for, among the sites served now. */
	static SiteFilter of(@Nullable String site, Sites sites) {
		return of(site, sites.all().stream().map(HostedSite::id).toList());
	}

	/** Whether the pages offer the choice: only with several sites. */
	public boolean offered() {
		return this.choices.size() > 1;
	}

	/** The chosen site's id, or an empty text for every site (what the form's select holds). */
	public String selected() {
		return (this.site != null) ? this.site : "";
	}

}
