package org.chartecookies.admin;

import java.util.List;

import org.chartecookies.web.FilterOrder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;

/**
 * The back office's sessions when the records' database does not answer: a {@code 503} page rather than a
 * {@code 500}, logouts that still end the session, one log line per episode (the deletion of expired sessions
 * included).
 */
@Configuration(proxyBeanMethods = false)
// Spring Session's store exists in a web application only: the command-line verification
// (--spring.main.web-application-type=none) has no back office.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AdminSessionsConfiguration {

	/**
	 * Spring Session's own schedule of the deletion of expired sessions is off (after Spring Boot's customizer, which
	 * sets it): {@link SessionUpkeep} runs it on the same schedule, and logs a database that does not answer once.
	 */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionCleanupScheduledByUpkeep() {
		return (sessions) -> sessions.setCleanupCron(Scheduled.CRON_DISABLED);
	}

	@Bean
	SessionUpkeep sessionUpkeep(JdbcIndexedSessionRepository sessions) {
		return new SessionUpkeep(sessions);
	}

	/**
	 * {@code backOffice} in {@code /actuator/health}: DOWN while the back office's last use of the database failed (its
	 * pages answer 503), from what its requests saw, never by asking the database. Not in readiness: visitors are served.
	 */
	@Bean
	HealthIndicator backOfficeHealthIndicator(SessionUpkeep upkeep) {
		return () -> upkeep.failing()
				? Health.down().withDetail("error", "the records database does not answer the back office").build()
				: Health.up().build();
	}

	@Bean
	FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(CookieSerializer cookies, SessionUpkeep upkeep) {
		FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(
				new DatabaseOutageFilter(cookies, upkeep));
		registration.setUrlPatterns(List.of("/admin", "/admin/*"));
		registration.setOrder(FilterOrder.BACK_OFFICE_OUTAGE);
		return registration;
	}

}
