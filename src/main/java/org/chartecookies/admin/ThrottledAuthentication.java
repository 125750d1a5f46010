package org.chartecookies.admin;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Checks a login against the accounts, unless the account name or the client has failed too often lately: then the
 * login is refused without looking at the password ({@link LoginRefusedException}). Failures are counted here, where
 * both the name and the client's address (after the trusted proxies' {@code X-Forwarded-For}) are known. Logs each
 * failed login and each limit reached, with the name typed and the client's address (never a password; a refused login
 * is not logged one by one: its limit was, once); a successful one is logged once its session is saved
 * ({@link DatabaseOutageFilter}).
 */
class ThrottledAuthentication implements AuthenticationProvider {

	private static final Log logger = LogFactory.getLog(ThrottledAuthentication.class);

	/**
	 * One password checked at a time: bcrypt is CPU-bound work on a carrier thread of the visitors' virtual threads,
	 * and a burst of logins (failed ones included) would hold every carrier and stall the visitors' pages. The others
	 * wait, parked, holding no carrier.
	 */
	private final Semaphore checking = new Semaphore(1, true);

	private final AuthenticationProvider accounts;

	private final LoginThrottle throttle;

	ThrottledAuthentication(AuthenticationProvider accounts, LoginThrottle throttle) {
		this.accounts = accounts;
		this.throttle = throttle;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String name = authentication.getName();
		// As the log shows it: a trusted proxy forwards whatever the client claims, of any length.
		String client = LoginLog.address((authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "unknown");
		Duration refusal = this.throttle.refusal(name, client);
		if (refusal != null) {
			throw new LoginRefusedException(refusal);
		}
		try {
			Authentication authenticated = checked(authentication);
			this.throttle.succeeded(name, client);
			// Logged in once the session is saved: told by DatabaseOutageFilter, around the sessions' filter.
			RequestContextHolder.currentRequestAttributes()
				.setAttribute(DatabaseOutageFilter.LOGIN, LoginLog.name(name) + " logged in from " + client,
						RequestAttributes.SCOPE_REQUEST);
			return authenticated;
		}
		catch (BadCredentialsException ex) {
			logger.warn("Back office: failed login for " + LoginLog.name(name) + " from " + client);
			for (LoginThrottle.Limit limit : this.throttle.failed(name, client)) {
				logger.warn("Back office: failed logins limit reached (" + describe(limit, name, client)
						+ "): such logins are refused for the next " + this.throttle.window().toMinutes() + " minute(s)");
			}
			throw ex;
		}
	}

	private Authentication checked(Authentication authentication) {
		this.checking.acquireUninterruptibly();
		try {
			Authentication authenticated = this.accounts.authenticate(authentication);
			if (authenticated == null) {
				throw new BadCredentialsException("No account checked the login");
			}
			return authenticated;
		}
		finally {
			this.checking.release();
		}
	}

	private static String describe(LoginThrottle.Limit limit, String name, String client) {
		return switch (limit) {
			case ACCOUNT_FROM_CLIENT -> "account " + LoginLog.name(name) + " from " + client;
			case CLIENT -> "client " + client + ", whatever the name";
			case ACCOUNT -> "account " + LoginLog.name(name) + " from every address, except those it logged in from lately";
		};
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.accounts.supports(authentication);
	}

}
