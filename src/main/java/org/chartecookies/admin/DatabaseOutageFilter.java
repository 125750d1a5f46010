package org.chartecookies.admin;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.ResponseStatusException;

/**
 * The back office's answer when the records' database does not answer (or not in time: every connection busy),
 * wherever that is found: in Spring Session's filter (the session read or saved), in Spring Security's (the login,
 * the logout, the CSRF token), in a page. Placed before both, it answers {@code 503} with {@code Retry-After} and the
 * back office's reason on the application's error page, never a {@code 500} or a stack trace.
 * <p>
 * A logout that cannot reach the database still ends the session: its cookie is cleared in the browser at once, and
 * the session is ended in the database as soon as it answers ({@link SessionUpkeep}); until then this instance
 * refuses it itself. Its CSRF token may not be checked then (it may be kept in the session): forcing a logout costs
 * nothing while the back office cannot be used anyway.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

	/**
	 * The request attribute holding a login's "NAME logged in from ADDRESS" ({@link ThrottledAuthentication}): said
	 * once the session is saved, or said not done when the database cannot save it.
	 */
	static final String LOGIN = DatabaseOutageFilter.class.getName() + ".login";

	private static final Log logger = LogFactory.getLog(DatabaseOutageFilter.class);

	/** What a client waits before trying again, in seconds. */
	static final String RETRY_AFTER = "10";

	/** The request attribute Spring Security names after the token's parameter, besides its class's name. */
	private static final String CSRF_PARAMETER = "_csrf";

	private static final RequestMatcher LOGOUT = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/admin/logout");

	private final CookieSerializer cookies;

	private final SessionUpkeep upkeep;

	DatabaseOutageFilter(CookieSerializer cookies, SessionUpkeep upkeep) {
		this.cookies = cookies;
		this.upkeep = upkeep;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> sessions = this.cookies.readCookieValues(request);
		try {
			this.upkeep.endLoggedOut(sessions);
			chain.doFilter(request, response);
			if (request.getAttribute(LOGIN) instanceof String login) {
				logger.info("Back office: " + login);
			}
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!SessionUpkeep.databaseFailure(ex)) {
				throw ex;
			}
			this.upkeep.failed(ex);
			if (request.getAttribute(LOGIN) instanceof String login) {
				logger.warn("Back office: login not done, its session could not be saved (" + login + ")");
			}
			String reason = "admin.database.down";
			if (LOGOUT.matches(request)) {
				this.upkeep.loggedOut(sessions);
				this.cookies.writeCookieValue(new CookieSerializer.CookieValue(request, response, ""));
				reason = "admin.logout.database-down";
			}
			if (response.isCommitted()) {
				// Part of the answer is gone: it stays cut, and the outage is in the log.
				return;
			}
			response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			// An export refused is a page, not a download.
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
			// The error page holds no back-office form: Spring Security's token for this request is not for it (once
			// logged in, reading it would ask the session of the database again).
			request.removeAttribute(CsrfToken.class.getName());
			request.removeAttribute(CSRF_PARAMETER);
			// The error page says the reason (LocalizedErrorAttributes), in the operator's language.
			request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
					new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, reason));
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		}
	}

}
