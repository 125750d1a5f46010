package org.chartecookies.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A purpose for which cookies are set. Required categories need no consent; the others are offered as choices.
 *
 * @param purpose the purpose in a few words ("mesure d'audience"), for the banner's first layer; the title when not
 * given
 */
public record CookieCategory(
		@NotNull @Pattern(regexp = CookieCategory.ID_PATTERN,
				message = "must be lower-case letters, digits and dashes, starting with a letter (at most 32)") String id,
		@NotNull Boolean required, @NotNull @Valid LocalizedText title, @NotNull @Valid LocalizedText description,
		@Valid @Nullable LocalizedText purpose) {

	static final String ID_PATTERN = "[a-z][a-z0-9-]{0,31}";

	public boolean isOptional() {
		return !this.required;
	}

	/** What the banner's first layer names this category by: its purpose in a few words, else its title. */
	public LocalizedText briefPurpose() {
		return (this.purpose != null) ? this.purpose : this.title;
	}

}
