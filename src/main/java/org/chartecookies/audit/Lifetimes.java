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

	/** The longest lifetime Chromium gives a cookie, whatever the site sent (RFC 6265bis: 400 days). */
	static final Duration CHROMIUM_CAP = Duration.ofDays(400);

	/** Said of a lifetime seen at Chromium's cap. */
	static final String CAP_NOTE = " (Chromium keeps a cookie 400 days at most: a longer lifetime sent shows as 400 days)";

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
	 * A lifetime in words, from {@code at}: {@code session}, else minutes under an hour, hours under three days, else
	 * days; hours and days to the tenth. Each is rounded up, so that a lifetime over a limit never reads as within it
	 * (15 days and a second, over 14 with a day of tolerance, is 15.1 days, not 15), and a cookie read a moment after
	 * it was set for 10 days reads as 10 days.
	 */
	static String describe(Instant at, @Nullable Instant expires) {
		if (expires == null) {
			return "session";
		}
		long seconds = Math.max(Duration.between(at, expires).toSeconds(), 0);
		if (seconds < 3600) {
			long minutes = Math.ceilDiv(seconds, 60);
			return minutes + " minute" + ((minutes == 1) ? "" : "s");
		}
		if (seconds < 3 * 86400) {
			return tenths(seconds, 3600, "hour");
		}
		return tenths(seconds, 86400, "day");
	}

	private static String tenths(long seconds, long unit, String name) {
		long tenths = Math.ceilDiv(seconds * 10, unit);
		String amount = (tenths % 10 == 0) ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
		return amount + " " + name + ((tenths == 10) ? "" : "s");
	}

	/**
	 * Whether a cookie read at {@code at} lives as long as Chromium lets any cookie live (400 days from when it is
	 * set): what the site sent may have been longer, and what is seen is the cap.
	 */
	static boolean atChromiumsCap(Instant at, @Nullable Instant expires) {
		return expires != null && Duration.between(at, expires).compareTo(CHROMIUM_CAP.minusDays(1)) > 0;
	}

}
