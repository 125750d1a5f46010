package org.chartecookies.charter;

import java.util.Locale;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.LocalizedText;
import org.chartecookies.web.PageController;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The cookie charter: the seed's explanations from the message bundles, the cookie tables from the registry.
 */
@PageController
class CharterController {

	private final LifetimeText lifetimes;

	CharterController(MessageSource messages) {
		this.lifetimes = new LifetimeText(messages);
	}

	/**
	 * The charter of the request's site. Worked out for each rendering (the page cache keeps the result, per site as
	 * loaded and per language).
	 */
	@GetMapping("/cookies")
	String charter(Locale locale, HostedSite site, Model model) {
		model.addAttribute("charter", page(site.registry(), locale));
		return "charter";
	}

	private CharterPage page(CookieRegistry registry, Locale locale) {
		org.chartecookies.registry.Prose prose = registry.prose();
		return new CharterPage(registry.site().name(), registry.site().url(),
				registry.categories().stream().map((category) -> section(registry, category, locale)).toList(),
				new CharterPage.Prose(text(prose.intro(), locale), text(prose.whatTitle(), locale),
						text(prose.whatText(), locale), text(prose.kindsIntro(), locale),
						text(prose.platformTitle(), locale)),
				registry.site().privacyPolicyAddress());
	}

	private static @Nullable String text(@Nullable LocalizedText text, Locale locale) {
		return (text != null) ? text.text(locale) : null;
	}

	private CharterPage.Section section(CookieRegistry registry, CookieCategory category, Locale locale) {
		return new CharterPage.Section(category.id(), category.title().text(locale),
				category.description().text(locale), category.required(),
				registry.cookiesIn(category).stream().map((cookie) -> row(cookie, locale)).toList());
	}

	private CharterPage.Row row(CookieDeclaration cookie, Locale locale) {
		return new CharterPage.Row(cookie.provider(), cookie.service().text(locale), cookie.name(),
				cookie.purpose().text(locale), this.lifetimes.of(cookie.lifetime(), locale));
	}

}
