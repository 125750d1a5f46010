package org.chartecookies.registry;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.springframework.core.io.ClassPathResource;

/**
 * Object mother: registries read from the real YAML files, as the application reads them.
 */
public final class Registries {

	/** The application's validator (Hibernate Validator), built once: building one takes long, using it does not. */
	static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	private Registries() {
	}

	public static CookieRegistry load(String classpathLocation) {
		return new RegistryLoader(VALIDATOR)
			.load(new ClassPathResource(classpathLocation));
	}

	public static CookieRegistry defaultRegistry() {
		return load("registry/cookies.yaml");
	}

}
