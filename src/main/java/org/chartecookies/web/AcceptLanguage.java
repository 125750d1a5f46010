package org.chartecookies.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the language a visitor prefers among those the application speaks, from an {@code Accept-Language} header or a
 * language cookie. Total: any text at all gives a supported language or null, never an exception, in time linear in
 * the (bounded) length of the text. Browsers send a dozen entries or more; only the first {@value #MOST_ENTRIES} are
 * read.
 */
final class AcceptLanguage {

	static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

	static final int MOST_ENTRIES = 64;

	/** A BCP 47 tag as browsers and Django write it ({@code en}, {@code en-GB}, {@code pt_BR}), or {@code *}. */
	private static final Pattern TAG = Pattern.compile("\\*|[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,7}");

	private static final Pattern QUALITY = Pattern.compile("[qQ]\\s*=\\s*(0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?)");

	private AcceptLanguage() {
	}

	/**
	 * The supported language with the highest weight in the header (the first on a tie), or null when the header
	 * accepts none. {@code *} gives its weight to the supported languages the header does not name, so that
	 * {@code fr;q=0, *} is English; an entry whose weight is malformed is skipped.
	 */
	static @Nullable Locale preferred(@Nullable String header) {
		if (header == null || header.length() > 8192) {
			return null;
		}
		// For each supported language, then for "*": the highest weight given, and the entry that gave it first.
		int[] weights = new int[SUPPORTED.size() + 1];
		int[] entries = new int[SUPPORTED.size() + 1];
		Arrays.fill(weights, -1);
		int star = SUPPORTED.size();
		int start = 0;
		for (int entry = 0; entry < MOST_ENTRIES && start <= header.length(); entry++) {
			int end = header.indexOf(',', start);
			if (end < 0) {
				end = header.length();
			}
			String item = header.substring(start, end);
			start = end + 1;
			int semicolon = item.indexOf(';');
			String tag = (semicolon < 0) ? item : item.substring(0, semicolon);
			Locale language = supported(tag);
			int index = (language != null) ? SUPPORTED.indexOf(language) : tag.strip().equals("*") ? star : -1;
			int weight = (semicolon < 0) ? 1000 : weight(item.substring(semicolon + 1));
			if (index >= 0 && weight > weights[index]) {
				weights[index] = weight;
				entries[index] = entry;
			}
		}
		Locale best = null;
		int bestWeight = 0;
		int bestEntry = MOST_ENTRIES;
		for (int index = 0; index < star; index++) {
			boolean named = weights[index] >= 0;
			int weight = named ? weights[index] : weights[star];
			int entry = named ? entries[index] : entries[star];
			if (weight > bestWeight || (weight == bestWeight && weight > 0 && entry < bestEntry)) {
				best = SUPPORTED.get(index);
				bestWeight = weight;
				bestEntry = entry;
			}
		}
		return best;
	}

	/** The supported language a single tag names (a language cookie's value), or null. */
	static @Nullable Locale supported(@Nullable String tag) {
		if (tag == null) {
			return null;
		}
		String trimmed = tag.strip();
		if (trimmed.length() > 71 || !TAG.matcher(trimmed).matches() || trimmed.equals("*")) {
			return null;
		}
		int end = 0;
		while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
			end++;
		}
		String language = trimmed.substring(0, end).toLowerCase(Locale.ROOT);
		for (Locale locale : SUPPORTED) {
			if (locale.getLanguage().equals(language)) {
				return locale;
			}
		}
		return null;
	}

	/** The weight of an entry in thousandths: 1000 without q, -1 (skipped) when q is malformed. */
	private static int weight(String parameters) {
		for (String parameter : parameters.split(";", 8)) {
			String trimmed = parameter.strip();
			if (trimmed.startsWith("q") || trimmed.startsWith("Q")) {
				var matcher = QUALITY.matcher(trimmed);
				if (!matcher.matches()) {
					return -1;
				}
				String value = matcher.group(1);
				int dot = value.indexOf('.');
				String fraction = (dot < 0) ? "" : value.substring(dot + 1);
				return Integer.parseInt(value.substring(0, 1)) * 1000
						+ (fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00").substring(0, 3)));
			}
		}
		return 1000;
	}

}
