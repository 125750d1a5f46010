package org.chartecookies.audit;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

/**
 * One audit: the pages named checked first (addresses, hosts the registry's sites answer, the limit), then one
 * Chromium for the scan, then the findings and suggestions of each site against its own registry.
 */
final class Audit {

	private final AuditProperties properties;

	private final Sites sites;

	private final ConsentPresets presets;

	private final @Nullable String pathVariable;

	Audit(AuditProperties properties, Sites sites, ConsentPresets presets, @Nullable String pathVariable) {
		this.properties = properties;
		this.sites = sites;
		this.presets = presets;
		this.pathVariable = pathVariable;
	}

	/** The pages to scan, each once, in the order given; a page that cannot be scanned stops the audit before it starts. */
	List<URI> pages() throws AuditException {
		Set<URI> pages = new LinkedHashSet<>();
		for (String text : this.properties.pages()) {
			if (!text.isBlank()) {
				pages.add(page(text.strip()));
			}
		}
		if (pages.isEmpty()) {
			throw new AuditException("no page to scan: name them with --charte.audit.pages=URL[,URL...]");
		}
		if (pages.size() > this.properties.maxPages()) {
			throw new AuditException(pages.size() + " pages named, more than charte.audit.max-pages ("
					+ this.properties.maxPages() + ")");
		}
		for (URI page : pages) {
			if (this.sites.forHost(page.getHost()) == null) {
				throw new AuditException("no site of the registry answers for the host of " + page
						+ " (a registry file's site.hosts, or charte.registry.default-site)");
			}
		}
		return List.copyOf(pages);
	}

	private static URI page(String text) throws AuditException {
		URI page;
		try {
			page = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new AuditException("not an address: " + withoutUserInfo(text) + " ("
					+ withoutUserInfo(ex.getReason()) + ")");
		}
		String scheme = (page.getScheme() != null) ? page.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || page.getHost() == null) {
			throw new AuditException("not an http or https address with a host: " + withoutUserInfo(text));
		}
		if (page.getRawUserInfo() != null) {
			throw new AuditException("an address with a user name or password is not scanned: " + withoutUserInfo(text));
		}
		try {
			// The fragment is the page's own business: the same page.
			return new URI(page.getScheme(), page.getRawAuthority(), page.getRawPath().isEmpty() ? "/" : page.getRawPath(),
					page.getRawQuery(), null).normalize();
		}
		catch (URISyntaxException ex) {
			return page;
		}
	}

	/**
	 * An address as the audit may print it: without its user-info part ({@code bob:pw@}), which may hold a password
	 * and would end up in a CI job's log or a report kept as evidence.
	 */
	static String withoutUserInfo(String address) {
		return address.replaceAll("(?<=//)[^/?#\\s]*@", "");
	}

	/** The host a request of the page goes to, in lower case; null for what goes nowhere on the network. */
	static @Nullable String hostOf(String url) {
		try {
			URI uri = URI.create(url);
			String scheme = uri.getScheme();
			return ("http".equals(scheme) || "https".equals(scheme) || "ws".equals(scheme) || "wss".equals(scheme))
					&& uri.getHost() != null ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Scans the pages (already checked by {@link #pages}) and makes the report. */
	AuditReport run(List<URI> pages) throws AuditException {
		return run(pages, (visit) -> {
		});
	}

	/** The same, telling {@code done} of each visit as soon as it is over. */
	AuditReport run(List<URI> pages, java.util.function.Consumer<PageVisit> done) throws AuditException {
		Path binary = ChromiumProcess.find(this.properties.chromium(), this.pathVariable)
			.orElseThrow(() -> new AuditException((this.properties.chromium() != null)
					? "charte.audit.chromium is not an executable file: " + this.properties.chromium()
					: "no Chromium on the PATH (chromium, chromium-browser, google-chrome): install Debian's chromium, or set charte.audit.chromium"));
		Instant started = Instant.now();
		List<PageVisit> visits;
		try (ChromiumProcess browser = ChromiumProcess.start(binary, this.properties.browserArguments(),
				this.properties.pageTimeout())) {
			AuditScan scan = new AuditScan(browser.devTools(), this.presets,
					new AuditScan.Limits(this.properties.pageTimeout(), this.properties.totalTimeout(),
							this.properties.concurrency(), this.properties.quietPeriod()));
			visits = scan.run(pages, (page) -> this.sites.forHost(page.getHost()), done);
		}
		return report(started, Instant.now(), visits);
	}

	/** The report of those visits: each site's findings against its own registry, in the order of the pages. */
	AuditReport report(Instant started, Instant finished, List<PageVisit> visits) {
		Map<HostedSite, List<PageVisit>> bySite = new LinkedHashMap<>();
		Map<URI, List<PageVisit>> byPage = new LinkedHashMap<>();
		for (PageVisit visit : visits) {
			bySite.computeIfAbsent(this.sites.forHost(visit.page().getHost()), (site) -> new ArrayList<>()).add(visit);
			byPage.computeIfAbsent(visit.page(), (page) -> new ArrayList<>()).add(visit);
		}
		List<AuditReport.PageReport> pages = new ArrayList<>();
		byPage.forEach((page, itsVisits) -> {
			HostedSite site = this.sites.forHost(page.getHost());
			pages.add(new AuditReport.PageReport(page, site.id(), site.registry().revision(), itsVisits));
		});
		List<Finding> findings = new ArrayList<>();
		List<AuditReport.Suggestion> suggestions = new ArrayList<>();
		OpenCookieDatabase database = OpenCookieDatabase.shipped();
		bySite.forEach((site, itsVisits) -> {
			AuditFindings rules = new AuditFindings(site.registry());
			findings.addAll(rules.of(itsVisits));
			Suggestions proposals = new Suggestions(database, site.registry());
			Set<String> proposed = new LinkedHashSet<>();
			for (PageVisit visit : itsVisits) {
				for (SeenCookie cookie : visit.cookies()) {
					// One suggestion per name proposed (_ga_* once for every _ga_… seen) and domain.
					if (rules.declaration(cookie).isEmpty() && proposed.add(proposals.name(cookie) + "@" + cookie.host())) {
						String entry = rules.elsewhere(cookie)
							.map((declared) -> Suggestions.elsewhere(cookie, declared))
							.orElseGet(() -> proposals.entry(cookie, visit.page().getHost(), visit.at()));
						suggestions.add(new AuditReport.Suggestion(site.id(), cookie.name(), entry));
					}
				}
			}
		});
		return new AuditReport(started, finished, pages, findings, suggestions);
	}

}
