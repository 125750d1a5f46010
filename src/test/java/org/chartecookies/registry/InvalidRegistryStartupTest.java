package org.chartecookies.registry;

import org.chartecookies.StartupFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees when the registry they pointed the application at is broken.
 */
class InvalidRegistryStartupTest {

	@Test
	void brokenRegistryStopsStartUpWithOneClearReportAndNoStackTrace() {
		String output = StartupFailure.of("--charte.registry.location=classpath:registries/broken/duplicate-cookie.yaml");

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Cookie registry class path resource [registries/broken/duplicate-cookie.yaml]: line 39, column 11, cookies[3] (sessionid): the cookie name is declared twice, first in cookies[0] (line 21, column 11)")
			.contains("Correct the registry class path resource [registries/broken/duplicate-cookie.yaml]")
			.doesNotContain("file file")
			.contains("CHARTE_REGISTRY_LOCATION")
			.doesNotContain("\tat org.springframework");
	}

	@Test
	void registryIsReadFromAPlainFileSystemPath() {
		String path = "src/test/resources/registries/broken/unknown-category.yaml";
		String output = StartupFailure.of("--charte.registry.location=" + path);

		assertThat(output).contains("Cookie registry file [")
			.contains("unknown-category.yaml]: line 41, column 15, cookies[3] (VISITOR_INFO1_LIVE): category 'advertising' is not declared")
			.contains("Correct the registry file [")
			.doesNotContain("file file");
	}

}
