package org.chartecookies.registry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code cookieRegistry} in {@code /actuator/health}: how many sites are served, for each registry file that is not
 * served as it stands its problem (file, entry, line), and the default site's state (served, served in its last good
 * version and why, or not served). UP while every site can be served, the broken ones in their last good version;
 * DOWN when nothing can be served: no site at all, or the default site gone (hosts no site lists then get a 404).
 * Liveness and readiness do not depend on it.
 */
class RegistryHealthIndicator implements HealthIndicator {

	private final Sites sites;

	RegistryHealthIndicator(Sites sites) {
		this.sites = sites;
	}

	@Override
	public Health health() {
		String defaultSite = this.sites.defaultSiteState();
		boolean down = this.sites.all().isEmpty() || (defaultSite != null && this.sites.forHost(null) == null);
		Health.Builder health = (down ? Health.down() : Health.up()).withDetail("sites", this.sites.all().size())
			.withDetail("problems", this.sites.problems());
		if (defaultSite != null) {
			health.withDetail("defaultSite", defaultSite);
		}
		return health.build();
	}

}
