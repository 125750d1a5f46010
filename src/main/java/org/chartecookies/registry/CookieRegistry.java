package org.chartecookies.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Every cookie the platform sets, grouped in categories; the single source of the charter and the banner.
 *
 * @param revision raised by the operator whenever the declarations change, so that earlier decisions are asked again
 * @param prose the site's own words for the charter's explanations, where it has any
 * @param embeds the third-party embeds the site's pages hold back until their category is accepted
 * @param audit the pages the back office's audit scans, none when not given
 */
public record CookieRegistry(@NotNull @Valid Site site, @NotNull @Positive Integer revision,
		@NotEmpty List<@NotNull @Valid CookieCategory> categories,
		@NotEmpty List<@NotNull @Valid CookieDeclaration> cookies, @Valid Prose prose,
		List<@NotNull @Valid Embed> embeds, AuditPages audit) {

	public CookieRegistry {
		prose = (prose != null) ? prose : Prose.NONE;
		embeds = (embeds != null) ? Collections.unmodifiableList(new ArrayList<>(embeds)) : List.of();
		audit = (audit != null) ? audit : AuditPages.NONE;
		// Unmodifiable but null-tolerant: a missing or empty entry must reach validation and be reported by name.
		categories = (categories != null) ? Collections.unmodifiableList(new ArrayList<>(categories)) : List.of();
		cookies = (cookies != null) ? Collections.unmodifiableList(new ArrayList<>(cookies)) : List.of();
	}

	public SiteSummary summary() {
		Palette palette = this.site.palette();
		return new SiteSummary(this.site.name(), this.site.url(), this.revision,
				(palette != null) ? Integer.toHexString(palette.css().hashCode()) : null);
	}

	/** A registry without embeds or audit pages. */
	public CookieRegistry(Site site, Integer revision, List<CookieCategory> categories,
			List<CookieDeclaration> cookies, Prose prose) {
		this(site, revision, categories, cookies, prose, null, null);
	}

	public Optional<Embed> embed(String id) {
		return this.embeds.stream().filter((embed) -> embed.id().equals(id)).findFirst();
	}

	/**
	 * Google Consent Mode's types, each with the id of the optional category that grants it; {@code ""} for a type no
	 * category grants (always denied), and {@code "*"} for one a required category grants (always granted). The four
	 * types of v2 are always there, so that none is left unset (which Google's tags read as granted).
	 */
	public java.util.Map<String, String> consentModeTypes() {
		java.util.Map<String, String> types = new java.util.TreeMap<>();
		CookieCategory.CONSENT_MODE_V2.forEach((type) -> types.put(type, ""));
		this.categories.forEach((category) -> category.consentMode()
			.forEach((type) -> types.put(type, category.required() ? "*" : category.id())));
		return types;
	}

	public Optional<CookieCategory> category(String id) {
		return this.categories.stream().filter((category) -> category.id().equals(id)).findFirst();
	}

	/** The categories a visitor may accept or refuse, in registry order. */
	public List<CookieCategory> optionalCategories() {
		return this.categories.stream().filter(CookieCategory::isOptional).toList();
	}

	public boolean hasOptionalCategories() {
		return this.categories.stream().anyMatch(CookieCategory::isOptional);
	}

	/**
	 * Who sets the cookies that need consent (the controllers a visitor consents to), each named once, in registry
	 * order.
	 */
	public List<String> optionalProviders() {
		List<String> optional = optionalCategories().stream().map(CookieCategory::id).toList();
		return this.cookies.stream()
			.filter((cookie) -> optional.contains(cookie.category()))
			.map(CookieDeclaration::provider)
			.distinct()
			.toList();
	}

	public List<CookieDeclaration> cookiesIn(CookieCategory category) {
		return this.cookies.stream().filter((cookie) -> cookie.category().equals(category.id())).toList();
	}

}
