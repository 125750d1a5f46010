package org.chartecookies.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Open Cookie Database (Apache-2.0, shipped under {@code audit/open-cookie-database/} with its licence and
 * provenance): what a known cookie is, to propose a registry entry for an undeclared one. A name is found exactly, or
 * else by the longest entry marked as a prefix ({@code _ga_} for {@code _ga_XYZ}).
 */
final class OpenCookieDatabase {

	static final String RESOURCE = "audit/open-cookie-database/open-cookie-database.csv";

	/**
	 * One entry.
	 * @param category the database's own category: Functional, Analytics, Marketing, Personalization, Security or
	 * Necessary
	 * @param retention its retention period, in words ({@code 2 years}, {@code session})
	 */
	record Entry(String platform, String category, String name, String domain, String description, String retention,
			String controller) {
	}

	private final Map<String, Entry> exact = new HashMap<>();

	private final List<Entry> prefixes = new ArrayList<>();

	/** Entries whose name an earlier entry already has (the first one is kept). */
	private int duplicates;

	OpenCookieDatabase(List<List<String>> rows) {
		for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
			if (row.size() < 10 || row.get(3).isBlank()) {
				continue;
			}
			Entry entry = new Entry(row.get(1).strip(), row.get(2).strip(), row.get(3).strip(), row.get(4).strip(),
					row.get(5).strip(), row.get(6).strip(), row.get(7).strip());
			if ("1".equals(row.get(9).strip())) {
				this.prefixes.add(entry);
			}
			else {
				this.exact.putIfAbsent(entry.name(), entry);
				this.duplicates += (this.exact.get(entry.name()) == entry) ? 0 : 1;
			}
		}
		this.prefixes.sort(Comparator.comparingInt((Entry entry) -> entry.name().length()).reversed());
	}

	/** The database shipped in the application. */
	static OpenCookieDatabase shipped() {
		try (InputStream in = OpenCookieDatabase.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return new OpenCookieDatabase(List.of());
			}
			return new OpenCookieDatabase(csv(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			return new OpenCookieDatabase(List.of());
		}
	}

	/** How many entries it holds. */
	int size() {
		return this.exact.size() + this.duplicates + this.prefixes.size();
	}

	Optional<Entry> find(String cookieName) {
		Entry entry = this.exact.get(cookieName);
		if (entry != null) {
			return Optional.of(entry);
		}
		return this.prefixes.stream().filter((prefix) -> cookieName.startsWith(prefix.name())).findFirst();
	}

	/** The rows of a CSV text (RFC 4180: quoted fields may hold commas, line breaks and doubled quotes). */
	static List<List<String>> csv(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c != '"') {
					field.append(c);
				}
				else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else {
					quoted = false;
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
			}
			else if (c != '\r') {
				field.append(c);
			}
		}
		if (!field.isEmpty() || !row.isEmpty()) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}

}
