package org.chartecookies.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * Counts failed logins per (account name, client address) pair, per client address, and per account name from every
 * address together. Past a limit, logins are refused before any password is checked, until the window since the
 * limit's first failure has passed:
 * <ul>
 * <li>a client gets a handful of tries per account and a few more over every name it makes up;</li>
 * <li>an account's own ceiling, far higher, slows a guesser spread over many addresses.</li>
 * </ul>
 * No limit refuses an account to an address it logged in from lately, so that no one can lock its operator out from
 * the address they use; failures from there still count towards the others' limits.
 * Bounded in memory whatever names and addresses clients make up (the oldest entries go first).
 */
class LoginThrottle {

	/** How many counters, and how many known (account, address) pairs, are remembered at most. */
	private static final int MOST_ENTRIES = 100_000;

	/** How long an address stays known to an account after a successful login from it. */
	static final Duration KNOWN_FOR = Duration.ofDays(30);

	/** The limits that refuse a login. */
	enum Limit {

		/** Too many failures for one account from one address. */
		ACCOUNT_FROM_CLIENT,
		/** Too many failures from one address, whatever the names. */
		CLIENT,
		/** Too many failures for one account from every address together. */
		ACCOUNT

	}

	private record Failures(int count, Instant since) {
	}

	private final Cache<String, Failures> failures;

	/** When each (account, address) pair last logged in. */
	private final Cache<String, Instant> known;

	private final AdminProperties.Login limits;

	private final Clock clock;

	LoginThrottle(AdminProperties.Login limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
		this.failures = Caffeine.newBuilder().maximumSize(MOST_ENTRIES).expireAfterWrite(limits.window()).build();
		this.known = Caffeine.newBuilder().maximumSize(MOST_ENTRIES).expireAfterWrite(KNOWN_FOR).build();
	}

	/**
	 * How long logins for this name from this client stay refused, or null when they may be tried (always, from an
	 * address the account logged in from lately).
	 */
	@Nullable Duration refusal(String name, String client) {
		Instant now = this.clock.instant();
		String account = account(name);
		if (known(account, client, now)) {
			// Whoever shares that address, or claims it through a trusted proxy, could otherwise lock the operator
			// out there with a handful of failures.
			return null;
		}
		Duration longest = null;
		for (Limit limit : Limit.values()) {
			Duration left = refusal(key(limit, account, client), limit(limit), now);
			if (left != null && (longest == null || left.compareTo(longest) > 0)) {
				longest = left;
			}
		}
		return longest;
	}

	/** Counts a failed login, and answers the limits it has just reached (each once per window). */
	Set<Limit> failed(String name, String client) {
		Instant now = this.clock.instant();
		String account = account(name);
		Set<Limit> reached = EnumSet.noneOf(Limit.class);
		for (Limit limit : Limit.values()) {
			if (count(key(limit, account, client), now) == limit(limit)) {
				reached.add(limit);
			}
		}
		return reached;
	}

	/**
	 * A successful login forgets the failures of this account from this address (not the address's: it may be
	 * guessing other names; not the account's: others may be guessing it), and makes the address known to the account.
	 */
	void succeeded(String name, String client) {
		String account = account(name);
		this.failures.invalidate(key(Limit.ACCOUNT_FROM_CLIENT, account, client));
		this.known.put(pairKey(account, client), this.clock.instant());
	}

	/** How long failures are remembered, from the first one. */
	Duration window() {
		return this.limits.window();
	}

	private boolean known(String account, String client, Instant now) {
		Instant loggedIn = this.known.getIfPresent(pairKey(account, client));
		return loggedIn != null && now.isBefore(loggedIn.plus(KNOWN_FOR));
	}

	private int limit(Limit limit) {
		return switch (limit) {
			case ACCOUNT_FROM_CLIENT -> this.limits.maxFailuresPerAccountFromClient();
			case CLIENT -> this.limits.maxFailuresPerClient();
			case ACCOUNT -> this.limits.maxFailuresPerAccount();
		};
	}

	private @Nullable Duration refusal(String key, int limit, Instant now) {
		Failures known = this.failures.getIfPresent(key);
		if (known == null || known.count() < limit) {
			return null;
		}
		Duration left = Duration.between(now, known.since().plus(this.limits.window()));
		return left.isNegative() || left.isZero() ? null : left;
	}

	private int count(String key, Instant now) {
		Failures counted = this.failures.asMap().merge(key, new Failures(1, now), (old, first) -> {
			boolean expired = !now.isBefore(old.since().plus(this.limits.window()));
			return expired ? first : new Failures(old.count() + 1, old.since());
		});
		return counted.count();
	}

	private static String key(Limit limit, String account, String client) {
		return switch (limit) {
			case ACCOUNT_FROM_CLIENT -> "pair:" + pairKey(account, client);
			case CLIENT -> "client:" + client;
			case ACCOUNT -> "account:" + account;
		};
	}

	private static String pairKey(String account, String client) {
		return account + "\n" + client;
	}

	private static String account(String name) {
		String normalized = name.strip().toLowerCase(Locale.ROOT);
		return (normalized.length() > 64) ? normalized.substring(0, 64) : normalized;
	}

}
