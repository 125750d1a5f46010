package org.chartecookies.consent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.registry.CookieRegistry;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Gives every page of the application, error pages included, the banner for the visitor's current state.
 */
@ControllerAdvice
class CookieBannerAdvice {

	/** {@code ?cookies=manage} on any page opens the choices, pre-filled with the current decision. */
	static final String MANAGE_PARAMETER = "cookies";

	static final String MANAGE_VALUE = "manage";

	private final CookieRegistry registry;

	private final ConsentCookieReader reader;

	CookieBannerAdvice(CookieRegistry registry, ConsentCookieReader reader) {
		this.registry = registry;
		this.reader = reader;
	}

	@ModelAttribute("cookieBanner")
	CookieBanner cookieBanner(HttpServletRequest request, Locale locale) {
		Optional<ConsentDecision> decision = this.reader.currentDecision(request);
		boolean manage = MANAGE_VALUE.equals(request.getParameter(MANAGE_PARAMETER));
		List<CookieBanner.Choice> choices = this.registry.categories()
			.stream()
			.map((category) -> new CookieBanner.Choice(category.id(), category.title().text(locale),
					category.description().text(locale), category.required(),
					category.required() || decision.map((d) -> d.accepts(category.id())).orElse(false)))
			.toList();
		String returnPath = returnPath(request);
		String manageUrl = returnPath + (returnPath.contains("?") ? "&" : "?") + MANAGE_PARAMETER + "=" + MANAGE_VALUE;
		return new CookieBanner(decision.isEmpty() || manage, !this.registry.hasOptionalCategories(), manage,
				decision.isPresent(), this.registry.site().name(), choices, returnPath, manageUrl);
	}

	/** This page without the manage switch; the charter for error pages and anything that is not a page view. */
	private static String returnPath(HttpServletRequest request) {
		if (request.getDispatcherType() != DispatcherType.REQUEST || !"GET".equals(request.getMethod())) {
			return ReturnPath.CHARTER;
		}
		String query = request.getQueryString();
		try {
			String path = UriComponentsBuilder
				.fromUriString(request.getRequestURI() + ((query != null) ? "?" + query : ""))
				.replaceQueryParam(MANAGE_PARAMETER)
				.build()
				.toUriString();
			return ReturnPath.of(path);
		}
		catch (IllegalArgumentException ex) {
			return ReturnPath.CHARTER;
		}
	}

}
