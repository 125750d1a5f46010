package org.chartecookies.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import org.chartecookies.registry.CookieLifetime;
import org.jspecify.annotations.Nullable;

/**
 * A cookie's lifetime against a limit, as an inspector measures it: from the moment the cookie was read to its
 * expiry, calendar amounts in UTC, with a day of tolerance (a cookie set from a month's length, or a second late, is
 * not over).
 */
final class Lifetimes {

	static final Duration TOLERANCE = Duration.ofDays(1);

	/** The CNIL's limit for the cookies exempt from consent (audience measurement among them). */
	static final Period THIRTEEN_MONTHS = Period.ofMonths(13);

	private Lifetimes() {
	}

	/**
	 * Whether a cookie read at {@code at} and expiring at {@code expires} (null: a session cookie) lives longer than
	 * {@code declared} allows. A session declaration allows no expiry at all.
	 */
	static boolean over(CookieLifetime declared, Instant at, @Nullable Instant expires) {
		if (expires == null) {
			return false;
		}
		if (declared.isSession()) {
			return true;
		}
		Period period = declared.period();
		Instant limit = (period != null) ? at.atOffset(ZoneOffset.UTC).plus(period).toInstant()
				: at.plus(declared.duration());
		return expires.isAfter(limit.plus(TOLERANCE));
	}

	/** Whether a cookie read at {@code at} and expiring at {@code expires} lives over 13 months. */
	static boolean overThirteenMonths(Instant at, @Nullable Instant expires) {
		return expires != null
				&& expires.isAfter(at.atOffset(ZoneOffset.UTC).plus(THIRTEEN_MONTHS).toInstant().plus(TOLERANCE));
	}

	/**
	 * A lifetime in words, from {@code at}: {@code session}, else minutes under an hour, hours under a day, else days
	 * (each to the nearest).
	 */
	static String describe(Instant at, @Nullable Instant expires) {
		if (expires == null) {
			return "session";
		}
		long seconds = Duration.between(at, expires).toSeconds();
		if (seconds < 3600) {
			return count((seconds + 30) / 60, "minute");
		}
		if (seconds < 86400) {
			return count((seconds + 1800) / 3600, "hour");
		}
		return count((seconds + 43200) / 86400, "day");
	}

	private static String count(long amount, String unit) {
		return amount + " " + unit + ((amount == 1) ? "" : "s");
	}

}
