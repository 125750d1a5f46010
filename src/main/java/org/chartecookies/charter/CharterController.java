package org.chartecookies.charter;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.web.PageController;

import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The cookie charter: the seed's explanations from the message bundles, the cookie tables from the registry.
 */
@PageController
class CharterController {

	private final CookieRegistry registry;

	private final LifetimeText lifetimes;

	/** The charter's content for each language, worked out once: it depends on the registry and the language only. */
	private final Map<Locale, CharterPage> pages = new ConcurrentHashMap<>();

	CharterController(CookieRegistry registry, MessageSource messages) {
		this.registry = registry;
		this.lifetimes = new LifetimeText(messages);
	}

	@GetMapping("/")
	String home() {
		return "redirect:/cookies";
	}

	@GetMapping("/cookies")
	String charter(Locale locale, Model model) {
		model.addAttribute("charter", this.pages.computeIfAbsent(locale, this::page));
		return "charter";
	}

	private CharterPage page(Locale locale) {
		return new CharterPage(this.registry.site().name(), this.registry.site().url(),
				this.registry.categories().stream().map((category) -> section(category, locale)).toList());
	}

	private CharterPage.Section section(CookieCategory category, Locale locale) {
		return new CharterPage.Section(category.id(), category.title().text(locale),
				category.description().text(locale), category.required(),
				this.registry.cookiesIn(category).stream().map((cookie) -> row(cookie, locale)).toList());
	}

	private CharterPage.Row row(CookieDeclaration cookie, Locale locale) {
		return new CharterPage.Row(cookie.provider(), cookie.service().text(locale), cookie.name(),
				cookie.purpose().text(locale), this.lifetimes.of(cookie.lifetime(), locale));
	}

}
