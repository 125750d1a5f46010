package org.chartecookies.registry;

import org.chartecookies.CharteCookiesApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What an operator sees when the registry they pointed the application at is broken.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidRegistryStartupTest {

	@Test
	void brokenRegistryStopsStartUpWithOneClearReportAndNoStackTrace(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(CharteCookiesApplication.class)
			.run("--server.port=0", "--charte.registry.location=classpath:registries/broken/duplicate-cookie.yaml")
			.close());

		assertThat(output.toString()).contains("APPLICATION FAILED TO START")
			.contains("Cookie registry class path resource [registries/broken/duplicate-cookie.yaml]: line 39, column 11, cookies[3] (sessionid): the cookie name is declared twice")
			.contains("Correct the registry class path resource [registries/broken/duplicate-cookie.yaml]")
			.doesNotContain("file file")
			.contains("CHARTE_REGISTRY_LOCATION")
			.doesNotContain("\tat org.springframework");
	}

	@Test
	void registryIsReadFromAPlainFileSystemPath(CapturedOutput output) {
		String path = "src/test/resources/registries/broken/unknown-category.yaml";
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(CharteCookiesApplication.class)
			.run("--server.port=0", "--charte.registry.location=" + path)
			.close());

		assertThat(output.toString()).contains("Cookie registry file [")
			.contains("unknown-category.yaml]: line 41, column 15, cookies[3] (VISITOR_INFO1_LIVE): category 'advertising' is not declared")
			.contains("Correct the registry file [")
			.doesNotContain("file file");
	}

}
