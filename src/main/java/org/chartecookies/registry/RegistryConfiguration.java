package org.chartecookies.registry;

import java.nio.file.Path;
import java.time.InstantSource;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ResourceUtils;

/**
 * Loads the sites at start-up (one registry file, or a folder of them, watched); an invalid single registry, or a
 * folder without one valid registry, stops the application. A controller gets its request's site as a
 * {@link HostedSite} argument.
 */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

	private final Sites sites;

	RegistryConfiguration(RegistryProperties properties, ResourceLoader resourceLoader, Validator validator) {
		this.sites = sites(properties, resourceLoader, validator);
	}

	/** The sites the properties name, read now (an invalid registry throws {@link InvalidRegistryException}). */
	static Sites sites(RegistryProperties properties, ResourceLoader resourceLoader, Validator validator) {
		RegistryLoader loader = new RegistryLoader(validator);
		if (properties.usesFolder()) {
			return Sites.folder(Path.of(properties.folder().strip()), properties.defaultSite(), loader,
					properties.removalGrace(), InstantSource.system());
		}
		Resource resource = resource(properties.location(), resourceLoader);
		return Sites.single(siteId(resource), loader.load(resource));
	}

	@Bean
	Sites sites() {
		return this.sites;
	}

	@Bean
	@Nullable RegistryFolderWatch registryFolderWatch(RegistryProperties properties) {
		Path folder = this.sites.folder();
		return (folder != null)
				? new RegistryFolderWatch(this.sites, folder, properties.pollInterval(), properties.quietPeriod()) : null;
	}

	@Bean
	RegistryHealthIndicator cookieRegistryHealthIndicator() {
		return new RegistryHealthIndicator(this.sites);
	}

	@Bean
	RegistryEndpoint registryEndpoint() {
		return new RegistryEndpoint(this.sites);
	}

	/** A location with a prefix (classpath:, file:, https:) is a resource; anything else is a file-system path. */
	static Resource resource(String location, ResourceLoader resourceLoader) {
		boolean prefixed = location.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX) || ResourceUtils.isUrl(location);
		return prefixed ? resourceLoader.getResource(location) : new FileSystemResource(location);
	}

	/** A single registry's site is named after its file ({@code cookies} for {@code cookies.yaml}). */
	static String siteId(Resource resource) {
		String name = resource.getFilename();
		String stem = (name == null) ? "" : (name.lastIndexOf('.') > 0) ? name.substring(0, name.lastIndexOf('.')) : name;
		stem = stem.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
		return stem.matches(RegistryProperties.SITE_ID_PATTERN) ? stem : "site";
	}

}
