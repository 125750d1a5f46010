package org.chartecookies.audit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.chartecookies.consent.ConsentProperties;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

/**
 * The audit of one site's configured pages (its registry's {@code audit.pages}), for the back office: the same checks,
 * bounds ({@code charte.audit.*}), browser and report as the command's, the report's files as bytes rather than in a
 * folder. Nothing here starts a server or needs one: the command does not use it, the back office does.
 */
public final class SiteAudit {

	private final AuditProperties properties;

	private final Sites sites;

	private final ConsentPresets presets;

	private final @Nullable String pathVariable;

	public SiteAudit(AuditProperties properties, Sites sites, ConsentProperties consent,
			@Nullable String pathVariable) {
		this.properties = properties;
		this.sites = sites;
		this.presets = new ConsentPresets(consent.domain(), consent.lifetime());
		this.pathVariable = pathVariable;
	}

	/** A report and its three files, as {@code charte.audit.report} would hold them. */
	public record Files(AuditReport report, byte[] json, byte[] html, byte[] css) {
	}

	/**
	 * The pages of the site to scan, checked as the command checks its own (and each answered by this very site), or
	 * why it cannot be audited.
	 */
	public List<URI> pages(HostedSite site) throws AuditException {
		List<String> configured = site.registry().audit().pages();
		if (configured.isEmpty()) {
			throw new AuditException("no page to scan is configured for this site: list them under audit: pages: in "
					+ "its registry (docs/audit.md)");
		}
		List<URI> pages = audit(configured).pages();
		for (URI page : pages) {
			HostedSite answering = this.sites.forHost(page.getHost());
			if (answering == null || !answering.id().equals(site.id())) {
				throw new AuditException("the host of " + page + " is another site's");
			}
		}
		return pages;
	}

	/** Scans the pages (checked by {@link #pages}), telling {@code done} of each visit as soon as it is over. */
	public Files run(List<URI> pages, Consumer<PageVisit> done) throws AuditException {
		AuditReport report = audit(pages.stream().map(URI::toString).toList()).run(pages, done);
		try {
			return new Files(report, ReportFiles.json(report).getBytes(StandardCharsets.UTF_8),
					ReportFiles.html(report).getBytes(StandardCharsets.UTF_8), ReportFiles.css());
		}
		catch (IOException ex) {
			throw new AuditException("the report's stylesheet cannot be read: " + ex.getMessage());
		}
	}

	/** How many visits a scan makes of each page: one per state. */
	public static final int VISITS_PER_PAGE = VisitState.values().length;

	private Audit audit(List<String> pages) {
		AuditProperties bounds = new AuditProperties(pages, null, this.properties.chromium(),
				this.properties.browserArguments(), this.properties.maxPages(), this.properties.pageTimeout(),
				this.properties.totalTimeout(), this.properties.concurrency(), this.properties.quietPeriod());
		return new Audit(bounds, this.sites, this.presets, this.pathVariable);
	}

}
