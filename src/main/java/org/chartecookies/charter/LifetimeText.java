package org.chartecookies.charter;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chartecookies.registry.CookieLifetime;

import org.springframework.context.MessageSource;

/**
 * Says a cookie lifetime in words ("13 mois", "30 minutes", "Session"), from the message bundles.
 */
final class LifetimeText {

	private final MessageSource messages;

	LifetimeText(MessageSource messages) {
		this.messages = messages;
	}

	String of(CookieLifetime lifetime, Locale locale) {
		if (lifetime.isSession()) {
			return message("lifetime.session", 0, locale);
		}
		List<String> parts = new ArrayList<>();
		Period period = lifetime.period();
		if (period != null) {
			add(parts, "lifetime.years", period.getYears(), locale);
			add(parts, "lifetime.months", period.getMonths(), locale);
			add(parts, "lifetime.days", period.getDays(), locale);
		}
		Duration duration = lifetime.duration();
		if (duration != null) {
			add(parts, "lifetime.days", duration.toDaysPart(), locale);
			add(parts, "lifetime.hours", duration.toHoursPart(), locale);
			add(parts, "lifetime.minutes", duration.toMinutesPart(), locale);
			add(parts, "lifetime.seconds", duration.toSecondsPart(), locale);
		}
		return String.join(message("lifetime.separator", 0, locale), parts);
	}

	private void add(List<String> parts, String key, long amount, Locale locale) {
		if (amount != 0) {
			parts.add(message(key, amount, locale));
		}
	}

	private String message(String key, long amount, Locale locale) {
		return this.messages.getMessage(key, new Object[] { amount }, locale);
	}

}
