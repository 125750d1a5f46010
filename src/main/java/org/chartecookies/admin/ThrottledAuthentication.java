package org.chartecookies.admin;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a login against the accounts, unless the account name or the client has failed too often lately: then the
 * login is refused without looking at the password ({@link LoginRefusedException}). Failures are counted here, where
 * both the name and the client's address (after the trusted proxies' {@code X-Forwarded-For}) are known.
 */
class ThrottledAuthentication implements AuthenticationProvider {

	private final AuthenticationProvider accounts;

	private final LoginThrottle throttle;

	ThrottledAuthentication(AuthenticationProvider accounts, LoginThrottle throttle) {
		this.accounts = accounts;
		this.throttle = throttle;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String name = authentication.getName();
		String client = (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "unknown";
		Duration refusal = this.throttle.refusal(name, client);
		if (refusal != null) {
			throw new LoginRefusedException(refusal);
		}
		try {
			Authentication authenticated = this.accounts.authenticate(authentication);
			this.throttle.succeeded(name);
			return authenticated;
		}
		catch (BadCredentialsException ex) {
			this.throttle.failed(name, client);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.accounts.supports(authentication);
	}

}
