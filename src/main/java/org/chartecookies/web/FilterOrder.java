package org.chartecookies.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The order of the application's servlet filters, in one place; Spring Boot's own are placed by their order too. A
 * request meets them in this order:
 * <ol>
 * <li>{@link #SECURITY_HEADERS}: the headers every answer carries, set before anything can answer (Spring Boot's
 * character encoding filter shares the first place);</li>
 * <li>{@link #CONNECTION_DRAINING}: {@code Connection: close} once shutdown starts (Spring Boot's observation filter,
 * which times and counts requests, shares the place);</li>
 * <li>{@link #PENDING_BODIES}: a body received before anything reads the request, within a bounded number of
 * places;</li>
 * <li>{@link #UNKNOWN_HOST}: the request's site, once; a host no site answers for gets a 404 here;</li>
 * <li>{@link #TRUSTED_ORIGIN_SHARING}: the banner and the consent endpoint shared with the site's trusted origins
 * (CORS);</li>
 * <li>{@link #BACK_OFFICE_OUTAGE}: a {@code 503} page when the records' database does not answer the back office
 * (its session, its login, its pages), for {@code /admin} only;</li>
 * <li>{@link #BACK_OFFICE_SESSIONS}: Spring Session (the back office's session, in the records' database), for
 * {@code /admin} only;</li>
 * <li>{@link #CLIENT_PREFERENCES}: the language decided once, made the servlet API's locale; then Spring's request
 * context filter;</li>
 * <li>{@link #BACK_OFFICE_SECURITY}: Spring Security, for {@code /admin} only.</li>
 * </ol>
 */
public final class FilterOrder {

	public static final int SECURITY_HEADERS = Ordered.HIGHEST_PRECEDENCE;

	public static final int CONNECTION_DRAINING = Ordered.HIGHEST_PRECEDENCE + 1;

	public static final int PENDING_BODIES = Ordered.HIGHEST_PRECEDENCE + 3;

	public static final int UNKNOWN_HOST = Ordered.HIGHEST_PRECEDENCE + 5;

	public static final int TRUSTED_ORIGIN_SHARING = Ordered.HIGHEST_PRECEDENCE + 6;

	/** Before Spring's request context filter ({@code REQUEST_WRAPPER_FILTER_MAX_ORDER - 105}), the first to ask a locale. */
	public static final int CLIENT_PREFERENCES = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 106;

	/** Just before Spring Session, so that it sees the session's failures too. */
	public static final int BACK_OFFICE_OUTAGE = SessionRepositoryFilter.DEFAULT_ORDER - 1;

	/** Spring Session's own place: before anything that may ask for the session. */
	public static final int BACK_OFFICE_SESSIONS = SessionRepositoryFilter.DEFAULT_ORDER;

	/** Spring Boot's place for Spring Security's filter. */
	public static final int BACK_OFFICE_SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER;

	private FilterOrder() {
	}

}
