package org.chartecookies.registry;

import jakarta.validation.Validator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ResourceUtils;

/**
 * Loads the registry once, at start-up; an invalid registry stops the application.
 */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

	@Bean
	CookieRegistry cookieRegistry(RegistryProperties properties, ResourceLoader resourceLoader, Validator validator) {
		return new RegistryLoader(validator).load(resource(properties.location(), resourceLoader));
	}

	/** A location with a prefix (classpath:, file:, https:) is a resource; anything else is a file-system path. */
	static Resource resource(String location, ResourceLoader resourceLoader) {
		boolean prefixed = location.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX) || ResourceUtils.isUrl(location);
		return prefixed ? resourceLoader.getResource(location) : new FileSystemResource(location);
	}

}
