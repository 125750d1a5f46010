package org.chartecookies.registry;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid registry into Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack trace.
 */
class InvalidRegistryFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRegistryException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRegistryException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct the registry " + cause.location()
						+ " (its JSON Schema is registry/cookie-registry.schema.json; docs/registry.md describes the format),"
						+ " or point charte.registry.location (CHARTE_REGISTRY_LOCATION) at a valid file.",
				cause);
	}

}
