package org.chartecookies.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieRegistry;

import org.springframework.stereotype.Component;

/**
 * Tells the visitor's current decision from the request's {@code cookies_preferences}. A value that does not decode,
 * answers another registry revision or another set of categories, comes from the future or has outlived the
 * configured lifetime is no decision: the banner asks again, and nothing fails.
 */
@Component
public class ConsentCookieReader {

	/** Tolerated difference between the server's clock and the time written in a cookie it set. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private final CookieRegistry registry;

	private final ConsentProperties properties;

	private final Clock clock;

	private final Set<String> optionalCategories;

	ConsentCookieReader(CookieRegistry registry, ConsentProperties properties, Clock clock) {
		this.registry = registry;
		this.properties = properties;
		this.clock = clock;
		this.optionalCategories = registry.optionalCategories()
			.stream()
			.map(CookieCategory::id)
			.collect(Collectors.toUnmodifiableSet());
	}

	public Optional<ConsentDecision> currentDecision(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		// Browsers may send several (other paths or domains): the first valid one wins, the others are ignored.
		for (Cookie cookie : cookies) {
			if (ConsentCookieCodec.COOKIE_NAME.equals(cookie.getName()) && cookie.getValue() != null) {
				Optional<ConsentDecision> decision = ConsentCookieCodec.decode(cookie.getValue()).filter(this::isCurrent);
				if (decision.isPresent()) {
					return decision;
				}
			}
		}
		return Optional.empty();
	}

	boolean isCurrent(ConsentDecision decision) {
		Instant now = this.clock.instant();
		Instant expiry = decision.decidedAt().atOffset(ZoneOffset.UTC).plus(this.properties.lifetime()).toInstant();
		return decision.revision() == this.registry.revision()
				&& decision.choices().keySet().equals(this.optionalCategories)
				&& !decision.decidedAt().isAfter(now.plus(CLOCK_SKEW)) && expiry.isAfter(now);
	}

}
