package org.chartecookies.registry;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The platform whose cookies the registry declares.
 */
public record Site(@NotBlank String name, @NotNull URI url) {
}
