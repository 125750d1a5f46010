package org.chartecookies.registry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.io.DefaultResourceLoader;
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

}
