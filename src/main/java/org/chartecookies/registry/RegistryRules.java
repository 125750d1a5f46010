package org.chartecookies.registry;

import java.net.URI;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

/**
 * What a registry read from its file must hold besides its YAML's shape: the constraints of its records (Bean
 * Validation), an http or https site address, readable colours, and categories and cookies that agree. A registry
 * that breaks one is refused with the file, the line of the entry and the problem.
 */
final class RegistryRules {

	private static final Pattern LIST_ITEM = Pattern.compile("(cookies|categories|embeds)\\[(\\d+)\\](?:\\.(.+))?");

	private final Validator validator;

	RegistryRules(Validator validator) {
		this.validator = validator;
	}

	/** Refuses the registry if it breaks a rule: the first rule broken, with every constraint broken for the records'. */
	void check(String location, CookieRegistry registry, EntryPositions positions) {
		checkConstraints(location, registry, positions);
		checkSite(location, registry.site(), positions);
		checkPrivacyPolicy(location, registry.site(), positions);
		checkPalette(location, registry.site().palette(), positions);
		checkReferences(location, registry, positions);
		checkConsentMode(location, registry, positions);
		checkEmbeds(location, registry, positions);
		checkPlaceholders(location, registry, positions);
		checkAuditPages(location, registry, positions);
	}

	/** A suggested entry pasted as it is: a text still to write or translate is never published. */
	private static void checkPlaceholders(String location, CookieRegistry registry, EntryPositions positions) {
		for (int i = 0; i < registry.cookies().size(); i++) {
			CookieDeclaration cookie = registry.cookies().get(i);
			Map<String, String> texts = new java.util.LinkedHashMap<>();
			texts.put("provider", cookie.provider());
			texts.put("service.fr", cookie.service().fr());
			texts.put("service.en", cookie.service().en());
			texts.put("purpose.fr", cookie.purpose().fr());
			texts.put("purpose.en", cookie.purpose().en());
			for (Map.Entry<String, String> text : texts.entrySet()) {
				String found = Placeholders.in(text.getValue()).orElse(null);
				if (found != null) {
					String path = "cookies[" + i + "]." + text.getKey();
					throw new InvalidRegistryException(location, positions.describe(path) + "cookies[" + i + "] ("
							+ cookie.name() + "): " + text.getKey() + " still says '" + found
							+ "': a suggested entry must be completed (every text written, the French translated) "
							+ "before it is published");
				}
			}
		}
	}

	/** The audit's pages: web pages on the hosts the operator names for this site, and no other. */
	private static void checkAuditPages(String location, CookieRegistry registry, EntryPositions positions) {
		List<String> pages = registry.audit().pages();
		for (int i = 0; i < pages.size(); i++) {
			String problem = AuditPages.problem(pages.get(i), registry.site());
			if (problem != null) {
				throw new InvalidRegistryException(location,
						positions.describe("audit.pages[" + i + "]") + "audit.pages[" + i + "]: " + problem);
			}
		}
	}

	private void checkConstraints(String location, CookieRegistry registry, EntryPositions positions) {
		Set<ConstraintViolation<CookieRegistry>> violations = this.validator.validate(registry);
		if (violations.isEmpty()) {
			return;
		}
		String problems = violations.stream()
			.sorted(Comparator.comparing((ConstraintViolation<CookieRegistry> violation) -> positions
				.near(violation.getPropertyPath().toString())[0])
				.thenComparing((violation) -> violation.getPropertyPath().toString())
				.thenComparing(ConstraintViolation::getMessage))
			.map((violation) -> positions.describe(violation.getPropertyPath().toString())
					+ entry(registry, violation.getPropertyPath()) + violation.getMessage())
			.collect(Collectors.joining("; "));
		throw new InvalidRegistryException(location, problems);
	}

	/** The site's address is shown as a link: a web page, never a script ({@code javascript:}) or another scheme. */
	private static void checkSite(String location, Site site, EntryPositions positions) {
		String scheme = site.url().getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| site.url().getHost() == null) {
			throw new InvalidRegistryException(location, positions.describe("site.url")
					+ "site.url must be an http or https address such as https://www.example.org");
		}
	}

	/**
	 * The privacy policy is a link too: a secure web page, or a path on the site. A path must not name another host
	 * ({@code //evil.example}) nor a scheme ({@code javascript:}).
	 */
	private static void checkPrivacyPolicy(String location, Site site, EntryPositions positions) {
		URI policy = site.privacyPolicy();
		if (policy == null) {
			return;
		}
		boolean secure = "https".equalsIgnoreCase(policy.getScheme()) && policy.getHost() != null;
		String written = policy.toString();
		boolean path = written.startsWith("/") && !written.startsWith("//");
		if (!secure && !path) {
			throw new InvalidRegistryException(location, positions.describe("site.privacyPolicy")
					+ "site.privacyPolicy must be an https address such as https://www.example.org/privacy,"
					+ " or a path on the site such as /privacy");
		}
	}

	/** A site's own colours must leave every text of the banner readable (WCAG AA). */
	private static void checkPalette(String location, @Nullable Palette palette, EntryPositions positions) {
		String problem = (palette != null) ? palette.unreadable() : null;
		if (problem != null) {
			String entry = problem.substring(0, problem.indexOf(':'));
			throw new InvalidRegistryException(location,
					positions.describe("site.palette." + entry) + "site.palette." + problem);
		}
	}

	/** "cookies[2] (sessionid): purpose.en " for a violation on cookies[2].purpose.en. */
	private static String entry(CookieRegistry registry, Path path) {
		Matcher item = LIST_ITEM.matcher(path.toString());
		if (!item.matches()) {
			return path + " ";
		}
		int index = Integer.parseInt(item.group(2));
		List<?> list = switch (item.group(1)) {
			case "cookies" -> registry.cookies();
			case "categories" -> registry.categories();
			default -> registry.embeds();
		};
		Object element = (index < list.size()) ? list.get(index) : null;
		String name = switch (element) {
			case CookieDeclaration cookie -> cookie.name();
			case CookieCategory category -> category.id();
			case Embed embed -> embed.id();
			case null, default -> null;
		};
		// "origins[0].<list element>": the item itself, named by its index.
		String field = (item.group(3) != null) ? item.group(3).replace(".<list element>", "") : null;
		return item.group(1) + "[" + index + "]" + ((name != null) ? " (" + name + ")" : "") + ": "
				+ ((field != null && !field.startsWith("<")) ? field + " " : "");
	}

	/** "cookies[0] (line 44, column 11)": the first of two entries that clash, where it stands. */
	private static String firstAt(EntryPositions positions, String path) {
		String at = positions.describe(path);
		return path.substring(0, path.lastIndexOf('.')) + (at.isEmpty() ? "" : " (" + at.substring(0, at.length() - 2) + ")");
	}

	private static void checkReferences(String location, CookieRegistry registry, EntryPositions positions) {
		Map<String, Integer> ids = new HashMap<>();
		for (int i = 0; i < registry.categories().size(); i++) {
			CookieCategory category = registry.categories().get(i);
			Integer first = ids.putIfAbsent(category.id(), i);
			if (first != null) {
				throw new InvalidRegistryException(location, positions.describe("categories[" + i + "].id")
						+ "categories[" + i + "] (" + category.id() + "): the category id is declared twice, first in "
						+ firstAt(positions, "categories[" + first + "].id"));
			}
		}
		if (registry.categories().stream().noneMatch(CookieCategory::required)) {
			throw new InvalidRegistryException(location, positions.describe("categories")
					+ "categories: no category is required (required: true);"
					+ " at least one is needed for the strictly necessary cookies, cookies_preferences among them");
		}
		Map<String, Integer> names = new HashMap<>();
		for (int i = 0; i < registry.cookies().size(); i++) {
			CookieDeclaration cookie = registry.cookies().get(i);
			String entry = "cookies[" + i + "] (" + cookie.name() + "): ";
			if (!ids.containsKey(cookie.category())) {
				throw new InvalidRegistryException(location, positions.describe("cookies[" + i + "].category") + entry
						+ "category '" + cookie.category() + "' is not declared under categories (declared: "
						+ String.join(", ", ids.keySet().stream().sorted().toList()) + ")");
			}
			Integer first = names.putIfAbsent(cookie.name(), i);
			if (first != null) {
				throw new InvalidRegistryException(location, positions.describe("cookies[" + i + "].name") + entry
						+ "the cookie name is declared twice, first in " + firstAt(positions, "cookies[" + first + "].name"));
			}
		}
	}

	/** A Consent Mode type is granted by one category only: two would leave it unclear when it is granted. */
	private static void checkConsentMode(String location, CookieRegistry registry, EntryPositions positions) {
		Map<String, Integer> types = new HashMap<>();
		for (int i = 0; i < registry.categories().size(); i++) {
			CookieCategory category = registry.categories().get(i);
			for (int j = 0; j < category.consentMode().size(); j++) {
				String type = category.consentMode().get(j);
				Integer first = types.putIfAbsent(type, i);
				if (first != null) {
					String by = (first == i) ? "this category"
							: "categories[" + first + "] (" + registry.categories().get(first).id() + ")";
					throw new InvalidRegistryException(location,
							positions.describe("categories[" + i + "].consentMode[" + j + "]") + "categories[" + i
									+ "] (" + category.id() + "): consentMode " + type + " is already granted by " + by
									+ ": a Consent Mode type belongs to one category only, once");
				}
			}
		}
	}

	/**
	 * An embed is held back until its category is accepted: that category must be declared and optional (a required
	 * one is never asked for), and pages name an embed by its id, once.
	 */
	private static void checkEmbeds(String location, CookieRegistry registry, EntryPositions positions) {
		Map<String, Integer> ids = new HashMap<>();
		for (int i = 0; i < registry.embeds().size(); i++) {
			Embed embed = registry.embeds().get(i);
			String entry = "embeds[" + i + "] (" + embed.id() + "): ";
			Integer first = ids.putIfAbsent(embed.id(), i);
			if (first != null) {
				throw new InvalidRegistryException(location, positions.describe("embeds[" + i + "].id") + entry
						+ "the embed id is declared twice, first in " + firstAt(positions, "embeds[" + first + "].id"));
			}
			CookieCategory category = registry.category(embed.category()).orElse(null);
			if (category == null || category.required()) {
				throw new InvalidRegistryException(location, positions.describe("embeds[" + i + "].category") + entry
						+ "category '" + embed.category() + "' " + ((category == null) ? "is not declared" : "is required")
						+ ": an embed is held back until its category is accepted, so it belongs to an optional category"
						+ " (optional categories: " + String.join(", ", registry.optionalCategories().stream()
							.map(CookieCategory::id).sorted().toList()) + ")");
			}
		}
	}

}
