package org.chartecookies.registry;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/** Where charte.registry.location points: a plain path is a file; classpath: and URL prefixes are resources. */
class RegistryConfigurationTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			/config/cookies.yaml,              file [/config/cookies.yaml]
			classpath:registry/cookies.yaml,   class path resource [registry/cookies.yaml]
			file:/config/cookies.yaml,         URL [file:/config/cookies.yaml]
			https://example.org/cookies.yaml,  URL [https://example.org/cookies.yaml]
			""")
	void aLocationIsAFileOrAResource(String location, String description) {
		Resource resource = RegistryConfiguration.resource(location, new DefaultResourceLoader());

		assertThat(resource.getDescription()).isEqualTo(description);
	}

	@ParameterizedTest
	@CsvSource({ "classpath:registry/cookies.yaml", "registry/cookies.yaml" })
	void theDefaultRegistryIsInTheApplicationAndARelativePathIsNot(String location) {
		assertThat(RegistryConfiguration.resource(location, new DefaultResourceLoader()).exists())
			.isEqualTo(location.startsWith("classpath:"));
	}


	/** A single registry's site is named after its file, made safe for records, metrics and logs. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "cookies.yaml, cookies", "My Cookies.YAML, my-cookies", "portail.example.org.yaml, portail.example.org",
			"registry, registry", ".yaml, site", "_draft.yaml, site" })
	void aSingleRegistrysSiteIsNamedAfterItsFile(String file, String id) {
		assertThat(RegistryConfiguration.siteId(new FileSystemResource("/config/" + file))).isEqualTo(id);
	}

	@Test
	void aRegistryWithoutAFileNameIsTheSiteSite() {
		assertThat(RegistryConfiguration.siteId(new ByteArrayResource(new byte[0]))).isEqualTo("site");
	}

	@Test
	void aSingleRegistryAnswersEveryHostAndIsNotWatched() {
		RegistryConfiguration configuration = new RegistryConfiguration(
				new RegistryProperties(RegistryProperties.DEFAULT_LOCATION, " ", null, Duration.ofSeconds(10),
						Duration.ofSeconds(1), Duration.ofSeconds(5)),
				new DefaultResourceLoader(), Registries.VALIDATOR);

		assertThat(configuration.sites().all()).extracting(HostedSite::id).containsExactly("cookies");
		assertThat(configuration.sites().forHost("any.example")).isNotNull();
		assertThat(configuration.registryFolderWatch(null)).isNull();
	}

	@Test
	void aFolderServesEachSiteOnItsHostsAndIsWatched() {
		RegistryProperties properties = new RegistryProperties(RegistryProperties.DEFAULT_LOCATION, " examples/sites ",
				"shop", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5));
		RegistryConfiguration configuration = new RegistryConfiguration(properties, new DefaultResourceLoader(),
				Registries.VALIDATOR);

		assertThat(configuration.sites().all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
		assertThat(configuration.sites().forHost("unknown.example")).extracting(HostedSite::id).isEqualTo("shop");
		assertThat(configuration.registryFolderWatch(properties)).isNotNull();
	}

}
