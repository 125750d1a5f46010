package org.chartecookies.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Placeholders;
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
		String name = name(cookie);
		if (!name.equals(cookie.name())) {
			yaml.append("  # The name's end varies (").append(cookie.name()).append(" was seen): declared as a pattern.\n");
		}
		yaml.append("  - name: ").append(quoted(name)).append('\n');
		String provider = known.map((entry) -> entry.controller().isBlank() ? entry.platform() : entry.controller())
			.orElse(Placeholders.TO_FILL_IN);
		yaml.append("    provider: ").append(quoted(provider)).append('\n');
		yaml.append("    category: ").append(category(known.map(OpenCookieDatabase.Entry::category).orElse(null)))
			.append('\n');
		String service = known.map(OpenCookieDatabase.Entry::platform).orElse(Placeholders.TO_FILL_IN);
		String purpose = known.map(OpenCookieDatabase.Entry::description).filter((text) -> !text.isBlank())
			.orElse(Placeholders.TO_FILL_IN);
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
	 * The name to declare: the cookie's, or a pattern when its end obviously varies from visitor to visitor (the
	 * database knows it by its start, as {@code _ga_} for {@code _ga_ABC123XYZ}; or it ends in an identifier of digits
	 * after a separator, {@code _hjSessionUser_12345}).
	 */
	String name(SeenCookie cookie) {
		Optional<OpenCookieDatabase.Entry> known = this.database.find(cookie.name());
		if (known.isPresent() && !known.get().name().equals(cookie.name())) {
			return known.get().name() + "*";
		}
		java.util.regex.Matcher variable = VARIABLE_END.matcher(cookie.name());
		return (known.isEmpty() && variable.matches()) ? variable.group(1) + "*" : cookie.name();
	}

	/** A name ending, after a separator, in four digits or more, or a long identifier holding digits. */
	private static final java.util.regex.Pattern VARIABLE_END = java.util.regex.Pattern
		.compile("(.+[_.-])(?:\\d{4,}|(?=[A-Za-z0-9]*\\d)[A-Za-z0-9]{8,})");

	/**
	 * What to say, instead of an entry, for a cookie the registry declares under the same name for another domain: a
	 * second entry of that name would be refused (declared twice).
	 */
	static String elsewhere(SeenCookie cookie, CookieDeclaration declared) {
		return "  # NOT A NEW ENTRY: the registry declares " + declared.name() + " for the domain " + declared.domain()
				+ ", and this cookie was set on the domain " + cookie.host() + ".\n"
				+ "  # Change that entry's domain (to a domain both are within, or none: any domain), or declare its name as a\n"
				+ "  # pattern for one of the two (a second entry named " + declared.name()
				+ " would be refused: declared twice).\n";
	}

	/**
	 * This registry's category for the database's: its first required one for what the database says is strictly
	 * necessary (Necessary, Security), else an optional one whose id says the same, else the first optional one. A
	 * Functional cookie (a preference, a session recording, a chat) is proposed as optional: exempt from consent only
	 * if it is strictly necessary to a service the visitor asked for, which the operator decides.
	 */
	String category(@Nullable String databaseCategory) {
		String wanted = (databaseCategory != null) ? databaseCategory.toLowerCase(Locale.ROOT) : "";
		boolean exempt = wanted.equals("security") || wanted.equals("necessary");
		for (CookieCategory category : this.registry.categories()) {
			if (exempt && !category.isOptional()) {
				return category.id() + "    # proposed; the database says " + databaseCategory;
			}
		}
		String[] words = switch (wanted) {
			case "analytics" -> new String[] { "stat", "analytic", "audience", "measure" };
			case "marketing" -> new String[] { "ad", "marketing", "advert", "target" };
			case "personalization" -> new String[] { "person", "prefer", "custom" };
			case "functional" -> new String[] { "function", "prefer", "comfort", "person" };
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
				? "no category of this registry matches the database's " + databaseCategory : "unknown cookie")
				+ (wanted.equals("functional") ? " (exempt from consent only if strictly necessary)" : "");
	}

	/**
	 * The lifetime seen, as the registry writes lifetimes: {@code session}, else minutes rounded up under a day, and
	 * whole days rounded up from a day on; each in the largest unit it is a whole number of ({@code P1D}, not
	 * {@code PT1440M}; {@code PT2H}, not {@code PT120M}).
	 */
	static String lifetime(Instant at, @Nullable Instant expires) {
		if (expires == null) {
			return "session";
		}
		long seconds = Math.max(Duration.between(at, expires).toSeconds(), 1);
		long minutes = Math.ceilDiv(seconds, 60);
		if (minutes < 1440) {
			return (minutes % 60 == 0) ? "PT" + (minutes / 60) + "H" : "PT" + minutes + "M";
		}
		long days = Math.ceilDiv(seconds, 86400);
		return (days % 7 == 0) ? "P" + (days / 7) + "W" : "P" + days + "D";
	}

	/** The French text to write: the database's English marked to translate, or a blank to fill in. */
	private static String french(boolean known, String english) {
		return (known && !english.equals(Placeholders.TO_FILL_IN)) ? Placeholders.FRENCH_TO_TRANSLATE + " : " + english
				: Placeholders.FRENCH_TO_FILL_IN;
	}

	private static String quoted(String text) {
		return "\"" + oneLine(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

}
