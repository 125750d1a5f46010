package org.chartecookies.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The platform whose cookies the registry declares.
 *
 * @param hosts the host names this site answers for when the registry is one file of a folder of sites
 * ({@code charte.registry.folder}): a request is this site's when its {@code Host} (as the trusted proxy forwards it)
 * is one of them. Ignored by a single registry file, which answers every host.
 * @param cookieDomain the {@code Domain} of this site's {@code cookies_preferences} cookie ({@code example.org}),
 * host-only when not set; {@code charte.consent.domain} when not set in a single registry file
 * @param trustedOrigins origins ({@code https://shop.example.org}) allowed to post this site's decisions from another
 * origin, besides {@code charte.security.trusted-origins}
 * @param palette the site's own colours, else the application's
 * @param privacyPolicy the site's privacy policy, linked from the banner and the charter: an {@code https} address, or
 * a path on the site ({@code /privacy}); recommended (GDPR art. 13: reachable from where consent is asked)
 */
public record Site(@NotBlank String name, @NotNull URI url,
		List<@NotNull @Pattern(regexp = Site.HOST_PATTERN,
				message = "must be a host name such as www.example.org (lower-case, without port)") String> hosts,
		@Pattern(regexp = CookieDeclaration.DOMAIN_PATTERN,
				message = "must be a domain name such as example.org") @Nullable String cookieDomain,
		List<@NotNull @Pattern(regexp = Site.ORIGIN_PATTERN,
				message = "must be an origin: scheme://host[:port], without path") String> trustedOrigins,
		@Valid @Nullable Palette palette, @Nullable URI privacyPolicy) {

	/** A host name as a request names it (lower-case letters, digits, dashes and dots), without a port. */
	static final String HOST_PATTERN = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";

	/** An origin as browsers send it in {@code Origin}. */
	static final String ORIGIN_PATTERN = "https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?";

	public Site {
		// Unmodifiable but null-tolerant, as the registry's lists: an empty item must reach validation, by name.
		hosts = (hosts != null) ? Collections.unmodifiableList(new ArrayList<>(hosts)) : List.of();
		trustedOrigins = (trustedOrigins != null) ? Collections.unmodifiableList(new ArrayList<>(trustedOrigins))
				: List.of();
	}

	/** A site known by its name and address only (a single registry file that declares nothing more). */
	public Site(String name, URI url) {
		this(name, url, null, null, null, null, null);
	}

	/** The privacy policy's address, a path taken on the site's own address; null when the site names none. */
	public @Nullable URI privacyPolicyAddress() {
		return (this.privacyPolicy != null) ? this.url.resolve(this.privacyPolicy) : null;
	}

	/**
	 * Whether a cookie's provider is the site itself: the banner says "us" rather than its name, so that visitors
	 * tell first-party cookies from those of third parties.
	 */
	public boolean isProvider(String provider) {
		return this.name.strip().equalsIgnoreCase(provider.strip());
	}

}
