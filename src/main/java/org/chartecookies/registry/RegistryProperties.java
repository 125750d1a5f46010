package org.chartecookies.registry;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the cookie registry is read from.
 *
 * @param location the registry file: a file-system path, or a Spring resource location such as
 * {@code classpath:registry/cookies.yaml} (the default content shipped in the application) or {@code file:/config/cookies.yaml}
 */
@ConfigurationProperties("charte.registry")
@Validated
public record RegistryProperties(@DefaultValue(RegistryProperties.DEFAULT_LOCATION) @NotBlank String location) {

	static final String DEFAULT_LOCATION = "classpath:registry/cookies.yaml";

}
