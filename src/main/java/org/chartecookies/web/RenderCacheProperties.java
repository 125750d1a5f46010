package org.chartecookies.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cache of rendered pages.
 *
 * @param enabled keep renderings (switching it off renders every page afresh, for comparison)
 * @param maximumPages how many renderings are kept at most (each weighs about 15 KB with its gzip form); the least
 * used go first
 */
@ConfigurationProperties("charte.render-cache")
@Validated
public record RenderCacheProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1000") @Min(1) int maximumPages) {
}
