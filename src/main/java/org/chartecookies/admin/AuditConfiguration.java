package org.chartecookies.admin;

import java.time.Clock;

import org.chartecookies.audit.SiteAudit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit in the back office: the application's audit ({@link SiteAudit}, bounded by {@code charte.audit.*}) of a
 * site's configured pages, its reports in the records' database. Nothing runs until an operator starts a scan.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditReports auditReports(JdbcClient jdbc) {
		return new AuditReports(jdbc);
	}

	@Bean
	AuditScans auditScans(SiteAudit audit, AuditReports reports, Clock clock) {
		return new AuditScans(audit, reports, clock);
	}

}
