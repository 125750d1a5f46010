package org.chartecookies.site;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.web.FilterOrder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The request's site for the web layer: a filter that refuses unknown hosts, and handlers' {@link HostedSite} arguments. */
@Configuration(proxyBeanMethods = false)
class SiteConfiguration implements WebMvcConfigurer {

	private final RequestSites sites;

	SiteConfiguration(RequestSites sites) {
		this.sites = sites;
	}

	/** After the security headers and before anything that reads the request's site or body. */
	@Bean
	FilterRegistrationBean<UnknownHostFilter> unknownHostFilter() {
		FilterRegistrationBean<UnknownHostFilter> registration = new FilterRegistrationBean<>(
				new UnknownHostFilter(this.sites));
		registration.setOrder(FilterOrder.UNKNOWN_HOST);
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == HostedSite.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
					NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
				return SiteConfiguration.this.sites.of(request.getNativeRequest(HttpServletRequest.class));
			}

		});
	}

}
