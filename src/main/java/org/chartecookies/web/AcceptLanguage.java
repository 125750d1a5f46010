package org.chartecookies.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Locale.LanguageRange;

import org.jspecify.annotations.Nullable;

/**
 * Reads the language a visitor prefers among those the application speaks, from an {@code Accept-Language} header or a
 * language cookie, with the JDK's {@link LanguageRange} and {@link Locale#filter}. Total: any text at all gives a
 * supported language or null, never an exception: an entry the JDK cannot read (a weight above 1, a parameter other
 * than {@code q}) is skipped, not the whole header. Browsers send a dozen entries or more; only the first
 * {@value #MOST_ENTRIES} are read.
 */
final class AcceptLanguage {

	static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

	static final int MOST_ENTRIES = 64;

	static final int LONGEST_HEADER = 8192;

	private AcceptLanguage() {
	}

	/**
	 * The supported language the header prefers (the first of equal weights), or null when it accepts none. {@code *}
	 * stands for the supported languages the header does not refuse, so that {@code fr;q=0, *} is English.
	 */
	static @Nullable Locale preferred(@Nullable String header) {
		if (header == null || header.length() > LONGEST_HEADER) {
			return null;
		}
		List<LanguageRange> ranges = new ArrayList<>();
		String[] entries = header.split(",", MOST_ENTRIES + 1);
		for (int i = 0; i < Math.min(entries.length, MOST_ENTRIES); i++) {
			try {
				for (LanguageRange range : LanguageRange.parse(entries[i].replace('_', '-'))) {
					double weight = range.getWeight();
					// Accepting "en-US" accepts English (RFC 4647's basic filtering would not match "en" with it);
					// refusing "fr-CA" refuses only what it names.
					if (weight > 0) {
						ranges.add(new LanguageRange(range.getRange().split("-", 2)[0], weight));
					}
					else if (weight == 0) {
						ranges.add(range);
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// Not a language range: skipped.
			}
		}
		// Locale.filter wants the ranges by descending weight; the sort is stable, so ties keep the header's order.
		ranges.sort(Comparator.comparingDouble(LanguageRange::getWeight).reversed());
		List<Locale> accepted = Locale.filter(ranges, SUPPORTED);
		return accepted.isEmpty() ? null : accepted.get(0);
	}

	/** The supported language a single tag names (a language cookie's value), or null. */
	static @Nullable Locale supported(@Nullable String tag) {
		if (tag == null || tag.length() > LONGEST_HEADER) {
			return null;
		}
		LanguageRange range;
		try {
			range = new LanguageRange(tag.strip().replace('_', '-'));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		String language = range.getRange().split("-", 2)[0];
		for (Locale locale : SUPPORTED) {
			if (locale.getLanguage().equals(language)) {
				return locale;
			}
		}
		return null;
	}

}
