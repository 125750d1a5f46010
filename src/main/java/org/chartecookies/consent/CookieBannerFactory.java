package org.chartecookies.consent;

import java.text.ListFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.Site;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides what the banner shows on a page, for the visitor's current decision and the page's {@code cookies}
 * switch: {@code ?cookies=manage} opens the choices, {@code ?cookies=saved} (after a decision) confirms it.
 */
@Component
class CookieBannerFactory {

	/** Keyed by the whole context, the site (as loaded) among it: a site never gets another's banner. */
	private final Cache<PageContext, CookieBanner> banners = Caffeine.newBuilder().maximumSize(1000).build();

	private final SnapshotHashes snapshots;

	@Autowired
	CookieBannerFactory(ObjectProvider<SnapshotHashes> snapshots) {
		this.snapshots = snapshots.getIfAvailable(() -> SnapshotHashes.NONE);
	}

	/** Without snapshots. */
	CookieBannerFactory() {
		this.snapshots = SnapshotHashes.NONE;
	}

	/**
	 * The banner for a page: a function of its context, worked out once per context (as its rendering is). A banner
	 * with a form names the snapshot of its site and language (a function of the context too, made once for both).
	 */
	CookieBanner create(PageContext page) {
		CookieBanner kept = this.banners.getIfPresent(page);
		if (kept != null) {
			return kept;
		}
		CookieBanner banner = banner(page);
		if (banner.asking() || banner.notice()) {
			banner = banner.naming(this.snapshots.current(page.site(), page.language()));
		}
		if (!banner.awaitingSnapshot() || this.snapshots == SnapshotHashes.NONE) {
			this.banners.put(page, banner);
		}
		return banner;
	}

	static CookieBanner banner(PageContext page) {
		CookieRegistry registry = page.site().registry();
		ConsentState consent = page.consent();
		Map<String, Boolean> decision = consent.choices();
		boolean optional = registry.hasOptionalCategories();
		boolean manage = page.banner() == BannerSwitch.MANAGE;
		CookieBanner.State state;
		if (decision == null || manage) {
			state = optional ? CookieBanner.State.ASK : CookieBanner.State.NOTICE;
		}
		else {
			state = (page.banner() == BannerSwitch.SAVED && optional) ? CookieBanner.State.CONFIRMATION
					: CookieBanner.State.HIDDEN;
		}
		List<CookieBanner.Choice> choices = registry.categories()
			.stream()
			.map((category) -> new CookieBanner.Choice(category.id(), category.title().text(page.language()),
					category.description().text(page.language()), category.required(),
					category.required() || consent.accepts(category.id())))
			.toList();
		String accepted = titles(choices, true);
		String refused = titles(choices, false);
		String confirmation = refused.isEmpty() ? "banner.confirmation.accepted-all"
				: accepted.isEmpty() ? "banner.confirmation.refused-all" : "banner.confirmation.custom";
		return new CookieBanner(state, manage, decision != null, choices, page.path(), page.manageUrl(), confirmation,
				accepted, refused, consent.outdated(), consent.globalPrivacyControl() && decision == null,
				registry.revision(), firstLayer(registry, page.language()), "");
	}

	/** The optional categories' purposes and who sets their cookies, the site itself said as "us". */
	private static CookieBanner.FirstLayer firstLayer(CookieRegistry registry, Locale language) {
		Site site = registry.site();
		List<String> providers = registry.optionalProviders();
		List<String> others = providers.stream().filter((provider) -> !site.isProvider(provider)).toList();
		boolean itself = others.size() < providers.size();
		String providersKey = others.isEmpty() ? (itself ? "banner.set-by-us" : null)
				: itself ? "banner.set-by-us-and" : "banner.set-by";
		List<String> purposes = registry.optionalCategories()
			.stream()
			.map((category) -> category.briefPurpose().text(language))
			.toList();
		return new CookieBanner.FirstLayer(inWords(purposes, language), providersKey, inWords(others, language),
				site.privacyPolicyAddress());
	}

	/** "a, b et c", "a, b, and c": a list as a sentence of the language says it. */
	private static String inWords(List<String> items, Locale language) {
		return items.isEmpty() ? ""
				: ListFormat.getInstance(language, ListFormat.Type.STANDARD, ListFormat.Style.FULL).format(items);
	}

	/** The page after a decision: the same page, saying that the decision was saved. */
	static String afterDecision(@Nullable String page) {
		return ReturnPath.withSwitch(ReturnPath.split(page).page(), BannerSwitch.SAVED);
	}

	private static String titles(List<CookieBanner.Choice> choices, boolean accepted) {
		return choices.stream()
			.filter((choice) -> !choice.required() && choice.accepted() == accepted)
			.map(CookieBanner.Choice::title)
			.collect(Collectors.joining(", "));
	}

}
