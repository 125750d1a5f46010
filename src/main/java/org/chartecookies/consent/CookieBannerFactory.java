package org.chartecookies.consent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.registry.CookieRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Decides what the banner shows on a page, for the visitor's current decision and the page's {@code cookies}
 * switch: {@code ?cookies=manage} opens the choices, {@code ?cookies=saved} (after a decision) confirms it.
 */
@Component
public class CookieBannerFactory {

	/** The query parameter that opens the choices ({@code manage}) or confirms a decision ({@code saved}). */
	public static final String SWITCH = "cookies";

	static final String MANAGE = "manage";

	static final String SAVED = "saved";

	private final CookieRegistry registry;

	private final ConsentCookieReader reader;

	CookieBannerFactory(CookieRegistry registry, ConsentCookieReader reader) {
		this.registry = registry;
		this.reader = reader;
	}

	/**
	 * The banner for a page.
	 * @param page the page's path and query (a same-origin path), the {@code cookies} switch included or not
	 */
	public CookieBanner create(HttpServletRequest request, Locale locale, String page) {
		String pagePath = withSwitch(ReturnPath.of(page), null);
		String mode = switchOf(page);
		VisitorConsent consent = this.reader.consent(request);
		Optional<ConsentDecision> decision = consent.current();
		boolean optional = this.registry.hasOptionalCategories();
		CookieBanner.State state;
		if (decision.isEmpty() || MANAGE.equals(mode)) {
			state = optional ? CookieBanner.State.ASK : CookieBanner.State.NOTICE;
		}
		else {
			state = (SAVED.equals(mode) && optional) ? CookieBanner.State.CONFIRMATION : CookieBanner.State.HIDDEN;
		}
		List<CookieBanner.Choice> choices = this.registry.categories()
			.stream()
			.map((category) -> new CookieBanner.Choice(category.id(), category.title().text(locale),
					category.description().text(locale), category.required(),
					category.required() || decision.map((d) -> d.accepts(category.id())).orElse(false)))
			.toList();
		String accepted = titles(choices, true);
		String refused = titles(choices, false);
		String confirmation = refused.isEmpty() ? "banner.confirmation.accepted-all"
				: accepted.isEmpty() ? "banner.confirmation.refused-all" : "banner.confirmation.custom";
		return new CookieBanner(state, MANAGE.equals(mode), decision.isPresent(), this.registry.revision(),
				this.registry.site().name(), choices, pagePath, withSwitch(pagePath, MANAGE), confirmation, accepted,
				refused, consent.outdated(), consent.globalPrivacyControl() && decision.isEmpty());
	}

	/** The page after a decision: the same page, saying that the decision was saved. */
	static String afterDecision(@Nullable String page) {
		return withSwitch(ReturnPath.of(page), SAVED);
	}

	private static String titles(List<CookieBanner.Choice> choices, boolean accepted) {
		return choices.stream()
			.filter((choice) -> !choice.required() && choice.accepted() == accepted)
			.map(CookieBanner.Choice::title)
			.collect(Collectors.joining(", "));
	}

	private static @Nullable String switchOf(String page) {
		try {
			return UriComponentsBuilder.fromUriString(page).build().getQueryParams().getFirst(SWITCH);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The path with the switch set to a value, or removed when the value is null. */
	static String withSwitch(String path, @Nullable String value) {
		try {
			UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(path);
			uri = (value != null) ? uri.replaceQueryParam(SWITCH, value) : uri.replaceQueryParam(SWITCH);
			return ReturnPath.of(uri.build().toUriString());
		}
		catch (IllegalArgumentException ex) {
			return ReturnPath.CHARTER;
		}
	}

}
