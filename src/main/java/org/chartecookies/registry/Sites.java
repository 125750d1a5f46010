package org.chartecookies.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;

/**
 * The sites this deployment serves, found by the host a request was made to, in constant time (one map lookup).
 *
 * <p>One registry file ({@code charte.registry.location}) is one site answering every host. A folder
 * ({@code charte.registry.folder}) holds one file per site, each answering the host names it lists; a host no site
 * lists gets the default site ({@code charte.registry.default-site}) or none ({@link UnknownSiteException}, a 404).
 * The folder is read again by {@link #reload} (on a file system event, at each poll, or asked by the operator): a
 * file that changed is loaded again, and replaces the version served only if it is valid; otherwise its last good
 * version stays and the problem (file, entry, line) is kept for the log and the health details until it is fixed.
 * What requests see is one immutable catalogue, swapped whole.
 */
public class Sites {

	private static final Log logger = LogFactory.getLog(Sites.class);

	private static final String ATTRIBUTE = HostedSite.class.getName();

	/** A registry is a few kilobytes; a file far larger is a mistake, and is not read into memory. */
	static final long MOST_BYTES = 16L * 1024 * 1024;

	/** A site as loaded from its file, and the digest of the bytes it was loaded from. */
	private record Loaded(HostedSite site, String digest) {
	}

	/**
	 * What requests see: each host's site, each file's site, the site of hosts no site lists, and each file's
	 * problem.
	 */
	private record Catalogue(Map<String, HostedSite> byHost, Map<String, Loaded> byFile, @Nullable HostedSite fallback,
			Map<String, String> problems) {
	}

	private final @Nullable Path folder;

	private final @Nullable String defaultSite;

	private final @Nullable RegistryLoader loader;

	private volatile Catalogue catalogue;

	private Sites(@Nullable Path folder, @Nullable String defaultSite, @Nullable RegistryLoader loader,
			Catalogue catalogue) {
		this.folder = folder;
		this.defaultSite = defaultSite;
		this.loader = loader;
		this.catalogue = catalogue;
	}

	/** One site, answering every host: the single registry file. */
	public static Sites single(String id, CookieRegistry registry) {
		HostedSite site = new HostedSite(id, registry);
		return new Sites(null, null, null,
				new Catalogue(Map.of(), Map.of(id, new Loaded(site, "")), site, Map.of()));
	}

	/**
	 * The sites of a folder, read now. Start-up stops ({@link InvalidRegistryException}) when the folder cannot be read,
	 * when no file in it is valid, or when the default site is not among the valid ones; otherwise each invalid file is
	 * reported and left out until it is fixed.
	 */
	static Sites folder(Path folder, @Nullable String defaultSite, RegistryLoader loader) {
		if (!Files.isDirectory(folder)) {
			throw new InvalidRegistryException(folder.toString(), "the folder does not exist or is not a folder");
		}
		Sites sites = new Sites(folder, defaultSite, loader, new Catalogue(Map.of(), Map.of(), null, Map.of()));
		sites.reload();
		Catalogue loaded = sites.catalogue;
		if (loaded.byFile().isEmpty()) {
			throw new InvalidRegistryException(folder.toString(), loaded.problems().isEmpty()
					? "the folder holds no registry file (*.yaml, *.yml)"
					: "no valid registry file: " + String.join("; ", loaded.problems()
						.values()
						.stream()
						.map((problem) -> problem.replaceFirst("^Cookie registry ", ""))
						.toList()));
		}
		if (defaultSite != null && loaded.fallback() == null) {
			throw new InvalidRegistryException(folder.toString(), "the default site '" + defaultSite
					+ "' (charte.registry.default-site) is not a valid registry file of the folder ("
					+ String.join(", ", loaded.byFile().keySet()) + ")");
		}
		return sites;
	}

	/** The site of a request, worked out once per request from its host (as the trusted proxy forwards it). */
	public HostedSite of(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof HostedSite known) {
			return known;
		}
		HostedSite site = forHost(request.getServerName());
		if (site == null) {
			throw new UnknownSiteException(String.valueOf(request.getServerName()));
		}
		request.setAttribute(ATTRIBUTE, site);
		return site;
	}

	/** The site of a request, or none when no site answers for its host. */
	public @Nullable HostedSite find(HttpServletRequest request) {
		try {
			return of(request);
		}
		catch (UnknownSiteException ex) {
			return null;
		}
	}

	/** The site answering a host name (any case, a trailing dot ignored), else the default site, else none. */
	public @Nullable HostedSite forHost(@Nullable String host) {
		Catalogue current = this.catalogue;
		if (host != null) {
			String name = host.toLowerCase(Locale.ROOT);
			HostedSite site = current.byHost().get(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
			if (site != null) {
				return site;
			}
		}
		return current.fallback();
	}

	/** The sites served now, by id. */
	public Collection<HostedSite> all() {
		return this.catalogue.byFile().values().stream().map(Loaded::site).toList();
	}

	/** What is wrong with each registry file that is not served as it stands, by file name (empty when all is well). */
	public Map<String, String> problems() {
		return this.catalogue.problems();
	}

	/** Where the sites are read from: the folder, or none for a single registry file. */
	@Nullable Path folder() {
		return this.folder;
	}

	/**
	 * Reads the folder again: files added, changed or removed since take effect now; an invalid file keeps its last
	 * good version. Nothing to do for a single registry file.
	 */
	public synchronized void reload() {
		Path from = this.folder;
		RegistryLoader registryLoader = this.loader;
		if (from == null || registryLoader == null) {
			return;
		}
		Catalogue before = this.catalogue;
		Map<String, String> problems = new TreeMap<>();
		Map<String, Loaded> files = new TreeMap<>();
		List<Path> registryFiles = registryFiles(from, problems);
		if (!problems.isEmpty() && !before.byFile().isEmpty()) {
			// The folder itself cannot be read (moved away for a moment, a mount lost): what is served stays served.
			Map<String, String> kept = new TreeMap<>(before.problems());
			kept.putAll(problems);
			Catalogue after = new Catalogue(before.byHost(), before.byFile(), before.fallback(),
					Collections.unmodifiableMap(kept));
			this.catalogue = after;
			report(before, after);
			return;
		}
		for (Path file : registryFiles) {
			String name = file.getFileName().toString();
			String id = name.substring(0, name.lastIndexOf('.'));
			Loaded previous = before.byFile().get(id);
			if (!id.matches(RegistryProperties.SITE_ID_PATTERN)) {
				problems.put(name, "Cookie registry " + file + ": the file's name is the site's id and must be lower-case"
						+ " letters, digits, dots, dashes and underscores (at most 64), such as shop.example.yaml");
				continue;
			}
			if (files.containsKey(id)) {
				problems.put(name, "Cookie registry " + file + ": the site '" + id + "' has another file already"
						+ " (.yaml and .yml): remove one");
				continue;
			}
			try {
				long size = Files.size(file);
				if (size > MOST_BYTES) {
					problems.put(name, "Cookie registry " + file + ": the file holds " + size + " bytes, more than the "
							+ MOST_BYTES + " a registry may hold");
					keep(previous, id, files);
					continue;
				}
				byte[] bytes = Files.readAllBytes(file);
				String digest = digest(bytes);
				if (previous != null && previous.digest().equals(digest)) {
					files.put(id, previous);
					continue;
				}
				CookieRegistry registry = registryLoader.load(new FileSystemResource(file));
				files.put(id, new Loaded(new HostedSite(id, registry), digest));
			}
			catch (IOException ex) {
				problems.put(name, "Cookie registry " + file + ": the file cannot be read: " + ex.getMessage());
				keep(previous, id, files);
			}
			catch (InvalidRegistryException ex) {
				problems.put(name, ex.getMessage());
				keep(previous, id, files);
			}
		}
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
		for (Loaded loaded : order) {
			Loaded chosen = loaded;
			String clash = clash(loaded.site(), byHost, byCookieDomain);
			Loaded previous = before.byFile().get(loaded.site().id());
			if (clash != null) {
				problems.put(loaded.site().id() + ".yaml",
						"Cookie registry " + from.resolve(loaded.site().id()) + ".yaml: " + clash);
				chosen = (previous != null && previous != loaded
						&& clash(previous.site(), byHost, byCookieDomain) == null) ? previous : null;
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
		HostedSite fallback = (this.defaultSite != null && served.containsKey(this.defaultSite))
				? served.get(this.defaultSite).site() : null;
		Catalogue after = new Catalogue(Map.copyOf(byHost), Collections.unmodifiableMap(served), fallback,
				Collections.unmodifiableMap(problems));
		this.catalogue = after;
		report(before, after);
	}

	private static void keep(@Nullable Loaded previous, String id, Map<String, Loaded> files) {
		if (previous != null) {
			files.put(id, previous);
		}
	}

	/**
	 * What keeps a site from being served beside the sites already taken, said for the operator; null if nothing: one of
	 * its hosts is another site's, or its consent cookie and another site's would reach each other's hosts (a cookie
	 * set with {@code Domain=example.org} is sent to every host under it), so that a decision on one could count on
	 * the other.
	 */
	private static @Nullable String clash(HostedSite site, Map<String, HostedSite> byHost,
			Map<String, HostedSite> byCookieDomain) {
		for (String host : site.registry().site().hosts()) {
			HostedSite other = byHost.get(host);
			if (other != null && other != site) {
				return "site.hosts: '" + host + "' is a host of the site '" + other.id()
						+ "' already: a host answers for one site only";
			}
			for (String domain = host; domain != null; domain = parent(domain)) {
				HostedSite sharing = byCookieDomain.get(domain);
				if (sharing != null && sharing != site) {
					return "site.hosts: '" + host + "' would receive the consent cookie of the site '" + sharing.id()
							+ "' (its cookieDomain is " + domain + "): a decision there would count here";
				}
			}
		}
		String own = cookieDomain(site);
		if (own != null) {
			for (Map.Entry<String, HostedSite> host : byHost.entrySet()) {
				if (host.getValue() != site && (host.getKey().equals(own) || host.getKey().endsWith("." + own))) {
					return "site.cookieDomain: " + own + " would send this site's consent cookie to '" + host.getKey()
							+ "', a host of the site '" + host.getValue().id() + "': a decision here would count there";
				}
			}
		}
		return null;
	}

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

	private static List<Path> registryFiles(Path folder, Map<String, String> problems) {
		try (Stream<Path> listed = Files.list(folder)) {
			return listed.filter((path) -> {
				String name = path.getFileName().toString();
				// Hidden files are an editor's or a config map's (..data): never a site.
				return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"))
						&& Files.isRegularFile(path);
			}).sorted().toList();
		}
		catch (IOException ex) {
			problems.put(folder.toString(), "Cookie registry folder " + folder + " cannot be read: " + ex.getMessage());
			return List.of();
		}
	}

	private static String digest(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/** Says what changed: a site loaded, changed or removed (INFO), a new problem (ERROR), a problem fixed (INFO). */
	private void report(Catalogue before, Catalogue after) {
		// At start-up, a large folder gets one line rather than one per site.
		boolean summed = before.byFile().isEmpty() && after.byFile().size() > 10;
		if (summed) {
			logger.info("Cookie registry folder " + this.folder + ": " + after.byFile().size() + " sites loaded");
		}
		for (Loaded loaded : summed ? List.<Loaded>of() : after.byFile().values()) {
			Loaded previous = before.byFile().get(loaded.site().id());
			if (previous == null || previous.site() != loaded.site()) {
				logger.info("Cookie registry: site " + loaded.site() + ((previous == null) ? " loaded" : " reloaded")
						+ ", hosts " + loaded.site().registry().site().hosts());
			}
		}
		for (String id : before.byFile().keySet()) {
			if (!after.byFile().containsKey(id)) {
				logger.info("Cookie registry: site " + id + " removed (its file is gone)");
			}
		}
		after.problems().forEach((file, problem) -> {
			if (!Objects.equals(before.problems().get(file), problem)) {
				logger.error(problem + ((after.byFile().containsKey(stem(file))) ? " (the last good version is served)"
						: " (the site is not served)"));
			}
		});
		for (String file : before.problems().keySet()) {
			if (!after.problems().containsKey(file)) {
				logger.info("Cookie registry: " + file + " is valid again");
			}
		}
		if (this.defaultSite != null && after.fallback() == null && before.fallback() != null) {
			logger.error("Cookie registry: the default site '" + this.defaultSite
					+ "' is no longer served: hosts no site lists now get a 404");
		}
	}

	private static String stem(String file) {
		int dot = file.lastIndexOf('.');
		return (dot < 0) ? file : file.substring(0, dot);
	}

	@Override
	public String toString() {
		List<String> ids = new ArrayList<>(this.catalogue.byFile().keySet());
		return "Sites " + ids;
	}

}
