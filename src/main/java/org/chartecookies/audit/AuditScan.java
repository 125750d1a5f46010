package org.chartecookies.audit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

import org.chartecookies.registry.HostedSite;

/**
 * Every page in the three states, at most {@code concurrency} visits at a time, each within the time per page, all
 * within the total time: a visit that would start after it is reported as not done, never waited for.
 */
final class AuditScan {

	/** How long a page may stay busy after its load before its cookies are read anyway. */
	static final Duration SETTLE_LIMIT = Duration.ofSeconds(5);

	private final DevToolsConnection devTools;

	private final ConsentPresets presets;

	private final Limits limits;

	/**
	 * The bounds of a scan.
	 * @param quietPeriod how long a page's network must stay idle after its load before its cookies are read
	 */
	record Limits(Duration pageTimeout, Duration totalTimeout, int concurrency, Duration quietPeriod) {
	}

	AuditScan(DevToolsConnection devTools, ConsentPresets presets, Limits limits) {
		this.devTools = devTools;
		this.presets = presets;
		this.limits = limits;
	}

	/** The visits, page by page in the order given, each in the order of {@link VisitState}. */
	List<PageVisit> run(List<URI> pages, Function<URI, HostedSite> sites) {
		return run(pages, sites, (visit) -> {
		});
	}

	/** The same, telling {@code done} of each visit as soon as it is over (from the visit's own thread). */
	List<PageVisit> run(List<URI> pages, Function<URI, HostedSite> sites, Consumer<PageVisit> done) {
		long deadline = System.nanoTime() + this.limits.totalTimeout().toNanos();
		PageVisitor visitor = new PageVisitor(this.devTools, this.limits.quietPeriod(), SETTLE_LIMIT);
		Semaphore slots = new Semaphore(this.limits.concurrency());
		List<Future<PageVisit>> visits = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (URI page : pages) {
				HostedSite site = sites.apply(page);
				for (VisitState state : VisitState.values()) {
					visits.add(executor.submit(() -> {
						PageVisit visit = visit(visitor, slots, deadline, page, site, state);
						done.accept(visit);
						return visit;
					}));
				}
			}
			List<PageVisit> over = new ArrayList<>();
			for (Future<PageVisit> visit : visits) {
				over.add(visit.get());
			}
			return over;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("the scan was interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private PageVisit visit(PageVisitor visitor, Semaphore slots, long deadline, URI page, HostedSite site,
			VisitState state) throws InterruptedException {
		slots.acquire();
		try {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return PageVisit.failed(page, state, Instant.now(), "not visited: the total time limit ("
						+ this.limits.totalTimeout().toSeconds() + " s) was reached");
			}
			Duration timeout = Duration.ofNanos(Math.min(left, this.limits.pageTimeout().toNanos()));
			Instant now = Instant.now();
			return visitor.visit(page, state, this.presets.cookie(page, site, state, now), timeout);
		}
		finally {
			slots.release();
		}
	}

}
