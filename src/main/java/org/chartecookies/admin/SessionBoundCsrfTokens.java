package org.chartecookies.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The back office's CSRF tokens: the session's once there is one (a logged-in operator's), Spring Security's
 * {@link HttpSessionCsrfTokenRepository}, kept with the session in the records' database, so that every replica knows
 * it; before a login, the cookie's (the login form, which works without a session and without JavaScript). A token in
 * a cookie alone can be planted by a sibling subdomain (a cookie set for the parent domain) and then submitted by its
 * page; the session's cannot. A login makes a new token (Spring Security's {@code CsrfAuthenticationStrategy}): the
 * cookie's is cleared, and the first page after it makes the session's.
 */
final class SessionBoundCsrfTokens implements CsrfTokenRepository {

	private final CsrfTokenRepository session = new HttpSessionCsrfTokenRepository();

	private final CsrfTokenRepository cookie;

	SessionBoundCsrfTokens(CsrfTokenRepository cookie) {
		this.cookie = cookie;
	}

	/** The session's repository when the request has a session (never starting one), the cookie's otherwise. */
	private CsrfTokenRepository of(HttpServletRequest request) {
		return (request.getSession(false) != null) ? this.session : this.cookie;
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		return of(request).generateToken(request);
	}

	@Override
	public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		of(request).saveToken(token, request, response);
	}

	@Override
	public @Nullable CsrfToken loadToken(HttpServletRequest request) {
		return of(request).loadToken(request);
	}

}
