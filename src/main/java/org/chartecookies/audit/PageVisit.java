package org.chartecookies.audit;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one visit of one page, in one state, in a fresh profile, left in the browser and contacted.
 *
 * @param at when the cookies were read (lifetimes are measured from it)
 * @param otherHosts the hosts other than the page's that the page sent requests to (observed, never visited)
 * @param problem why the visit is incomplete or failed (no answer, TLS error, a redirect to another host, an HTTP
 * error), or null
 * @param unobservedHosts the other hosts whose requests failed (a TLS error, a refused connection), each with the
 * browser's error: what cookies they would set is unknown; the audit is not the less complete for them, but a miss
 * is said rather than silent
 */
public record PageVisit(URI page, VisitState state, Instant at, List<SeenCookie> cookies, List<String> localStorage,
		List<String> sessionStorage, List<String> otherHosts, @Nullable String problem, List<String> unobservedHosts) {

	public PageVisit {
		cookies = List.copyOf(cookies);
		localStorage = List.copyOf(localStorage);
		sessionStorage = List.copyOf(sessionStorage);
		otherHosts = List.copyOf(otherHosts);
		unobservedHosts = List.copyOf(unobservedHosts);
	}

	/** A visit whose requests to other hosts all got an answer. */
	public PageVisit(URI page, VisitState state, Instant at, List<SeenCookie> cookies, List<String> localStorage,
			List<String> sessionStorage, List<String> otherHosts, @Nullable String problem) {
		this(page, state, at, cookies, localStorage, sessionStorage, otherHosts, problem, List.of());
	}

	/** A visit that saw nothing, for the reason given. */
	static PageVisit failed(URI page, VisitState state, Instant at, String problem) {
		return new PageVisit(page, state, at, List.of(), List.of(), List.of(), List.of(), problem);
	}

	public boolean failed() {
		return this.problem != null;
	}

}
