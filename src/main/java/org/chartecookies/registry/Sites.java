package org.chartecookies.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * The sites this deployment serves, found by the host a request was made to, in constant time (one map lookup).
 *
 * <p>One registry file ({@code charte.registry.location}) is one site answering every host. A folder
 * ({@code charte.registry.folder}) holds one file per site, each answering the host names it lists; a host no site
 * lists gets the default site ({@code charte.registry.default-site}) or none (a 404).
 * The folder is read again by {@link #reload} (on a file system event, at each poll, or asked by the operator): a
 * file that changed is loaded again, and replaces the version served only if it is valid; otherwise its last good
 * version stays and the problem (file, entry, line) is kept for the log and the health details until it is fixed.
 * What requests see is one immutable catalogue, swapped whole.
 */
public class Sites {

	/** A site as loaded from its file (its name in the folder), and the digest of the bytes it was loaded from. */
	record Loaded(HostedSite site, String file, String digest) {
	}

	/**
	 * What requests see: each host's site, each file's site, the site of hosts no site lists, and each file's
	 * problem.
	 */
	record Catalogue(Map<String, HostedSite> byHost, Map<String, Loaded> byFile, @Nullable HostedSite fallback,
			Map<String, String> problems) {
	}

	private final @Nullable Path folder;

	private final @Nullable String defaultSite;

	private final @Nullable RegistryLoader loader;

	/** The sites served whose file is gone (changed by {@link #reload} only, read under the same lock). */
	private final RemovalGrace vanished;

	private volatile Catalogue catalogue;

	private Sites(@Nullable Path folder, @Nullable String defaultSite, @Nullable RegistryLoader loader,
			Duration removalGrace, InstantSource clock, Catalogue catalogue) {
		this.folder = folder;
		this.defaultSite = defaultSite;
		this.loader = loader;
		this.vanished = new RemovalGrace(removalGrace, clock);
		this.catalogue = catalogue;
	}

	/**
	 * The sites of the registry the properties name ({@code charte.registry.location} or {@code .folder}), read now
	 * without watching the folder: for the commands that run instead of the application (the audit).
	 * @throws InvalidRegistryException when the registry cannot be used, with the start-up's message
	 */
	public static Sites load(RegistryProperties properties, ResourceLoader resourceLoader, Validator validator) {
		return RegistryConfiguration.sites(properties, resourceLoader, validator);
	}

	/** One site, answering every host: the single registry file. */
	public static Sites single(String id, CookieRegistry registry) {
		HostedSite site = new HostedSite(id, registry);
		return new Sites(null, null, null, Duration.ZERO, InstantSource.system(),
				new Catalogue(Map.of(), Map.of(id, new Loaded(site, id, "")), site, Map.of()));
	}

	/**
	 * The sites of a folder, read now. Start-up stops ({@link InvalidRegistryException}) when the folder cannot be read,
	 * when no file in it is valid, or when the default site is not among the valid ones; otherwise each invalid file is
	 * reported and left out until it is fixed.
	 */
	static Sites folder(Path folder, @Nullable String defaultSite, RegistryLoader loader) {
		return folder(folder, defaultSite, loader, Duration.ZERO, InstantSource.system());
	}

	/**
	 * The sites of a folder, read now; a site whose file is gone stays served for {@code removalGrace} (as measured by
	 * {@code clock}), so that a file deleted and created again is one change.
	 */
	static Sites folder(Path folder, @Nullable String defaultSite, RegistryLoader loader, Duration removalGrace,
			InstantSource clock) {
		if (!Files.isDirectory(folder)) {
			throw new InvalidRegistryException(folder.toString(), "the folder does not exist or is not a folder");
		}
		Sites sites = new Sites(folder, defaultSite, loader, removalGrace, clock,
				new Catalogue(Map.of(), Map.of(), null, Map.of()));
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

	/**
	 * How long until a site whose file is gone is removed, for the watch to read the folder again then; null when no
	 * such site waits.
	 */
	synchronized @Nullable Duration untilRemoval() {
		return this.vanished.untilRemoval();
	}

	/**
	 * The default site ({@code charte.registry.default-site}) as the operator should know it: served as its file
	 * stands, served in its last good version (and why), served for a moment more while its file is gone, or not
	 * served (hosts no site lists then get a 404). Null without a default site.
	 */
	synchronized @Nullable String defaultSiteState() {
		String id = this.defaultSite;
		if (id == null) {
			return null;
		}
		Catalogue current = this.catalogue;
		List<String> problems = current.problems()
			.entrySet()
			.stream()
			.filter((problem) -> StringUtils.stripFilenameExtension(problem.getKey()).equals(id))
			.map(Map.Entry::getValue)
			.toList();
		if (current.fallback() == null) {
			return "not served: hosts no site lists get a 404 ("
					+ (problems.isEmpty() ? "its file " + id + ".yaml is gone" : String.join("; ", problems)) + ")";
		}
		if (this.vanished.waits(id)) {
			return "served for a moment more: its file is gone (removed after " + this.vanished.grace().toMillis()
					+ " ms unless it comes back)";
		}
		return problems.isEmpty() ? "served" : "served in its last good version: " + String.join("; ", problems);
	}

	/** Where the sites are read from: the folder, or none for a single registry file. */
	@Nullable Path folder() {
		return this.folder;
	}

	/**
	 * Reads the folder again, as the operator asks: files added, changed or removed since take effect now (a removal
	 * too, without its grace period); an invalid file keeps its last good version. Nothing to do for a single registry
	 * file.
	 */
	public void reload() {
		reload((file) -> false, false);
	}

	/**
	 * Reads the folder again, as the watch does, except the files named in {@code settling} (being written: the watch
	 * saw them change a moment ago), whose sites stay as they are served until the files have settled. A site whose
	 * file is gone stays served for the removal grace period, then is removed.
	 */
	void reload(Set<String> settling) {
		reload(settling::contains, true);
	}

	/**
	 * Reads the folder's list of files, none of the files themselves, as the watch does while it cannot see the folder
	 * (removed, replaced): a file that appears may still be being written. Sites whose file is gone go when their
	 * grace period ends, and a folder that cannot be read is reported, as by {@link #reload(Set)}.
	 */
	void reloadListOnly() {
		reload((file) -> true, true);
	}

	private synchronized void reload(Predicate<String> settling, boolean graced) {
		Path from = this.folder;
		RegistryLoader registryLoader = this.loader;
		if (from == null || registryLoader == null) {
			return;
		}
		Catalogue before = this.catalogue;
		Map<String, String> problems = new TreeMap<>();
		Map<String, Loaded> files = new TreeMap<>();
		List<Path> registryFiles = registryFiles(from, problems);
		if (registryFiles.isEmpty() && problems.isEmpty()) {
			problems.put(from.toString(), "Cookie registry folder " + from + " holds no registry file (a volume not"
					+ " mounted, a folder replaced?): the sites served stay served until one is back");
		}
		if (!problems.isEmpty() && !before.byFile().isEmpty()) {
			// The folder itself cannot be read, or is empty (moved away for a moment, a mount lost): what is served
			// stays served.
			Map<String, String> kept = new TreeMap<>(before.problems());
			kept.putAll(problems);
			Catalogue after = new Catalogue(before.byHost(), before.byFile(), before.fallback(),
					Collections.unmodifiableMap(kept));
			this.catalogue = after;
			SiteChanges.report(before, after, this.folder, this.defaultSite);
			return;
		}
		Map<String, List<Path>> byId = new TreeMap<>();
		for (Path file : registryFiles) {
			byId.computeIfAbsent(StringUtils.stripFilenameExtension(file.getFileName().toString()),
					(id) -> new ArrayList<>())
				.add(file);
		}
		for (Map.Entry<String, List<Path>> claimed : byId.entrySet()) {
			String id = claimed.getKey();
			Loaded previous = before.byFile().get(id);
			Path file = claimed.getValue().get(0);
			String name = file.getFileName().toString();
			if (!id.matches(RegistryProperties.SITE_ID_PATTERN)) {
				claimed.getValue().forEach((each) -> problems.put(each.getFileName().toString(), "Cookie registry " + each
						+ ": the file's name is the site's id and must be lower-case letters, digits, dots, dashes and"
						+ " underscores (at most 64), such as shop.example.yaml"));
				continue;
			}
			if (claimed.getValue().size() > 1) {
				// x.yaml beside x.yml: the one served stays served, the other is refused; when none is, neither is.
				List<String> names = claimed.getValue().stream().map((each) -> each.getFileName().toString()).toList();
				String served = (previous != null && names.contains(previous.file())) ? previous.file() : null;
				for (String each : names) {
					if (!each.equals(served)) {
						problems.put(each, "Cookie registry " + from.resolve(each) + ": the site '" + id + "' has two files, "
								+ String.join(" and ", names) + ": a site has one file; remove one"
								+ ((served != null) ? " (" + served + " stays served)" : ""));
					}
				}
				if (served == null) {
					continue;
				}
				file = from.resolve(served);
				name = served;
			}
			if (settling.test(name)) {
				// Being written: read once it has settled; until then the site stays as it is served.
				keep(previous, id, files);
				continue;
			}
			try {
				Loaded read = RegistryFile.read(from, file, id, previous, registryLoader);
				// Null: the file grew while it was read, and is read again next time.
				keep((read != null) ? read : previous, id, files);
			}
			catch (InvalidRegistryException ex) {
				problems.put(name, ex.getMessage());
				keep(previous, id, files);
			}
		}
		this.vanished.keep(before.byFile(), byId.keySet(), graced, files);
		Catalogue after = SiteClashes.place(files, before, this.defaultSite, from, problems);
		this.catalogue = after;
		SiteChanges.report(before, after, this.folder, this.defaultSite);
	}

	private static void keep(@Nullable Loaded previous, String id, Map<String, Loaded> files) {
		if (previous != null) {
			files.put(id, previous);
		}
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

	@Override
	public String toString() {
		return "Sites " + this.catalogue.byFile().keySet();
	}

}
