package org.chartecookies.admin;

import java.time.Clock;

import org.chartecookies.audit.AuditProperties;
import org.chartecookies.audit.SiteAudit;
import org.chartecookies.consent.ConsentProperties;
import org.chartecookies.registry.Sites;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit in the back office: the same audit as the command's ({@code charte.audit.*} bounds it), of a site's
 * configured pages, its reports in the records' database. Nothing runs until an operator starts a scan.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditScans auditScans(AuditProperties properties, Sites sites, ConsentProperties consent, AuditReports reports,
			Clock clock) {
		return new AuditScans(new SiteAudit(properties, sites, consent, System.getenv("PATH")), reports, clock);
	}

	@Bean
	AuditReports auditReports(JdbcClient jdbc) {
		return new AuditReports(jdbc);
	}

}
