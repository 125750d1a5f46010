package org.chartecookies.registry;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.chartecookies.site.RequestSites;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

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

	/** A registry file of the repository ({@code examples/sites/shop.yaml}). */
	public static CookieRegistry file(String path) {
		return new RegistryLoader(VALIDATOR).load(new FileSystemResource(path));
	}

	public static CookieRegistry defaultRegistry() {
		return load("registry/cookies.yaml");
	}

	/** One site, named {@code test}, answering every host, as a single registry file does. */
	/** The request-facing lookup of {@link #sites}. */
	public static RequestSites requestSites(CookieRegistry registry) {
		return new RequestSites(sites(registry));
	}

	public static Sites sites(CookieRegistry registry) {
		return Sites.single("test", registry);
	}

	/** The site of a single registry file, named {@code test}. */
	public static HostedSite site(CookieRegistry registry) {
		return new HostedSite("test", registry);
	}

}
