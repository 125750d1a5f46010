package org.chartecookies.web;

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
	 * names none; {@code *} stands for none in particular.
	 */
	static @Nullable Locale preferred(@Nullable String header) {
		if (header == null || header.length() > 8192) {
			return null;
		}
		Locale best = null;
		int bestWeight = 0;
		int start = 0;
		for (int entry = 0; entry < MOST_ENTRIES && start <= header.length(); entry++) {
			int end = header.indexOf(',', start);
			if (end < 0) {
				end = header.length();
			}
			String item = header.substring(start, end);
			start = end + 1;
			int semicolon = item.indexOf(';');
			Locale language = supported((semicolon < 0) ? item : item.substring(0, semicolon));
			int weight = (semicolon < 0) ? 1000 : weight(item.substring(semicolon + 1));
			if (language != null && weight > bestWeight) {
				best = language;
				bestWeight = weight;
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

	/** The weight of an entry in thousandths: 1000 without q, 0 (ignored) when q is malformed. */
	private static int weight(String parameters) {
		for (String parameter : parameters.split(";", 8)) {
			String trimmed = parameter.strip();
			if (trimmed.startsWith("q") || trimmed.startsWith("Q")) {
				var matcher = QUALITY.matcher(trimmed);
				if (!matcher.matches()) {
					return 0;
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
