package org.chartecookies.consent;

import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.Cookie;

/**
 * Object mother for {@code cookies_preferences} values, as the application itself would write them.
 */
final class ConsentCookies {

	static final String CONSENT_ID = "Qk3v0X9bT6mZ1cR2aY8uEw";

	private ConsentCookies() {
	}

	static Cookie decision(int revision, Instant at, Map<String, Boolean> choices) {
		return cookie(ConsentCookieCodec.encode(new ConsentDecision(revision, at, CONSENT_ID, choices)));
	}

	static Cookie cookie(String value) {
		return new Cookie(ConsentCookieCodec.COOKIE_NAME, value);
	}

	static ConsentDecision decoded(String setCookieHeader) {
		String value = setCookieHeader.substring(setCookieHeader.indexOf('=') + 1, setCookieHeader.indexOf(';'));
		return ConsentCookieCodec.decode(value)
			.orElseThrow(() -> new AssertionError("not a valid cookies_preferences value: " + value));
	}

}
