package org.chartecookies.consent;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock decisions are dated with (tests replace it to move through time), the {@code #consent} and
 * {@code #embeds} expression objects for templates (Spring Boot adds every dialect bean to Thymeleaf).
 */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ConsentDialect consentDialect(ConsentCookieReader reader, PageContexts pages,
			ObjectProvider<SnapshotHashes> snapshots) {
		return new ConsentDialect(reader, pages, () -> snapshots.getIfAvailable(() -> SnapshotHashes.NONE));
	}

}
