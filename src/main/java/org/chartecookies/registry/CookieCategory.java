package org.chartecookies.registry;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A purpose for which cookies are set. Required categories need no consent; the others are offered as choices.
 *
 * @param purpose the purpose in a few words ("mesure d'audience"), for the banner's first layer; the title when not
 * given
 * @param consentMode the Google Consent Mode types ({@code analytics_storage}, {@code ad_storage}...) granted when this
 * category is accepted, denied otherwise
 */
public record CookieCategory(
		@NotNull @Pattern(regexp = CookieCategory.ID_PATTERN,
				message = "must be lower-case letters, digits and dashes, starting with a letter (at most 32)") String id,
		@NotNull Boolean required, @NotNull @Valid LocalizedText title, @NotNull @Valid LocalizedText description,
		@Valid @Nullable LocalizedText purpose,
		@Nullable List<@NotNull @Pattern(regexp = CookieCategory.CONSENT_TYPE_PATTERN,
				message = "must be a Google Consent Mode type: ad_storage, ad_user_data, ad_personalization,"
						+ " analytics_storage, functionality_storage, personalization_storage or security_storage") String> consentMode) {

	static final String ID_PATTERN = "[a-z][a-z0-9-]{0,31}";

	static final String CONSENT_TYPE_PATTERN = "ad_storage|ad_user_data|ad_personalization|analytics_storage"
			+ "|functionality_storage|personalization_storage|security_storage";

	/** The types of Consent Mode v2 that Google's tags read: always sent, denied unless a category grants them. */
	public static final Set<String> CONSENT_MODE_V2 = Set.of("ad_storage", "ad_user_data", "ad_personalization",
			"analytics_storage");

	public CookieCategory {
		consentMode = (consentMode != null) ? java.util.Collections.unmodifiableList(new java.util.ArrayList<>(consentMode))
				: List.of();
	}

	/** A category without Consent Mode types. */
	public CookieCategory(String id, Boolean required, LocalizedText title, LocalizedText description,
			@Nullable LocalizedText purpose) {
		this(id, required, title, description, purpose, null);
	}

	public boolean isOptional() {
		return !this.required;
	}

	/** What the banner's first layer names this category by: its purpose in a few words, else its title. */
	public LocalizedText briefPurpose() {
		return (this.purpose != null) ? this.purpose : this.title;
	}

}
