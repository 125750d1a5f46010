package org.chartecookies.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin settings.
 *
 * @param trustedOrigins origins (scheme://host[:port]) allowed to post decisions from another origin, for example a
 * sibling subdomain that embeds the banner
 */
@ConfigurationProperties("charte.security")
public record SecurityProperties(@DefaultValue List<String> trustedOrigins) {
}
