package org.chartecookies.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A registry entry ready to paste for an undeclared cookie: its name, domain and path as seen, its lifetime as seen
 * (what the charter must say), and a category, provider and purpose proposed from the Open Cookie Database, marked
 * as a proposal to check.
 */
final class Suggestions {

	private final OpenCookieDatabase database;

	private final CookieRegistry registry;

	Suggestions(OpenCookieDatabase database, CookieRegistry registry) {
		this.database = database;
		this.registry = registry;
	}

	/**
	 * The entry for a cookie seen on a page of {@code pageHost} at {@code at}: a YAML list item, indented for the
	 * registry's {@code cookies:}.
	 */
	String entry(SeenCookie cookie, String pageHost, Instant at) {
		Optional<OpenCookieDatabase.Entry> known = this.database.find(cookie.name());
		StringBuilder yaml = new StringBuilder();
		if (known.isPresent()) {
			OpenCookieDatabase.Entry entry = known.get();
			yaml.append("  # PROPOSAL from the Open Cookie Database (").append(oneLine(entry.platform())).append(", ")
				.append(oneLine(entry.category())).append(", kept ").append(oneLine(entry.retention()))
				.append("): check every line, translate the French texts.\n");
		}
		else {
			yaml.append("  # PROPOSAL: unknown to the Open Cookie Database; fill in the provider, category, service and purpose.\n");
		}
		yaml.append("  - name: ").append(quoted(cookie.name())).append('\n');
		String provider = known.map((entry) -> entry.controller().isBlank() ? entry.platform() : entry.controller())
			.orElse("TO FILL IN");
		yaml.append("    provider: ").append(quoted(provider)).append('\n');
		yaml.append("    category: ").append(category(known.map(OpenCookieDatabase.Entry::category).orElse(null)))
			.append('\n');
		String service = known.map(OpenCookieDatabase.Entry::platform).orElse("TO FILL IN");
		String purpose = known.map(OpenCookieDatabase.Entry::description).filter((text) -> !text.isBlank())
			.orElse("TO FILL IN");
		yaml.append("    service: { fr: ").append(quoted(french(known.isPresent(), service))).append(", en: ")
			.append(quoted(service)).append(" }\n");
		yaml.append("    purpose: { fr: ").append(quoted(french(known.isPresent(), purpose))).append(", en: ")
			.append(quoted(purpose)).append(" }\n");
		yaml.append("    lifetime: ").append(lifetime(at, cookie.expires())).append("    # as seen\n");
		if (!cookie.host().equals(pageHost.toLowerCase(Locale.ROOT)) || cookie.domain().startsWith(".")) {
			yaml.append("    domain: ").append(cookie.host()).append('\n');
		}
		if (!cookie.path().equals("/")) {
			yaml.append("    path: ").append(cookie.path()).append('\n');
		}
		return yaml.toString();
	}

	/**
	 * This registry's category for the database's: its first required one for what needs no consent (Functional,
	 * Security, Necessary), else an optional one whose id says the same, else the first optional one.
	 */
	String category(@Nullable String databaseCategory) {
		String wanted = (databaseCategory != null) ? databaseCategory.toLowerCase(Locale.ROOT) : "";
		boolean exempt = wanted.equals("functional") || wanted.equals("security") || wanted.equals("necessary");
		for (CookieCategory category : this.registry.categories()) {
			if (exempt && !category.isOptional()) {
				return category.id() + "    # proposed; the database says " + databaseCategory;
			}
		}
		String[] words = switch (wanted) {
			case "analytics" -> new String[] { "stat", "analytic", "audience", "measure" };
			case "marketing" -> new String[] { "ad", "marketing", "advert", "target" };
			case "personalization" -> new String[] { "person", "prefer", "custom" };
			default -> new String[0];
		};
		for (CookieCategory category : this.registry.optionalCategories()) {
			for (String word : words) {
				if (category.id().contains(word)) {
					return category.id() + "    # proposed; the database says " + databaseCategory;
				}
			}
		}
		String fallback = this.registry.optionalCategories().stream().findFirst()
			.orElse(this.registry.categories().get(0)).id();
		return fallback + "    # TO CHECK: " + ((databaseCategory != null)
				? "no category of this registry matches the database's " + databaseCategory : "unknown cookie");
	}

	/** The lifetime seen, as the registry writes lifetimes: {@code session}, or whole days, rounded up. */
	static String lifetime(Instant at, @Nullable Instant expires) {
		if (expires == null) {
			return "session";
		}
		long seconds = Math.max(Duration.between(at, expires).toSeconds(), 1);
		if (seconds < 86400) {
			return "PT" + ((seconds + 59) / 60) + "M";
		}
		return "P" + ((seconds + 86399) / 86400) + "D";
	}

	/** The French text to write: the database's English marked to translate, or a blank to fill in. */
	private static String french(boolean known, String english) {
		return (known && !english.equals("TO FILL IN")) ? "À TRADUIRE : " + english : "À REMPLIR";
	}

	private static String quoted(String text) {
		return "\"" + oneLine(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

}
