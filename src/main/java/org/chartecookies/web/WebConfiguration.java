package org.chartecookies.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.ServletContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Locale resolution, cross-origin protection, security headers and asset caching.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final SecurityProperties security;

	private final LanguageResolver languages;

	private final ObjectProvider<SiteOrigins> siteOrigins;

	WebConfiguration(SecurityProperties security, LocaleProperties locale, ObjectProvider<SiteOrigins> siteOrigins) {
		this.siteOrigins = siteOrigins;
		this.security = security;
		this.languages = new LanguageResolver(locale.cookieName());
	}

	@Bean
	LocaleResolver localeResolver() {
		return this.languages;
	}

	/** Before Spring's request context filter, the first to ask a request its locale. */
	@Bean
	FilterRegistrationBean<ClientPreferences> clientPreferences() {
		FilterRegistrationBean<ClientPreferences> registration = new FilterRegistrationBean<>(
				new ClientPreferences(this.languages));
		registration.setOrder(FilterOrder.CLIENT_PREFERENCES);
		return registration;
	}

	/**
	 * Templates resolve their asset URLs themselves, once per URL ({@link TemplateLinks}): Spring's filter that wraps
	 * every response to rewrite them is registered switched off, so that Spring Boot does not add it.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> disabledResourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	/** Every Thymeleaf view renders through the page cache (see RenderedPages), with the templates' links. */
	@Bean
	static BeanPostProcessor renderCachingViews(ObjectProvider<ResourceUrlProvider> resources,
			ObjectProvider<ServletContext> servletContext) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof ThymeleafViewResolver resolver) {
					resolver.setViewClass(RenderCachingView.class);
				}
				if (bean instanceof SpringTemplateEngine engine) {
					engine.setLinkBuilder(new TemplateLinks(resources, servletContext));
				}
				return bean;
			}

		};
	}

	@Bean
	FilterRegistrationBean<PendingBodies> pendingBodies(RequestBodyProperties properties) {
		FilterRegistrationBean<PendingBodies> registration = new FilterRegistrationBean<>(
				new PendingBodies(properties.places()));
		registration.setOrder(FilterOrder.PENDING_BODIES);
		return registration;
	}

	/** The banner and the consent endpoint shared with the trusted origins, once the request's site is known. */
	@Bean
	FilterRegistrationBean<CorsFilter> trustedOriginSharing() {
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(
				new CorsFilter(new TrustedOriginSharing(trusted(), this.siteOrigins.getIfAvailable())));
		registration.setUrlPatterns(TrustedOriginSharing.PATHS);
		registration.setOrder(FilterOrder.TRUSTED_ORIGIN_SHARING);
		return registration;
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter(this.security));
		registration.setOrder(FilterOrder.SECURITY_HEADERS);
		return registration;
	}

	/** Content-hashed asset URLs never change meaning: browsers and proxies may keep them for a year unasked. */
	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/css/{file:[\\w.-]+-[0-9a-f]{32}\\.css}", "/js/{file:[\\w.-]+-[0-9a-f]{32}\\.js}")
			.addResourceLocations("classpath:/static/css/", "classpath:/static/js/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		// A WebJar's URL with its version (/webjars/bootstrap/5.3.8/css/bootstrap.min.css, as pages link it) never
		// changes meaning either; the version-agnostic URL stays revalidated.
		registry.addResourceHandler("/webjars/{webjar:[\\w.-]+}/{version:\\d+(?:\\.[\\w-]+)*}/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageChoice(this.languages));
		registry.addInterceptor(new CrossOriginProtection(trusted(), this.siteOrigins.getIfAvailable()));
	}

	/** The deployment's trusted origins, lower-case. */
	private Set<String> trusted() {
		return this.security.trustedOrigins()
			.stream()
			.map((origin) -> origin.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

}
