package org.chartecookies.consent;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.site.RequestSites;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The application's pages may frame the origins of their site's embeds, and no other: the Content-Security-Policy
 * (which frames nothing by default) gets a {@code frame-src} naming them, for a site that declares embeds.
 */
@Configuration(proxyBeanMethods = false)
class EmbedFrameSources implements WebMvcConfigurer, HandlerInterceptor {

	static final String POLICY = "Content-Security-Policy";

	private final RequestSites sites;

	EmbedFrameSources(RequestSites sites) {
		this.sites = sites;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String policy = response.getHeader(POLICY);
		HostedSite site = this.sites.find(request);
		if (policy != null && site != null && !site.registry().embeds().isEmpty() && !policy.contains("frame-src")) {
			String origins = site.registry()
				.embeds()
				.stream()
				.flatMap((embed) -> embed.origins().stream())
				.distinct()
				.collect(Collectors.joining(" "));
			response.setHeader(POLICY, policy + "; frame-src " + origins);
		}
		return true;
	}

}
