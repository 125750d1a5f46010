package org.chartecookies.registry;

import jakarta.validation.Validation;

import org.springframework.core.io.ClassPathResource;

/**
 * Object mother: registries read from the real YAML files, as the application reads them.
 */
public final class Registries {

	private Registries() {
	}

	public static CookieRegistry load(String classpathLocation) {
		return new RegistryLoader(Validation.buildDefaultValidatorFactory().getValidator())
			.load(new ClassPathResource(classpathLocation));
	}

	public static CookieRegistry defaultRegistry() {
		return load("registry/cookies.yaml");
	}

}
