package org.chartecookies.registry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code cookieRegistry} in {@code /actuator/health}: how many sites are served and, for each registry file that is
 * not served as it stands, its problem (file, entry, line). UP all the same: every site is served, the broken ones
 * in their last good version, and liveness and readiness do not depend on it.
 */
class RegistryHealthIndicator implements HealthIndicator {

	private final Sites sites;

	RegistryHealthIndicator(Sites sites) {
		this.sites = sites;
	}

	@Override
	public Health health() {
		return Health.up()
			.withDetail("sites", this.sites.all().size())
			.withDetail("problems", this.sites.problems())
			.build();
	}

}
