package org.chartecookies.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.chartecookies.registry.CookieDeclaration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a visitor's decision is kept.
 *
 * @param lifetime how long a decision lasts before the banner asks again ({@code 6m}, {@code P6M}); the CNIL
 * recommends 6 months and a decision may never last more than 13 months
 * @param domain the {@code Domain} of the {@code cookies_preferences} cookie, so that one decision covers a site and
 * its subdomains ({@code example.org}); host-only when not set
 */
@ConfigurationProperties("charte.consent")
@Validated
public record ConsentProperties(@DefaultValue("P6M") @NotNull Period lifetime,
		@Pattern(regexp = CookieDeclaration.DOMAIN_PATTERN,
				message = "must be a domain name such as example.org") @Nullable String domain) {

	static final Period LONGEST = Period.ofMonths(13);

	/** When a decision taken at that time stops counting (and its cookie expires): a calendar lifetime, in UTC. */
	public Instant expiry(Instant decidedAt) {
		return decidedAt.atOffset(ZoneOffset.UTC).plus(this.lifetime).toInstant();
	}

	@AssertTrue(message = "must be positive and at most 13 months (P13M)")
	boolean isLifetimeWithinLimits() {
		LocalDate start = LocalDate.of(2000, 1, 31);
		return !this.lifetime.isNegative() && !this.lifetime.isZero()
				&& !start.plus(this.lifetime).isAfter(start.plus(LONGEST));
	}

}
