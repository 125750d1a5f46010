package org.chartecookies.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns a submitted form into a decision about the current registry, or refuses it with a precise reason.
 */
@Component
class ConsentDecisionFactory {

	private final Clock clock;

	ConsentDecisionFactory(Clock clock) {
		this.clock = clock;
	}

	/** A decision about the registry of the site the form was posted to. */
	ConsentDecision decide(ConsentForm form, CookieRegistry registry) {
		// A banner shown before the registry changed may lack a category added since: "accept all" must not accept
		// what the visitor never saw.
		if (form.revision() != null && !form.revision().equals(Integer.toString(registry.revision()))) {
			throw new ConsentRequestException(HttpStatus.CONFLICT, "error.consent.outdated-form");
		}
		List<String> listed = (form.category() != null) ? form.category() : List.of();
		for (String id : listed) {
			if (registry.category(id).isEmpty()) {
				throw new ConsentRequestException("error.consent.unknown-category");
			}
		}
		String decision = form.decision();
		if (decision == null || decision.isBlank()) {
			throw new ConsentRequestException("error.consent.missing-decision");
		}
		// "acknowledge" answers the information notice, shown only when nothing needs consent.
		if (!ConsentDecided.KINDS.contains(decision) || (decision.equals("acknowledge") && registry.hasOptionalCategories())) {
			throw new ConsentRequestException("error.consent.unknown-decision");
		}
		Map<String, Boolean> choices = new LinkedHashMap<>();
		for (CookieCategory category : registry.optionalCategories()) {
			choices.put(category.id(),
					decision.equals("accept-all") || (decision.equals("custom") && listed.contains(category.id())));
		}
		Instant now = this.clock.instant();
		return new ConsentDecision(registry.revision(), now.truncatedTo(ChronoUnit.SECONDS), ConsentIds.newId(now), choices);
	}


}
