package org.chartecookies.admin;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins for the account name or from the client address: try again later. */
class LoginRefusedException extends AuthenticationException {

	private final Duration retryAfter;

	LoginRefusedException(Duration retryAfter) {
		super("Too many failed logins");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
