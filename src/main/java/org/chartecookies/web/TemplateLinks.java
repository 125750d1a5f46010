package org.chartecookies.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The links templates write ({@code @{...}}): with the application's context path, also where a page is rendered
 * without a request ({@link RenderCachingView}), and assets by their served URLs (content-hashed CSS and JS, WebJars
 * with their version), looked up once per URL. Spring's filter that would rewrite them in every response is off.
 */
class TemplateLinks extends StandardLinkBuilder {

	/** URLs of the assets served through the resource chain. */
	private static final List<String> ASSET_PREFIXES = List.of("/css/", "/js/", "/webjars/");

	/** The templates name a handful of assets: past this many, asset URLs are no longer remembered. */
	private static final int MOST_ASSET_URLS = 256;

	private final ObjectProvider<ResourceUrlProvider> resources;

	private final ObjectProvider<ServletContext> servletContext;

	private final Map<String, String> assetUrls = new ConcurrentHashMap<>();

	/** Looked up once: a bean lookup at every link of every rendering would cost more than the link. */
	private volatile @Nullable String contextPath;

	TemplateLinks(ObjectProvider<ResourceUrlProvider> resources, ObjectProvider<ServletContext> servletContext) {
		this.resources = resources;
		this.servletContext = servletContext;
	}

	@Override
	protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
		if (context instanceof IWebContext) {
			return super.computeContextPath(context, base, parameters);
		}
		return contextPath();
	}

	private String contextPath() {
		String known = this.contextPath;
		if (known == null) {
			ServletContext servlet = this.servletContext.getIfAvailable();
			if (servlet == null) {
				return "";
			}
			known = servlet.getContextPath();
			this.contextPath = known;
		}
		return known;
	}

	@Override
	protected String processLink(IExpressionContext context, String link) {
		String served = assetUrl(link);
		return (context instanceof IWebContext) ? super.processLink(context, served) : served;
	}

	/** The served URL of an asset, worked out once per URL; any other link as it is. */
	private String assetUrl(String url) {
		String known = this.assetUrls.get(url);
		if (known != null) {
			return known;
		}
		String contextPath = contextPath();
		if (!url.startsWith(contextPath)) {
			return url;
		}
		String path = url.substring(contextPath.length());
		if (ASSET_PREFIXES.stream().noneMatch(path::startsWith)) {
			return url;
		}
		ResourceUrlProvider provider = this.resources.getIfAvailable();
		String resolved = (provider != null) ? provider.getForLookupPath(path) : null;
		String served = (resolved != null) ? contextPath + resolved : url;
		if (this.assetUrls.size() < MOST_ASSET_URLS) {
			this.assetUrls.put(url, served);
		}
		return served;
	}

}
