package org.chartecookies.consent;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a visitor decided, about which registry revision, when, under which random id.
 *
 * @param choices accepted ({@code true}) or refused, for each optional category; required categories are always on
 */
public record ConsentDecision(int revision, Instant decidedAt, String consentId, Map<String, Boolean> choices) {

	public ConsentDecision {
		choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
	}

	public boolean accepts(String categoryId) {
		return Boolean.TRUE.equals(this.choices.get(categoryId));
	}

}
