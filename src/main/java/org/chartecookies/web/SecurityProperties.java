package org.chartecookies.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security headers and cross-origin settings.
 *
 * @param trustedOrigins origins (scheme://host[:port]) allowed to post decisions from another origin, for example a
 * sibling subdomain that embeds the banner (not added to the policy's {@code form-action}: our pages never post to
 * them)
 * @param frameAncestors who may frame the pages: the {@code frame-ancestors} sources of the Content-Security-Policy
 * @param hsts {@code Strict-Transport-Security} on answers over HTTPS
 */
@ConfigurationProperties("charte.security")
@Validated
public record SecurityProperties(
		@DefaultValue List<@Pattern(regexp = "https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?",
				message = "must be an origin: scheme://host[:port], without path") String> trustedOrigins,
		@DefaultValue("'self'") @NotBlank String frameAncestors, @DefaultValue @NotNull Hsts hsts) {

	/**
	 * @param enabled whether to send it (only ever over HTTPS)
	 * @param maxAge how long browsers must use HTTPS only
	 * @param includeSubDomains whether subdomains are covered too
	 */
	public record Hsts(@DefaultValue("true") boolean enabled, @DefaultValue("365d") Duration maxAge,
			@DefaultValue("false") boolean includeSubDomains) {

		String header() {
			return "max-age=" + this.maxAge.toSeconds() + (this.includeSubDomains ? "; includeSubDomains" : "");
		}

	}

}
