package org.chartecookies.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.site.RequestSites;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Tells the visitor's consent from the request: the current decision in {@code cookies_preferences}, and the
 * browser's Global Privacy Control signal. A value that does not decode, answers another registry revision or another
 * set of categories, comes from the future or has outlived the configured lifetime is no decision: the banner asks
 * again, and nothing fails. Read once per request.
 */
@Component
public class ConsentCookieReader {

	/** Tolerated difference between the server's clock and the time written in a cookie it set. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final String ATTRIBUTE = VisitorConsent.class.getName();

	private final RequestSites sites;

	private final ConsentProperties properties;

	private final Clock clock;

	ConsentCookieReader(RequestSites sites, ConsentProperties properties, Clock clock) {
		this.sites = sites;
		this.properties = properties;
		this.clock = clock;
	}

	public VisitorConsent consent(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof VisitorConsent known) {
			return known;
		}
		VisitorConsent consent = read(request);
		request.setAttribute(ATTRIBUTE, consent);
		return consent;
	}

	/** The id of the visitor's current decision, which pages show so that they can quote it; null without one. */
	@Nullable String consentId(HttpServletRequest request) {
		ConsentDecision decision = consent(request).decision();
		return (decision != null) ? decision.consentId() : null;
	}

	/**
	 * Browsers send every cookie of that name whose domain and path match (a sibling subdomain can plant one on the
	 * parent domain): when several current decisions arrive, the most restrictive wins, so that a planted acceptance
	 * never overrides a refusal. A category counts as accepted only if every current decision accepts it; the id and time
	 * reported are those of the first decision that accepts the fewest categories.
	 */
	private VisitorConsent read(HttpServletRequest request) {
		boolean gpc = "1".equals(request.getHeader("Sec-GPC"));
		CookieRegistry registry = this.sites.of(request).registry();
		Set<String> optionalCategories = registry.optionalCategories()
			.stream()
			.map(CookieCategory::id)
			.collect(Collectors.toUnmodifiableSet());
		boolean outdated = false;
		List<ConsentDecision> current = new ArrayList<>();
		Cookie[] cookies = request.getCookies();
		for (Cookie cookie : (cookies != null) ? cookies : new Cookie[0]) {
			if (ConsentCookieCodec.COOKIE_NAME.equals(cookie.getName()) && cookie.getValue() != null) {
				Optional<ConsentDecision> decoded = ConsentCookieCodec.decode(cookie.getValue());
				if (decoded.isPresent() && isCurrent(decoded.get(), registry.revision(), optionalCategories)) {
					current.add(decoded.get());
				}
				outdated |= decoded.isPresent() && decoded.get().revision() < registry.revision();
			}
		}
		if (current.isEmpty()) {
			return new VisitorConsent(null, outdated, gpc);
		}
		return new VisitorConsent(mostRestrictive(current), false, gpc);
	}

	private static ConsentDecision mostRestrictive(List<ConsentDecision> decisions) {
		ConsentDecision fewest = decisions.get(0);
		Map<String, Boolean> choices = new LinkedHashMap<>(fewest.choices());
		for (ConsentDecision decision : decisions) {
			choices.replaceAll((category, accepted) -> accepted && decision.accepts(category));
			if (accepted(decision) < accepted(fewest)) {
				fewest = decision;
			}
		}
		return new ConsentDecision(fewest.revision(), fewest.decidedAt(), fewest.consentId(), choices);
	}

	private static long accepted(ConsentDecision decision) {
		return decision.choices().values().stream().filter(Boolean::booleanValue).count();
	}

	boolean isCurrent(ConsentDecision decision, int revision, Set<String> optionalCategories) {
		Instant now = this.clock.instant();
		Instant expiry = this.properties.expiry(decision.decidedAt());
		return decision.revision() == revision && decision.choices().keySet().equals(optionalCategories)
				&& !decision.decidedAt().isAfter(now.plus(CLOCK_SKEW)) && expiry.isAfter(now);
	}

}
