package org.chartecookies.admin;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The names people read for the ids records keep: a site's name for its id, a category's title for its id, in the
 * page's language, from the registries served now. An id no registry knows any more (a site removed, a category
 * renamed) is shown as it is.
 */
@Component
class RegistryTitles {

	private final Sites sites;

	RegistryTitles(Sites sites) {
		this.sites = sites;
	}

	/** The site's name ({@code Opendatasoft}) for its id ({@code cookies}). */
	public String site(String id) {
		return this.sites.all()
			.stream()
			.filter((hosted) -> hosted.id().equals(id))
			.findFirst()
			.map((hosted) -> hosted.registry().site().name())
			.orElse(id);
	}

	/** The category's title in the site named, else in the first site that declares it. */
	public String category(String id, @Nullable String site, Locale locale) {
		return sitesFirst(site).stream()
			.flatMap((hosted) -> hosted.registry().category(id).stream())
			.findFirst()
			.map((category) -> category.title().text(locale))
			.orElse(id);
	}

	/** The optional categories of the site named, or of every site, by id, with their titles. */
	Map<String, String> optionalCategories(@Nullable String site, Locale locale) {
		Map<String, String> titles = new LinkedHashMap<>();
		for (HostedSite hosted : sitesFirst(site)) {
			if (site == null || hosted.id().equals(site)) {
				for (CookieCategory category : hosted.registry().optionalCategories()) {
					titles.putIfAbsent(category.id(), category.title().text(locale));
				}
			}
		}
		return titles;
	}

	private List<HostedSite> sitesFirst(@Nullable String site) {
		return this.sites.all()
			.stream()
			.sorted(Comparator.comparing((HostedSite hosted) -> !hosted.id().equals(site))
				.thenComparing(HostedSite::id))
			.toList();
	}

}
