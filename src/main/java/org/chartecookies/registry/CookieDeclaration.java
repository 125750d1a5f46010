package org.chartecookies.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One cookie that the platform sets, as the charter declares it.
 *
 * @param name the cookie's name; a {@code *} stands for any characters (for example {@code _pk_id.*})
 */
public record CookieDeclaration(
		@NotNull @Pattern(regexp = "[!#$%&'*+.^_`|~0-9A-Za-z-]+",
				message = "must be a cookie name (RFC 6265 token characters; * as a wildcard)") String name,
		@NotBlank String provider, @NotBlank String category, @NotNull @Valid LocalizedText service,
		@NotNull @Valid LocalizedText purpose, @NotNull CookieLifetime lifetime) {
}
