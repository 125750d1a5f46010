package org.chartecookies.audit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.RegistryProperties;
import org.chartecookies.registry.Sites;
import org.springframework.core.io.DefaultResourceLoader;

/** The fixture platform's registry, loaded as the application loads one. */
public final class AuditFixtures {

	public static final String REGISTRY = "classpath:audit/fixture-registry.yaml";

	private AuditFixtures() {
	}

	/**
	 * The fixture's registry with these pages to audit ({@code audit: pages:}), written as {@code cookies.yaml} in the
	 * folder (the pages' port is the fixture platform's, known once it runs).
	 */
	public static Path registryWithPages(Path folder, List<URI> pages) throws IOException {
		String registry = new String(new DefaultResourceLoader().getResource(REGISTRY).getContentAsByteArray(),
				StandardCharsets.UTF_8);
		StringBuilder audit = new StringBuilder("audit:\n  pages:\n");
		pages.forEach((page) -> audit.append("    - ").append(page).append('\n'));
		Path file = folder.resolve("cookies.yaml");
		Files.writeString(file, registry + "\n" + audit);
		return file;
	}

	public static Sites sites(String location) {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			return Sites.load(new RegistryProperties(location, null, null, Duration.ofSeconds(10), Duration.ofSeconds(1),
					Duration.ofSeconds(5)), new DefaultResourceLoader(), validation.getValidator());
		}
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
