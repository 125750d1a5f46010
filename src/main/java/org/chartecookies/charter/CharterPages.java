package org.chartecookies.charter;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.LocalizedText;
import org.chartecookies.registry.Prose;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The charter's content for a registry and a language: what the charter page shows (its template's {@code charter}),
 * and what a snapshot of what visitors were shown holds.
 */
@Component
public class CharterPages {

	private final LifetimeText lifetimes;

	/**
	 * What each registry as loaded shows in each language: asked for on every request of the charter, before its
	 * rendering is looked up. Weak keys compare by identity, so a reloaded site's content goes with its old registry.
	 */
	private final Cache<CookieRegistry, Map<Locale, CharterPage>> made = Caffeine.newBuilder().weakKeys().build();

	CharterPages(MessageSource messages) {
		this.lifetimes = new LifetimeText(messages);
	}

	public CharterPage of(CookieRegistry registry, Locale locale) {
		return this.made.get(registry, (loaded) -> new ConcurrentHashMap<>())
			.computeIfAbsent(locale, (language) -> make(registry, language));
	}

	private CharterPage make(CookieRegistry registry, Locale locale) {
		Prose prose = registry.prose();
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
