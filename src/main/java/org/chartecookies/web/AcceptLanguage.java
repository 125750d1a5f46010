package org.chartecookies.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Locale.LanguageRange;
import java.util.Set;

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
		Set<String> named = new HashSet<>();
		double star = -1;
		int starAt = 0;
		String[] entries = header.split(",", MOST_ENTRIES + 1);
		for (int i = 0; i < Math.min(entries.length, MOST_ENTRIES); i++) {
			try {
				for (LanguageRange range : LanguageRange.parse(entries[i].replace('_', '-'))) {
					double weight = range.getWeight();
					String language = range.getRange().split("-", 2)[0];
					if (language.equals("*")) {
						if (weight > star) {
							star = weight;
							starAt = ranges.size();
						}
					}
					else if (weight > 0) {
						// Accepting "en-US" accepts English (RFC 4647's basic filtering would not match "en" with it).
						ranges.add(new LanguageRange(language, weight));
						named.add(language);
					}
					else {
						// A weight of 0 (the JDK allows none below): refusing "fr-CA" refuses only what it names.
						ranges.add(range);
						named.add(range.getRange());
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// Not a language range: skipped.
			}
		}
		// "*" stands for the supported languages the header does not name (RFC 9110), with its weight, in its place.
		List<LanguageRange> others = new ArrayList<>();
		for (Locale supported : SUPPORTED) {
			if (star > 0 && !named.contains(supported.getLanguage())) {
				others.add(new LanguageRange(supported.getLanguage(), star));
			}
		}
		ranges.addAll(starAt, others);
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
