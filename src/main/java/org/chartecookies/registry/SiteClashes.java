package org.chartecookies.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.chartecookies.registry.Sites.Catalogue;
import org.chartecookies.registry.Sites.Loaded;
import org.jspecify.annotations.Nullable;

/**
 * The sites of a registry folder placed by their hosts and cookie domains, and the rules that keep two of them apart,
 * each saying for the operator why a site cannot be served: a host claimed by two files, a host of another site,
 * consent cookies that would reach each other's hosts.
 */
final class SiteClashes {

	private SiteClashes() {
	}

	/**
	 * What requests will see of the sites read from the folder ({@code files}, by id): each site placed by its hosts
	 * and cookie domain unless it clashes with another; then the clash joins the {@code problems} found reading the
	 * files (the catalogue's), and the site's version served {@code before} takes its place if that one does not clash.
	 */
	static Catalogue place(Map<String, Loaded> files, Catalogue before, @Nullable String defaultSite, Path folder,
			Map<String, String> problems) {
		Map<String, HostedSite> byHost = new TreeMap<>();
		Map<String, HostedSite> byCookieDomain = new HashMap<>();
		Map<String, Loaded> served = new TreeMap<>();
		// A site served already keeps its hosts: the sites as they were are placed first, then the changed ones, then
		// the new ones, so that a file claiming a host of another site is the one refused, never the site in place.
		List<Loaded> order = new ArrayList<>(files.values());
		order.sort(Comparator.comparingInt((Loaded loaded) -> {
			Loaded previous = before.byFile().get(loaded.site().id());
			return (previous == loaded) ? 0 : (previous != null) ? 1 : 2;
		}));
		Map<String, List<String>> contested = contested(files.values(), before.byHost());
		for (Loaded loaded : order) {
			Loaded chosen = loaded;
			String clash = contest(loaded, contested);
			if (clash == null) {
				clash = clash(loaded.site(), byHost, byCookieDomain, served, defaultSite);
			}
			Loaded previous = before.byFile().get(loaded.site().id());
			if (clash != null) {
				problems.put(loaded.file(), "Cookie registry " + folder.resolve(loaded.file()) + ": " + clash);
				chosen = (previous != null && previous != loaded && contest(previous, contested) == null
						&& clash(previous.site(), byHost, byCookieDomain, served, defaultSite) == null) ? previous : null;
			}
			if (chosen != null) {
				for (String host : chosen.site().registry().site().hosts()) {
					byHost.put(host, chosen.site());
				}
				String domain = cookieDomain(chosen.site());
				if (domain != null) {
					byCookieDomain.put(domain, chosen.site());
				}
				served.put(chosen.site().id(), chosen);
			}
		}
		HostedSite fallback = (defaultSite != null && served.containsKey(defaultSite))
				? served.get(defaultSite).site() : null;
		return new Catalogue(Map.copyOf(byHost), Collections.unmodifiableMap(served), fallback,
				Collections.unmodifiableMap(problems));
	}

	/**
	 * The hosts claimed by files of two sites or more when none of these sites answered for them before (at a start,
	 * none did), with the files claiming each: which site such a host belongs to cannot be known (the file added last
	 * may sort first), so none gets it. A host that one of its claimants served already stays with it.
	 */
	private static Map<String, List<String>> contested(Collection<Loaded> files, Map<String, HostedSite> servedBefore) {
		Map<String, List<Loaded>> claims = new TreeMap<>();
		for (Loaded loaded : files) {
			for (String host : loaded.site().registry().site().hosts()) {
				claims.computeIfAbsent(host, (name) -> new ArrayList<>()).add(loaded);
			}
		}
		Map<String, List<String>> contested = new HashMap<>();
		claims.forEach((host, claimants) -> {
			HostedSite holder = servedBefore.get(host);
			boolean held = holder != null
					&& claimants.stream().anyMatch((loaded) -> loaded.site().id().equals(holder.id()));
			if (claimants.size() > 1 && !held) {
				contested.put(host, claimants.stream().map(Loaded::file).sorted().toList());
			}
		});
		return contested;
	}

	/** Why a site cannot be served because of a host {@link #contested contested}, said for the operator; or null. */
	private static @Nullable String contest(Loaded loaded, Map<String, List<String>> contested) {
		for (String host : loaded.site().registry().site().hosts()) {
			List<String> files = contested.get(host);
			if (files != null) {
				return "site.hosts: '" + host + "' is claimed by " + String.join(" and ", files)
						+ ", and no site answered for it before: which one it belongs to cannot be known, so neither is"
						+ " served until one of these files gives it up";
			}
		}
		return null;
	}

	/**
	 * What keeps a site from being served beside the sites already taken, said for the operator; null if nothing: one of
	 * its hosts is another site's, or its consent cookie and another site's would reach each other's hosts (a cookie
	 * set with {@code Domain=example.org} is sent to every host under it), so that a decision on one could count on
	 * the other. A cookie domain must also cover each of the site's hosts (a browser drops a cookie set for a domain
	 * its host is not under, and the banner would come back for ever), and is refused beside a default site other than
	 * this one: a host under the domain that no site lists answers as the default site, where this site's decision
	 * would count.
	 */
	private static @Nullable String clash(HostedSite site, Map<String, HostedSite> byHost,
			Map<String, HostedSite> byCookieDomain, Map<String, Loaded> served, @Nullable String defaultSite) {
		String own = cookieDomain(site);
		if (own != null) {
			for (String host : site.registry().site().hosts()) {
				String lower = host.toLowerCase(Locale.ROOT);
				if (!lower.equals(own) && !lower.endsWith("." + own)) {
					return "site.cookieDomain: " + own + " does not cover the site's host '" + host
							+ "': browsers would drop the consent cookie there, and the banner would come back for ever";
				}
			}
			if (defaultSite != null && !defaultSite.equals(site.id())) {
				return "site.cookieDomain: " + own + " would send this site's consent cookie to every host under it, and"
						+ " a host no site lists answers as the default site '" + defaultSite + "'"
						+ " (charte.registry.default-site): a decision here would count there; drop the cookieDomain"
						+ " or the default site";
			}
		}
		for (String host : site.registry().site().hosts()) {
			HostedSite other = byHost.get(host);
			if (other != null && other != site) {
				return "site.hosts: '" + host + "' is a host of the site '" + other.id() + "' (" + fileOf(other, served)
						+ ") already: a host answers for one site only";
			}
			for (String domain = host; domain != null; domain = parent(domain)) {
				HostedSite sharing = byCookieDomain.get(domain);
				if (sharing != null && sharing != site) {
					return "site.hosts: '" + host + "' would receive the consent cookie of the site '" + sharing.id()
							+ "' (" + fileOf(sharing, served) + ", its cookieDomain is " + domain
							+ "): a decision there would count here";
				}
			}
		}
		if (own != null) {
			for (Map.Entry<String, HostedSite> host : byHost.entrySet()) {
				if (host.getValue() != site && (host.getKey().equals(own) || host.getKey().endsWith("." + own))) {
					return "site.cookieDomain: " + own + " would send this site's consent cookie to '" + host.getKey()
							+ "', a host of the site '" + host.getValue().id() + "' (" + fileOf(host.getValue(), served)
							+ "): a decision here would count there";
				}
			}
		}
		return null;
	}

	private static String fileOf(HostedSite site, Map<String, Loaded> served) {
		Loaded loaded = served.get(site.id());
		return (loaded != null) ? loaded.file() : site.id() + ".yaml";
	}

	/** A site's cookie domain in lower case without a leading dot, or null. */
	private static @Nullable String cookieDomain(HostedSite site) {
		String domain = site.cookieDomain();
		if (domain == null) {
			return null;
		}
		String lower = domain.toLowerCase(Locale.ROOT);
		return lower.startsWith(".") ? lower.substring(1) : lower;
	}

	/** {@code example.org} for {@code shop.example.org}; null for a name without a dot. */
	private static @Nullable String parent(String domain) {
		int dot = domain.indexOf('.');
		return (dot < 0) ? null : domain.substring(dot + 1);
	}

}
