package org.chartecookies.admin;

import java.util.List;

import org.chartecookies.web.FilterOrder;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;

/**
 * The back office's sessions when the records' database does not answer: a {@code 503} page rather than a
 * {@code 500}, logouts that still end the session, one log line per episode.
 */
@Configuration(proxyBeanMethods = false)
class AdminSessionsConfiguration {

	@Bean
	SessionUpkeep sessionUpkeep(JdbcIndexedSessionRepository sessions) {
		return new SessionUpkeep(sessions);
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
