package org.chartecookies.consent;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The clock decisions are dated with (tests replace it to move through time), the {@code #consent} expression object
 * for templates (Spring Boot adds every dialect bean to Thymeleaf), and the cache of rendered pages.
 */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ConsentDialect consentDialect(ConsentCookieReader reader) {
		return new ConsentDialect(reader);
	}

	/** The application's own pages, rendered once per page, language and consent state (see RenderedPageCache). */
	@Bean
	@ConditionalOnBooleanProperty(name = "charte.render-cache.enabled", matchIfMissing = true)
	FilterRegistrationBean<RenderedPageCache> renderedPageCache(ConsentCookieReader reader, LocaleResolver localeResolver) {
		FilterRegistrationBean<RenderedPageCache> registration = new FilterRegistrationBean<>(
				new RenderedPageCache(reader, localeResolver));
		registration.addUrlPatterns("/cookies", "/cookies/banner");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		return registration;
	}

}
