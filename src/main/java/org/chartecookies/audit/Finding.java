package org.chartecookies.audit;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * One finding and its evidence: where (page, state), what (the cookie, the host), and what was seen.
 *
 * @param state the state the page was visited in; null for {@link FindingKind#NEVER_SEEN} (every state)
 * @param page the page; null for {@link FindingKind#NEVER_SEEN} (every page)
 * @param cookie the cookie's name as seen (or as declared, for never-seen), null for a host finding
 * @param host the cookie's domain, or the third-party host contacted
 * @param detail what was seen, in words
 */
public record Finding(FindingKind kind, @Nullable VisitState state, @Nullable URI page, @Nullable String cookie,
		@Nullable String host, String detail) {

}
