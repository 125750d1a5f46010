package org.chartecookies.registry;

import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * One cookie that the platform sets, as the charter declares it.
 *
 * @param name the cookie's name; a {@code *} stands for any characters (for example {@code _pk_id.*})
 * @param domain the {@code Domain} it is set with ({@code example.org}), or none for a host-only cookie
 * @param path the {@code Path} it is set with, {@code /} when not declared
 */
public record CookieDeclaration(
		@NotNull @jakarta.validation.constraints.Pattern(regexp = "[!#$%&'*+.^_`|~0-9A-Za-z-]+",
				message = "must be a cookie name (RFC 6265 token characters; * as a wildcard)") String name,
		@NotBlank String provider, @NotBlank String category, @NotNull @Valid LocalizedText service,
		@NotNull @Valid LocalizedText purpose, @NotNull CookieLifetime lifetime,
		@jakarta.validation.constraints.Pattern(regexp = CookieDeclaration.DOMAIN_PATTERN,
				message = "must be a domain name such as example.org") @Nullable String domain,
		@jakarta.validation.constraints.Pattern(regexp = "/[!#-+\\--:<-~]*",
				message = "must be a path starting with /, without spaces, commas or semicolons") @Nullable String path) {

	/** A cookie {@code Domain}: host names separated by dots, an optional leading dot. */
	public static final String DOMAIN_PATTERN = "\\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*";

	/** Whether a cookie the browser sent is this declared one (its {@code *} matching any characters). */
	public boolean matches(String cookieName) {
		if (this.name.indexOf('*') < 0) {
			return this.name.equals(cookieName);
		}
		StringBuilder regex = new StringBuilder();
		for (String part : this.name.split("\\*", -1)) {
			regex.append(regex.isEmpty() ? "" : ".*").append(Pattern.quote(part));
		}
		return cookieName.matches(regex.toString());
	}

	/** The path the cookie is set with. */
	public String effectivePath() {
		return (this.path != null) ? this.path : "/";
	}

}
