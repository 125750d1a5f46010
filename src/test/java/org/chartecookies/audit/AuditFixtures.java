package org.chartecookies.audit;

import java.time.Duration;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.RegistryProperties;
import org.chartecookies.registry.Sites;
import org.springframework.core.io.DefaultResourceLoader;

/** The fixture platform's registry, loaded as the application loads one. */
final class AuditFixtures {

	static final String REGISTRY = "classpath:audit/fixture-registry.yaml";

	private AuditFixtures() {
	}

	static Sites sites() {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			return Sites.load(new RegistryProperties(REGISTRY, null, null, Duration.ofSeconds(10), Duration.ofSeconds(1),
					Duration.ofSeconds(5)), new DefaultResourceLoader(), validation.getValidator());
		}
	}

	static CookieRegistry registry() {
		return site().registry();
	}

	static HostedSite site() {
		return sites().forHost("127.0.0.1");
	}

}
