package org.chartecookies.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A cookie the browser held after a visit, first or third party, as the browser reports it.
 *
 * @param domain the cookie's domain: the host it was set by (host-only) or, with a leading dot, the {@code Domain}
 * it was set with
 * @param expires when it expires, or null for a session cookie (gone when the browser closes)
 * @param sameSite {@code Strict}, {@code Lax} or {@code None}, or null when it was set without the attribute
 */
public record SeenCookie(String name, String domain, String path, @Nullable Instant expires, boolean secure,
		boolean httpOnly, @Nullable String sameSite) {

	/** The domain without its leading dot, in lower case: the host or the domain it belongs to. */
	public String host() {
		String host = this.domain.startsWith(".") ? this.domain.substring(1) : this.domain;
		return host.toLowerCase(java.util.Locale.ROOT);
	}

}
