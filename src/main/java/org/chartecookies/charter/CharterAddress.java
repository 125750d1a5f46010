package org.chartecookies.charter;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The application's root is the charter: {@code /} redirects to {@code /cookies} with its query, so that a link to
 * {@code /?cookies=manage} opens the choices and {@code /?lang=en} stays English.
 */
@Configuration(proxyBeanMethods = false)
class CharterAddress implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/", "/cookies").setKeepQueryParams(true);
	}

}
