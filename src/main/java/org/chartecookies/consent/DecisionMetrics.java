package org.chartecookies.consent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts the decisions recorded, through Micrometer: {@code charte.consent.decisions} by kind ({@code accept-all},
 * {@code reject-all}, {@code custom}, {@code acknowledge}) and {@code charte.consent.choices} by optional category and
 * choice ({@code accepted}, {@code refused}), both by {@code site} (its id), so that an operator sees acceptance rates without reading any record.
 */
@Component
class DecisionMetrics {

	private final MeterRegistry meters;

	DecisionMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void recorded(String site, String kind, ConsentDecision decision) {
		Counter.builder("charte.consent.decisions")
			.description("Consent decisions recorded, by kind")
			.tag("site", site)
			.tag("decision", kind)
			.register(this.meters)
			.increment();
		decision.choices()
			.forEach((category, accepted) -> Counter.builder("charte.consent.choices")
				.description("Choices recorded for each optional category")
				.tag("site", site)
				.tag("category", category)
				.tag("choice", accepted ? "accepted" : "refused")
				.register(this.meters)
				.increment());
	}

}
