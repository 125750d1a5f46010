package org.chartecookies.admin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.admin.AuditReports.Outcome;
import org.chartecookies.audit.AuditException;
import org.chartecookies.audit.PageVisit;
import org.chartecookies.audit.SiteAudit;
import org.chartecookies.registry.HostedSite;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The audits started from the back office: one at a time on an instance (it runs a Chromium of several processes),
 * each in a thread of its own, followed while it runs, and recorded when it ends ({@link AuditReports}), whatever
 * the end: a report, or why it could not run. What a scan is doing is known to the instance that runs it only.
 */
class AuditScans implements DisposableBean {

	/** How many of this instance's last scans are remembered, to be followed to their end. */
	static final int REMEMBERED = 20;

	private static final Log logger = LogFactory.getLog(AuditScans.class);

	private final SiteAudit audits;

	private final AuditReports reports;

	private final Clock clock;

	private final AtomicReference<@Nullable Scan> running = new AtomicReference<>();

	private final Map<String, Scan> remembered = Collections.synchronizedMap(new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Scan> eldest) {
			return size() > REMEMBERED;
		}

	});

	private volatile @Nullable Thread thread;

	AuditScans(SiteAudit audits, AuditReports reports, Clock clock) {
		this.audits = audits;
		this.reports = reports;
		this.clock = clock;
	}

	/** What a scan is at. */
	enum State {

		/** Visiting pages. */
		RUNNING,
		/** Over, and recorded: its report (or why it could not run) is in the list. */
		RECORDED,
		/** Over, but the database did not take it: it is in the log only. */
		NOT_RECORDED

	}

	/** A second start while a scan runs on this instance: the one that runs. */
	static final class Busy extends Exception {

		private final Scan scan;

		Busy(Scan scan) {
			super(null, null, false, false);
			this.scan = scan;
		}

		Scan scan() {
			return this.scan;
		}

	}

	/** One scan: what it does, who started it, how far it is. */
	static final class Scan {

		private final String id;

		private final String site;

		private final String startedBy;

		private final Instant startedAt;

		private final int pages;

		private final AtomicInteger visits = new AtomicInteger();

		private final Map<URI, AtomicInteger> visitsOfPage = new ConcurrentHashMap<>();

		private final AtomicInteger pagesDone = new AtomicInteger();

		private volatile State state = State.RUNNING;

		private volatile @Nullable String problem;

		Scan(String id, String site, String startedBy, Instant startedAt, int pages) {
			this.id = id;
			this.site = site;
			this.startedBy = startedBy;
			this.startedAt = startedAt;
			this.pages = pages;
		}

		void visited(PageVisit visit) {
			this.visits.incrementAndGet();
			if (this.visitsOfPage.computeIfAbsent(visit.page(), (page) -> new AtomicInteger()).incrementAndGet()
					== SiteAudit.VISITS_PER_PAGE) {
				this.pagesDone.incrementAndGet();
			}
		}

		/** How far it is, for a page. */
		Progress progress() {
			return new Progress(this.id, this.site, this.startedBy, this.startedAt, this.pagesDone.get(), this.pages,
					this.visits.get(), this.pages * SiteAudit.VISITS_PER_PAGE, this.state,
					this.problem);
		}

	}

	/**
	 * A scan as its page shows it.
	 *
	 * @param problem why it was not recorded, when it was not
	 */
	record Progress(String id, String site, String startedBy, Instant startedAt, int pagesDone, int pages,
			int visitsDone, int visits, State state, @Nullable String problem) {

		public boolean running() {
			return this.state == State.RUNNING;
		}

	}

	/**
	 * Starts a scan of the site's configured pages, checked first ({@link AuditException} says why they cannot be
	 * scanned); {@link Busy} when a scan already runs here.
	 */
	Scan start(HostedSite site, String operator) throws AuditException, Busy {
		List<URI> pages = this.audits.pages(site);
		Scan scan = new Scan(UUID.randomUUID().toString(), site.id(), operator, this.clock.instant(), pages.size());
		while (!this.running.compareAndSet(null, scan)) {
			Scan other = this.running.get();
			if (other != null) {
				throw new Busy(other);
			}
		}
		this.remembered.put(scan.id, scan);
		logger.info("Audit of " + site.id() + " (" + pages.size() + " pages) started from the back office by "
				+ LoginLog.name(operator));
		this.thread = Thread.ofVirtual().name("audit-" + site.id()).start(() -> run(scan, pages));
		return scan;
	}

	/** The scan of this id, if this instance ran it lately. */
	Optional<Scan> scan(String id) {
		return Optional.ofNullable(this.remembered.get(id));
	}

	/** The scan running on this instance, if any. */
	Optional<Scan> running() {
		return Optional.ofNullable(this.running.get());
	}

	private void run(Scan scan, List<URI> pages) {
		State end = State.NOT_RECORDED;
		try {
			SiteAudit.Files files = null;
			String reason = null;
			try {
				files = this.audits.run(pages, scan::visited);
			}
			catch (AuditException ex) {
				reason = ex.getMessage();
			}
			catch (RuntimeException ex) {
				// Not foreseen (the browser gone mid-scan, the application stopping): said, never a stack trace on a page.
				logger.warn("Audit of " + scan.site + ": the scan failed", ex);
				reason = "the scan failed: " + ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
			}
			end = record(scan, files, reason);
		}
		finally {
			// Free before it is seen over: whoever sees it over may start the next one at once.
			this.thread = null;
			this.running.set(null);
			scan.state = end;
		}
	}

	/** Records the scan's end: {@link State#RECORDED}, or {@link State#NOT_RECORDED} when the database did not take it. */
	private State record(Scan scan, SiteAudit.@Nullable Files files, @Nullable String reason) {
		AuditReports.Summary summary = (files != null)
				? new AuditReports.Summary(scan.id, scan.site, scan.startedBy, scan.startedAt,
						files.report().finished(), scan.pages, Outcome.of(files.report()), null,
						AuditReports.counts(files.report().findings()), files.report().sha256())
				: new AuditReports.Summary(scan.id, scan.site, scan.startedBy, scan.startedAt, this.clock.instant(),
						scan.pages, Outcome.COULD_NOT_RUN, reason, Map.of(), null);
		// Said in the log too: a copy of each report's fingerprint outside the database.
		logger.info("Audit of " + scan.site + " started by " + LoginLog.name(scan.startedBy) + " at " + scan.startedAt
				+ ": " + summary.outcome().id() + ((files != null) ? ", report SHA-256 " + summary.sha256() : ": " + reason));
		try {
			this.reports.insert(summary, files);
			return State.RECORDED;
		}
		catch (RuntimeException ex) {
			logger.warn("Audit of " + scan.site + ": its report could not be recorded in the database (" + ex.getMessage()
					+ ")");
			scan.problem = ex.getClass().getSimpleName();
			return State.NOT_RECORDED;
		}
	}

	/** The application stops: the scan running stops too, and its browser with it. */
	@Override
	public void destroy() {
		Thread scanning = this.thread;
		if (scanning != null) {
			scanning.interrupt();
		}
	}

}
