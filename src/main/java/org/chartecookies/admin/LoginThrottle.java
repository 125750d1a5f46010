package org.chartecookies.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * Counts failed logins per account name and per client address. Past a limit, logins for that name or from that
 * address are refused, before any password is checked, until the window since their first failure has passed: a
 * guesser gets a handful of tries per window, whichever names or addresses they spread them over. Bounded in memory
 * whatever names a client makes up (the oldest entries go first).
 */
class LoginThrottle {

	/** How many names and addresses are remembered at most. */
	private static final int MOST_ENTRIES = 100_000;

	private record Failures(int count, Instant since) {
	}

	private final Cache<String, Failures> failures;

	private final AdminProperties.Login limits;

	private final Clock clock;

	LoginThrottle(AdminProperties.Login limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
		this.failures = Caffeine.newBuilder().maximumSize(MOST_ENTRIES).expireAfterWrite(limits.window()).build();
	}

	/**
	 * How long logins for this name from this client stay refused, or null when they may be tried.
	 */
	@Nullable Duration refusal(String name, String client) {
		Instant now = this.clock.instant();
		Duration byName = refusal(accountKey(name), this.limits.maxFailuresPerAccount(), now);
		Duration byClient = refusal(clientKey(client), this.limits.maxFailuresPerClient(), now);
		if (byName == null) {
			return byClient;
		}
		return (byClient == null || byName.compareTo(byClient) > 0) ? byName : byClient;
	}

	void failed(String name, String client) {
		Instant now = this.clock.instant();
		count(accountKey(name), now);
		count(clientKey(client), now);
	}

	/** A successful login forgets the account's failures (not the client's: it may be guessing other names). */
	void succeeded(String name) {
		this.failures.invalidate(accountKey(name));
	}

	private @Nullable Duration refusal(String key, int limit, Instant now) {
		Failures known = this.failures.getIfPresent(key);
		if (known == null || known.count() < limit) {
			return null;
		}
		Duration left = Duration.between(now, known.since().plus(this.limits.window()));
		return left.isNegative() || left.isZero() ? null : left;
	}

	private void count(String key, Instant now) {
		this.failures.asMap().merge(key, new Failures(1, now), (old, first) -> {
			boolean expired = !now.isBefore(old.since().plus(this.limits.window()));
			return expired ? first : new Failures(old.count() + 1, old.since());
		});
	}

	private static String accountKey(String name) {
		String normalized = name.strip().toLowerCase(Locale.ROOT);
		return "account:" + ((normalized.length() > 64) ? normalized.substring(0, 64) : normalized);
	}

	private static String clientKey(String client) {
		return "client:" + client;
	}

}
