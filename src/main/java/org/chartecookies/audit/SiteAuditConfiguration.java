package org.chartecookies.audit;

import org.chartecookies.consent.ConsentProperties;
import org.chartecookies.registry.Sites;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit the application offers the back office ({@link SiteAudit}): the registry's sites as served, the consent
 * cookie as the application sets it, {@code charte.audit.*} as bounds. The command does not load it (it reads its
 * own settings only), and it starts nothing by itself.
 */
@Configuration(proxyBeanMethods = false)
class SiteAuditConfiguration {

	@Bean
	SiteAudit siteAudit(AuditProperties properties, Sites sites, ConsentProperties consent) {
		return new SiteAudit(properties, sites, consent, System.getenv("PATH"));
	}

}
