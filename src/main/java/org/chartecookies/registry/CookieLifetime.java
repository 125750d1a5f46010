package org.chartecookies.registry;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * How long a browser keeps a cookie: until the browser closes ({@code session}), or an ISO-8601 amount of time,
 * either calendar-based ({@code P13M}, {@code P1Y}, {@code P2W}, {@code P30D}) or clock-based ({@code PT30M}).
 */
public final class CookieLifetime {

	private static final CookieLifetime SESSION = new CookieLifetime("session", null, null);

	private final String text;

	private final @Nullable Period period;

	private final @Nullable Duration duration;

	private CookieLifetime(String text, @Nullable Period period, @Nullable Duration duration) {
		this.text = text;
		this.period = period;
		this.duration = duration;
	}

	@JsonCreator
	public static CookieLifetime parse(String text) {
		String value = text.strip();
		if (value.equalsIgnoreCase("session")) {
			return SESSION;
		}
		String upper = value.toUpperCase(Locale.ROOT);
		try {
			if (upper.startsWith("PT")) {
				Duration duration = Duration.parse(upper);
				if (duration.isNegative() || duration.isZero()) {
					throw invalid();
				}
				return new CookieLifetime(upper, null, duration);
			}
			Period period = Period.parse(upper);
			if (period.isNegative() || period.isZero()) {
				throw invalid();
			}
			return new CookieLifetime(upper, period, null);
		}
		catch (DateTimeParseException ex) {
			throw invalid();
		}
	}

	private static IllegalArgumentException invalid() {
		// The text is not repeated: a registry's problem points at its line and column, never quotes the file.
		return new IllegalArgumentException(
				"invalid lifetime: use 'session' or a positive ISO-8601 duration such as P13M, P1Y, P2W, P30D or PT30M");
	}

	public boolean isSession() {
		return this.period == null && this.duration == null;
	}

	/** The calendar amount, for lifetimes in days, weeks, months or years. */
	public @Nullable Period period() {
		return this.period;
	}

	/** The clock amount, for lifetimes in hours, minutes or seconds. */
	public @Nullable Duration duration() {
		return this.duration;
	}

	@JsonValue
	@Override
	public String toString() {
		return this.text;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof CookieLifetime that && this.text.equals(that.text);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

}
