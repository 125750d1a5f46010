package org.chartecookies.web;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the visitor's language is remembered.
 *
 * @param cookieName the cookie holding the chosen language; by default the platform's own language cookie
 * ({@code django_language}, declared in the registry), so that the charter and the platform share one choice
 */
@ConfigurationProperties("charte.locale")
@Validated
public record LocaleProperties(
		@DefaultValue("django_language") @Pattern(regexp = "[!#$%&'*+.^_`|~0-9A-Za-z-]+") String cookieName) {
}
