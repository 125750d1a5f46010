package org.chartecookies.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A purpose for which cookies are set. Required categories need no consent; the others are offered as choices.
 */
public record CookieCategory(
		@NotNull @Pattern(regexp = CookieCategory.ID_PATTERN,
				message = "must be lower-case letters, digits and dashes, starting with a letter (at most 32)") String id,
		@NotNull Boolean required, @NotNull @Valid LocalizedText title, @NotNull @Valid LocalizedText description) {

	static final String ID_PATTERN = "[a-z][a-z0-9-]{0,31}";

	public boolean isOptional() {
		return !this.required;
	}

}
