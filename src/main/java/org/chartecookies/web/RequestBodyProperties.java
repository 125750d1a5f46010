package org.chartecookies.web;

import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many requests may be receiving their body at once ({@link PendingBodies}).
 *
 * @param mostPending that number; by default a quarter of the heap at about 128 KB a request
 */
@ConfigurationProperties("charte.request-body")
@Validated
public record RequestBodyProperties(@Nullable @Positive Integer mostPending) {

	int places() {
		return (this.mostPending != null) ? this.mostPending : PendingBodies.placesFor(Runtime.getRuntime().maxMemory());
	}

}
