package org.chartecookies.consent;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.site.RequestSites;
import org.chartecookies.web.QueryParameters;
import org.chartecookies.web.RenderedPages;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * For pages this application does not render (nginx SSI, ESI, the embeds script): {@code /cookies/embed} is one
 * third-party embed of the registry ({@code id}) showing {@code src}, its frame when the visitor accepted its category,
 * else its placeholder (the page is {@code return}, or the one the proxy names, as for the banner); and
 * {@code /cookies/consent-mode.js} is the registry's Google Consent Mode types for cookie-embeds.js, as a script
 * (pages load no inline script).
 */
@Controller
class EmbedController {

	static final MediaType JAVASCRIPT = new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8);

	private final PageContexts pages;

	private final RequestSites sites;

	EmbedController(PageContexts pages, RequestSites sites) {
		this.pages = pages;
		this.sites = sites;
	}

	/** Reads its parameters from the query itself: a malformed parameter beside them changes nothing. */
	@GetMapping("/cookies/embed")
	ModelAndView embed(HttpServletRequest request, HttpServletResponse response) {
		String query = request.getQueryString();
		String address = QueryParameters.first(query, "return");
		if (address == null) {
			address = CookieBannerController.proxied(request.getHeader(CookieBannerController.PAGE_HEADER));
			response.addHeader(HttpHeaders.VARY, CookieBannerController.PAGE_HEADER);
		}
		PageContext page = this.pages.embedding(request, address, null);
		EmbedPlaceholder embed;
		try {
			embed = EmbedPlaceholder.of(page, QueryParameters.first(query, "id"), QueryParameters.first(query, "src"),
					QueryParameters.first(query, "title"), QueryParameters.first(query, "ratio"));
		}
		catch (IllegalArgumentException ex) {
			// Included into the platform's page (SSI): a sentence in the embed's place, not a page with its own banner.
			ModelAndView invalid = new ModelAndView("fragments/embed :: invalid");
			invalid.setStatus(HttpStatus.BAD_REQUEST);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			return invalid;
		}
		response.addHeader(HttpHeaders.VARY, RenderedPages.VARY);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		ModelAndView fragment = new ModelAndView("fragments/embed :: embed");
		fragment.addObject("embed", embed);
		return fragment;
	}

	/**
	 * {@code window.cookieConsentMode}: the registry's revision and, for each Consent Mode type, the category that
	 * grants it ({@code ""}: none, always denied; {@code "*"}: a required one, always granted). Ids and types are
	 * letters, digits, {@code -} and {@code _} (the registry checks them): nothing to escape.
	 */
	@GetMapping("/cookies/consent-mode.js")
	ResponseEntity<String> consentMode(HttpServletRequest request) {
		HostedSite site = this.sites.of(request);
		StringBuilder types = new StringBuilder();
		site.registry().consentModeTypes().forEach((type, category) -> types.append(types.isEmpty() ? "" : ",")
			.append('"').append(type).append("\":\"").append(category).append('"'));
		String script = "window.cookieConsentMode={\"revision\":" + site.registry().revision() + ",\"types\":{" + types
				+ "}};\n";
		return ResponseEntity.status(HttpStatus.OK)
			.contentType(JAVASCRIPT)
			.cacheControl(CacheControl.noCache())
			.body(script);
	}

}
