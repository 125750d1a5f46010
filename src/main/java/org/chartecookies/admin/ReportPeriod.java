package org.chartecookies.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * The days a dashboard or an export covers, both included, in UTC as the records' times are.
 *
 * @param first the first day
 * @param last the last day
 */
record ReportPeriod(LocalDate first, LocalDate last) {

	/** Without dates, the last 30 days up to today. */
	static final int DEFAULT_DAYS = 30;

	/** The longest period a dashboard draws (an export has no limit). */
	static final int MOST_DAYS_DRAWN = 366;

	/**
	 * The period the query asks for: {@code from} and {@code to} as ISO dates ({@code 2026-11-29}), either left out
	 * for the default. A date that is not one, or a {@code from} after {@code to}, is the client's mistake.
	 */
	static ReportPeriod of(@Nullable String from, @Nullable String to, LocalDate today) {
		LocalDate last = (to == null || to.isBlank()) ? today : date(to);
		LocalDate first = (from == null || from.isBlank()) ? last.minusDays(DEFAULT_DAYS - 1) : date(from);
		if (first.isAfter(last)) {
			throw new AdminRequestException("admin.period.reversed");
		}
		return new ReportPeriod(first, last);
	}

	/** Today, as the records count days: in UTC. */
	static LocalDate today(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	long days() {
		return ChronoUnit.DAYS.between(this.first, this.last) + 1;
	}

	/** The same period, checked to be short enough to draw. */
	ReportPeriod drawable() {
		if (days() > MOST_DAYS_DRAWN) {
			throw new AdminRequestException("admin.period.too-long");
		}
		return this;
	}

	private static LocalDate date(String text) {
		try {
			if (text.length() != 10) {
				throw new AdminRequestException("admin.period.invalid");
			}
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new AdminRequestException("admin.period.invalid");
		}
	}

}
